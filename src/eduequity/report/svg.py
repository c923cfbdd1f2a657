"""Charts of the html report, written as SVG text: horizontal bars sorted by value, a label
per bar (school or indicator names, never truncated without the full name as a tooltip),
the standard drawn and labelled, the unit on the axis.

The text stays text, so the reader's browser draws Chinese with its own fonts; a chart of
40 schools is a few kilobytes and takes well under a millisecond. No matplotlib is needed
(the notebook plots in :mod:`eduequity.report.plots` use it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

__all__ = ["Bar", "bar_chart", "text_width"]

_W = 960  # viewBox width; the chart is drawn at the page's full width
_ROW = 20
_FONT = 13
_COLOURS = {"met": "#3a7d44", "missed": "#c0392b", "tolerated": "#e67e22", "none": "#95a5a6"}
_MAX_LABEL = 480  # half the width: long names (English indicator names) fit whole


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, the standard it is held to and how it fares."""

    label: str
    value: float
    threshold: float | None
    state: str  # met | missed | tolerated | none
    value_text: str


def text_width(s: str, size: float = _FONT) -> float:
    """An estimate of the drawn width of ``s``: wide (CJK) characters one em, others 0.56
    (a sans-serif average, rounded up).

    >>> round(text_width("ab"), 2), text_width("学校")
    (14.56, 26)
    """
    return sum(size if ord(ch) > 0x2E80 else 0.56 * size for ch in s)


def _clip(s: str, width: float) -> str:
    if text_width(s) <= width:
        return s
    out = ""
    for ch in s:
        if text_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def _ticks(top: float) -> list[float]:
    if top <= 0:
        return [0.0]
    raw = top / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = int(top / step + 1e-9)
    return [i * step for i in range(n + 1)]


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def _tick_label(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:g}"


def bar_chart(
    bars: list[tuple[Bar, ...]] | list[Bar],
    *,
    title: str,
    axis: str,
    threshold_label: str,
    legend: dict[str, str] | None = None,
    values: bool = True,
) -> str:
    """An SVG chart of horizontal bars, in the order given, with the standard(s) drawn.

    One standard for every bar is a vertical line labelled at the top; standards that
    differ are a tick on each bar. ``values=False`` leaves out the number beside each bar
    (a province's report, where the table below holds them).

    >>> svg = bar_chart([Bar("A", 2.0, 3.0, "missed", "2.00")], title="t", axis="m²",
    ...                 threshold_label="standard 3")
    >>> svg.count('class="bar missed"'), "standard 3" in svg
    (1, True)
    """
    rows = [b for b in bars if isinstance(b, Bar)]
    label_w = min(max((text_width(b.label) for b in rows), default=40) + 8, _MAX_LABEL)
    value_w = max((text_width(b.value_text, 11) for b in rows), default=30) + 10 if values else 8
    x0, x1 = label_w + 8, _W - value_w - 4
    limits = [b.threshold for b in rows if b.threshold is not None]
    top = max([b.value for b in rows] + limits + [0.0]) * 1.05 or 1.0
    ticks = _ticks(top)
    top = max(top, ticks[-1])
    scale = (x1 - x0) / top
    head = 44 if legend else 30
    y0 = head + 16
    height = y0 + _ROW * len(rows) + 40
    same = len(set(limits)) == 1 and len(limits) == len(rows)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" '
        f'width="100%" font-size="{_FONT}" role="img" class="chart">',
        f'<text x="0" y="18" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    if legend:  # only the states the bars show
        legend = {k: v for k, v in legend.items() if any(b.state == k for b in rows)}
    if legend:
        lx = 0.0
        for state, name in legend.items():
            out.append(
                f'<rect x="{lx:.0f}" y="28" width="12" height="12" fill="{_COLOURS[state]}"/>'
                f'<text x="{lx + 16:.0f}" y="39">{escape(name)}</text>'
            )
            lx += 16 + text_width(name) + 18
    bottom = y0 + _ROW * len(rows)
    grid = "".join(f"M{x0 + t * scale:.0f} {y0 - 4}V{bottom}" for t in ticks)
    tick_text = "".join(
        f'<text x="{x0 + t * scale:.0f}" y="{bottom + 14}">{_tick_label(t)}</text>' for t in ticks
    )
    out.append(
        f'<path stroke="#e5e5e5" d="{grid}"/>'
        f'<g text-anchor="middle" font-size="11" fill="#555">{tick_text}</g>'
    )
    out.append(
        f'<text x="{(x0 + x1) / 2:.0f}" y="{height - 6}" text-anchor="middle" fill="#333">'
        f"{escape(axis)}</text>"
    )
    # bars of one state are one path (a few bytes per bar); labels and values in groups
    paths: dict[str, list[str]] = {}
    labels, numbers, ticks_ = [], [], []
    for i, b in enumerate(rows):
        y = y0 + i * _ROW
        w = max(b.value, 0) * scale
        paths.setdefault(b.state, []).append(f"M{x0:.0f} {y + 3}h{w:.0f}v14H{x0:.0f}z")
        shown = _clip(b.label, label_w - 8)
        tip = f"<title>{escape(b.label)}</title>" if shown != b.label else ""
        labels.append(f'<text x="{label_w:.0f}" y="{y + 14}">{tip}{escape(shown)}</text>')
        if values:
            shown_value = escape(b.value_text)
            numbers.append(f'<text x="{x0 + w + 4:.0f}" y="{y + 14}">{shown_value}</text>')
        if b.threshold is not None and not same:
            x = x0 + b.threshold * scale
            ticks_.append(f"M{x:.1f} {y + 1}v18")
    for state, d in paths.items():
        out.append(f'<path class="bar {state}" fill="{_COLOURS.get(state, _COLOURS["none"])}" '
                   f'd="{"".join(d)}"/>')  # fmt: skip
    out.append(f'<g text-anchor="end">{"".join(labels)}</g>')
    if numbers:
        out.append(f'<g font-size="11">{"".join(numbers)}</g>')
    if ticks_:
        out.append(f'<path stroke="#2c3e50" stroke-width="2" d="{"".join(ticks_)}"/>')
    if same and limits:
        x = x0 + limits[0] * scale
        anchor = "end" if x > (x0 + x1) / 2 else "start"
        dx = -4 if anchor == "end" else 4
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0 - 6}" y2="{y0 + _ROW * len(rows)}" '
            f'stroke="#2c3e50" stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{x + dx:.1f}" y="{y0 - 8}" text-anchor="{anchor}" fill="#2c3e50" '
            f'font-weight="bold">{escape(threshold_label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)

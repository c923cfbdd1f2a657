"""Plots of an assessment, for notebooks and reports (needs the ``plot`` extra: matplotlib).

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
figure state, no GUI backend). Labels are Chinese with ``lang="zh"`` when a CJK font is
installed (WenQuanYi, Noto CJK, Source Han, SimHei, …), English otherwise, so that no
glyph is ever missing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from eduequity._optional import require
from eduequity.errors import ConfigurationError
from eduequity.metrics import lorenz_curve

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from eduequity.assessment import Assessment, CountyResult, LevelResult

__all__ = [
    "figure_svg",
    "label_language",
    "plot_cvs",
    "plot_lorenz",
    "plot_school_values",
    "plot_trend",
]

_CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
_TEXT = {
    "zh": {
        "cv": "差异系数",
        "composite": "综合差异系数",
        "threshold": "标准",
        "school": "学校（按数值排序）",
        "population": "学生累计占比",
        "share": "资源累计占比",
        "equality": "完全均衡",
        "lorenz": "洛伦兹曲线",
        "cvs": "各指标差异系数与标准",
        "primary": "小学",
        "junior": "初中",
        "met": "达标",
        "missed": "未达标",
    },
    "en": {
        "cv": "coefficient of variation",
        "composite": "composite",
        "threshold": "threshold",
        "school": "schools (sorted by value)",
        "population": "cumulative share of pupils",
        "share": "cumulative share of the resource",
        "equality": "equality",
        "lorenz": "Lorenz curve",
        "cvs": "Coefficients of variation",
        "primary": "primary",
        "junior": "junior",
        "met": "meets the standard",
        "missed": "misses the standard",
    },
}
_MET, _MISSED, _LINE = "#3a7d44", "#c0392b", "#34495e"


def cjk_font() -> str | None:
    """The first installed CJK font family matplotlib can use, or ``None``."""
    require("matplotlib", "plot")
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in installed), None)


def label_language(lang: str) -> str:
    """The language plots will use: ``lang``, or ``"en"`` when Chinese has no font here."""
    if lang not in _TEXT:
        raise ConfigurationError(f"lang: expected 'zh' or 'en', got {lang!r}")
    return "zh" if lang == "zh" and cjk_font() is not None else "en"


@contextmanager
def _style(lang: str) -> Iterator[dict[str, str]]:
    mpl = require("matplotlib", "plot")
    lang = label_language(lang)
    cjk = cjk_font()
    fonts = ["DejaVu Sans"] if cjk is None else [cjk, "DejaVu Sans"]
    if lang == "en" and cjk is not None:
        fonts.reverse()  # Latin first; the CJK font still draws Chinese names
    rc = {
        "font.family": fonts,  # names, not "sans-serif": resolved when drawn, after this block
        "axes.unicode_minus": False,
        "svg.hashsalt": "eduequity",  # deterministic ids in SVG output
        "svg.fonttype": "path",  # text as paths: the SVG needs no font where it is shown
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with mpl.rc_context(rc):
        yield _TEXT[lang]


def _pick(
    assessment: Assessment, county: str | None, level: str
) -> tuple[CountyResult, LevelResult]:
    counties = assessment.counties
    if county is not None:
        counties = tuple(c for c in counties if c.county_code == county)
    if not counties:
        known = ", ".join(c.county_code for c in assessment.counties)
        raise ConfigurationError(f"county: {county!r} is not in the assessment ({known})")
    c = counties[0]
    if level not in c.levels:
        raise ConfigurationError(
            f"level: county {c.county_code} has no {level!r} sections "
            f"(levels: {', '.join(c.levels)})"
        )
    return c, c.levels[level]


def _name(assessment: Assessment, indicator: str, lang: str) -> str:
    return assessment.standard.name(indicator, label_language(lang))


def plot_school_values(
    assessment: Assessment,
    indicator: str,
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """Each school's value of ``indicator`` (sorted) against its standard.

    Bars that miss their school's standard are red; the line is the standard (a step when
    schools have different standards).
    """
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    rows = [(s.values.get(indicator), s.thresholds.get(indicator), s.school_id) for s in lv.schools]
    rows = [r for r in rows if r[0] is not None]
    rows.sort(key=lambda r: r[0] if r[0] is not None else 0.0)
    with _style(lang) as text:
        fig = Figure(figsize=(8, 3.6), layout="constrained")
        ax = fig.add_subplot()
        values = np.array([r[0] for r in rows], dtype=float)
        limits = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=float)
        comparison = _comparison(assessment, c, indicator)
        missed = values > limits if comparison == "at_most" else values < limits
        colors = [_MISSED if m else _MET for m in missed]
        xs = np.arange(len(rows))
        ax.bar(xs, values, color=colors, width=0.8)
        if np.isfinite(limits).any():
            ax.step(xs, limits, where="mid", color=_LINE, linewidth=1.5, label=text["threshold"])
            ax.legend(loc="upper left", frameon=False)
        ax.set_xticks(xs, [r[2] for r in rows], rotation=90, fontsize=6)
        ax.set_xlabel(text["school"])
        unit = assessment.standard.indicators.get(indicator, {}).get("unit", "")
        ax.set_ylabel(f"{_name(assessment, indicator, lang)}" + (f" ({unit})" if unit else ""))
        ax.set_title(f"{_county_label(c)} · {text[level]}")
    return fig


def _county_label(c: CountyResult) -> str:
    """Code and name; the name only where a font can draw it (names are often Chinese)."""
    if c.county_name.isascii() or cjk_font() is not None:
        return f"{c.county_code} {c.county_name}".strip()
    return c.county_code


def _comparison(assessment: Assessment, c: CountyResult, indicator: str) -> str:
    for lv in c.levels.values():
        for s in lv.schools:
            for m in s.failures:
                if m.indicator == indicator:
                    return m.comparison
    return "at_least"


def plot_cvs(
    assessment: Assessment, *, county: str | None = None, level: str = "primary", lang: str = "zh"
) -> Figure:
    """The CV of every indicator of the level against its threshold (or the composite's)."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    items = list(lv.indicators.values())
    with _style(lang) as text:
        fig = Figure(figsize=(8, 0.5 * len(items) + 1.4), layout="constrained")
        ax = fig.add_subplot()
        ys = np.arange(len(items))
        cvs = [i.cv if i.cv is not None else 0.0 for i in items]
        colors = [_MISSED if i.cv_passed is False else _MET for i in items]
        ax.barh(ys, cvs, color=colors)
        names = [_name(assessment, i.indicator, lang) for i in items]
        ax.set_yticks(ys, names, fontsize=8)
        ax.invert_yaxis()
        limit = next((i.cv_threshold for i in items if i.cv_threshold is not None), None)
        if limit is None and lv.composite is not None and lv.composite.value is not None:
            limit = lv.composite.threshold
            ax.axvline(
                lv.composite.value,
                color=_LINE,
                linestyle=":",
                linewidth=1.2,
                label=f"{text['composite']} {lv.composite.value:.3f}",
            )
        if limit is not None:
            ax.axvline(limit, color=_MISSED, linewidth=1.5, label=f"{text['threshold']} {limit:g}")
            ax.legend(loc="lower right", frameon=False)
        ax.set_xlabel(text["cv"])
        ax.set_title(f"{text['cvs']} · {c.county_code} · {text[level]}", fontsize=10)
    return fig


def plot_lorenz(
    assessment: Assessment,
    indicator: str,
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """The Lorenz curve of ``indicator`` over the level's schools, pupils as units."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    pairs = [(s.values.get(indicator), s.students) for s in lv.schools]
    values = np.array([v for v, _ in pairs if v is not None], dtype=float)
    pupils = np.array([p for v, p in pairs if v is not None], dtype=float)
    with _style(lang) as text:
        fig = Figure(figsize=(4.4, 4.4), layout="constrained")
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color="#999999", linewidth=1, label=text["equality"])
        if values.size and values.sum() > 0:
            p, v = lorenz_curve(values, pupils)
            ax.plot(p, v, color=_LINE, linewidth=1.8, label=_name(assessment, indicator, lang))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(text["population"])
        ax.set_ylabel(text["share"])
        ax.legend(loc="upper left", frameon=False, fontsize=8)
        ax.set_title(f"{text['lorenz']} · {c.county_code} · {text[level]}", fontsize=10)
    return fig


def plot_trend(
    entries: list[dict[str, Any]],
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """The CV of each indicator over the years (from :func:`eduequity.trend.trend`), with
    the threshold."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    chosen = [e for e in entries if e["level"] == level]
    if county is not None:
        chosen = [e for e in chosen if e["county_code"] == county]
    if not chosen:
        raise ConfigurationError(f"no trend for county {county!r}, level {level!r}")
    code = chosen[0]["county_code"]
    chosen = [e for e in chosen if e["county_code"] == code]
    with _style(lang) as text:
        fig = Figure(figsize=(7, 4), layout="constrained")
        ax = fig.add_subplot()
        for e in chosen:
            pts = [(y, v) for y, v in zip(e["years"], e["cv"], strict=True) if v is not None]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=e["indicator"])
        limit = next((e["threshold"] for e in chosen if e["threshold"] is not None), None)
        if limit is not None:
            ax.axhline(limit, color=_MISSED, linewidth=1.5, label=f"{text['threshold']} {limit:g}")
        ax.set_xticks(sorted({y for e in chosen for y in e["years"]}))
        ax.set_ylabel(text["cv"])
        ax.legend(fontsize=7, frameon=False, loc="upper right")
        ax.set_title(f"{code} · {text[level]}", fontsize=10)
    return fig


def figure_svg(fig: Figure) -> str:
    """The figure as SVG text, deterministic (no date, fixed ids)."""
    mpl: Any = require("matplotlib", "plot")
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "eduequity", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()

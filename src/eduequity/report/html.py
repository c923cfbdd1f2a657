"""The html report: one self-contained file (styles inline, plots embedded as SVG).

Chinese by default, English with ``lang="en"``. Without matplotlib (the ``plot`` extra) the
report is complete but for the plots, and says so. Output is deterministic: the same
assessment gives the same bytes.
"""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

from eduequity.report.text import fmt_value, headline, labels, part_reasons, status_text

if TYPE_CHECKING:
    from eduequity.assessment import Assessment, CountyResult, LevelResult, SchoolResult

__all__ = ["render_html"]

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",
 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{margin-top:1.6rem}.meta{color:#666;font-size:.85rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:.8rem;color:#fff;font-size:.9rem}
.passed{background:#3a7d44}.failed{background:#c0392b}.not_assessed{background:#7f8c8d}
.not_applicable{background:#bdc3c7}
td.miss{background:#f8d7d3}td.tolerated{background:#fdebd0}
.why{font-size:1rem}.figures{display:flex;flex-wrap:wrap;gap:1rem}
.figures img{max-width:calc(50% - .5rem);height:auto;border:1px solid #eee}
.badge,td:first-child{white-space:nowrap}.note{color:#7f8c8d;font-style:italic}
.wide{overflow-x:auto}
"""


def render_html(assessment: Assessment, *, lang: str = "zh", plots: bool = True) -> str:
    """The whole report as one html document."""
    lab = labels(lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(lab["standard"])}: <code>{escape(std.id)}</code> '
        f"r{std.revision} · {escape(std.document)} · {escape(' > '.join(std.lineage))} · "
        f"<code>{escape(std.digest)}</code></p>",
        summary_table(assessment, lang),
    ]
    can_plot = plots and _has_matplotlib()
    if plots and not can_plot:
        body.append(f'<p class="note">{escape(lab["no_plots"])}</p>')
    for c in assessment.counties:
        body.append(_county(assessment, c, lang, can_plot))
    if assessment.warnings:
        body.append(f"<h2>{escape(lab['warnings'])}</h2><ul>")
        body += [f"<li>{escape(w.message)}</li>" for w in assessment.warnings]
        body.append("</ul>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def summary_table(assessment: Assessment, lang: str) -> str:
    """The verdict of every county, one row each (also Jupyter's view of an assessment)."""
    lab = labels(lang)
    rows = [
        f"<tr><th>{escape(lab['county'])}</th><th>{escape(lab['year'])}</th>"
        f"<th>{escape(lab['verdict'])}</th><th>{escape(lab['why'])}</th></tr>"
    ]
    for c in assessment.counties:
        rows.append(
            f"<tr><td>{escape(c.county_code)} {escape(c.county_name)}</td><td>{c.year}</td>"
            f"<td>{_badge(c.passed, lab)}</td>"
            f"<td>{escape(headline(c, lab, lang == 'zh', with_name=False))}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _badge(passed: bool | None, lab: dict[str, str]) -> str:
    cls = "passed" if passed is True else "failed" if passed is False else "not_assessed"
    return f'<span class="badge {cls}">{escape(status_text(passed, lab))}</span>'


def _county(assessment: Assessment, c: CountyResult, lang: str, can_plot: bool) -> str:
    lab = labels(lang)
    out = [
        f'<section class="county"><h2>{escape(c.county_code)} {escape(c.county_name)} · '
        f"{c.year} {_badge(c.passed, lab)}</h2>",
        f'<p class="why">{escape(headline(c, lab, lang == "zh"))}</p>',
        _parts(c, lang),
    ]
    for lv, level in c.levels.items():
        out.append(_level(assessment, c, lv, level, lang, can_plot))
    if c.excluded:
        out.append(f"<h3>{escape(lab['excluded'])}</h3><ul>")
        out += [
            f"<li>{escape(str(e['school_id']))} ({escape(str(e['level']))}): "
            f"{escape(str(e['reason']))}</li>"
            for e in c.excluded
        ]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _parts(c: CountyResult, lang: str) -> str:
    lab = labels(lang)
    rows = [
        f"<tr><th>{escape(lab['parts'])}</th><th>{escape(lab['verdict'])}</th>"
        f"<th>{escape(lab['why'])}</th></tr>"
    ]
    for p in c.parts.values():
        name = p.zh if lang == "zh" else p.en
        why = part_reasons(p, lab)
        cls = p.status
        rows.append(
            f'<tr><td>{escape(name)}</td><td><span class="badge {cls}">'
            f"{escape(lab.get(p.status, p.status))}</span></td><td>{escape(why)}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _level(
    assessment: Assessment,
    c: CountyResult,
    lv: str,
    level: LevelResult,
    lang: str,
    can_plot: bool,
) -> str:
    lab = labels(lang)
    name = assessment.standard.name
    out = [f"<h3>{escape(lab[lv])} ({len(level.schools)} {escape(lab['schools'])}) "
           f"{_badge(level.passed, lab)}</h3>"]  # fmt: skip
    comp = level.composite
    if comp is not None:
        value = "—" if comp.value is None else f"{comp.value:.3f}"
        out.append(
            f"<p>{escape(lab['composite'])}: <b>{value}</b> ≤ {comp.threshold:g} "
            f"{_badge(comp.passed, lab)}</p>"
        )
    rows = [
        "<tr>"
        + "".join(
            f"<th>{escape(lab[k])}</th>"
            for k in ("indicator", "mean", "cv", "threshold", "verdict")
        )
        + "</tr>"
    ]
    for ind in level.indicators.values():
        cv = lab["undefined"] if ind.cv is None else f"{ind.cv:.3f}"
        limit = "—" if ind.cv_threshold is None else f"{ind.cv_threshold:g}"
        verdict = "—" if ind.cv_threshold is None else _badge(ind.cv_passed, lab)
        mean = fmt_value(ind.mean)
        rows.append(
            f'<tr><td>{escape(name(ind.indicator, lang))}</td><td class="num">{mean}</td>'
            f'<td class="num">{cv}</td><td class="num">{limit}</td><td>{verdict}</td></tr>'
        )
    if level.indicators:
        out.append("<table>" + "".join(rows) + "</table>")
    if can_plot:
        out.append(_figures(assessment, c, lv, level, lang))
    out.append(_schools(assessment, level, lang))
    return "\n".join(out)


def _figures(
    assessment: Assessment, c: CountyResult, lv: str, level: LevelResult, lang: str
) -> str:
    from eduequity.plots import figure_svg, plot_cvs, plot_lorenz, plot_school_values

    figs = []
    if level.indicators:
        figs.append(plot_cvs(assessment, county=c.county_code, level=lv, lang=lang))
    # the CV indicators that also have a per-school standard (2017: the seven)
    with_standard = [k for k in level.indicators if any(k in s.thresholds for s in level.schools)]
    for ind in with_standard:
        figs.append(plot_school_values(assessment, ind, county=c.county_code, level=lv, lang=lang))
    first = next(iter(level.indicators), None) or (with_standard[0] if with_standard else None)
    if first is not None:
        figs.append(plot_lorenz(assessment, first, county=c.county_code, level=lv, lang=lang))
    imgs = []
    for fig in figs:
        data = base64.b64encode(figure_svg(fig).encode("utf-8")).decode("ascii")
        imgs.append(f'<img alt="" src="data:image/svg+xml;base64,{data}">')
    return '<div class="figures">' + "".join(imgs) + "</div>"


def _schools(assessment: Assessment, level: LevelResult, lang: str) -> str:
    lab = labels(lang)
    name = assessment.standard.name
    columns = sorted({k for s in level.schools for k in s.thresholds}) or sorted(
        {k for s in level.schools for k, v in s.values.items() if v is not None}
    )
    head = (
        f"<tr><th>{escape(lab['school'])}</th><th>{escape(lab['students'])}</th>"
        + "".join(f"<th>{escape(name(k, lang))}</th>" for k in columns)
        + f"<th>{escape(lab['verdict'])}</th><th>{escape(lab['misses'])}</th></tr>"
    )
    rows = [head]
    for s in level.schools:
        rows.append(_school_row(s, columns, lab))
    return '<div class="wide"><table>' + "".join(rows) + "</table></div>"


def _school_row(s: SchoolResult, columns: list[str], lab: dict[str, str]) -> str:
    missed = {m.indicator: m for m in s.failures}
    cells = []
    for k in columns:
        v = s.values.get(k)
        m = missed.get(k)
        cls = "num" + ("" if m is None else " tolerated" if m.tolerated else " miss")
        limit = s.thresholds.get(k)
        tip = "" if limit is None else f' title="{escape(lab["threshold"])} {limit:g}"'
        cells.append(f'<td class="{cls}"{tip}>{fmt_value(v)}</td>')
    other = [m for m in s.failures if m.indicator not in columns]
    notes = "; ".join(f"{m.indicator} {fmt_value(m.value)} / {m.threshold:g}" for m in other)
    verdict = "—" if s.passed is None else _badge(s.passed, lab)
    return (
        f"<tr><td>{escape(s.school_id)} {escape(s.school_name)}</td>"
        f'<td class="num">{s.students:,.0f}</td>{"".join(cells)}<td>{verdict}</td>'
        f"<td>{escape(notes)}</td></tr>"
    )


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True

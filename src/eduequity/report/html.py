"""The html report: one self-contained file (styles inline, charts as inline SVG).

Chinese by default, English with ``lang="en"``; one language throughout, names of schools
and places as given. Several counties get an overview table of verdicts, each linked to
the county's section. Output is deterministic: the same assessment gives the same bytes.
Charts need no optional library (see :mod:`eduequity.report.svg`).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from eduequity.report.charts import level_charts
from eduequity.report.names import (
    Names,
    cell_digits,
    fmt_compared,
    fmt_number,
    fmt_threshold,
    fmt_value,
    whole_column,
)
from eduequity.report.provenance import provenance_lines
from eduequity.report.reasons import exclusion_text, part_reasons, school_summary, warning_text
from eduequity.report.text import headline, part_name, verdict_header

if TYPE_CHECKING:
    from eduequity.assessment import Assessment, CountyResult, LevelResult, SchoolResult

__all__ = ["county_anchor", "render_html", "repr_html", "summary_table"]

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",
"PingFang SC",system-ui,sans-serif;margin:1.5rem auto;max-width:1280px;padding:0 1rem;color:#222;
line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{margin-top:1.6rem}.meta{color:#666;font-size:.85rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:.8rem;color:#fff;font-size:.9rem;
white-space:nowrap}
.passed{background:#3a7d44}.failed{background:#c0392b}.not_assessed{background:#7f8c8d}
.not_applicable{background:#bdc3c7}
.s td:nth-child(n+4){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.m{background:#f8d7d3}th{min-width:4.5em}td.t{background:#fdebd0}
.why{font-size:1rem}.chart{display:block;margin:1rem 0;max-width:100%}
.note{color:#555;font-style:italic}.wide{overflow-x:auto}.misses{min-width:24rem}
td ul{margin:0;padding-left:1.1rem}.parts td:first-child,.badge{white-space:nowrap}
"""


def _prose(s: str) -> str:
    """Library text as html: escaped, ids in backticks as ``<code>``."""
    parts = s.split("`")
    return "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts))


def county_anchor(c: CountyResult) -> str:
    """The id of a county's section (``c-<code>-<year>``)."""
    return f"c-{c.county_code}-{c.year}"


def _head(title: str, lang: str) -> str:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
    )


def _meta(assessment: Assessment, names: Names) -> str:
    std = assessment.standard
    return (
        f'<p class="meta">{escape(names.t("standard"))}{escape(names.t("colon"))}'
        f"<code>{escape(std.id)}</code> r{std.revision} · {escape(std.document)} · "
        f"<code>{escape(std.digest)}</code></p>"
    )


def render_html(
    assessment: Assessment,
    *,
    lang: str = "zh",
    plots: bool = True,
    links: Callable[[CountyResult], str] | None = None,
) -> str:
    """The whole report as one html document.

    The overview links each county to its section in this page; with ``links`` (a
    county's address, e.g. its own file: ``split=True`` of
    :func:`~eduequity.report.files.write_report`) to that instead, and the page holds the
    overview only.

    >>> from eduequity import evaluate, load_example
    >>> page = render_html(evaluate(load_example()), lang="en", plots=False)
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    True
    """
    names = Names(assessment, lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    body = [f"<h1>{escape(title)}</h1>", _meta(assessment, names)]
    body.append(summary_table(assessment, lang, links=links or _anchor, names=names))
    if links is None:
        compact = len(assessment.counties) > 1
        for c in assessment.counties:
            body.append(county_section(assessment, c, names, plots, compact=compact))
    if assessment.warnings:
        body.append(f"<h2>{escape(names.t('warnings'))}</h2><ul>")
        body += [f"<li>{_prose(warning_text(w, names))}</li>" for w in assessment.warnings]
        body.append("</ul>")
    return _head(title, lang) + "\n".join(body) + "\n</body></html>\n"


def county_page(
    assessment: Assessment, c: CountyResult, *, lang: str = "zh", plots: bool = True,
    index: str | None = None,
) -> str:  # fmt: skip
    """One county's report as its own html document (``index``: a link back)."""
    names = Names(assessment, lang)
    title = names.t("report_of", county=f"{c.county_code} {c.county_name}".strip())
    body = [f"<h1>{escape(title)}</h1>", _meta(assessment, names)]
    if index is not None:
        body.append(f'<p><a href="{escape(index)}">{escape(names.t("index"))}</a></p>')
    body.append(county_section(assessment, c, names, plots))
    return _head(title, lang) + "\n".join(body) + "\n</body></html>\n"


_INLINE = {
    "table": "border-collapse:collapse;font-size:.85rem",
    "td": "border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top",
    "th": "border:1px solid #ddd;padding:.2rem .5rem;text-align:left;background:#f4f6f8",
    "passed": "background:#3a7d44",
    "failed": "background:#c0392b",
    "not_assessed": "background:#7f8c8d",
    "not_applicable": "background:#bdc3c7",
    "badge": "display:inline-block;padding:.1rem .6rem;border-radius:.8rem;color:#fff;"
    "white-space:nowrap",
}


def _badge(
    passed: bool | None, names: Names, *, status: str | None = None, inline: bool = False
) -> str:
    cls = status or (
        "passed" if passed is True else "failed" if passed is False else "not_assessed"
    )
    style = ""
    if inline:
        style = f' style="{_INLINE["badge"]};{_INLINE.get(cls, _INLINE["not_assessed"])}"'
    return f'<span class="badge {cls}"{style}>{escape(names.t(cls))}</span>'


def _anchor(c: CountyResult) -> str:
    return "#" + county_anchor(c)


def summary_table(
    assessment: Assessment,
    lang: str,
    *,
    links: Callable[[CountyResult], str] | None = None,
    names: Names | None = None,
) -> str:
    """The verdict of every county, one row each, with inline styles (so it also shows
    in a notebook); with ``links`` each county links to its section or file."""
    names = names or Names(assessment, lang)
    th, td = _INLINE["th"], _INLINE["td"]
    rows = [
        "<tr>"
        + "".join(
            f'<th style="{th}">{escape(names.t(k))}</th>'
            for k in ("county", "year", "verdict", "why")
        )
        + "</tr>"
    ]
    for c in assessment.counties:
        label = f"{escape(c.county_code)} {escape(c.county_name)}"
        if links is not None:
            label = f'<a href="{escape(links(c))}">{label}</a>'
        rows.append(
            f'<tr><td style="{td}">{label}</td><td style="{td}">{c.year}</td>'
            f'<td style="{td}">{_badge(c.passed, names, inline=True)}</td>'
            f'<td style="{td}">{escape(headline(c, names, with_name=False))}</td></tr>'
        )
    counts = _counts(assessment, names)
    return f'<p>{escape(counts)}</p><table style="{_INLINE["table"]}">' + "".join(rows) + "</table>"


def _counts(assessment: Assessment, names: Names) -> str:
    verdicts = list(assessment.county_verdicts().values())
    return names.t(
        "summary_counts",
        total=len(verdicts),
        passed=sum(v is True for v in verdicts),
        failed=sum(v is False for v in verdicts),
        open=sum(v is None for v in verdicts),
    )


def repr_html(assessment: Assessment, lang: str = "zh") -> str:
    """A notebook's view of an assessment: the standard and every county's verdict, with
    inline styles (Jupyter drops ``<style>`` blocks in some front ends).

    >>> from eduequity import evaluate, load_example
    >>> repr_html(evaluate(load_example())).startswith("<div><p><b>")
    True
    """
    names = Names(assessment, lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    return (
        f"<div><p><b>{escape(title)}</b> <code>{escape(std.id)}</code> r{std.revision}</p>"
        + summary_table(assessment, lang, names=names)
        + "</div>"
    )


def county_section(
    assessment: Assessment, c: CountyResult, names: Names, plots: bool, *, compact: bool = False
) -> str:
    """A county's section: verdict, parts with reasons, levels, schools left out.

    ``compact``: per-school charts without the number beside each bar (the table holds
    them), for reports of many counties in one file."""
    out = [
        f'<section class="county" id="{county_anchor(c)}"><h2>{escape(c.county_code)} '
        f"{escape(c.county_name)} · {c.year} {_badge(c.passed, names)}</h2>",
        f'<p class="why">{escape(headline(c, names))}</p>',
        _parts(c, names),
    ]
    for lv, level in c.levels.items():
        out.append(_level(c, lv, level, names, plots, compact))
    if c.excluded:
        out.append(f"<h3>{escape(names.t('excluded'))}</h3><ul>")
        out += [
            f"<li>{escape(str(e['school_id']))} ({escape(names.level(str(e['level'])))})"
            f"{escape(names.t('colon'))}{_prose(exclusion_text(e, names))}</li>"
            for e in c.excluded
        ]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _parts(c: CountyResult, names: Names) -> str:
    rows = [
        "<tr>"
        + "".join(f"<th>{escape(names.t(k))}</th>" for k in ("parts", "verdict", "why"))
        + "</tr>"
    ]
    for p in c.parts.values():
        why = part_reasons(p, c, names) if p.status != "passed" else ""
        sources = "".join(
            f'<div class="provenance">{escape(x)}</div>' for x in provenance_lines(p, c, names)
        )
        rows.append(
            f"<tr><td>{escape(part_name(p, names))}</td>"
            f"<td>{_badge(p.passed, names, status=p.status)}</td><td>{_prose(why)}{sources}</td>"
            "</tr>"
        )
    return '<table class="parts">' + "".join(rows) + "</table>"


def _level(
    c: CountyResult, lv: str, level: LevelResult, names: Names, plots: bool, compact: bool
) -> str:
    out = [
        f"<h3>{escape(names.level(lv))} ({len(level.schools)} {escape(names.t('schools'))}) "
        f"{_badge(level.passed, names)}</h3>"
    ]
    comp = level.composite
    if comp is not None:
        value = (
            names.t("undefined")
            if comp.value is None
            else fmt_compared(comp.value, comp.threshold, "at_most", base=3)
        )
        out.append(
            f"<p>{escape(names.t('composite'))}{escape(names.t('colon'))}<b>{value}</b> ≤ "
            f"{fmt_threshold(comp.threshold)} {_badge(comp.passed, names)}</p>"
        )
    keys = ("indicator", "unit", "mean", "cv", "threshold", "verdict")
    rows = ["<tr>" + "".join(f"<th>{escape(names.t(k))}</th>" for k in keys) + "</tr>"]
    for ind in level.indicators.values():
        if ind.cv is None:
            cv = escape(names.t("undefined"))
        elif ind.cv_threshold is None:
            cv = fmt_number(ind.cv, 3)
        else:
            cv = fmt_compared(ind.cv, ind.cv_threshold, "at_most", base=3)
        tip = "" if ind.cv is None else f' title="{ind.cv!r}"'
        limit = "—" if ind.cv_threshold is None else f"≤ {fmt_threshold(ind.cv_threshold)}"
        verdict = "—" if ind.cv_threshold is None else _badge(ind.cv_passed, names)
        rows.append(
            f"<tr><td>{escape(names.indicator(ind.indicator))}</td>"
            f"<td>{escape(names.indicator_unit(ind.indicator))}</td>"
            f'<td class="n">{fmt_value(ind.mean)}</td><td class="n"{tip}>{cv}</td>'
            f'<td class="n">{limit}</td><td>{verdict}</td></tr>'
        )
    if level.indicators:
        out.append("<table>" + "".join(rows) + "</table>")
    if plots:
        out.append(level_charts(c, lv, level, names, compact))
    out.append(_schools(level, names))
    return "\n".join(out)


def _schools(level: LevelResult, names: Names) -> str:
    # the level's CV indicators first, then the other standards, in the rule set's order
    with_standard = {
        k: None for s in level.schools for k in s.thresholds if s.values.get(k) is not None
    }
    given = {k: None for s in level.schools for k, v in s.values.items() if v is not None}
    pool = with_standard or given
    columns = [k for k in level.indicators if k in pool] + [
        k for k in pool if k not in level.indicators
    ]
    # the verdict and what to mend come first: readable without scrolling sideways
    head = [
        f"<tr><th>{escape(names.t('school'))}</th><th>{escape(verdict_header(names))}</th>"
        f'<th class="misses">{escape(names.t("misses"))}</th>'
        f"<th>{escape(names.t('students'))}</th>"
    ]
    for k in columns:
        u = names.indicator_unit(k)
        limits = {s.thresholds.get(k) for s in level.schools}
        cmp = next((m.comparison for s in level.schools for m in s.failures if m.indicator == k),
                   "at_least")  # fmt: skip
        std = ""
        if len(limits) == 1 and (only := limits.pop()) is not None:
            std = f"<br>{escape(names.t('threshold'))} {names.t(cmp)} {fmt_threshold(only)}"
        head.append(f"<th>{escape(names.indicator(k))}{f' ({escape(u)})' if u else ''}{std}</th>")
    head.append("</tr>")
    rows = ["".join(head)]
    bases = {k: whole_column([s.values.get(k) for s in level.schools]) for k in columns}
    for s in level.schools:
        rows.append(_school_row(s, columns, names, bases))
    return '<div class="wide"><table class="s">' + "".join(rows) + "</table></div>"


def _school_row(s: SchoolResult, columns: list[str], names: Names, bases: dict[str, bool]) -> str:
    missed = {m.indicator: m for m in s.failures}
    cells = []
    for k in columns:
        v = s.values.get(k)
        m = missed.get(k)
        limit = s.thresholds.get(k)
        # numbers align right by the table's style (.s: from the 4th column on)
        cls = "" if m is None else ' class="t"' if m.tolerated else ' class="m"'
        if v is None:
            cells.append(f"<td{cls}>—</td>")
            continue
        cmp = m.comparison if m is not None else "at_least"
        base = cell_digits(v, bases[k])
        shown = fmt_value(v, base) if limit is None else fmt_compared(v, limit, cmp, base=base)
        # full precision in the tooltip, where the cell rounds
        tip = "" if shown.replace(",", "") == f"{v:g}" else f' title="{v!r}"'
        cells.append(f"<td{cls}{tip}>{shown}</td>")
    misses = school_summary(s, names)
    items = "".join(f"<li>{_prose(h)}</li>" for h in misses.level)
    sep, colon = names.t("clause_sep"), names.t("colon")
    items += "".join(
        f'<li class="other"><b>{escape(part)}</b>{escape(colon)}{_prose(sep.join(m))}</li>'
        for part, m in misses.other
    )
    note = misses.note
    if note:
        items += f'<li class="note">{_prose(note)}</li>'
    verdict = "—" if s.passed is None else _badge(s.passed, names)
    if s.passed is True and note:
        verdict += f'<br><span class="note">{escape(names.t("passes_with_tolerated"))}</span>'
    return (
        f"<tr><td>{escape(s.school_id)} {escape(s.school_name)}</td><td>{verdict}</td>"
        f"<td>{'<ul>' + items + '</ul>' if items else ''}</td>"
        f'<td class="n">{s.students:,.0f}</td>{"".join(cells)}</tr>'
    )

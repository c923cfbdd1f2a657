"""The monitoring report as text, Markdown and html, in one language (``zh`` or ``en``).

Every label comes from the library's one catalogue (:mod:`eduequity.report.labels`, keys
``mon.*``); indicator names from the standard. The html is one
self-contained page: an overview table of the latest year (sortable by any column), a heat
map of every county's margins, the regional roll-ups and the between/within analysis.
"""

from __future__ import annotations

import html
from typing import Any

from eduequity.monitor.margins import CountyStatus
from eduequity.monitor.result import Monitoring
from eduequity.report.labels import text

__all__ = ["render_html", "render_markdown", "render_text"]



def _t(key: str, lang: str, **fields: Any) -> str:
    return text(f"mon.{key}", lang, **fields)


def _verdict(passed: bool | None, lang: str) -> str:
    return _t({True: "passed", False: "failed", None: "undecided"}[passed], lang)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _cv(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _overview_rows(m: Monitoring, lang: str) -> tuple[int, list[list[str]]]:
    year = m.years[-1]
    by_code = {c.county_code: c for c in m.counties if c.year == year}
    prev = {ch.county_code: ch for ch in m.county_changes if ch.year_to == year}
    rows = []
    for r in m.ranking(year):
        c = by_code[r.county_code]
        b = c.binding
        binding = "—" if b is None else f"{_t(b[0], lang)} {m.name(b[1].indicator, lang)}"
        failing = sum(s.failing_sections for s in c.levels.values())
        since = _t(prev[r.county_code].kind, lang) if r.county_code in prev else "—"
        rows.append([str(r.rank), c.county_code, c.county_name, _verdict(c.passed, lang),
                     _t(c.warning, lang), binding, _pct(r.share), str(failing), since])  # fmt: skip
    return year, rows


def _overview_head(lang: str) -> list[str]:
    keys = ("rank", "code", "county", "verdict", "warning", "binding", "margin",
            "failing_sections", "since")  # fmt: skip
    return [_t(k, lang) for k in keys]


def _regression_lines(m: Monitoring, lang: str) -> list[str]:
    names = {c.county_code: c.county_name or c.county_code for c in m.counties}
    out = []
    for ch in m.county_changes:
        if ch.kind == "regressed":
            out.append(_t("county_regressed", lang, county=names[ch.county_code],
                          y0=ch.year_from, y1=ch.year_to))  # fmt: skip
    for cv in m.changes:
        if cv.crossed_up:
            out.append(_t("cv_crossed", lang, county=names[cv.county_code],
                          level=_t(cv.level, lang), indicator=m.name(cv.indicator, lang),
                          y0=cv.year_from, y1=cv.year_to, v0=_cv(cv.value_from),
                          v1=_cv(cv.value_to), t=_cv(cv.threshold)))  # fmt: skip
    return out


def _change_lines(m: Monitoring, lang: str) -> list[str]:
    names = {c.county_code: c.county_name or c.county_code for c in m.counties}
    moved = [ch for ch in m.changes if ch.movement in ("rose", "fell")]
    out = [
        _t("moved", lang, county=names[ch.county_code], level=_t(ch.level, lang),
           indicator=m.name(ch.indicator, lang), y0=ch.year_from, y1=ch.year_to,
           v0=_cv(ch.value_from), v1=_cv(ch.value_to), direction=_t(ch.movement, lang))
        for ch in moved
    ]  # fmt: skip
    rest = sum(1 for ch in m.changes if ch.movement == "no_change")
    if rest:
        out.append(_t("unchanged_count", lang, n=rest))
    return out


def _region(code: str, lang: str) -> str:
    return _t("all", lang) if code == "all" else code


def _rollup_rows(m: Monitoring, lang: str) -> list[list[str]]:
    rows = []
    for r in m.rollups:
        share = r.pupils_in_passing / r.pupils if r.pupils else None
        w = r.warnings
        counts = f"{w['red']}/{w['amber']}/{w['green']}"
        region = _region(r.region, lang)
        rows.append([region, str(r.year), str(r.counties), str(r.passed), _pct(share), counts])
    return rows


def _rollup_head(lang: str) -> list[str]:
    keys = ("region", "year", "counties", "n_passed", "pupils_passing", "warnings")
    return [_t(k, lang) for k in keys]


def _analysis_rows(m: Monitoring, lang: str) -> list[list[str]]:
    year = m.years[-1]
    return [
        [_region(r.region, lang), _t(r.level, lang), m.name(r.indicator, lang), _cv(r.pooled_cv),
         _pct(r.between_share), _cv(r.cv_of_county_means)]
        for r in m.regions if r.year == year
    ]  # fmt: skip


def _analysis_head(lang: str) -> list[str]:
    keys = ("region", "level", "indicator", "pooled_cv", "between_share", "cv_means")
    return [_t(k, lang) for k in keys]


def _bands_note(m: Monitoring, lang: str) -> str:
    return _t("bands_note", lang, amber=_pct(m.bands.amber_share), noise=m.tolerance.absolute,
              decimals=m.tolerance.decimals)  # fmt: skip


def _header(m: Monitoring, lang: str) -> list[str]:
    years = "、".join(map(str, m.years)) if lang == "zh" else ", ".join(map(str, m.years))
    return [
        f"{_t('standard', lang)}: {m.standard}",
        f"{_t('years', lang)}: {years}",
        f"{_t('counties', lang)}: {len({c.county_code for c in m.counties})}",
    ]


def render_text(m: Monitoring, lang: str = "zh") -> str:
    """Plain text: header, overview, regressions, roll-ups, analysis, notes."""
    if not m.counties:
        return _t("title", lang) + "\n"
    lines = [_t("title", lang), *_header(m, lang), ""]
    year, rows = _overview_rows(m, lang)
    lines += [_t("overview", lang, year=year), _table_text(_overview_head(lang), rows), ""]
    lines += [_t("regressions", lang)]
    lines += _regression_lines(m, lang) or [_t("no_regressions", lang)]
    if m.changes:
        lines += ["", _t("changes", lang), *_change_lines(m, lang)]
    lines += ["", _t("rollups", lang), _table_text(_rollup_head(lang), _rollup_rows(m, lang))]
    lines += ["", _t("analysis", lang), _table_text(_analysis_head(lang), _analysis_rows(m, lang))]
    lines += ["", _t("notes", lang), _bands_note(m, lang), *m.notes]
    return "\n".join(lines) + "\n"


def _table_text(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join("  ".join(r) for r in [head, *rows])


def _md_cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def _table_md(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(map(_md_cell, head)) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(map(_md_cell, r)) + " |" for r in rows]
    return "\n".join(out)


def render_markdown(m: Monitoring, lang: str = "zh") -> str:
    """Markdown with the same sections as the text; names escaped."""
    if not m.counties:
        return f"# {_t('title', lang)}\n"
    parts = [f"# {_t('title', lang)}", "\n".join(f"- {_md_cell(h)}" for h in _header(m, lang))]
    year, rows = _overview_rows(m, lang)
    parts += [f"## {_t('overview', lang, year=year)}", _table_md(_overview_head(lang), rows)]
    reg = _regression_lines(m, lang) or [_t("no_regressions", lang)]
    parts += [f"## {_t('regressions', lang)}", "\n".join(f"- {_md_cell(x)}" for x in reg)]
    if m.changes:
        parts += [f"## {_t('changes', lang)}",
                  "\n".join(f"- {_md_cell(x)}" for x in _change_lines(m, lang))]  # fmt: skip
    parts += [f"## {_t('rollups', lang)}", _table_md(_rollup_head(lang), _rollup_rows(m, lang))]
    parts += [f"## {_t('analysis', lang)}",
              _table_md(_analysis_head(lang), _analysis_rows(m, lang))]  # fmt: skip
    parts += [f"## {_t('notes', lang)}",
              "\n".join(f"- {_md_cell(x)}" for x in [_bands_note(m, lang), *m.notes])]  # fmt: skip
    return "\n\n".join(parts) + "\n"


_COLOURS = {"red": "#f8d0d0", "amber": "#fbe7b5", "green": "#d5efd5", "none": "#eeeeee"}
_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function (th, i) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    rows.sort(function (a, b) {
      var x = a.cells[i].dataset.v || a.cells[i].textContent;
      var y = b.cells[i].dataset.v || b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def _table_html(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    e = html.escape
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _heatmap(m: Monitoring, lang: str) -> str:
    e = html.escape
    year = m.years[-1]
    latest: list[CountyStatus] = [c for c in m.counties if c.year == year]
    columns = sorted({(lv, mg.indicator) for c in latest for lv, s in c.levels.items()
                      for mg in s.margins})  # fmt: skip
    head = "".join(
        f"<th>{e(_t(lv, lang))}<br>{e(m.name(ind, lang))}</th>" for lv, ind in columns
    )
    rows = []
    for c in latest:
        cells = []
        for lv, ind in columns:
            mg = next((x for x in c.levels[lv].margins if x.indicator == ind), None) \
                if lv in c.levels else None  # fmt: skip
            if mg is None:
                cells.append("<td></td>")
                continue
            tip = f"{_cv(mg.value)} / {_cv(mg.threshold)}"
            cells.append(f'<td style="background:{_COLOURS[mg.warning]}" title="{e(tip)}">'
                         f"{e(_pct(mg.share))}</td>")  # fmt: skip
        name = e(c.county_name or c.county_code)
        rows.append(f"<tr><th>{name}</th>{''.join(cells)}</tr>")
    return (f'<table class="heat"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")  # fmt: skip


def render_html(m: Monitoring, lang: str = "zh") -> str:
    """One self-contained page with the overview, heat map, roll-ups and analysis."""
    e = html.escape
    title = _t("title", lang)
    body = [f"<h1>{e(title)}</h1>", "<ul>" + "".join(f"<li>{e(h)}</li>" for h in _header(m, lang))
            + "</ul>"]  # fmt: skip
    if m.counties:
        year, rows = _overview_rows(m, lang)
        body += [f"<h2>{e(_t('overview', lang, year=year))}</h2>",
                 _table_html(_overview_head(lang), rows, "sortable")]  # fmt: skip
        reg = _regression_lines(m, lang) or [_t("no_regressions", lang)]
        body += [f"<h2>{e(_t('regressions', lang))}</h2>",
                 "<ul>" + "".join(f"<li>{e(x)}</li>" for x in reg) + "</ul>"]  # fmt: skip
        if m.changes:
            body += [f"<h2>{e(_t('changes', lang))}</h2>",
                     "<ul>" + "".join(f"<li>{e(x)}</li>" for x in _change_lines(m, lang))
                     + "</ul>"]  # fmt: skip
        body += [f"<h2>{e(_t('heatmap', lang))}</h2>", _heatmap(m, lang)]
        body += [f"<h2>{e(_t('rollups', lang))}</h2>",
                 _table_html(_rollup_head(lang), _rollup_rows(m, lang), "sortable")]  # fmt: skip
        analysis = _table_html(_analysis_head(lang), _analysis_rows(m, lang), "sortable")
        body += [f"<h2>{e(_t('analysis', lang))}</h2>", analysis]
    notes = [_bands_note(m, lang), *m.notes]
    body += [f"<h2>{e(_t('notes', lang))}</h2>",
             "<ul>" + "".join(f"<li>{e(x)}</li>" for x in notes) + "</ul>"]  # fmt: skip
    style = (
        "body{font-family:sans-serif;margin:1.5em;max-width:80em}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;font-size:.9em}"
        "table.sortable th{cursor:pointer;background:#f4f4f4}"
        "table.heat td{text-align:right}"
    )
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{style}</style></head><body>"
        + "".join(body)
        + f"<script>{_SORT_JS}</script></body></html>\n"
    )

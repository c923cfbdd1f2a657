"""The Excel workbook a bureau files (needs the ``excel`` extra: openpyxl).

Sheets: a summary (standard, every county's verdict and parts), the indicators (mean, CV,
threshold per county and level), one sheet per level (schools × indicators, misses filled
red, tolerated misses orange) and the schools left out with the reason. Numbers are stored
unrounded; only their display format rounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduequity._optional import require
from eduequity.assessment import num
from eduequity.report.text import labels, status_text

if TYPE_CHECKING:
    from eduequity.assessment import Assessment

__all__ = ["write_xlsx"]

_SHEETS = {
    "zh": {"summary": "汇总", "indicators": "指标", "excluded": "未纳入", "code": "代码",
           "level": "学段", "part": "部分", "name": "名称", "unit": "单位", "type": "类型",
           "location": "城乡", "reason": "原因", "schools_n": "学校数"},
    "en": {"summary": "Summary", "indicators": "Indicators", "excluded": "Left out",
           "code": "code", "level": "level", "part": "part", "name": "name", "unit": "unit",
           "type": "type", "location": "location", "reason": "reason",
           "schools_n": "schools"},
}  # fmt: skip
_RED, _ORANGE, _HEAD = "F8D7D3", "FDEBD0", "E8ECF0"


def write_xlsx(assessment: Assessment, path: str | Path, *, lang: str = "zh") -> None:
    """Write the workbook to ``path``."""
    openpyxl = require("openpyxl", "excel")
    styles = require("openpyxl.styles", "excel")
    lab = {**labels(lang), **_SHEETS[lang]}
    bold = styles.Font(bold=True)
    head_fill = styles.PatternFill("solid", fgColor=_HEAD)
    red = styles.PatternFill("solid", fgColor=_RED)
    orange = styles.PatternFill("solid", fgColor=_ORANGE)
    name = assessment.standard.name

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lab["summary"]
    std = assessment.standard
    for line in (
        [lab["standard"], std.id, f"r{std.revision}", std.document],
        ["", std.title_zh if lang == "zh" else std.title_en],
        ["digest", std.digest],
        [],
    ):
        ws.append(line)
    parts = list(assessment.counties[0].parts.values()) if assessment.counties else []
    header = [lab["county"], lab["name"], lab["year"], lab["verdict"]]
    header += [p.zh if lang == "zh" else p.en for p in parts]
    _header(ws, header, bold, head_fill)
    for c in assessment.counties:
        ws.append(
            [c.county_code, c.county_name, c.year, status_text(c.passed, lab)]
            + [lab.get(p.status, p.status) for p in c.parts.values()]
        )

    ws = wb.create_sheet(lab["indicators"])
    _header(
        ws,
        [lab["county"], lab["year"], lab["level"], lab["code"], lab["indicator"], lab["unit"],
         lab["mean"], lab["cv"], lab["threshold"], lab["verdict"], lab["schools_n"],
         lab["students"]],
        bold,
        head_fill,
    )  # fmt: skip
    for c in assessment.counties:
        for lv, level in c.levels.items():
            for ind in level.indicators.values():
                verdict = "" if ind.cv_threshold is None else status_text(ind.cv_passed, lab)
                ws.append(
                    [c.county_code, c.year, lab[lv], ind.indicator, name(ind.indicator, lang),
                     ind.unit, num(ind.mean), num(ind.cv), ind.cv_threshold, verdict,
                     ind.n_schools, ind.students]
                )  # fmt: skip
                ws.cell(ws.max_row, 8).number_format = "0.000"
            comp = level.composite
            if comp is not None:
                ws.append(
                    [c.county_code, c.year, lab[lv], comp.rule, lab["composite"], "", None,
                     num(comp.value), comp.threshold, status_text(comp.passed, lab)]
                )  # fmt: skip
                ws.cell(ws.max_row, 8).number_format = "0.000"

    for lv in ("primary", "junior"):
        levels = [(c, c.levels[lv]) for c in assessment.counties if lv in c.levels]
        if not levels:
            continue
        ws = wb.create_sheet(lab[lv])
        columns = sorted({k for _, level in levels for s in level.schools for k in s.values})
        _header(
            ws,
            [lab["county"], lab["year"], lab["school"], lab["name"], lab["type"],
             lab["location"], lab["students"]]
            + [name(k, lang) for k in columns]
            + [lab["verdict"], lab["misses"]],
            bold,
            head_fill,
        )  # fmt: skip
        for c, level in levels:
            for s in level.schools:
                missed = {m.indicator: m for m in s.failures}
                row: list[Any] = [c.county_code, c.year, s.school_id, s.school_name,
                                  s.school_type, s.location, s.students]  # fmt: skip
                row += [num(s.values.get(k)) for k in columns]
                row += [
                    "" if s.passed is None else status_text(s.passed, lab),
                    "; ".join(
                        f"{m.indicator} {m.comparison} {m.threshold:g}"
                        + (" (tolerated)" if m.tolerated else "")
                        for m in s.failures
                    ),
                ]
                ws.append(row)
                for j, k in enumerate(columns, start=8):
                    cell = ws.cell(ws.max_row, j)
                    small = isinstance(cell.value, float) and 0 < abs(cell.value) < 1
                    cell.number_format = "0.0000" if small else "0.00"
                    m = missed.get(k)
                    if m is not None:
                        cell.fill = orange if m.tolerated else red

    ws = wb.create_sheet(lab["excluded"])
    _header(
        ws,
        [lab["county"], lab["year"], lab["school"], lab["level"], lab["code"], lab["reason"]],
        bold,
        head_fill,
    )
    for c in assessment.counties:
        for e in c.excluded:
            ws.append([c.county_code, c.year, e["school_id"], e["level"], e["code"], e["reason"]])
    wb.save(str(path))


def _header(ws: Any, names: list[str], bold: Any, fill: Any) -> None:
    ws.append(names)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = f"A{ws.max_row + 1}"  # a reference, not a cell: creates no empty row

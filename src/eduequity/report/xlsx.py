"""The Excel workbook a bureau files (needs the ``excel`` extra: openpyxl).

Sheets: a summary (standard, every county's verdict and parts), the indicators (mean, CV,
threshold per county and level), one sheet per level (schools × indicators, misses filled
red, tolerated misses orange, and what each school must mend) and the schools left out
with the reason. Every sheet's header row is frozen and filtered. Numbers are stored
unrounded; only their display format rounds (with enough digits that a miss never shows as
its standard). Text cells are always strings, never formulas: a school named
``=HYPERLINK(...)`` stays a name. The file is written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduequity._optional import require
from eduequity.assessment import num
from eduequity.errors import ConfigurationError
from eduequity.io.atomic import atomic_path
from eduequity.io.safety import set_text
from eduequity.report.labels import text
from eduequity.report.names import Names, compared_digits
from eduequity.report.provenance import provenance_lines
from eduequity.report.reasons import exclusion_text, part_reasons, school_summary
from eduequity.report.text import part_name, status_text, verdict_header

if TYPE_CHECKING:
    from eduequity.assessment import Assessment

__all__ = ["write_xlsx"]

_RED, _ORANGE, _HEAD = "F8D7D3", "FDEBD0", "E8ECF0"
ROWS = 1_048_576  # the rows a worksheet holds (the xlsx format's limit, and Excel's)


def _fmt(digits: int) -> str:
    return "#,##0" if digits <= 0 else "#,##0." + "0" * digits


def _plain(s: str) -> str:
    return s.replace("`", "")


class _Sheet:
    """Rows written cell by cell: text as strings, numbers with a display format."""

    def __init__(self, ws: Any, styles: Any) -> None:
        self.ws = ws
        self.row = 0
        self.bold = styles.Font(bold=True)
        self.head_fill = styles.PatternFill("solid", fgColor=_HEAD)
        self.header_row = 0
        self.width = 0

    def add(self, values: list[Any], formats: dict[int, str] | None = None) -> None:
        self.row += 1
        for j, v in enumerate(values, start=1):
            cell = self.ws.cell(self.row, j)
            set_text(cell, v)
            if formats and j in formats and isinstance(v, int | float):
                cell.number_format = formats[j]

    def header(self, names: list[str]) -> None:
        self.add(names)
        for cell in self.ws[self.row]:
            cell.font = self.bold
            cell.fill = self.head_fill
        self.header_row = self.row
        self.width = len(names)
        self.ws.freeze_panes = f"A{self.row + 1}"  # a reference, not a cell: no empty row

    def finish(self) -> None:
        if not self.header_row:
            return
        from openpyxl.utils import get_column_letter

        last = get_column_letter(max(self.width, 1))
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{max(self.row, self.header_row)}"
        for j in range(1, self.width + 1):
            head = str(self.ws.cell(self.header_row, j).value or "")
            wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in head)
            self.ws.column_dimensions[get_column_letter(j)].width = min(max(wide + 2, 9), 40)


def write_xlsx(assessment: Assessment, path: str | Path, *, lang: str = "zh") -> None:
    """Write the workbook to ``path`` (atomically: the old file stays until it is done).

    >>> import tempfile, pathlib, openpyxl
    >>> from eduequity import evaluate, load_example
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.xlsx"
    >>> write_xlsx(evaluate(load_example()), out, lang="en")
    >>> openpyxl.load_workbook(out).sheetnames
    ['Summary', 'Indicators', 'primary', 'junior', 'Left out']
    """
    openpyxl = require("openpyxl", "excel")
    styles = require("openpyxl.styles", "excel")
    names = Names(assessment, lang)
    t = names.t
    for lv in ("primary", "junior"):  # a level's sheet: a row per section, under a header
        n = sum(len(c.levels[lv].schools) for c in assessment.counties if lv in c.levels)
        if n >= ROWS:
            raise ConfigurationError(
                f"the sheet {lv!r} would have {n:,} rows of schools, more than a worksheet "
                f"holds ({ROWS - 1:,}): write Parquet or CSV tables instead (a.write(), or "
                "--format parquet / csv-dir)",
                message_code="xlsx_too_many_rows",
                message_params={"sheet": {"zh": text(lv, "zh"), "en": lv}, "n": f"{n:,}",
                                "limit": f"{ROWS - 1:,}"},
            )
    red = styles.PatternFill("solid", fgColor=_RED)
    orange = styles.PatternFill("solid", fgColor=_ORANGE)
    std = assessment.standard

    wb = openpyxl.Workbook()
    sh = _Sheet(wb.active, styles)
    sh.ws.title = t("summary")
    sh.add([t("standard"), std.id, f"r{std.revision}", std.document])
    sh.add(["", std.title_zh if lang == "zh" else std.title_en])
    sh.add([t("digest"), std.digest])
    sh.add([])
    parts = list(assessment.counties[0].parts.values()) if assessment.counties else []
    sourced = any(c.provenance for c in assessment.counties)  # a column only when some has
    sh.header(
        [t("county"), t("name"), t("year"), t("verdict"), *[part_name(p, names) for p in parts],
         t("why"), *[t("prov.sources")] * sourced]
    )  # fmt: skip
    for c in assessment.counties:
        why = t("clause_sep").join(
            f"{part_name(p, names)}{t('colon')}{part_reasons(p, c, names)}"
            for p in c.parts.values()
            if p.passed is False
        )
        sources = [x for p in c.parts.values() for x in provenance_lines(p, c, names)]
        sh.add(
            [c.county_code, c.county_name, c.year, status_text(c.passed, names)]
            + [t(p.status) for p in c.parts.values()]
            + [_plain(why)]
            + [t("clause_sep").join(sources)] * sourced
        )
    sh.finish()

    sh = _Sheet(wb.create_sheet(t("indicators")), styles)
    sh.header(
        [t("county"), t("year"), t("level"), t("code"), t("indicator"), t("unit"), t("mean"),
         t("cv"), t("threshold"), t("verdict"), t("schools_n"), t("students")]
    )  # fmt: skip
    for c in assessment.counties:
        for lv, level in c.levels.items():
            for ind in level.indicators.values():
                verdict = "" if ind.cv_threshold is None else status_text(ind.cv_passed, names)
                cv = num(ind.cv)
                cv_digits = 3
                if cv is not None and ind.cv_threshold is not None:
                    cv_digits = compared_digits(cv, ind.cv_threshold, "at_most", base=3)
                sh.add(
                    [c.county_code, c.year, names.level(lv), ind.indicator,
                     names.indicator(ind.indicator), names.indicator_unit(ind.indicator),
                     num(ind.mean), cv, ind.cv_threshold, verdict, ind.n_schools, ind.students],
                    {7: "#,##0.00", 8: _fmt(cv_digits), 12: "#,##0"},
                )  # fmt: skip
            comp = level.composite
            if comp is not None:
                value = num(comp.value)
                digits = (
                    3
                    if value is None
                    else compared_digits(value, comp.threshold, "at_most", base=3)
                )
                sh.add(
                    [c.county_code, c.year, names.level(lv), comp.rule, t("composite"), "", None,
                     value, comp.threshold, status_text(comp.passed, names)],
                    {8: _fmt(digits)},
                )  # fmt: skip
    sh.finish()

    for lv in ("primary", "junior"):
        levels = [(c, c.levels[lv]) for c in assessment.counties if lv in c.levels]
        if not levels:
            continue
        sh = _Sheet(wb.create_sheet(names.level(lv)), styles)
        given = {k: None for _, level in levels for s in level.schools for k in s.values}
        first = {k: None for _, level in levels for k in level.indicators}
        columns = [k for k in first if k in given] + [k for k in given if k not in first]
        sh.header(
            [t("county"), t("year"), t("school"), t("name"), t("type"), t("location"),
             t("students")]
            + [
                names.indicator(k) + (f" ({u})" if (u := names.indicator_unit(k)) else "")
                for k in columns
            ]
            + [verdict_header(names), t("misses")]
        )  # fmt: skip
        for c, level in levels:
            for s in level.schools:
                missed = {m.indicator: m for m in s.failures}
                misses = school_summary(s, names).clauses(names)
                row: list[Any] = [c.county_code, c.year, s.school_id, s.school_name,
                                  names.school_type(s.school_type), names.location(s.location),
                                  s.students]  # fmt: skip
                values = [num(s.values.get(k)) for k in columns]
                row += values
                row += [
                    "" if s.passed is None else status_text(s.passed, names),
                    _plain(t("clause_sep").join(misses)),
                ]
                formats = {7: "#,##0"}
                for j, (k, v) in enumerate(zip(columns, values, strict=True), start=8):
                    if v is None:
                        continue
                    m = missed.get(k)
                    limit = s.thresholds.get(k)
                    base = 2 if abs(v) >= 1 or v == 0 else 4
                    digits = base
                    if limit is not None:
                        cmp = m.comparison if m is not None else "at_least"
                        digits = compared_digits(v, limit, cmp, base=base)
                    formats[j] = _fmt(digits)
                sh.add(row, formats)
                for j, k in enumerate(columns, start=8):
                    m = missed.get(k)
                    if m is not None:
                        sh.ws.cell(sh.row, j).fill = orange if m.tolerated else red
        sh.finish()

    sh = _Sheet(wb.create_sheet(t("left_out_sheet")), styles)
    sh.header([t("county"), t("year"), t("school"), t("level"), t("code"), t("reason")])
    for c in assessment.counties:
        for e in c.excluded:
            sh.add(
                [c.county_code, c.year, e["school_id"], names.level(str(e["level"])),
                 e.get("code", ""), _plain(exclusion_text(e, names))]
            )  # fmt: skip
    sh.finish()
    with atomic_path(path) as tmp:
        wb.save(str(tmp))

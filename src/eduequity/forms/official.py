"""The application tables (申报表), filled from an assessment.

The layout follows the 填报说明 of the national application form for basic balance
(《全国义务教育发展基本均衡县（市、区）申报表》填报说明, annex 2), which the 2017 applications
reuse for their school tables:

- 表Ⅰ, county facts: schools, sections, pupils and teachers per level, and every school left
  out with the reason;
- 表Ⅱ-1 (primary) and 表Ⅱ-2 (junior): one row per school *section*: a combined school's
  primary and junior parts are separate rows (填报说明 二.4); the standard's per-school
  indicators as columns; the column 该校综合评估是否达标 holds ``1`` where the section meets the
  per-school standard and is left blank otherwise (二.2); every cell whose value misses its
  standard is shaded dark (二.3), with a legend;
- 表Ⅲ, the CVs per indicator and level with their thresholds and, for 2012, the composite;
- 表Ⅳ (2017 only): the government, quality and social-recognition items and the vetoes, with
  value, threshold and verdict.

Which schools are in scope is the standard's own decision (the 2012 text leaves out private
schools and teaching points, 二.5; the 2017 set keeps private schools in); the tables show
the assessment's sections as they are.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduequity.assessment import Assessment, CountyResult
from eduequity.errors import EduequityError
from eduequity.io.atomic import atomic_path
from eduequity.io.safety import set_text
from eduequity.table import SchoolTable

__all__ = ["ApplicationTables", "Cell", "application_tables"]

FLAG = "该校综合评估是否达标"
_LEVEL_ZH = {"primary": "小学", "junior": "初中"}
_SHEET = {"primary": "表Ⅱ-1 小学", "junior": "表Ⅱ-2 初中"}
_VERDICT = {True: "达标", False: "未达标", None: "未评估"}


@dataclass(frozen=True)
class Cell:
    """One cell: its value, and whether it is shaded (a value that misses its standard)."""

    value: Any
    dark: bool = False


@dataclass(frozen=True)
class Table:
    """A titled table: a header row and body rows of cells."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class ApplicationTables:
    """The tables of one county and year."""

    county_code: str
    county_name: str
    year: int
    tables: tuple[Table, ...]

    def table(self, title_start: str) -> Table:
        return next(t for t in self.tables if t.title.startswith(title_start))

    def write_xlsx(self, path: str | Path) -> None:
        """Write one sheet per table (atomically); dark cells filled, a legend under 表Ⅱ."""
        from eduequity._optional import require

        openpyxl = require("openpyxl", "excel")
        from openpyxl.styles import Font, PatternFill

        dark = PatternFill("solid", fgColor="595959")
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for t in self.tables:
            ws = wb.create_sheet(t.title[:31])
            ws.append([f"{self.county_name}（{self.county_code}） {self.year}年 {t.title}"])
            ws["A1"].font = Font(bold=True)
            ws.append(list(t.header))
            for cell in ws[2]:
                cell.font = Font(bold=True)
            for row in t.rows:
                ws.append([c.value for c in row])
                for c, xc in zip(row, ws[ws.max_row], strict=True):
                    if c.dark:
                        xc.fill = dark
                        xc.font = Font(color="FFFFFF")
                    set_text(xc, xc.value)
            if t.note:
                ws.append([])
                ws.append([t.note])
            ws.freeze_panes = "A3"
        with atomic_path(Path(path)) as tmp:
            wb.save(str(tmp))

    def to_html(self) -> str:
        """The same tables as one html page (dark cells shaded)."""
        e = html.escape
        parts = [f"<h1>{e(self.county_name)}（{e(self.county_code)}） {self.year}年 申报表</h1>"]
        for t in self.tables:
            head = "".join(f"<th>{e(h)}</th>" for h in t.header)
            body = "".join(
                "<tr>" + "".join(
                    f'<td class="dark">{e(_show(c.value))}</td>' if c.dark
                    else f"<td>{e(_show(c.value))}</td>" for c in row
                ) + "</tr>"
                for row in t.rows
            )  # fmt: skip
            note = f"<p>{e(t.note)}</p>" if t.note else ""
            parts.append(f"<h2>{e(t.title)}</h2><table><thead><tr>{head}</tr></thead>"
                         f"<tbody>{body}</tbody></table>{note}")  # fmt: skip
        style = ("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
                 "th,td{border:1px solid #888;padding:.2em .5em;font-size:.9em}"
                 "td.dark{background:#595959;color:#fff}"
                 "td:nth-child(2){min-width:9em}")  # fmt: skip
        return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                f"<title>申报表</title><style>{style}</style></head><body>"
                + "".join(parts) + "</body></html>\n")  # fmt: skip


def application_tables(
    assessment: Assessment, schools: SchoolTable | None = None
) -> list[ApplicationTables]:
    """The application tables of every county and year of ``assessment``.

    ``schools`` (the table evaluated) adds the teacher counts of 表Ⅰ.

    Examples
    --------
    >>> import eduequity as eq
    >>> t = application_tables(eq.evaluate(eq.load_example(), "cn-2017-quality"))[0]
    >>> [x.title.split()[0] for x in t.tables]
    ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ']
    >>> t.tables[-1].title
    '表Ⅳ 政府保障程度、教育质量、社会认可度、一票否决'
    """
    from eduequity.rules import load_rule_set

    limits: dict[str, Any] = {}
    names: dict[str, str] = {}
    try:
        rs = load_rule_set(assessment.standard.id)
    except EduequityError:  # a set given as a file is not found by its id: no thresholds
        pass
    else:
        limits = {r.id: r for r in rs.rules if r.kind == "county_input"}
        inputs = {i.id: i.zh for i in rs.inputs}
        names = {r.id: inputs.get(getattr(r, "input", ""), r.id) for r in rs.rules}
    out = []
    for c in assessment.counties:
        tables = [_facts(c, schools)]
        tables += [_schools(c, lv, assessment) for lv in ("primary", "junior") if lv in c.levels]
        tables.append(_cvs(c, assessment))
        county_rules = [r for p in c.parts.values() for r in p.rules
                        if r.kind in ("county_input", "county_evidence", "veto")]  # fmt: skip
        if county_rules:
            tables.append(_county_items(c, limits, names))
        out.append(ApplicationTables(c.county_code, c.county_name, c.year, tuple(tables)))
    return out


def _facts(c: CountyResult, schools: SchoolTable | None) -> Table:
    rows = []
    for lv, level in c.levels.items():
        pupils = sum(s.students for s in level.schools)
        teachers: Any = "—"
        if schools is not None and schools.has(f"teachers_{lv}"):
            ids = {s.school_id for s in level.schools}
            mask = [sid in ids for sid in schools["school_id"].tolist()]
            col = schools[f"teachers_{lv}"][mask]
            teachers = int(col[~(col != col)].sum())
        row = (Cell(_LEVEL_ZH[lv]), Cell(len(level.schools)), Cell(pupils), Cell(teachers))
        rows.append(row)
    from eduequity.report.reasons import left_out

    left = "；".join(f"{x['school_id']}（{left_out(x, 'zh')}）" for x in c.excluded)
    note = f"未纳入评估的学校：{left}" if left else "未纳入评估的学校：无"
    return Table("表Ⅰ 基本情况", ("学段", "学校（部）数", "在校学生数（人）", "专任教师数（人）"),
                 tuple(rows), note)  # fmt: skip


def _schools(c: CountyResult, lv: str, a: Assessment) -> Table:
    level = c.levels[lv]
    # the indicators in the order the standard's rules name them
    shown = list(dict.fromkeys(i for s in level.schools for i in s.thresholds))
    header = ("序号", "学校名称", "学校代码",
              *(f"{a.standard.name(i, 'zh')}（{a.standard.indicators[i].get('unit', '')}）"
                for i in shown), FLAG)  # fmt: skip
    rows = []
    for k, s in enumerate(level.schools, start=1):
        missed = {m.indicator for m in s.failures}
        cells = [Cell(k), Cell(s.school_name), Cell(s.school_id)]
        for i in shown:
            v = s.values.get(i)
            cells.append(Cell(None if v is None else round(v, 4), dark=i in missed))
        cells.append(Cell("1" if s.passed is True else None))
        rows.append(tuple(cells))
    note = ("深色底纹：该项指标值未达到标准。“该校综合评估是否达标”列达标的填“1”，不达标的不填；"
            "按本标准学段部分的学校规则判定（如优质均衡7项指标至少6项达标、其余不低于标准的85%），"
            "其他学校层面的要求（如音乐、美术专用教室）未达标的也以深色标出。"
            "一贯制学校、完全中学的各学段分行填写。")  # fmt: skip
    return Table(_SHEET[lv], header, tuple(rows), note)


def _cvs(c: CountyResult, a: Assessment) -> Table:
    rows = []
    for lv, level in c.levels.items():
        for ind, r in level.indicators.items():
            rows.append((Cell(_LEVEL_ZH[lv]), Cell(a.standard.name(ind, "zh")),
                         Cell(None if r.cv is None else round(r.cv, 3)), Cell(r.cv_threshold),
                         Cell(_VERDICT[r.cv_passed] if r.cv_threshold is not None else "—",
                              dark=r.cv_passed is False)))  # fmt: skip
        comp = level.composite
        if comp is not None:
            rows.append((Cell(_LEVEL_ZH[lv]), Cell("综合差异系数"),
                         Cell(None if comp.value is None else round(comp.value, 3)),
                         Cell(comp.threshold), Cell(_VERDICT[comp.passed],
                                                    dark=comp.passed is False)))  # fmt: skip
    return Table("表Ⅲ 校际均衡情况", ("学段", "指标", "差异系数", "标准", "结论"), tuple(rows),
                 "差异系数保留三位小数显示，按全精度判定。")  # fmt: skip


def _county_items(c: CountyResult, limits: dict[str, Any], names: dict[str, str]) -> Table:
    signs = {"at_least": "≥", "at_most": "≤", "equal": "="}
    rows = []
    for p in c.parts.values():
        for r in p.rules:
            if r.kind not in ("county_input", "county_evidence", "veto"):
                continue
            rule = limits.get(r.id)
            limit = f"{signs[rule.comparison]} {rule.value:g}" if rule is not None else (
                "否" if r.kind == "veto" else "是"
            )
            value = r.detail.get("value")
            if isinstance(value, bool):
                value = "是" if value else "否"
            rows.append((Cell(p.zh), Cell(names.get(r.id, r.id)), Cell(value), Cell(limit),
                         Cell(_VERDICT[r.passed], dark=r.passed is False)))  # fmt: skip
    parts = "、".join(dict.fromkeys(str(r[0].value) for r in rows))
    return Table(f"表Ⅳ {parts}", ("部分", "项目", "数值", "标准", "结论"), tuple(rows))


def _show(value: Any) -> str:
    """A cell as text: whole numbers without ``.0``, others to at most 4 decimals."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4f}".rstrip("0")
    return str(value)

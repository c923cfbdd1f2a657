"""The application tables of the example county, cell by cell against the assessment."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import eduequity as eq
from eduequity.forms.official import FLAG, application_tables


@pytest.fixture(scope="module")
def assessed() -> tuple[eq.Assessment, eq.SchoolTable]:
    table = eq.load_example()
    return eq.evaluate(table, "cn-2017-quality"), table


def test_workbook_rows_flags_and_shading(assessed: tuple[eq.Assessment, eq.SchoolTable],
                                         tmp_path: Path) -> None:  # fmt: skip
    a, table = assessed
    (tables,) = application_tables(a, table)
    path = tmp_path / "申报表.xlsx"
    tables.write_xlsx(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["表Ⅰ 基本情况", "表Ⅱ-1 小学", "表Ⅱ-2 初中"]
    county = a.counties[0]
    for lv, sheet in (("primary", "表Ⅱ-1 小学"), ("junior", "表Ⅱ-2 初中")):
        ws = wb[sheet]
        head = [c.value for c in ws[2]]
        flag = head.index(FLAG)
        body = [row for row in ws.iter_rows(min_row=3) if isinstance(row[0].value, int)]
        schools = county.levels[lv].schools
        # one row per section, in the assessment's order; a nine-year school is in both sheets
        assert [r[2].value for r in body] == [s.school_id for s in schools]
        for row, s in zip(body, schools, strict=True):
            assert row[flag].value == ("1" if s.passed is True else None)
            missed = {m.indicator for m in s.failures}
            for j, h in enumerate(head[3:flag], start=3):
                indicator = next(i for i in a.standard.indicators
                                 if h.startswith(a.standard.name(i, "zh") + "（"))  # fmt: skip
                dark = row[j].fill.fgColor.rgb == "00595959"
                assert dark == (indicator in missed), (s.school_id, indicator)
                value = s.values.get(indicator)
                if value is not None:
                    assert row[j].value == pytest.approx(value, abs=5e-5)
    nine = [s.school_id for s in county.levels["primary"].schools if s.school_type == "nine_year"]
    junior_ids = [s.school_id for s in county.levels["junior"].schools]
    assert nine
    assert set(nine) <= set(junior_ids)
    facts = wb["表Ⅰ 基本情况"]
    rows = {r[0].value: r for r in facts.iter_rows(min_row=3) if r[0].value in ("小学", "初中")}
    assert rows["小学"][1].value == len(county.levels["primary"].schools)
    pupils = sum(s.students for s in county.levels["primary"].schools)
    assert rows["小学"][2].value == pytest.approx(pupils)
    note = [r[0].value for r in facts.iter_rows() if r[0].value and "未纳入" in str(r[0].value)]
    assert county.excluded[0]["school_id"] in note[0]


def test_cv_table_and_county_items(assessed: tuple[eq.Assessment, eq.SchoolTable]) -> None:
    a, _ = assessed
    (tables,) = application_tables(a)
    cvs = tables.table("表Ⅲ")
    county = a.counties[0]
    got = {(r[0].value, r[1].value): r[2].value for r in cvs.rows}
    for lv, zh in (("primary", "小学"), ("junior", "初中")):
        for ind, res in county.levels[lv].indicators.items():
            assert got[(zh, a.standard.name(ind, "zh"))] == round(res.cv, 3)
    items = tables.table("表Ⅳ")
    names = [r[1].value for r in items.rows]
    assert "社会认可度" in "".join(names) or any("认可" in n for n in names)
    assert all(r[4].value == "未评估" for r in items.rows if r[2].value is None)


def test_2012_has_the_composite(tmp_path: Path) -> None:
    a = eq.evaluate(eq.load_example(), "cn-2012-basic")
    (tables,) = application_tables(a)
    cvs = tables.table("表Ⅲ")
    comp = [r for r in cvs.rows if r[1].value == "综合差异系数"]
    assert [r[3].value for r in comp] == [0.65, 0.55]
    assert comp[0][2].value == round(a.counties[0].levels["primary"].composite.value, 3)
    page = tables.to_html()
    assert page.count("<table>") == len(tables.tables)
    assert "该校综合评估是否达标" in page

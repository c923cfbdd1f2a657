"""The rectification register over two years: closed, open, new, regressions, by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests._schools import AT_STANDARD

import eduequity as eq
from eduequity.forms import read_register, rectification

EQUIP = "equipment_value_per_student"
AREA = "teaching_area_per_student"
SPORTS = "sports_area_per_student"


def _school(sid: str, year: int, **over: Any) -> dict[str, Any]:
    return {**AT_STANDARD, "school_id": sid, "school_name": f"学校{sid}", "year": year, **over}


def _year1() -> eq.Assessment:
    rows = [
        _school("A", 2024, equipment_value_yuan=1_000_000),  # 1000 元 per pupil: 50 %, fails
        _school("B", 2024, teaching_aux_area_m2=3000),  # 3.0 m²: 67 % of 4.5, fails
        _school("C", 2024),
    ]
    return eq.evaluate(rows, "cn-2017-quality")


def _year2() -> eq.Assessment:
    rows = [
        _school("A", 2025),  # mended
        _school("B", 2025, teaching_aux_area_m2=3200),  # still short, by less
        _school("C", 2025, sports_ground_area_m2=5000),  # 5.0 m²: 67 % of 7.5, newly fails
        _school("D", 2025, equipment_value_yuan=1_000_000),  # a new school, failing
    ]
    return eq.evaluate(rows, "cn-2017-quality")


def _key(school: str, indicator: str) -> str:
    return f"100001|primary|{school}|school|{indicator}"


def test_first_year_items(tmp_path: Path) -> None:
    r = rectification(_year1())
    ids = sorted(i.item_id for i in r.items)
    assert ids == [_key("A", EQUIP), _key("B", AREA)]
    b = next(i for i in r.items if i.school_id == "B")
    assert (b.value, b.standard, b.unit) == (pytest.approx(3.0), 4.5, "m²")
    assert b.shortfall == pytest.approx(1.5)
    assert r.scope[_key("C", SPORTS)] == "met"
    assert r.counts() == {"new": 2, "open": 0, "closed": 0, "regressions": 0}


def test_second_year_against_the_bureaus_workbook(tmp_path: Path) -> None:
    book = tmp_path / "整改台账-2024.xlsx"
    rectification(_year1()).to_xlsx(book)
    # the bureau types an owner and a deadline into B's row, and a note
    wb = openpyxl.load_workbook(book)
    ws = wb["整改台账"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("编号")].value == _key("B", AREA):
            row[head.index("责任人")].value = "张三"
            row[head.index("完成时限")].value = "2025-08-31"
            row[head.index("备注")].value = "扩建教学楼"
    wb.save(book)

    previous = read_register(book)
    r = rectification(_year2(), previous=previous)
    by_id = {i.item_id: i for i in (*r.items, *r.closed)}
    assert by_id[_key("A", EQUIP)].status == "closed"
    b = by_id[_key("B", AREA)]
    assert (b.status, b.owner, b.deadline, b.notes) == ("open", "张三", "2025-08-31", "扩建教学楼")
    assert (b.previous_shortfall, b.shortfall) == (pytest.approx(1.5), pytest.approx(1.3))
    c = by_id[_key("C", SPORTS)]
    assert (c.status, c.regression) == ("new", True)  # met in 2024, missed now
    d = by_id[_key("D", EQUIP)]
    assert (d.status, d.regression) == ("new", False)  # not looked at in 2024
    assert r.counts() == {"new": 2, "open": 1, "closed": 1, "regressions": 1}

    out = tmp_path / "整改台账-2025.xlsx"
    r.to_xlsx(out)
    ws = openpyxl.load_workbook(out)["整改台账"]
    head = [c.value for c in ws[1]]
    status = {row[0].value: row[head.index("状态")].value for row in ws.iter_rows(min_row=2)}
    assert status[_key("A", EQUIP)] == "已整改"
    assert status[_key("B", AREA)] == "未整改"
    assert status[_key("C", SPORTS)] == "新增"


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    rows = [_school("A", 2024, equipment_value_yuan=1_000_000, school_name='=HYPERLINK("x")')]
    path = tmp_path / "r.xlsx"
    rectification(eq.evaluate(rows, "cn-2017-quality")).to_xlsx(path, lang="en")
    ws = openpyxl.load_workbook(path)["register"]
    head = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=head.index("school") + 1)
    assert cell.value == '=HYPERLINK("x")'
    assert cell.data_type == "s"


def test_plan_measures_go_on_the_schools_items() -> None:
    rows = [_school("A", 2024, equipment_value_yuan=1_000_000), _school("C", 2024)]
    p = eq.plan(rows, "cn-2017-quality")
    r = rectification(eq.evaluate(rows, "cn-2017-quality"), p)
    a = next(i for i in r.items if i.school_id == "A")
    planned = [x for c in p.counties for x in c.additions if x.school_id == "A"]
    assert planned
    assert a.cost == pytest.approx(sum(x.cost for x in planned))
    assert "equipment_value_yuan" in a.measure

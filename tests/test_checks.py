"""The row rules of _checks.py, on converted columns, one rule at a time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from eduequity import _columns as C
from eduequity._checks import (
    MAX_EQUIPMENT_YUAN_PER_STUDENT,
    MIN_EQUIPMENT_YUAN_PER_STUDENT,
    check_rows,
)
from eduequity.defects import Collector


def _run(**given: list[Any]) -> list[tuple[str, str, int | None, str | None]]:
    """check_rows on the given columns (others empty); (severity, code, row, column)."""
    n = len(next(iter(given.values())))
    cols: dict[str, np.ndarray] = {}
    for col in C.CANONICAL:
        if col.kind in ("str", "enum"):
            cols[col.id] = np.array(given.get(col.id, [""] * n), dtype=str)
        else:
            cols[col.id] = np.array(given.get(col.id, [np.nan] * n), dtype=np.float64)
    if "school_id" not in given:
        cols["school_id"] = np.array([f"S{i}" for i in range(n)])
    if "school_type" not in given:
        cols["school_type"] = np.full(n, "primary")
    out = Collector("t.csv", np.arange(2, n + 2, dtype=np.int64), ids=cols["school_id"])
    check_rows(cols, set(given), out)
    return [(d.severity, d.code, d.row, d.column) for d in out.defects]


def test_negative_and_fractional_counts() -> None:
    assert _run(students_primary=[-1.0, 2.5, 3.0]) == [
        ("error", "negative_value", 2, "students_primary"),
        ("error", "not_whole", 3, "students_primary"),
    ]


def test_areas_may_be_fractional_not_negative() -> None:
    assert _run(teaching_aux_area_m2=[10.5, -0.5]) == [
        ("error", "negative_value", 3, "teaching_aux_area_m2"),
    ]


@pytest.mark.parametrize(
    ("year", "code"),
    [(2024.7, "not_whole"), (-2024.0, "implausible_year"), (1e20, "implausible_year"),
     (1948.0, "implausible_year"), (2101.0, "implausible_year")],
)
def test_years_outside_the_range_are_refused(year: float, code: str) -> None:
    assert _run(year=[2025.0, year]) == [("error", code, 3, "year")]


def test_years_at_the_edges_are_read() -> None:
    assert _run(year=[1949.0, 2100.0, np.nan], built_year=[1800.0, 2100.0, np.nan]) == []


def test_empty_and_duplicate_ids() -> None:
    got = _run(school_id=["A", "", "A"], county_code=["1", "1", "1"], year=[2025.0] * 3)
    assert got == [
        ("error", "missing_school_id", 3, "school_id"),
        ("error", "duplicate_school_id", 4, "school_id"),
    ]
    # the same id in another year is another school-year, not a duplicate
    assert _run(school_id=["A", "A"], year=[2024.0, 2025.0]) == []


def test_students_in_a_section_the_type_lacks() -> None:
    assert _run(school_type=["primary", "nine_year"], students_junior=[10.0, 10.0]) == [
        ("error", "section_not_in_type", 2, "students_junior"),
    ]


def test_subsets_above_their_totals() -> None:
    got = _run(
        teachers_primary=[10.0, 10.0],
        qualified_teachers_primary=[11.0, 10.0],
        students_primary=[100.0, 100.0],
    )
    assert got == [("error", "subset_exceeds_total", 2, "qualified_teachers_primary")]
    got = _run(indoor_sports_area_m2=[5.0, 50.0], teaching_aux_area_m2=[10.0, 10.0])
    assert got == [("error", "subset_exceeds_total", 3, "indoor_sports_area_m2")]


def test_staffing_without_pupils_or_teachers_warns() -> None:
    assert _run(students_primary=[100.0, 0.0], teachers_primary=[0.0, 5.0]) == [
        ("warning", "students_without_teachers", 2, "teachers_primary"),
        ("warning", "teachers_without_students", 3, "students_primary"),
    ]


def test_equipment_in_the_wrong_unit_either_way() -> None:
    students = 300.0
    too_high = MAX_EQUIPMENT_YUAN_PER_STUDENT * students * 1.01
    too_low = MIN_EQUIPMENT_YUAN_PER_STUDENT * students * 0.99
    got = _run(
        students_primary=[students] * 4,
        equipment_value_yuan=[600_000.0, too_high, too_low, 0.0],
    )
    assert got == [
        ("warning", "implausible_magnitude", 3, "equipment_value_yuan"),
        ("warning", "implausible_magnitude", 4, "equipment_value_yuan"),
    ]


def test_the_low_unit_message_names_both_units() -> None:
    n = np.arange(1)
    cols = {c.id: np.full(1, "" if c.kind in ("str", "enum") else np.nan) for c in C.CANONICAL}
    cols.update(school_id=np.array(["S1"]), school_type=np.array(["primary"]))
    cols.update(students_primary=np.array([300.0]), equipment_value_yuan=np.array([95.5]))
    out = Collector("t.csv", n + 2, ids=cols["school_id"])
    check_rows(cols, {"students_primary", "equipment_value_yuan"}, out)
    assert [d.message for d in out.defects] == [
        "t.csv, row 2, school S1, column equipment_value_yuan: equipment value 95.5 yuan is "
        "0.32 yuan per student: were 万元 figures entered under a 元 header? (a 万元 column is "
        "read with the header 教学仪器设备资产值(万元))"
    ]


def test_checks_import_nothing_private_from_validate() -> None:
    import ast
    from pathlib import Path

    import eduequity._checks as checks

    tree = ast.parse(Path(checks.__file__).read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "eduequity._validate" not in modules

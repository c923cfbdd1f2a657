"""Indicator values per section, from the catalog's definitions (indicators.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from eduequity import build_sections, load_rule_set, load_schools
from eduequity.codes import DefectCode
from eduequity.errors import DataValidationError
from eduequity.indicators import SectionColumns, compute_indicator
from eduequity.rules.schema import ColumnDef, IndicatorDef


def _columns(
    records: list[dict[str, object]], declared: tuple[ColumnDef, ...] = ()
) -> SectionColumns:
    table = load_schools(records)
    return SectionColumns(table, build_sections(table), declared)


def _school(sid: str, **values: object) -> dict[str, object]:
    return {"school_id": sid, "school_type": "primary", **values}


def test_a_per_pupil_indicator_subtracts_then_divides() -> None:
    # teaching area per pupil: (teaching and auxiliary area − indoor sports area) / pupils
    ind = load_rule_set("cn-2017-quality").indicator("teaching_area_per_student")
    cols = _columns(
        [
            _school(
                "A", students_primary=480, teaching_aux_area_m2=2000, indoor_sports_area_m2=200
            ),
            _school("B", students_primary=300, teaching_aux_area_m2=1500, indoor_sports_area_m2=0),
        ]
    )
    iv = compute_indicator(ind, cols)
    assert iv.values.tolist() == [1800 / 480, 5.0]
    assert iv.available
    assert [iv.reason(i) for i in range(2)] == ["", ""]
    # 0.25 m² per pupil short at A is 0.25 × 480 = 120 m² of the numerator's unit
    assert iv.total_for(0, 0.25) == 120.0
    assert iv.total_unit == "m²"


def test_scale_is_applied_before_the_division() -> None:
    # 42 computers for 1000 pupils: exactly 4.2 per 100 pupils (a value at a threshold passes)
    ind = IndicatorDef(
        id="computers", zh="计算机", en="computers", numerator=("teaching_computers",),
        denominator=("students",), scale=100.0,
    )  # fmt: skip
    iv = compute_indicator(
        ind, _columns([_school("A", students_primary=1000, teaching_computers=42)])
    )
    assert iv.values.tolist() == [4.2]


def test_missing_cells_and_zero_denominators_leave_no_value_with_a_reason() -> None:
    ind = IndicatorDef(
        id="books", zh="图书", en="books", numerator=("books",), denominator=("teachers",)
    )
    cols = _columns(
        [
            _school("A", students_primary=100, books=3000, teachers_primary=10),
            _school("B", students_primary=100, teachers_primary=10),  # books missing
            _school("C", students_primary=100, books=50, teachers_primary=0),
        ]
    )
    iv = compute_indicator(ind, cols)
    assert iv.values[0] == 300.0
    assert math.isnan(iv.values[1])
    assert math.isnan(iv.values[2])
    assert [iv.reason(i) for i in range(3)] == ["", "missing books", "teachers is 0"]


def test_a_column_the_source_lacks_makes_the_indicator_unavailable() -> None:
    ind = load_rule_set("cn-2017-quality").indicator("teaching_area_per_student")
    iv = compute_indicator(ind, _columns([_school("A", students_primary=100)]))
    assert not iv.available
    assert iv.missing_columns == ("teaching_aux_area_m2", "indoor_sports_area_m2")
    assert np.isnan(iv.values).all()
    assert iv.reason(0) == "column not given"


def test_a_denominator_rounded_up_after_its_divisor() -> None:
    # classes as pupils / 45 rounded up: 100 pupils → 3 classes; 6 rooms → 2 per class
    ind = IndicatorDef(
        id="rooms_per_class", zh="间", en="rooms", numerator=("multimedia_classrooms",),
        denominator=("students",), denominator_divisor=45, denominator_rounding="ceil",
    )  # fmt: skip
    iv = compute_indicator(
        ind, _columns([_school("A", students_primary=100, multimedia_classrooms=6)])
    )
    assert iv.values.tolist() == [2.0]
    assert iv.denominator is not None
    assert iv.denominator.tolist() == [3.0]


def test_a_declared_extra_column_is_read_by_id_or_chinese_name() -> None:
    declared = (ColumnDef(id="lab_rooms", zh="实验室间数", en="labs"),)
    ind = IndicatorDef(id="labs", zh="实验室", en="labs", numerator=("lab_rooms",))
    cols = _columns([_school("A", students_primary=10, 实验室间数="4")], declared)
    assert cols.has("lab_rooms")
    assert compute_indicator(ind, cols).values.tolist() == [4.0]


def test_a_negative_extra_column_is_refused_with_the_loaders_code() -> None:
    declared = (ColumnDef(id="lab_rooms", zh="实验室间数", en="labs"),)
    ind = IndicatorDef(id="labs", zh="实验室", en="labs", numerator=("lab_rooms",))
    cols = _columns([_school("S1", students_primary=10, lab_rooms=-2)], declared)
    with pytest.raises(DataValidationError) as info:
        compute_indicator(ind, cols)
    (defect,) = info.value.defects
    assert defect.code == DefectCode.NEGATIVE_VALUE == "negative_value"
    assert (defect.school_id, defect.column, defect.value) == ("S1", "lab_rooms", -2.0)

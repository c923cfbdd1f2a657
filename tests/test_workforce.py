"""Workforce profile and class sizes, checked by hand."""

from __future__ import annotations

import pytest

import eduequity as eq
from eduequity.workforce import class_sizes, workforce_profile


def test_workforce_profile_by_school_and_county() -> None:
    rows = [
        {"school_id": "A", "school_type": "primary", "county_code": "100001", "year": 2025,
         "students_primary": 400, "teachers_primary": 20, "teachers_age_35_under": 8,
         "teachers_age_36_45": 7, "teachers_age_46_over": 5, "teachers_title_senior": 2,
         "teachers_title_intermediate": 10, "teachers_title_junior": 8,
         "teachers_degree_qualified": 19},
        {"school_id": "B", "school_type": "nine_year", "county_code": "100001", "year": 2025,
         "students_primary": 300, "students_junior": 200, "teachers_primary": 18,
         "teachers_junior": 12, "teachers_age_35_under": 12, "teachers_age_36_45": 10,
         "teachers_age_46_over": 8, "teachers_title_senior": 6,
         "teachers_title_intermediate": 14, "teachers_title_junior": 10,
         "teachers_degree_qualified": 30},
    ]  # fmt: skip
    p = workforce_profile(eq.load_schools(rows))
    (county,) = p["counties"]
    assert county["teachers"] == 50.0  # 20 + 18 + 12
    assert county["age"]["teachers_age_35_under"] == {"count": 20.0, "share": 0.4}
    assert county["title"]["teachers_title_senior"]["share"] == pytest.approx(8 / 50)
    assert county["qualification_rate"] == pytest.approx(49 / 50)
    b = next(s for s in p["schools"] if s["school_id"] == "B")
    assert b["teachers"] == 30.0
    assert b["age"]["teachers_age_46_over"]["share"] == pytest.approx(8 / 30)
    assert "degree" not in county  # no degree columns given: reported missing, not zeros
    assert "teachers_degree_bachelor" in p["missing_columns"]


def test_class_sizes() -> None:
    rows = [
        {"school_id": "A", "school_type": "primary", "classes": 30, "large_classes": 4,
         "very_large_classes": 1},
        {"school_id": "B", "school_type": "primary", "classes": 20, "large_classes": 0,
         "very_large_classes": 0},
    ]  # fmt: skip
    c = class_sizes(eq.load_schools(rows))
    assert c["counties"][0]["large_classes"] == 4.0
    assert c["counties"][0]["share"] == pytest.approx(5 / 50)
    assert [s["school_id"] for s in c["schools"]] == ["A"]
    assert class_sizes(eq.load_example())["missing_columns"] == [
        "large_classes",
        "very_large_classes",
    ]

"""School records the tests share."""

from __future__ import annotations

from typing import Any

# A primary school of 1000 pupils that sits exactly at the 2017 school-level thresholds
# of cn-2017-quality (tests/test_evaluate.py checks each value against the rule set).
AT_STANDARD: dict[str, Any] = {
    "school_type": "primary",
    "county_code": "100001",
    "year": 2025,
    "location": "urban",
    "students_primary": 1000,
    "teachers_primary": 60,
    "qualified_teachers_primary": 42,
    "senior_title_teachers_primary": 30,
    "key_teachers_primary": 10,
    "pe_art_teachers_primary": 9,
    "teaching_aux_area_m2": 4500,
    "indoor_sports_area_m2": 0,
    "sports_ground_area_m2": 7500,
    "equipment_value_yuan": 2_000_000,
    "teaching_computers": 100,
    "books": 30000,
    "multimedia_classrooms": 23,
}

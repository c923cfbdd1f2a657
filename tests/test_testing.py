"""Helpers for other systems' test suites: the assertion, the strategies, the fixtures."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from eduequity import SchoolTable, evaluate, load_schools
from eduequity.testing import assert_meets_standard, rule_sets, tables

GOOD = {
    "school_id": "A", "school_type": "primary", "county_code": "100001", "year": 2025,
    "students_primary": 1000, "teachers_primary": 60, "qualified_teachers_primary": 42,
    "key_teachers_primary": 10, "pe_art_teachers_primary": 9, "teaching_aux_area_m2": 4500,
    "indoor_sports_area_m2": 0, "sports_ground_area_m2": 7500, "equipment_value_yuan": 2e6,
    "multimedia_classrooms": 23,
}  # fmt: skip


def test_assert_meets_standard_passes_and_fails_readably() -> None:
    table = load_schools([GOOD, {**GOOD, "school_id": "B", "books": 1}])
    assert_meets_standard(table, "cn-2017-quality", parts=["resource_allocation"])
    bad = load_schools([GOOD, {**GOOD, "school_id": "B", "key_teachers_primary": 0,
                               "multimedia_classrooms": 10}])  # fmt: skip
    with pytest.raises(AssertionError) as info:
        assert_meets_standard(bad, "cn-2017-quality", parts=["resource_allocation"])
    text = str(info.value)
    assert text.splitlines()[0] == "standard cn-2017-quality not met:"
    assert (
        "school B [resource_allocation/school_resource_indicators] "
        "key_teachers_per_100_students = 0.0" in text
    )
    # without `parts`, parts left unassessed (no county inputs) fail the assertion too
    with pytest.raises(
        AssertionError,
        match=r"\[social_recognition\] not assessed: input social_recognition_pct not supplied",
    ):
        assert_meets_standard(table, "cn-2017-quality")


def test_the_pytest_plugin_fixtures(eduequity_example: SchoolTable, meets_standard: Any) -> None:
    assert len(eduequity_example) == 40
    with pytest.raises(AssertionError, match="999901B014"):
        meets_standard(eduequity_example, "cn-2017-quality", parts=["resource_allocation"])


@settings(max_examples=25, deadline=None)
@given(rule_sets(), tables(counties=2, max_schools=6))
def test_any_drawn_rule_set_evaluates_any_table(rs: Any, table: SchoolTable) -> None:
    a = evaluate(table, rs)
    json.dumps(a.to_dict(), allow_nan=False)
    rule = next(r for r in rs.rules if r.id == "drawn_school_rule")
    for c in a.counties:
        for level in c.levels.values():
            for s in level.schools:
                misses = [m for m in s.failures if m.rule == rule.id]
                # k of n: a school passes the drawn rule iff at most n − k items miss
                # (with a floor, and without missing values, which tables() never draws)
                if rule.floor is None:
                    assert s.rules[rule.id] is (len(misses) <= rule.allowed_failures)

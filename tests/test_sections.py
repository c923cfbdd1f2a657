"""Scope, the combined-school split, and teaching-point policies."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import eduequity as eq
from eduequity.testing import tables


def test_split_example_of_data_format_md() -> None:
    t = eq.load_schools(
        [
            {
                "school_id": "S",
                "school_type": "nine_year",
                "students_primary": 166,
                "students_junior": 210,
                "books": 23226,
                "teachers_primary": 10,
                "teachers_junior": 15,
            }
        ]
    )
    s = eq.build_sections(t)
    assert s.level.tolist() == ["primary", "junior"]
    assert s.values["books"][0] == pytest.approx(23226 * 166 / (166 + 1.1 * 210))
    assert round(s.values["books"][0], 2) == 9711.63
    assert round(s.values["books"][1], 2) == 13514.37
    assert s.values["teachers"].tolist() == [10.0, 15.0]  # teachers are not split


def test_complete_secondary_and_twelve_year_weights() -> None:
    t = eq.load_schools(
        [
            {
                "school_id": "C",
                "school_type": "complete_secondary",
                "students_junior": 100,
                "students_senior": 100,
                "books": 2200,
            },
            {
                "school_id": "T",
                "school_type": "twelve_year",
                "students_primary": 100,
                "students_junior": 100,
                "students_senior": 100,
                "books": 3420,
            },
        ]
    )
    s = eq.build_sections(t)
    got = dict(
        zip(
            zip(s.school_id.tolist(), s.level.tolist(), strict=True),
            s.values["books"].tolist(),
            strict=True,
        )
    )
    assert got[("C", "junior")] == pytest.approx(1000.0)  # 2200 · 1 / 2.2
    assert got[("T", "primary")] == pytest.approx(1000.0)  # 3420 / 3.42
    assert got[("T", "junior")] == pytest.approx(1100.0)


def test_custom_weights_and_no_split() -> None:
    rows = [
        {
            "school_id": "S",
            "school_type": "nine_year",
            "students_primary": 100,
            "students_junior": 100,
            "books": 2000,
        },
        {"school_id": "J", "school_type": "nine_year", "students_junior": 50, "books": 500},
    ]
    t = eq.load_schools(rows)
    even = eq.build_sections(t, eq.ScopePolicy(split=eq.SplitWeights(junior=1.0)))
    assert even.values["books"][:2].tolist() == [1000.0, 1000.0]
    none = eq.build_sections(t, eq.ScopePolicy(split=None))
    assert none.school_id.tolist() == ["J"]
    assert none.values["books"].tolist() == [500.0]
    assert [(e.school_id, e.level, e.code) for e in none.excluded] == [
        ("S", "all", "split_disabled"),
        ("J", "primary", "no_students"),
    ]


TP_ROWS = [
    {
        "school_id": "P",
        "county_code": "1",
        "year": 2025,
        "school_type": "primary",
        "students_primary": 400,
        "books": 10000,
        "teachers_primary": 20,
    },
    {
        "school_id": "T1",
        "county_code": "1",
        "year": 2025,
        "school_type": "teaching_point",
        "parent_school_id": "P",
        "students_primary": 30,
        "books": 600,
        "teachers_primary": 3,
    },
    {
        "school_id": "T2",
        "county_code": "1",
        "year": 2025,
        "school_type": "teaching_point",
        "parent_school_id": "P",
        "students_primary": 60,
        "books": 1500,
        "teachers_primary": 4,
    },
    {
        "school_id": "T3",
        "county_code": "1",
        "year": 2025,
        "school_type": "teaching_point",
        "students_primary": 70,
        "books": 900,
    },
    {
        "school_id": "Q",
        "county_code": "1",
        "year": 2025,
        "school_type": "primary",
        "ownership": "private",
        "students_primary": 200,
        "books": 5000,
    },
    {
        "school_id": "T4",
        "county_code": "1",
        "year": 2025,
        "school_type": "teaching_point",
        "parent_school_id": "Q",
        "students_primary": 20,
        "books": 100,
    },
]


def test_teaching_points_merge_into_parent() -> None:
    t = eq.load_schools(TP_ROWS)
    s = eq.build_sections(t, eq.ScopePolicy(include_private=False))
    assert s.school_id.tolist() == ["P"]
    assert s.values["students"].tolist() == [490.0]
    assert s.values["books"].tolist() == [12100.0]
    assert s.values["teachers"].tolist() == [27.0]
    assert [(m.school_id, m.parent_school_id, m.students) for m in s.merged] == [
        ("T1", "P", 30),
        ("T2", "P", 60),
    ]
    assert sorted((e.school_id, e.code) for e in s.excluded) == [
        ("Q", "private_out_of_scope"),
        ("T3", "teaching_point_without_parent"),
        ("T4", "parent_out_of_scope"),
    ]


def test_teaching_points_keep_when_large_enough() -> None:
    t = eq.load_schools(TP_ROWS)
    s = eq.build_sections(
        t, eq.ScopePolicy(teaching_points=eq.TeachingPointPolicy(mode="keep", min_students=50))
    )
    assert sorted(s.school_id.tolist()) == ["P", "Q", "T2", "T3"]
    assert sorted((e.school_id, e.reason) for e in s.excluded) == [
        ("T1", "teaching point under 50 students"),
        ("T4", "teaching point under 50 students"),
    ]


def test_zero_students_in_a_level_is_reported() -> None:
    t = eq.load_schools([{"school_id": "E", "school_type": "primary", "students_primary": 0}])
    s = eq.build_sections(t)
    assert len(s) == 0
    assert [(e.school_id, e.level, e.code) for e in s.excluded] == [("E", "primary", "no_students")]


@given(tables())
def test_split_conserves_shared_totals_and_merge_conserves_students(
    table: eq.SchoolTable,
) -> None:
    s = eq.build_sections(table, eq.ScopePolicy(include_special=True))
    out = {e.school_id for e in s.excluded if e.level == "all"} | {
        e.school_id for e in s.excluded if e.code.startswith(("teaching_point", "parent"))
    }
    keep = ~np.isin(table["school_id"], list(out))
    senior_share = np.zeros(len(table))
    kinds = table["school_type"]
    w = eq.SplitWeights()
    ps, js, ss = (np.nan_to_num(table[f"students_{x}"]) for x in ("primary", "junior", "senior"))
    tw = kinds == "twelve_year"
    cs = kinds == "complete_secondary"
    with np.errstate(invalid="ignore", divide="ignore"):
        senior_share[tw] = (w.senior * ss / (ps + w.junior * js + w.senior * ss))[tw]
        senior_share[cs] = (
            w.complete_senior * ss / (w.complete_junior * js + w.complete_senior * ss)
        )[cs]
    for res in ("books", "sports_ground_area_m2"):
        expected = np.nansum(np.where(keep, table[res] * (1 - senior_share), 0.0))
        assert np.nansum(s.values[res]) == pytest.approx(expected, rel=1e-9, abs=1e-6)
    compulsory = np.where(keep, ps + js, 0.0).sum()
    assert s.values["students"].sum() == pytest.approx(compulsory)


def test_teaching_points_find_their_parent_in_their_own_year() -> None:
    # the same ids in two years: each teaching point merges into its parent of that year
    rows = eq.load_example().to_dicts()
    later = [dict(r, year=2026) for r in rows]
    for r in later:
        if r["school_id"] == "999901B012":
            r["students_primary"] = 300
    policy = eq.load_rule_set("cn-2012-basic").scope.policy()
    s = eq.build_sections(eq.load_schools(rows + later), policy)
    parent = (s.school_id == "999901B012") & (s.level == "primary")
    by_year = dict(zip(s.year[parent].tolist(), s.values["students"][parent].tolist(), strict=True))
    assert by_year == {2025: 240 + 37 + 64, 2026: 300 + 37 + 64}
    assert len(s.merged) == 4

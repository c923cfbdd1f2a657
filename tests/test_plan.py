"""Remediation plans: verified by re-evaluation, optimal on small counties (brute force)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import eduequity as eq
from _schools import AT_STANDARD
from eduequity.cli import main
from eduequity.planning import default_costs, plan

STANDARD = {  # 2017 primary: indicator → (column, per pupil scale, threshold, unit cost key)
    "qualified": ("qualified_teachers_primary", 100, 4.2, "teachers"),
    "key": ("key_teachers_primary", 100, 1.0, "teachers"),
    "pe_art": ("pe_art_teachers_primary", 100, 0.9, "teachers"),
    "area": ("teaching_aux_area_m2", 1, 4.5, "teaching_aux_area_m2"),
    "sports": ("sports_ground_area_m2", 1, 7.5, "sports_ground_area_m2"),
    "equipment": ("equipment_value_yuan", 1, 2000, "equipment_value_yuan"),
    "multimedia": ("multimedia_classrooms", 100, 2.3, "multimedia_classrooms"),
}


def _cost_to_reach(rec: dict[str, Any], key: str, target: float, costs: dict[str, float]) -> float:
    column, scale, _, cost_key = STANDARD[key]
    needed = max(0.0, target * rec["students_primary"] / scale - rec[column])
    if cost_key == "teachers" or column == "multimedia_classrooms":
        needed = math.ceil(needed - 1e-9)
    elif column == "equipment_value_yuan":
        needed = math.ceil(needed)
    else:
        needed = math.ceil(needed * 100 - 1e-6) / 100
    return needed * costs[cost_key]


def brute_force(records: list[dict[str, Any]], costs: dict[str, float]) -> float:
    """Cheapest way for single-section primary schools: for each school, choose the items
    to bring to the standard (at most one left below it, and that one at the floor)."""
    total = 0.0
    for rec in records:
        best = math.inf
        for left in [None, *STANDARD]:
            cost = 0.0
            for key, (_, _, t, _) in STANDARD.items():
                target = t * 0.85 if key == left else t
                cost += _cost_to_reach(rec, key, target, costs)
            best = min(best, cost)
        total += best
    return total


def test_the_example_county_passes_once_the_plan_is_applied(tmp_path: Path) -> None:
    p = plan(eq.load_example(), "cn-2017-quality")
    (c,) = p.counties
    assert (c.passed_before, c.passed_after) == (False, True)
    assert c.total_cost == pytest.approx(sum(a.cost for a in c.additions))
    # the adjusted table, written at full precision and read back, gives the same verdict
    out = tmp_path / "adjusted.csv"
    p.adjusted.to_csv(out)
    again = eq.evaluate(out, "cn-2017-quality").counties[0]
    assert again.parts["resource_allocation"].passed is True
    # whole teachers and rooms
    for a in c.additions:
        if a.unit in ("人", "间"):
            assert a.amount == int(a.amount)


def test_no_cheaper_plan_exists_on_small_counties() -> None:
    costs = default_costs()
    records = [
        {**AT_STANDARD, "school_id": "A", "key_teachers_primary": 8, "teaching_aux_area_m2": 4000},
        {**AT_STANDARD, "school_id": "B", "equipment_value_yuan": 1_200_000,
         "multimedia_classrooms": 20, "sports_ground_area_m2": 7000},
        {**AT_STANDARD, "school_id": "C", "qualified_teachers_primary": 30},
    ]  # fmt: skip
    p = plan(eq.load_schools(records), "cn-2017-quality")
    (c,) = p.counties
    assert c.passed_after is True
    assert c.total_cost == pytest.approx(brute_force(records, costs))
    # A: key teachers are below their floor (0.8 < 0.85): 2 must come, and then the area
    # (4.0, above its floor) may stay the one miss. C: qualified teachers are its only miss
    # but below the floor (3.0 < 3.57): 6 bring them to the floor, which is enough.
    a_adds = {x.column: x.amount for x in c.additions if x.school_id == "A"}
    assert a_adds == {"key_teachers_primary": 2.0}
    c_adds = {x.column: x.amount for x in c.additions if x.school_id == "C"}
    assert c_adds == {"qualified_teachers_primary": 6.0}


def test_costs_change_the_choice_and_adjustable_limits_it() -> None:
    # key teachers 0.9 per 100 and area 4.0: both short, both above their floors; one must go
    records = [
        {**AT_STANDARD, "school_id": "A", "key_teachers_primary": 9, "teaching_aux_area_m2": 4000}
    ]
    cheap_rooms = plan(eq.load_schools(records), costs={"teaching_aux_area_m2": 100.0})
    assert {a.column for a in cheap_rooms.counties[0].additions} == {"teaching_aux_area_m2"}
    assert cheap_rooms.total_cost == pytest.approx(500 * 100.0)
    only_area = plan(eq.load_schools(records), adjustable=["teaching_area_per_student"])
    assert {a.column for a in only_area.counties[0].additions} == {"teaching_aux_area_m2"}


def test_a_cv_above_its_threshold_is_brought_under_it() -> None:
    # both schools meet every standard, but sports area 30 and 8 per pupil: CV 0.58 > 0.5
    records = [
        {**AT_STANDARD, "school_id": "A", "students_primary": 1000, "sports_ground_area_m2": 30000},
        {**AT_STANDARD, "school_id": "B", "students_primary": 1000, "sports_ground_area_m2": 8000},
    ]
    before = eq.evaluate(eq.load_schools(records), "cn-2017-quality")
    ind = before.counties[0].levels["primary"].indicators["sports_area_per_student"]
    assert ind.cv_passed is False
    p = plan(eq.load_schools(records))
    (c,) = p.counties
    assert c.passed_after is True
    assert {a.school_id for a in c.additions} == {"B"}
    after = p.after.counties[0].levels["primary"].indicators["sports_area_per_student"]
    assert after.cv is not None
    assert after.cv <= 0.5


def test_cli_json_and_adjusted_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "adjusted.csv"
    assert main(["plan", "--example", "--format", "json", "--adjusted-data", str(out)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total_cost"] == pytest.approx(sum(c["total_cost"] for c in doc["counties"]))
    assert doc["counties"][0]["passed_after"] is True
    assert eq.evaluate(out).counties[0].parts["resource_allocation"].passed is True
    costs = tmp_path / "costs.toml"
    costs.write_text("teachers = 1.0\n", encoding="utf-8")
    assert main(["plan", "--example", "--costs", str(costs), "--lang", "en"]) == 0
    assert "total:" in capsys.readouterr().out


def test_brute_force_helper_is_not_trivial() -> None:
    # the oracle itself: one school 0.5 m² short with every other item met costs 0
    # (the area is left at the floor), two items short cost the cheaper one
    costs = default_costs()
    one = [{**AT_STANDARD, "school_id": "A", "teaching_aux_area_m2": 4000}]
    assert brute_force(one, costs) == 0.0
    two = [
        {**AT_STANDARD, "school_id": "A", "teaching_aux_area_m2": 4000, "key_teachers_primary": 8}
    ]
    assert brute_force(two, costs) == 240000.0
    assert list(itertools.islice(STANDARD, 1)) == ["qualified"]


def test_a_transfer_plan_moves_teachers_and_keeps_the_county_total() -> None:
    records = [
        {**AT_STANDARD, "school_id": "RICH", "key_teachers_primary": 14, "teachers_primary": 64},
        {**AT_STANDARD, "school_id": "POOR", "key_teachers_primary": 5},
    ]
    p = plan(eq.load_schools(records), transfers=True)
    (c,) = p.counties
    assert c.passed_after is True
    moves = {(a.school_id, a.column): a.amount for a in c.additions}
    # POOR needs 8.5 key teachers at least (the floor), so 9: 4 come from RICH (14 → 10 = 1.0)
    assert moves == {("POOR", "key_teachers_primary"): 4.0, ("RICH", "key_teachers_primary"): -4.0}
    assert c.total_cost == pytest.approx(4 * default_costs()["teacher_transfer"])
    assert p.adjusted["key_teachers_primary"].sum() == 19
    assert p.adjusted["teachers_primary"].sum() == 124  # moved, not hired


def test_a_budget_brings_as_many_schools_as_it_can() -> None:
    records = [
        {**AT_STANDARD, "school_id": "A", "key_teachers_primary": 8, "teaching_aux_area_m2": 4000},
        {
            **AT_STANDARD,
            "school_id": "B",
            "teaching_aux_area_m2": 3500,
            "sports_ground_area_m2": 7000,
        },
    ]
    # A: 2 key teachers (240 000); B: area below its floor and sports short: 1.5 M or more
    p = plan(eq.load_schools(records), budget=300_000)
    (c,) = p.counties
    assert {a.school_id for a in c.additions} == {"A"}
    assert c.total_cost == pytest.approx(240_000)
    assert "1 of 2 school sections brought to their per-school standard" in c.notes[0]
    assert c.passed_after is False  # B still fails: the budget did not reach it


def test_the_example_county_passes_with_transfers_and_valid_data() -> None:
    p = plan(eq.load_example(), transfers=True)
    (c,) = p.counties
    assert c.passed_after is True
    before, after = eq.load_example(), p.adjusted
    for level in ("primary", "junior"):
        for stem in ("teachers", "qualified_teachers", "key_teachers", "pe_art_teachers"):
            column = f"{stem}_{level}"
            # moved only (nansum: columns are missing where a school has no such section)
            assert np.nansum(after[column]) == pytest.approx(np.nansum(before[column]))


def test_progress_is_called_once_per_county_and_round() -> None:
    rows = eq.load_example().to_dicts()
    two = rows + [dict(r, county_code="999902") for r in rows]
    calls: list[tuple[int, str]] = []
    result = plan(two, budget=100_000, progress=lambda r, county: calls.append((r, county)))
    # with a budget the CVs are not pursued: one round, each county solved once, in order
    assert calls == [(1, "999901 2025"), (1, "999902 2025")]
    assert [c.county_code for c in result.counties] == ["999901", "999902"]
    assert result.counties[0].to_dict() == {
        **result.counties[1].to_dict(), "county_code": "999901"
    }


def test_notes_in_both_languages() -> None:
    c = plan(eq.load_example(), budget=100_000).counties[0]
    assert len(c.notes) == len(c.notes_zh) == 1
    best, total = (int(x) for x in c.notes[0].split(": ")[1].split(" school")[0].split(" of "))
    assert c.notes_zh[0] == (
        f"在 100,000 元预算内：{total} 个学校学段中有 {best} 个达到校际标准（未追求差异系数）"
    )
    assert c.to_dict()["notes_zh"] == list(c.notes_zh)

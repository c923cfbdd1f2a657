"""evaluate(): each rule kind on tiny hand-built counties, checked against hand computation."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from _schools import AT_STANDARD
from eduequity import (
    Assessment,
    ConfigurationError,
    StandardNotMetError,
    evaluate,
    load_example,
    load_rule_set,
    load_schools,
)

# A primary school of 1000 pupils exactly at every 2017 standard:
# 100 × 42 / 1000 = 4.2, 10 → 1.0, 9 → 0.9, 4500 m² → 4.5, 7500 m² → 7.5, 2 000 000 yuan → 2000,
# 23 rooms → 2.3 (all exactly representable quotients).

ALL_2017_INPUTS: dict[str, Any] = {
    "layout_planning": True,
    "four_unifications": True,
    "small_schools_funded_as_100": True,
    "special_school_funding_per_student_yuan": 6000,
    "teacher_pay_vs_civil_servants_pct": 100,
    "performance_pay_fully_set": True,
    "teacher_training_completion_pct": 100,
    "county_staffing_quotas": True,
    "teacher_rotation_pct": 10,
    "key_teachers_among_rotated_pct": 20,
    "teacher_certificate_pct": 100,
    "nearby_enrollment_primary_pct": 100,
    "nearby_enrollment_junior_pct": 95,
    "quota_allocation_pct": 50,
    "quota_allocation_favours_rural_juniors": True,
    "left_behind_children_care_system": True,
    "migrant_children_in_public_pct": 85,
    "junior_retention_pct": 95,
    "disabled_children_enrollment_pct": 95,
    "school_charters_and_systems": True,
    "training_budget_pct": 5,
    "teachers_use_ict": True,
    "moral_education_good": True,
    "full_curriculum": True,
    "no_excessive_burden": True,
    "monitoring_level_3_reached": True,
    "between_school_difference_rate": 0.1,
    "social_recognition_pct": 85,
    "admission_by_exam": False,
    "illegal_school_choice": False,
    "key_schools_or_classes": False,
    "unfilled_posts_or_long_term_non_staff": False,
    "major_safety_incident": False,
    "falsified_data": False,
    "serious_disciplinary_violation": False,
    "off_campus_training_governance_failure": False,
}

# Facts for the 2017 government items: 12 classes → ceil(12/12) = 1 room each; rooms of
# exactly 96 and 90 m²; 1000 pupils ≤ 2000; classes of 45.
FACTS: dict[str, Any] = {
    "classes": 12,
    "music_rooms": 1,
    "art_rooms": 1,
    "min_music_room_area_m2": 96,
    "min_art_room_area_m2": 90,
    "max_class_size": 45,
    "built_year": 2010,
}


def school(school_id: str, **changes: Any) -> dict[str, Any]:
    return {"school_id": school_id, **AT_STANDARD, **FACTS, **changes}


def one_county(*records: dict[str, Any]) -> Any:
    return load_schools(list(records))


def test_values_exactly_at_every_2017_threshold_pass() -> None:
    a = evaluate(one_county(school("A")), "cn-2017-quality", {"100001": ALL_2017_INPUTS})
    c = a.counties[0]
    s = c.levels["primary"].schools[0]
    assert s.values["qualified_teachers_per_100_students"] == 4.2
    assert s.values["pe_art_teachers_per_100_students"] == 0.9
    assert s.values["multimedia_classrooms_per_100_students"] == 2.3
    assert s.passed is True
    assert s.failures == ()
    assert c.levels["primary"].passed is True
    assert all(p.passed is True for p in c.parts.values())
    assert c.passed is True
    assert a.passed is True
    a.raise_for_failures()  # a passing county does not raise


def test_a_single_school_level_has_cv_zero_and_says_so() -> None:
    a = evaluate(one_county(school("A")), "cn-2017-quality")
    ind = a.counties[0].levels["primary"].indicators["teaching_area_per_student"]
    assert (ind.cv, ind.n_schools, ind.cv_passed) == (0.0, 1, True)


def test_the_85_percent_floor() -> None:
    # 3825 m² / 1000 = 3.825 = 85 % of 4.5 exactly: tolerated; 3824 m² is below the floor.
    table = one_county(
        school("AT_FLOOR", teaching_aux_area_m2=3825),
        school("BELOW_FLOOR", teaching_aux_area_m2=3824),
        school("TWO_MISSES", teaching_aux_area_m2=4400, sports_ground_area_m2=7400),
    )
    level = evaluate(table, "cn-2017-quality").counties[0].levels["primary"]
    by_id = {s.school_id: s for s in level.schools}
    at_floor = by_id["AT_FLOOR"]
    assert at_floor.passed is True
    (miss,) = at_floor.failures
    assert miss.indicator == "teaching_area_per_student"
    assert miss.tolerated
    assert miss.value == 3.825
    assert miss.threshold == 4.5
    assert miss.shortfall == pytest.approx(0.675, abs=1e-12)
    assert miss.floor_value == pytest.approx(3.825, abs=1e-12)
    assert miss.below_floor is False
    below = by_id["BELOW_FLOOR"]
    assert below.passed is False
    assert below.failures[0].below_floor is True
    assert not below.failures[0].tolerated
    two = by_id["TWO_MISSES"]
    assert two.passed is False
    assert [m.indicator for m in two.failures] == [
        "teaching_area_per_student",
        "sports_area_per_student",
    ]
    assert level.passed is False


def test_one_failing_school_fails_the_countys_resource_part() -> None:
    table = one_county(school("GOOD"), school("BAD", key_teachers_primary=5, books=1))
    c = evaluate(table, "cn-2017-quality", {"100001": ALL_2017_INPUTS}).counties[0]
    part = c.parts["resource_allocation"]
    assert part.passed is False
    rule = next(r for r in part.rules if r.id == "school_resource_indicators")
    assert rule.detail["failed_schools"] == [{"school_id": "BAD", "level": "primary"}]
    assert rule.detail["n_schools"] == 2
    assert c.passed is False
    good = next(s for s in c.levels["primary"].schools if s.school_id == "GOOD")
    assert good.passed is True


def test_cv_exactly_at_the_threshold_passes_and_just_above_fails() -> None:
    # Equal weights, sports area 15 and 5 per pupil: mean 10, SD 5, CV 0.5 exactly.
    primary = one_county(
        school("P1", students_primary=100, sports_ground_area_m2=1500),
        school("P2", students_primary=100, sports_ground_area_m2=500),
    )
    ind = evaluate(primary, "cn-2017-quality").counties[0].levels["primary"].indicators
    assert ind["sports_area_per_student"].cv == 0.5
    assert ind["sports_area_per_student"].cv_threshold == 0.5
    assert ind["sports_area_per_student"].cv_passed is True

    def junior(high: float, low: float) -> Any:
        base = {"school_type": "junior", "students_primary": 0, "students_junior": 100,
                "teachers_junior": 6, "teachers_primary": None, "qualified_teachers_primary": None,
                "senior_title_teachers_primary": None, "key_teachers_primary": None,
                "pe_art_teachers_primary": None}  # fmt: skip
        return one_county(
            school("J1", **base, sports_ground_area_m2=high),
            school("J2", **base, sports_ground_area_m2=low),
        )

    # 29 and 11 per pupil: mean 20, SD 9, CV 0.45 exactly (junior threshold); 31 and 9: 0.55.
    at = evaluate(junior(2900, 1100), "cn-2017-quality").counties[0].levels["junior"]
    assert at.indicators["sports_area_per_student"].cv == 0.45
    assert at.indicators["sports_area_per_student"].cv_passed is True
    above = evaluate(junior(3100, 900), "cn-2017-quality").counties[0].levels["junior"]
    assert above.indicators["sports_area_per_student"].cv_passed is False
    assert above.passed is False


def test_2012_composite_is_the_mean_of_eight_cvs_by_hand() -> None:
    # cv.md's worked example for indicator 1; every other resource proportional to pupils
    # (CV 0), so the composite is CV_1 / 8.
    rows = []
    for sid, pupils, area in (
        ("A", 120, 600),
        ("B", 480, 2000),
        ("C", 300, 1500),
        ("D", 900, 4800),
    ):
        k = pupils // 60
        rows.append(
            {
                "school_id": sid, "school_type": "primary", "county_code": "100002", "year": 2025,
                "students_primary": pupils, "teaching_aux_area_m2": area,
                "indoor_sports_area_m2": 0, "sports_ground_area_m2": 8 * pupils,
                "equipment_value_yuan": 1000 * pupils, "teaching_computers": k * 6,
                "books": 30 * pupils, "teachers_primary": k * 4,
                "qualified_teachers_primary": k * 3, "senior_title_teachers_primary": k * 2,
            }
        )  # fmt: skip
    level = evaluate(load_schools(rows), "cn-2012-basic").counties[0].levels["primary"]
    x = [5.0, 2000 / 480, 5.0, 4800 / 900]
    p = [120, 480, 300, 900]
    mean = sum(pi * xi for pi, xi in zip(p, x, strict=True)) / sum(p)
    sd = math.sqrt(sum(pi * (xi - mean) ** 2 for pi, xi in zip(p, x, strict=True)) / sum(p))
    assert round(sd / mean, 6) == 0.098595  # the printed value of cv.md
    assert level.indicators["teaching_area_per_student"].cv == pytest.approx(sd / mean, rel=1e-12)
    assert level.indicators["books_per_student"].cv == pytest.approx(0.0, abs=1e-15)
    assert level.indicators["teaching_area_per_student"].cv_threshold is None  # no own threshold
    assert level.composite is not None
    assert level.composite.value == pytest.approx(sd / mean / 8, rel=1e-12)
    assert (level.composite.threshold, level.composite.passed) == (0.65, True)
    assert level.passed is True
    assert all(s.passed is None for s in level.schools)  # no provincial standard given


def test_county_inputs_at_least_at_most_exclusive_evidence_and_vetoes() -> None:
    table = one_county(school("A"))

    def county(**changes: Any) -> Any:
        return evaluate(table, "cn-2017-quality", {"100001": {**ALL_2017_INPUTS, **changes}})

    assert county().counties[0].passed is True
    c = county(between_school_difference_rate=0.15).counties[0]  # "< 0.15": 0.15 fails
    assert c.parts["education_quality"].passed is False
    assert c.passed is False
    assert county(between_school_difference_rate=0.149).counties[0].passed is True
    c = county(social_recognition_pct=84.9).counties[0]
    assert c.parts["social_recognition"].passed is False
    c = county(admission_by_exam=True).counties[0]
    veto = next(r for r in c.parts["vetoes"].rules if r.id == "veto_admission_by_exam")
    assert (veto.passed, veto.message) == (False, "veto applies")
    assert c.passed is False
    c = county(full_curriculum=False).counties[0]
    assert c.parts["education_quality"].passed is False
    # the evidence clauses of government items 8, 14 and 15, and the two further vetoes
    for evidence in (
        "performance_pay_fully_set",
        "quota_allocation_favours_rural_juniors",
        "left_behind_children_care_system",
    ):
        c = county(**{evidence: False}).counties[0]
        assert (c.parts["government"].passed, c.passed) == (False, False), evidence
    for veto_input in ("serious_disciplinary_violation", "off_campus_training_governance_failure"):
        c = county(**{veto_input: True}).counties[0]
        assert (c.parts["vetoes"].passed, c.passed) == (False, False), veto_input
    # not given: not assessed, as every county input
    without = {k: v for k, v in ALL_2017_INPUTS.items() if k != "serious_disciplinary_violation"}
    c = evaluate(table, "cn-2017-quality", {"100001": without}).counties[0]
    assert (c.parts["vetoes"].status, c.passed) == ("not_assessed", None)


def test_a_part_without_inputs_is_not_assessed_never_passed() -> None:
    inputs = {k: v for k, v in ALL_2017_INPUTS.items() if k != "social_recognition_pct"}
    c = evaluate(one_county(school("A")), "cn-2017-quality", {"100001": inputs}).counties[0]
    part = c.parts["social_recognition"]
    assert (part.passed, part.status) == (None, "not_assessed")
    assert part.rules[0].message == "not assessed: input social_recognition_pct not supplied"
    assert c.passed is None
    # and a failing part still fails the county while another is not assessed
    c = evaluate(one_county(school("A", books=0, key_teachers_primary=0)), "cn-2017-quality")
    assert c.counties[0].passed is False


def test_2012_county_inputs_and_the_missing_provincial_part() -> None:
    table = one_county(school("A"), school("B", teaching_aux_area_m2=4000))
    ok = {"government_effort_score": 85, "public_satisfaction_pct": 85}
    c = evaluate(table, "cn-2012-basic", {"100001": ok}).counties[0]
    assert c.parts["government_effort"].passed is True  # 85 points pass (inclusive)
    assert c.parts["school_standard"].status == "not_assessed"
    assert c.passed is None  # part 1 needs a provincial set
    low = {"government_effort_score": 84.5, "public_satisfaction_pct": 85}
    assert evaluate(table, "cn-2012-basic", {"100001": low}).counties[0].passed is False


def test_a_rule_whose_columns_are_absent_is_not_assessed_with_a_warning() -> None:
    record = {k: v for k, v in school("A").items() if k != "min_music_room_area_m2"}
    a = evaluate(one_county(record), "cn-2017-quality")
    rule = next(r for r in a.counties[0].parts["government"].rules if r.id == "music_room_area")
    assert (rule.passed, rule.status) == (None, "not_assessed")
    assert rule.detail["missing_columns"] == ["min_music_room_area_m2"]
    messages = [w.message for w in a.warnings if w.code == "rule_not_assessed"]
    assert messages == [
        "rule music_room_area: not assessed, the data lack column(s) min_music_room_area_m2"
    ]


def test_a_missing_cell_leaves_the_school_undecided_not_passed() -> None:
    a = evaluate(one_county(school("A", books=None, multimedia_classrooms=None)), "cn-2017-quality")
    s = a.counties[0].levels["primary"].schools[0]
    assert s.values["multimedia_classrooms_per_100_students"] is None
    assert s.rules["school_resource_indicators"] is None
    assert s.passed is None
    (miss,) = s.failures
    assert (miss.reason, miss.value, miss.shortfall) == ("missing value", None, None)
    ind = a.counties[0].levels["primary"].indicators["multimedia_classrooms_per_100_students"]
    assert ind.cv is None
    assert ind.n_schools == 0
    assert ind.left_out == ({"school_id": "A", "reason": "missing multimedia_classrooms"},)


def test_an_undefined_cv_is_null_with_its_reason_in_json() -> None:
    table = one_county(school("A", key_teachers_primary=0), school("B", key_teachers_primary=0))
    doc = evaluate(table, "cn-2017-quality").to_dict()
    ind = doc["counties"][0]["levels"]["primary"]["indicators"]["key_teachers_per_100_students"]
    assert ind["cv"] is None
    assert ind["cv_undefined_reason"] == "the weighted mean is 0, so the CV is undefined"
    assert ind["cv_passed"] is None
    json.dumps(doc, allow_nan=False)  # never NaN


def test_flags_switch_the_relaxed_room_thresholds() -> None:
    table = one_county(school("OLD", min_music_room_area_m2=80, built_year=2010))
    rule = "music_room_area"
    default = evaluate(table, "cn-2017-quality").counties[0].levels["primary"].schools[0]
    assert default.rules[rule] is False
    relaxed = evaluate(table, "cn-2017-quality", flags={"room_area_relaxation": True})
    assert relaxed.counties[0].levels["primary"].schools[0].rules[rule] is True
    assert relaxed.standard.digest != evaluate(table, "cn-2017-quality").standard.digest
    with pytest.raises(ConfigurationError, match="unknown"):
        evaluate(table, "cn-2017-quality", flags={"rooftop": True})


def test_many_counties_and_years_equal_each_evaluated_alone() -> None:
    records = [
        school("A", county_code="200001"),
        school("B", county_code="200001", teaching_aux_area_m2=3000),
        school("A", county_code="200002", year=2024),
        school("A", county_code="200002", year=2025, books=0, multimedia_classrooms=10),
        school("Z", county_code="100003"),
    ]
    together = evaluate(load_schools(records), "cn-2017-quality")
    keys = [(c.county_code, c.year) for c in together.counties]
    assert keys == [("100003", 2025), ("200001", 2025), ("200002", 2024), ("200002", 2025)]
    for c in together.counties:
        alone_records = [
            r for r in records if (r["county_code"], r["year"]) == (c.county_code, c.year)
        ]
        alone = evaluate(load_schools(alone_records), "cn-2017-quality").counties[0]
        assert c.to_dict() == alone.to_dict()
    assert [c.levels["primary"].passed for c in together.counties] == [True, False, True, False]


def test_raise_for_failures_gives_a_readable_account() -> None:
    table = one_county(school("GOOD"), school("BAD", teaching_aux_area_m2=3000, books=1))
    with pytest.raises(StandardNotMetError) as info:
        evaluate(table, "cn-2017-quality").raise_for_failures()
    text = str(info.value)
    assert text.startswith("standard cn-2017-quality not met:")
    assert (
        "county 100001 (2025) primary: school BAD [resource_allocation/school_resource_indicators]"
        " teaching_area_per_student = 3.0, at_least 4.5 (floor 3.825)" in text
    )
    assert "GOOD" not in text


def test_provincial_overlay_decides_the_schools_under_2012() -> None:
    # The 2013 school-plan example (formerly cn-anhui-2013): building area without
    # dormitories ≥ 5.2 m² per pupil, and its other items.
    extra = {
        "building_area_m2": 5400, "dormitory_area_m2": 200, "standard_desks": "是",
        "certified_teachers": 60, "teacher_training_hours": 24, "daily_study_hours": 6,
        "daily_activity_hours": 1, "subject_pass_rate_pct": 97, "graduation_rate_pct": 98,
        "health_pass_rate_pct": 95, "new_myopia_rate_pct": 7,
    }  # fmt: skip
    table = one_county(
        school("OK", **extra),
        school("SMALL", **{**extra, "building_area_m2": 5399}),
    )
    c = evaluate(table, "example-school-plan-2013").counties[0]
    by_id = {s.school_id: s for s in c.levels["primary"].schools}
    assert by_id["OK"].passed is True  # 5200 / 1000 = 5.2 exactly
    assert by_id["SMALL"].passed is False
    assert [m.indicator for m in by_id["SMALL"].failures] == [
        "building_area_excl_dormitory_per_student"
    ]
    assert c.parts["school_standard"].passed is False
    assert c.levels["primary"].passed is False
    assert evaluate(table, "example-school-plan-2013").standard.lineage == (
        "cn-2012-basic",
        "example-school-plan-2013",
    )


def test_k_of_n_counts_items_that_do_not_apply_as_met() -> None:
    # The 8-of-10 province: primary sections have no building-area standard, so a primary
    # school failing 1 of the 8 known items that apply still passes: the unknown tenth item
    # counts as not met (the strict reading), so 1 of the 2 failures allowed is left, and
    # the building-area item, had it counted as failed, would have used it.
    extra = {
        "site_area_m2": 15000, "building_area_m2": 1, "staff": 48,
        "degree_qualified_teachers": 60, "retention_rate_pct": 99,
    }  # fmt: skip
    changes = {"books": 20000, "equipment_value_yuan": 365_000, "qualified_teachers_primary": 51}
    ok = school("P", **extra, **changes)  # 51 of 60 teachers: 85 % exactly
    # books 20 < 25 (80 % ≥ 60 %): one miss, above the floor; equipment 365 meets 365
    c = evaluate(one_county(ok), "cn-province-8of10").counties[0]
    s = c.levels["primary"].schools[0]
    assert [m.indicator for m in s.failures] == ["books_per_student"]
    assert s.rules["p10_school_standard"] is True
    # a second miss (equipment 300 < 365, 82 %) fails it: with the unknown item, 3 of 10
    two = school("P", **extra, **{**changes, "equipment_value_yuan": 300_000})
    c2 = evaluate(one_county(two), "cn-province-8of10").counties[0]
    s2 = c2.levels["primary"].schools[0]
    assert [m.indicator for m in s2.failures] == [
        "equipment_value_per_student",
        "books_per_student",
    ]
    assert s2.rules["p10_school_standard"] is False
    assert "building_area_per_student" not in [m.indicator for m in s.failures]
    # staff 48 for 1000 pupils (urban): 48 / 1000 ≥ 1/21 = 0.047619…
    assert s.values["staff_per_student"] == 0.048


def test_the_example_county_evaluates_under_both_national_standards() -> None:
    table = load_example()
    a17 = evaluate(table, "cn-2017-quality")
    a12 = evaluate(table, "cn-2012-basic")
    for a in (a17, a12):
        assert isinstance(a, Assessment)
        json.dumps(a.to_dict(), allow_nan=False)
    c12 = a12.counties[0]
    excluded = {(e["school_id"], e["code"]) for e in c12.excluded}
    assert ("999901T036", "teaching_point_merged") in excluded
    assert ("999901B038", "special_out_of_scope") in excluded
    c17 = a17.counties[0]
    assert ("999901T036", "teaching_point_too_small") in {
        (e["school_id"], e["code"]) for e in c17.excluded
    }
    # a nine-year school appears once under each level, keyed by its plain id
    nine = [
        sid
        for sid, kind in zip(table["school_id"], table["school_type"], strict=True)
        if kind == "nine_year"
    ]
    primary_ids = {s.school_id for s in c17.levels["primary"].schools}
    junior_ids = {s.school_id for s in c17.levels["junior"].schools}
    assert nine
    assert all(sid in primary_ids and sid in junior_ids for sid in nine)


def test_cv_rounding_is_an_explicit_rule_set_option(tmp_path: Path) -> None:
    # Sports area 31 and 9 per pupil: CV 22/40 = 0.55 > 0.5; rounded to 1 digit: 0.6.
    # Area 15.4 and 4.6: CV 0.54, which rounds to 0.5 and then passes.
    table = one_county(
        school("P1", students_primary=100, sports_ground_area_m2=1540),
        school("P2", students_primary=100, sports_ground_area_m2=460),
    )
    unrounded = evaluate(table, "cn-2017-quality").counties[0].levels["primary"]
    assert unrounded.indicators["sports_area_per_student"].cv == pytest.approx(0.54, abs=1e-12)
    assert unrounded.indicators["sports_area_per_student"].cv_passed is False
    indicators = next(
        r for r in load_rule_set("cn-2017-quality").rules if r.id == "resource_cv"
    ).indicators
    path = tmp_path / "rounded.toml"
    path.write_text(
        'id = "rounded"\nrevision = 1\ntitle_zh = "t"\ntitle_en = "t"\ndocument = "t"\n'
        'status = "partial"\nsources = ["t"]\nextends = "cn-2017-quality"\n\n[[rules]]\n'
        'id = "resource_cv"\nkind = "county_cv"\npart = "resource_allocation"\n'
        'aggregate = "each"\nreference = "rounded to 1 digit"\nround_digits = 1\n'
        f"indicators = {json.dumps(list(indicators))}\n"
        'thresholds = [{ level = "primary", value = 0.5 }, { level = "junior", value = 0.45 }]\n',
        encoding="utf-8",
    )
    rounded = evaluate(table, path).counties[0].levels["primary"]
    assert rounded.indicators["sports_area_per_student"].cv == 0.5
    assert rounded.indicators["sports_area_per_student"].cv_passed is True


def test_to_frame_lists_every_section() -> None:
    frame = evaluate(load_example(), "cn-2012-basic").to_frame()
    assert len(frame) == 24 + 15
    row = frame[frame["school_id"] == "999901B012"].iloc[0]
    assert row["students"] == 240 + 37 + 64
    assert row["level"] == "primary"


def test_a_cv_rule_without_its_columns_is_not_assessed_with_a_warning() -> None:
    record = {k: v for k, v in school("A").items() if k != "multimedia_classrooms"}
    a = evaluate(one_county(record, {**record, "school_id": "B"}), "cn-2017-quality")
    c = a.counties[0]
    rule = next(r for r in c.parts["resource_allocation"].rules if r.id == "resource_cv")
    assert (rule.status, rule.detail["missing_columns"]) == (
        "not_assessed",
        ["multimedia_classrooms"],
    )
    ind = c.levels["primary"].indicators["multimedia_classrooms_per_100_students"]
    assert (ind.mean, ind.cv) == (None, None)
    assert ind.cv_undefined_reason == "columns not given: multimedia_classrooms"
    assert c.levels["primary"].passed is None  # nothing failed, but not everything assessed
    assert {w.message for w in a.warnings if w.code == "rule_not_assessed"} >= {
        "rule resource_cv: not assessed, the data lack column(s) multimedia_classrooms",
        "rule school_resource_indicators: not assessed, the data lack column(s) "
        "multimedia_classrooms",
    }


STANDALONE = """
id = "county-equal"
revision = 3
title_zh = "测试"
title_en = "test"
document = "test"
status = "partial"
sources = ["test"]
level_parts = ["schools"]

[scope]
include_private = true
include_special = false
teaching_points = { mode = "exclude" }
split = false

[[parts]]
id = "schools"
zh = "学校"
en = "Schools"

[[parts]]
id = "county"
zh = "县"
en = "County"

[[inputs]]
id = "plans_filed"
zh = "x"
en = "Plans filed"
type = "number"

[[rules]]
id = "all_plans"
kind = "county_input"
part = "county"
input = "plans_filed"
comparison = "equal"
value = 12
reference = "test"

[[rules]]
id = "books"
kind = "school_threshold"
part = "schools"
reference = "test"
items = [
  { indicator = "books_per_student", comparison = "at_least", thresholds = [{ value = 30 }] },
]
"""


def test_a_standalone_rule_file_with_an_equality_input(tmp_path: Path) -> None:
    path = tmp_path / "standalone.toml"
    path.write_text(STANDALONE, encoding="utf-8")
    table = one_county(school("A"), school("B", books=29999))
    a = evaluate(table, path, {"100001": {"plans_filed": 12}})
    assert (a.standard.id, a.standard.revision) == ("county-equal", 3)
    c = a.counties[0]
    assert c.parts["county"].passed is True
    assert [s.passed for s in c.levels["primary"].schools] == [True, False]
    assert c.passed is False
    c = evaluate(table, path, {"100001": {"plans_filed": 11}}).counties[0]
    assert c.parts["county"].rules[0].message == "11 misses = 12"


def test_a_county_named_two_ways_keeps_both_names() -> None:
    table = one_county(
        school("A", county_name="甲县"),
        school("B", county_name="甲县"),
        school("C", county_name="甲縣"),
    )
    assert evaluate(table, "cn-2017-quality").counties[0].county_name == "甲县, 甲縣"


def test_shortfalls_as_totals_to_the_standard_and_to_the_floor() -> None:
    # 4000 m² for 1000 pupils: 0.5 m² per pupil short of 4.5, i.e. 500 m² to build;
    # the floor 3.825 is met (no distance to it). 1500 000 yuan: 500 yuan per pupil short,
    # 500 000 yuan to buy; to the floor (1700) 200 yuan per pupil, 200 000 yuan.
    # 8 key teachers per 1000 pupils: 0.2 per 100 short, i.e. 2 teachers.
    table = one_county(
        school("A", teaching_aux_area_m2=4000, equipment_value_yuan=1_500_000,
               key_teachers_primary=8)
    )  # fmt: skip
    s = evaluate(table, "cn-2017-quality").counties[0].levels["primary"].schools[0]
    by = {m.indicator: m for m in s.failures}
    area = by["teaching_area_per_student"]
    assert (area.shortfall_total, area.total_unit) == (pytest.approx(500.0), "m²")
    assert area.shortfall_to_floor == 0.0
    assert area.shortfall_to_floor_total == 0.0
    money = by["equipment_value_per_student"]
    assert money.shortfall_total == pytest.approx(500_000.0)
    assert money.shortfall_to_floor == pytest.approx(200.0)
    assert money.shortfall_to_floor_total == pytest.approx(200_000.0)
    assert money.total_unit == "元"
    key = by["key_teachers_per_100_students"]
    assert (key.shortfall_total, key.total_unit) == (pytest.approx(2.0), "人")
    # an at-most rule has no single remedy: no total
    size = evaluate(one_county(school("B", max_class_size=50)), "cn-2017-quality")
    miss = next(
        m for m in size.counties[0].levels["primary"].schools[0].failures
        if m.indicator == "max_class_size"
    )  # fmt: skip
    assert (miss.shortfall, miss.shortfall_total) == (5.0, None)

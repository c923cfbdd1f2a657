"""The 2017 special cases and the strict reading, as the evaluator applies them: each flips
a verdict when its flag and its column say so, and only then."""

from __future__ import annotations

from typing import Any

import pytest

from _schools import AT_STANDARD
from eduequity import evaluate, load_rule_set, load_schools
from eduequity.assessment import Assessment
from eduequity.rules.schema import FlagDef, RuleSet

FACTS: dict[str, Any] = {
    "classes": 12,
    "music_rooms": 1,
    "art_rooms": 1,
    "min_music_room_area_m2": 96,
    "min_art_room_area_m2": 90,
    "max_class_size": 45,
    "built_year": 2020,
}

# A rural primary school of 80 pupils at every 2017 resource standard except indicator 3:
# no full-time PE or art teacher (0 < 0.765, the 85 % floor of 0.9), so it fails 6 of 7.
SMALL: dict[str, Any] = {
    **FACTS,
    "school_type": "primary",
    "county_code": "100001",
    "year": 2025,
    "location": "rural",
    "students_primary": 80,
    "teachers_primary": 6,
    "qualified_teachers_primary": 4,  # 5.0 ≥ 4.2
    "key_teachers_primary": 1,  # 1.25 ≥ 1.0
    "pe_art_teachers_primary": 0,
    "teaching_aux_area_m2": 360,  # 4.5
    "indoor_sports_area_m2": 0,
    "sports_ground_area_m2": 600,  # 7.5
    "equipment_value_yuan": 160_000,  # 2000
    "multimedia_classrooms": 2,  # 2.5 ≥ 2.3
    "classes": 4,
}


def _run(records: list[dict[str, Any]], standard: str | RuleSet = "cn-2017-quality",
         **flags: bool) -> Assessment:  # fmt: skip
    return evaluate(load_schools(records), standard, flags=flags or None)


def _rule(a: Assessment, rule: str, level: str = "primary") -> dict[str, bool | None]:
    return {s.school_id: s.rules[rule] for s in a.counties[0].levels[level].schools}


# ---------------------------------------------------------------- itinerant PE and art teachers


def test_itinerant_teachers_count_for_rural_small_schools_of_50_to_99_pupils() -> None:
    records = [
        {**SMALL, "school_id": "R80", "rural_small_school": True, "pe_art_itinerant_teachers": 1},
        {**SMALL, "school_id": "NOT", "rural_small_school": False, "pe_art_itinerant_teachers": 1},
        {**SMALL, "school_id": "BLANK", "rural_small_school": True},  # no count: adds 0
        {
            **SMALL,
            "school_id": "R100",  # 100 pupils: not a 50–99 school
            "students_primary": 100,
            "rural_small_school": True,
            "pe_art_itinerant_teachers": 1,
        },
    ]
    off = _run(records)
    assert set(_rule(off, "school_resource_indicators").values()) == {False}
    on = _run(records, itinerant_pe_art_teachers=True)
    assert _rule(on, "school_resource_indicators") == {
        "R80": True,  # 100 × (0 + 1) / 80 = 1.25 ≥ 0.9
        "NOT": False,
        "BLANK": False,
        "R100": False,
    }
    # the school is judged on 1.25; no miss is left on indicator 3
    s = next(s for s in on.counties[0].levels["primary"].schools if s.school_id == "R80")
    assert s.failures == ()
    # per-school check only: the statistics' values and the CV are those of the flag off
    assert s.values["pe_art_teachers_per_100_students"] == 0.0
    ind = "pe_art_teachers_per_100_students"
    assert on.counties[0].levels["primary"].indicators[ind].to_dict() == (
        off.counties[0].levels["primary"].indicators[ind].to_dict()
    )


def test_the_itinerant_teachers_enter_the_cv_when_the_set_says_in_cv() -> None:
    rs = load_rule_set("cn-2017-quality")
    fd = rs.flag_def("itinerant_pe_art_teachers")
    assert fd is not None
    assert fd.engine == "applied"
    assert [a.in_cv for a in fd.adds] == [False]
    wider = fd.model_copy(update={"adds": (fd.adds[0].model_copy(update={"in_cv": True}),)})
    defs = tuple(wider if f.id == fd.id else f for f in rs.flag_defs)
    rs_cv = rs.model_copy(update={"flag_defs": defs})
    records = [
        {**SMALL, "school_id": "R80", "rural_small_school": True, "pe_art_itinerant_teachers": 1},
        {**SMALL, "school_id": "R90", "students_primary": 90, "pe_art_teachers_primary": 1},
    ]
    ind = "pe_art_teachers_per_100_students"
    off = _run(records, rs_cv).counties[0].levels["primary"].indicators[ind]
    on = _run(records, rs_cv, itinerant_pe_art_teachers=True).counties[0].levels["primary"]
    # flag off: R80 has 0, R90 100/90: weighted mean (0·80 + 100/90·90) / 170 = 100/170
    assert off.mean == pytest.approx(100 / 170)
    # flag on, in_cv: R80 has 100/80, so the mean is (100 + 100) / 170
    assert on.indicators[ind].mean == pytest.approx(200 / 170)
    assert on.indicators[ind].cv is not None
    assert off.cv is not None
    assert on.indicators[ind].cv < off.cv


# ---------------------------------------------------------------- dense city centres


def _centre(school_id: str, **changes: Any) -> dict[str, Any]:
    # 1000 pupils, sports ground 5000 m²: 5.0 < 6.375 (85 % of 7.5), so 6 of 7 fail
    return {**AT_STANDARD, **FACTS, "school_id": school_id, "sports_ground_area_m2": 5000,
            **changes}  # fmt: skip


def test_dense_city_centres_count_rented_and_converted_sports_space() -> None:
    space = {"sports_area_rented_m2": 1500, "sports_area_converted_m2": 1000}
    records = [
        _centre("DENSE", dense_city_centre=True, **space),  # (5000 + 2500) / 1000 = 7.5
        _centre("SHORT", dense_city_centre=True, sports_area_rented_m2=1000),  # 6.0
        _centre("NOT", dense_city_centre=False, **space),
    ]
    off = _run(records)
    assert set(_rule(off, "school_resource_indicators").values()) == {False}
    on = _run(records, dense_centre_sports_space=True)
    assert _rule(on, "school_resource_indicators") == {
        "DENSE": True,
        "SHORT": False,
        "NOT": False,
    }
    short = next(s for s in on.counties[0].levels["primary"].schools if s.school_id == "SHORT")
    assert [(m.indicator, m.value) for m in short.failures] == [("sports_area_per_student", 6.0)]
    ind = "sports_area_per_student"
    assert on.counties[0].levels["primary"].indicators[ind].to_dict() == (
        off.counties[0].levels["primary"].indicators[ind].to_dict()
    )


def test_a_flag_whose_columns_the_data_lack_warns() -> None:
    a = _run([_centre("X")], dense_centre_sports_space=True)
    texts = [w.message for w in a.warnings if w.code == "flag_not_applied"]
    assert texts == [
        "flag dense_centre_sports_space is on but the data lack its column(s) "
        "dense_city_centre, sports_area_rented_m2, sports_area_converted_m2: it changes no "
        "verdict"
    ]
    assert not [w for w in _run([_centre("X")]).warnings if w.code == "flag_not_applied"]


# ---------------------------------------------------------------- room areas, rural small schools


@pytest.mark.parametrize(
    ("rural", "largest", "area", "relaxed"),
    [
        (True, 29, 54, True),  # rural small, largest class 29 < 30: 54 m² suffices
        (True, 30, 54, False),  # a class of 30: not the case (built 2020: 96 / 90)
        (False, 20, 54, False),
        (True, 29, 53, False),  # below 54
    ],
)
def test_room_area_relaxation_for_rural_small_schools_with_classes_under_30(
    rural: bool, largest: int, area: int, relaxed: bool
) -> None:
    record = {
        **SMALL,
        "school_id": "R",
        "pe_art_teachers_primary": 1,
        "rural_small_school": rural,
        "max_class_size": largest,
        "min_music_room_area_m2": area,
        "min_art_room_area_m2": area,
    }
    for flags, expected in (({}, False), ({"room_area_relaxation": True}, relaxed)):
        a = _run([record], **flags)
        assert (_rule(a, "music_room_area"), _rule(a, "art_room_area")) == (
            {"R": expected},
            {"R": expected},
        )


def test_the_rural_small_room_area_of_a_junior_school_is_61() -> None:
    junior = {
        **SMALL,
        "school_type": "junior",
        "students_primary": None,
        "students_junior": 80,
        "teachers_primary": None,
        "qualified_teachers_primary": None,
        "key_teachers_primary": None,
        "pe_art_teachers_primary": None,
        "teachers_junior": 6,
        "rural_small_school": True,
        "max_class_size": 25,
    }
    records = [
        {**junior, "school_id": "J60", "min_music_room_area_m2": 60, "min_art_room_area_m2": 60},
        {**junior, "school_id": "J61", "min_music_room_area_m2": 61, "min_art_room_area_m2": 61},
    ]
    a = _run(records, room_area_relaxation=True)
    assert _rule(a, "music_room_area", "junior") == {"J60": False, "J61": True}
    assert _rule(a, "art_room_area", "junior") == {"J60": False, "J61": True}


# ---------------------------------------------------------------- school size, migrant children


def _big(school_id: str, pupils: int, migrant: int | None, kind: str = "primary") -> dict[str, Any]:
    record: dict[str, Any] = {**AT_STANDARD, **FACTS, "school_id": school_id, "built_year": 2015}
    if kind == "nine_year":
        half = pupils // 2
        record.update(school_type="nine_year", students_primary=half,
                      students_junior=pupils - half, teachers_junior=60)  # fmt: skip
    else:
        record["students_primary"] = pupils
    if migrant is not None:
        record["migrant_students"] = migrant
    return record


def test_school_size_relaxation_for_more_than_half_migrant_children() -> None:
    records = [
        _big("M52", 2300, 1200),  # 1200 / 2300 = 52 % > 50 %: ≤ 2400
        _big("M50", 2300, 1150),  # exactly 50 %: not more than half
        _big("NONE", 2300, None),
        _big("M99", 2401, 2400),  # > 2400 even relaxed
        _big("NINE", 2800, 1500, "nine_year"),  # 54 %: nine-year ≤ 3000
    ]
    off = _run(records)
    assert set(_rule(off, "school_size").values()) == {False}
    on = _run(records, school_size_relaxation=True)
    assert _rule(on, "school_size") == {
        "M52": True,
        "M50": False,
        "NONE": False,
        "M99": False,
        "NINE": True,
    }
    assert _rule(on, "school_size", "junior") == {"NINE": True}


# ---------------------------------------------------------------- the strict reading


def test_the_unknown_item_counts_as_not_met_unless_the_flag_is_off() -> None:
    # cn-province-8of10: 10 items, at most 2 fail, 9 known. Two known misses (books 20 < 25,
    # equipment 300 < 365, both above the 60 % floor): the strict reading (the unknown item
    # not met) makes it 3 of 10 and fails; the lenient one (the flag off) passes 2 of 9.
    record = {
        **AT_STANDARD,
        **FACTS,
        "school_id": "P",
        "site_area_m2": 15000,
        "building_area_m2": 1,
        "staff": 48,
        "degree_qualified_teachers": 60,
        "retention_rate_pct": 99,
        "books": 20000,
        "equipment_value_yuan": 300_000,
        "qualified_teachers_primary": 51,
    }
    strict = _run([record], "cn-province-8of10")
    lenient = _run([record], "cn-province-8of10", unknown_items_not_met=False)
    for a in (strict, lenient):
        (s,) = a.counties[0].levels["primary"].schools
        assert [m.indicator for m in s.failures] == [
            "equipment_value_per_student",
            "books_per_student",
        ]
    assert _rule(strict, "p10_school_standard") == {"P": False}
    assert _rule(lenient, "p10_school_standard") == {"P": True}
    (tolerated,) = {m.tolerated for m in lenient.counties[0].levels["primary"].schools[0].failures}
    assert tolerated is True
    fd = load_rule_set("cn-province-8of10").flag_def("unknown_items_not_met")
    assert fd is not None
    assert fd.engine == "applied"


# ---------------------------------------------------------------- pending flags


def test_turning_on_a_pending_flag_warns_in_the_assessment() -> None:
    rs = load_rule_set("cn-2017-quality")
    pending = FlagDef(
        id="dense_centre_sports_space",
        zh="待定",
        en="Pending",
        reference="a local text",
        certainty="uncertain",
        engine="pending",
    )
    defs = tuple(pending if f.id == pending.id else f for f in rs.flag_defs)
    rs = rs.model_copy(update={"flag_defs": defs})
    records = [_centre("X")]
    on = _run(records, rs, dense_centre_sports_space=True)
    warned = [w for w in on.warnings if w.code == "flag_not_applied"]
    assert [(w.severity, w.message) for w in warned] == [
        (
            "warning",
            "flag dense_centre_sports_space is on but not applied: its evaluator is pending, "
            "so it changes no verdict",
        )
    ]
    assert not [w for w in _run(records, rs).warnings if w.code == "flag_not_applied"]


def test_a_plan_counts_the_itinerant_teachers_when_the_flag_is_on() -> None:
    from eduequity.planning import plan

    records = [
        {**SMALL, "school_id": "R80", "rural_small_school": True, "pe_art_itinerant_teachers": 1},
    ]
    rs = load_rule_set("cn-2017-quality")
    on = rs.model_copy(update={"flags": {**rs.flags, "itinerant_pe_art_teachers": True}})
    off_plan = plan(load_schools(records), rs).counties[0]
    on_plan = plan(load_schools(records), on).counties[0]
    # flag off: 0 PE and art teachers, 0.9 × 80 / 100 = 0.72 → 1 teacher to add
    assert [(a.school_id, a.column, a.amount) for a in off_plan.additions] == [
        ("R80", "pe_art_teachers_primary", 1.0)
    ]
    assert off_plan.passed_before is False
    # flag on: the itinerant teacher counts and the school needs nothing; the county is
    # undecided, not passed (one school has no CV)
    assert on_plan.additions == ()
    assert on_plan.passed_before is None

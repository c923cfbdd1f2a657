"""The provincial sets read from provincial texts, evaluated on hand-built tables: a school at
each threshold passes, and one just below (or above) each threshold fails that item alone.
Every expected value is computed by hand from the text's numbers."""

from __future__ import annotations

from typing import Any

import pytest

from eduequity import evaluate, load_rule_set, load_schools
from eduequity.assessment import Assessment
from eduequity.rules.schema import SchoolRule

# ---------------------------------------------------------------- Jiangsu, primary standard

# A primary school of 1000 pupils exactly at every encoded article of 江苏省小学基本办学条件标准:
# site 18 000 / 1000 = 18 m² (一), building 4500 / 1000 = 4.5 m² (一), sports ground
# 4000 / 1000 = 4 m² (七), books 20 000 / 1000 = 20 (八), 1 computer room (九),
# 50 of 50 teachers certified = 100 % (十).
JS_AT: dict[str, Any] = {
    "school_type": "primary",
    "county_code": "320412",
    "year": 2025,
    "location": "urban",
    "students_primary": 1000,
    "teachers_primary": 50,
    "certified_teachers": 50,
    "site_area_m2": 18_000,
    "building_area_m2": 4500,
    "sports_ground_area_m2": 4000,
    "books": 20_000,
    "computer_rooms": 1,
}

JS_RULES = (
    "js_site_area",
    "js_building_area",
    "js_sports_ground",
    "js_books",
    "js_computer_room",
    "js_certified_teachers",
)

# One school per article, just failing it: 17.99 < 18, 4.49 < 4.5, 3.99 < 4, 19.99 < 20,
# 0 < 1 computer rooms, 49 / 50 = 98 % < 100 %.
JS_JUST_FAILING: dict[str, tuple[dict[str, Any], str, float]] = {
    "SITE": ({"site_area_m2": 17_990}, "js_site_area", 17.99),
    "BUILD": ({"building_area_m2": 4490}, "js_building_area", 4.49),
    "GROUND": ({"sports_ground_area_m2": 3990}, "js_sports_ground", 3.99),
    "BOOKS": ({"books": 19_990}, "js_books", 19.99),
    "ROOM": ({"computer_rooms": 0}, "js_computer_room", 0.0),
    "CERT": ({"certified_teachers": 49}, "js_certified_teachers", 98.0),
}


def _schools(a: Assessment, level: str) -> dict[str, Any]:
    return {s.school_id: s for s in a.counties[0].levels[level].schools}


def test_jiangsu_primary_set_is_the_whole_text_with_its_sources() -> None:
    rs = load_rule_set("cn-jiangsu-primary-basic")
    assert rs.kind == "standard"
    assert rs.status == "complete"
    assert rs.document.startswith("《江苏省小学基本办学条件标准》")
    assert any("ntqxx.wj.czedu.cn" in s for s in rs.sources)
    assert "Not modelled" in rs.notes
    thresholds = {}
    for rule in rs.rules:
        assert isinstance(rule, SchoolRule)
        assert rule.kind == "school_threshold"
        assert rule.reference.startswith("《江苏省小学基本办学条件标准》")
        (item,) = rule.items
        (t,) = item.thresholds
        assert t.level == "primary"
        thresholds[rule.id] = (item.indicator, item.comparison, t.value)
    assert thresholds == {
        "js_site_area": ("site_area_per_student", "at_least", 18.0),
        "js_building_area": ("building_area_per_student", "at_least", 4.5),
        "js_sports_ground": ("sports_ground_per_student", "at_least", 4.0),
        "js_books": ("books_per_student", "at_least", 20.0),
        "js_computer_room": ("computer_rooms", "at_least", 1.0),
        "js_certified_teachers": ("certified_teacher_rate_pct", "at_least", 100.0),
    }
    certainty = {r.id: r.certainty for r in rs.rules}
    assert certainty.pop("js_certified_teachers") == "uncertain"  # 任职资格 read as certified
    assert set(certainty.values()) == {"restated"}


def test_jiangsu_school_at_every_threshold_passes_and_each_just_below_fails_that_item() -> None:
    records = [{**JS_AT, "school_id": "AT"}]
    records += [
        {**JS_AT, **change, "school_id": sid} for sid, (change, _, _) in JS_JUST_FAILING.items()
    ]
    a = evaluate(load_schools(records), "cn-jiangsu-primary-basic")
    schools = _schools(a, "primary")
    assert schools["AT"].rules == dict.fromkeys(JS_RULES, True)
    assert schools["AT"].passed is True
    assert schools["AT"].failures == ()
    for sid, (_, rule, value) in JS_JUST_FAILING.items():
        s = schools[sid]
        assert s.passed is False, sid
        assert s.rules == {r: r != rule for r in JS_RULES}, sid
        (miss,) = s.failures
        assert miss.value == pytest.approx(value), sid
    level = a.counties[0].levels["primary"]
    assert level.passed is False  # six of seven schools fail one article each


def test_jiangsu_set_judges_no_junior_school() -> None:
    junior = {
        "school_id": "J",
        "school_type": "junior",
        "county_code": "320412",
        "year": 2025,
        "location": "urban",
        "students_junior": 500,
        "teachers_junior": 40,
        "books": 1,  # would fail a primary's article 8
    }
    a = evaluate(load_schools([{**JS_AT, "school_id": "AT"}, junior]), "cn-jiangsu-primary-basic")
    (j,) = a.counties[0].levels["junior"].schools
    assert j.rules == {}
    assert j.passed is None  # not subject to the primary text: not a pass
    assert _schools(a, "primary")["AT"].passed is True


# ---------------------------------------------------------------- Henan, 2012 (partial)

HN_PRIMARY: dict[str, Any] = {
    "school_type": "primary",
    "county_code": "410102",
    "year": 2025,
    "location": "urban",
    "students_primary": 900,
    "teachers_primary": 50,
    "books": 18_000,  # 20 per pupil
    "max_class_size": 45,
}
HN_JUNIOR: dict[str, Any] = {
    "school_type": "junior",
    "county_code": "410102",
    "year": 2025,
    "location": "urban",
    "students_junior": 600,
    "teachers_junior": 50,
    "books": 18_000,  # 30 per pupil
    "max_class_size": 50,
}


def test_henan_class_size_and_books_at_and_just_past_the_reported_numbers() -> None:
    records = [
        {**HN_PRIMARY, "school_id": "P_AT"},
        {**HN_PRIMARY, "school_id": "P_CLASS", "max_class_size": 46},  # 46 > 45
        {**HN_PRIMARY, "school_id": "P_BOOKS", "books": 17_991},  # 19.99 < 20
        {**HN_JUNIOR, "school_id": "J_AT"},
        {**HN_JUNIOR, "school_id": "J_CLASS", "max_class_size": 51},  # 51 > 50
        {**HN_JUNIOR, "school_id": "J_BOOKS", "books": 17_994},  # 29.99 < 30
        # a junior class of 46–50 is within Henan's junior limit though over the primary one
        {**HN_JUNIOR, "school_id": "J_48", "max_class_size": 48},
    ]
    a = evaluate(load_schools(records), "cn-henan-2012")
    primary, junior = _schools(a, "primary"), _schools(a, "junior")
    both = {**primary, **junior}
    assert {sid: s.rules for sid, s in both.items()} == {
        "P_AT": {"hn_class_size": True, "hn_books": True},
        "P_CLASS": {"hn_class_size": False, "hn_books": True},
        "P_BOOKS": {"hn_class_size": True, "hn_books": False},
        "J_AT": {"hn_class_size": True, "hn_books": True},
        "J_CLASS": {"hn_class_size": False, "hn_books": True},
        "J_BOOKS": {"hn_class_size": True, "hn_books": False},
        "J_48": {"hn_class_size": True, "hn_books": True},
    }
    assert primary["P_BOOKS"].failures[0].value == pytest.approx(17_991 / 900)
    assert junior["J_BOOKS"].failures[0].value == pytest.approx(17_994 / 600)


def test_henan_set_is_partial_and_names_what_is_not_modelled() -> None:
    rs = load_rule_set("cn-henan-2012")
    assert (rs.kind, rs.status, rs.year) == ("standard", "partial", 2012)
    assert rs.document.startswith("《河南省义务教育学校办学条件基本标准（试行）》")
    assert len(rs.sources) == 2
    assert "Not modelled" in rs.notes
    assert {r.id for r in rs.rules} == {"hn_class_size", "hn_books"}

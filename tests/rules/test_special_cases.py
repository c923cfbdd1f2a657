"""The 2017 special cases as rule-set flags: declared with source and certainty, off in the
national set, and (where thresholds can express them) flipping a verdict when turned on."""

from __future__ import annotations

from typing import Any

import pytest

from _schools import AT_STANDARD
from eduequity import evaluate, load_rule_set, load_schools
from eduequity.rules.schema import SchoolRule

FACTS: dict[str, Any] = {
    "classes": 12,
    "music_rooms": 1,
    "art_rooms": 1,
    "min_music_room_area_m2": 96,
    "min_art_room_area_m2": 90,
    "max_class_size": 45,
}

SPECIAL = (
    "room_area_relaxation",
    "school_size_relaxation",
    "itinerant_pe_art_teachers",
    "dense_centre_sports_space",
)


def _school_size(records: list[dict[str, Any]], **flags: bool) -> dict[str, bool | None]:
    a = evaluate(load_schools(records), "cn-2017-quality", flags=flags or None)
    out: dict[str, bool | None] = {}
    for level in a.counties[0].levels.values():
        for s in level.schools:
            out[f"{s.school_id}/{level.level}"] = s.rules["school_size"]
    return out


def _primary(school_id: str, pupils: int, built: int) -> dict[str, Any]:
    return {
        **AT_STANDARD,
        **FACTS,
        "school_id": school_id,
        "students_primary": pupils,
        "built_year": built,
    }


def _nine_year(school_id: str, pupils: int, built: int) -> dict[str, Any]:
    half = pupils // 2
    return {
        **_primary(school_id, half, built),
        "school_type": "nine_year",
        "students_junior": pupils - half,
        "teachers_junior": 60,
    }


def test_the_special_cases_are_declared_off_with_source_and_certainty() -> None:
    rs = load_rule_set("cn-2017-quality")
    assert {f: rs.flags[f] for f in SPECIAL} == dict.fromkeys(SPECIAL, False)
    defs = {f: rs.flag_def(f) for f in SPECIAL}
    for flag, fd in defs.items():
        assert fd is not None, flag
        assert fd.certainty == "uncertain"  # restated in one public system's forms only
        assert fd.reference.startswith("教督〔2017〕6号")
    engines = {f: fd.engine for f, fd in defs.items() if fd is not None}
    assert engines == {
        "room_area_relaxation": "thresholds",
        "school_size_relaxation": "thresholds",
        "itinerant_pe_art_teachers": "applied",
        "dense_centre_sports_space": "applied",
    }
    columns = {f: fd.columns for f, fd in defs.items() if fd is not None}
    assert columns["itinerant_pe_art_teachers"] == (
        "rural_small_school",
        "pe_art_itinerant_teachers",
    )
    assert columns["dense_centre_sports_space"] == (
        "dense_city_centre",
        "sports_area_rented_m2",
        "sports_area_converted_m2",
    )
    assert columns["school_size_relaxation"] == ("built_year", "migrant_students")


def test_school_size_relaxation_lifts_older_schools_to_2400() -> None:
    # 2300 pupils: over 2000; built 2005 (by 2010) the relaxed limit is 2400
    records = [
        _primary("OLD", 2300, 2005),
        _primary("NEW", 2300, 2011),
        _primary("BIG", 2401, 2005),
    ]
    assert _school_size(records) == {
        "OLD/primary": False,
        "NEW/primary": False,
        "BIG/primary": False,
    }
    assert _school_size(records, school_size_relaxation=True) == {
        "OLD/primary": True,  # 2300 ≤ 2400
        "NEW/primary": False,  # built 2011: not relaxed
        "BIG/primary": False,  # 2401 > 2400
    }


def test_school_size_relaxation_gives_older_nine_year_schools_3000() -> None:
    records = [_nine_year("OLD9", 2800, 2010), _nine_year("NEW9", 2800, 2016)]
    off = _school_size(records)
    on = _school_size(records, school_size_relaxation=True)
    assert set(off.values()) == {False}  # 2800 > 2500
    assert on == {
        "OLD9/primary": True,  # ≤ 3000 (built 2010)
        "OLD9/junior": True,
        "NEW9/primary": False,
        "NEW9/junior": False,
    }


@pytest.mark.parametrize(("built", "relaxed_passes"), [(2016, True), (2017, False)])
def test_room_area_relaxation_for_schools_built_by_2016(built: int, relaxed_passes: bool) -> None:
    record = {
        **_primary("R", 1000, built),
        "min_music_room_area_m2": 73,
        "min_art_room_area_m2": 67,
    }
    table = load_schools([record])
    for flags, expected in ((None, False), ({"room_area_relaxation": True}, relaxed_passes)):
        s = evaluate(table, "cn-2017-quality", flags=flags).counties[0].levels["primary"].schools[0]
        assert (s.rules["music_room_area"], s.rules["art_room_area"]) == (expected, expected)


def test_the_special_cases_are_data_with_the_numbers_of_the_form() -> None:
    rs = load_rule_set("cn-2017-quality")
    adds = {
        f: [(a.indicator, a.columns, a.when, a.students_min, a.students_below, a.in_cv)
            for a in fd.adds]
        for f in SPECIAL
        if (fd := rs.flag_def(f)) is not None
    }  # fmt: skip
    assert adds == {
        "room_area_relaxation": [],
        "school_size_relaxation": [],
        "itinerant_pe_art_teachers": [
            (
                "pe_art_teachers_per_100_students",
                ("pe_art_itinerant_teachers",),
                ("rural_small_school",),
                50,
                100,
                False,
            )
        ],
        "dense_centre_sports_space": [
            (
                "sports_area_per_student",
                ("sports_area_rented_m2", "sports_area_converted_m2"),
                ("dense_city_centre",),
                None,
                None,
                False,
            )
        ],
    }
    rules = {r.id: r for r in rs.rules if isinstance(r, SchoolRule)}
    music = rules["music_room_area"].items[0].thresholds
    relaxed = [(t.level, t.rural_small_school, t.max_class_size_below, t.value) for t in music]
    assert relaxed[:2] == [
        ("primary", True, 30, 54.0),
        ("junior", True, 30, 61.0),
    ]
    size = rules["school_size"].items[0].thresholds
    assert [(t.school_type, t.value) for t in size if t.migrant_share_above == 0.5] == [
        (("nine_year",), 3000.0),
        (("primary", "junior", "complete_secondary", "teaching_point"), 2400.0),
    ]


def test_an_addition_to_an_unknown_indicator_is_refused(tmp_path: Any) -> None:
    from eduequity.errors import RuleSetError

    path = tmp_path / "local.toml"
    path.write_text(
        'id = "local"\nrevision = 1\nextends = "cn-2017-quality"\n'
        'title_zh = "测试"\ntitle_en = "test"\ndocument = "test"\nstatus = "partial"\n'
        'sources = ["test"]\n\n[[flag_defs]]\nid = "dense_centre_sports_space"\nzh = "z"\n'
        'en = "e"\nreference = "r"\ncertainty = "uncertain"\nengine = "applied"\n'
        'adds = [{ indicator = "sports_area_per_studnet", columns = ["sports_area_rented_m2"],'
        ' when = ["dense_centre"] }]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError) as info:
        load_rule_set(path)
    messages = [p[2] for p in info.value.problems]
    assert "unknown indicator 'sports_area_per_studnet'" in messages
    assert "unknown column 'dense_centre': not a column of the school table" in messages


def test_a_migrant_share_is_a_fraction_below_1() -> None:
    from pydantic import ValidationError

    from eduequity.rules.schema import Threshold

    assert Threshold(value=2400, migrant_share_above=0.5).conditions() == {
        "migrant_share_above": 0.5
    }
    with pytest.raises(ValidationError, match="less than 1"):
        Threshold(value=2400, migrant_share_above=50)

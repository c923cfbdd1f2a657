"""An at-most item under a k-of-n rule's floor, through ``eduequity.evaluate``, by hand.

The standards (``standards/provincial.md``, shape 4: "a failing indicator is ≥ 60 % of the
standard"; the unnamed province's 8 of 10 with 生机比 ≤ 10:1 among them) say how far an
unmet at-least item may fall (``floor × threshold``) and say nothing of an at-most one. The
documented default (``metrics.thresholds.floor_value``, docs/assessment.md) reads the floor
on the attainment ``threshold / value``: an unmet at-most item must stay at most
``threshold ÷ floor``. These tests hold that default in every output: the result objects
(``to_dict(1)``), the ``/2`` JSON (``to_json()``, where each rule's floor is said once under
``standard.rules`` and the floor value is the reader's ``threshold ÷ floor``) and
``to_frames()["misses"]``, with the section's verdict.

The rule set is data: the 2017 standard with its per-school rules removed and one rule
added, "1 of 2 met, the other at least 90 % of its standard", over teaching area per
student (at least 4.5 m²) and the largest class (at most 45 pupils, so at most
45 ÷ 0.9 = 50 when unmet). Every school has 1 000 pupils.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests._schools import AT_STANDARD

import eduequity as eq

RULE_SET = """
id = "test-at-most-floor"
revision = 1
kind = "example"
extends = "cn-2017-quality"
title_zh = "测试：最大班额与生均面积，二者达其一，另一项不低于标准的90%"
title_en = "Test: class size and teaching area, 1 of 2 met, the other at least 90 %"
status = "partial"
sources = ["a test of the floor on an at-most item"]
remove = ["school_resource_indicators", "music_rooms", "art_rooms", "music_room_area",
          "art_room_area", "school_size", "class_size"]

[[rules]]
id = "one_of_two"
kind = "school_k_of_n"
part = "resource_allocation"
reference = "test: 1 of 2 met, the other at least 90 % of its standard"
min_met = 1
floor = 0.9

[[rules.items]]
indicator = "teaching_area_per_student"
comparison = "at_least"
thresholds = [{{ value = 4.5 }}]

[[rules.items]]
indicator = "{at_most}"
comparison = "at_most"
thresholds = [{{ value = {limit} }}]
"""


def _rule_set(folder: Path, at_most: str = "max_class_size", limit: float = 45) -> Path:
    path = folder / "rules.toml"
    path.write_text(RULE_SET.format(at_most=at_most, limit=limit), encoding="utf-8")
    return path


def _school(school_id: str, area: float, **columns: Any) -> dict[str, Any]:
    # area: teaching and auxiliary m² per pupil (1 000 pupils, no indoor sports room)
    return dict(AT_STANDARD, school_id=school_id, teaching_aux_area_m2=area * 1000, **columns)


# (school, area per pupil, largest class): what each shows
SCHOOLS = [
    ("A", 5.0, 48),  # just over 45, within the floor 50, area met: tolerated, passes
    ("B", 5.0, 52),  # beyond the floor by 2: fails although area is met (1 of 2)
    ("C", 4.2, 48),  # just over 45 and within the floor, but area unmet too: 0 of 2, fails
    ("D", 5.0, 50),  # exactly at the floor value: reaches it, tolerated, passes
    ("E", 5.0, 45),  # at the threshold: met, no miss
]


@pytest.fixture(scope="module")
def assessment(tmp_path_factory: pytest.TempPathFactory) -> eq.Assessment:
    rules = _rule_set(tmp_path_factory.mktemp("rules"))
    rows = [_school(s, area, max_class_size=size) for s, area, size in SCHOOLS]
    return eq.evaluate(eq.load_schools(rows), rules)


# The misses by hand: (school, indicator, value, threshold, shortfall, floor value,
# shortfall to the floor, below the floor, tolerated). An at-most item's shortfall is
# value − 45, its floor value 45 ÷ 0.9 = 50 and its shortfall to the floor value − 50 when
# positive; C's area misses 4.5 by 4.5 − 4.2 and its floor 4.5 × 0.9 = 4.05 by nothing.
MISSES = [
    ("A", "max_class_size", 48.0, 45.0, 3.0, 50.0, 0.0, False, True),
    ("B", "max_class_size", 52.0, 45.0, 7.0, 50.0, 2.0, True, False),
    ("C", "teaching_area_per_student", 4.2, 4.5, 4.5 - 4.2, 4.5 * 0.9, 0.0, False, False),
    ("C", "max_class_size", 48.0, 45.0, 3.0, 50.0, 0.0, False, False),
    ("D", "max_class_size", 50.0, 45.0, 5.0, 50.0, 0.0, False, True),
]
VERDICTS = {"A": True, "B": False, "C": False, "D": True, "E": True}


def test_the_results_say_it(assessment: eq.Assessment) -> None:
    doc = assessment.to_dict(1)
    (county,) = doc["counties"]
    schools = county["levels"]["primary"]["schools"]
    assert {s["school_id"]: s["passed"] for s in schools} == VERDICTS
    assert {s["school_id"]: s["rules"]["one_of_two"] for s in schools} == VERDICTS
    got = [
        (s["school_id"], f["indicator"], f["value"], f["threshold"], f["shortfall"],
         f["floor_value"], f["shortfall_to_floor"], f["below_floor"], f["tolerated"])
        for s in schools for f in s["failures"]
    ]  # fmt: skip
    assert got == MISSES
    a_miss = schools[0]["failures"][0]
    assert (a_miss["comparison"], a_miss["reason"]) == ("at_most", "above standard")
    # an at-most item has no single remedy in the indicator's totals (docs/assessment.md)
    assert (a_miss["shortfall_total"], a_miss["shortfall_to_floor_total"]) == (None, None)
    # the area is added up over the school's 1 000 pupils
    c_area = schools[2]["failures"][0]
    assert c_area["shortfall_total"] == pytest.approx(300.0)
    assert c_area["shortfall_to_floor_total"] == 0.0
    # the result objects say the same
    level = assessment.counties[0].levels["primary"]
    a = next(s for s in level.schools if s.school_id == "A")
    (m,) = a.failures
    assert (m.floor_value, m.shortfall_to_floor, m.below_floor, m.tolerated) == (
        50.0, 0.0, False, True)  # fmt: skip


def test_the_v2_json_says_it(assessment: eq.Assessment) -> None:
    doc = json.loads(assessment.to_json())
    rule = doc["standard"]["rules"]["one_of_two"]
    assert rule["floor"] == 0.9
    assert [i["comparison"] for i in rule["items"]] == ["at_least", "at_most"]
    (county,) = doc["counties"]
    schools = county["levels"]["primary"]["schools"]
    assert {s["school_id"]: s["passed"] for s in schools} == VERDICTS
    got = [
        (s["school_id"], f["indicator"], f["value"], f["threshold"], f["shortfall"],
         f["shortfall_to_floor"], f["below_floor"], f["tolerated"])
        for s in schools for f in s["failures"]
    ]  # fmt: skip
    assert got == [m[:5] + m[6:] for m in MISSES]
    # the floor value is the reader's: threshold ÷ floor for at most, × floor for at least
    for s in schools:
        for f in s["failures"]:
            assert "floor_value" not in f
    assert 45.0 / rule["floor"] == 50.0
    # the /1 document written from the arrays is the objects' to_dict(1)
    assert json.loads(assessment.to_json(contract=1)) == json.loads(
        json.dumps(assessment.to_dict(1)))  # fmt: skip


def test_the_misses_table_says_it(assessment: eq.Assessment) -> None:
    misses = assessment.to_frames()["misses"]
    got = [
        (r.school_id, r.indicator, r.value, r.threshold, r.shortfall, r.floor_value,
         r.shortfall_to_floor, r.below_floor, r.tolerated)
        for r in misses.itertuples()
    ]  # fmt: skip
    assert got == MISSES
    assert set(misses["comparison"]) == {"at_least", "at_most"}
    sections = assessment.to_frames()["sections"]
    assert dict(zip(sections["school_id"], sections["passed"], strict=True)) == VERDICTS


def test_a_value_at_the_floor_value_reaches_the_floor(tmp_path: Path) -> None:
    # At most 30 pupils per computer, unmet at most 30 ÷ 0.9 = 33.3… : 1 000 pupils and 30
    # computers are exactly that many (1000 / 30 and 30 / 0.9 are the same double), so the
    # school reaches the floor, as the reported floor value and shortfall to it (0) say.
    # (Its attainment 30 / (1000 / 30) rounds to 0.8999999999999999, below 0.9: deciding
    # on it failed the school while every output said it was at the floor.) With 29
    # computers it is 1000 / 29 − 30 / 0.9 beyond.
    rules = _rule_set(tmp_path, at_most="students_per_computer", limit=30)
    rows = [_school("AT", 5.0, teaching_computers=30), _school("OVER", 5.0, teaching_computers=29)]
    a = eq.evaluate(eq.load_schools(rows), rules)
    schools = a.to_dict(1)["counties"][0]["levels"]["primary"]["schools"]
    assert {s["school_id"]: s["passed"] for s in schools} == {"AT": True, "OVER": False}
    (at,), (over,) = (s["failures"] for s in schools)
    assert (at["value"], at["floor_value"]) == (1000 / 30, 30 / 0.9)
    assert at["shortfall"] == 1000 / 30 - 30
    assert (at["shortfall_to_floor"], at["below_floor"], at["tolerated"]) == (0.0, False, True)
    assert (over["shortfall_to_floor"], over["below_floor"], over["tolerated"]) == (
        1000 / 29 - 30 / 0.9, True, False)  # fmt: skip
    misses = a.to_frames()["misses"]
    assert misses["tolerated"].tolist() == [True, False]
    assert misses["below_floor"].tolist() == [False, True]
    v2 = json.loads(a.to_json())["counties"][0]["levels"]["primary"]["schools"]
    assert [s["passed"] for s in v2] == [True, False]
    assert [s["failures"][0]["tolerated"] for s in v2] == [True, False]


def test_the_report_says_over_the_floor_s_limit(assessment: eq.Assessment) -> None:
    # B's largest class (52) is over the most the floor tolerates (50), not "below" it
    from eduequity.report.names import Names
    from eduequity.report.reasons import miss_text

    level = assessment.counties[0].levels["primary"]
    b = next(s for s in level.schools if s.school_id == "B")
    (miss,) = b.failures
    assert miss_text(miss, Names(assessment, "zh")) == (
        "最大班额 52 人，标准 ≤ 45，超出 7 人，且超过下限容许的 50 人")  # fmt: skip
    assert miss_text(miss, Names(assessment, "en")) == (
        "Largest class 52, standard ≤ 45, over by 7, and over the floor's limit 50")  # fmt: skip
    # A (48) is within it: no word of the floor
    a = next(s for s in level.schools if s.school_id == "A")
    assert miss_text(a.failures[0], Names(assessment, "en")) == (
        "Largest class 48, standard ≤ 45, over by 3")  # fmt: skip


def test_the_tolerated_note_gives_the_rules_floor(assessment: eq.Assessment) -> None:
    from eduequity.report.names import Names
    from eduequity.report.reasons import school_summary

    level = assessment.counties[0].levels["primary"]
    a = next(s for s in level.schools if s.school_id == "A")  # class 48: 45 ÷ 0.9 = 50 holds
    zh = school_summary(a, Names(assessment, "zh")).note
    en = school_summary(a, Names(assessment, "en")).note
    assert zh.endswith("（达标 1 项，其余不低于标准的 90%）")  # the rule's 0.9, not 50 / 45
    assert en.endswith("(met 1, the rest at least 90 % of the standard)")


def test_without_a_floor_the_note_names_no_fraction(tmp_path: Path) -> None:
    from eduequity.report.names import Names
    from eduequity.report.reasons import school_summary

    path = tmp_path / "no_floor.toml"
    text = RULE_SET.format(at_most="max_class_size", limit=45).replace("floor = 0.9\n", "")
    path.write_text(text, encoding="utf-8")
    a = eq.evaluate(eq.load_schools([_school("B", 5.0, max_class_size=52)]), path)
    (b,) = a.counties[0].levels["primary"].schools
    assert b.passed is True  # 1 of 2 met, and no floor to reach
    assert school_summary(b, Names(a, "zh")).note.endswith("（达标 1 项）")
    assert school_summary(b, Names(a, "en")).note.endswith("(met 1)")

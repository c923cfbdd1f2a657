"""The outputs of monitor, collect, rectify, survey, teachers and crosscheck conform to
their published schemas (strictly: no undeclared key), and a mutated document does not."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from typing import Any

import pytest
from jsonschema import ValidationError
from tests.crosscheck._county import IND_2017, five_county, rows, their_cvs, units
from tests.forms._filled import DATA, county, fill, schools
from tests.monitor.test_monitor import AREA, YEAR1, YEAR2, _county

import eduequity as eq
from eduequity.contract import validate
from eduequity.crosscheck import crosscheck
from eduequity.forms import collect
from eduequity.forms.template import write_template
from eduequity.monitor import monitor
from eduequity.monitor.changes import CountyChange
from eduequity.records import survey, teachers


def _json(doc: Any) -> Any:
    """What a system receives: the document through JSON text."""
    return json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))


def _refused(doc: Any, name: str, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        validate(doc, name, strict=True)


# ------------------------------------------------------------------------------- monitor


@pytest.fixture(scope="module")
def monitoring() -> Any:
    """The example in 2024 and again in 2025 with a school's books halved (a CV moves)."""
    rows_ = eq.load_example().to_dicts()
    later = [dict(r, year=2025) for r in rows_]
    later[0]["books"] = (later[0].get("books") or 0) / 2
    data = [dict(r, year=2024) for r in rows_] + later
    return _json(monitor(data, "cn-2012-basic", by="prefecture").to_dict())


def test_the_monitoring_of_two_years_conforms(monitoring: Any) -> None:
    validate(monitoring, "monitor", strict=True)
    assert monitoring["format"] == "eduequity.monitor/1"
    assert monitoring["years"] == [2024, 2025]
    assert {c["year"] for c in monitoring["counties"]} == {2024, 2025}
    assert {r["scope"] for r in monitoring["rankings"]} == {"county", "primary", "junior"}
    # 2024 is the example as evaluate() sees it
    ev = eq.evaluate(eq.load_example(), "cn-2012-basic").counties[0]
    first = next(c for c in monitoring["counties"] if c["year"] == 2024)
    for level, status in first["levels"].items():
        cvs = {m["indicator"]: m["value"] for m in status["margins"]}
        want = ev.levels[level].indicators["books_per_student"].cv
        assert cvs["books_per_student"] == pytest.approx(want, rel=1e-12)
    books = [c for c in monitoring["changes"] if c["indicator"] == "books_per_student"]
    assert {(c["year_from"], c["year_to"]) for c in books} == {(2024, 2025)}
    moved = [c for c in books if c["value_from"] != c["value_to"]]
    assert len(moved) == 1  # the one level of the school whose books were halved
    assert moved[0]["delta"] == pytest.approx(moved[0]["value_to"] - moved[0]["value_from"])
    assert {r["region"] for r in monitoring["rollups"]} == {first["county_code"][:4]}


def test_regressions_and_newly_passing_conform() -> None:
    """The hand-built counties of tests/monitor: 510202's CV crosses its threshold upward;
    the county verdicts are set to a regression and a newly passing county."""
    data = [r for code, b in YEAR1.items() for r in _county(code, 2024, b)]
    data += [r for code, b in YEAR2.items() for r in _county(code, 2025, b)]
    m = monitor(data, "cn-2017-quality", by="prefecture")
    m = replace(m, county_changes=(CountyChange("510101", 2024, 2025, True, False),
                                   CountyChange("510102", 2024, 2025, None, True)))  # fmt: skip
    doc = _json(m.to_dict())
    validate(doc, "monitor", strict=True)
    kinds = [(r["kind"], r["county_code"]) for r in doc["regressions"]]
    assert kinds == [("county", "510101"), ("cv", "510202")]
    cv = doc["regressions"][1]
    assert (cv["crossed_up"], cv["indicator"]) == (True, AREA)
    assert [c["county_code"] for c in doc["newly_passing"]] == ["510102"]


def test_a_mutated_monitoring_is_refused(monitoring: Any) -> None:
    doc = copy.deepcopy(monitoring)
    doc["counties"][0]["warning"] = "orange"
    _refused(doc, "monitor", "'orange' is not one of")
    doc = copy.deepcopy(monitoring)
    del doc["changes"][0]["movement"]
    _refused(doc, "monitor", "'movement' is a required property")
    # a regression is a county change or a CV change, told apart by its kind
    doc = copy.deepcopy(monitoring)
    doc["regressions"] = [dict(doc["county_changes"][0], kind="regressed")]
    with pytest.raises(ValidationError):
        validate(doc, "monitor", strict=True)


# ------------------------------------------------------------------------------- collect


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("forms")
    folder = tmp / "forms"
    folder.mkdir()
    ours = write_template("school", tmp / "blank.xlsx",
                          standard=eq.load_rule_set("cn-2017-quality"))  # fmt: skip
    for k, values in enumerate(schools()):
        template = ours if 69 in values else DATA / "学校填报表格.xlsx"
        if k == 0:
            values = {**values, 45: "很多"}  # a number that is not: the form is returned
        fill(template, values, folder / f"school-{k}.xlsx")
    fill(DATA / "区县填报表格.xlsx", county(), folder / "county.xlsx")
    return _json(collect(folder).to_dict())


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_collected_forms_conform(collected: Any) -> None:
    validate(collected, "collect", strict=True)
    statuses = [f["status"] for f in collected["log"]]
    assert statuses.count("returned") == 1
    assert collected["schools"] == statuses.count("accepted") - 1  # the county form
    (returned,) = [f for f in collected["log"] if f["status"] == "returned"]
    assert {(d["item_no"], d["code"]) for d in returned["defects"]} >= {(45, "not_a_number")}
    assert collected["derivations"]
    assert list(collected["county_inputs"]) == [county()[2]]


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_mutated_collection_is_refused(collected: Any) -> None:
    doc = copy.deepcopy(collected)
    doc["log"][0]["status"] = "pending"
    _refused(doc, "collect", "'pending' is not one of")
    doc = copy.deepcopy(collected)
    doc["schools"] = "3"
    _refused(doc, "collect", "'3' is not of type 'integer'")


# ------------------------------------------------------------------------- rectification


@pytest.fixture(scope="module")
def register() -> Any:
    return _json(eq.rectification(eq.evaluate(eq.load_example(), "cn-2017-quality")).to_dict())


def test_the_register_of_the_example_conforms(register: Any) -> None:
    validate(register, "rectification", strict=True)
    assert register["format"] == "eduequity.rectification/1"
    assert register["counts"]["new"] == len(register["items"]) > 0
    assert set(register["scope"].values()) <= {"met", "missed", "undecided"}
    assert {i["item_id"] for i in register["items"]} <= set(register["scope"])


def test_a_mutated_register_is_refused(register: Any) -> None:
    doc = copy.deepcopy(register)
    doc["items"][0]["status"] = "pending"
    _refused(doc, "rectification", "'pending' is not one of")
    doc = copy.deepcopy(register)
    del doc["counts"]["regressions"]
    _refused(doc, "rectification", "'regressions' is a required property")


# ------------------------------------------------------------------------ survey, roster


def _responses() -> list[dict[str, object]]:
    given = [("家长", "满意"), ("家长", "不了解"), ("学生", 5), ("学生", 2), ("教师", "")]
    out: list[dict[str, object]] = [
        {"respondent_id": f"r{k}", "group": g, "school": "一小", "answer": a}
        for k, (g, a) in enumerate(given)
    ]
    out.append({"respondent_id": "r0", "group": "家长", "school": "一小", "answer": "满意"})
    return out


def test_a_survey_conforms_and_a_mutated_one_is_refused() -> None:
    doc = _json(survey(_responses()).to_dict())
    validate(doc, "survey", strict=True)
    # valid: the four answered once (the don't-know among them); counted: the other three
    assert (doc["responses"], doc["valid"], doc["dont_know"]) == (6, 4, 1)
    assert (doc["overall"]["satisfied"], doc["overall"]["n"]) == (2, 3)
    assert doc["invalid"] == {"incomplete": [4], "duplicate": [5]}
    # 满意 and 5 satisfied, 2 not: 2 of 3
    assert doc["county_inputs"]["social_recognition_pct"] == pytest.approx(200 / 3)
    _refused(dict(doc, invalid={"late": [1]}), "survey", "'late' is not one of")
    _refused(dict(doc, county_inputs={"social_recognition_pct": None}), "survey",
             "None is not of type 'number'")  # fmt: skip


def _roster() -> list[dict[str, object]]:
    plan = [("t1", "A", "语文", "是", "是", "是", 400, "A", "B"),
            ("t2", "A", "体育", "否", "是", "否", 100, "A", "A"),
            ("t3", "B", "数学", "否", "否", "是", 360, "B", "B")]  # fmt: skip
    return [{"teacher_id": t, "school": s, "subject": subj, "is_key_teacher": key,
             "eligible_for_rotation": elig, "certificate": cert, "training_hours_5y": h,
             "school_2024": y1, "school_2025": y2}
            for t, s, subj, key, elig, cert, h, y1, y2 in plan]  # fmt: skip


def test_a_roster_conforms_and_a_mutated_one_is_refused() -> None:
    doc = _json(teachers(_roster(), students={"A": (38, 0), "B": (0, 27)}).to_dict())
    validate(doc, "teachers", strict=True)
    assert (doc["teachers"], doc["eligible"], doc["rotated"], doc["key_rotated"]) == (3, 2, 1, 1)
    assert doc["county_inputs"]["teacher_rotation_pct"] == pytest.approx(50.0)
    a, b = doc["staffing"]
    assert (a["school"], a["needed"], a["on_roster"]) == ("A", 2.0, 2)  # 38 / 19
    assert b["needed"] == pytest.approx(2.0)  # 27 / 13.5
    _refused(dict(doc, staffing=[dict(a, surplus="none")]), "teachers",
             "'none' is not of type 'number'")  # fmt: skip
    bad = copy.deepcopy(doc)
    del bad["norm"]["certainty"]
    _refused(bad, "teachers", "'certainty' is a required property")


# ---------------------------------------------------------------------------- crosscheck


@pytest.fixture(scope="module")
def checked() -> Any:
    theirs = rows(their_cvs(units(five_county(), "primary"), IND_2017, weighted=False))
    theirs.append({"county_code": "999999", "year": 2025, "level": "primary",
                   "indicator": "teaching_area_per_student", "cv": 0.3})  # fmt: skip
    return _json(crosscheck(theirs, five_county(), "cn-2017-quality").to_dict())


def test_a_crosscheck_conforms(checked: Any) -> None:
    validate(checked, "crosscheck", strict=True)
    assert checked["format"] == "eduequity.crosscheck/1"
    assert checked["agrees"] is False
    (lv,) = checked["levels"]
    assert (lv["county_code"], lv["level"], lv["explanation"]) == ("100001", "primary",
                                                                   ["unweighted"])  # fmt: skip
    (miss,) = checked["unmatched"]
    assert miss["county_code"] == "999999"
    assert "no county 999999" in miss["reason"]


def test_a_mutated_crosscheck_is_refused(checked: Any) -> None:
    doc = copy.deepcopy(checked)
    doc["levels"][0]["figures"][0]["kind"] = "median"
    _refused(doc, "crosscheck", "'median' is not one of")
    doc = copy.deepcopy(checked)
    doc["standard"]["digest"] = "md5:0"
    _refused(doc, "crosscheck", "does not match")

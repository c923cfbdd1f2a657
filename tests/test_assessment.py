"""The result objects (assessment.py): what they store, their JSON, failures without
building passing counties."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any, overload

import pytest

from eduequity.assessment import (
    ASSESSMENT_FORMAT,
    Assessment,
    CompositeResult,
    CountyResult,
    IndicatorResult,
    LevelResult,
    Miss,
    PartResult,
    RuleResult,
    SchoolResult,
    StandardInfo,
    num,
)
from eduequity.errors import StandardNotMetError

STD = StandardInfo(
    "test-std", 3, "abc", "测试", "Test", "doc", "official", ("base",),
    {"books": {"zh": "生均图书", "en": "Books per pupil", "unit": "册"}},
)  # fmt: skip


def _miss(tolerated: bool) -> Miss:
    return Miss(
        "school_books", "school_standard", "books", "at_least", 20.0, 25.0, 5.0, 21.25,
        False, tolerated, "below standard", "item 1", 500.0, None, None, "册",
    )  # fmt: skip


def _school(sid: str, passed: bool | None, misses: tuple[Miss, ...] = ()) -> SchoolResult:
    return SchoolResult(
        sid, f"name {sid}", "primary", "primary", "urban", 100.0, {"books": 20.0, "x": math.nan},
        passed, {"school_books": passed}, misses, {"books": 25.0},
    )  # fmt: skip


def _county(code: str, passed: bool | None, cv: float = 0.2) -> CountyResult:
    ind = IndicatorResult(
        "books", "生均图书", "Books per pupil", "册", 22.5, cv, None, 0.5, cv <= 0.5, 2,
        200.0, "cv_each",
    )  # fmt: skip
    schools = (_school(f"{code}-1", passed, (_miss(False),) if passed is False else ()),)
    level = LevelResult("primary", passed, {"books": ind}, None, schools)
    rule = RuleResult(
        "veto", "veto", "p", "ref", "restated", passed, "passed" if passed else "failed",
        "veto applies" if passed is False else "veto does not apply",
        {"input": "falsified_data", "value": passed is False},
    )  # fmt: skip
    status = "passed" if passed else "failed" if passed is False else "not_assessed"
    part = PartResult("p", "部分", "Part", passed, status, (rule,))
    return CountyResult(code, "县", 2025, passed, {"primary": level}, {"p": part}, (), {}, ())


class Recording(Sequence[CountyResult]):
    """Counties that remember which were built."""

    def __init__(self, counties: list[CountyResult]) -> None:
        self._counties = counties
        self.built: list[int] = []

    def __len__(self) -> int:
        return len(self._counties)

    @overload
    def __getitem__(self, i: int) -> CountyResult: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[CountyResult]: ...

    def __getitem__(self, i: int | slice) -> Any:
        assert isinstance(i, int)
        self.built.append(i)
        return self._counties[i]


def _assessment(verdicts: tuple[bool | None, ...]) -> tuple[Assessment, Recording]:
    counties = Recording([_county(f"00000{k}", v) for k, v in enumerate(verdicts)])
    keys = tuple((f"00000{k}", 2025) for k in range(len(verdicts)))
    return Assessment(STD, counties, "test.csv", (), keys, verdicts), counties


def test_num_keeps_finite_numbers_only() -> None:
    assert [num(1.5), num(None), num(math.nan), num(math.inf)] == [1.5, None, None, None]


def test_the_overall_verdict_is_all_of_the_counties() -> None:
    assert _assessment((True, True))[0].passed is True
    assert _assessment((True, None))[0].passed is None
    assert _assessment((None, False))[0].passed is False


def test_county_verdicts_do_not_build_counties() -> None:
    a, counties = _assessment((True, False, None))
    assert a.county_verdicts() == {
        ("000000", 2025): True,
        ("000001", 2025): False,
        ("000002", 2025): None,
    }
    assert counties.built == []


def test_failures_build_only_the_failed_counties() -> None:
    a, counties = _assessment((True, False, True, None))
    lines = a.failures()
    assert counties.built == [1]
    assert lines == [
        "county 000001 (2025) primary: school 000001-1 [school_standard/school_books] books "
        "= 20.0, at_least 25 (floor 21.25)",
        "county 000001 (2025): [p/veto] veto applies",
    ]
    with pytest.raises(StandardNotMetError) as info:
        a.raise_for_failures()
    assert str(info.value).splitlines()[0] == "standard test-std not met:"
    assert counties.built == [1, 1]


def test_a_failed_cv_is_a_failure_line() -> None:
    c = _county("000009", False, cv=0.75)
    a = Assessment(STD, [c], "t", (), (("000009", 2025),), (False,))
    assert "county 000009 (2025) primary: CV of books 0.75 > 0.5" in a.failures()


def test_passing_counties_do_not_raise() -> None:
    a, counties = _assessment((True, None))
    a.raise_for_failures()
    assert counties.built == []


def test_to_dict_is_the_json_contract() -> None:
    a, _ = _assessment((False,))
    d = json.loads(json.dumps(a.to_dict(1), allow_nan=False))
    assert d["format"] == "eduequity.assessment/1"
    assert ASSESSMENT_FORMAT == "eduequity.assessment/2"  # what to_dict() gives by default
    assert d["passed"] is False
    assert d["standard"]["indicators"]["books"]["unit"] == "册"
    (c,) = d["counties"]
    assert (c["county_code"], c["year"], c["passed"], c["status"]) == (
        "000000",
        2025,
        False,
        "failed",
    )
    level = c["levels"]["primary"]
    assert level["composite_cv"] is None
    assert level["composite_cv_undefined_reason"] == "this standard has no composite CV"
    assert level["indicators"]["books"]["cv"] == 0.2
    assert level["indicators"]["books"]["cv_passed"] is True
    (s,) = level["schools"]
    assert s["values"] == {"books": 20.0, "x": None}  # NaN is never written
    assert s["failures"][0]["shortfall_total"] == 500.0
    assert s["failures"][0]["tolerated"] is False
    rule = c["parts"]["p"]["rules"][0]
    assert rule["input"] == "falsified_data"
    assert rule["value"] is True
    # /2: the same numbers, the words said once
    two = json.loads(json.dumps(a.to_dict(), allow_nan=False))
    (s2,) = two["counties"][0]["levels"]["primary"]["schools"]
    assert s2["values"] == s["values"]
    assert "thresholds" not in s2
    assert s2["failures"][0]["shortfall_total"] == 500.0
    assert "part" not in s2["failures"][0]
    assert "reference" not in s2["failures"][0]
    assert "unit" not in two["counties"][0]["levels"]["primary"]["indicators"]["books"]


def test_an_undefined_cv_carries_its_reason() -> None:
    ind = IndicatorResult(
        "books", "生均图书", "Books", "册", 0.0, None, "the weighted mean is 0", None, None,
        2, 10.0, "r",
    )  # fmt: skip
    out = ind.to_dict()
    assert out["cv"] is None
    assert out["cv_undefined_reason"] == "the weighted mean is 0"


def test_a_composite_in_json() -> None:
    comp = CompositeResult(0.61, None, 0.65, True, ("a", "b"), "composite_cv")
    d = LevelResult("junior", True, {}, comp, ()).to_dict()
    assert d["composite_cv"] == 0.61
    assert d["composite_cv_threshold"] == 0.65
    assert d["composite_cv_passed"] is True
    assert d["composite_cv_indicators"] == ["a", "b"]
    assert "composite_cv_undefined_reason" not in d


def test_standard_names_in_either_language() -> None:
    assert STD.name("books", "zh") == "生均图书"
    assert STD.name("books", "en") == "Books per pupil"
    assert STD.name("unknown", "en") == "unknown"

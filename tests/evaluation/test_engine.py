"""The per-kind evaluators on arrays: threshold selection, k of n, verdict codes."""

from __future__ import annotations

import numpy as np

from eduequity.evaluation.engine import SectionContext, check_school_rule, thresholds_for
from eduequity.indicators import IndicatorValues
from eduequity.rules.schema import IndicatorDef, RuleItem, SchoolRule, Threshold
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED


def ctx(n: int, **columns: object) -> SectionContext:
    base: dict[str, object] = {
        "level": np.array(["primary"] * n),
        "school_type": np.array(["primary"] * n),
        "location": np.array(["urban"] * n),
        "classes": np.full(n, np.nan),
        "built_year": np.full(n, np.nan),
        "boarding": np.full(n, np.nan),
    }
    base.update({k: np.asarray(v) for k, v in columns.items()})
    return SectionContext(**base)  # type: ignore[arg-type]


def item(*thresholds: dict[str, object], comparison: str = "at_least") -> RuleItem:
    return RuleItem.model_validate(
        {"indicator": "x", "comparison": comparison, "thresholds": list(thresholds)}
    )


def test_class_bands_are_half_open_and_the_first_match_wins() -> None:
    # The Hunan-style rubric: ≤ 12 classes 7.4; 12–18: 6.6; … written as half-open bands.
    it = item(
        {"classes_below": 12, "value": 7.4},
        {"classes_min": 12, "classes_below": 18, "value": 6.6},
        {"classes_min": 18, "value": 5.8},
    )
    c = ctx(5, classes=[11.0, 12.0, 17.0, 18.0, np.nan])
    got = thresholds_for(it, c, {})
    assert got[:4].tolist() == [7.4, 6.6, 6.6, 5.8]
    assert np.isnan(got[4])  # no class count: no band applies


def test_level_location_type_year_boarding_and_flags() -> None:
    it = item(
        {"level": "junior", "value": 1.0},
        {"location": ["rural"], "boarding": True, "value": 2.0},
        {"school_type": ["nine_year"], "value": 3.0},
        {"built_before": 2017, "flag": "relax", "value": 4.0},
        {"value": 5.0},
    )
    c = ctx(
        5,
        level=["junior", "primary", "primary", "primary", "primary"],
        location=["urban", "rural", "urban", "urban", "urban"],
        boarding=[0.0, 1.0, 0.0, 0.0, 0.0],
        school_type=["junior", "primary", "nine_year", "primary", "primary"],
        built_year=[2000.0, 2000.0, 2000.0, 2010.0, 2020.0],
    )
    assert thresholds_for(it, c, {"relax": False}).tolist() == [1.0, 2.0, 3.0, 5.0, 5.0]
    assert thresholds_for(it, c, {"relax": True}).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]


def _values(x: list[float]) -> IndicatorValues:
    spec = IndicatorDef(id="x", zh="x", en="x", numerator=("books",))
    arr = np.array(x, dtype=float)
    return IndicatorValues(spec, arr, np.zeros(len(x), dtype=np.int8), (), ())


def test_verdict_codes_pass_fail_undecided_not_applicable() -> None:
    rule = SchoolRule.model_validate(
        {
            "id": "r",
            "kind": "school_threshold",
            "part": "p",
            "reference": "t",
            "items": [{"indicator": "x", "comparison": "at_most",
                       "thresholds": [{"level": "primary", "value": 45}]}],
        }
    )  # fmt: skip
    c = ctx(4, level=["primary", "primary", "primary", "junior"])
    check = check_school_rule(rule, {"x": _values([45.0, 46.0, np.nan, 50.0])}, c, {})
    assert check.verdict.tolist() == [PASS, FAIL, UNDECIDED, NOT_APPLICABLE]
    assert check.check is not None
    assert check.check.shortfall[1, 0] == 1.0


def test_non_inclusive_comparison_fails_at_the_threshold() -> None:
    rule = SchoolRule.model_validate(
        {
            "id": "r",
            "kind": "school_threshold",
            "part": "p",
            "reference": "t",
            "inclusive": False,
            "items": [{"indicator": "x", "comparison": "at_least",
                       "thresholds": [{"level": "primary", "value": 1}]}],
        }
    )  # fmt: skip
    c = ctx(3, level=["primary", "primary", "junior"])
    check = check_school_rule(rule, {"x": _values([1.0, 1.5, 0.0])}, c, {})
    assert check.verdict.tolist() == [FAIL, PASS, NOT_APPLICABLE]


def test_threshold_written_as_a_ratio() -> None:
    assert Threshold.model_validate({"value": "1:21"}).value == 1 / 21
    assert Threshold.model_validate({"value": "10：1"}).written == "10：1"

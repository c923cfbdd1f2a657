"""Deciding once: the codes per group, part and county of a run."""

from __future__ import annotations

import numpy as np

from eduequity import load_rule_set, load_schools
from eduequity.county_inputs import read_county_inputs
from eduequity.evaluation.run import Run, _over_groups
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED


def test_over_groups_a_failure_beats_an_undecided_section() -> None:
    codes = np.array([PASS, UNDECIDED, FAIL, NOT_APPLICABLE, UNDECIDED, PASS], dtype=np.int8)
    group = np.array([0, 0, 0, 1, 2, 2])
    assert _over_groups(codes, group, 4).tolist() == [
        FAIL,
        NOT_APPLICABLE,
        UNDECIDED,
        NOT_APPLICABLE,
    ]


COLUMNS = (
    "teaching_aux_area_m2",
    "sports_ground_area_m2",
    "equipment_value_yuan",
    "teaching_computers",
    "books",
    "teachers_primary",
    "qualified_teachers_primary",
    "senior_title_teachers_primary",
)


def _school(sid: str, county: str, amount: float) -> dict[str, object]:
    base: dict[str, object] = {
        "school_id": sid,
        "school_type": "primary",
        "county_code": county,
        "year": 2025,
        "students_primary": 100,
        "indoor_sports_area_m2": 0,  # (subtracted from the teaching area)
    }
    return base | dict.fromkeys(COLUMNS, amount)


def test_a_run_holds_every_verdict_as_codes() -> None:
    # county 1: equal schools (every CV 0); county 2: 1 against 9 per pupil in every column,
    # so every CV is 0.04 / 0.05 = 0.8 and so is their mean, above the 2012 limit 0.65
    table = load_schools(
        [_school("a", "100001", 5), _school("b", "100001", 5),
         _school("c", "100002", 1), _school("d", "100002", 9)]
    )  # fmt: skip
    rs = load_rule_set("cn-2012-basic")
    inputs, _ = read_county_inputs({"100001": {"government_effort_score": 90}}, rs)
    run = Run.decide(table, rs, inputs)
    assert run.keys == [("100001", 2025), ("100002", 2025)]
    cv = run.cvs["teachers_per_student"].cv
    assert np.allclose(cv[[0, 2]], [0.0, 0.8], rtol=1e-12)  # groups: county·2 + level (primary)
    assert np.isnan(cv[[1, 3]]).all()  # no junior sections
    composite = run.cv_rules["composite_cv"].composite
    assert composite is not None
    assert np.allclose(composite[[0, 2]], [0.0, 0.8])
    assert run.cv_rules["composite_cv"].verdict.tolist() == [
        PASS,
        NOT_APPLICABLE,
        FAIL,
        NOT_APPLICABLE,
    ]
    assert run.levels.tolist() == [PASS, NOT_APPLICABLE, FAIL, NOT_APPLICABLE]
    assert run.rules["composite_cv"].tolist() == [PASS, FAIL]
    # county 1 gave one input (90 ≥ 85 passes), not the other (not assessed)
    assert run.rules["government_effort_score"].tolist() == [PASS, UNDECIDED]
    assert run.rules["public_satisfaction"].tolist() == [UNDECIDED, UNDECIDED]
    assert run.counties.tolist() == [UNDECIDED, FAIL]
    assert run.sections_passed.tolist() == [NOT_APPLICABLE] * 4  # no per-school rule

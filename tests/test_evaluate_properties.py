"""Laws of evaluate() over any valid canonical table (hypothesis)."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from _oracles import as_verdict, county_verdicts
from eduequity import SchoolTable, build_sections, evaluate, load_rule_set
from eduequity.metrics import coefficient_of_variation
from eduequity.testing import tables


@settings(max_examples=40, deadline=None)
@given(tables(counties=3, max_schools=10))
def test_every_school_is_evaluated_or_reported_and_json_is_clean(table: SchoolTable) -> None:
    for standard in ("cn-2012-basic", "cn-2017-quality"):
        a = evaluate(table, standard)
        json.dumps(a.to_dict(), allow_nan=False)
        assert [(c.county_code, c.year) for c in a.counties] == table.counties()
        for c in a.counties:
            rows = (table["county_code"] == c.county_code) & (table["year"] == c.year)
            ids = set(table["school_id"][rows].tolist())
            seen = {s.school_id for lv in c.levels.values() for s in lv.schools}
            reported = {e["school_id"] for e in c.excluded}
            assert ids == seen | reported  # nothing lost silently
            for level in c.levels.values():
                failing_school = any(s.passed is False for s in level.schools)
                failing_cv = any(i.cv_passed is False for i in level.indicators.values())
                failing_comp = level.composite is not None and level.composite.passed is False
                assert (level.passed is False) == (failing_school or failing_cv or failing_comp)


@settings(max_examples=30, deadline=None)
@given(tables(counties=2, max_schools=10))
def test_cvs_equal_the_metric_on_the_sections(table: SchoolTable) -> None:
    rs = load_rule_set("cn-2017-quality")
    sections = build_sections(table, rs.scope.policy())
    a = evaluate(table, rs)
    v = sections.values
    for c in a.counties:
        for lv, level in c.levels.items():
            m = (
                (sections.county_code == c.county_code)
                & (sections.year == c.year)
                & (sections.level == lv)
            )
            x = (v["teaching_aux_area_m2"][m] - v["indoor_sports_area_m2"][m]) / v["students"][m]
            got = level.indicators["teaching_area_per_student"].cv
            if np.average(x, weights=v["students"][m]) > 0:
                assert got is not None
                assert got == coefficient_of_variation(x, v["students"][m]) or abs(
                    got - coefficient_of_variation(x, v["students"][m])
                ) <= 1e-12 * max(1.0, got)
            else:
                assert got is None


@settings(max_examples=40, deadline=None)
@given(
    tables(counties=3, max_schools=8),
    st.sampled_from(["cn-2012-basic", "cn-2017-quality", "cn-province-8of10"]),
    st.dictionaries(
        st.sampled_from(["330100", "330101", "330102"]),
        st.fixed_dictionaries(
            {},
            optional={
                "public_satisfaction_pct": st.floats(80, 90),
                "government_effort_score": st.floats(80, 90),
                "social_recognition_pct": st.floats(80, 90),
                "falsified_data": st.booleans(),
            },
        ),
    ),
)
def test_every_verdict_equals_the_oracle_on_the_results_leaves(
    table: SchoolTable, standard: str, inputs: dict[str, dict[str, object]]
) -> None:
    """The codes decided once in arrays, as every result object shows them, equal what
    the oracle of tests/_oracles.py derives from the leaves (sections' rule verdicts, CVs
    against thresholds, county inputs)."""
    a = evaluate(table, standard, inputs or None)
    rs = load_rule_set(standard)
    fast = a.county_verdicts()
    for c in a.counties:
        want = county_verdicts(c, rs, inputs.get(c.county_code, {}))
        assert fast[(c.county_code, c.year)] == c.passed == as_verdict(want["county"])
        for name, level in c.levels.items():
            assert level.passed == as_verdict(want["levels"][name])
            for s in level.schools:
                mine = [v for r, v in s.rules.items() if _part_of(rs, r) in rs.level_parts]
                expected = (
                    None if not mine else False if False in mine else None if None in mine else True
                )
                assert s.passed == expected
        for pid, part in c.parts.items():
            assert part.passed == as_verdict(want["parts"][pid])
            assert part.status == _status(want["parts"][pid])
            for r in part.rules:
                assert r.passed == as_verdict(want["rules"][r.id]), r.id
                assert r.status == _status(want["rules"][r.id])
    assert a.passed == evaluate(table, standard, inputs or None).passed


def _part_of(rs: object, rule_id: str) -> str:
    return next(r.part for r in rs.rules if r.id == rule_id)  # type: ignore[attr-defined]


def _status(v: object) -> str:
    if v == "not applicable":
        return "not_applicable"
    return {True: "passed", False: "failed", None: "not_assessed"}[v]  # type: ignore[index]

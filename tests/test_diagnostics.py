"""Leave-one-out CVs equal recomputation; diagnostics name the schools that raise a CV."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eduequity as eq
from eduequity.diagnostics import cv_diagnostics
from eduequity.errors import UndefinedMetricError
from eduequity.metrics import coefficient_of_variation, leave_one_out_cv, variance_shares


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.1, 1e6), st.floats(1, 3000), st.integers(0, 3)),
        min_size=2,
        max_size=25,
    )
)
def test_leave_one_out_equals_recomputation(units: list[tuple[float, float, int]]) -> None:
    x = np.array([u[0] for u in units])
    w = np.array([u[1] for u in units])
    g = np.array([u[2] for u in units])
    loo = leave_one_out_cv(x, w, g)
    for i in range(len(units)):
        rest = (g == g[i]) & (np.arange(len(units)) != i)
        if not rest.any():
            assert np.isnan(loo[i])
            continue
        try:
            expected = coefficient_of_variation(x[rest], w[rest])
        except UndefinedMetricError:
            assert np.isnan(loo[i])
            continue
        assert loo[i] == pytest.approx(expected, rel=1e-7, abs=1e-9)
    shares = variance_shares(x, w, g)
    for group in set(g.tolist()):
        m = g == group
        if np.ptp(x[m]) > 0:
            assert shares[m].sum() == pytest.approx(1.0)


def test_diagnostics_rank_the_schools_that_raise_the_cv() -> None:
    entries = cv_diagnostics(eq.load_example(), "cn-2017-quality")
    assert len(entries) == 2 * 7  # two levels, seven indicators
    entry = next(
        e
        for e in entries
        if e["level"] == "primary" and e["indicator"] == "teaching_area_per_student"
    )
    level = eq.evaluate(eq.load_example(), "cn-2017-quality").counties[0].levels["primary"]
    assert entry["cv"] == pytest.approx(level.indicators["teaching_area_per_student"].cv)
    # brute force: the school whose removal lowers the CV most comes first
    schools = level.schools
    x = np.array([s.values["teaching_area_per_student"] for s in schools])
    w = np.array([s.students for s in schools])
    drops = [
        entry["cv"] - coefficient_of_variation(np.delete(x, i), np.delete(w, i))
        for i in range(len(schools))
    ]
    best = schools[int(np.argmax(drops))].school_id
    assert entry["schools"][0]["school_id"] == best
    assert entry["schools"][0]["cv_change"] == pytest.approx(max(drops), rel=1e-9)
    changes = [s["cv_change"] for s in entry["schools"]]
    assert changes == sorted(changes, reverse=True)

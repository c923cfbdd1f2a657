"""Threshold checks, k-of-n with a floor, and the bootstrap."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduequity.errors import ConfigurationError
from eduequity.metrics import (
    at_least,
    at_most,
    bootstrap_ci,
    coefficient_of_variation,
    gini,
    k_of_n,
    k_of_n_passed,
)


def test_exactly_at_threshold_passes() -> None:
    # 900 m² for 200 students is exactly 4.5
    c = at_least([900 / 200], 4.5)
    assert c.passed.tolist() == [True]
    assert c.shortfall.tolist() == [0.0]
    assert not at_least([900 / 200], 4.5, inclusive=False).passed[0]
    assert at_most([0.5], 0.5).passed[0]


def test_shortfall_and_attainment() -> None:
    c = at_least([3.0, 6.0], [4.0, 5.0])
    assert c.passed.tolist() == [False, True]
    assert c.shortfall.tolist() == [1.0, 0.0]
    assert c.attainment.tolist() == [0.75, 1.2]
    m = at_most([12.0], 10.0)
    assert m.shortfall.tolist() == [2.0]
    assert m.attainment[0] == pytest.approx(10 / 12)


def test_missing_never_passes() -> None:
    c = at_least([float("nan")], 1.0)
    assert c.missing.tolist() == [True]
    assert c.passed.tolist() == [False]
    assert np.isnan(c.shortfall[0])


def test_six_of_seven_with_85_percent_floor() -> None:
    thresholds = [4.2, 1.0, 0.9, 4.5, 7.5, 2000.0, 2.3]
    ok = [4.2, 1.0, 0.9, 4.5, 7.5, 2000.0, 2.3]
    one_low = [4.2, 1.0, 0.9, 4.5, 7.5, 1700.0, 2.3]  # exactly 85 %
    too_low = [4.2, 1.0, 0.9, 4.5, 7.5, 1699.0, 2.3]
    two_low = [4.1, 1.0, 0.9, 4.5, 7.5, 1990.0, 2.3]
    r = k_of_n([ok, one_low, too_low, two_low], thresholds, min_met=6, floor=0.85)
    assert r.passed.tolist() == [True, True, False, False]
    assert r.n_met.tolist() == [7, 6, 6, 5]
    assert r.floor_met.tolist() == [True, True, False, True]
    assert r.shortfall[2, 5] == 301.0
    assert r.shortfall_to_floor[2, 5] == pytest.approx(1.0)


def test_at_most_two_of_eleven_may_fail_and_at_most_floor() -> None:
    r = k_of_n([[1.0] * 9 + [0.0, 0.0], [1.0] * 8 + [0.0] * 3], [1.0] * 11, min_met=9)
    assert r.passed.tolist() == [True, False]
    # an at-most indicator (students per computer ≤ 10) with a 60 % floor: ≤ 10 / 0.6
    s = k_of_n([[16.0], [17.0]], [10.0], min_met=1, comparisons="at_most", floor=0.6)
    assert s.floor_met.tolist() == [True, False]
    with pytest.raises(ConfigurationError):
        k_of_n([[1.0]], [1.0], min_met=2)


def test_bootstrap_is_reproducible() -> None:
    x = np.linspace(1, 10, 30)
    w = np.arange(1, 31)
    a = bootstrap_ci(coefficient_of_variation, x, w, n_resamples=300, seed=7)
    b = bootstrap_ci(coefficient_of_variation, x, w, n_resamples=300, seed=7)
    assert a == b
    assert a.low < a.estimate < a.high
    c = bootstrap_ci(gini, x, w, n_resamples=300, seed=8)
    assert c.estimate == gini(x, w)
    assert c.n_undefined == 0


# thresholds as they come: zeros of either sign, negatives and NaN (an item that does not apply)
_THRESHOLD = st.one_of(st.floats(0, 10), st.sampled_from([0.0, -0.0, -1.5]), st.just(float("nan")))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(
                    st.one_of(st.floats(0, 10), st.sampled_from([0.0, -0.0, -2.0, float("nan")])),
                    min_size=n,
                    max_size=n,
                ),
                min_size=1,
                max_size=8,
            ),
            st.lists(_THRESHOLD, min_size=n, max_size=n),
            st.lists(st.sampled_from(["at_least", "at_most"]), min_size=n, max_size=n),
            st.integers(0, n),
            st.one_of(st.none(), st.floats(0.05, 1.0)),
            st.booleans(),
        )
    )
)
def test_k_of_n_passed_equals_k_of_n(case: tuple) -> None:  # type: ignore[type-arg]
    values, thresholds, comps, min_met, floor, inclusive = case
    full = k_of_n(values, thresholds, min_met=min_met, comparisons=comps, floor=floor,
                  inclusive=inclusive)  # fmt: skip
    fast = k_of_n_passed(values, thresholds, min_met=min_met, comparisons=comps, floor=floor,
                         inclusive=inclusive)  # fmt: skip
    assert fast.tolist() == full.passed.tolist()
    # inapplicable_met: the same as k_of_n with each NaN threshold replaced by one the value
    # clears strictly (how the rules engine counted items that do not apply)
    x, t = (
        np.array(values, dtype=float),
        np.broadcast_to(np.array(thresholds), (len(values), len(comps))),
    )
    up = np.array([c == "at_least" for c in comps])
    na = np.isnan(t)
    x_eval, t_eval = np.where(na, np.where(up, 2.0, 0.5), x), np.where(na, 1.0, t)
    expected = k_of_n(x_eval, t_eval, min_met=min_met, comparisons=comps, floor=floor,
                      inclusive=inclusive).passed  # fmt: skip
    got = k_of_n_passed(values, thresholds, min_met=min_met, comparisons=comps, floor=floor,
                        inclusive=inclusive, inapplicable_met=True)  # fmt: skip
    assert got.tolist() == expected.tolist()
    # and k_of_n itself: the same verdicts, met items and shortfalls as the substitution
    substituted = k_of_n(x_eval, t_eval, min_met=min_met, comparisons=comps, floor=floor,
                         inclusive=inclusive)  # fmt: skip
    full_na = k_of_n(values, thresholds, min_met=min_met, comparisons=comps, floor=floor,
                     inclusive=inclusive, inapplicable_met=True)  # fmt: skip
    assert full_na.passed.tolist() == expected.tolist()
    assert full_na.met.tolist() == substituted.met.tolist()
    np.testing.assert_array_equal(full_na.shortfall, substituted.shortfall)
    np.testing.assert_array_equal(full_na.shortfall_to_floor, substituted.shortfall_to_floor)
    assert not full_na.missing[na].any()

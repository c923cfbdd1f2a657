"""The official CV: the worked example, edge cases, precision, and its laws."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduequity.errors import MetricInputError, UndefinedMetricError
from eduequity.metrics import (
    coefficient_of_variation,
    per_100_students,
    per_student,
    ratio_of_totals,
    weighted_mean,
    weighted_std,
)

P = np.array([120.0, 480.0, 300.0, 900.0])
R = np.array([600.0, 2000.0, 1500.0, 4800.0])


def test_worked_example_of_cv_md() -> None:
    X = R / P
    assert weighted_mean(X, P) == pytest.approx(8900 / 1800, rel=1e-15)
    assert weighted_std(X, P) == pytest.approx(0.487498, abs=5e-7)
    assert coefficient_of_variation(X, P) == pytest.approx(0.098595, abs=5e-7)
    # the unweighted forms do not reproduce the official value
    assert coefficient_of_variation(X) == pytest.approx(0.088411, abs=5e-7)
    assert coefficient_of_variation(X, ddof=1) == pytest.approx(0.102088, abs=5e-7)


def test_cv_from_the_formula_by_hand() -> None:
    X = R / P
    mean = (R.sum()) / P.sum()
    s = math.sqrt(sum(p * (x - mean) ** 2 for p, x in zip(P, X, strict=True)) / P.sum())
    assert coefficient_of_variation(X, P) == pytest.approx(s / mean, rel=1e-14)


def test_sample_form_with_frequency_weights() -> None:
    # weights 1, 3 for values 1, 3: mean 2.5, Σw(x−m)² = 2.25 + 0.75 = 3, /(4 − 1) = 1
    assert weighted_std([1.0, 3.0], [1, 3], ddof=1) == pytest.approx(1.0)
    assert coefficient_of_variation([1.0, 3.0], [1, 3], ddof=1) == pytest.approx(1 / 2.5)


def test_one_unit_gives_zero() -> None:
    assert coefficient_of_variation([4.2], [300]) == 0.0


def test_zero_mean_is_undefined_with_reason() -> None:
    with pytest.raises(UndefinedMetricError) as info:
        coefficient_of_variation([0.0, 0.0], [10, 20])
    assert info.value.reason == "zero_mean"


@pytest.mark.parametrize("bad", [[1.0, float("nan")], [1.0, float("inf")]])
def test_nan_and_inf_are_errors(bad: list[float]) -> None:
    with pytest.raises(MetricInputError, match="NaN or inf"):
        coefficient_of_variation(bad, [1, 1])


def test_nan_at_zero_weight_is_still_an_error() -> None:
    with pytest.raises(MetricInputError):
        coefficient_of_variation([1.0, float("nan")], [1, 0])


def test_bad_weights() -> None:
    with pytest.raises(MetricInputError, match="must be >= 0"):
        coefficient_of_variation([1.0, 2.0], [1, -1])
    with pytest.raises(MetricInputError, match="length"):
        coefficient_of_variation([1.0, 2.0], [1])
    with pytest.raises(UndefinedMetricError):
        coefficient_of_variation([1.0, 2.0], [0, 0])
    with pytest.raises(MetricInputError, match="empty"):
        coefficient_of_variation([], [])


def test_large_totals_small_spread_keep_precision() -> None:
    # yuan in the hundreds of millions, spread of a few yuan
    base = 3.0e8
    x = base + np.array([1.0, 2.0, 3.0, 4.0])
    w = np.array([1.0, 1.0, 1.0, 1.0])
    expected = math.sqrt(1.25) / (base + 2.5)
    assert coefficient_of_variation(x, w) == pytest.approx(expected, rel=1e-9)


def test_per_student_helpers() -> None:
    assert per_student([900.0], [200]).tolist() == [4.5]
    assert per_100_students([3.0], [150]).tolist() == [2.0]
    assert ratio_of_totals(R, P) == pytest.approx(8900 / 1800)
    assert ratio_of_totals(R, P) == pytest.approx(weighted_mean(R / P, P))
    with pytest.raises(UndefinedMetricError):
        per_student([1.0], [0])


def test_accepts_lists_tuples_and_series() -> None:
    pd = pytest.importorskip("pandas")
    X = R / P
    expected = coefficient_of_variation(X, P)
    assert coefficient_of_variation(tuple(X), tuple(P)) == expected
    assert coefficient_of_variation(pd.Series(X), pd.Series(P)) == expected


values = st.lists(st.floats(0.1, 1e6), min_size=2, max_size=30)


@given(values, st.data())
def test_scale_invariance(xs: list[float], data: st.DataObject) -> None:
    w = data.draw(st.lists(st.integers(1, 500), min_size=len(xs), max_size=len(xs)))
    k = data.draw(st.floats(1e-3, 1e3))
    a = coefficient_of_variation(xs, w)
    b = coefficient_of_variation([k * x for x in xs], w)
    assert b == pytest.approx(a, rel=1e-9, abs=1e-12)


@given(values, st.data())
def test_permutation_invariance(xs: list[float], data: st.DataObject) -> None:
    w = data.draw(st.lists(st.integers(1, 500), min_size=len(xs), max_size=len(xs)))
    perm = data.draw(st.permutations(range(len(xs))))
    a = coefficient_of_variation(xs, w)
    b = coefficient_of_variation([xs[i] for i in perm], [w[i] for i in perm])
    assert b == pytest.approx(a, rel=1e-9, abs=1e-12)


@given(values, st.data())
def test_integer_weights_equal_repetition(xs: list[float], data: st.DataObject) -> None:
    w = data.draw(st.lists(st.integers(1, 6), min_size=len(xs), max_size=len(xs)))
    repeated = [x for x, k in zip(xs, w, strict=True) for _ in range(k)]
    assert coefficient_of_variation(xs, w) == pytest.approx(
        coefficient_of_variation(repeated), rel=1e-9, abs=1e-12
    )


@given(st.lists(st.floats(1e7, 1e9), min_size=2, max_size=20), st.floats(0.0, 10.0))
def test_precision_against_exact_fractions(xs: list[float], shift: float) -> None:
    from fractions import Fraction

    x = [v + shift for v in xs]
    n = len(x)
    fx = [Fraction(v) for v in x]
    mean = sum(fx) / n
    var = sum((v - mean) ** 2 for v in fx) / n
    exact = math.sqrt(var) / float(mean)
    assert coefficient_of_variation(x) == pytest.approx(exact, rel=1e-9, abs=1e-15)


def _exact_weighted_cv(x: list[float], w: list[float]) -> float:
    from fractions import Fraction

    fx, fw = [Fraction(v) for v in x], [Fraction(v) for v in w]
    total = sum(fw)
    mean = sum(a * b for a, b in zip(fx, fw, strict=True)) / total
    var = sum(b * (a - mean) ** 2 for a, b in zip(fx, fw, strict=True)) / total
    return math.sqrt(var) / float(mean)


def test_a_sample_that_misses_the_heavy_units_costs_no_precision() -> None:
    """The one-pass sums about a pilot (the mean of a sample of units): here the sample
    sees only the light units at 0, the mean sits near 10⁶ with a variance near 10³, and
    the second pass about the mean keeps the CV exact."""
    n = 10_000  # a sample of every second unit
    x = [0.0 if i % 2 == 0 else 1e6 for i in range(n)]
    w = [1.0 if i % 2 == 0 else 1e9 for i in range(n)]
    exact = _exact_weighted_cv(x, w)
    assert coefficient_of_variation(x, w) == pytest.approx(exact, rel=1e-12)


@given(
    st.lists(st.tuples(st.floats(1e7, 1e9), st.integers(1, 5000)), min_size=2, max_size=30),
    st.floats(0.0, 10.0),
)
def test_weighted_precision_against_exact_fractions(
    units: list[tuple[float, int]], shift: float
) -> None:
    x = [v + shift for v, _ in units]
    w = [float(k) for _, k in units]
    assert coefficient_of_variation(x, w) == pytest.approx(
        _exact_weighted_cv(x, w), rel=1e-9, abs=1e-15
    )


def test_weights_whose_total_overflows_are_refused() -> None:
    with pytest.raises(MetricInputError, match="the total weight overflows float64"):
        coefficient_of_variation([1.0, 2.0, 3.0], [1e308, 1e308, 1e308])

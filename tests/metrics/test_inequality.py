"""Gini, GE family, Atkinson: golden values, pairwise oracles and the laws."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from eduequity.errors import ConfigurationError, MetricInputError, UndefinedMetricError
from eduequity.metrics import (
    atkinson,
    coefficient_of_variation,
    generalized_entropy,
    gini,
    lorenz_curve,
    mean_log_deviation,
    theil,
)


def pairwise_gini(x: list[float], w: list[float]) -> float:
    """The O(n²) definition: ΣΣ w_i w_j |x_i − x_j| / (2 W² μ)."""
    W = sum(w)
    mu = sum(a * b for a, b in zip(x, w, strict=True)) / W
    s = sum(
        wi * wj * abs(xi - xj)
        for xi, wi in zip(x, w, strict=True)
        for xj, wj in zip(x, w, strict=True)
    )
    return s / (2 * W * W * mu)


def test_gini_golden() -> None:
    assert gini([0.0, 1.0]) == 0.5
    assert gini([1.0, 1.0, 1.0]) == 0.0
    # 1, 2, 3, 4 unweighted: ΣΣ|xi − xj| = 20, / (2 · 16 · 2.5) = 0.25
    assert gini([1.0, 2.0, 3.0, 4.0]) == pytest.approx(0.25)
    assert gini([1.0, 2.0], [3, 1]) == pytest.approx(0.15)
    assert gini([1.0, 2.0, 3.0, 4.0], correction=True) == pytest.approx(0.25 * 4 / 3)


def test_gini_with_near_ties_matches_the_oracle() -> None:
    # values that differ only in their last bits exercise the exact re-sort of near ties
    rng = np.random.default_rng(5)
    base = rng.choice([1.0, 2.0, 5.0 / 3.0], 400)
    x = base * (1 + rng.integers(-3, 4, 400) * 1e-15)
    w = rng.random(400)
    assert gini(x, w) == pytest.approx(pairwise_gini(x.tolist(), w.tolist()), rel=1e-9, abs=1e-15)


def test_theil_mld_ge_atkinson_golden() -> None:
    assert theil([0.0, 1.0]) == pytest.approx(math.log(2))
    assert theil([2.0, 2.0]) == 0.0
    # MLD of 1, 4: mean 2.5; ½(ln 2.5 + ln 0.625)
    assert mean_log_deviation([1.0, 4.0]) == pytest.approx(0.5 * (math.log(2.5) + math.log(0.625)))
    # GE(2) = CV² / 2
    x = [1.0, 2.0, 7.0]
    w = [3, 1, 2]
    assert generalized_entropy(x, w, alpha=2) == pytest.approx(
        coefficient_of_variation(x, w) ** 2 / 2
    )
    # GE(−1) by hand: 1/(−1·−2) Σ f (s^−1 − 1)
    mu = 2.5
    expected = 0.5 * (0.5 * (mu / 1 - 1) + 0.5 * (mu / 4 - 1))
    assert generalized_entropy([1.0, 4.0], alpha=-1) == pytest.approx(expected)
    assert atkinson([1.0, 4.0], epsilon=1) == pytest.approx(0.2)
    assert atkinson([1.0, 4.0], epsilon=0.5) == pytest.approx(0.1)
    # epsilon = 2: 1 − harmonic mean / mean = 1 − 1.6 / 2.5
    assert atkinson([1.0, 4.0], epsilon=2) == pytest.approx(1 - 1.6 / 2.5)
    assert atkinson([3.0, 3.0], epsilon=0) == 0.0


def test_zeros_and_negatives() -> None:
    with pytest.raises(UndefinedMetricError):
        mean_log_deviation([0.0, 1.0])
    with pytest.raises(UndefinedMetricError):
        atkinson([0.0, 1.0], epsilon=1)
    assert atkinson([0.0, 1.0], epsilon=0.5) == pytest.approx(1 - 0.25 / 0.5)
    with pytest.raises(MetricInputError):
        gini([-1.0, 2.0])
    with pytest.raises(MetricInputError):
        theil([-1.0, 2.0])
    with pytest.raises(ConfigurationError):
        atkinson([1.0, 2.0], epsilon=-1)
    with pytest.raises(UndefinedMetricError):
        gini([0.0, 0.0])


def test_lorenz_curve() -> None:
    p, v = lorenz_curve([1.0, 3.0], [3, 1])
    assert p.tolist() == [0.0, 0.75, 1.0]
    assert v.tolist() == [0.0, 0.5, 1.0]


positive = st.lists(st.floats(0.01, 1e4), min_size=2, max_size=25)
MEASURES = [
    ("gini", lambda x, w: gini(x, w)),
    ("theil", lambda x, w: theil(x, w)),
    ("mld", lambda x, w: mean_log_deviation(x, w)),
    ("ge2", lambda x, w: generalized_entropy(x, w, alpha=2)),
    ("atkinson1", lambda x, w: atkinson(x, w, epsilon=1)),
    ("atkinson2", lambda x, w: atkinson(x, w, epsilon=2)),
]


@pytest.mark.parametrize(("name", "measure"), MEASURES)
@given(xs=positive, data=st.data())
def test_scale_and_permutation_invariance(name: str, measure, xs, data) -> None:  # type: ignore[no-untyped-def]
    w = data.draw(st.lists(st.integers(1, 100), min_size=len(xs), max_size=len(xs)))
    k = data.draw(st.floats(0.01, 100))
    perm = data.draw(st.permutations(range(len(xs))))
    a = measure(xs, w)
    assert measure([k * x for x in xs], w) == pytest.approx(a, rel=1e-7, abs=1e-12)
    assert measure([xs[i] for i in perm], [w[i] for i in perm]) == pytest.approx(
        a, rel=1e-7, abs=1e-12
    )


@pytest.mark.parametrize(("name", "measure"), MEASURES)
@given(xs=positive, data=st.data())
def test_integer_weights_equal_repetition_and_replication(name: str, measure, xs, data) -> None:  # type: ignore[no-untyped-def]
    w = data.draw(st.lists(st.integers(1, 5), min_size=len(xs), max_size=len(xs)))
    repeated = [x for x, k in zip(xs, w, strict=True) for _ in range(k)]
    a = measure(xs, w)
    assert measure(repeated, None) == pytest.approx(a, rel=1e-7, abs=1e-12)
    assert measure(xs * 3, w * 3) == pytest.approx(a, rel=1e-7, abs=1e-12)


@given(
    xs=st.lists(st.one_of(st.just(0.0), st.floats(1e-3, 1e4)), min_size=1, max_size=12),
    data=st.data(),
)
def test_gini_equals_pairwise_definition(xs: list[float], data: st.DataObject) -> None:
    assume(sum(xs) > 0)
    w = data.draw(st.lists(st.floats(0.01, 50), min_size=len(xs), max_size=len(xs)))
    assert gini(xs, w) == pytest.approx(pairwise_gini(xs, w), rel=1e-9, abs=1e-12)


@given(xs=st.lists(st.floats(1.0, 1e3), min_size=2, max_size=15), data=st.data())
def test_pigou_dalton_transfer_lowers_inequality(xs: list[float], data: st.DataObject) -> None:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    poor, rich = order[0], order[-1]
    assume(xs[rich] - xs[poor] > 1e-3 * xs[rich])
    # move part of the gap from the richest to the poorest (equal weights, stays ordered)
    t = data.draw(st.floats(0.05, 0.45)) * (xs[rich] - xs[poor])
    ys = list(xs)
    ys[rich] -= t
    ys[poor] += t
    for measure in (gini, theil, coefficient_of_variation):
        assert measure(ys) < measure(xs)


@given(xs=positive, eps=st.floats(0.0, 5.0))
def test_atkinson_in_unit_interval(xs: list[float], eps: float) -> None:
    a = atkinson(xs, epsilon=eps)
    assert 0.0 <= a <= 1.0

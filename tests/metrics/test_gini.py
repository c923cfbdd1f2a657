"""The weighted Gini on large inputs, near ties and signed zeros, against the pairwise
definition and the plain O(n log n) formula with numpy's stable sort."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_inequality import pairwise_gini  # the O(n²) oracle, beside this module

from eduequity.errors import MetricInputError
from eduequity.metrics import gini


def _plain_weighted_gini(x: np.ndarray, w: np.ndarray) -> float:
    """The O(n log n) formula with numpy's own stable sort: an independent reference."""
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    c = np.cumsum(ws)
    total_w, total_xw = ws.sum(), np.dot(xs, ws)
    return float(np.dot(xs * ws, 2 * c - ws - total_w) / (total_w * total_xw))


@pytest.mark.parametrize("signed_zeros", [True, False])
@pytest.mark.parametrize("n", [7, 5_000, 70_000])
def test_near_ties_and_signed_zeros_give_the_plain_formula(n: int, signed_zeros: bool) -> None:
    """Values that differ in their lowest bits, and -0.0 beside 0.0: equal values may be
    sorted in any order, distinct ones must not be mixed up."""
    rng = np.random.default_rng(11)
    base = rng.choice([0.0, 1.0, 2.5, 1e6], n)
    x = base * (1 + rng.integers(-3, 4, n) * 2e-16)  # near ties in the lowest bits
    if signed_zeros:
        x[rng.integers(0, n, max(1, n // 100))] = -0.0
    w = rng.random(n)
    assert gini(x, w) == pytest.approx(_plain_weighted_gini(x, w), rel=1e-12, abs=1e-12)
    if n <= 100:
        assert gini(x, w) == pytest.approx(
            pairwise_gini(x.tolist(), w.tolist()), rel=1e-9, abs=1e-12
        )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1.0, -2.0, 3.0], "gini: values must be >= 0, got -2.0 at position 1"),
        ([1.0, float("nan"), 3.0], "values: NaN or inf is not accepted, got nan at position 1"),
        ([1.0, float("inf"), 3.0], "values: NaN or inf is not accepted, got inf at position 1"),
    ],
)
def test_weighted_gini_still_words_bad_values(values: list[float], message: str) -> None:
    with pytest.raises(MetricInputError) as info:
        gini(values, [1.0, 2.0, 3.0])
    assert str(info.value).startswith(message)


@given(
    st.lists(st.sampled_from([0.0, 1.0, 1.0 + 2**-40, 2.5, 7.0]), min_size=2, max_size=30),
    st.data(),
)
def test_gini_with_near_ties_equals_the_pairwise_definition(
    xs: list[float], data: st.DataObject
) -> None:
    """Near ties and long runs of equal values against the O(n²) definition."""
    w = data.draw(st.lists(st.floats(0.5, 50), min_size=len(xs), max_size=len(xs)))
    if sum(x * v for x, v in zip(xs, w, strict=True)) == 0:
        return
    assert gini(xs, w) == pytest.approx(pairwise_gini(xs, w), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "kind", ["lognormal with near ties", "whole numbers", "near-equal noise", "zeros of both signs"]
)
def test_gini_of_a_large_input_equals_the_plain_formula(kind: str) -> None:
    rng = np.random.default_rng(5)
    n = 300_000
    if kind == "lognormal with near ties":
        x = rng.lognormal(1.5, 0.4, n)
        x[rng.integers(0, n, 5000)] = np.median(x) * (1 + rng.integers(-3, 4, 5000) * 2e-16)
    elif kind == "whole numbers":  # long runs of equal values
        x = rng.integers(0, 100, n).astype(float)
    elif kind == "near-equal noise":  # one run of near-equal values, out of index order
        x = 5.0 * (1 + rng.integers(-3, 4, n) * 2e-16)
    else:
        x = rng.choice([0.0, -0.0, 1.0, 2.0], n)
    w = rng.integers(1, 3000, n).astype(float)
    # (near-equal noise: a Gini of about 1e-16, which both formulas give only to about 1e-13)
    assert gini(x, w) == pytest.approx(_plain_weighted_gini(x, w), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.nan, "weights: NaN or inf is not accepted, got nan at position 123456"),
        (-1.0, "weights: must be >= 0, got -1.0 at position 123456"),
    ],
)
def test_gini_of_a_large_input_words_a_bad_weight(bad: float, message: str) -> None:
    rng = np.random.default_rng(6)
    x, w = rng.random(200_000), rng.random(200_000)
    w[123_456] = bad
    with pytest.raises(MetricInputError) as info:
        gini(x, w)
    assert str(info.value).startswith(message)


def test_a_near_tie_out_of_index_order_is_sorted_by_value() -> None:
    """1 + 2⁻⁵² comes before 1 in the input: the Gini must see them in value order.

    By hand, with values 0.5, 1, 1 + ε, 2 (weights 20, 40, 10, 30; W = 100, Σ w x = 120
    + 10 ε): ΣΣ w_i w_j |x_i − x_j| / 2 = 20·40·0.5 + 20·10·(0.5 + ε) + 20·30·1.5
    + 40·10·ε + 40·30·1 + 10·30·(1 − ε) = 2 900 + 300 ε, so G = (2 900 + 300 ε) /
    (100 · (120 + 10 ε)) = 0.241666… (29 / 120 to within 1e-15).
    """
    eps = 2.0**-52
    x = np.array([1 + eps, 0.5, 2.0, 1.0])
    w = np.array([10.0, 20.0, 30.0, 40.0])
    expected = (2900 + 300 * eps) / (100 * (120 + 10 * eps))
    assert gini(x, w) == pytest.approx(expected, rel=1e-14)
    assert gini(x, w) == pytest.approx(pairwise_gini(x.tolist(), w.tolist()), rel=1e-12)

"""The exact value-and-weight sort behind the weighted Gini (large, near-tie, signed zero)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_inequality import pairwise_gini  # the O(n²) oracle, beside this module

from eduequity.errors import MetricInputError
from eduequity.metrics import _sorting, gini
from eduequity.metrics._sorting import sort_with_weights


@pytest.mark.parametrize("n", [7, 70_000])  # below and above the threaded gathers
def test_sort_equals_a_true_sort_and_keeps_the_pairs(n: int) -> None:
    rng = np.random.default_rng(11)
    base = rng.choice([0.0, 1.0, 2.5, 1e6], n)
    x = base * (1 + rng.integers(-3, 4, n) * 2e-16)  # near ties in the lowest bits
    x[rng.integers(0, n, max(1, n // 100))] = -0.0
    w = rng.random(n)
    xs, ws = sort_with_weights(x, w)
    assert np.all(xs[1:] >= xs[:-1])
    expected = sorted(zip((x + 0.0).tolist(), w.tolist(), strict=True))
    got = sorted(zip(xs.tolist(), ws.tolist(), strict=True))
    assert got == expected  # the same (value, weight) pairs, none lost or mixed


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


def _plain_weighted_gini(x: np.ndarray, w: np.ndarray) -> float:
    """The O(n log n) formula with numpy's own stable sort: an independent reference."""
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    c = np.cumsum(ws)
    total_w, total_xw = ws.sum(), np.dot(xs, ws)
    return float(np.dot(xs * ws, 2 * c - ws - total_w) / (total_w * total_xw))


@given(
    st.lists(st.sampled_from([0.0, 1.0, 1.0 + 2**-40, 2.5, 7.0]), min_size=2, max_size=30),
    st.data(),
)
def test_gini_in_two_halves_equals_the_pairwise_definition(
    xs: list[float], data: st.DataObject
) -> None:
    """The two-thread path, forced on small inputs, against the O(n²) definition (near
    ties included, and a cut that may fall inside a run of them)."""
    w = data.draw(st.lists(st.floats(0.5, 50), min_size=len(xs), max_size=len(xs)))
    if sum(x * v for x, v in zip(xs, w, strict=True)) == 0:
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_sorting, "_THREADED_FROM", 2)
        got = gini(xs, w)
    assert got == pytest.approx(pairwise_gini(xs, w), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "kind", ["lognormal with near ties", "whole numbers", "near-equal noise", "zeros of both signs"]
)
def test_gini_of_a_large_input_equals_the_plain_formula(kind: str) -> None:
    rng = np.random.default_rng(5)
    n = 300_000  # above _THREADED_FROM: sorts and gathers on two threads
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
    assert n >= _sorting._THREADED_FROM
    # (near-equal noise: a Gini of about 1e-16, which both formulas give only to about 1e-13)
    assert gini(x, w) == pytest.approx(_plain_weighted_gini(x, w), rel=1e-12, abs=1e-12)
    xs, ws = sort_with_weights(x, w)
    order = np.argsort(x, kind="stable")
    assert np.array_equal(xs, x[order])
    assert sorted(zip(xs.tolist(), ws.tolist(), strict=True)) == sorted(
        zip(x[order].tolist(), w[order].tolist(), strict=True)
    )


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


def test_a_near_tie_across_the_cut_between_the_halves_is_sorted() -> None:
    """Four units in two halves of two: the only inversion falls on the cut itself."""
    x = np.array([1 + 2**-52, 0.5, 2.0, 1.0])  # 1 + 2⁻⁵² and 1 differ below the index bits
    w = np.array([10.0, 20.0, 30.0, 40.0])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_sorting, "_THREADED_FROM", 2)
        xs, ws = sort_with_weights(x, w)
    assert xs.tolist() == [0.5, 1.0, 1 + 2**-52, 2.0]
    assert ws.tolist() == [20.0, 40.0, 10.0, 30.0]

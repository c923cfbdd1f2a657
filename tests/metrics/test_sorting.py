"""The exact value-and-weight sort behind the weighted Gini (large, near-tie, signed zero)."""

from __future__ import annotations

import numpy as np
import pytest

from eduequity.errors import MetricInputError
from eduequity.metrics import gini
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

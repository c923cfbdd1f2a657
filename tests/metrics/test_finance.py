"""School-finance measures: hand-computed cases and the New Mexico (Zuni) data."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduequity.errors import UndefinedMetricError
from eduequity.metrics import (
    adjusted_parity_index,
    disparity_test,
    federal_range_ratio,
    is_parity,
    mcloone,
    parity_index,
    pupil_quantile,
    restricted_range,
    value_range,
    verstegen,
    wealth_neutrality,
)

ZUNI = Path(__file__).resolve().parents[1] / "data" / "zuni_new_mexico_fy1998.csv"


def zuni() -> tuple[np.ndarray, np.ndarray]:
    with open(ZUNI, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return (
        np.array([float(r["Revenue"]) for r in rows]),
        np.array([float(r["Mem"]) for r in rows]),
    )


def oracle_quantile(x: np.ndarray, w: np.ndarray, tau: float) -> float:
    """Smallest value whose cumulative pupil share is ≥ τ, by a plain loop."""
    total = w.sum()
    cum = 0.0
    for v, p in sorted(zip(x.tolist(), w.tolist(), strict=True)):
        cum += p
        if cum >= tau * total - 1e-9:
            return v
    raise AssertionError


def test_pupil_quantile_rule_by_hand() -> None:
    x, w = [10.0, 20.0, 30.0], [50, 30, 20]
    assert pupil_quantile(x, w, q=[0.0, 0.5, 0.5001, 0.8, 0.81, 1.0]).tolist() == [
        10.0,
        10.0,
        20.0,
        20.0,
        30.0,
        30.0,
    ]
    # exactly 5 of 100 pupils: the boundary is inclusive despite rounding
    assert pupil_quantile(list(range(1, 101)), q=0.05).tolist() == [5.0]


def test_mcloone_verstegen_by_hand() -> None:
    x, w = [2.0, 4.0, 4.0, 6.0, 10.0], [1, 1, 1, 1, 1]
    # M = 4; below: 2 → 2/4; above: (6 + 10) / 2 / 4
    assert mcloone(x, w) == 0.5
    assert verstegen(x, w) == pytest.approx(2.0)
    assert mcloone(x, w, include_median=True) == pytest.approx((2 + 4 + 4) / 3 / 4)
    assert mcloone([3.0, 3.0]) == 1.0 == verstegen([3.0, 3.0])


def test_ranges() -> None:
    assert value_range([4.0, 9.0, 100.0], [10, 5, 0]) == 5.0
    assert restricted_range(list(range(1, 101))) == 90.0
    assert federal_range_ratio(list(range(1, 101))) == 18.0
    with pytest.raises(UndefinedMetricError):
        federal_range_ratio([0.0, 1.0])


def test_zuni_disparity_by_hand() -> None:
    x, w = zuni()
    assert len(x) == 89
    q05, q95 = oracle_quantile(x, w, 0.05), oracle_quantile(x, w, 0.95)
    t = disparity_test(x, w)
    assert (t.q05, t.q95) == (q05, q95)
    assert t.disparity == pytest.approx((q95 - q05) / q05)
    assert t.passed == (t.disparity <= 0.25)
    assert federal_range_ratio(x, w) == pytest.approx(t.disparity)
    m = oracle_quantile(x, w, 0.5)
    below = x < m
    assert mcloone(x, w) == pytest.approx((w[below] * x[below]).sum() / (m * w[below].sum()))
    above = x > m
    assert verstegen(x, w) == pytest.approx((w[above] * x[above]).sum() / (m * w[above].sum()))


def test_wealth_neutrality_perfect_and_none() -> None:
    r = wealth_neutrality([2.0, 4.0, 8.0], [1.0, 2.0, 4.0], [1, 1, 1])
    assert r.correlation == pytest.approx(1.0)
    assert r.slope == pytest.approx(2.0)
    assert r.elasticity == pytest.approx(1.0)
    flat = wealth_neutrality([5.0, 5.0, 5.0], [1.0, 2.0, 4.0])
    assert flat.correlation == 0.0
    assert flat.slope == 0.0


def test_parity() -> None:
    assert parity_index(4.5, 5.0) == 0.9
    assert adjusted_parity_index(0.8) == 0.8
    assert adjusted_parity_index(1.25) == pytest.approx(1.2)
    assert is_parity(0.97)
    assert is_parity(1.03)
    assert not is_parity(0.969)
    with pytest.raises(UndefinedMetricError):
        parity_index(1.0, 0.0)


@given(st.lists(st.floats(1.0, 1e4), min_size=1, max_size=30), st.data())
def test_mcloone_at_most_one_at_most_verstegen(xs: list[float], data: st.DataObject) -> None:
    w = data.draw(st.lists(st.integers(1, 100), min_size=len(xs), max_size=len(xs)))
    assert mcloone(xs, w) <= 1.0 + 1e-12
    assert verstegen(xs, w) >= 1.0 - 1e-12


@given(st.lists(st.floats(0.0, 1e4), min_size=1, max_size=30), st.data())
def test_quantile_matches_oracle(xs: list[float], data: st.DataObject) -> None:
    w = np.array(
        data.draw(st.lists(st.integers(1, 100), min_size=len(xs), max_size=len(xs))), dtype=float
    )
    tau = data.draw(st.sampled_from([0.05, 0.25, 0.5, 0.95]))
    assert pupil_quantile(xs, w, q=tau)[0] == oracle_quantile(np.array(xs), w, tau)

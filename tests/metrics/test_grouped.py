"""Grouped forms equal the per-group computation; decomposition adds up."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduequity.errors import MetricInputError, UndefinedMetricError
from eduequity.metrics import (
    coefficient_of_variation,
    ge_decomposition,
    generalized_entropy,
    group_index,
    grouped,
    grouped_cv,
    grouped_mean,
    theil_decomposition,
)


def test_grouped_cv_undefined_groups_have_reasons() -> None:
    r = grouped_cv([1.0, 3.0, 0.0, 0.0, 5.0], ["a", "a", "b", "b", "c"], [1, 1, 2, 2, 4])
    assert r.keys[0].tolist() == ["a", "b", "c"]
    assert r.value[0] == pytest.approx(0.5)
    assert np.isnan(r.value[1])
    assert r.reason[1] == "zero_mean"
    assert r.value[2] == 0.0
    assert r.n_units.tolist() == [2, 2, 1]
    rec = r.as_records(("county",))
    assert rec[1] == {
        "county": "b",
        "value": None,
        "reason": "zero_mean",
        "mean": 0.0,
        "n_units": 2,
        "total_weight": 4.0,
    }


def test_compound_keys() -> None:
    gi = group_index((["x", "x", "y", "x"], [2024, 2025, 2025, 2025]))
    assert [k.tolist() for k in gi.keys] == [["x", "x", "y"], [2024, 2025, 2025]]
    assert gi.codes.tolist() == [0, 1, 2, 1]
    m = grouped_mean([1.0, 2.0, 3.0, 4.0], gi, [1, 1, 1, 3])
    assert m.value.tolist() == [1.0, 3.5, 3.0]


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.floats(0.1, 1e5), st.integers(1, 900)),
        min_size=1,
        max_size=60,
    )
)
def test_grouped_cv_equals_per_group(units: list[tuple[int, float, int]]) -> None:
    g = np.array([u[0] for u in units])
    x = np.array([u[1] for u in units])
    w = np.array([u[2] for u in units], dtype=float)
    _assert_grouped_cv_equals_per_group(x, g, w)
    # the same units sorted by group, summed run by run (forced on small inputs)
    order = np.argsort(g, kind="stable")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(grouped, "_SAMPLE", 2)
        mp.setattr(grouped, "_UNITS_PER_RUN", 1)
        gi = group_index(g[order])
        assert gi.run_starts is not None or len(units) < 2
        _assert_grouped_cv_equals_per_group(x[order], g[order], w[order])
        _assert_grouped_cv_equals_per_group(x[order], g[order], None)


def _assert_grouped_cv_equals_per_group(x: np.ndarray, g: np.ndarray, w: np.ndarray | None) -> None:
    r = grouped_cv(x, g, w)
    for key, value, n_units in zip(
        r.keys[0].tolist(), r.value.tolist(), r.n_units.tolist(), strict=True
    ):
        sel = g == key
        expected = coefficient_of_variation(x[sel], None if w is None else w[sel])
        assert value == pytest.approx(expected, rel=1e-9, abs=1e-12)
        assert n_units == sel.sum()


def test_runs_of_a_sorted_table_are_summed_run_by_run() -> None:
    """10⁵ units sorted by group: the runs are found, and the CVs equal the per-group ones."""
    rng = np.random.default_rng(8)
    g = np.sort(rng.integers(0, 300, 100_000))
    x, w = rng.lognormal(1.5, 0.4, g.size), rng.integers(20, 2500, g.size).astype(float)
    starts = group_index(g).run_starts
    assert starts is not None
    assert starts.size == 300
    assert group_index(rng.permutation(g)).run_starts is None  # random order: unit by unit
    r = grouped_cv(x, g, w)
    for key in (0, 137, 299):
        sel = g == key
        assert r.value[key] == pytest.approx(coefficient_of_variation(x[sel], w[sel]), rel=1e-12)
        assert r.n_units[key] == sel.sum()


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.floats(0.5, 1e3), st.integers(1, 50)),
        min_size=2,
        max_size=40,
    ),
    st.sampled_from([0.0, 1.0, 2.0]),
)
def test_decomposition_adds_up(units: list[tuple[str, float, int]], alpha: float) -> None:
    g = [u[0] for u in units]
    x = [u[1] for u in units]
    w = [u[2] for u in units]
    d = ge_decomposition(x, g, w, alpha=alpha)
    assert d.total == pytest.approx(generalized_entropy(x, w, alpha=alpha))
    assert d.between + d.within == pytest.approx(d.total, rel=1e-9, abs=1e-12)
    assert d.between >= -1e-15
    assert d.within >= -1e-15


def test_theil_between_only() -> None:
    d = theil_decomposition([1.0, 1.0, 3.0, 3.0], [0, 0, 1, 1])
    assert d.within == pytest.approx(0.0)
    assert d.between == pytest.approx(d.total)
    assert d.between_share == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("values", "weights", "error", "words"),
    [
        ([1.0, np.nan, 2.0], None, MetricInputError, "got nan at position 1"),
        ([1.0, 2.0, np.inf], [1, 1, 0], MetricInputError, "got inf at position 2"),
        ([1.0, 2.0, 3.0], [1, np.inf, 1], MetricInputError, "weights: NaN or inf"),
        ([1.0, 2.0, 3.0], [1, -2, 1], MetricInputError, "must be >= 0, got -2.0 at position 1"),
        ([1.0, 2.0, 3.0], [0, 0, 0], UndefinedMetricError, "total weight is zero"),
        ([1.0, 2.0, 3.0], [1, 1], MetricInputError, "length 2 does not match values (3)"),
    ],
)
def test_grouped_forms_refuse_bad_input_naming_it(
    values: list[float], weights: list[float] | None, error: type[Exception], words: str
) -> None:
    """The finiteness checks run on the group sums, yet the error still names the unit."""
    for measure in (grouped_cv, grouped_mean):
        with pytest.raises(error, match=re.escape(words)):
            measure(values, [0, 1, 1], weights)


def test_groups_far_from_the_pilot_keep_their_precision() -> None:
    """One pass about a pilot (the mean of a sample of units) serves groups near it; a group
    far from it, with a small spread (here 10⁸ ± 0.25 among values near 1), gets two passes
    of its own and its CV stays exact."""
    from fractions import Fraction

    rng = np.random.default_rng(9)
    near = rng.uniform(0.5, 1.5, 5000)
    far = 1e8 + np.array([-0.25, 0.0, 0.125, 0.25])
    x = np.concatenate([near, far])
    g = np.concatenate([np.zeros(near.size, dtype=int), np.ones(far.size, dtype=int)])
    w = rng.integers(1, 50, x.size).astype(float)
    r = grouped_cv(x, g, w)
    for key in (0, 1):
        fx = [Fraction(v) for v in x[g == key]]
        fw = [Fraction(v) for v in w[g == key]]
        mean = sum(a * b for a, b in zip(fx, fw, strict=True)) / sum(fw)
        var = sum(b * (a - mean) ** 2 for a, b in zip(fx, fw, strict=True)) / sum(fw)
        assert r.value[key] == pytest.approx(math.sqrt(var) / float(mean), rel=1e-12)

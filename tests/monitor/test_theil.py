"""``theil_parts`` is ``ge_decomposition(alpha=1)`` float for float, errors included."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduequity.errors import EduequityError
from eduequity.metrics.decomposition import ge_decomposition
from eduequity.metrics.grouped import group_index
from eduequity.monitor.theil import theil_parts

# (subnormal values are left out: the metrics' scaling warns of an overflow on them)
_VALUES = st.sampled_from([0.0, 1.0, 2.5, 1e-250, 1e250, 4.2, 0.3, 7.0]) | st.floats(
    0, 1e6, allow_nan=False, allow_subnormal=False
)


def _outcome(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except EduequityError as exc:
        return type(exc), getattr(exc, "reason", None)


@given(
    units=st.lists(
        st.tuples(_VALUES, st.floats(0.5, 5000), st.integers(0, 4)), min_size=1, max_size=40
    )
)
def test_the_same_as_ge_decomposition(units: list[tuple[float, float, int]]) -> None:
    units.sort(key=lambda u: u[2])  # sections come county by county
    x = np.array([u[0] for u in units])
    w = np.array([u[1] for u in units])
    gi = group_index(np.unique([u[2] for u in units], return_inverse=True)[1])

    def want() -> tuple[float, float, float]:
        d = ge_decomposition(x, gi, w, alpha=1.0)
        return d.total, d.between, d.within

    assert _outcome(lambda: theil_parts(x, w, gi)) == _outcome(want)


@pytest.mark.parametrize(
    ("x", "groups"),
    [
        ([3.0, 3.0, 3.0], [0, 0, 1]),  # no inequality: the sums are 0, the metrics decide
        ([0.0, 0.0, 2.0], [0, 0, 1]),  # a county with a zero mean: zero_mean
        ([1e250, 3e250, 2e250], [0, 1, 1]),  # sums beyond the plain range: scaled
        ([0.0, 1.0, 4.0], [0, 1, 1]),  # a zero value (0 · ln 0 = 0)
    ],
)
def test_the_edges(x: list[float], groups: list[int]) -> None:
    xs, w, gi = np.array(x), np.array([10.0, 20.0, 30.0]), group_index(np.array(groups))
    got = _outcome(lambda: theil_parts(xs, w, gi))
    d = _outcome(lambda: ge_decomposition(xs, gi, w, alpha=1.0))
    want = (d.total, d.between, d.within) if hasattr(d, "total") else d
    assert got == want

"""The Theil T decomposition of a region's sections, with less said per call.

The regional analysis decomposes the Theil T index (GE(1)) of one region, year, level and
indicator at a time: about 5 700 calls for the nation by prefecture, most over a few
hundred sections, so the checks and dispatch of each call cost more than its arithmetic.
:func:`theil_parts` gives :func:`~eduequity.metrics.decomposition.ge_decomposition`'s
``(total, between, within)`` for ``alpha=1``, float for float: the per-county sums are
:func:`~eduequity.metrics.grouped.grouped_generalized_entropy`'s, and the two indices over
all sections and over the county means are the same operations as
:func:`~eduequity.metrics.generalized_entropy`'s (``Σ w·x`` by ``numpy.dot``, ``Σ w``,
``s ln s`` where ``s > 0``), skipping only the checks their input has passed (finite values,
positive weights). Whatever that path does not cover (a sum outside the range it is taken
in as it is, a zero mean, a group without a mean) is handed to the metrics themselves, so
every result and every error is theirs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from eduequity.metrics import generalized_entropy
from eduequity.metrics.decomposition import ge_decomposition
from eduequity.metrics.grouped import GroupIndex, grouped_generalized_entropy

__all__ = ["theil_parts"]

# Sums within these bounds are taken as they are by the metrics (they scale by powers of two
# only outside [2**-700, 2**900]); outside them the metrics are called.
_LOW = 1e-200
_HIGH = 1e200


def theil_parts(
    x: NDArray[np.float64], w: NDArray[np.float64], gi: GroupIndex
) -> tuple[float, float, float]:
    """``ge_decomposition(x, gi, w, alpha=1.0)``'s total, between and within parts.

    ``x`` are finite values, ``w`` positive weights, ``gi`` the county of each value.

    Examples
    --------
    >>> from eduequity.metrics.grouped import group_index
    >>> x, w = np.array([1.0, 3.0, 2.0, 6.0]), np.array([10.0, 30.0, 20.0, 40.0])
    >>> gi = group_index(np.array([0, 0, 1, 1]))
    >>> d = ge_decomposition(x, gi, w, alpha=1.0)
    >>> theil_parts(x, w, gi) == (d.total, d.between, d.within)
    True
    """
    stats = grouped_generalized_entropy(x, gi, w, alpha=1.0)
    total = _theil(x, w)
    if np.isnan(stats.value).any() or total is None:
        d = ge_decomposition(x, gi, w, alpha=1.0)  # raises as the metrics do
        return d.total, d.between, d.within
    tw = stats.total_weight
    keep = tw > 0
    f = tw[keep] / tw[keep].sum()
    mu_g = stats.mean[keep]
    mu = float(np.dot(f, mu_g))
    between = _theil(mu_g, f)
    if between is None:
        between = generalized_entropy(mu_g, f, alpha=1.0)
    within = float(np.dot(f * (mu_g / mu) ** 1.0, stats.value[keep]))
    return total, between, within


def _theil(x: NDArray[np.float64], w: NDArray[np.float64]) -> float | None:
    """``generalized_entropy(x, w, alpha=1.0)`` for finite ``x >= 0`` and weights ``w``, or
    ``None`` where the metric would scale its sums or raise (then call it)."""
    weight = float(w.sum())
    weighted = float(np.dot(w, x))
    if not (_LOW <= abs(weighted) <= _HIGH and _LOW <= weight <= _HIGH):
        return None
    mean = weighted / weight
    s = x / mean
    terms = np.zeros_like(s)
    pos = s > 0
    terms[pos] = s[pos] * np.log(s[pos])
    summed = float(np.dot(w, terms))
    if not _LOW <= abs(summed) <= _HIGH:
        return None
    return max(summed / weight, 0.0)

"""How much each unit moves a CV: the CV without it (leave one out), vectorised.

With group totals ``W = Σ w``, mean ``m`` and centred sum of squares ``SSD = Σ w (x − m)²``,
removing unit ``i`` (``d = x_i − m``, ``W' = W − w_i``) gives, exactly::

    m'   = m − w_i d / W'
    SSD' = SSD − w_i d² W / W'
    CV'  = sqrt(SSD' / W') / m'

so every unit's leave-one-out CV costs one pass, and equals recomputing without it. Where
a unit holds nearly all of its group's spread the subtraction would cancel, so those few
are recomputed from the rest of their group.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eduequity.metrics._arrays import FloatArray, as_values, as_weights
from eduequity.metrics.grouped import group_index

__all__ = ["leave_one_out_cv", "variance_shares"]


def leave_one_out_cv(
    values: ArrayLike, weights: ArrayLike | None = None, groups: ArrayLike | None = None
) -> FloatArray:
    """Each unit's group CV (official form) computed without that unit.

    NaN where it is undefined: the unit is alone in its group, or the rest has a zero mean.

    Examples
    --------
    cv.md's four schools; without school D (900 pupils at 5.33 m²):

    >>> from eduequity.metrics import coefficient_of_variation
    >>> x, p = [5.0, 2000 / 480, 5.0, 4800 / 900], [120, 480, 300, 900]
    >>> loo = leave_one_out_cv(x, p)
    >>> round(float(loo[3]), 6) == round(coefficient_of_variation(x[:3], p[:3]), 6)
    True
    """
    x, w, codes, total, mean = _group_means(values, weights, groups)
    n = total.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        d = x - mean[codes]
        ssd = np.bincount(codes, weights=w * d * d, minlength=n)
        rest = total[codes] - w
        mean_without = mean[codes] - w * d / rest
        ssd_without = ssd[codes] - w * d * d * total[codes] / rest
        cv = np.sqrt(np.maximum(ssd_without, 0.0) / rest) / mean_without
    cv[(rest <= 0) | ~(mean_without > 0)] = np.nan
    # Where the unit held nearly all of the spread, the downdate cancels: recompute those
    # (rare) exactly from the rest of their group.
    fragile = np.flatnonzero(np.isfinite(cv) & (ssd_without <= 1e-6 * ssd[codes]))
    for i in fragile.tolist():
        rest_of = np.flatnonzero((codes == codes[i]) & (np.arange(x.shape[0]) != i))
        cv[i] = _exact_cv(x[rest_of], w[rest_of])
    out: FloatArray = cv
    return out


def _group_means(
    values: ArrayLike, weights: ArrayLike | None, groups: ArrayLike | None
) -> tuple[FloatArray, FloatArray, NDArray[np.intp], FloatArray, FloatArray]:
    """Checked values and weights (ones when none), group codes, totals and means."""
    x = as_values(values)
    given = as_weights(weights, x.shape[0])
    w = np.ones_like(x) if given is None else given
    codes = np.zeros(x.shape[0], dtype=np.intp) if groups is None else group_index(groups).codes
    n = int(codes.max()) + 1
    total: FloatArray = np.bincount(codes, weights=w, minlength=n).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean: FloatArray = np.bincount(codes, weights=w * x, minlength=n) / total
    return x, w, codes, total, mean


def _exact_cv(x: FloatArray, w: FloatArray) -> float:
    total = float(w.sum())
    mean = float(np.dot(w, x)) / total
    if not mean > 0:
        return float("nan")
    d = x - mean
    return float(np.sqrt(float(np.dot(w, d * d)) / total) / mean)


def variance_shares(
    values: ArrayLike, weights: ArrayLike | None = None, groups: ArrayLike | None = None
) -> FloatArray:
    """Each unit's share of its group's weighted sum of squared deviations (sums to 1).

    Examples
    --------
    >>> variance_shares([1.0, 3.0], [1, 1]).tolist()
    [0.5, 0.5]
    """
    x, w, codes, total, mean = _group_means(values, weights, groups)
    n = total.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        part = w * (x - mean[codes]) ** 2
        ssd = np.bincount(codes, weights=part, minlength=n)
        share: FloatArray = np.where(ssd[codes] > 0, part / ssd[codes], 0.0)
    return share

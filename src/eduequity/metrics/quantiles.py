"""Pupil percentiles: the value below which a given share of pupils lies."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from eduequity.errors import ConfigurationError
from eduequity.metrics._arrays import FloatArray, as_values, as_weights, power_of_two_scale

__all__ = ["QuantileMethod", "pupil_quantile"]

QuantileMethod = Literal["pupil", "interpolated"]

# Cumulative pupil shares are compared with τ up to this relative tolerance, so that a
# share that is exactly τ on paper (5 of 100 pupils) is not missed through rounding.
_SHARE_TOLERANCE = 1e-12


def pupil_quantile(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    q: float | ArrayLike,
    method: QuantileMethod = "pupil",
) -> FloatArray:
    """Pupil-weighted quantiles ``q(τ)``.

    Parameters
    ----------
    values, weights
        Value and pupils per unit.
    q
        One or more levels ``τ`` in ``[0, 1]``.
    method
        ``"pupil"`` (default): the smallest value whose cumulative pupil share is ``>= τ``,
        units sorted by value (the rule of 34 CFR 222.162 and the school-finance
        literature). ``"interpolated"``: linear interpolation between the mid-points of
        each unit's pupil mass (a weighted analogue of ``numpy.percentile``).

    Returns
    -------
    numpy.ndarray
        One value per level, shape of ``numpy.atleast_1d(q)``.

    Examples
    --------
    >>> pupil_quantile([10.0, 20.0, 30.0], [50, 30, 20], q=[0.5, 0.51, 0.95]).tolist()
    [10.0, 20.0, 30.0]
    """
    x = as_values(values)
    w = as_weights(weights, x.shape[0])
    taus = np.atleast_1d(np.asarray(q, dtype=np.float64))
    if taus.size == 0 or taus.min() < 0 or taus.max() > 1 or not np.isfinite(taus).all():
        raise ConfigurationError(f"q: quantile levels must lie in [0, 1], got {taus.tolist()}")
    ws = np.ones_like(x) if w is None else w
    keep = ws > 0
    x, ws = x[keep], ws[keep]
    order = np.argsort(x, kind="stable")
    with np.errstate(over="ignore"):
        xs, cw = x[order], np.cumsum(ws[order])
    if not np.isfinite(cw[-1]):  # weights near the float maximum: shares are what counts
        ws = ws * power_of_two_scale(float(ws.max()))
        cw = np.cumsum(ws[order])
    total = cw[-1]
    if method == "pupil":
        target = taus * total * (1.0 - _SHARE_TOLERANCE)
        idx = np.searchsorted(cw, target, side="left")
        out: FloatArray = xs[np.minimum(idx, xs.shape[0] - 1)]
        return out
    if method == "interpolated":
        mid = (cw - 0.5 * ws[order]) / total
        interp: FloatArray = np.interp(taus, mid, xs)
        return interp
    raise ConfigurationError(f"method: expected 'pupil' or 'interpolated', got {method!r}")

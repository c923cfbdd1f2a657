"""School-finance equity measures, pupil-weighted.

Pupil percentiles ``q(τ)`` are the smallest value whose cumulative pupil share is ``>= τ``
(units sorted by value); the median is ``M = q(0.5)`` by the same rule. See
:func:`~eduequity.metrics.quantiles.pupil_quantile` for the alternative conventions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from eduequity.errors import MetricInputError, UndefinedMetricError
from eduequity.metrics._arrays import (
    as_values,
    as_weights,
    positive_units,
    require_nonnegative,
    total_weight,
    weighted_average,
)
from eduequity.metrics.quantiles import QuantileMethod, pupil_quantile

__all__ = [
    "DisparityTest",
    "WealthNeutrality",
    "disparity_test",
    "federal_range_ratio",
    "mcloone",
    "restricted_range",
    "value_range",
    "verstegen",
    "wealth_neutrality",
]


def value_range(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Range ``max − min`` over the units that have pupils.

    Units with zero weight hold no pupils and are not part of the range.

    Examples
    --------
    >>> value_range([4.0, 9.0, 100.0], [10, 5, 0])
    5.0
    """
    x = as_values(values)
    w = as_weights(weights, x.shape[0])
    xp = positive_units(x, w)
    return float(xp.max() - xp.min())


def restricted_range(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    low: float = 0.05,
    high: float = 0.95,
    method: QuantileMethod = "pupil",
) -> float:
    """Restricted range ``q(high) − q(low)``, by default ``q(0.95) − q(0.05)``.

    Examples
    --------
    >>> restricted_range(list(range(1, 101)))  # q(0.95) = 95, q(0.05) = 5
    90.0
    """
    q_lo, q_hi = pupil_quantile(values, weights, q=[low, high], method=method)
    return float(q_hi - q_lo)


def federal_range_ratio(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    low: float = 0.05,
    high: float = 0.95,
    method: QuantileMethod = "pupil",
) -> float:
    """Federal range ratio ``(q(0.95) − q(0.05)) / q(0.05)``.

    Raises
    ------
    UndefinedMetricError
        When ``q(0.05)`` is 0.
    MetricInputError
        When a value is negative: the ratio to the low percentile is meaningless there.

    Examples
    --------
    >>> federal_range_ratio(list(range(1, 101)))  # (95 − 5) / 5
    18.0
    """
    x = as_values(values)
    require_nonnegative(x, "federal range ratio")
    q_lo, q_hi = pupil_quantile(x, weights, q=[low, high], method=method)
    if q_lo == 0:
        raise UndefinedMetricError(
            "federal range ratio: the low percentile is zero", reason="zero_denominator"
        )
    return float((q_hi - q_lo) / q_lo)


def mcloone(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    include_median: bool = False,
    method: QuantileMethod = "pupil",
) -> float:
    """The McLoone index: spending on pupils below the median over the median itself.

    Parameters
    ----------
    include_median
        ``False`` (default): units with ``x < M``. ``True``: units with ``x <= M`` (the
        inclusive convention of some peers).

    Notes
    -----
    .. math:: \\mathrm{McLoone} = \\frac{\\sum_{x_i < M} p_i x_i}{M \\sum_{x_i < M} p_i}

    When no unit lies below the median (all equal) the index is 1. It never exceeds 1.
    Values must be ``>= 0``; zeros are allowed, but a zero median makes the index
    undefined (:class:`UndefinedMetricError`, reason ``"zero_median"``).

    Examples
    --------
    >>> mcloone([2.0, 4.0, 4.0, 6.0])  # M = 4; below: 2 → 2 / 4
    0.5
    >>> mcloone([0.0, 2.0, 4.0, 4.0, 6.0])  # M = 4; below: 0, 2 → 1 / 4
    0.25
    """
    x, w, m = _with_median(values, weights, method, "mcloone")
    mask = (x <= m) if include_median else (x < m)
    return _side_ratio(x, w, m, mask)


def verstegen(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    include_median: bool = False,
    method: QuantileMethod = "pupil",
) -> float:
    """The Verstegen index: spending on pupils above the median over the median.

    Notes
    -----
    .. math:: \\mathrm{Verstegen} = \\frac{\\sum_{x_i > M} p_i x_i}{M \\sum_{x_i > M} p_i}

    It is 1 when no unit lies above the median, and never below 1. Values must be
    ``>= 0``; a zero median makes the index undefined (reason ``"zero_median"``).

    Examples
    --------
    >>> verstegen([2.0, 4.0, 4.0, 6.0])  # above M = 4: 6 → 6 / 4
    1.5
    """
    x, w, m = _with_median(values, weights, method, "verstegen")
    mask = (x >= m) if include_median else (x > m)
    return _side_ratio(x, w, m, mask)


@dataclass(frozen=True)
class WealthNeutrality:
    """How strongly spending follows wealth.

    Attributes
    ----------
    correlation
        Pupil-weighted Pearson correlation of spending and wealth.
    slope
        Weighted least-squares slope of spending on wealth.
    elasticity
        Weighted slope of ln spending on ln wealth (``None`` unless all values are > 0).
    """

    correlation: float
    slope: float
    elasticity: float | None


def wealth_neutrality(
    values: ArrayLike, wealth: ArrayLike, weights: ArrayLike | None = None
) -> WealthNeutrality:
    """Wealth-neutrality statistics of spending ``values`` against district ``wealth``.

    Notes
    -----
    With pupil weights: ``r = cov_w(x, y) / (s_x s_y)``, ``b = cov_w(x, y) / var_w(y)``
    (``x`` spending, ``y`` wealth), and the elasticity is ``b`` of ``ln x`` on ``ln y``.

    Examples
    --------
    >>> r = wealth_neutrality([2.0, 4.0, 8.0], [1.0, 2.0, 4.0])
    >>> round(r.correlation, 12), round(r.slope, 12), round(r.elasticity, 12)
    (1.0, 2.0, 1.0)
    """
    x = as_values(values)
    y = as_values(wealth, name="wealth")
    if y.shape != x.shape:
        raise MetricInputError(f"wealth: length {y.shape[0]} does not match values ({x.shape[0]})")
    w = as_weights(weights, x.shape[0])
    corr, slope = _weighted_regression(x, y, w)
    elasticity = None
    if x.min() > 0 and y.min() > 0:
        elasticity = _weighted_regression(np.log(x), np.log(y), w)[1]
    return WealthNeutrality(correlation=corr, slope=slope, elasticity=elasticity)


@dataclass(frozen=True)
class DisparityTest:
    """The disparity test of 34 CFR 222.162 (Impact Aid equalization).

    Attributes
    ----------
    disparity
        ``(q(0.95) − q(0.05)) / q(0.05)``, pupils as units.
    threshold
        The allowed disparity (0.25 in the regulation).
    passed
        ``disparity <= threshold``.
    q05, q95
        The pupil percentiles compared.
    """

    disparity: float
    threshold: float
    passed: bool
    q05: float
    q95: float


def disparity_test(
    values: ArrayLike, weights: ArrayLike | None = None, *, threshold: float = 0.25
) -> DisparityTest:
    """The 25 % disparity test: the 95th against the 5th pupil percentile of spending.

    Notes
    -----
    .. math:: D = \\frac{q(0.95) - q(0.05)}{q(0.05)},\\quad \\text{passed} \\iff D \\le 0.25

    Raises
    ------
    UndefinedMetricError
        When ``q(0.05)`` is 0.
    MetricInputError
        When a value is negative (spending cannot be; the ratio is meaningless there).

    Examples
    --------
    >>> t = disparity_test([100.0, 110.0, 120.0], [10, 80, 10])
    >>> t.disparity, t.passed
    (0.2, True)
    """
    x = as_values(values)
    require_nonnegative(x, "disparity test")
    q05, q95 = (float(v) for v in pupil_quantile(x, weights, q=[0.05, 0.95]))
    if q05 == 0:
        raise UndefinedMetricError(
            "disparity test: the 5th percentile is zero", reason="zero_denominator"
        )
    disparity = (q95 - q05) / q05
    return DisparityTest(disparity, threshold, disparity <= threshold, q05, q95)


def _with_median(
    values: ArrayLike, weights: ArrayLike | None, method: QuantileMethod, measure: str
) -> tuple[np.ndarray, np.ndarray | None, float]:
    """Values, weights and the pupil median ``M``; zeros are allowed, a zero median is not
    (the index divides by it)."""
    x = as_values(values)
    w = as_weights(weights, x.shape[0])
    require_nonnegative(x, measure)
    m = float(pupil_quantile(x, w, q=0.5, method=method)[0])
    if m == 0:
        raise UndefinedMetricError(
            f"{measure}: the pupil median is zero, and the index divides by it",
            reason="zero_median",
        )
    return x, w, m


def _side_ratio(x: np.ndarray, w: np.ndarray | None, m: float, mask: np.ndarray) -> float:
    """The pupil-weighted mean of ``x[mask]`` over ``m`` (1 when no pupil is in the mask).

    The mean is taken before dividing (scaled where its sums would leave float64), so
    values and weights near the float maximum give the index, not NaN."""
    side = x[mask]
    ws = None if w is None else w[mask]
    if side.size == 0 or (ws is not None and not ws.max() > 0):
        return 1.0
    return weighted_average(side, ws) / m


def _weighted_regression(x: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> tuple[float, float]:
    """Weighted correlation of x and y, and slope of x on y."""
    tw = total_weight(x.shape[0], w)
    f = np.full_like(x, 1.0 / tw) if w is None else w / tw
    dx = x - float(np.dot(f, x))
    dy = y - float(np.dot(f, y))
    cov = float(np.dot(f * dx, dy))
    vx = float(np.dot(f * dx, dx))
    vy = float(np.dot(f * dy, dy))
    if vy == 0:
        raise UndefinedMetricError("wealth neutrality: wealth does not vary", reason="no_variance")
    corr = cov / math.sqrt(vx * vy) if vx > 0 else 0.0
    return corr, cov / vy

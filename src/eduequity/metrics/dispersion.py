"""Mean, standard deviation and the coefficient of variation (差异系数), weighted by pupils.

The official 差异系数 weights both the mean and the standard deviation by enrollment and
divides by the total enrollment (population form). With ``R_i`` a school's resource total,
``P_i`` its pupils and ``X_i = R_i / P_i``::

    X̄  = Σ P_i X_i / Σ P_i = Σ R_i / Σ P_i
    S  = sqrt( Σ P_i (X_i − X̄)² / Σ P_i )
    CV = S / X̄

Weights are frequency weights (pupils as units): integer weights equal repetition.

The moments are one pass over the data about a pilot mean (see :func:`weighted_std`),
redone on values and weights scaled by powers of two when the plain sums would leave the
range of float64.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from eduequity.errors import MetricInputError, UndefinedMetricError
from eduequity.metrics._arrays import (
    HUGE,
    PILOT_FAR,
    TINY,
    FloatArray,
    as_values,
    as_weight_array,
    as_weights,
    peak,
    pilot_mean,
    power_of_two_scale,
    require_nonnegative_weights,
)

__all__ = [
    "coefficient_of_variation",
    "per_100_students",
    "per_student",
    "ratio_of_totals",
    "weighted_mean",
    "weighted_std",
]


def weighted_mean(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Pupil-weighted mean ``Σ w·x / Σ w``.

    Parameters
    ----------
    values
        One value per unit (school).
    weights
        Frequency weights (pupils); ``None`` weights every unit equally.

    Returns
    -------
    float

    Notes
    -----
    With ``x = R / P`` and ``w = P`` the weighted mean is the ratio of totals
    ``Σ R / Σ P``: the county value of a per-student indicator.

    Examples
    --------
    >>> weighted_mean([5.0, 2.5], [100, 300])
    3.125
    """
    m = _moments(values, weights, ddof=0)
    return m.mean / m.scale


def weighted_std(values: ArrayLike, weights: ArrayLike | None = None, *, ddof: float = 0) -> float:
    """Pupil-weighted standard deviation.

    Parameters
    ----------
    values, weights
        As in :func:`weighted_mean`.
    ddof
        Subtracted from the total weight in the divisor: 0 (default) gives the population
        form of the official 差异系数, 1 the sample form ``Σ w (x − x̄)² / (Σ w − 1)``.

    Returns
    -------
    float

    Notes
    -----
    ``S = sqrt( Σ w (x − x̄)² / (Σ w − ddof) )``, computed in one pass about a pilot
    mean ``c`` (the weighted mean of a sample of about 4 096 units): with ``d = x − c``,
    ``x̄ = c + Σ w d / Σ w`` and ``Σ w (x − x̄)² = Σ w d² − (Σ w d)² / Σ w``. A second pass
    about ``x̄`` follows only when the pilot lies more than eight standard deviations off,
    so large totals with a small spread keep their precision. Where ``Σ w d²`` would
    overflow or underflow, the pass is made on ``x`` and ``w`` scaled by powers of two
    (exactly) into ``[0.5, 1)``: values from about 1e-300 to the float maximum give the
    right ``S``.

    Examples
    --------
    >>> weighted_std([1.0, 3.0], [1, 1])
    1.0
    >>> weighted_std([1.0, 3.0], [1, 3])  # mean 2.5, variance (2.25 + 3 * 0.25) / 4
    0.8660254037844386
    """
    m = _moments(values, weights, ddof=ddof)
    return math.sqrt(m.var) / m.scale


def coefficient_of_variation(
    values: ArrayLike, weights: ArrayLike | None = None, *, ddof: float = 0
) -> float:
    """The coefficient of variation ``S / X̄``; by default exactly the official 差异系数.

    Parameters
    ----------
    values
        One value per school, e.g. area per student ``X_i = R_i / P_i``.
    weights
        Enrollment ``P_i`` of each school. The official form needs them; ``None`` gives the
        unweighted CV (a known bug when used for the standards, offered for research).
    ddof
        0 (default, official) for the population form; 1 for the sample form.

    Returns
    -------
    float
        The CV. A single unit gives 0.

    Raises
    ------
    UndefinedMetricError
        When the mean is zero (reason ``"zero_mean"``) or negative (``"negative_mean"``), or
        when ``Σ w <= ddof`` (``"too_few_units"``).
    MetricInputError
        For empty input, NaN or inf, negative weights or mismatched lengths.

    Notes
    -----
    .. math::

        \\bar X = \\frac{\\sum_i P_i X_i}{\\sum_i P_i},\\quad
        S = \\sqrt{\\frac{\\sum_i P_i (X_i - \\bar X)^2}{\\sum_i P_i - \\mathrm{ddof}}},\\quad
        CV = S / \\bar X

    The CV is invariant to the scale of ``values`` (and of ``weights``): per-student and
    per-100-students versions of an indicator have the same CV. This holds in float64 from
    1e-300 to 1e300 and beyond: where the squared deviations would overflow or underflow,
    the sums are formed on values and weights scaled by powers of two (see
    :func:`weighted_std`).

    References
    ----------
    教督〔2012〕3号, 附件: 差异系数; 教督〔2017〕6号, 资源配置.

    Examples
    --------
    The worked example of four primary schools (teaching area per student):

    >>> P = [120, 480, 300, 900]
    >>> R = [600, 2000, 1500, 4800]
    >>> round(coefficient_of_variation([r / p for r, p in zip(R, P)], P), 6)
    0.098595
    >>> round(coefficient_of_variation([r / p for r, p in zip(R, P)]), 6)  # unweighted
    0.088411
    """
    m = _moments(values, weights, ddof=ddof)
    mean = m.mean / m.scale
    if m.mean == 0:
        raise UndefinedMetricError(
            "coefficient of variation: the mean is zero, so the CV is undefined",
            reason="zero_mean",
        )
    if m.mean < 0:
        raise UndefinedMetricError(
            f"coefficient of variation: the mean is negative ({mean!r}); "
            "the CV is defined for non-negative quantities",
            reason="negative_mean",
        )
    return math.sqrt(m.var) / m.mean


def per_student(totals: ArrayLike, students: ArrayLike, *, scale: float = 1.0) -> FloatArray:
    """Per-student values ``scale · R_i / P_i`` for every unit.

    Parameters
    ----------
    totals
        Resource totals ``R_i`` (m², yuan, teachers, …).
    students
        Enrollment ``P_i``; every entry must be > 0 (a school without pupils in a level
        has no value there: leave it out and report it).
    scale
        100 for "per 100 students" indicators.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> per_student([900.0, 1500.0], [200, 300])
    array([4.5, 5. ])
    """
    r = np.asarray(totals, dtype=np.float64)
    p = np.asarray(students, dtype=np.float64)
    if r.shape != p.shape:
        raise MetricInputError(f"totals {r.shape} and students {p.shape} differ in shape")
    if p.size and not p.min() > 0:
        i = int(np.argmin(p))
        raise UndefinedMetricError(
            f"per-student value undefined: students at position {i} is {float(p[i])!r} "
            "(must be > 0)",
            reason="no_students",
        )
    out: FloatArray = r / p
    if scale != 1.0:
        out *= scale
    return out


def per_100_students(totals: ArrayLike, students: ArrayLike) -> FloatArray:
    """Per-100-students values ``100 · R_i / P_i`` (每百名学生拥有…).

    Examples
    --------
    >>> per_100_students([3.0, 9.0], [150, 300])
    array([2., 3.])
    """
    return per_student(totals, students, scale=100.0)


def ratio_of_totals(totals: ArrayLike, students: ArrayLike, *, scale: float = 1.0) -> float:
    """The county value of an indicator: ``scale · Σ R_i / Σ P_i``.

    It equals the enrollment-weighted mean of the per-student values.

    Examples
    --------
    >>> ratio_of_totals([600, 2000, 1500, 4800], [120, 480, 300, 900])
    4.944444444444445
    """
    r = np.asarray(totals, dtype=np.float64)
    p = np.asarray(students, dtype=np.float64)
    total_p = float(p.sum())
    if not total_p > 0:
        raise UndefinedMetricError("ratio of totals undefined: no students", reason="no_students")
    return scale * float(r.sum()) / total_p


class _Moments(NamedTuple):
    """The weighted moments of values scaled by a power of two ``scale`` (1 unless the
    plain sums would leave the range of float64): ``mean / scale`` is the mean and
    ``sqrt(var) / scale`` the standard deviation, ``sqrt(var) / mean`` the CV."""

    mean: float
    var: float
    total: float
    scale: float


def _moments(values: ArrayLike, weights: ArrayLike | None, *, ddof: float) -> _Moments:
    """Weighted mean and variance (divisor ``Σw − ddof``), scaled, and the total weight.

    One pass over the data: the sums of ``d = x − c`` and ``d²`` (weighted) about a pilot
    ``c``, the weighted mean of a sample of units; then ``mean = c + Σ w d / Σ w`` and
    ``var = (Σ w d² − (Σ w d)² / Σ w) / (Σ w − ddof)``, exact in exact arithmetic for any
    ``c``. Rounding costs about ``(mean − c)² / var`` times the machine epsilon: when the
    pilot lies more than eight standard deviations off (data built to fool the sample), a
    second pass about the mean just found follows.

    When ``Σ w d²`` overflows, or it or the mean ``Σ w d² / Σ w`` is so small (below
    ``TINY``) that its terms may have fallen below the normal range, the pass is redone
    on ``k·x`` and ``k_w·w``, with ``k`` and ``k_w`` the powers of two that bring
    ``max |x|`` and ``Σ w`` into ``[0.5, 1)``: exact scalings, so the CV is the same at
    every scale from 1e-300 to 1e300.
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise MetricInputError(f"values: expected a 1-d array, got shape {x.shape}")
    n = x.shape[0]
    if n == 0:
        raise MetricInputError("values: empty input; a measure needs at least one unit")
    # NaN, inf or a zero total among the weights shows in their sum: checked there
    w = None if weights is None else as_weight_array(weights, n)
    total = float(n)
    if w is not None:
        require_nonnegative_weights(w)
        with np.errstate(over="ignore"):
            total = float(w.sum())
            if not (math.isfinite(total) and total > 0):
                as_weights(w, n)  # raises, naming the position
                raise MetricInputError("weights: the total weight overflows float64")
    if total <= ddof:
        as_values(x)
        raise UndefinedMetricError(
            f"variance undefined: total weight {total!r} is not above ddof={ddof!r}",
            reason="too_few_units",
        )
    moments = _one_pass(x, w, total, ddof, 1.0, 1.0, first=True)
    if moments is None:
        as_values(x)  # NaN or inf (even at zero weight, since 0·inf is NaN): raise
        kx = power_of_two_scale(peak(x))
        kw = 1.0 if w is None else power_of_two_scale(total)
        moments = _one_pass(x, w, total, ddof, kx, kw, first=False)
        if moments is None:  # cannot happen for finite input: scaled, every term is <= 4
            raise MetricInputError("values: the weighted sums overflow float64")
    return moments


def _one_pass(
    x: FloatArray,
    w: FloatArray | None,
    total: float,
    ddof: float,
    kx: float,
    kw: float,
    *,
    first: bool,
) -> _Moments | None:
    """The moments of ``kx·x`` with weights ``kw·w`` (see :func:`_moments`), or ``None``
    when the sums are not finite, or (on the ``first`` pass) out of the range to trust."""
    scaled_total = total * kw
    centre = pilot_mean(x, w, kx)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for _ in range(2):
            s1, s2 = _centered_sums(x, w, centre, kx, kw)
            if not (math.isfinite(s1) and math.isfinite(s2)):
                return None
            shift = s1 / scaled_total
            var_sum = max(s2 - s1 * shift, 0.0)  # Σ w (x − mean)²
            if shift * shift * scaled_total <= PILOT_FAR * var_sum:
                break
            centre += shift  # the pilot was far off: once more about the mean
    if first and not (TINY <= s2 <= HUGE and s2 >= TINY * scaled_total):
        # terms may have underflowed (Σ w d² small, or the mean d² small while the
        # weights are large), or come near overflow: scale
        return None
    return _Moments(centre + shift, var_sum / (kw * (total - ddof)), total, kx)


# Units per block of the second pass: small enough for the block buffer to stay in cache,
# so that no 10⁶-element temporary is allocated (its page faults would cost more than the
# arithmetic).
_BLOCK = 8192


def _centered_sums(
    x: FloatArray, w: FloatArray | None, mean: float, kx: float = 1.0, kw: float = 1.0
) -> tuple[float, float]:
    """``Σ w (x − mean)`` and ``Σ w (x − mean)²``, block by block, with ``x`` and ``w``
    scaled by ``kx`` and ``kw`` (an exact power of two each) when these are not 1."""
    n = x.shape[0]
    scaled = kx != 1.0 or kw != 1.0
    buf = np.empty(min(n, _BLOCK))
    wbuf = np.empty(min(n, _BLOCK)) if scaled and w is not None else buf
    s1 = 0.0
    s2 = 0.0
    for lo in range(0, n, _BLOCK):
        hi = min(lo + _BLOCK, n)
        d = buf[: hi - lo]
        if scaled:
            np.multiply(x[lo:hi], kx, out=d)
            d -= mean
        else:
            np.subtract(x[lo:hi], mean, out=d)
        if w is None:
            s1 += float(d.sum())
            s2 += float(np.dot(d, d))
        else:
            wb = w[lo:hi]
            if scaled:
                wb = np.multiply(wb, kw, out=wbuf[: hi - lo])
            s1 += float(np.dot(wb, d))
            np.multiply(d, d, out=d)
            s2 += float(np.dot(wb, d))
    return s1, s2

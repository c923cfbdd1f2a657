"""Input checks shared by every measure: array-likes in, float64 arrays out."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eduequity.errors import MetricInputError, UndefinedMetricError

FloatArray = NDArray[np.float64]


def as_values(values: ArrayLike, *, name: str = "values") -> FloatArray:
    """Return ``values`` as a non-empty, finite, 1-d float64 array (no copy when possible)."""
    arr = _as_1d(values, name)
    if arr.size == 0:
        raise MetricInputError(f"{name}: empty input; a measure needs at least one unit")
    _require_finite(arr, name)
    return arr


def as_array(values: ArrayLike, *, name: str = "values") -> FloatArray:
    """``values`` as a non-empty 1-d float64 array, *not* yet checked for NaN or inf: for
    measures that learn finiteness from work they do anyway (a sort)."""
    arr = _as_1d(values, name)
    if arr.size == 0:
        raise MetricInputError(f"{name}: empty input; a measure needs at least one unit")
    return arr


def as_weights(weights: ArrayLike | None, n: int) -> FloatArray | None:
    """Return frequency weights as a float64 array, or ``None`` for equal weights.

    Weights must be finite, non-negative, of length ``n`` and sum to more than zero.
    """
    if weights is None:
        return None
    arr = _as_1d(weights, "weights")
    if arr.shape[0] != n:
        raise MetricInputError(f"weights: length {arr.shape[0]} does not match values ({n})")
    total = _require_finite(arr, "weights")
    require_nonnegative_weights(arr)
    if not total > 0:
        raise UndefinedMetricError("weights: the total weight is zero", reason="zero_weight")
    return arr


def as_weight_array(weights: ArrayLike, n: int) -> FloatArray:
    """Weights as a 1-d float64 array of length ``n``, *not* yet checked for NaN, inf,
    signs or a zero total: for measures that learn these from sums they form anyway (then
    :func:`as_weights` words the error)."""
    arr = _as_1d(weights, "weights")
    if arr.shape[0] != n:
        raise MetricInputError(f"weights: length {arr.shape[0]} does not match values ({n})")
    return arr


def require_nonnegative_weights(arr: FloatArray) -> None:
    """Raise unless every weight is >= 0 (NaN passes: the finiteness checks catch it)."""
    if arr.size and arr.min() < 0:
        i = int(np.argmin(arr))
        raise MetricInputError(f"weights: must be >= 0, got {float(arr[i])!r} at position {i}")


# How far (in variances: eight standard deviations) a pilot may lie from a mean before the
# sums about it are redone about the mean itself: rounding then costs at most about this
# many machine epsilons, as much as two passes cost.
PILOT_FAR = 64.0


def pilot_mean(x: FloatArray, w: FloatArray | None, scale: float = 1.0) -> float:
    """The (weighted) mean of about 4 096 units spread over the data (times ``scale``), a
    centre for one-pass sums of ``x − c`` and ``(x − c)²``; 0 if it is not finite (the sums
    then find what is wrong)."""
    step = max(1, x.shape[0] // 4096)
    xs = x[::step]
    if scale != 1.0:
        xs = xs * scale
    with np.errstate(invalid="ignore", over="ignore"):
        if w is None:
            c = float(xs.mean())
        else:
            ws = w[::step]
            total = float(ws.sum())
            c = float(np.dot(ws, xs)) / total if total > 0 else float(xs.mean())
    return c if np.isfinite(c) else 0.0


# Sums whose size lies in [TINY, HUGE] were formed without overflow, and none of their
# terms that matters (relatively above 2⁻¹⁰⁰) fell below the normal range of float64
# (2⁻¹⁰²²): computed as they are. Outside, the measures redo them in a scaled form.
TINY = 2.0**-700
HUGE = 2.0**900


def power_of_two_scale(peak: float) -> float:
    """The power of two ``k`` that brings ``peak`` into ``[0.5, 1)``, or 1 when ``peak`` is
    zero or not finite.

    Multiplying by a power of two is exact (short of the subnormal range), so a measure
    computed on ``k·x`` differs from one on ``x`` only where ``x`` would have overflowed
    or underflowed.
    """
    if not (peak > 0 and math.isfinite(peak)):
        return 1.0
    return math.ldexp(1.0, -math.frexp(peak)[1])


def in_band(peak: float, band: float) -> float:
    """1 when ``peak`` lies in ``[1 / band, band]`` (or is zero), otherwise
    :func:`power_of_two_scale` of it."""
    if peak == 0 or 1.0 / band <= peak <= band:
        return 1.0
    return power_of_two_scale(peak)


def peak(arr: FloatArray) -> float:
    """``max |x|`` (0 for an empty array)."""
    if arr.size == 0:
        return 0.0
    return max(float(arr.max()), -float(arr.min()))


def weighted_average(values: FloatArray, weights: FloatArray | None) -> float:
    """``Σ w·v / Σ w`` (the plain mean without weights), for any finite input.

    Computed as it is when both sums lie in ``[TINY, HUGE]``; otherwise the values and the
    weights are first scaled by powers of two (exactly) into ``[0.5, 1)``: the average lies
    between the smallest and the largest value, so it is representable even where
    ``Σ w·v`` or ``Σ w`` is not.
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        total = total_weight(values.shape[0], weights)
        s = weighted_sum(values, weights)
        if TINY <= abs(s) <= HUGE and TINY <= total <= HUGE:
            return s / total
        kv = power_of_two_scale(peak(values))
        v = values * kv
        if weights is None:
            return float(v.mean()) / kv
        wk = weights * power_of_two_scale(float(weights.max()))
        return float(np.dot(wk, v)) / float(wk.sum()) / kv


def require_nonnegative(arr: FloatArray, measure: str) -> None:
    """Raise unless every value is >= 0."""
    if arr.min() < 0:
        i = int(np.argmin(arr))
        raise MetricInputError(
            f"{measure}: values must be >= 0, got {float(arr[i])!r} at position {i}"
        )


def require_positive(arr: FloatArray, measure: str, why: str) -> None:
    """Raise unless every value is > 0; ``why`` says what makes zeros undefined."""
    if arr.min() <= 0:
        i = int(np.argmin(arr))
        if arr[i] < 0:
            raise MetricInputError(
                f"{measure}: values must be > 0, got {float(arr[i])!r} at position {i}"
            )
        raise UndefinedMetricError(
            f"{measure}: undefined with a zero value (position {i}): {why}",
            reason="zero_value",
        )


def weighted_sum(values: FloatArray, weights: FloatArray | None) -> float:
    """Σ w·x (Σ x without weights) through BLAS."""
    if weights is None:
        return float(values.sum())
    return float(np.dot(weights, values))


def total_weight(n: int, weights: FloatArray | None) -> float:
    """Σ w, or n without weights."""
    return float(n) if weights is None else float(weights.sum())


def positive_units(values: FloatArray, weights: FloatArray | None) -> FloatArray:
    """Values of the units that carry weight (all units when unweighted)."""
    return values if weights is None else values[weights > 0]


def _as_1d(obj: Any, name: str) -> FloatArray:
    try:
        arr = np.asarray(obj, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise MetricInputError(f"{name}: cannot be read as numbers ({exc})") from exc
    if arr.ndim != 1:
        raise MetricInputError(f"{name}: expected a 1-d array, got shape {arr.shape}")
    return arr


def _require_finite(arr: FloatArray, name: str) -> float:
    """Raise on NaN or inf; return the sum (one reduction is cheaper than a mask)."""
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(arr.sum())
    if np.isfinite(total):
        return total
    bad = ~np.isfinite(arr)
    if not bad.any():
        return total  # finite values whose sum overflows: legal input
    i = int(np.flatnonzero(bad)[0])
    raise MetricInputError(
        f"{name}: NaN or inf is not accepted, got {float(arr[i])!r} at position {i} "
        f"({int(bad.sum())} non-finite in all)"
    )

"""Threshold checks as pure vectorised functions: per-unit verdicts and shortfalls.

The rules engine calls these; they know nothing of indicators or documents. Missing values
(NaN) are never silently passed: they fail and are flagged in ``missing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eduequity.errors import ConfigurationError, MetricInputError
from eduequity.metrics._arrays import FloatArray

__all__ = [
    "Comparison",
    "KOfNCheck",
    "ThresholdCheck",
    "at_least",
    "at_most",
    "check_threshold",
    "floor_value",
    "k_of_n",
    "k_of_n_passed",
    "k_of_n_passed_columns",
]

Comparison = Literal["at_least", "at_most"]
T = TypeVar("T", float, NDArray[np.float64])


def floor_value(threshold: T, floor: float, comparison: Comparison) -> T:
    """The value an unmet item must still reach under a k-of-n rule's ``floor``.

    ``threshold · floor`` for an at-least item (the value must be at least that), and
    ``threshold / floor`` for an at-most one (at most that): in both, the attainment
    (``value / threshold`` or ``threshold / value``) equals ``floor`` there.

    Parameters
    ----------
    threshold
        The item's threshold: a float or an array of them.
    floor
        The fraction of the threshold (2017: 0.85).
    comparison
        ``"at_least"`` or ``"at_most"``.

    Examples
    --------
    >>> floor_value(4.5, 0.85, "at_least"), round(floor_value(45.0, 0.9, "at_most"), 6)
    (3.825, 50.0)
    """
    return threshold * floor if comparison == "at_least" else threshold / floor
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class ThresholdCheck:
    """Per-unit result of comparing values with a threshold.

    Attributes
    ----------
    passed
        The comparison holds (never for a missing value).
    shortfall
        How far a failing value is from the threshold, in the value's unit (0 when passed,
        NaN when missing): ``threshold − value`` for at-least, ``value − threshold`` for
        at-most.
    attainment
        ``value / threshold`` for at-least, ``threshold / value`` for at-most: 1 or more
        when the threshold is met.
    missing
        The value was NaN.
    """

    passed: BoolArray
    shortfall: FloatArray
    attainment: FloatArray
    missing: BoolArray


def check_threshold(
    values: ArrayLike,
    threshold: ArrayLike,
    *,
    comparison: Comparison,
    inclusive: bool = True,
) -> ThresholdCheck:
    """Compare every value with its threshold (a scalar or one per unit).

    Parameters
    ----------
    values
        Values per unit; NaN marks a missing value.
    threshold
        Broadcastable to ``values``.
    comparison
        ``"at_least"`` (value ≥ threshold) or ``"at_most"`` (value ≤ threshold).
    inclusive
        ``True`` (default): equality passes ("达到…以上", "小于或等于").

    Examples
    --------
    >>> c = check_threshold([900 / 200, 4.4, float("nan")], 4.5, comparison="at_least")
    >>> c.passed.tolist(), [round(s, 6) for s in c.shortfall.tolist()[:2]], c.missing.tolist()
    ([True, False, False], [0.0, 0.1], [False, False, True])
    """
    x = np.asarray(values, dtype=np.float64)
    t = np.asarray(threshold, dtype=np.float64)
    try:
        x, t = np.broadcast_arrays(x, t)
    except ValueError as exc:
        raise MetricInputError(f"threshold: shape {t.shape} does not fit {x.shape}") from exc
    missing = np.isnan(x)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if comparison == "at_least":
            passed = (x >= t) if inclusive else (x > t)
            gap = t - x
            attainment = np.where(t != 0, x / t, np.where(x >= 0, np.inf, 0.0))
        elif comparison == "at_most":
            passed = (x <= t) if inclusive else (x < t)
            gap = x - t
            attainment = np.where(x != 0, t / x, np.inf)
        else:
            raise ConfigurationError(
                f"comparison: expected 'at_least' or 'at_most', got {comparison!r}"
            )
    passed = passed & ~missing
    shortfall = np.where(passed, 0.0, np.maximum(gap, 0.0))
    shortfall[missing] = np.nan
    attainment = np.where(missing, np.nan, attainment)
    return ThresholdCheck(passed, shortfall, attainment, missing)


def at_least(values: ArrayLike, threshold: ArrayLike, *, inclusive: bool = True) -> ThresholdCheck:
    """``value ≥ threshold`` per unit; see :func:`check_threshold`.

    Examples
    --------
    >>> at_least([4.5, 4.49], 4.5).passed.tolist()
    [True, False]
    """
    return check_threshold(values, threshold, comparison="at_least", inclusive=inclusive)


def at_most(values: ArrayLike, threshold: ArrayLike, *, inclusive: bool = True) -> ThresholdCheck:
    """``value ≤ threshold`` per unit; see :func:`check_threshold`.

    Examples
    --------
    >>> at_most([0.50, 0.5000001], 0.50).passed.tolist()
    [True, False]
    """
    return check_threshold(values, threshold, comparison="at_most", inclusive=inclusive)


@dataclass(frozen=True)
class KOfNCheck:
    """Per-unit result of a "k of n met, the rest at least a fraction" rule.

    Attributes
    ----------
    met
        ``(units, n)``: each indicator's own comparison.
    n_met
        Indicators met per unit.
    floor_met
        Every unmet indicator reaches the floor, its :func:`floor_value` (at least
        ``floor × threshold``, at most ``threshold ÷ floor``); True without floor.
    passed
        ``n_met >= min_met`` and ``floor_met``.
    shortfall
        ``(units, n)``: distance to each threshold (0 where met, NaN where missing).
    shortfall_to_floor
        ``(units, n)``: distance to the floor value (0 where reached; NaN where missing).
    attainment
        ``(units, n)``: see :class:`ThresholdCheck`.
    missing
        ``(units, n)``: NaN values (counted as not met and below the floor).
    """

    met: BoolArray
    n_met: NDArray[np.int64]
    floor_met: BoolArray
    passed: BoolArray
    shortfall: FloatArray
    shortfall_to_floor: FloatArray
    attainment: FloatArray
    missing: BoolArray


def k_of_n(
    values: ArrayLike,
    thresholds: ArrayLike,
    *,
    min_met: int,
    comparisons: Comparison | Sequence[Comparison] = "at_least",
    floor: float | None = None,
    inclusive: bool = True,
    inapplicable_met: bool = False,
) -> KOfNCheck:
    """At least ``min_met`` of ``n`` indicators met, and the others at least ``floor``.

    Parameters
    ----------
    values
        ``(units, n)`` matrix of indicator values.
    thresholds
        ``(n,)`` or ``(units, n)``.
    min_met
        ``k``: 2017's 6 of 7; "at most 2 of 11 may fail" is ``min_met=9`` of 11.
    comparisons
        One comparison for all indicators, or one per indicator.
    floor
        Fraction of the threshold an unmet indicator must still reach (0.85 in 2017, 0.6 in
        some provinces); ``None`` for no floor. An unmet indicator reaches the floor when its
        value reaches :func:`floor_value`: at least ``floor × threshold``, or for an at-most
        indicator at most ``threshold ÷ floor`` (the attainment ``threshold / value`` at
        least ``floor``, in exact arithmetic). The value is compared with the floor value
        itself, so a value equal to it reaches the floor, and ``shortfall_to_floor`` is
        above 0 exactly where the floor is not reached.
    inapplicable_met
        ``True``: an indicator whose threshold is NaN does not apply to that unit; it counts
        as met whatever the value (shortfalls 0, not missing, attainment NaN). ``False``
        (default): a NaN threshold is never met.

    Examples
    --------
    Two schools, three indicators, 2 of 3 with an 85 % floor:

    >>> r = k_of_n([[4.5, 1.0, 0.80], [4.5, 1.0, 0.70]], [4.5, 1.0, 0.9],
    ...            min_met=2, floor=0.85)
    >>> r.passed.tolist(), r.n_met.tolist(), r.floor_met.tolist()
    ([True, False], [2, 2], [True, False])
    """
    x, t, comps = _k_of_n_inputs(values, thresholds, min_met, comparisons, floor)
    n = x.shape[1]
    checks = [
        check_threshold(x[:, j], t[:, j], comparison=comps[j], inclusive=inclusive)
        for j in range(n)
    ]
    met = np.column_stack([c.passed for c in checks])
    shortfall = np.column_stack([c.shortfall for c in checks])
    attainment = np.column_stack([c.attainment for c in checks])
    missing = np.column_stack([c.missing for c in checks])
    if inapplicable_met:
        applies = ~np.isnan(t)
        met |= ~applies
        missing &= applies
        shortfall = np.where(applies, shortfall, 0.0)
        attainment = np.where(applies, attainment, np.nan)
    n_met = met.sum(axis=1).astype(np.int64)
    if floor is None:
        floor_ok: BoolArray = np.ones(x.shape[0], dtype=bool)
        to_floor = np.where(missing, np.nan, 0.0)
    else:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            reached = [_reaches(x[:, j], t[:, j], comps[j], floor) for j in range(n)]
        at_floor = met | np.column_stack(reached)
        at_floor &= ~missing
        floor_ok = np.all(at_floor, axis=1)
        floors = np.column_stack([floor_value(t[:, j], floor, comps[j]) for j in range(n)])
        signs = np.array([1.0 if c == "at_least" else -1.0 for c in comps])
        to_floor = np.where(at_floor, 0.0, np.maximum((floors - x) * signs, 0.0))
        to_floor[missing] = np.nan
    passed = (n_met >= min_met) & floor_ok
    return KOfNCheck(met, n_met, floor_ok, passed, shortfall, to_floor, attainment, missing)


def k_of_n_passed(
    values: ArrayLike,
    thresholds: ArrayLike,
    *,
    min_met: int,
    comparisons: Comparison | Sequence[Comparison] = "at_least",
    floor: float | None = None,
    inclusive: bool = True,
    inapplicable_met: bool = False,
) -> BoolArray:
    """``k_of_n(...).passed`` alone, without the shortfalls: the verdict of every unit, one
    indicator (column) at a time, with no ``(units, n)`` temporaries (for nations of schools).

    ``inapplicable_met=True`` counts an indicator whose threshold is NaN (it does not apply
    to that unit) as met and at its floor, whatever the value; otherwise a NaN threshold is
    never met, as in :func:`k_of_n`.

    Examples
    --------
    >>> k_of_n_passed([[4.5, 1.0, 0.80], [4.5, 1.0, 0.70]], [4.5, 1.0, 0.9],
    ...               min_met=2, floor=0.85).tolist()
    [True, False]
    >>> k_of_n_passed([[4.5, 0.1]], [[4.5, float("nan")]], min_met=2,
    ...               inapplicable_met=True).tolist()
    [True]
    """
    x, t, comps = _k_of_n_inputs(values, thresholds, min_met, comparisons, floor)
    return k_of_n_passed_columns(
        [x[:, j] for j in range(x.shape[1])],
        [t[:, j] for j in range(x.shape[1])],
        min_met=min_met,
        comparisons=comps,
        floor=floor,
        inclusive=inclusive,
        inapplicable_met=inapplicable_met,
    )


def k_of_n_passed_columns(
    values: Sequence[ArrayLike],
    thresholds: Sequence[ArrayLike],
    *,
    min_met: int,
    comparisons: Comparison | Sequence[Comparison] = "at_least",
    floor: float | None = None,
    inclusive: bool = True,
    inapplicable_met: bool = False,
) -> BoolArray:
    """:func:`k_of_n_passed` from one array per indicator instead of a matrix (no matrix is
    built: the rules engine holds each indicator's values as an array of its own).

    ``values[j]`` and ``thresholds[j]`` (an array, or a scalar for every unit) belong to
    indicator ``j``.

    Examples
    --------
    >>> k_of_n_passed_columns([[4.5, 4.5], [1.0, 1.0], [0.80, 0.70]], [4.5, 1.0, 0.9],
    ...                       min_met=2, floor=0.85).tolist()
    [True, False]
    """
    n = len(values)
    if len(thresholds) != n:
        raise MetricInputError(f"thresholds: {len(thresholds)} for {n} indicators")
    if n == 0:
        raise MetricInputError("values: at least one indicator is needed")
    xs = [np.asarray(v, dtype=np.float64) for v in values]
    units = xs[0].shape
    if len(units) != 1 or any(x.shape != units for x in xs):
        shapes = [x.shape for x in xs]
        raise MetricInputError(f"values: expected 1-d arrays of one length, got shapes {shapes}")
    comps = _k_of_n_options(n, min_met, comparisons, floor)
    ts = [np.broadcast_to(np.asarray(t, dtype=np.float64), units) for t in thresholds]
    n_met = np.zeros(units, dtype=np.int16 if n < 2**15 else np.int64)
    floor_ok: BoolArray = np.ones(units, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for xj, tj, comp in zip(xs, ts, comps, strict=True):
            met = _met(xj, tj, comp, inclusive)
            if inapplicable_met:
                met |= np.isnan(tj)
            n_met += met
            if floor is not None:
                met |= _reaches(xj, tj, comp, floor)
                floor_ok &= met
    passed: BoolArray = n_met >= min_met
    if floor is not None:
        passed &= floor_ok
    return passed


def _met(x: FloatArray, t: FloatArray, comp: Comparison, inclusive: bool) -> BoolArray:
    """The comparison itself (NaN on either side: not met)."""
    if comp == "at_least":
        return np.greater_equal(x, t) if inclusive else np.greater(x, t)
    return np.less_equal(x, t) if inclusive else np.less(x, t)


def _reaches(x: FloatArray, t: FloatArray, comp: Comparison, floor: float) -> BoolArray:
    """The value reaches its :func:`floor_value` (at least ``t · floor``, or at most
    ``t / floor``): compared with the floor value itself, not through the attainment, whose
    division can round a value at the floor value to just below the floor
    (``30 / (1000 / 30)`` is ``0.8999999999999999``). A zero value reaches an at-most
    floor (its attainment is infinite) whatever the threshold."""
    if comp == "at_least":
        ok: BoolArray = np.greater_equal(x, floor_value(t, floor, comp))
        return ok
    ok = np.less_equal(x, floor_value(t, floor, comp))
    zero = x == 0
    if zero.any():
        ok |= zero
    return ok


def _k_of_n_inputs(
    values: ArrayLike,
    thresholds: ArrayLike,
    min_met: int,
    comparisons: Comparison | Sequence[Comparison],
    floor: float | None,
) -> tuple[FloatArray, FloatArray, list[Comparison]]:
    """Check and shape the inputs of :func:`k_of_n` and :func:`k_of_n_passed`."""
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2:
        raise MetricInputError(f"values: expected a (units, n) matrix, got shape {x.shape}")
    comps = _k_of_n_options(x.shape[1], min_met, comparisons, floor)
    t = np.broadcast_to(np.asarray(thresholds, dtype=np.float64), x.shape)
    return x, t, comps


def _k_of_n_options(
    n: int, min_met: int, comparisons: Comparison | Sequence[Comparison], floor: float | None
) -> list[Comparison]:
    """Check the options of a k-of-n rule over ``n`` indicators; one comparison each."""
    if not 0 <= min_met <= n:
        raise ConfigurationError(f"min_met: must lie in [0, {n}], got {min_met}")
    if floor is not None and not 0 < floor <= 1:
        raise ConfigurationError(f"floor: must lie in (0, 1], got {floor}")
    comps = [comparisons] * n if isinstance(comparisons, str) else list(comparisons)
    if len(comps) != n or any(c not in ("at_least", "at_most") for c in comps):
        raise ConfigurationError(
            f"comparisons: expected {n} of 'at_least' / 'at_most', got {comps}"
        )
    return comps

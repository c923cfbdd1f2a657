"""Grouped forms: every group's weighted mean, SD, CV (and GE) in one vectorised pass.

Groups are given as key arrays (county code, year, level …): one array-like of keys, or a
*tuple* of array-likes for a compound key. Non-negative integer codes take a fast path
(``numpy.bincount`` directly); other keys are factorised once with ``numpy.unique``.
There is no Python loop over groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eduequity.errors import ConfigurationError, MetricInputError
from eduequity.metrics._arrays import (
    HUGE,
    PILOT_FAR,
    TINY,
    FloatArray,
    as_array,
    as_values,
    as_weight_array,
    as_weights,
    pilot_mean,
    require_nonnegative_weights,
)

__all__ = [
    "GroupIndex",
    "GroupedStatistic",
    "group_index",
    "grouped_cv",
    "grouped_generalized_entropy",
    "grouped_mean",
    "grouped_std",
]

IntArray = NDArray[np.intp]


@dataclass(frozen=True)
class GroupIndex:
    """A factorised grouping: ``codes[i]`` is the group of unit ``i``.

    Attributes
    ----------
    codes
        Group number of each unit, in ``range(n_groups)``.
    keys
        The key values of each group, one array per key column, sorted.
    counts
        Units per group.
    """

    codes: IntArray
    keys: tuple[NDArray[Any], ...]
    counts: NDArray[np.int64]
    _runs: _RunCache = field(
        default_factory=lambda: _RunCache(), init=False, repr=False, compare=False
    )

    @property
    def n_groups(self) -> int:
        """Number of (non-empty) groups."""
        return int(self.keys[0].shape[0])

    @property
    def run_starts(self) -> IntArray | None:
        """Where each run of units of one group starts, when runs are long (units sorted
        or clustered by group); ``None`` otherwise. Worked out once."""
        return self._runs.get(self.codes)


class _RunCache:
    """The run starts of a :class:`GroupIndex`, worked out on first use (or given by
    :func:`group_index`, which finds them while counting): the index itself stays frozen."""

    __slots__ = ("_known", "_starts")

    def __init__(self) -> None:
        self._known = False
        self._starts: IntArray | None = None

    def get(self, codes: IntArray) -> IntArray | None:
        if not self._known:
            self.put(_run_starts(codes))
        return self._starts

    def put(self, starts: IntArray | None) -> None:
        self._starts, self._known = starts, True


@dataclass(frozen=True)
class GroupedStatistic:
    """A statistic per group; undefined groups hold NaN and a reason code.

    Attributes
    ----------
    keys
        Key values per group (one array per key column).
    value
        The statistic, NaN where undefined.
    reason
        ``""`` where defined, otherwise a code such as ``"zero_mean"``.
    mean
        The weighted mean of each group.
    n_units
        Units per group.
    total_weight
        Sum of weights (pupils) per group.
    """

    keys: tuple[NDArray[Any], ...]
    value: FloatArray
    reason: NDArray[np.str_]
    mean: FloatArray
    n_units: NDArray[np.int64]
    total_weight: FloatArray

    def as_records(self, names: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
        """One JSON-ready dict per group (``value`` is ``None`` where undefined)."""
        names = names or tuple(f"key{i}" for i in range(len(self.keys)))
        out: list[dict[str, Any]] = []
        for g in range(self.value.shape[0]):
            rec: dict[str, Any] = {n: _py(k[g]) for n, k in zip(names, self.keys, strict=True)}
            v = float(self.value[g])
            rec.update(
                value=None if np.isnan(v) else v,
                reason=str(self.reason[g]) or None,
                mean=float(self.mean[g]),
                n_units=int(self.n_units[g]),
                total_weight=float(self.total_weight[g]),
            )
            out.append(rec)
        return out


def group_index(groups: ArrayLike | tuple[ArrayLike, ...], n: int | None = None) -> GroupIndex:
    """Factorise group keys into codes.

    Parameters
    ----------
    groups
        One array-like of keys, or a tuple of them for a compound key.
    n
        Expected number of units (checked when given).

    Examples
    --------
    >>> gi = group_index((["b", "a", "b"], [2025, 2025, 2025]))
    >>> gi.codes.tolist(), gi.keys[0].tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    columns = groups if isinstance(groups, tuple) else (groups,)
    if not columns:
        raise ConfigurationError("groups: at least one key array is needed")
    arrays = [np.asarray(c) for c in columns]
    for a in arrays:
        if a.ndim != 1:
            raise MetricInputError(f"groups: expected 1-d key arrays, got shape {a.shape}")
        if n is not None and a.shape[0] != n:
            raise MetricInputError(f"groups: length {a.shape[0]} does not match values ({n})")
    if len(arrays) == 1:
        a = arrays[0]
        if a.dtype.kind in "iu" and a.size and a.min() >= 0 and a.max() < 4 * a.size + 1024:
            counts = np.zeros(int(a.max()) + 1, dtype=np.int64)
            starts = _run_starts(a)
            if starts is None:
                np.add.at(counts, a, 1)  # faster than bincount, which re-scans for the bounds
            else:  # long runs of one group: count the runs' lengths
                np.add.at(counts, a[starts], np.diff(starts, append=a.shape[0]))
            present = counts > 0
            (labels,) = np.nonzero(present)
            if present.all():
                gi = GroupIndex(a.astype(np.intp, copy=False), (labels.astype(a.dtype),), counts)
            else:
                remap = np.cumsum(present) - 1
                gi = GroupIndex(
                    remap[a].astype(np.intp), (labels.astype(a.dtype),), counts[present]
                )
            gi._runs.put(starts)  # the same runs: known already
            return gi
        uniq, inverse = np.unique(a, return_inverse=True)
        codes = inverse.astype(np.intp).reshape(-1)
        return GroupIndex(codes, (uniq,), np.bincount(codes).astype(np.int64))
    factors = [np.unique(a, return_inverse=True) for a in arrays]
    dims = tuple(int(u.shape[0]) for u, _ in factors)
    flat = np.ravel_multi_index(tuple(inv.reshape(-1) for _, inv in factors), dims)
    combos, codes = np.unique(flat, return_inverse=True)
    parts = np.unravel_index(combos, dims)
    keys = tuple(u[p] for (u, _), p in zip(factors, parts, strict=True))
    codes = codes.astype(np.intp).reshape(-1)
    return GroupIndex(codes, keys, np.bincount(codes).astype(np.int64))


def grouped_mean(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
) -> GroupedStatistic:
    """Every group's weighted mean ``Σ w x / Σ w`` in one pass.

    Examples
    --------
    >>> r = grouped_mean([1.0, 3.0, 10.0], [0, 0, 1], [1, 3, 5])
    >>> r.value.tolist()
    [2.5, 10.0]
    """
    x, w, gi = _prepare(values, groups, weights)
    mean, _, _, count, tw = _grouped_moments(x, w, gi, ddof=0.0)
    reason = np.where(tw > 0, "", "zero_weight")
    return GroupedStatistic(gi.keys, np.where(tw > 0, mean, np.nan), reason, mean, count, tw)


def grouped_std(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    ddof: float = 0,
) -> GroupedStatistic:
    """Every group's weighted standard deviation (see :func:`weighted_std`).

    Examples
    --------
    >>> grouped_std([1.0, 3.0, 5.0, 5.0], ["a", "a", "b", "b"]).value.tolist()
    [1.0, 0.0]
    """
    x, w, gi = _prepare(values, groups, weights)
    mean, var, scale, count, tw = _grouped_moments(x, w, gi, ddof=float(ddof))
    ok = tw > ddof
    reason = np.where(ok, "", "too_few_units")
    value = np.where(ok, np.sqrt(np.where(ok, var, 0.0)) / scale, np.nan)
    return GroupedStatistic(gi.keys, value, reason, mean, count, tw)


def grouped_cv(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    ddof: float = 0,
) -> GroupedStatistic:
    """Every group's coefficient of variation (the official 差异系数 by default).

    Each group's value equals :func:`coefficient_of_variation` on that group's units.
    Undefined groups get NaN and a reason: ``"zero_mean"``, ``"negative_mean"``,
    ``"too_few_units"``.

    Examples
    --------
    >>> r = grouped_cv([5.0, 25/6, 5.0, 16/3, 2.0, 2.0], [1, 1, 1, 1, 2, 2],
    ...                [120, 480, 300, 900, 10, 20])
    >>> [round(v, 6) for v in r.value.tolist()], r.keys[0].tolist()
    ([0.098595, 0.0], [1, 2])
    """
    x, w, gi = _prepare(values, groups, weights)
    mean, var, scale, count, tw = _grouped_moments(x, w, gi, ddof=float(ddof))
    reason = np.full(mean.shape, "", dtype="<U13")
    reason[mean < 0] = "negative_mean"
    reason[mean == 0] = "zero_mean"
    reason[tw <= ddof] = "too_few_units"
    ok = reason == ""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(ok, np.sqrt(np.maximum(var, 0.0)) / (mean * scale), np.nan)
    return GroupedStatistic(gi.keys, value, reason, mean, count, tw)


def grouped_generalized_entropy(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    alpha: float = 1.0,
) -> GroupedStatistic:
    """Every group's GE(α) (see :func:`generalized_entropy`) in one pass.

    Examples
    --------
    >>> r = grouped_generalized_entropy([1.0, 3.0, 2.0, 2.0], [0, 0, 1, 1], alpha=2)
    >>> r.value.tolist()
    [0.125, 0.0]
    """
    x, w, gi = _prepare(values, groups, weights)
    alpha = float(alpha)
    lowest = float(x.min())
    if alpha <= 0 and lowest <= 0:
        raise MetricInputError(f"generalized entropy (alpha={alpha}): values must be > 0")
    if lowest < 0:
        raise MetricInputError(f"generalized entropy (alpha={alpha}): values must be >= 0")
    mean, _, _, count, tw = _grouped_moments(x, w, gi, ddof=0.0)
    ok = mean > 0
    safe_mean = np.where(ok, mean, 1.0)
    s = x / safe_mean[gi.codes]
    if alpha == 0:
        terms = -np.log(s)
    elif alpha == 1:
        terms = np.zeros_like(s)
        pos = s > 0
        terms[pos] = s[pos] * np.log(s[pos])
    else:
        terms = (np.power(s, alpha) - 1.0) / (alpha * (alpha - 1.0))
    sums = np.bincount(gi.codes, weights=terms if w is None else w * terms, minlength=gi.n_groups)
    value = np.where(ok, np.maximum(sums / np.where(tw > 0, tw, 1.0), 0.0), np.nan)
    reason = np.where(ok, "", "zero_mean")
    return GroupedStatistic(gi.keys, value, reason, mean, count, tw)


def _prepare(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None,
) -> tuple[FloatArray, FloatArray | None, GroupIndex]:
    # NaN, inf and a zero total weight show in the group sums: checked there (one pass less)
    x = as_array(values)
    w = None if weights is None else as_weight_array(weights, x.shape[0])
    if w is not None:
        require_nonnegative_weights(w)
    gi = groups if isinstance(groups, GroupIndex) else group_index(groups, x.shape[0])
    if gi.codes.shape[0] != x.shape[0]:
        raise MetricInputError(
            f"groups: length {gi.codes.shape[0]} does not match values ({x.shape[0]})"
        )
    return x, w, gi


# Units per block: the block buffers stay in cache and no 10⁶-element temporary is made.
_BLOCK = 1 << 16


class _GroupMoments(NamedTuple):
    """Per group: the mean, the variance of the values scaled by ``scale`` (a power of two,
    1 unless the plain sums would leave the range of float64), unit count, total weight.
    The standard deviation is ``sqrt(var) / scale``, the CV ``sqrt(var) / (mean · scale)``."""

    mean: FloatArray
    var: FloatArray
    scale: FloatArray
    n_units: NDArray[np.int64]
    total_weight: FloatArray


def _grouped_moments(
    x: FloatArray, w: FloatArray | None, gi: GroupIndex, *, ddof: float
) -> _GroupMoments:
    """Per group: mean, scaled variance (divisor Σw − ddof), unit count and total weight.

    One pass, as for :func:`coefficient_of_variation`: the sums of ``d = x − c`` and ``d²``
    (weighted) about a pilot ``c``, the weighted mean of a sample of units, give each
    group's mean ``c + Σ w d / Σ w`` and ``Σ w (x − mean)² = Σ w d² − (Σ w d)² / Σ w``,
    exact in exact arithmetic. Rounding costs about ``(mean − c)² / var`` times the machine
    epsilon: the groups whose mean lies more than eight standard deviations from the pilot
    (and groups without spread) get the classical two passes over their own units. Groups
    whose sums overflow, or whose values or weights are so small that their squares may
    underflow, get those two passes on their values and weights scaled by powers of two
    (exactly) into ``[0.5, 1)``.
    """
    acc = _Accumulator(gi)
    c = pilot_mean(x, w)
    s1, s2 = np.zeros(gi.n_groups), np.zeros(gi.n_groups)

    def deviations(lo: int, hi: int, out: list[FloatArray]) -> None:
        """``w d²`` and ``w d`` of units ``lo:hi``."""
        squares, firsts = out
        np.subtract(x[lo:hi], c, out=squares)
        if w is None:
            np.copyto(firsts, squares)
        else:
            np.multiply(squares, w[lo:hi], out=firsts)
        squares *= firsts

    with np.errstate(invalid="ignore", over="ignore", under="ignore"):  # looked at below
        if w is None:
            tw = gi.counts.astype(np.float64)
        else:
            tw = np.zeros(gi.n_groups)
            acc.add_array(tw, w)
        acc.add([s2, s1], deviations)
    finite = np.isfinite(s1) & np.isfinite(s2) & np.isfinite(tw)
    if not finite.all():
        as_values(x)  # NaN or inf: raise naming the position
        as_weights(w, x.shape[0])  # (finite values whose sums overflow are scaled below)
    if not tw.sum() > 0:
        as_weights(w, x.shape[0])
    weighed = tw > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        shift = np.where(weighed & finite, s1 / tw, 0.0)
        ss = np.maximum(s2 - s1 * shift, 0.0)
        far = weighed & finite & (shift * shift * tw >= PILOT_FAR * ss)
    mean = np.where(weighed, c + shift, 0.0)
    if far.any():  # the classical two passes, over those groups' units alone
        units = np.flatnonzero(far[gi.codes])
        codes, xu = gi.codes[units], x[units]
        wu = None if w is None else w[units]
        with np.errstate(over="ignore", invalid="ignore"):  # (overflow: scaled below)
            own = np.bincount(codes, weights=xu if wu is None else wu * xu, minlength=gi.n_groups)
            mean[far] = own[far] / tw[far]
            d = xu - mean[codes]
            d *= d
            if wu is not None:
                d *= wu
        ss[far] = np.bincount(codes, weights=d, minlength=gi.n_groups)[far]
    scale = np.ones(gi.n_groups)
    with np.errstate(invalid="ignore"):
        small = (np.abs(mean) < _SMALL) | (tw < _SMALL)
        overflowed = ~(finite & np.isfinite(mean) & np.isfinite(ss)) | (ss > HUGE)
        rescale = weighed & (overflowed | ((ss < TINY) & small))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = np.where(tw > ddof, ss / (tw - ddof), np.nan)
    if rescale.any():
        _scaled_two_passes(x, w, gi, rescale, ddof, _GroupMoments(mean, var, scale, gi.counts, tw))
    return _GroupMoments(mean, var, scale, gi.counts, tw)


# Groups whose mean or total weight lies below this may have had terms of Σ w (x − mean)²
# underflow (when that sum is below TINY): they are redone in a scaled form.
_SMALL = 2.0**-300


def _scaled_two_passes(
    x: FloatArray,
    w: FloatArray | None,
    gi: GroupIndex,
    groups: NDArray[np.bool_],
    ddof: float,
    out: _GroupMoments,
) -> None:
    """Redo, in ``out``, the moments of ``groups`` on their values scaled by ``kx`` and
    their weights by ``kw``, the powers of two that bring each group's ``max |x|`` and
    ``max w`` into ``[0.5, 1)``; ``out.scale`` gets ``kx``."""
    units = np.flatnonzero(groups[gi.codes])
    codes, xu = gi.codes[units], x[units]
    peak = np.zeros(gi.n_groups)
    np.maximum.at(peak, codes, np.abs(xu))
    kx = _powers_of_two(peak)
    xu = xu * kx[codes]
    if w is None:
        kw = np.ones(gi.n_groups)
        wu = np.ones_like(xu)
    else:
        heaviest = np.zeros(gi.n_groups)
        np.maximum.at(heaviest, codes, w[units])
        kw = _powers_of_two(heaviest)
        wu = w[units] * kw[codes]
    scaled_tw = np.bincount(codes, weights=wu, minlength=gi.n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled_mean = np.bincount(codes, weights=wu * xu, minlength=gi.n_groups) / scaled_tw
    d = xu - scaled_mean[codes]
    d *= d
    d *= wu
    scaled_ss = np.bincount(codes, weights=d, minlength=gi.n_groups)
    divisor = scaled_tw - kw * ddof  # kw (Σ w − ddof)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out.mean[groups] = scaled_mean[groups] / kx[groups]
        out.var[groups] = np.where(divisor > 0, scaled_ss / divisor, np.nan)[groups]
    out.scale[groups] = kx[groups]


def _powers_of_two(peaks: FloatArray) -> FloatArray:
    """Per entry, the power of two that brings it into ``[0.5, 1)`` (1 for zero)."""
    _, exponent = np.frexp(peaks)
    out: FloatArray = np.ldexp(1.0, -exponent)
    return out


class _Accumulator:
    """Adds per-unit quantities into their groups, block by block (the blocks' buffers stay
    in cache; no n-element temporary). Units in long runs of one group (a table sorted by
    county) are summed run by run with ``numpy.add.reduceat``: adding into the same group
    unit after unit with ``numpy.add.at`` waits on the previous addition every time."""

    def __init__(self, gi: GroupIndex) -> None:
        self.codes = gi.codes
        self.starts = gi.run_starts

    def add_array(self, acc: FloatArray, values: FloatArray) -> None:
        """``acc[group] += value`` for every unit."""
        if self.starts is None:
            np.add.at(acc, self.codes, values)
        else:
            np.add.at(acc, self.codes[self.starts], np.add.reduceat(values, self.starts))

    def add(
        self, accs: list[FloatArray], fill: Callable[[int, int, list[FloatArray]], object]
    ) -> None:
        """``accs[k][group] += value_k`` for every unit, the values of units ``lo:hi``
        written by ``fill(lo, hi, blocks)``, one block per accumulator."""
        n = self.codes.shape[0]
        buffers = [np.empty(min(n, _BLOCK)) for _ in accs]
        for lo in range(0, n, _BLOCK):
            hi = min(lo + _BLOCK, n)
            blocks = [b[: hi - lo] for b in buffers]
            fill(lo, hi, blocks)
            if self.starts is None:
                for a, block in zip(accs, blocks, strict=True):
                    np.add.at(a, self.codes[lo:hi], block)
                continue
            inside = self.starts[np.searchsorted(self.starts, lo, side="right") :]
            local = np.concatenate(([0], inside[: np.searchsorted(inside, hi)] - lo))
            for a, block in zip(accs, blocks, strict=True):
                np.add.at(a, self.codes[lo + local], np.add.reduceat(block, local))


# Sums over runs pay off when runs are long: at most one run per this many units.
_UNITS_PER_RUN = 8
# Units looked at to decide whether to count the runs at all.
_SAMPLE = 4096


def _run_starts(codes: IntArray) -> IntArray | None:
    """Where each run of equal codes starts, when runs are long; ``None`` otherwise.

    A look at the first units decides whether to count the runs at all: codes in random
    order change at almost every unit, and then nothing more is spent.
    """
    n = codes.shape[0]
    head = codes[:_SAMPLE]
    if n < _SAMPLE or np.count_nonzero(head[1:] != head[:-1]) * _UNITS_PER_RUN > head.size:
        return None
    change = np.flatnonzero(codes[1:] != codes[:-1])
    if (change.size + 1) * _UNITS_PER_RUN > n:
        return None
    return np.concatenate(([0], change + 1)).astype(np.intp)


def _py(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v

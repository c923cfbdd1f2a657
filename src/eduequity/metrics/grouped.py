"""Grouped forms: every group's weighted mean, SD, CV (and GE) in one vectorised pass.

Groups are given as key arrays (county code, year, level …): one array-like of keys, or a
*tuple* of array-likes for a compound key. Non-negative integer codes take a fast path
(``numpy.bincount`` directly); other keys are factorised once with ``numpy.unique``.
There is no Python loop over groups. The per-group sums themselves live in
:mod:`eduequity.metrics._group_moments`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eduequity.errors import ConfigurationError, MetricInputError
from eduequity.metrics._arrays import (
    FloatArray,
    as_array,
    as_weight_array,
    require_nonnegative_weights,
)
from eduequity.metrics._group_moments import GroupMoments, grouped_moments

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
    *,
    engine: Any = None,
    source: Any = None,
    table: str | None = None,
) -> GroupedStatistic:
    """Every group's weighted mean ``Σ w x / Σ w`` in one pass.

    With ``engine``, ``values``, ``groups`` and ``weights`` name columns of ``source``
    (see :func:`grouped_cv`).

    Examples
    --------
    >>> r = grouped_mean([1.0, 3.0, 10.0], [0, 0, 1], [1, 3, 5])
    >>> r.value.tolist()
    [2.5, 10.0]
    """
    keys, (mean, _, _, count, tw) = _moments(values, groups, weights, 0.0, engine, source, table)
    reason = np.where(tw > 0, "", "zero_weight")
    return GroupedStatistic(keys, np.where(tw > 0, mean, np.nan), reason, mean, count, tw)


def grouped_std(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    ddof: float = 0,
    engine: Any = None,
    source: Any = None,
    table: str | None = None,
) -> GroupedStatistic:
    """Every group's weighted standard deviation (see :func:`weighted_std`).

    With ``engine``, ``values``, ``groups`` and ``weights`` name columns of ``source``
    (see :func:`grouped_cv`).

    Examples
    --------
    >>> grouped_std([1.0, 3.0, 5.0, 5.0], ["a", "a", "b", "b"]).value.tolist()
    [1.0, 0.0]
    """
    keys, m = _moments(values, groups, weights, float(ddof), engine, source, table)
    mean, var, scale, count, tw = m
    ok = tw > ddof
    reason = np.where(ok, "", "too_few_units")
    value = np.where(ok, np.sqrt(np.where(ok, var, 0.0)) / scale, np.nan)
    return GroupedStatistic(keys, value, reason, mean, count, tw)


def grouped_cv(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    ddof: float = 0,
    engine: Any = None,
    source: Any = None,
    table: str | None = None,
) -> GroupedStatistic:
    """Every group's coefficient of variation (the official 差异系数 by default).

    Each group's value equals :func:`coefficient_of_variation` on that group's units.
    Undefined groups get NaN and a reason: ``"zero_mean"``, ``"negative_mean"``,
    ``"too_few_units"``.

    With ``engine`` the school table stays in a query engine and only each group's
    weight, weighted sum and sum of squares (about a pilot, two passes where a group
    needs them) come back (:mod:`eduequity.metrics._engine_moments`): ``values``,
    ``groups`` (a name or a tuple of names) and ``weights`` are then column names of
    ``source``, a CSV or Parquet path or a DuckDB relation for ``engine="duckdb"``; or
    ``engine`` is a DB-API connection (SQLite, DuckDB, …) and ``table`` names the table.
    The result equals the in-memory one to rounding (1e-9 relative, tested).

    Examples
    --------
    >>> r = grouped_cv([5.0, 25/6, 5.0, 16/3, 2.0, 2.0], [1, 1, 1, 1, 2, 2],
    ...                [120, 480, 300, 900, 10, 20])
    >>> [round(v, 6) for v in r.value.tolist()], r.keys[0].tolist()
    ([0.098595, 0.0], [1, 2])
    """
    keys, m = _moments(values, groups, weights, float(ddof), engine, source, table)
    mean, var, scale, count, tw = m
    reason = np.full(mean.shape, "", dtype="<U13")
    reason[mean < 0] = "negative_mean"
    reason[mean == 0] = "zero_mean"
    reason[tw <= ddof] = "too_few_units"
    ok = reason == ""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(ok, np.sqrt(np.maximum(var, 0.0)) / (mean * scale), np.nan)
    return GroupedStatistic(keys, value, reason, mean, count, tw)


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
    mean, _, _, count, tw = grouped_moments(x, w, gi, ddof=0.0)
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


def _moments(
    values: Any, groups: Any, weights: Any, ddof: float, engine: Any, source: Any,
    table: str | None,
) -> tuple[tuple[NDArray[Any], ...], GroupMoments]:
    """The group keys and moments, in memory or (with ``engine``) in a query engine."""
    if engine is None:
        x, w, gi = _prepare(values, groups, weights)
        return gi.keys, grouped_moments(x, w, gi, ddof=ddof)
    from eduequity.metrics._engine_moments import engine_moments

    return engine_moments(source, engine, table, values, groups, weights, ddof)


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

"""The per-group moments of the grouped forms, summed in a query engine.

The engine computes, in one ``GROUP BY`` (:func:`eduequity.engine.sql.moments_about`),
each group's Σw, Σw(x − c) and Σw(x − c)² about a pilot ``c`` (one value of the column),
and only those sums come into Python. As in memory (:mod:`._group_moments`), the mean is
``c + Σw d / Σw`` and ``Σw (x − mean)² = Σw d² − (Σw d)² / Σw``; rounding costs about
``(mean − c)² / var`` times the machine epsilon, so when some group's mean lies more than
eight standard deviations from the pilot the engine runs the classical two passes
(:func:`~eduequity.engine.sql.moments_two_pass`: each group's mean, then the sums about it,
corrected by their first-order term) and those groups take them. Sums beyond the range of
float64 (values near 1e150 and above), and groups whose values differ by so little (or
weigh so little) that their squared deviations may underflow (near 1e-150), are refused:
the in-memory path rescales them, the engine's sums cannot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.engine import open_source, sql
from eduequity.errors import MetricInputError
from eduequity.metrics._arrays import HUGE, PILOT_FAR
from eduequity.metrics._group_moments import GroupMoments

__all__ = ["engine_moments"]

# A group whose values differ but whose Σ w (x − mean)² lies below this may have had terms
# underflow (values or weights near 1e-150 and below).
_SMALL = 2.0**-900


def engine_moments(
    data: Any,
    engine: Any,
    table: str | None,
    value: str,
    groups: str | tuple[str, ...],
    weight: str | None,
    ddof: float,
) -> tuple[tuple[NDArray[Any], ...], GroupMoments]:
    """The group keys (sorted) and their moments, from the columns named of ``data``."""
    names = (groups,) if isinstance(groups, str) else tuple(groups)
    for name in (value, *names, *(() if weight is None else (weight,))):
        if not isinstance(name, str):
            raise MetricInputError(f"with an engine, give column names, got {name!r}")
    source = open_source(data, engine, table)
    found = source.columns()
    missing = [n for n in (value, *names, weight) if n is not None and n not in found]
    if missing:
        raise MetricInputError(f"{source.name}: no column {', '.join(missing)}; found "
                               f"{', '.join(found)}")  # fmt: skip
    q = source.dialect.quote
    x, w, keys = q(value), None if weight is None else q(weight), [q(n) for n in names]
    first = source.rows(sql.first_value(source.relation, x))
    c = float(first[0][0]) if first and np.isfinite(float(first[0][0])) else 0.0
    k = len(keys)
    rows = source.rows(sql.moments_about(source.relation, x, w, keys, c))
    _check(source.name, rows, names, value, weight)
    rows.sort(key=lambda r: r[:k])
    key_arrays = tuple(np.asarray([r[i] for r in rows]) for i in range(k))
    units = np.array([r[k] for r in rows], dtype=np.int64)
    tw, s1, s2 = (np.array([float(r[k + j] or 0.0) for r in rows]) for j in (4, 5, 6))
    if not (np.isfinite(tw).all() and np.isfinite(s1).all() and np.isfinite(s2).all()):
        raise MetricInputError(f"{source.name}: the sums of {value} are not finite (a value "
                               "too large, NaN or inf); the in-memory path rescales large "
                               "values")  # fmt: skip
    if not tw.sum() > 0:
        raise MetricInputError(f"{source.name}: the weights sum to zero")
    weighed = tw > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(weighed, s1 / tw, 0.0)
        ss = np.maximum(s2 - s1 * shift, 0.0)
        far = weighed & (shift * shift * tw >= PILOT_FAR * ss)
    mean = np.where(weighed, c + shift, 0.0)
    if far.any():
        exact = sorted(source.rows(sql.moments_two_pass(source.relation, x, w, keys)),
                       key=lambda r: r[:k])  # fmt: skip
        m = np.array([0.0 if r[k] is None else float(r[k]) for r in exact])  # (no weight)
        e1, e2 = (np.array([float(r[k + j] or 0.0) for r in exact]) for j in (1, 2))
        with np.errstate(divide="ignore", invalid="ignore"):
            fix = np.where(weighed, e1 / tw, 0.0)
        mean[far] = (m + fix)[far]
        ss[far] = np.maximum(e2 - e1 * fix, 0.0)[far]
    spread = np.array([r[k + 7] is not None and r[k + 8] != r[k + 7] for r in rows])
    if ((ss > HUGE) | (spread & (ss < _SMALL))).any():
        raise MetricInputError(f"{source.name}: the values of {value} are too large or too "
                               "small for the engine's sums; use the in-memory path")  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        var = np.where(tw > ddof, ss / (tw - ddof), np.nan)
    return key_arrays, GroupMoments(mean, var, np.ones(len(rows)), units, tw)


def _check(name: str, rows: list[tuple[Any, ...]], keys: tuple[str, ...], value: str,
           weight: str | None) -> None:  # fmt: skip
    """Missing keys, values or weights, and negative weights, are refused, naming the group."""
    k = len(keys)
    for r in rows:
        group = ", ".join(f"{n} {v}" for n, v in zip(keys, r[:k], strict=True))
        if any(v is None for v in r[:k]):
            raise MetricInputError(f"{name}: {r[k]} row(s) without a group key ({group})")
        units, given, weighed, lightest = r[k : k + 4]
        if given < units:
            raise MetricInputError(f"{name}, {group}: {units - given} row(s) without {value}")
        if weight is not None and weighed < units:
            raise MetricInputError(f"{name}, {group}: {units - weighed} row(s) without {weight}")
        if weight is not None and lightest is not None and float(lightest) < 0:
            raise MetricInputError(f"{name}, {group}, column {weight}: weights must be ≥ 0, "
                                   f"got {lightest!r}")  # fmt: skip

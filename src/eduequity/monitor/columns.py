"""County statuses from an evaluation's columns: margins, bands, sections, pupils, parts.

:func:`county_statuses` reads the grains of :func:`eduequity.export.tables` (``counties``,
``levels``, ``indicators``, ``rules`` and ``sections``, docs/assessment.md) and builds one
:class:`~eduequity.monitor.margins.CountyStatus` per county row: the rows of the other
grains are grouped by county and level with sorts, ``searchsorted`` and ``bincount``, and
no county or school result of the assessment is built. :func:`region_sections` keeps the
columns the regional analysis reads.

A county's pupils are added one section after another, primary sections then junior ones,
in the order the ``sections`` grain lists them, as a county result's schools would be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity._columns import LEVELS
from eduequity.monitor.margins import COMPOSITE, Bands, CountyStatus, LevelStatus, margin
from eduequity.rules.schema import CountyCVRule, RuleSet

__all__ = [
    "GRAINS",
    "county_statuses",
    "cv_indicators",
    "level_index",
    "region_sections",
    "row_counties",
]

GRAINS = ("counties", "levels", "indicators", "rules", "sections")
"""The grains :func:`county_statuses` and :func:`region_sections` read."""
Columns = Mapping[str, NDArray[Any]]


def row_counties(counties: Columns, rows: Columns) -> NDArray[np.intp]:
    """The place of each row's county (``county_code``, ``year``) among ``counties``' rows.

    Examples
    --------
    >>> cs = {"county_code": np.array(["2", "1", "1"]), "year": np.array([2024, 2024, 2025])}
    >>> rows = {"county_code": np.array(["1", "2", "1"]), "year": np.array([2025, 2024, 2024])}
    >>> row_counties(cs, rows).tolist()
    [2, 0, 1]
    """
    n_rows = len(rows["county_code"])
    if not n_rows:
        return np.zeros(0, dtype=np.intp)
    codes, key_code = np.unique(np.asarray(counties["county_code"]), return_inverse=True)
    years = np.asarray(counties["year"], dtype=np.int64)
    first = int(years.min())
    span = int(years.max()) - first + 1
    key = key_code.astype(np.int64) * span + (years - first)
    order = np.argsort(key, kind="stable")
    code = np.searchsorted(codes, np.asarray(rows["county_code"]))
    year = np.asarray(rows["year"], dtype=np.int64)
    wanted = np.minimum(code, codes.size - 1).astype(np.int64) * span + (year - first)
    at = np.searchsorted(key[order], wanted)
    found: NDArray[np.intp] = order[np.minimum(at, order.size - 1)]
    same = (np.asarray(counties["county_code"])[found] == np.asarray(rows["county_code"])) & (
        years[found] == year
    )
    if not same.all():
        j = int(np.flatnonzero(~same)[0])
        raise ValueError(
            f"row {j}: county {rows['county_code'][j]}, year {rows['year'][j]} is not among "
            "the counties"
        )
    return found


def level_index(levels: NDArray[Any]) -> NDArray[np.intp]:
    """Each level's place in ``("primary", "junior")``.

    >>> level_index(np.array(["junior", "primary"])).tolist()
    [1, 0]
    """
    levels = np.asarray(levels)
    out = np.full(levels.size, -1, dtype=np.intp)
    for i, name in enumerate(LEVELS):
        out[levels == name] = i
    if (out < 0).any():
        raise ValueError(f"unknown level {levels[out < 0][0]!r}")
    return out


def county_statuses(
    cols: Mapping[str, Columns],
    parts: Sequence[str],
    bands: Bands,
    keep: NDArray[np.bool_] | None = None,
) -> list[CountyStatus]:
    """The status of each county row of ``cols`` (the grains :data:`GRAINS` of one
    assessment), or of those ``keep`` marks, in the order of the ``counties`` grain.

    ``parts`` are the ids of the standard's parts in its order (``failing_parts`` follows
    it).

    Examples
    --------
    >>> import eduequity as eq
    >>> from eduequity.export import tables
    >>> a = eq.evaluate(eq.load_example(), "cn-2012-basic")
    >>> (s,) = county_statuses(tables(a, GRAINS), ["level"], Bands())
    >>> m = s.levels["primary"].margins[-1]
    >>> composite = a.counties[0].levels["primary"].composite.value
    >>> m.indicator, round(m.margin, 6) == round(0.65 - composite, 6)
    ('composite_cv', True)
    """
    counties = cols["counties"]
    n = len(counties["county_code"])
    keep = np.ones(n, dtype=bool) if keep is None else keep
    lv = cols["levels"]
    lk = row_counties(counties, lv) * 2 + level_index(lv["level"])
    margins = _margins(cols, counties, lk, bands)
    sec = cols["sections"]
    sk = row_counties(counties, sec) * 2 + level_index(sec["level"])
    n_sections = np.bincount(sk, minlength=2 * n)
    failing = np.bincount(sk, weights=_is_false(sec["passed"]), minlength=2 * n)
    pupils = _pupils(sk // 2, np.asarray(sec["students"]), n)
    failing_parts = _failing_parts(cols["rules"], counties, parts, n)
    by_county: list[dict[str, LevelStatus]] = [{} for _ in range(n)]
    level_names = np.asarray(lv["level"]).tolist()
    level_passed = np.asarray(lv["passed"]).tolist()
    for j in np.argsort(lk, kind="stable").tolist():
        g = int(lk[j])
        if keep[g // 2]:
            by_county[g // 2][level_names[j]] = LevelStatus(
                level_names[j], level_passed[j], margins[j], int(n_sections[g]), int(failing[g])
            )
    codes = np.asarray(counties["county_code"]).tolist()
    names = np.asarray(counties["county_name"]).tolist()
    years = np.asarray(counties["year"]).tolist()
    passed = np.asarray(counties["passed"]).tolist()
    return [
        CountyStatus(
            codes[k], names[k], int(years[k]), passed[k], by_county[k], pupils[k],
            failing_parts[k],
        )
        for k in np.flatnonzero(keep).tolist()
    ]


def region_sections(
    cols: Mapping[str, Columns], indicators: Sequence[str]
) -> dict[str, NDArray[Any]]:
    """What the regional analysis reads of the ``sections`` grain: ``county`` (the row of
    the section's county in the ``counties`` grain), ``county_code``, ``year``, ``level``,
    ``students`` and the value of each of the ``indicators``, in the grain's order."""
    sec = cols["sections"]
    out = {name: np.asarray(sec[name]) for name in ("county_code", "year", "level", "students")}
    out["county"] = row_counties(cols["counties"], sec)
    for ind in indicators:
        out[ind] = np.asarray(sec[ind], dtype=np.float64)
    return out


def cv_indicators(rs: RuleSet) -> list[str]:
    """The indicators of the rule set's CV rules, each once, in the order of its rules (the
    order of a level's CVs)."""
    found = (i for r in rs.rules if isinstance(r, CountyCVRule) for i in r.indicators)
    return list(dict.fromkeys(found))


def _margins(
    cols: Mapping[str, Columns], counties: Columns, lk: NDArray[np.intp], bands: Bands
) -> list[tuple[Any, ...]]:
    """Per ``levels`` row: its CVs' margins in the grain's order, then the composite's."""
    ind = cols["indicators"]
    ik = row_counties(counties, ind) * 2 + level_index(ind["level"])
    order = np.argsort(ik, kind="stable")  # by county and level, each in the grain's order
    lo = np.searchsorted(ik[order], lk, "left").tolist()
    hi = np.searchsorted(ik[order], lk, "right").tolist()
    names = np.asarray(ind["indicator"])[order].tolist()
    cvs = _numbers(np.asarray(ind["cv"], dtype=np.float64)[order])
    thresholds = _numbers(np.asarray(ind["cv_threshold"], dtype=np.float64)[order])
    passed = np.asarray(ind["cv_passed"])[order].tolist()
    lv = cols["levels"]
    composite = None
    if COMPOSITE in lv:
        composite = (
            _numbers(np.asarray(lv[COMPOSITE], dtype=np.float64)),
            _numbers(np.asarray(lv[f"{COMPOSITE}_threshold"], dtype=np.float64)),
            np.asarray(lv[f"{COMPOSITE}_passed"]).tolist(),
        )
    out: list[tuple[Any, ...]] = []
    for j, (a, b) in enumerate(zip(lo, hi, strict=True)):
        found = [margin(names[i], cvs[i], thresholds[i], passed[i], bands) for i in range(a, b)]
        if composite is not None and composite[1][j] is not None:
            found.append(margin(COMPOSITE, composite[0][j], composite[1][j], composite[2][j],
                                bands))  # fmt: skip
        out.append(tuple(found))
    return out


def _pupils(county: NDArray[np.intp], students: NDArray[Any], n: int) -> list[float]:
    """Each county's pupils, added section by section in the grain's order (as ``sum``)."""
    order = np.argsort(county, kind="stable")
    bounds = np.searchsorted(county[order], np.arange(n + 1)).tolist()
    listed = students[order].tolist()
    return [float(sum(listed[bounds[k] : bounds[k + 1]])) for k in range(n)]


def _failing_parts(
    rules: Columns, counties: Columns, parts: Sequence[str], n: int
) -> list[tuple[str, ...]]:
    """Per county: the parts with a failing rule (a part fails when one of its rules
    does), in the standard's order."""
    out: list[list[str]] = [[] for _ in range(n)]
    fail = _is_false(rules["passed"]).astype(bool)
    if not fail.any():
        return [() for _ in range(n)]
    at = {p: i for i, p in enumerate(parts)}
    failed = {k: np.asarray(rules[k])[fail] for k in ("county_code", "year")}
    county = row_counties(counties, failed)
    part = np.array([at[p] for p in np.asarray(rules["part"])[fail].tolist()], dtype=np.intp)
    for key in np.unique(county * len(parts) + part).tolist():
        out[key // len(parts)].append(parts[key % len(parts)])
    return [tuple(p) for p in out]


def _is_false(verdicts: NDArray[Any]) -> NDArray[np.float64]:
    """1.0 where a verdict column (``True`` / ``False`` / ``None``) says ``False``."""
    listed = np.asarray(verdicts).tolist()
    return np.fromiter((v is False for v in listed), dtype=np.float64, count=len(listed))


def _numbers(values: NDArray[np.float64]) -> list[float | None]:
    """Floats with NaN and ±inf as ``None``."""
    listed: list[float | None] = values.tolist()
    for j in np.flatnonzero(~np.isfinite(values)).tolist():
        listed[j] = None
    return listed

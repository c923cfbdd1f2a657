"""Monitoring over years: how each CV and each standard's count of schools move.

:func:`trend` evaluates every year of a table against a standard and, per county, level and
CV indicator, gives the CV of each year, the least-squares slope per year, the years still
needed to reach the threshold at that pace, and the regressions (a CV that rose, fewer
schools meeting a standard than the year before).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from eduequity.evaluate import evaluate
from eduequity.monitor.changes import NoiseTolerance, slope, years_to_target
from eduequity.monitor.run import load_sources
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["trend"]


def trend(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    *,
    tolerance: NoiseTolerance | None = None,
) -> list[dict[str, Any]]:
    """One entry per county, level and indicator with at least two years (JSON-ready).

    ``schools`` is one source with a ``year`` column, or several (one file per year), as
    :func:`eduequity.monitor.monitor` takes them. A CV *rose* only when the change passes
    ``tolerance`` (by default a change below 0.005, or equal at 3 decimals, is no change),
    the same tolerance monitoring uses.

    Each entry: ``years``, ``cv`` (per year, ``None`` when undefined), ``threshold``,
    ``slope`` (CV per year, least squares), ``years_to_target`` (``0`` when the last CV
    passes, ``None`` when the trend does not lead there), ``meeting`` (schools meeting the
    indicator's per-school standard, per year), ``regressions`` (English sentences) and
    ``regression_details`` (the same as data: ``kind`` ``cv_rose`` or ``meeting_fell``,
    ``year``, ``before``, ``after``).

    Examples
    --------
    >>> from eduequity import load_example
    >>> rows = load_example().to_dicts()
    >>> later = [dict(r, year=2026, books=(r.get("books") or 0) * 2) for r in rows]
    >>> t = trend(rows + later, "cn-2012-basic")
    >>> entry = next(e for e in t if e["indicator"] == "books_per_student")
    >>> entry["years"], entry["slope"] == 0.0
    ([2025, 2026], True)
    """
    tolerance = tolerance or NoiseTolerance()
    counties = [c for _, table in load_sources(schools, []) for c in
                evaluate(table, standard).counties]  # fmt: skip
    series: dict[tuple[str, str, str], dict[int, dict[str, Any]]] = {}
    for c in counties:
        for lv, level in c.levels.items():
            for ind in level.indicators.values():
                meeting = sum(
                    1
                    for s in level.schools
                    if ind.indicator in s.thresholds
                    and not any(m.indicator == ind.indicator for m in s.failures)
                )
                point = {
                    "cv": ind.cv,
                    "threshold": ind.cv_threshold,
                    "meeting": meeting
                    if any(ind.indicator in s.thresholds for s in level.schools)
                    else None,
                }
                series.setdefault((c.county_code, lv, ind.indicator), {})[c.year] = point
    out = []
    for (county, lv_name, indicator), by_year in sorted(series.items()):
        years = sorted(by_year)
        if len(years) < 2:
            continue
        cvs = [by_year[y]["cv"] for y in years]
        threshold = next((by_year[y]["threshold"] for y in reversed(years)
                          if by_year[y]["threshold"] is not None), None)  # fmt: skip
        known = [(y, v) for y, v in zip(years, cvs, strict=True) if v is not None]
        per_year = slope([y for y, _ in known], [v for _, v in known])
        to_target = years_to_target(known[-1][1] if known else None, threshold, per_year)
        details = _regressions(years, by_year, tolerance)
        out.append(
            {
                "county_code": county,
                "level": lv_name,
                "indicator": indicator,
                "years": years,
                "cv": cvs,
                "threshold": threshold,
                "slope": per_year,
                "years_to_target": to_target,
                "meeting": [by_year[y]["meeting"] for y in years],
                "regressions": [_REGRESSION_EN[d["kind"]].format(**d) for d in details],
                "regression_details": details,
            }
        )
    return out


_REGRESSION_EN = {
    "cv_rose": "{year}: CV rose from {before:.3f} to {after:.3f}",
    "meeting_fell": "{year}: schools meeting the standard fell from {before} to {after}",
}


def _regressions(
    years: list[int], by_year: dict[int, dict[str, Any]], tolerance: NoiseTolerance
) -> list[dict[str, Any]]:
    """Each year a CV rose beyond the tolerance or fewer schools met the standard: ``kind``,
    ``year``, ``before``, ``after``."""
    out: list[dict[str, Any]] = []
    for prev, year in itertools.pairwise(years):
        p, q = by_year[prev], by_year[year]
        if tolerance.movement(p["cv"], q["cv"]) == "rose":
            out.append({"kind": "cv_rose", "year": year, "before": p["cv"], "after": q["cv"]})
        if p["meeting"] is not None and q["meeting"] is not None and q["meeting"] < p["meeting"]:
            out.append(
                {"kind": "meeting_fell", "year": year, "before": p["meeting"],
                 "after": q["meeting"]}
            )  # fmt: skip
    return out

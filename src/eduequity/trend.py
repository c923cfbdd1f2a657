"""Monitoring over years: how each CV and each standard's count of schools move.

:func:`trend` evaluates every year of a table against a standard and, per county, level and
CV indicator, gives the CV of each year, the least-squares slope per year, the years still
needed to reach the threshold at that pace, and the regressions (a CV that rose, fewer
schools meeting a standard than the year before).
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import numpy as np

from eduequity.evaluate import evaluate
from eduequity.io import load_schools
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["trend"]


def trend(
    schools: SchoolTable | str | Path | Any, standard: str | Path | RuleSet = "cn-2017-quality"
) -> list[dict[str, Any]]:
    """One entry per county, level and indicator with at least two years (JSON-ready).

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
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    a = evaluate(table, standard)
    series: dict[tuple[str, str, str], dict[int, dict[str, Any]]] = {}
    for c in a.counties:
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
        slope = None
        if len(known) >= 2:
            xs = np.array([y for y, _ in known], dtype=float)
            ys = np.array([v for _, v in known], dtype=float)
            slope = float(np.polyfit(xs, ys, 1)[0])
            if abs(slope) < 1e-12:
                slope = 0.0
        to_target = _years_to_target(known[-1][1] if known else None, threshold, slope)
        details = _regressions(years, by_year)
        out.append(
            {
                "county_code": county,
                "level": lv_name,
                "indicator": indicator,
                "years": years,
                "cv": cvs,
                "threshold": threshold,
                "slope": slope,
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


def _regressions(years: list[int], by_year: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each year a CV rose or fewer schools met the standard: ``kind``, ``year``,
    ``before``, ``after``."""
    out: list[dict[str, Any]] = []
    for prev, year in itertools.pairwise(years):
        p, q = by_year[prev], by_year[year]
        if p["cv"] is not None and q["cv"] is not None and q["cv"] > p["cv"]:
            out.append({"kind": "cv_rose", "year": year, "before": p["cv"], "after": q["cv"]})
        if p["meeting"] is not None and q["meeting"] is not None and q["meeting"] < p["meeting"]:
            out.append(
                {"kind": "meeting_fell", "year": year, "before": p["meeting"],
                 "after": q["meeting"]}
            )  # fmt: skip
    return out


def _years_to_target(
    last: float | None, threshold: float | None, slope: float | None
) -> float | None:
    if last is None or threshold is None:
        return None
    if last <= threshold:
        return 0.0
    if slope is None or slope >= 0:
        return None
    return math.ceil((last - threshold) / -slope * 10 - 1e-9) / 10  # tenths of a year, up

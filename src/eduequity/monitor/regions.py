"""Across counties: prefecture and province roll-ups, and the between/within analysis.

A county's prefecture is the first 4 digits of its 6-digit code and its province the first 2
(GB/T 2260), so ``510104`` lies in prefecture ``5101`` and province ``51``. Grouped ``by``
county, all counties of the data form one region, ``"all"``.

For each region, year, level and indicator the analysis gives three numbers over the
school sections of the region's counties (an analysis of how a region would fare, not an
official rule: no prefecture-level standard with numbers is published):

- the pupil-weighted CV of all sections pooled;
- the Theil T (GE(1)) decomposition of the pooled sections into the part between counties
  (every section at its county's mean) and the part within them, with the between share;
- the pupil-weighted CV of the county means (县际差异系数), each county weighted by its pupils.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from eduequity.assessment import CountyResult
from eduequity.errors import EduequityError
from eduequity.metrics import coefficient_of_variation
from eduequity.metrics.decomposition import ge_decomposition
from eduequity.monitor.margins import CountyStatus

__all__ = ["Grain", "RegionAnalysis", "Rollup", "analyse_regions", "region_of", "rollups"]

Grain = Literal["county", "prefecture", "province"]
_DIGITS: dict[str, int] = {"prefecture": 4, "province": 2}


def region_of(county_code: str, by: Grain) -> str:
    """The region a county belongs to at grain ``by``.

    Examples
    --------
    >>> [region_of("510104", by) for by in ("prefecture", "province", "county")]
    ['5101', '51', 'all']
    """
    if by == "county":
        return "all"
    return county_code[: _DIGITS[by]]


@dataclass(frozen=True)
class RegionAnalysis:
    """One indicator and level over the sections of a region's counties in one year."""

    region: str
    year: int
    level: str
    indicator: str
    counties: int
    sections: int
    pooled_cv: float | None
    theil_total: float | None
    theil_between: float | None
    theil_within: float | None
    cv_of_county_means: float | None
    undefined_reason: str | None = None

    @property
    def between_share(self) -> float | None:
        if self.theil_total is None or self.theil_between is None:
            return None
        return self.theil_between / self.theil_total if self.theil_total > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "year": self.year,
            "level": self.level,
            "indicator": self.indicator,
            "counties": self.counties,
            "sections": self.sections,
            "pooled_cv": self.pooled_cv,
            "theil_total": self.theil_total,
            "theil_between": self.theil_between,
            "theil_within": self.theil_within,
            "between_share": self.between_share,
            "cv_of_county_means": self.cv_of_county_means,
            "undefined_reason": self.undefined_reason,
        }


def analyse_regions(counties: Sequence[CountyResult], by: Grain) -> list[RegionAnalysis]:
    """The pooled CV, Theil decomposition and CV of county means per region and indicator.

    Sections without a value or with no pupils are left out, as they are from the CVs.

    Examples
    --------
    >>> import eduequity as eq
    >>> cs = eq.evaluate(eq.load_example(), "cn-2017-quality").counties
    >>> rs = analyse_regions(cs, "county")
    >>> r = next(x for x in rs if x.indicator == "teaching_area_per_student")
    >>> ind = cs[0].levels[r.level].indicators[r.indicator]
    >>> abs(r.pooled_cv - ind.cv) < 1e-12, r.theil_between, r.cv_of_county_means
    (True, 0.0, 0.0)
    """
    groups: dict[tuple[str, int, str, str], list[tuple[int, list[float], list[float]]]] = {}
    for k, county in enumerate(counties):
        region = region_of(county.county_code, by)
        for lv, level in county.levels.items():
            for ind in level.indicators:
                xs: list[float] = []
                ws: list[float] = []
                for s in level.schools:
                    v = s.values.get(ind)
                    if v is not None and np.isfinite(v) and s.students > 0:
                        xs.append(float(v))
                        ws.append(float(s.students))
                groups.setdefault((region, county.year, lv, ind), []).append((k, xs, ws))
    return [_analyse(key, parts) for key, parts in sorted(groups.items())]


def _analyse(
    key: tuple[str, int, str, str], parts: list[tuple[int, list[float], list[float]]]
) -> RegionAnalysis:
    region, year, level, indicator = key
    parts = [p for p in parts if p[1]]
    x = np.array([v for _, xs, _ in parts for v in xs], dtype=np.float64)
    w = np.array([v for _, _, ws in parts for v in ws], dtype=np.float64)
    g = np.concatenate([np.full(len(xs), i) for i, (_, xs, _) in enumerate(parts)]) if parts else x
    if len(x) == 0:
        return RegionAnalysis(region, year, level, indicator, 0, 0, None, None, None, None,
                              None, "no_sections")  # fmt: skip
    reason = None
    try:
        pooled: float | None = coefficient_of_variation(x, w)
    except EduequityError as exc:
        pooled, reason = None, getattr(exc, "reason", None) or "undefined"
    totals = np.bincount(g.astype(np.intp), weights=w)
    means = np.bincount(g.astype(np.intp), weights=w * x) / totals
    try:
        between_cv: float | None = coefficient_of_variation(means, totals)
    except EduequityError as exc:
        between_cv, reason = None, reason or getattr(exc, "reason", None) or "undefined"
    total: float | None
    between: float | None
    within: float | None
    try:
        d = ge_decomposition(x, g.astype(np.intp), w, alpha=1.0)
        total, between, within = d.total, d.between, d.within
    except EduequityError as exc:
        total = between = within = None
        reason = reason or getattr(exc, "reason", None) or "undefined"
    return RegionAnalysis(region, year, level, indicator, len(parts), len(x), pooled, total,
                          between, within, between_cv, reason)  # fmt: skip


@dataclass(frozen=True)
class Rollup:
    """A region in one year: how many counties pass, the pupils in them, the warnings."""

    region: str
    year: int
    counties: int
    passed: int
    failed: int
    undecided: int
    pupils: float
    pupils_in_passing: float
    warnings: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        n = self.counties
        return {
            "region": self.region,
            "year": self.year,
            "counties": n,
            "passed": self.passed,
            "failed": self.failed,
            "undecided": self.undecided,
            "pupils": self.pupils,
            "pupils_in_passing": self.pupils_in_passing,
            "warnings": dict(self.warnings),
            "warning_shares": {k: v / n for k, v in self.warnings.items()} if n else {},
        }


def rollups(statuses: Sequence[CountyStatus], by: Grain) -> list[Rollup]:
    """Counts per region and year.

    Examples
    --------
    >>> import eduequity as eq
    >>> from eduequity.monitor.margins import Bands, county_status
    >>> cs = eq.evaluate(eq.load_example(), "cn-2017-quality").counties
    >>> r = rollups([county_status(c, Bands()) for c in cs], "province")[0]
    >>> r.region, r.counties, r.passed + r.failed + r.undecided
    ('99', 1, 1)
    """
    groups: dict[tuple[str, int], list[CountyStatus]] = {}
    for s in statuses:
        groups.setdefault((region_of(s.county_code, by), s.year), []).append(s)
    out = []
    for (region, year), members in sorted(groups.items()):
        warnings = {w: 0 for w in ("red", "amber", "green", "none")}
        for s in members:
            warnings[s.warning] += 1
        out.append(
            Rollup(
                region=region,
                year=year,
                counties=len(members),
                passed=sum(1 for s in members if s.passed is True),
                failed=sum(1 for s in members if s.passed is False),
                undecided=sum(1 for s in members if s.passed is None),
                pupils=sum(s.pupils for s in members),
                pupils_in_passing=sum(s.pupils for s in members if s.passed is True),
                warnings=warnings,
            )
        )
    return out

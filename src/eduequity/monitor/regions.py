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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from eduequity.errors import EduequityError
from eduequity.metrics import coefficient_of_variation
from eduequity.metrics.grouped import GroupIndex
from eduequity.monitor.margins import CountyStatus
from eduequity.monitor.theil import theil_parts

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


def analyse_regions(
    sections: Mapping[str, NDArray[Any]], indicators: Sequence[str], by: Grain
) -> list[RegionAnalysis]:
    """The pooled CV, Theil decomposition and CV of county means per region and indicator.

    ``sections`` are the school sections as columns (``county``, ``county_code``,
    ``year``, ``level``, ``students`` and a column per indicator, see
    :func:`~eduequity.monitor.columns.region_sections`), ``county`` the place of the
    section's county in the order of (code, year); sections of one county and level keep
    their order. Sections without a value or with no pupils are left out, as they are from
    the CVs. Every region, year and level with sections gets one analysis per indicator.

    Examples
    --------
    >>> import eduequity as eq
    >>> from eduequity.export import tables
    >>> from eduequity.monitor.columns import GRAINS, region_sections
    >>> a = eq.evaluate(eq.load_example(), "cn-2017-quality")
    >>> sections = region_sections(tables(a, GRAINS), ["teaching_area_per_student"])
    >>> rs = analyse_regions(sections, ["teaching_area_per_student"], "county")
    >>> r = rs[-1]
    >>> ind = a.counties[0].levels[r.level].indicators[r.indicator]
    >>> abs(r.pooled_cv - ind.cv) < 1e-12, r.theil_between, r.cv_of_county_means
    (True, 0.0, 0.0)
    """
    if not sections or not indicators:
        return []
    code = np.asarray(sections["county_code"]).astype(str)
    if not code.size:
        return []
    county = np.asarray(sections["county"], dtype=np.intp)
    ahead = np.argsort(county, kind="stable")  # county by county, each as it lists them
    code = code[ahead]
    region = np.full(code.size, "all") if by == "county" else code.astype(f"U{_DIGITS[by]}")
    regions, r = np.unique(region, return_inverse=True)
    years, y = np.unique(np.asarray(sections["year"], dtype=np.int64)[ahead], return_inverse=True)
    levels, lv = np.unique(np.asarray(sections["level"]).astype(str)[ahead], return_inverse=True)
    key = (r.astype(np.int64) * years.size + y) * levels.size + lv
    order = ahead[np.argsort(key, kind="stable")]  # by region, year, level; counties in order
    key = np.sort(key, kind="stable")
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], key.size]
    students = np.asarray(sections["students"], dtype=np.float64)
    values = {ind: np.asarray(sections[ind], dtype=np.float64) for ind in indicators}
    out = []
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        rows = order[a:b]
        k = int(key[a])
        region_at, year_at, level_at = k // (years.size * levels.size), k // levels.size, k
        group = (
            str(regions[region_at]),
            int(years[year_at % years.size]),
            str(levels[level_at % levels.size]),
        )
        w_all = students[rows]
        weighed = w_all > 0
        counties = county[rows]  # ascending: the sections come county by county
        known: tuple[NDArray[np.bool_], GroupIndex] | None = None
        for ind in sorted(indicators):
            x = values[ind][rows]
            ok = np.isfinite(x) & weighed
            if known is None or not np.array_equal(known[0], ok):
                known = ok, _county_index(counties[ok])
            out.append(_analyse((*group, ind), x[ok], w_all[ok], known[1]))
    return out


def _county_index(counties: NDArray[np.intp]) -> GroupIndex:
    """The grouping of sections whose counties come in ascending order: the county's place
    among them (0, 1, …), as ``numpy.unique(counties, return_inverse=True)`` gives it."""
    new = np.empty(counties.size, dtype=bool)
    new[:1] = True
    np.not_equal(counties[1:], counties[:-1], out=new[1:])
    codes = np.cumsum(new, dtype=np.intp) - 1
    starts = np.flatnonzero(new)
    counts = np.diff(starts, append=counties.size).astype(np.int64)
    return GroupIndex(codes, (np.arange(starts.size, dtype=np.intp),), counts)


def _analyse(
    key: tuple[str, int, str, str],
    x: NDArray[np.float64],
    w: NDArray[np.float64],
    gi: GroupIndex,
) -> RegionAnalysis:
    """One region, year, level and indicator: ``x`` the values, ``w`` the pupils and ``gi``
    the county (0, 1, …) of each section."""
    region, year, level, indicator = key
    if len(x) == 0:
        return RegionAnalysis(region, year, level, indicator, 0, 0, None, None, None, None,
                              None, "no_sections")  # fmt: skip
    reason = None
    try:
        pooled: float | None = coefficient_of_variation(x, w)
    except EduequityError as exc:
        pooled, reason = None, getattr(exc, "reason", None) or "undefined"
    totals = np.bincount(gi.codes, weights=w)
    means = np.bincount(gi.codes, weights=w * x) / totals
    try:
        between_cv: float | None = coefficient_of_variation(means, totals)
    except EduequityError as exc:
        between_cv, reason = None, reason or getattr(exc, "reason", None) or "undefined"
    total: float | None
    between: float | None
    within: float | None
    try:
        total, between, within = theil_parts(x, w, gi)
    except EduequityError as exc:
        total = between = within = None
        reason = reason or getattr(exc, "reason", None) or "undefined"
    return RegionAnalysis(region, year, level, indicator, gi.n_groups, len(x), pooled,
                          total, between, within, between_cv, reason)  # fmt: skip


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
    >>> m = eq.monitor(eq.load_example(), "cn-2017-quality")
    >>> r = rollups(m.counties, "province")[0]
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

"""The columnar monitoring gives the document the per-county path gave, to the last bit.

The reference below is the path ``monitor()`` took before it read the evaluation's
columns: it walks every county result (its levels, indicators and school sections) in
Python. It lives here only, as the test's reference. The two documents are compared with
``==`` (floats exactly), on the example, on hand-made counties over three years, and on
random tables and rule sets (``eduequity.testing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests._schools import AT_STANDARD

import eduequity as eq
from eduequity.assessment import CountyResult, LevelResult
from eduequity.errors import EduequityError
from eduequity.metrics import coefficient_of_variation
from eduequity.metrics.decomposition import ge_decomposition
from eduequity.monitor import Bands, Monitoring, NoiseTolerance, monitor
from eduequity.monitor.changes import (
    Trend,
    changes,
    county_changes,
    slope,
    years_to_target,
)
from eduequity.monitor.margins import CountyStatus, LevelStatus, Margin
from eduequity.monitor.regions import Grain, RegionAnalysis, region_of, rollups
from eduequity.testing import rule_sets
from eduequity.testing import tables as school_tables

# ---- the per-county path (the reference)


def _ref_county_status(county: CountyResult, bands: Bands) -> CountyStatus:
    levels = {lv: _ref_level_status(level, bands) for lv, level in county.levels.items()}
    pupils = float(sum(s.students for level in county.levels.values() for s in level.schools))
    failing = tuple(k for k, p in county.parts.items() if p.passed is False)
    return CountyStatus(county.county_code, county.county_name, county.year, county.passed,
                        levels, pupils, failing)  # fmt: skip


def _ref_level_status(level: LevelResult, bands: Bands) -> LevelStatus:
    margins = []
    for ind in level.indicators.values():
        share = None
        if ind.cv is not None and ind.cv_threshold:
            share = (ind.cv_threshold - ind.cv) / ind.cv_threshold
        band = bands.band(ind.cv_passed, share)
        margins.append(Margin(ind.indicator, ind.cv, ind.cv_threshold, ind.cv_passed, band))
    c = level.composite
    if c is not None:
        share = None
        if c.value is not None and c.threshold:
            share = (c.threshold - c.value) / c.threshold
        margins.append(Margin("composite_cv", c.value, c.threshold, c.passed,
                              bands.band(c.passed, share)))  # fmt: skip
    failing = sum(1 for s in level.schools if s.passed is False)
    return LevelStatus(level.level, level.passed, tuple(margins), len(level.schools), failing)


def _ref_regions(counties: Sequence[CountyResult], by: Grain) -> list[RegionAnalysis]:
    groups: dict[tuple[str, int, str, str], list[tuple[list[float], list[float]]]] = {}
    for county in counties:
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
                groups.setdefault((region, county.year, lv, ind), []).append((xs, ws))
    return [_ref_analyse(key, parts) for key, parts in sorted(groups.items())]


def _ref_analyse(
    key: tuple[str, int, str, str], parts: list[tuple[list[float], list[float]]]
) -> RegionAnalysis:
    region, year, level, indicator = key
    parts = [p for p in parts if p[0]]
    if not parts:
        return RegionAnalysis(region, year, level, indicator, 0, 0, None, None, None, None,
                              None, "no_sections")  # fmt: skip
    x = np.array([v for xs, _ in parts for v in xs], dtype=np.float64)
    w = np.array([v for _, ws in parts for v in ws], dtype=np.float64)
    g = np.concatenate([np.full(len(xs), i) for i, (xs, _) in enumerate(parts)]).astype(np.intp)
    reason = None
    try:
        pooled: float | None = coefficient_of_variation(x, w)
    except EduequityError as exc:
        pooled, reason = None, getattr(exc, "reason", None) or "undefined"
    totals = np.bincount(g, weights=w)
    means = np.bincount(g, weights=w * x) / totals
    try:
        between_cv: float | None = coefficient_of_variation(means, totals)
    except EduequityError as exc:
        between_cv, reason = None, reason or getattr(exc, "reason", None) or "undefined"
    total = between = within = None
    try:
        d = ge_decomposition(x, g, w, alpha=1.0)
        total, between, within = d.total, d.between, d.within
    except EduequityError as exc:
        reason = reason or getattr(exc, "reason", None) or "undefined"
    return RegionAnalysis(region, year, level, indicator, len(parts), len(x), pooled, total,
                          between, within, between_cv, reason)  # fmt: skip


def _ref_trends(statuses: Sequence[CountyStatus]) -> list[Trend]:
    series: dict[tuple[str, str, str], dict[int, tuple[float | None, float | None]]] = {}
    for s in statuses:
        for lv, level in s.levels.items():
            for m in level.margins:
                series.setdefault((s.county_code, lv, m.indicator), {})[s.year] = (
                    m.value, m.threshold)  # fmt: skip
    out = []
    for (code, lv, ind), by_year in sorted(series.items()):
        years = sorted(by_year)
        if len(years) < 2:
            continue
        values = [by_year[y][0] for y in years]
        threshold = by_year[years[-1]][1]
        known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        b = slope([y for y, _ in known], [v for _, v in known])
        last = known[-1][1] if known else None
        out.append(Trend(code, lv, ind, tuple(years), tuple(values), threshold, b,
                         years_to_target(last, threshold, b)))  # fmt: skip
    return out


def reference(
    sources: Sequence[eq.SchoolTable], standard: Any, by: Grain, bands: Bands
) -> Monitoring:
    """The result of the per-county path (no ``within``, no year from a file name)."""
    tolerance = NoiseTolerance()
    counties: list[CountyResult] = []
    names: dict[str, dict[str, str]] = {}
    standard_id = ""
    for table in sources:
        a = eq.evaluate(table, standard)
        standard_id = a.standard.id
        names.update(a.standard.indicators)
        counties += list(a.counties)
    counties.sort(key=lambda c: (c.county_code, c.year))
    statuses = [_ref_county_status(c, bands) for c in counties]
    return Monitoring(standard_id, by, bands, tolerance, tuple(statuses),
                      tuple(changes(statuses, tolerance)), tuple(county_changes(statuses)),
                      tuple(_ref_trends(statuses)), tuple(_ref_regions(counties, by)),
                      tuple(rollups(statuses, by)), names)  # fmt: skip


def _same(sources: Sequence[eq.SchoolTable], standard: Any, by: Grain, bands: Bands) -> None:
    got = monitor(list(sources), standard, by=by, bands=bands).to_dict()
    want = reference(sources, standard, by, bands).to_dict()
    for key in want:  # one key at a time: a failure names the part that differs
        assert got[key] == want[key], key
    assert got == want


# ---- the comparisons


@pytest.mark.parametrize("standard", ["cn-2012-basic", "cn-2017-quality"])
@pytest.mark.parametrize("by", ["county", "province"])
def test_the_example_over_two_years(standard: str, by: Grain) -> None:
    rows = eq.load_example().to_dicts()
    later = [dict(r, year=2026, teaching_aux_area_m2=round(r["teaching_aux_area_m2"] * 1.1, 2))
             for r in rows]  # fmt: skip
    sources = [eq.load_schools(rows), eq.load_schools(later)]
    _same(sources, standard, by, Bands())
    m, old = monitor(sources, standard, by=by), reference(sources, standard, by, Bands())
    for lang in ("zh", "en"):  # the reports read the same objects
        assert m.to_text(lang=lang) == old.to_text(lang=lang)
        assert m.to_markdown(lang=lang) == old.to_markdown(lang=lang)
        assert m.to_html(lang=lang) == old.to_html(lang=lang)
    doc = m.to_dict()
    # not a vacuous comparison: both years, margins of every level, a trend per CV
    assert doc["years"] == [2025, 2026]
    assert all(lv["margins"] for c in doc["counties"] for lv in c["levels"].values())
    first = doc["counties"][0]["levels"].values()
    assert len(doc["trends"]) == sum(len(lv["margins"]) for lv in first)


def _county(code: str, year: int, areas: Sequence[float]) -> list[dict[str, Any]]:
    return [dict(AT_STANDARD, school_id=f"{code}-{year}-{k}", county_code=code,
                 county_name=f"County {code}", year=year, teaching_aux_area_m2=a * 1000)
            for k, a in enumerate(areas)]  # fmt: skip


def test_counties_over_three_years_by_prefecture() -> None:
    # three years, one county missing a year, and two sources of the same year
    y1 = [r for c, b in (("510101", 9.0), ("510102", 16.0), ("520201", 6.0))
          for r in _county(c, 2023, (4.5, b))]  # fmt: skip
    y2a = _county("510101", 2024, (4.5, 9.3, 6.0))
    y2b = _county("520201", 2024, (4.5, 30.0))
    y3 = [r for c, b in (("510101", 9.6), ("510102", 5.0), ("520201", 6.0))
          for r in _county(c, 2025, (4.5, b))]  # fmt: skip
    sources = [eq.load_schools(rows) for rows in (y3, y2b, y1, y2a)]
    for by in ("county", "prefecture", "province"):
        _same(sources, "cn-2017-quality", by, Bands(amber_share=0.3))
    doc = monitor(sources, "cn-2017-quality", by="prefecture").to_dict()
    assert [(c["county_code"], c["year"]) for c in doc["counties"]][:3] == [
        ("510101", 2023), ("510101", 2024), ("510101", 2025)]  # fmt: skip
    wanted = ("510101", "teaching_area_per_student")
    area = next(t for t in doc["trends"] if (t["county_code"], t["indicator"]) == wanted)
    # the three years' CVs fitted one by one, as the per-county path did
    want = np.polyfit([2023, 2024, 2025], area["values"], 1)[0]
    assert area["slope"] == round(float(want), 12)


@given(
    first=school_tables(counties=3, max_schools=8),
    second=school_tables(counties=2, max_schools=8),
    standard=st.sampled_from(["cn-2012-basic", "cn-2017-quality"]) | rule_sets(),
    by=st.sampled_from(["county", "prefecture", "province"]),
    amber=st.floats(0, 0.9),
)
def test_random_tables_and_rule_sets(
    first: eq.SchoolTable, second: eq.SchoolTable, standard: Any, by: Grain, amber: float
) -> None:
    later = eq.load_schools([dict(r, year=2026) for r in second.to_dicts()])
    _same([first, later], standard, by, Bands(amber_share=amber))


def test_a_source_whose_counties_have_no_section() -> None:
    # a special school is outside both standards' scope: its county has no level at all
    special = [dict(r, school_type="special") for r in _county("510103", 2024, (4.5,))]
    sources = [eq.load_schools(special), eq.load_schools(_county("510101", 2024, (4.5, 9.0)))]
    for standard in ("cn-2012-basic", "cn-2017-quality"):
        _same(sources, standard, "prefecture", Bands())
    doc = monitor(sources, "cn-2017-quality", by="prefecture").to_dict()
    empty = next(c for c in doc["counties"] if c["county_code"] == "510103")
    assert (empty["levels"], empty["pupils"]) == ({}, 0.0)
    assert {r["counties"] for r in doc["regions"]} == {1}

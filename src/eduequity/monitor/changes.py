"""Year over year: what moved beyond noise, what regressed, what newly passes, and the pace.

A change in a CV is *no change* when it is below the tolerance's ``absolute`` step (0.005 by
default) or when both years print the same at the tolerance's ``decimals`` (3, as the
standards print CVs); otherwise it rose or fell. A *regression* is a county whose verdict
went from passed to failed, or a CV that crossed its threshold upward (met, then missed).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from eduequity.monitor.margins import CountyStatus

__all__ = [
    "Change",
    "CountyChange",
    "NoiseTolerance",
    "Trend",
    "changes",
    "county_changes",
    "slope",
    "trends",
    "years_to_target",
]

Movement = Literal["no_change", "rose", "fell", "unknown"]


@dataclass(frozen=True)
class NoiseTolerance:
    """When a change in a CV counts as no change.

    Examples
    --------
    >>> t = NoiseTolerance()
    >>> t.movement(0.157, 0.1574), t.movement(0.150, 0.160), t.movement(0.160, 0.150)
    ('no_change', 'rose', 'fell')
    """

    absolute: float = 0.005
    decimals: int = 3

    def movement(self, before: float | None, after: float | None) -> Movement:
        if before is None or after is None:
            return "unknown"
        if abs(after - before) < self.absolute or round(after, self.decimals) == round(
            before, self.decimals
        ):
            return "no_change"
        return "rose" if after > before else "fell"


@dataclass(frozen=True)
class Change:
    """One CV of a county and level between two consecutive years of the data."""

    county_code: str
    level: str
    indicator: str
    year_from: int
    year_to: int
    value_from: float | None
    value_to: float | None
    threshold: float | None
    movement: Movement
    crossed_up: bool
    crossed_down: bool

    def to_dict(self) -> dict[str, Any]:
        delta = None
        if self.value_from is not None and self.value_to is not None:
            delta = self.value_to - self.value_from
        return {
            "county_code": self.county_code,
            "level": self.level,
            "indicator": self.indicator,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "value_from": self.value_from,
            "value_to": self.value_to,
            "delta": delta,
            "threshold": self.threshold,
            "movement": self.movement,
            "crossed_up": self.crossed_up,
            "crossed_down": self.crossed_down,
        }


@dataclass(frozen=True)
class CountyChange:
    """A county's verdict between two consecutive years: ``regressed``, ``newly_passing``,
    or ``same`` (any other pair, undecided years included)."""

    county_code: str
    year_from: int
    year_to: int
    passed_from: bool | None
    passed_to: bool | None

    @property
    def kind(self) -> Literal["regressed", "newly_passing", "same"]:
        if self.passed_from is True and self.passed_to is False:
            return "regressed"
        if self.passed_from is not True and self.passed_to is True:
            return "newly_passing"
        return "same"

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "passed_from": self.passed_from,
            "passed_to": self.passed_to,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Trend:
    """One CV of a county and level over all its years: least-squares slope and pace."""

    county_code: str
    level: str
    indicator: str
    years: tuple[int, ...]
    values: tuple[float | None, ...]
    threshold: float | None
    slope: float | None
    years_to_target: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "level": self.level,
            "indicator": self.indicator,
            "years": list(self.years),
            "values": list(self.values),
            "threshold": self.threshold,
            "slope": self.slope,
            "years_to_target": self.years_to_target,
        }


def _by_county(statuses: Sequence[CountyStatus]) -> dict[str, list[CountyStatus]]:
    out: dict[str, list[CountyStatus]] = {}
    for s in sorted(statuses, key=lambda s: (s.county_code, s.year)):
        out.setdefault(s.county_code, []).append(s)
    return out


def changes(statuses: Sequence[CountyStatus], tolerance: NoiseTolerance) -> list[Change]:
    """Every CV's change between consecutive years of each county."""
    out = []
    for code, years in _by_county(statuses).items():
        for before, after in itertools.pairwise(years):
            for lv, level in after.levels.items():
                if lv not in before.levels:
                    continue
                old = {m.indicator: m for m in before.levels[lv].margins}
                for m in level.margins:
                    p = old.get(m.indicator)
                    if p is None:
                        continue
                    out.append(
                        Change(
                            county_code=code,
                            level=lv,
                            indicator=m.indicator,
                            year_from=before.year,
                            year_to=after.year,
                            value_from=p.value,
                            value_to=m.value,
                            threshold=m.threshold,
                            movement=tolerance.movement(p.value, m.value),
                            crossed_up=p.passed is True and m.passed is False,
                            crossed_down=p.passed is False and m.passed is True,
                        )
                    )
    return out


def county_changes(statuses: Sequence[CountyStatus]) -> list[CountyChange]:
    """Each county's verdict between consecutive years."""
    return [
        CountyChange(code, a.year, b.year, a.passed, b.passed)
        for code, years in _by_county(statuses).items()
        for a, b in itertools.pairwise(years)
    ]


def trends(statuses: Sequence[CountyStatus]) -> list[Trend]:
    """The slope and years to target of every CV seen in at least two years."""
    found: list[tuple[str, str, str, tuple[int, ...], tuple[float | None, ...], float | None]] = []
    fits: dict[tuple[int, ...], list[int]] = {}  # series by the years they have a value in
    for code, years in _by_county(statuses).items():  # counties in order of their codes
        if len(years) < 2:
            continue  # a county seen once has no series of two years
        series: dict[tuple[str, str], dict[int, tuple[float | None, float | None]]] = {}
        for s in years:
            for lv, level in s.levels.items():
                for m in level.margins:
                    series.setdefault((lv, m.indicator), {})[s.year] = (m.value, m.threshold)
        for lv, ind in sorted(series):
            by_year = series[lv, ind]
            if len(by_year) < 2:
                continue
            seen = sorted(by_year)
            values = tuple(by_year[y][0] for y in seen)
            known = tuple(y for y, v in zip(seen, values, strict=True) if v is not None)
            fits.setdefault(known, []).append(len(found))
            found.append((code, lv, ind, tuple(seen), values, by_year[seen[-1]][1]))
    slopes = _slopes(fits, [f[4] for f in found])
    out = []
    for (code, lv, ind, years_, values_, threshold), b in zip(found, slopes, strict=True):
        known_values = [v for v in values_ if v is not None]
        last = known_values[-1] if known_values else None
        to_target = years_to_target(last, threshold, b)
        out.append(Trend(code, lv, ind, years_, values_, threshold, b, to_target))
    return out


def _slopes(
    fits: dict[tuple[int, ...], list[int]], values: Sequence[tuple[float | None, ...]]
) -> list[float | None]:
    """:func:`slope` of every series, one least-squares fit for all the series that have
    values in the same years (numpy fits the columns of one matrix as it fits each)."""
    out: list[float | None] = [None] * len(values)
    for years, members in fits.items():
        if len(years) < 2:
            continue
        y = np.array([[v for v in values[m] if v is not None] for m in members], dtype=float)
        fitted = np.polyfit(np.asarray(years, float), y.T, 1)[0].tolist()
        for m, b in zip(members, fitted, strict=True):
            out[m] = 0.0 if abs(b) < 1e-12 else round(b, 12)
    return out


def slope(years: Sequence[float], values: Sequence[float]) -> float | None:
    """Least-squares change per year (``None`` with fewer than two points).

    Examples
    --------
    >>> slope([2023, 2024, 2025], [0.30, 0.28, 0.26])
    -0.02
    """
    if len(years) < 2:
        return None
    b = float(np.polyfit(np.asarray(years, float), np.asarray(values, float), 1)[0])
    return 0.0 if abs(b) < 1e-12 else round(b, 12)


def years_to_target(
    last: float | None, threshold: float | None, per_year: float | None
) -> float | None:
    """Years until a CV at ``last`` reaches ``threshold`` at ``per_year``, in tenths, up.

    ``0`` when it already meets it; ``None`` when the pace does not lead there.

    Examples
    --------
    >>> years_to_target(0.55, 0.50, -0.02), years_to_target(0.45, 0.50, 0.01)
    (2.5, 0.0)
    """
    if last is None or threshold is None:
        return None
    if last <= threshold:
        return 0.0
    if per_year is None or per_year >= 0:
        return None
    return math.ceil((last - threshold) / -per_year * 10 - 1e-9) / 10

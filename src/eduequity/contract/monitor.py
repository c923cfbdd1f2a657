"""The monitoring document (``eduequity.monitor/1``): counties over years against one
standard, with margins, rankings, changes, trends and the regional analysis."""

from __future__ import annotations

from typing import Literal

from eduequity.contract._base import Contract, Level, Verdict

__all__ = ["MonitorDoc"]

Warning = Literal["red", "amber", "green", "none"]
"""``red`` fails, ``amber`` passes with a share under ``amber_share``, ``green`` passes with
room, ``none`` has no threshold or no value."""
Movement = Literal["no_change", "rose", "fell", "unknown"]


class MarginDoc(Contract):
    """One CV (or the composite, ``composite_cv``) of a county and level against its
    threshold."""

    indicator: str
    """A CV indicator id, or ``composite_cv``."""
    value: float | None
    """The CV (or composite); null when undefined."""
    threshold: float | None
    """Null for a CV the standard judges only through the composite."""
    margin: float | None
    """``threshold − value``: positive passes; null without both."""
    share: float | None
    """The margin over the threshold; null without both or with a 0 threshold."""
    passed: Verdict
    """The figure against its threshold; null when not judged."""
    warning: Warning


class BindingDoc(MarginDoc):
    """The county's binding constraint: the figure with the smallest share over both
    levels."""

    level: Level


class LevelStatusDoc(Contract):
    """A county's level in one year."""

    passed: Verdict
    """The level's verdict."""
    warning: Warning
    """The worst band of the level's margins."""
    binding: str | None
    """The indicator with the smallest share; null when no figure has one."""
    binding_share: float | None
    """The binding figure's share."""
    sections: int
    """School sections evaluated."""
    failing_sections: int
    """Sections that fail a per-school standard."""
    margins: list[MarginDoc]
    """Each CV, then the composite when the standard has one."""


class CountyStatusDoc(Contract):
    """A county in one year: its verdict, band and margins."""

    county_code: str
    county_name: str
    year: int
    passed: Verdict
    """The county's verdict under the whole standard."""
    warning: Warning
    """The worst band of its levels (``red`` when the county fails)."""
    pupils: float
    """Pupils of the county's evaluated sections."""
    failing_parts: list[str]
    """The ids of the parts of the standard that fail."""
    binding: BindingDoc | None
    """Null when no figure has a share."""
    levels: dict[Level, LevelStatusDoc]
    """By school level."""


class RankedDoc(Contract):
    """A county's place in one year's ranking: passed, undecided, failed, then the largest
    share of the binding margin, then the code."""

    year: int
    scope: Literal["county", "primary", "junior"]
    """The county as a whole (its binding margin over both levels), or one level."""
    rank: int
    """1 is first."""
    county_code: str
    passed: Verdict
    binding: str | None
    """The binding indicator; null when none has a share."""
    share: float | None
    """The binding figure's share of its threshold."""


class ChangeDoc(Contract):
    """One CV of a county and level between two consecutive years of the data."""

    county_code: str
    level: Level
    indicator: str
    year_from: int
    year_to: int
    value_from: float | None
    """The CV in ``year_from``; null when undefined."""
    value_to: float | None
    """The CV in ``year_to``; null when undefined."""
    delta: float | None
    """``value_to − value_from``; null without both."""
    threshold: float | None
    movement: Movement
    """Beyond the noise tolerance or not; ``unknown`` without both values."""
    crossed_up: bool
    """Met the threshold, then missed it."""
    crossed_down: bool
    """Missed the threshold, then met it."""


class _CountyVerdicts(Contract):
    """A county's verdicts in two consecutive years."""

    county_code: str
    year_from: int
    year_to: int
    passed_from: Verdict
    passed_to: Verdict


class CountyChangeDoc(_CountyVerdicts):
    """A county's verdict between two consecutive years."""

    kind: Literal["regressed", "newly_passing", "same"]
    """``regressed``: passed, then failed; ``newly_passing``: passes, did not before;
    ``same``: any other pair."""


class CountyRegressionDoc(_CountyVerdicts):
    """A county that went from passed to failed (its change, with ``kind`` ``county``)."""

    kind: Literal["county"]


class CVRegressionDoc(ChangeDoc):
    """A CV that crossed its threshold upward (its change, with ``kind`` ``cv``)."""

    kind: Literal["cv"]


class NewlyPassingDoc(_CountyVerdicts):
    """A county that passes and did not the year before."""

    kind: Literal["newly_passing"]


class CVTrendDoc(Contract):
    """One CV of a county and level over all its years."""

    county_code: str
    level: Level
    indicator: str
    years: list[int]
    values: list[float | None]
    """Per year, null when undefined."""
    threshold: float | None
    slope: float | None
    """CV per year, least squares; null with fewer than two values."""
    years_to_target: float | None
    """0 when the last value passes; null when the trend does not lead there."""


class RegionDoc(Contract):
    """One indicator and level over the sections of a region's counties in one year."""

    region: str
    """The prefecture (4 digits), province (2 digits), or ``all``."""
    year: int
    level: Level
    indicator: str
    counties: int
    """Counties of the region with sections of the level."""
    sections: int
    """School sections pooled."""
    pooled_cv: float | None
    """Pupil-weighted CV of all the region's sections pooled."""
    theil_total: float | None
    """Theil T (GE(1)) of the pooled sections."""
    theil_between: float | None
    """The part of Theil T between counties."""
    theil_within: float | None
    """The part of Theil T within counties."""
    between_share: float | None
    """``theil_between / theil_total`` (0 when the total is 0)."""
    cv_of_county_means: float | None
    """Pupil-weighted CV of the county means."""
    undefined_reason: str | None
    """Why the figures are null, else null."""


class RollupDoc(Contract):
    """A region in one year: counties passing, their pupils, the warning bands."""

    region: str
    year: int
    counties: int
    passed: int
    """Counties that pass."""
    failed: int
    """Counties that fail."""
    undecided: int
    """Counties not decided (a verdict of null)."""
    pupils: float
    """Pupils of the region's counties."""
    pupils_in_passing: float
    """Pupils of the counties that pass."""
    warnings: dict[Warning, int]
    """Counties per band."""
    warning_shares: dict[Warning, float]
    """The same as shares of the region's counties."""


class BandsDoc(Contract):
    """The warning bands as used."""

    amber_share: float
    """A passing figure with a share under this is amber."""


class ToleranceDoc(Contract):
    """When a change in a CV counts as no change."""

    absolute: float
    """A CV change smaller than this is no change."""
    decimals: int
    """Nor is one that prints the same at these decimals."""


class MonitorDoc(Contract):
    """``eduequity monitor --format json`` / ``Monitoring.to_dict()``."""

    format: Literal["eduequity.monitor/1"]
    standard: str
    """The rule set id."""
    by: Literal["county", "prefecture", "province"]
    """The grain of the regions."""
    bands: BandsDoc
    tolerance: ToleranceDoc
    years: list[int]
    """The years of the data, ascending."""
    counties: list[CountyStatusDoc]
    """Every county and year evaluated."""
    rankings: list[RankedDoc]
    """Every year's rankings, for the county as a whole and for each level."""
    changes: list[ChangeDoc]
    """Each CV between consecutive years of each county."""
    county_changes: list[CountyChangeDoc]
    """Each county's verdict between consecutive years."""
    regressions: list[CountyRegressionDoc | CVRegressionDoc]
    """Counties that went from passed to failed, then CVs that crossed their threshold upward."""
    newly_passing: list[NewlyPassingDoc]
    """Counties that pass and did not the year before."""
    trends: list[CVTrendDoc]
    """Each CV of each county and level over its years."""
    regions: list[RegionDoc]
    """The between/within analysis of each region, year, level and indicator."""
    rollups: list[RollupDoc]
    """Each region in each year."""
    indicators: dict[str, dict[str, str]]
    """Each indicator's names by language (``zh``, ``en``)."""
    notes: list[str]
    """Sentences about the inputs, e.g. a year taken from a file name."""

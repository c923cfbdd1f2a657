"""The cross-check document (``eduequity.crosscheck/1``): another system's figures beside
ours, county by county, and the conventions that reproduce theirs."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eduequity.contract._base import Contract, Level, Verdict, absent

__all__ = ["CrossCheckDoc"]


class ReproductionDoc(Contract):
    """Conventions (one, or a pair) whose figure matches theirs, and that figure."""

    conventions: list[str]
    """Convention ids."""
    value: float
    """The figure under those conventions."""
    exact: bool
    """To 1e-9 of their value, not only within the tolerance."""


class FigureCheckDoc(Contract):
    """One of their figures: a CV, a mean or the composite of a county and level."""

    kind: Literal["cv", "mean", "composite"]
    """A CV, a mean, or the composite."""
    indicator: str | None
    """Null for the composite."""
    zh: str
    """The figure's name in Chinese."""
    en: str
    """The figure's name in English."""
    row: int | None
    """Their file's row."""
    ours: float | None
    """Our figure under the standard; null when undefined."""
    theirs: float
    """Their figure."""
    difference: float | None
    """Theirs − ours; null when ours is undefined."""
    agrees: bool
    """Within the tolerance."""
    ours_undefined_reason: str | None = absent()
    """Why our figure is undefined; present only then."""
    reproduced_by: list[ReproductionDoc]
    """The smallest sets of conventions that reproduce theirs, closest first."""


class LevelCheckDoc(Contract):
    """Their figures of one county and level against ours, and the verdict consequence."""

    county_code: str
    county_name: str
    year: int
    level: Level
    agrees: bool
    """Every figure agrees and no verdict flips."""
    our_verdict: Verdict
    """The standard's CV rules on our figures."""
    implied_verdict: Verdict
    """The same rules on their figures."""
    stated_verdict: Verdict
    """Their ``passed`` column; null when not given."""
    flips: bool | None
    """Our verdict and the implied one differ; null when one is undecided."""
    stated_flips: bool | None
    """Our verdict and their stated one differ; null when not stated or undecided."""
    explanation: list[str]
    """The convention ids that reproduce the most of their figures (empty when none does
    better than the standard)."""
    explained: int
    """How many of their figures the explanation reproduces."""
    explanation_verdict: Verdict
    """The verdict under the explanation."""
    account_zh: str
    """The short account in Chinese."""
    account_en: str
    """The short account in English."""
    figures: list[FigureCheckDoc]
    """Each of their figures beside ours."""


class UnmatchedDoc(Contract):
    """A row of their figures that could not be compared, and why."""

    row: int
    """Their file's row."""
    county_code: str
    year: int | None
    """Null when their row gives none."""
    level: Level
    indicator: str | None
    """Null for a row of the composite only."""
    cv: float | None
    """Their CV."""
    mean: float | None
    """Their mean."""
    composite: float | None
    """Their composite."""
    passed: Verdict
    """Their stated verdict."""
    reason: str
    """Why it could not be compared."""


class ConventionDoc(Contract):
    """A convention tried: one aspect (``axis``) in which a computation departs from the
    standard."""

    id: str
    """A stable id, e.g. ``unweighted``."""
    axis: str
    """The aspect it changes."""
    zh: str
    """Its name in Chinese."""
    en: str
    """Its name in English."""


class StandardRefDoc(Contract):
    """The standard checked against."""

    id: str
    """The rule set id."""
    revision: int
    """Its revision."""
    digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    """The digest of its content."""
    title_zh: str
    title_en: str


class ToleranceDoc(Contract):
    """When a figure matches theirs: ``|theirs − value| <= atol + rtol × |value|``."""

    rtol: float
    """Relative."""
    atol: float
    """Absolute."""


class CrossCheckDoc(Contract):
    """``eduequity crosscheck --format json`` / ``CrossCheck.to_dict()``."""

    format: Literal["eduequity.crosscheck/1"]
    standard: StandardRefDoc
    source: str
    """Their figures' source."""
    data_source: str
    """The school data's source."""
    tolerance: ToleranceDoc
    agrees: bool
    """Every figure agrees, no verdict flips and nothing is unmatched."""
    conventions: list[ConventionDoc]
    """The conventions tried (those that depart from the standard)."""
    levels: list[LevelCheckDoc]
    """One per county, year and level of their figures."""
    unmatched: list[UnmatchedDoc]
    """Their rows that could not be compared."""
    warnings: list[str]
    """Sentences, e.g. a column of theirs not used."""

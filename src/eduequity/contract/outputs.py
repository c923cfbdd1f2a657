"""The other JSON outputs of the command line (``--format json``) and of the service:
plan, whatif, trend, audit, validate, summary and the list of standards."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from eduequity.contract._base import Contract, DefectDoc, Level, Verdict, absent
from eduequity.contract.assessment import AssessmentDoc
from eduequity.contract.assessment2 import AssessmentDoc2
from eduequity.contract.error import ErrorDoc

__all__ = [
    "AuditDoc",
    "BatchDoc",
    "PlanDoc",
    "StandardsDoc",
    "SummaryDoc",
    "TrendDoc",
    "ValidateDoc",
    "WhatIfDoc",
]


# ---------------------------------------------------------------------------------- plan


class AdditionDoc(Contract):
    """``amount`` of ``column`` (in ``unit``) to add to one school, for ``cost`` yuan."""

    school_id: str
    level: str
    column: str
    amount: float
    unit: str
    cost: float


class CountyPlanDoc(Contract):
    """One county's additions and the resource part's verdict before and after them."""

    county_code: str
    year: int
    total_cost: float
    passed_before: Verdict
    passed_after: Verdict
    """Checked by applying the plan and evaluating again."""
    additions: list[AdditionDoc]
    notes: list[str]
    """Sentences in English about what the plan could not do or chose."""
    notes_zh: list[str] | None = absent()
    """The same notes in Chinese, where given."""


class PlanDoc(Contract):
    """``eduequity plan --format json`` / ``Plan.to_dict()``."""

    standard: str
    total_cost: float
    costs: dict[str, float]
    """Yuan per unit of each column, as used."""
    counties: list[CountyPlanDoc]


# -------------------------------------------------------------------------------- whatif


class CVMoveDoc(Contract):
    """A CV that moved."""

    level: Level
    indicator: str
    before: float | None
    after: float | None


class SchoolMoveDoc(Contract):
    """A school section whose verdict changed (or that left the table: ``gone``)."""

    school_id: str
    level: Level
    before: Verdict
    after: Verdict
    gone: bool


class CountyDifferenceDoc(Contract):
    """One county before and after the changes."""

    county_code: str
    year: int
    passed_before: Verdict
    passed_after: Verdict
    cvs: list[CVMoveDoc]
    schools: list[SchoolMoveDoc]


class WhatIfDoc(Contract):
    """``eduequity whatif --format json`` / ``WhatIf.to_dict()``."""

    standard: str
    changes: list[dict[str, Any]]
    """The changes applied, in order: ``{"add": …}``, ``{"move": …}``, ``{"close": ID}``,
    ``{"merge": …}`` (see :mod:`eduequity.whatif`)."""
    counties: list[CountyDifferenceDoc]


# --------------------------------------------------------------------------------- trend


class RegressionDoc(Contract):
    """A regression as data: what moved the wrong way, in which year, from and to."""

    kind: Literal["cv_rose", "meeting_fell"]
    year: int
    before: float
    after: float


class TrendEntryDoc(Contract):
    """One county, level and CV indicator over the years."""

    county_code: str
    level: Level
    indicator: str
    years: list[int]
    cv: list[float | None]
    """Per year, null when undefined."""
    threshold: float | None
    slope: float | None
    """CV per year, least squares."""
    years_to_target: float | None
    """0 when the last CV passes; null when the trend does not lead there."""
    meeting: list[int | None]
    """Schools meeting the indicator's per-school standard, per year."""
    regressions: list[str]
    """Sentences: a CV that rose, fewer schools meeting a standard than the year before."""
    regression_details: list[RegressionDoc] | None = absent()
    """The same regressions as data, where given."""


class TrendDoc(Contract):
    """``eduequity trend --format json``."""

    standard: str
    trends: list[TrendEntryDoc]


# --------------------------------------------------------------------------------- audit


class AuditFindingDoc(Contract):
    """A value to look at before filing."""

    code: Literal["unit_10k_suspected", "outlier", "jump"]
    county_code: str
    year: int
    school_id: str
    level: Level
    column: str
    value: float
    message: str
    context: dict[str, Any] | None = absent()
    """The figures behind the finding (e.g. ``ratio`` and ``median``), where given."""


class AuditDoc(Contract):
    """``eduequity audit --format json``: findings, or the loader's defects when the data
    are refused."""

    source: str | None
    clean: bool
    findings: list[AuditFindingDoc | DefectDoc]


# ------------------------------------------------------------------ validate and summary


class CountyKeyDoc(Contract):
    """A county and year in the table."""

    county_code: str
    year: int


class ValidateDoc(Contract):
    """``eduequity validate --format json`` on valid data (bad data give the error
    document, ``eduequity.error/1``)."""

    valid: Literal[True]
    source: str
    schools: int
    counties: list[CountyKeyDoc]
    warnings: list[DefectDoc]


class CountyCountDoc(Contract):
    """Schools of one county and year."""

    county_code: str
    county_name: str | None
    year: int
    schools: int


class SectionCountDoc(Contract):
    """Sections of one level and their pupils."""

    count: int
    students: float


class ExclusionDoc(Contract):
    """A school or section out of scope."""

    school_id: str
    county_code: str
    year: int
    level: Literal["all", "primary", "junior"]
    code: str
    reason: str


class MergeDoc(Contract):
    """A teaching point merged into its parent's primary section."""

    school_id: str
    parent_school_id: str
    county_code: str
    year: int
    level: Literal["primary"]
    students: int
    reason: str


class SummaryDoc(Contract):
    """``eduequity summary --format json``."""

    source: str
    schools: int
    counties: list[CountyCountDoc]
    by_type: dict[str, int]
    """Schools by ``school_type``."""
    warnings: list[DefectDoc]
    sections: dict[Level, SectionCountDoc]
    excluded: list[ExclusionDoc]
    merged: list[MergeDoc]


# ----------------------------------------------------------------------------- standards


class RuleSetEntryDoc(Contract):
    """A bundled rule set: identity, provenance and how certain its points are."""

    id: str
    revision: int
    kind: Literal["standard", "example"]
    """``standard``: a government text (``document`` is its number and title); ``example``:
    an illustration built from other material."""
    document: str
    year: int | None
    """The year of the text, ``null`` when unknown."""
    status: Literal["complete", "partial"]
    title_zh: str
    title_en: str
    extends: str | None
    certainty: dict[str, int]
    """How many rules carry each certainty label (``confirmed``, ``restated``, ``uncertain``)."""
    rules: int
    aliases: list[str]
    """Retired ids that still load this set, with a warning."""
    digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")


class StandardsDoc(Contract):
    """``eduequity rules list --format json`` and ``GET /standards``."""

    rule_sets: list[RuleSetEntryDoc]


# --------------------------------------------------------------------------------- batch


class BatchAssessedDoc(Contract):
    """A file evaluated: its assessment and the exit code it alone would give."""

    file: str
    exit_code: Literal[0, 1]
    """0 evaluated; 1 with ``--strict`` when a county does not pass."""
    assessment: Annotated[AssessmentDoc2 | AssessmentDoc, Field(discriminator="format")]
    """``eduequity.assessment/2``, or ``/1`` with ``--contract 1``."""


class BatchRefusedDoc(Contract):
    """A file refused: its error document."""

    file: str
    exit_code: Literal[2]
    error: ErrorDoc


class BatchDoc(Contract):
    """``eduequity evaluate PATH... --format json`` for several files or a folder: one
    result per file, in the order given (a folder's files by name)."""

    format: Literal["eduequity.batch/1"]
    results: list[BatchAssessedDoc | BatchRefusedDoc]

"""The assessment contract ``eduequity.assessment/1``: what ``Assessment.to_dict(1)`` and
``eduequity evaluate --format json --contract 1`` give (docs/assessment.md describes every
key; :mod:`eduequity.contract.assessment2` holds ``/2``, the default, from these models).

Numbers are unrounded doubles; an undefined number is ``null`` with a reason beside it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from eduequity.contract._base import (
    Contract,
    DefectDoc,
    Level,
    Status,
    Verdict,
    absent,
    absent_or_null,
)
from eduequity.contract.provenance import ProvenanceDoc

__all__ = ["AssessmentDoc"]

Number = float | None
"""A double, or ``null`` when undefined (never NaN)."""


class IndicatorLabel(Contract):
    """An indicator's names and unit."""

    zh: str
    en: str
    unit: str


class StandardDoc(Contract):
    """The rule set applied."""

    id: str
    revision: int
    digest: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    """``sha256:`` and the digest of the resolved rule set: exactly which rules applied."""
    title_zh: str
    title_en: str
    document: str
    """The official document, e.g. ``教督〔2017〕6号``."""
    status: Literal["complete", "partial"]
    lineage: list[str]
    """The rule sets this one is built from, the base first, itself last."""
    indicators: dict[str, IndicatorLabel]
    """Labels of every indicator the set names, by indicator id."""


class Miss(Contract):
    """A standard a school section misses: value against threshold, and by how much."""

    rule: str
    part: str
    indicator: str
    comparison: Literal["at_least", "at_most"]
    value: Number
    threshold: float
    shortfall: Number
    """In the indicator's unit."""
    shortfall_total: Number
    """What the school lacks in ``total_unit`` (null for at-most rules)."""
    floor_value: Number
    """The floor a k-of-n rule still demands (2017: 85 % of the standard)."""
    shortfall_to_floor: Number
    shortfall_to_floor_total: Number
    total_unit: str
    below_floor: bool | None
    tolerated: bool
    """The rule still passes despite this miss (e.g. 6 of 7 met, this one above the floor)."""
    reason: str
    reference: str


class SchoolDoc(Contract):
    """One in-scope school section: values, thresholds, verdicts and misses."""

    school_id: str
    school_name: str
    school_type: str
    location: str
    students: float
    values: dict[str, Number]
    """Each indicator's value for this section, by indicator id."""
    thresholds: dict[str, float]
    """The standard each per-school rule applies to this section, by indicator id."""
    passed: Verdict
    """The per-school rules of the set's level parts (null when none applies)."""
    rules: dict[str, Verdict]
    """Every per-school rule's verdict, by rule id."""
    failures: list[Miss]


class LeftOut(Contract):
    """A section left out of a CV, and why."""

    school_id: str
    reason: str


class IndicatorNumbers(Contract):
    """An indicator in one county and level: the enrollment-weighted mean and CV (``/2``'s
    ``IndicatorDoc2``; its labels are in ``standard.indicators``)."""

    mean: Number
    cv: Number
    cv_undefined_reason: str | None = absent()
    """Present (and only then) when ``cv`` is null."""
    cv_threshold: float | None
    cv_passed: Verdict
    n_schools: int
    students: float
    rule: str
    left_out: list[LeftOut]


class IndicatorDoc(IndicatorNumbers):
    """An indicator in one county and level, with its names and unit (``/1``)."""

    zh: str
    en: str
    unit: str


class LevelDoc(Contract):
    """The primary or junior sections of one county."""

    passed: Verdict
    indicators: dict[str, IndicatorDoc]
    composite_cv: Number
    """The 2012 composite (plain mean of the CVs); null under a set without one."""
    composite_cv_undefined_reason: str | None = absent()
    composite_cv_threshold: float | None = absent()
    composite_cv_passed: Verdict = absent_or_null()
    composite_cv_indicators: list[str] | None = absent()
    schools: list[SchoolDoc]


class SchoolRef(Contract):
    """A school section named by a rule."""

    school_id: str
    level: Level


class _RuleBase(Contract):
    id: str
    passed: Verdict
    status: Status
    message: str
    reference: str
    certainty: Literal["confirmed", "restated", "uncertain"]
    missing_columns: list[str] | None = absent()
    """The columns the data lack, when the rule is not assessed for that reason."""


class SchoolRuleDoc(_RuleBase):
    """A per-school rule over the county's sections."""

    kind: Literal["school_threshold", "school_k_of_n"]
    n_schools: int | None = absent()
    n_failed: int | None = absent()
    failed_schools: list[SchoolRef] | None = absent()
    undecided_schools: list[SchoolRef] | None = absent()


class CountyCVRuleDoc(_RuleBase):
    """A CV rule: each CV (2017) or their mean (2012) against the level's threshold."""

    kind: Literal["county_cv"]
    levels: dict[Level, Verdict] | None = absent()


class CountyInputRuleDoc(_RuleBase):
    """A county input (a score, a percentage) against its threshold."""

    kind: Literal["county_input"]
    input: str
    value: Any
    comparison: Literal["at_least", "at_most", "equal"] | None = absent()
    threshold: float | None = absent()
    inclusive: bool | None = absent()


class CountyEvidenceRuleDoc(_RuleBase):
    """Evidence the county shows (true) or not."""

    kind: Literal["county_evidence"]
    input: str
    value: Any


class VetoRuleDoc(_RuleBase):
    """A veto: the county fails when it applies."""

    kind: Literal["veto"]
    input: str
    value: Any


RuleDoc = Annotated[
    SchoolRuleDoc | CountyCVRuleDoc | CountyInputRuleDoc | CountyEvidenceRuleDoc | VetoRuleDoc,
    Field(discriminator="kind"),
]


class PartDoc(Contract):
    """A part of the standard for one county: passes when all its rules pass."""

    passed: Verdict
    status: Status
    zh: str
    en: str
    rules: list[RuleDoc]


class ExcludedDoc(Contract):
    """A school (or section) left out of scope, or a teaching point merged into its
    parent (then with ``parent_school_id`` and ``students``)."""

    school_id: str
    county_code: str
    year: int
    level: Literal["all", "primary", "junior"]
    code: str
    reason: str
    parent_school_id: str | None = absent()
    students: int | None = absent()


class CountyDoc(Contract):
    """One county in one year."""

    county_code: str
    county_name: str
    year: int
    passed: Verdict
    status: Status
    levels: dict[Level, LevelDoc]
    """Only levels with sections."""
    parts: dict[str, PartDoc]
    excluded: list[ExcludedDoc]
    inputs: dict[str, Any]
    """The county inputs used (satisfaction, scores, evidence), by input id."""
    provenance: dict[str, ProvenanceDoc] | None = absent()
    """How the inputs computed from records were obtained, by input id (only when some
    input came with its provenance)."""
    warnings: list[DefectDoc]


class AssessmentDoc(Contract):
    """Counties evaluated against one standard (``eduequity.assessment/1``)."""

    format: Literal["eduequity.assessment/1"]
    standard: StandardDoc
    source: str
    passed: Verdict
    """Every county passes (null when none fails but some part is not assessed)."""
    counties: list[CountyDoc]
    """Sorted by county code and year."""
    warnings: list[DefectDoc]

"""The compact assessment contract ``eduequity.assessment/2`` (the default since it exists).

What ``/1`` holds stays where it is, with what every county repeated said once instead
(docs/assessment.md, "/1 and /2"): labels of indicators in ``standard.indicators``, what a
per-school rule's items say in ``standard.rules``; a section lists only the rules it does
not pass; a per-school rule of a county gives counts, not school lists. The models below
are those of ``/1`` where nothing changes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from eduequity.contract._base import (
    Contract,
    DefectDoc,
    Level,
    Verdict,
    absent,
    absent_or_null,
)
from eduequity.contract.assessment import (
    CountyCVRuleDoc,
    CountyDoc,
    CountyEvidenceRuleDoc,
    CountyInputRuleDoc,
    IndicatorNumbers,
    Number,
    PartDoc,
    StandardDoc,
    VetoRuleDoc,
    _RuleBase,
)

__all__ = ["AssessmentDoc2"]


class RuleItemDoc(Contract):
    """One item of a per-school rule: the indicator, how it compares, where it is said."""

    indicator: str
    comparison: Literal["at_least", "at_most"]
    reference: str


class SchoolRuleSpec(Contract):
    """What a per-school rule says, once for the document."""

    part: str
    reference: str
    floor: float | None
    """The fraction of its threshold a failing item must still reach (2017: 0.85)."""
    items: list[RuleItemDoc]


class StandardDoc2(StandardDoc):
    """The rule set applied, and what each per-school rule's items say."""

    rules: dict[str, SchoolRuleSpec]
    """By rule id: the ``part``, ``comparison`` and ``reference`` failures refer to."""


class Miss2(Contract):
    """A standard a school section misses: its numbers (the rule item's words are in
    ``standard.rules``; the floor demanded is ``threshold × floor`` for an at-least item,
    ``threshold ÷ floor`` for an at-most one)."""

    rule: str
    indicator: str
    value: Number
    threshold: float
    shortfall: Number
    """In the indicator's unit."""
    shortfall_total: Number
    """What the school lacks in ``total_unit`` (null for at-most rules)."""
    shortfall_to_floor: Number
    shortfall_to_floor_total: Number
    total_unit: str
    below_floor: bool | None
    tolerated: bool
    """The rule still passes despite this miss (e.g. 6 of 7 met, this one above the floor)."""
    reason: str


class SchoolDoc2(Contract):
    """One in-scope school section: values, verdict, the rules it does not pass, misses."""

    school_id: str
    school_name: str
    school_type: str
    location: str
    students: float
    values: dict[str, Number]
    """Each indicator's value for this section, by indicator id."""
    passed: Verdict
    """The per-school rules of the set's level parts (null when none applies)."""
    rules: dict[str, Literal[False] | None]
    """The per-school rules the section fails (``false``) or cannot be judged on (``null``);
    a rule it passes, or that does not apply to it, is not listed."""
    failures: list[Miss2]


class IndicatorDoc2(IndicatorNumbers):
    """An indicator in one county and level: the enrollment-weighted mean and CV (its
    labels are in ``standard.indicators``)."""


class LevelDoc2(Contract):
    """The primary or junior sections of one county."""

    passed: Verdict
    indicators: dict[str, IndicatorDoc2]
    composite_cv: Number
    """The 2012 composite (plain mean of the CVs); null under a set without one."""
    composite_cv_undefined_reason: str | None = absent()
    composite_cv_threshold: float | None = absent()
    composite_cv_passed: Verdict = absent_or_null()
    composite_cv_indicators: list[str] | None = absent()
    schools: list[SchoolDoc2]


class SchoolRuleDoc2(_RuleBase):
    """A per-school rule over the county's sections: how many are judged and fail (which
    ones, each section's ``rules`` says)."""

    kind: Literal["school_threshold", "school_k_of_n"]
    n_schools: int | None = absent()
    n_failed: int | None = absent()


RuleDoc2 = Annotated[
    SchoolRuleDoc2 | CountyCVRuleDoc | CountyInputRuleDoc | CountyEvidenceRuleDoc | VetoRuleDoc,
    Field(discriminator="kind"),
]


class PartDoc2(PartDoc):
    rules: list[RuleDoc2]  # type: ignore[assignment]


class CountyDoc2(CountyDoc):
    """One county in one year."""

    levels: dict[Level, LevelDoc2]  # type: ignore[assignment]
    parts: dict[str, PartDoc2]  # type: ignore[assignment]


class AssessmentDoc2(Contract):
    """Counties evaluated against one standard (``eduequity.assessment/2``)."""

    format: Literal["eduequity.assessment/2"]
    standard: StandardDoc2
    source: str
    passed: Verdict
    """Every county passes (null when none fails but some part is not assessed)."""
    counties: list[CountyDoc2]
    """Sorted by county code and year."""
    warnings: list[DefectDoc]

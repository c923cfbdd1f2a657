"""The documents of the county's own records: a satisfaction survey
(``eduequity.survey/1``) and a teacher roster (``eduequity.teachers/1``)."""

from __future__ import annotations

from typing import Literal

from eduequity.contract._base import Contract, absent
from eduequity.contract.provenance import CountyInputsEntry

__all__ = ["SurveyDoc", "TeachersDoc"]


# -------------------------------------------------------------------------------- survey


class RateDoc(Contract):
    """A satisfaction rate with its 95 % interval."""

    satisfied: int
    """Responses counted as satisfied."""
    n: int
    """Valid responses counted."""
    rate: float | None
    """``satisfied / n`` (weighted when stratified); null without responses."""
    low: float | None
    """The lower bound of the 95 % interval."""
    high: float | None
    """The upper bound of the 95 % interval."""


class SurveyInputsDoc(Contract):
    """The county input the survey gives (none without a rate)."""

    social_recognition_pct: float | None = absent()
    """The overall rate × 100."""


class SurveyDoc(Contract):
    """``eduequity survey --format json`` / ``SurveyResult.to_dict()``."""

    format: Literal["eduequity.survey/1"]
    source: str
    """Where the records came from (a file name, or a label for records in memory)."""
    responses: int
    """Rows read."""
    valid: int
    """Responses answered once (don't-knows included)."""
    dont_know: int
    """Answers of 不了解 and the like."""
    invalid: dict[Literal["incomplete", "duplicate"], list[int]]
    """Why responses were not counted → their rows."""
    overall: RateDoc
    """The rate over all valid responses."""
    by_group: dict[str, RateDoc]
    """By respondent group (学生, 家长, 教师, …)."""
    by_school: dict[str, RateDoc]
    """By school."""
    sample_checks: dict[str, bool]
    """Each check of the sample the caller asked for (a sentence) → whether it holds."""
    design: str
    """How the rate and interval were computed."""
    county_inputs: SurveyInputsDoc
    """For ``county_inputs=`` of evaluate()."""
    counties: list[CountyInputsEntry] | None = absent()
    """When the county is known: the inputs with their provenance, in the county-inputs
    file form (this document is then a ``--county-inputs`` file)."""


# ------------------------------------------------------------------------------ teachers


class TeacherInputsDoc(Contract):
    """The county inputs the roster gives (each absent when its denominator is 0)."""

    teacher_rotation_pct: float | None = absent()
    """Rotated eligible teachers over eligible teachers × 100."""
    key_teachers_among_rotated_pct: float | None = absent()
    """Key teachers among the rotated × 100."""
    teacher_certificate_pct: float | None = absent()
    """Certified teachers over all teachers × 100."""
    teacher_training_completion_pct: float | None = absent()
    """Teachers with 360 hours of training over all teachers × 100."""


class StaffingDoc(Contract):
    """One school: staff needed by the norm, teachers on the roster, subjects missing."""

    school: str
    """The school as the roster names it."""
    needed: float
    """Pupils over the norm, both levels."""
    on_roster: int
    """Teachers of the school on the roster."""
    surplus: float
    """Headcount minus need: negative is a shortage."""
    missing_subjects: list[str]
    """Required subjects no teacher of the school teaches."""


class NormDoc(Contract):
    """Students per staff member, per level, with the norm's source and certainty."""

    primary: float
    """Primary pupils per staff member."""
    junior: float
    """Junior pupils per staff member."""
    source: str
    """Where the norm comes from."""
    certainty: str
    """How certain the norm is (``confirmed``, ``restated``, ``uncertain``)."""


class TeachersDoc(Contract):
    """``eduequity teachers --format json`` / ``RosterResult.to_dict()``."""

    format: Literal["eduequity.teachers/1"]
    source: str
    """Where the records came from (a file name, or a label for records in memory)."""
    teachers: int
    """Teachers on the roster."""
    eligible: int
    """Teachers eligible to rotate."""
    rotated: int
    """Eligible teachers who rotated (the ``rotated`` column, or a change of school between
    the years)."""
    key_rotated: int
    """Key teachers among those rotated."""
    certified: int
    """Teachers with a teaching certificate."""
    trained_360: int
    """Teachers with at least 360 hours of training in five years."""
    county_inputs: TeacherInputsDoc
    """For ``county_inputs=`` of evaluate()."""
    counties: list[CountyInputsEntry] | None = absent()
    """When the county is known: the inputs with their provenance, in the county-inputs
    file form (this document is then a ``--county-inputs`` file)."""
    by_school_subject: dict[str, dict[str, int]]
    """School → subject → teachers."""
    staffing: list[StaffingDoc]
    """Per school, when pupils were given."""
    norm: NormDoc
    """The staffing norm used."""

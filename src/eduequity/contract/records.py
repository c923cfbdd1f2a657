"""The documents of the county's own records: a satisfaction survey
(``eduequity.survey/1``) and a teacher roster (``eduequity.teachers/1``)."""

from __future__ import annotations

from typing import Literal

from eduequity.contract._base import Contract, absent

__all__ = ["SurveyDoc", "TeachersDoc"]


# -------------------------------------------------------------------------------- survey


class RateDoc(Contract):
    """A satisfaction rate with its 95 % interval."""

    satisfied: int
    n: int
    """Valid responses counted."""
    rate: float | None
    """``satisfied / n`` (weighted when stratified); null without responses."""
    low: float | None
    high: float | None


class SurveyInputsDoc(Contract):
    """The county input the survey gives (none without a rate)."""

    social_recognition_pct: float | None = absent()
    """The overall rate × 100."""


class SurveyDoc(Contract):
    """``eduequity survey --format json`` / ``SurveyResult.to_dict()``."""

    format: Literal["eduequity.survey/1"]
    source: str
    responses: int
    valid: int
    dont_know: int
    """Answers of 不了解 and the like."""
    invalid: dict[Literal["incomplete", "duplicate"], list[int]]
    """Why responses were not counted → their rows."""
    overall: RateDoc
    by_group: dict[str, RateDoc]
    """By respondent group (学生, 家长, 教师, …)."""
    by_school: dict[str, RateDoc]
    sample_checks: dict[str, bool]
    """Each check of the sample the caller asked for (a sentence) → whether it holds."""
    design: str
    """How the rate and interval were computed."""
    county_inputs: SurveyInputsDoc


# ------------------------------------------------------------------------------ teachers


class TeacherInputsDoc(Contract):
    """The county inputs the roster gives (each absent when its denominator is 0)."""

    teacher_rotation_pct: float | None = absent()
    key_teachers_among_rotated_pct: float | None = absent()
    teacher_certificate_pct: float | None = absent()
    teacher_training_completion_pct: float | None = absent()


class StaffingDoc(Contract):
    """One school: staff needed by the norm, teachers on the roster, subjects missing."""

    school: str
    needed: float
    on_roster: int
    surplus: float
    """Headcount minus need: negative is a shortage."""
    missing_subjects: list[str]


class NormDoc(Contract):
    """Students per staff member, per level, with the norm's source and certainty."""

    primary: float
    junior: float
    source: str
    certainty: str


class TeachersDoc(Contract):
    """``eduequity teachers --format json`` / ``RosterResult.to_dict()``."""

    format: Literal["eduequity.teachers/1"]
    source: str
    teachers: int
    eligible: int
    """Teachers eligible to rotate."""
    rotated: int
    key_rotated: int
    """Key teachers among those rotated."""
    certified: int
    trained_360: int
    """Teachers with at least 360 hours of training in five years."""
    county_inputs: TeacherInputsDoc
    by_school_subject: dict[str, dict[str, int]]
    """School → subject → teachers."""
    staffing: list[StaffingDoc]
    norm: NormDoc

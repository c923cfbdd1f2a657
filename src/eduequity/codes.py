"""The stable machine codes, in one place: data defects, exclusions, undefined CVs.

Each is a :class:`enum.StrEnum`: a member *is* its string (``DefectCode.NEGATIVE_VALUE ==
"negative_value"``), so JSON, ``Defect.code`` and comparisons with text keep working, and a
code spelt two ways can no longer happen. The prose beside a code (the defect's sentence,
the reason shown to people) is written where the finding is made.

This module imports nothing of eduequity: every layer may use it.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CVReason", "DefectCode", "ExclusionCode"]


class DefectCode(StrEnum):
    """The code of a :class:`~eduequity.defects.Defect` found in input data or rules."""

    # the file or table as a whole
    NO_ROWS = "no_rows"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    CONFLICTING_COLUMNS = "conflicting_columns"
    UNKNOWN_COLUMN = "unknown_column"
    UNNAMED_COLUMN = "unnamed_column"
    TITLE_ROWS_SKIPPED = "title_rows_skipped"
    SHORT_ROW = "short_row"
    MULTILINE_CELL = "multiline_cell"
    CELLS_OUTSIDE_HEADER = "cells_outside_header"
    FORMULA_WITHOUT_VALUE = "formula_without_value"
    MERGED_CELLS = "merged_cells"
    TOTAL_ROW = "total_row"
    # one cell
    NOT_A_NUMBER = "not_a_number"
    NOT_A_BOOLEAN = "not_a_boolean"
    NOT_A_SCALAR = "not_a_scalar"
    NOT_EXACT = "not_exact"
    NOT_FINITE = "not_finite"
    NOT_WHOLE = "not_whole"
    NEGATIVE_VALUE = "negative_value"
    IMPLAUSIBLE_MAGNITUDE = "implausible_magnitude"
    IMPLAUSIBLE_YEAR = "implausible_year"
    UNKNOWN_SCHOOL_TYPE = "unknown_school_type"
    UNKNOWN_OWNERSHIP = "unknown_ownership"
    UNKNOWN_LOCATION = "unknown_location"
    # one school
    MISSING_SCHOOL_ID = "missing_school_id"
    MISSING_SCHOOL_TYPE = "missing_school_type"
    DUPLICATE_SCHOOL_ID = "duplicate_school_id"
    SUBSET_EXCEEDS_TOTAL = "subset_exceeds_total"
    SECTION_NOT_IN_TYPE = "section_not_in_type"
    STUDENTS_WITHOUT_TEACHERS = "students_without_teachers"
    TEACHERS_WITHOUT_STUDENTS = "teachers_without_students"
    TEACHERS_NEED_SECTION = "teachers_need_section"
    # county inputs
    UNKNOWN_INPUT = "unknown_input"
    LOOKS_LIKE_FRACTION = "looks_like_fraction"
    # evaluation
    RULE_NOT_ASSESSED = "rule_not_assessed"
    FLAG_NOT_APPLIED = "flag_not_applied"


class ExclusionCode(StrEnum):
    """Why a school or section is left out of a county's CVs (``excluded[].code``)."""

    PRIVATE_OUT_OF_SCOPE = "private_out_of_scope"
    SPECIAL_OUT_OF_SCOPE = "special_out_of_scope"
    SPLIT_DISABLED = "split_disabled"
    TEACHING_POINT_EXCLUDED = "teaching_point_excluded"
    TEACHING_POINT_TOO_SMALL = "teaching_point_too_small"
    TEACHING_POINT_WITHOUT_PARENT = "teaching_point_without_parent"
    PARENT_NOT_FOUND = "parent_not_found"
    PARENT_OUT_OF_SCOPE = "parent_out_of_scope"
    PARENT_WITHOUT_PRIMARY = "parent_without_primary"
    TEACHING_POINT_MERGED = "teaching_point_merged"
    NO_STUDENTS = "no_students"


class CVReason(StrEnum):
    """Why a (grouped) statistic is undefined: :mod:`eduequity.metrics` reason codes, and
    the evaluation's own "no section has a value"."""

    ZERO_MEAN = "zero_mean"
    NEGATIVE_MEAN = "negative_mean"
    TOO_FEW_UNITS = "too_few_units"
    ZERO_WEIGHT = "zero_weight"
    NO_VALUE = "no_value"

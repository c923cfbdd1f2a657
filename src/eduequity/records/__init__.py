"""Figures computed from the records themselves: surveys, teacher rosters, student scores.

- :func:`survey`: social recognition (社会认可度) from one row per response, with validity,
  Wilson (or stratified) intervals, and the sample rules the caller sets;
- :func:`teachers`: rotation, key teachers among the rotated, certificates and 360-hour
  training from one row per teacher, and staffing against a norm;
- :func:`school_gap`: the between-school gap in scores under both candidate definitions of
  校际差异率, in memory or in a query engine (DuckDB, or any DB-API connection).

Each gives ``county_inputs()`` that :func:`eduequity.evaluate` takes (a survey's and a
roster's directly, the school gap's under the definition the caller chooses): values with
their provenance (:mod:`eduequity.provenance`), which the assessment keeps and the reports
show.
"""

from eduequity.records.scores import GapResult, school_gap
from eduequity.records.survey import SurveyResult, SurveyScheme, survey
from eduequity.records.teachers import RosterResult, StaffingNorm, teachers

__all__ = [
    "GapResult",
    "RosterResult",
    "StaffingNorm",
    "SurveyResult",
    "SurveyScheme",
    "school_gap",
    "survey",
    "teachers",
]

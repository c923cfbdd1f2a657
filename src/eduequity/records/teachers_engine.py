"""A teacher roster counted in a query engine (``teachers(..., engine=...)``).

One ``GROUP BY school, subject`` (:func:`eduequity.engine.sql.roster_cells`) gives, per
cell, the teachers, the eligible, the rotated eligible, the key teachers among them, the
certified and the trained; the county's totals are the cells' sums, and staffing is
worked out from the cells by the code the in-memory path uses. A teacher rotated when the
``rotated`` flag says so, when the last two ``school_YYYY`` columns differ, or when last
year's roster (``previous``, joined by teacher id) gives another school. Bad values are
looked for first and named by teacher id: a flag that is neither yes nor no, negative
training hours, a teacher whom last year's roster places in two schools.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eduequity.engine import Source, sql
from eduequity.errors import DataError
from eduequity.records.in_engine import mapped_columns, open_records
from eduequity.records.reading import value_error
from eduequity.records.teachers import (
    _NO,
    _YEAR_COL,
    _YES,
    LAYOUT,
    RosterResult,
    StaffingNorm,
    _staffing,
    missing_columns,
)

__all__ = ["roster_in_engine"]

_FLAGS = ("is_key_teacher", "eligible_for_rotation", "certificate", "rotated")


def roster_in_engine(
    roster: Any,
    previous: Any,
    engine: Any,
    table: str | None,
    students: Mapping[str, tuple[float, float]] | None,
    norm: StaffingNorm,
    required_subjects: Sequence[str],
) -> RosterResult:
    """:func:`eduequity.records.teachers` with the roster in ``engine``."""
    source, cols = open_records(roster, engine, table, LAYOUT, ("teacher_id", "school"))
    _check(source, cols)
    join, moved = _moved(source, cols, previous)
    yes = sorted(_YES)
    by: dict[str, dict[str, int]] = {}
    totals = [0] * 6
    rows = source.rows(sql.roster_cells(source.relation, cols, moved, yes, source.dialect,
                                        join=join))  # fmt: skip
    for school, subject, *counts in sorted(rows, key=lambda r: (str(r[0]), str(r[1]))):
        by.setdefault(str(school), {})[str(subject)] = int(counts[0])
        totals = [t + int(c or 0) for t, c in zip(totals, counts, strict=True)]
    n, eligible, rotated, key_rotated, certified, trained = totals
    return RosterResult(
        source=source.name, teachers=n, eligible=eligible, rotated=rotated,
        key_rotated=key_rotated, certified=certified, trained_360=trained,
        missing=missing_columns(cols),
        by_school_subject=by, staffing=tuple(_staffing(by, students, norm, required_subjects)),
        norm=norm,
    )  # fmt: skip


def _check(source: Source, cols: Mapping[str, str]) -> None:
    label = cols["teacher_id"]
    allowed = sorted(_YES | _NO)
    for flag in _FLAGS:
        if flag not in cols:
            continue
        bad = source.rows(sql.bad_values(source.relation, cols[flag], allowed, source.dialect,
                                         label))  # fmt: skip
        if bad:
            at = ("rec.at.teacher", {"file": source.name, "teacher": bad[0][0]})
            raise value_error(f"{source.name}, teacher {bad[0][0]}, column {flag}: must be 是 "
                              f"or 否, got {bad[0][1]!r}", "rec_yes_no", at, flag,
                              source.dialect.unquote(cols[flag]), value=bad[0][1])  # fmt: skip
    if "training_hours_5y" in cols:
        bad = source.rows(sql.negative_values(source.relation, cols["training_hours_5y"], label))
        if bad:
            at = ("rec.at.teacher", {"file": source.name, "teacher": bad[0][0]})
            header = source.dialect.unquote(cols["training_hours_5y"])
            raise value_error(f"{source.name}, teacher {bad[0][0]}, column training_hours_5y: "
                              f"must be ≥ 0, got {bad[0][1]!r}", "rec_negative", at,
                              "training_hours_5y", header, value=bad[0][1])  # fmt: skip


def _moved(source: Source, cols: Mapping[str, str], previous: Any) -> tuple[str, str]:
    """The join (if any) and the condition that a row's teacher rotated."""
    d = source.dialect
    if previous is not None:
        prev = source.other(previous)
        pcols = mapped_columns(source, LAYOUT, prev)
        if "teacher_id" not in pcols or "school" not in pcols:
            raise DataError(f"{previous}: last year's roster needs teacher_id and school",
                            message_code="rec_previous_columns",
                            message_params={"file": previous})  # fmt: skip
        clash = source.rows(sql.previous_conflicts(prev, pcols["teacher_id"], pcols["school"], d))
        if clash:
            tid, a, b = clash[0]
            raise DataError(f"{previous}, teacher {tid}: last year's roster gives two schools, "
                            f"{a} and {b}", message_code="rec_previous_two_schools",
                            message_params={"file": previous, "teacher": tid, "first": a,
                                            "second": b})  # fmt: skip
        return sql.previous_join(prev, pcols["teacher_id"], pcols["school"], cols, d)
    if "rotated" in cols:
        return "", sql.is_yes(cols["rotated"], sorted(_YES), d)
    years = sorted((int(m.group(1)), c) for c in cols if (m := _YEAR_COL.match(c)))
    if len(years) < 2:
        raise DataError(f"{source.name}: needs a rotated column or two school_YYYY columns",
                        message_code="rec_needs_rotated", message_params={"file": source.name})
    (_, before), (_, after) = years[-2], years[-1]
    return "", sql.moved_between(cols[before], cols[after], d)


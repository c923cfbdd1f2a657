"""Row-level data rules on converted columns (data-format.md, "Data rules").

Errors refuse the data; warnings (implausible magnitudes, staffing without pupils) are kept
on the table and shown by ``validate``. The plausibility bounds are the library's own
screening limits, not numbers of a standard.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._cells import Coded, TextColumn
from eduequity.defects import Collector, plain

Columns = dict[str, NDArray[Any]]

# Plausibility bounds (data-format.md, "Data rules"): beyond them a value is kept but warned.
# Equipment above 1 000 000 元 per student: 万元 figures entered as 元 (×10 000).
MAX_EQUIPMENT_YUAN_PER_STUDENT = 1_000_000.0
# Equipment below 10 元 per student (a school's equipment is thousands of 元 per pupil):
# 万元 figures under a 元 header (÷10 000, about 0.3 元 per student).
MIN_EQUIPMENT_YUAN_PER_STUDENT = 10.0
MAX_AREA_M2_PER_STUDENT = 1_000.0
AREA_COLUMNS = ("teaching_aux_area_m2", "indoor_sports_area_m2", "sports_ground_area_m2")
# Whole-number columns with a calendar meaning: values outside are refused.
YEAR_RANGES: dict[str, tuple[int, int]] = {"year": (1949, 2100), "built_year": (1800, 2100)}


def check_rows(
    cols: Columns, present: set[str], out: Collector, *, types: TextColumn | None = None
) -> None:
    """Apply every row rule; defects go to ``out``. ``types``: the school types as read
    (coded when the reader coded them; by default ``cols["school_type"]``)."""
    _check_numbers(cols, present, out)
    _check_ids(cols, out)
    _check_sections(cols, out, cols["school_type"] if types is None else types)
    _check_subsets(cols, present, out)
    _check_staffing(cols, present, out)
    _check_magnitudes(cols, present, out)


def _check_numbers(cols: Columns, present: set[str], out: Collector) -> None:
    for col in C.CANONICAL:
        if col.id not in present or col.kind not in ("count", "number", "int"):
            continue
        v = cols[col.id]
        if col.kind in ("count", "number"):
            out.add_many("error", "negative_value", v < 0, col.id, v, "must be >= 0, got {value}")
        frac = np.zeros(v.shape[0], dtype=bool)
        if col.kind in ("count", "int"):
            frac = ~np.isnan(v) & (v != np.floor(v))
            out.add_many(
                "error", "not_whole", frac, col.id, v, "must be a whole number, got {value}"
            )
        if col.id in YEAR_RANGES:
            low, high = YEAR_RANGES[col.id]
            outside = ~frac & ((v < low) | (v > high))
            out.add_many(
                "error", "implausible_year", outside, col.id, v,
                f"must be a year from {low} to {high}, got {{value}}",
                {"low": low, "high": high},
            )


def _check_ids(cols: Columns, out: Collector) -> None:
    ids = cols["school_id"]
    out.add_many("error", "missing_school_id", ids == "", "school_id", None, "school_id is empty")
    if _all_distinct(ids):
        return  # no duplicate within any county and year
    year = cols["year"].astype(str)
    key = np.char.add(np.char.add(cols["county_code"], "\x1f"), year)
    key = np.char.add(np.char.add(key, "\x1f"), ids)
    order = np.argsort(key, kind="stable")
    sk = key[order]
    dup = np.zeros(key.shape[0], dtype=bool)
    same = (sk[1:] == sk[:-1]) & (ids[order][1:] != "")
    dup[order[1:][same]] = True
    if not dup.any():
        return
    first_of: dict[str, int] = {}
    for i in order:
        first_of.setdefault(str(key[i]), int(i))
    for i in np.flatnonzero(dup):
        j = first_of[str(key[i])]
        y = cols["year"][i]
        out.add(
            "error",
            "duplicate_school_id",
            f"duplicate school_id {str(ids[i])!r} in county {cols['county_code'][i] or '(none)'}, "
            f"year {'(none)' if np.isnan(y) else plain(y)}: first at row {int(out.rows[j])}",
            index=int(i),
            column="school_id",
            value=str(ids[i]),
            params={
                "county": cols["county_code"][i] or "-",
                "year": "-" if np.isnan(y) else plain(y),
                "first_row": int(out.rows[j]),
            },
        )


def _all_distinct(cells: NDArray[np.str_]) -> bool:
    """Whether no two cells are equal: a hash of each cell's code points is sorted (numbers
    sort several times faster than text) and only equal hashes are compared as text.

    Examples
    --------
    >>> _all_distinct(np.array(["A1", "A2", "B1"])), _all_distinct(np.array(["A1", "B", "A1"]))
    (True, False)
    """
    n, width = cells.shape[0], cells.itemsize // 4
    codes = np.ascontiguousarray(cells).view(np.uint32).reshape(n, width)
    hashes = np.zeros(n, dtype=np.uint64)
    for k in range(width):  # (FNV-style; integer arrays wrap around silently)
        hashes *= np.uint64(1_099_511_628_211)
        hashes ^= codes[:, k]
    hashes.sort()
    if not (hashes[1:] == hashes[:-1]).any():
        return True
    ordered = np.sort(cells)
    return not (ordered[1:] == ordered[:-1]).any()


def _of_kind(types: TextColumn) -> dict[str, NDArray[np.bool_]]:
    """The rows of each school type (of a coded column: its few distinct cells compared)."""
    if isinstance(types, Coded):  # each row's kind as a small number, compared as such
        kinds = list(C.TYPE_SECTIONS)
        number = np.array([kinds.index(v) if v in kinds else -1 for v in types.values.tolist()])
        of_row = np.take(number.astype(np.int8), types.codes)
        return {kind: of_row == k for k, kind in enumerate(kinds)}
    return {kind: types == kind for kind in C.TYPE_SECTIONS}


def _check_sections(cols: Columns, out: Collector, coded: TextColumn) -> None:
    types = cols["school_type"]
    of_kind = _of_kind(coded)
    for section in C.SECTIONS:
        students = cols[f"students_{section}"]
        allowed = np.ones(types.shape[0], dtype=bool)
        for kind, sections in C.TYPE_SECTIONS.items():
            if section not in sections:
                allowed &= ~of_kind[kind]
        bad = (students > 0) & ~allowed & (types != "")
        for i in np.flatnonzero(bad):
            out.add(
                "error",
                "section_not_in_type",
                f"a {types[i]} school has no {section} section, got {plain(students[i])} "
                "students",
                index=int(i),
                column=f"students_{section}",
                value=float(students[i]),
                params={"type": str(types[i]), "section": section},
            )


def _check_subsets(cols: Columns, present: set[str], out: Collector) -> None:
    for level in C.LEVELS:
        total = f"teachers_{level}"
        if total not in present:
            continue
        for stem in C.TEACHER_SUBSETS:
            part = f"{stem}_{level}"
            if part not in present:
                continue
            # a negative value is already an error of its own; do not compare it twice
            bad = (cols[part] > cols[total]) & (cols[total] >= 0)
            for i in np.flatnonzero(bad):
                out.add(
                    "error",
                    "subset_exceeds_total",
                    f"{part} ({cols[part][i]:g}) exceeds {total} ({cols[total][i]:g})",
                    index=int(i),
                    column=part,
                    value=float(cols[part][i]),
                    params={"total_column": total, "total": plain(cols[total][i])},
                )
    if {"indoor_sports_area_m2", "teaching_aux_area_m2"} <= present:
        indoor, aux = cols["indoor_sports_area_m2"], cols["teaching_aux_area_m2"]
        for i in np.flatnonzero((indoor > aux) & (aux >= 0)):
            out.add(
                "error",
                "subset_exceeds_total",
                f"indoor_sports_area_m2 ({indoor[i]:g}) exceeds teaching_aux_area_m2 "
                f"({aux[i]:g}), which includes it",
                index=int(i),
                column="indoor_sports_area_m2",
                value=float(indoor[i]),
                params={
                    "total_column": "teaching_aux_area_m2", "total": plain(aux[i]),
                    "variant": "includes",
                },
            )  # fmt: skip


def _check_staffing(cols: Columns, present: set[str], out: Collector) -> None:
    for level in C.LEVELS:
        tcol = f"teachers_{level}"
        if tcol not in present:
            continue
        students = np.nan_to_num(cols[f"students_{level}"])
        teachers = np.nan_to_num(cols[tcol])
        for i in np.flatnonzero((students > 0) & (teachers == 0)):
            out.add(
                "warning",
                "students_without_teachers",
                f"{plain(students[i])} {level} students but no {level} teachers",
                index=int(i),
                column=tcol,
                value=float(cols[tcol][i]),
                params={"level": level, "students": plain(students[i])},
            )
        for i in np.flatnonzero((teachers > 0) & (students == 0)):
            out.add(
                "warning",
                "teachers_without_students",
                f"{plain(teachers[i])} {level} teachers but no {level} students",
                index=int(i),
                column=f"students_{level}",
                value=float(cols[f"students_{level}"][i]),
                params={"level": level, "teachers": plain(teachers[i])},
            )


def _check_magnitudes(cols: Columns, present: set[str], out: Collector) -> None:
    students = sum(np.nan_to_num(cols[f"students_{s}"]) for s in C.SECTIONS)
    with np.errstate(divide="ignore", invalid="ignore"):
        if "equipment_value_yuan" in present:
            value = cols["equipment_value_yuan"]
            per = value / students
            for i in np.flatnonzero((students > 0) & (per > MAX_EQUIPMENT_YUAN_PER_STUDENT)):
                out.add(
                    "warning",
                    "implausible_magnitude",
                    f"equipment value {value[i]:g} yuan is "
                    f"{per[i]:,.0f} yuan per student: were 万元 entered as 元?",
                    index=int(i),
                    column="equipment_value_yuan",
                    value=float(value[i]),
                    params={"per": f"{per[i]:,.0f}", "variant": "equipment_high"},
                )
            low = (students > 0) & (value > 0) & (per < MIN_EQUIPMENT_YUAN_PER_STUDENT)
            for i in np.flatnonzero(low):
                out.add(
                    "warning",
                    "implausible_magnitude",
                    f"equipment value {value[i]:g} yuan is {per[i]:.2g} yuan per student: "
                    "were 万元 figures entered under a 元 header? (a 万元 column is read "
                    "with the header 教学仪器设备资产值(万元))",
                    index=int(i),
                    column="equipment_value_yuan",
                    value=float(value[i]),
                    params={"per": f"{per[i]:.2g}", "variant": "equipment_low"},
                )
        for name in AREA_COLUMNS:
            if name not in present:
                continue
            per = cols[name] / students
            for i in np.flatnonzero((students > 0) & (per > MAX_AREA_M2_PER_STUDENT)):
                out.add(
                    "warning",
                    "implausible_magnitude",
                    f"{cols[name][i]:g} m² is {per[i]:,.0f} m² per student",
                    index=int(i),
                    column=name,
                    value=float(cols[name][i]),
                    params={"per": f"{per[i]:,.0f}"},
                )

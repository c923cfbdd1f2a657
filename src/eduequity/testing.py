"""Helpers for test suites: hypothesis strategies for valid schools and tables.

Needs the ``testing`` extra (hypothesis). Use them in your own property tests::

    from hypothesis import given
    from eduequity.testing import tables

    @given(tables(counties=3))
    def test_my_pipeline(table):
        ...
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from eduequity import _columns as C
from eduequity.table import SchoolTable

__all__ = ["school_records", "schools", "tables"]

_STEMS = [stem for stem, _ in C.TEACHER_STEMS]


@st.composite
def school_records(
    draw: st.DrawFn,
    *,
    school_id: str | None = None,
    county_code: str = "330106",
    year: int = 2025,
    school_types: tuple[str, ...] = tuple(C.SCHOOL_TYPES),
) -> dict[str, Any]:
    """One valid school as a dict of canonical columns (students ≥ 1 in every section of
    its type; subsets never exceed totals; areas consistent)."""
    kind = draw(st.sampled_from(school_types))
    rec: dict[str, Any] = {
        "school_id": school_id or draw(st.from_regex(r"[0-9A-Z]{6,10}", fullmatch=True)),
        "county_code": county_code,
        "year": year,
        "school_type": kind,
        "ownership": draw(st.sampled_from(["public", "public", "private"])),
        "location": draw(st.sampled_from(list(C.LOCATIONS))),
    }
    for section in C.TYPE_SECTIONS[kind]:
        rec[f"students_{section}"] = draw(st.integers(1, 3000))
    aux = draw(st.floats(0, 50_000, allow_nan=False).map(lambda v: round(v, 2)))
    rec["teaching_aux_area_m2"] = aux
    rec["indoor_sports_area_m2"] = round(aux * draw(st.floats(0, 0.3)), 2)
    rec["sports_ground_area_m2"] = draw(st.floats(0, 80_000).map(lambda v: round(v, 2)))
    rec["equipment_value_yuan"] = draw(st.floats(0, 1e7).map(lambda v: round(v, 2)))
    for col in ("teaching_computers", "books", "multimedia_classrooms"):
        rec[col] = draw(st.integers(0, 100_000 if col == "books" else 500))
    for level in C.LEVELS:
        if level not in C.TYPE_SECTIONS[kind]:
            continue
        teachers = draw(st.integers(1, 200))
        rec[f"teachers_{level}"] = teachers
        for stem in _STEMS[1:]:
            rec[f"{stem}_{level}"] = draw(st.integers(0, teachers))
    return rec


def schools(**kwargs: Any) -> st.SearchStrategy[Any]:
    """Valid :class:`~eduequity.models.School` records (see :func:`school_records`)."""
    from eduequity.models import School

    return school_records(**kwargs).map(School.model_validate)


@st.composite
def tables(draw: st.DrawFn, *, counties: int = 1, max_schools: int = 12) -> SchoolTable:
    """Valid tables of one or more counties; some teaching points point to a parent."""
    from eduequity.io import load_schools

    rows: list[dict[str, Any]] = []
    for c in range(counties):
        code = f"{330100 + c:06d}"
        n = draw(st.integers(1, max_schools))
        for k in range(n):
            rows.append(draw(school_records(school_id=f"{code}S{k:03d}", county_code=code)))
        ids = [
            r["school_id"]
            for r in rows
            if r["county_code"] == code and r["school_type"] != "teaching_point"
        ]
        for r in rows:
            if r["county_code"] == code and r["school_type"] == "teaching_point" and ids:
                r["parent_school_id"] = draw(st.sampled_from([*ids, ""]))
    return load_schools(rows)

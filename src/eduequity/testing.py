"""Helpers for test suites: assertions, and hypothesis strategies for schools, tables
and rule sets.

The strategies need the ``testing`` extra (hypothesis). Use them in your own tests::

    from hypothesis import given
    from eduequity.testing import assert_meets_standard, tables

    def test_our_export_meets_2017(our_table):
        assert_meets_standard(our_table, "cn-2017-quality", parts=["resource_allocation"])

    @given(tables(counties=3))
    def test_my_pipeline(table):
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from eduequity import _columns as C
from eduequity.crosscheck.assertion import assert_cvs_match
from eduequity.rules.loader import catalog_indicators, load_rule_set
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = [
    "assert_cvs_match",
    "assert_meets_standard",
    "rule_sets",
    "school_records",
    "schools",
    "tables",
]


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


def assert_meets_standard(
    schools: Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    county_inputs: Any = None,
    *,
    parts: Iterable[str] | None = None,
) -> None:
    """Assert that every county in ``schools`` meets ``standard``.

    With ``parts`` only those parts must pass (e.g. ``["resource_allocation"]`` when the
    county inputs are not part of the test); otherwise every part must, so a part left
    "not assessed" fails the assertion too. The ``AssertionError`` lists each failure
    (county, part, rule, school, value against threshold) and each part not assessed with
    the inputs or columns it lacks.
    """
    from eduequity.evaluate import evaluate

    a = evaluate(schools, standard, county_inputs)
    wanted = None if parts is None else list(parts)
    problems: list[str] = []
    for c in a.counties:
        chosen = c.parts if wanted is None else {k: c.parts[k] for k in wanted if k in c.parts}
        unknown = [] if wanted is None else [k for k in wanted if k not in c.parts]
        if unknown:
            raise AssertionError(f"{a.standard.id} has no part(s) {unknown}: {list(c.parts)}")
        for pid, part in chosen.items():
            if part.passed is None and part.status == "not_assessed":
                why = "; ".join(r.message for r in part.rules if r.passed is None)
                problems.append(
                    f"county {c.county_code} ({c.year}) [{pid}] {why or 'not assessed: no rules'}"
                )
    lines = [
        line for line in a.failures() if wanted is None or any(f"[{p}/" in line for p in wanted)
    ]
    problems = lines + problems
    if problems:
        raise AssertionError(
            f"standard {a.standard.id} not met:\n" + "\n".join(f"  {x}" for x in problems)
        )


_RESOURCE_INDICATORS = (
    "teaching_area_per_student",
    "sports_area_per_student",
    "equipment_value_per_student",
    "books_per_student",
    "teachers_per_student",
    "computers_per_100_students",
)


@st.composite
def rule_sets(draw: st.DrawFn, *, base: str = "cn-2017-quality") -> RuleSet:
    """Valid rule sets derived from a bundled one: a random k-of-n per-school rule over some
    resource indicators (thresholds by level, optional floor), a CV rule (each or mean) and
    a county input, replacing the base set's resource rules."""
    rs = load_rule_set(base)
    chosen: Sequence[str] = draw(
        st.lists(st.sampled_from(_RESOURCE_INDICATORS), min_size=1, max_size=5, unique=True)
    )
    pos = st.floats(0.01, 50, allow_nan=False).map(lambda v: round(v, 3))
    items = [
        {
            "indicator": ind,
            "comparison": "at_least",
            "thresholds": [
                {"level": "primary", "value": draw(pos)},
                {"level": "junior", "value": draw(pos)},
            ],
        }
        for ind in chosen
    ]
    n = len(items)
    school_rule: dict[str, Any] = {
        "id": "drawn_school_rule",
        "kind": "school_k_of_n",
        "part": rs.level_parts[0],
        "reference": "drawn by eduequity.testing.rule_sets",
        "items": items,
        "min_met": draw(st.integers(0, n)),
        "floor": draw(st.none() | st.floats(0.05, 1.0).map(lambda v: round(v, 2))),
    }
    cv_rule: dict[str, Any] = {
        "id": "drawn_cv_rule",
        "kind": "county_cv",
        "part": rs.level_parts[0],
        "reference": "drawn by eduequity.testing.rule_sets",
        "aggregate": draw(st.sampled_from(["each", "mean"])),
        "indicators": list(chosen),
        "thresholds": [
            {"level": "primary", "value": draw(st.floats(0.05, 1.5))},
            {"level": "junior", "value": draw(st.floats(0.05, 1.5))},
        ],
    }
    keep = [
        r.model_dump(mode="json", exclude_none=True)
        for r in rs.rules
        if r.part not in rs.level_parts
    ]
    doc: Mapping[str, Any] = {
        **rs.model_dump(mode="json", exclude={"rules", "indicators"}),
        "id": "drawn",
        "status": "partial",
        "rules": [school_rule, cv_rule, *keep],
        "indicators": [
            i.model_dump(mode="json")
            for i in catalog_indicators()
            if i.id in chosen or any(i.id in _uses(r) for r in keep)
        ],
    }
    return RuleSet.model_validate(doc)


def _uses(rule: Mapping[str, Any]) -> set[str]:
    used = {item["indicator"] for item in rule.get("items", [])}
    return used | set(rule.get("indicators", []))

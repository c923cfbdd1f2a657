"""teachers(..., engine=): the roster counted in DuckDB and SQLite, equal to memory (by hand,
and on random rosters)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _engines import duckdb_relation, sqlite_table
from eduequity.errors import DataError
from eduequity.records import teachers

pytest.importorskip("duckdb")

HEADER = ("teacher_id", "school", "subject", "is_key_teacher", "eligible_for_rotation",
          "certificate", "training_hours_5y", "school_2024", "school_2025")  # fmt: skip
# five teachers: 1 (key) and 3 moved from A in 2024; 4 is not eligible though it moved
ROSTER = [
    ("1", "B", "语文", "是", "是", "是", 400, "A", "B"),
    ("2", "A", "体育", "否", "是", "否", 120, "A", "A"),
    ("3", "B", "数学", "否", "是", "是", 360, "A", "B"),
    ("4", "A", "数学", "是", "否", "是", 359.5, "B", "A"),
    ("5", "A", "语文", "否", "是", "是", 500, "A", "A"),
]  # fmt: skip


def _dicts(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(HEADER, r, strict=True)) for r in rows]


def test_a_two_year_roster_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(("教师编号", "学校", "任教学科", "骨干教师", "符合交流条件", "教师资格证",
                    "培训学时", "school_2024", "school_2025"))  # fmt: skip
        w.writerows(ROSTER)
    students = {"A": (57, 0), "B": (0, 27)}  # A needs 57/19 = 3, B 27/13.5 = 2
    for r in (teachers(path, engine="duckdb", students=students),
              teachers(None, engine=sqlite_table(_dicts(ROSTER)), table="t", students=students)):
        assert (r.teachers, r.eligible, r.rotated, r.key_rotated) == (5, 4, 2, 1)
        assert (r.certified, r.trained_360) == (4, 3)
        inputs = r.county_inputs()
        assert inputs["teacher_rotation_pct"].value == pytest.approx(50.0)  # 2 of 4 eligible
        assert inputs["key_teachers_among_rotated_pct"].value == pytest.approx(50.0)
        assert inputs["teacher_certificate_pct"].value == pytest.approx(80.0)
        assert inputs["teacher_training_completion_pct"].value == pytest.approx(60.0)
        assert r.by_school_subject == {"A": {"体育": 1, "数学": 1, "语文": 1},
                                       "B": {"数学": 1, "语文": 1}}  # fmt: skip
        a, b = r.staffing
        assert (a.school, a.needed, a.on_roster, a.surplus) == ("A", 3.0, 3, 0.0)
        assert (b.school, b.needed, b.surplus) == ("B", 2.0, 0.0)
        assert a.missing_subjects == ("音乐", "美术")
        assert b.missing_subjects == ("体育", "音乐", "美术")


def test_last_years_roster_joined_in_the_engine(tmp_path: Path) -> None:
    now = tmp_path / "now.csv"
    before = tmp_path / "before.csv"
    with open(now, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER[:7], *(r[:7] for r in ROSTER)])
    with open(before, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("工号", "学校"), *((r[0], r[7]) for r in ROSTER)])
    r = teachers(now, previous=before, engine="duckdb")
    assert (r.rotated, r.key_rotated) == (2, 1)
    con = sqlite_table(_dicts(ROSTER), "now")
    con.execute("CREATE TABLE before AS SELECT teacher_id, school_2024 AS school FROM now")
    assert teachers(None, previous="before", engine=con, table="now").rotated == 2
    con.execute("INSERT INTO before VALUES ('2', 'C')")
    with pytest.raises(DataError, match="teacher 2: last year's roster gives two schools"):
        teachers(None, previous="before", engine=con, table="now")


def test_bad_values_are_named_by_teacher() -> None:
    rows = _dicts(ROSTER)
    rows[2]["certificate"] = "maybe"
    with pytest.raises(DataError, match="teacher 3, column certificate: must be 是 or 否"):
        teachers(None, engine=sqlite_table(rows), table="t")
    rows[2]["certificate"] = "是"
    rows[4]["training_hours_5y"] = -3
    with pytest.raises(DataError, match="teacher 5, column training_hours_5y: must be ≥ 0"):
        teachers(None, engine=sqlite_table(rows), table="t")


FLAGS = ["是", "否", "yes", "no", "Y", "", None, "1", "0", "有", "无"]
teacher = st.fixed_dictionaries({
    "school": st.sampled_from(["A", "B", "C"]),
    "subject": st.one_of(st.none(), st.sampled_from(["语文", "数学", "体育", "音乐"])),
    "is_key_teacher": st.sampled_from(FLAGS),
    "eligible_for_rotation": st.sampled_from(FLAGS),
    "certificate": st.sampled_from(FLAGS),
    "training_hours_5y": st.one_of(st.none(), st.floats(0, 600, allow_nan=False)),
    "rotated": st.sampled_from(FLAGS),
    "school_2024": st.one_of(st.none(), st.sampled_from(["A", "B", "C"])),
})  # fmt: skip
TYPES = {"teacher_id": "VARCHAR", "school": "VARCHAR", "subject": "VARCHAR",
         "is_key_teacher": "VARCHAR", "eligible_for_rotation": "VARCHAR",
         "certificate": "VARCHAR", "training_hours_5y": "DOUBLE"}  # fmt: skip


def _same(a: Any, b: Any) -> None:
    da, db = a.to_dict(), b.to_dict()
    da.pop("source"), db.pop("source")
    assert da == db


@settings(max_examples=40, deadline=None)
@given(st.lists(teacher, min_size=1, max_size=40),
       st.sampled_from(["rotated", "years", "previous"]))
def test_engines_equal_memory_on_random_rosters(rows: list[dict[str, Any]], how: str) -> None:
    for k, r in enumerate(rows):
        r["teacher_id"] = f"t{k}"
        if how == "years":
            r["school_2025"] = r["school"]
        if how != "rotated":
            r.pop("rotated")
        if how != "years":
            r.pop("school_2024")
    students = {"A": (100.0, 0.0), "B": (40.0, 27.0), "D": (19.0, 0.0)}
    previous = None
    if how == "previous":
        previous = [{"teacher_id": r["teacher_id"], "school": s}
                    for r, s in zip(rows, "ABCCA" * 8, strict=False)]  # fmt: skip
    mem = teachers(rows, previous=previous, students=students)
    con = sqlite_table(rows)
    if previous is not None:
        con.execute("CREATE TABLE p (teacher_id, school)")
        con.executemany("INSERT INTO p VALUES (?, ?)", [(p["teacher_id"], p["school"])
                                                        for p in previous])  # fmt: skip
    _same(mem, teachers(None, previous=None if previous is None else "p", engine=con, table="t",
                        students=students))  # fmt: skip
    if how != "previous":
        types = dict(TYPES)
        types.update({"rotated": "VARCHAR"} if how == "rotated" else
                     {"school_2024": "VARCHAR", "school_2025": "VARCHAR"})  # fmt: skip
        _same(mem, teachers(duckdb_relation(rows, types), engine="duckdb", students=students))

"""school_gap(..., engine=): Chinese headers, levels and bad values in the engine, as in memory."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from _engines import sqlite_table
from eduequity.errors import DataError
from eduequity.records import school_gap

pytest.importorskip("duckdb")

# school A: 60 (Ⅱ), 80 (Ⅲ); school B: 70 (Ⅲ), 90 (Ⅳ), 95 (Ⅳ); school C: 50 (Ⅰ)
ROWS = [("s1", "A", 60.0, "Ⅱ"), ("s2", "A", 80.0, "Ⅲ"), ("s3", "B", 70.0, "Ⅲ"),
        ("s4", "B", 90.0, "Ⅳ"), ("s5", "B", 95.0, "Ⅳ"), ("s6", "C", 50.0, "Ⅰ")]  # fmt: skip


def test_chinese_headers_and_levels_in_duckdb_and_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["考号", "学校", "学科", "成绩", "水平"])
        w.writerows((i, s, "数学", y, lv) for i, s, y, lv in ROWS)
    records = [{"student_id": i, "school": s, "subject": "数学", "score": y, "level": lv}
               for i, s, y, lv in ROWS]  # fmt: skip
    mem = school_gap(records)["数学"]
    for g in (school_gap(path, engine="duckdb")["数学"],
              school_gap(None, engine=sqlite_table(records), table="t")["数学"]):
        assert g.means == pytest.approx({"A": 70.0, "B": 85.0, "C": 50.0}, rel=1e-12)
        assert g.share_level_3 == pytest.approx(4 / 6)  # Ⅲ, Ⅲ, Ⅳ, Ⅳ of six students
        assert g.icc == pytest.approx(mem.icc, rel=1e-12)
        assert (g.schools, g.students) == (3, 6)


def test_bad_values_are_refused_in_the_engine() -> None:
    records = [{"school": "A", "subject": "数学", "score": 60.0, "level": "Ⅴ"}]
    with pytest.raises(DataError, match="school A, column level: must be Ⅰ–Ⅳ, got 'Ⅴ'"):
        school_gap(None, engine=sqlite_table(records), table="t")
    records = [{"school": "B", "subject": "数学", "score": -1.0}]
    with pytest.raises(DataError, match="school B, subject 数学, column score: must be"):
        school_gap(None, engine=sqlite_table(records), table="t")

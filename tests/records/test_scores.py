"""school_gap(): both definitions by hand; the engine paths equal the in-memory one."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduequity.records import school_gap

# Three schools of 2, 3 and 1 students in one subject, and levels
ROWS = [
    ("s1", "A", 60.0, "Ⅱ"), ("s2", "A", 80.0, "Ⅲ"),
    ("s3", "B", 70.0, "Ⅲ"), ("s4", "B", 90.0, "Ⅳ"), ("s5", "B", 95.0, "Ⅳ"),
    ("s6", "C", 50.0, "Ⅰ"),
]  # fmt: skip


def _records(rows: list[tuple[str, str, float, str]]) -> list[dict[str, object]]:
    return [{"student_id": i, "school": s, "subject": "数学", "score": y, "level": lv}
            for i, s, y, lv in rows]  # fmt: skip


def test_both_definitions_by_hand() -> None:
    g = school_gap(_records(ROWS))["数学"]
    assert g.means == {"A": 70.0, "B": 85.0, "C": 50.0}
    n = [2, 3, 1]
    means = [70.0, 85.0, 50.0]
    grand = (60 + 80 + 70 + 90 + 95 + 50) / 6
    ssb = sum(k * (m - grand) ** 2 for k, m in zip(n, means, strict=True))
    ssw = (10**2 + 10**2) + (15**2 + 5**2 + 10**2) + 0
    msb, msw = ssb / 2, ssw / 3
    n0 = (6 - (4 + 9 + 1) / 6) / 2
    assert g.icc == pytest.approx((msb - msw) / (msb + (n0 - 1) * msw), rel=1e-12)
    mu = sum(k * m for k, m in zip(n, means, strict=True)) / 6
    sd = (sum(k * (m - mu) ** 2 for k, m in zip(n, means, strict=True)) / 6) ** 0.5
    assert g.sd_of_means_pct == pytest.approx(sd, rel=1e-12)
    assert g.cv_of_means == pytest.approx(sd / mu, rel=1e-12)
    assert g.share_level_3 == pytest.approx(4 / 6)
    assert "not verified" in g.note


def _write_csv(path: Path, rows: list[tuple[str, str, float, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "school", "subject", "score"])
        for i, s, y, _ in rows:
            w.writerow([i, s, "数学", y])


def test_duckdb_and_sqlite_give_the_same(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    path = tmp_path / "scores.csv"
    _write_csv(path, ROWS)
    mem = school_gap(_records(ROWS))["数学"]
    duck = school_gap(path, engine="duckdb")["数学"]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE scores (student_id TEXT, school TEXT, subject TEXT, score REAL)")
    con.executemany("INSERT INTO scores VALUES (?, ?, ?, ?)",
                    [(i, s, "数学", y) for i, s, y, _ in ROWS])  # fmt: skip
    lite = school_gap(None, engine=con, table="scores")["数学"]
    for other in (duck, lite):
        assert other.means == pytest.approx(mem.means, rel=1e-12)
        assert other.icc == pytest.approx(mem.icc, rel=1e-9)
        assert other.cv_of_means == pytest.approx(mem.cv_of_means, rel=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCDE"), st.floats(0, 100, allow_nan=False)),
                min_size=3, max_size=60))  # fmt: skip
def test_engine_equals_memory_on_random_data(data: list[tuple[str, float]]) -> None:
    rows = [(f"s{k}", s, y, "Ⅲ") for k, (s, y) in enumerate(data)]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (school TEXT, subject TEXT, score REAL)")
    con.executemany("INSERT INTO t VALUES (?, '数学', ?)", [(s, y) for _, s, y, _ in rows])
    mem = school_gap(_records(rows))["数学"]
    lite = school_gap(None, engine=con, table="t")["数学"]
    assert lite.means == pytest.approx(mem.means, rel=1e-9, abs=1e-9)
    for a, b in ((lite.icc, mem.icc), (lite.cv_of_means, mem.cv_of_means)):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert a == pytest.approx(b, rel=1e-9, abs=1e-9)


def test_refusals(tmp_path: Path) -> None:
    from eduequity.errors import DataError

    with pytest.raises(DataError, match="row 1, column score: not a number"):
        school_gap([{"school": "A", "subject": "x", "score": 1},
                    {"school": "A", "subject": "x", "score": "abc"}])  # fmt: skip
    with pytest.raises(DataError, match="unknown engine"):
        school_gap([], engine="spark")
    with pytest.raises(DataError, match="table="):
        school_gap(None, engine=sqlite3.connect(":memory:"), table="x; DROP TABLE y")

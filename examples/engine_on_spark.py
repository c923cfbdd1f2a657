"""The record paths on Spark: the same statements as on DuckDB, run by ``spark.sql``.

    pip install pyspark            (and a Java 17 runtime: Spark needs it)
    python examples/engine_on_spark.py [SURVEY ROSTER SCORES SCHOOLS]

Each argument is a Parquet or CSV file (the layouts of docs/howto-records.md and the school
table); without them a small set of records is made here. Every file becomes a temporary
view, and eduequity's functions take the Spark session as ``engine`` and the view as
``table``: the queries of ``eduequity.engine.sql`` run in Spark's SQL dialect (``STRING``
casts, backquoted names, rows numbered over ``monotonically_increasing_id()``), and only
the per-group counts and sums come back to the driver. On a cluster, build the session
for it instead of ``local[2]`` and point the views at the national files.

Without files, each result is also computed in memory from the same records and the two
are compared (counts exactly, rates, intervals and CVs to 1e-9): the script exits 1 if
any differ. It also prints one statement, to run by hand (``spark.sql(text)``) or to read.
"""

from __future__ import annotations

import sys
from typing import Any

from pyspark.sql import SparkSession

import eduequity as eq
from eduequity.engine import SPARK, sql
from eduequity.metrics import grouped_cv
from eduequity.records import school_gap, survey, teachers


def same(a: Any, b: Any) -> bool:
    """Equal counts and keys; numbers to 1e-9."""
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a)) or (a != a and b != b)
    return bool(a == b)


def records(rows: list[tuple[Any, ...]], columns: list[str]) -> list[dict[str, Any]]:
    return [dict(zip(columns, r, strict=True)) for r in rows]


def view(spark: Any, name: str, path: str | None, rows: list[tuple[Any, ...]],
         columns: list[str]) -> str:  # fmt: skip
    """``path`` (or ``rows``) as the temporary view ``name``."""
    if path is None:
        frame = spark.createDataFrame(rows, columns)
    elif path.lower().endswith(".parquet"):
        frame = spark.read.parquet(path)
    else:
        frame = spark.read.option("header", True).option("inferSchema", True).csv(path)
    frame.createOrReplaceTempView(name)
    return name


RESPONSE_COLUMNS = ["respondent_id", "group", "school", "answer"]
RESPONSES = [
    ("1", "家长", "一小", "满意"), ("2", "家长", "一小", "不了解"), ("3", "学生", "二小", "不满意"),
    ("3", "学生", "二小", "满意"), ("4", "学生", "二小", "非常满意"), ("5", "教师", "一小", None),
]  # fmt: skip
ROSTER_COLUMNS = ["teacher_id", "school", "subject", "is_key_teacher", "eligible_for_rotation",
                  "certificate", "training_hours_5y", "school_2024", "school_2025"]  # fmt: skip
ROSTER = [
    ("t1", "一小", "语文", "是", "是", "是", 400.0, "二小", "一小"),
    ("t2", "一小", "体育", "否", "是", "否", 120.0, "一小", "一小"),
    ("t3", "二小", "数学", "否", "是", "是", 360.0, "二小", "二小"),
]  # fmt: skip
SCORE_COLUMNS = ["student_id", "school", "subject", "score"]
SCORES = [("s1", "一小", "数学", 60.0), ("s2", "一小", "数学", 70.0),
          ("s3", "二小", "数学", 80.0), ("s4", "二小", "数学", 90.0)]  # fmt: skip
SCHOOL_COLUMNS = ["county_code", "students", "area_per_pupil"]
SCHOOLS = [("330106", 1200.0, 5.0), ("330106", 300.0, 4.0), ("330108", 800.0, 6.5),
           ("330108", 900.0, 6.0)]  # fmt: skip


def main(argv: list[str]) -> int:
    files: list[str | None] = [*argv[:4], None, None, None, None][:4]
    spark = (SparkSession.builder.master("local[2]").appName("eduequity")
             .config("spark.ui.enabled", "false").getOrCreate())  # fmt: skip
    spark.sparkContext.setLogLevel("ERROR")
    differ = []
    try:
        responses = view(spark, "responses", files[0], RESPONSES, RESPONSE_COLUMNS)
        r = survey(None, engine=spark, table=responses)
        print(r.provenance("en"), "| invalid:", r.invalid)
        if files[0] is None:
            mem = survey(records(RESPONSES, RESPONSE_COLUMNS)).to_dict()
            if not same({**r.to_dict(), "source": ""}, {**mem, "source": ""}):
                differ.append("survey")

        roster = view(spark, "roster", files[1], ROSTER, ROSTER_COLUMNS)
        t = teachers(None, engine=spark, table=roster, students={"一小": (38, 0)})
        print("teachers:", t.county_inputs())
        if files[1] is None:
            mem = teachers(records(ROSTER, ROSTER_COLUMNS), students={"一小": (38, 0)}).to_dict()
            if not same({**t.to_dict(), "source": ""}, {**mem, "source": ""}):
                differ.append("teachers")

        scores = view(spark, "scores", files[2], SCORES, SCORE_COLUMNS)
        gaps = school_gap(None, engine=spark, table=scores)
        for subject, gap in gaps.items():
            print(f"school gap, {subject}: ICC {gap.icc:.4f}, CV of means {gap.cv_of_means:.4f}")
        if files[2] is None:
            mem_gaps = school_gap(records(SCORES, SCORE_COLUMNS))
            if not same({k: v.to_dict() for k, v in gaps.items()},
                        {k: v.to_dict() for k, v in mem_gaps.items()}):  # fmt: skip
                differ.append("school_gap")

        schools = view(spark, "schools", files[3], SCHOOLS, SCHOOL_COLUMNS)
        cv = grouped_cv("area_per_pupil", "county_code", "students", engine=spark, table=schools)
        print("CV by county:", dict(zip(cv.keys[0].tolist(), cv.value.round(6).tolist(),
                                        strict=True)))  # fmt: skip
        if files[3] is None:
            x = [v for _, _, v in SCHOOLS]
            mem_cv = grouped_cv(x, [c for c, _, _ in SCHOOLS], [w for _, w, _ in SCHOOLS])
            if not same(cv.as_records(), mem_cv.as_records()):
                differ.append("grouped_cv")

        cols = {c: SPARK.quote(c) for c in ("subject", "school", "score")}
        print("\nthe scores statement in Spark's dialect:\n",
              sql.school_sums(scores, cols, 50.0, SPARK))  # fmt: skip
        print("\neduequity", eq.__version__)
    finally:
        spark.stop()
    if files == [None] * 4:
        print("equal to the in-memory path:", "yes" if not differ else f"NO: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

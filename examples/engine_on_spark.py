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

The script also prints one statement, to run by hand (``spark.sql(text)``) or to read.
"""

from __future__ import annotations

import sys
from typing import Any

from pyspark.sql import SparkSession

import eduequity as eq
from eduequity.engine import SPARK, sql
from eduequity.metrics import grouped_cv
from eduequity.records import school_gap, survey, teachers


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


def main(argv: list[str]) -> int:
    files: list[str | None] = [*argv[:4], None, None, None, None][:4]
    spark = (SparkSession.builder.master("local[2]").appName("eduequity")
             .config("spark.ui.enabled", "false").getOrCreate())  # fmt: skip
    spark.sparkContext.setLogLevel("ERROR")
    try:
        responses = view(spark, "responses", files[0], [
            ("1", "家长", "一小", "满意"), ("2", "家长", "一小", "不了解"),
            ("3", "学生", "二小", "不满意"), ("3", "学生", "二小", "满意"),
            ("4", "学生", "二小", "非常满意"), ("5", "教师", "一小", None),
        ], ["respondent_id", "group", "school", "answer"])  # fmt: skip
        r = survey(None, engine=spark, table=responses)
        print(r.provenance("en"), "| invalid:", r.invalid)

        roster = view(spark, "roster", files[1], [
            ("t1", "一小", "语文", "是", "是", "是", 400.0, "二小", "一小"),
            ("t2", "一小", "体育", "否", "是", "否", 120.0, "一小", "一小"),
            ("t3", "二小", "数学", "否", "是", "是", 360.0, "二小", "二小"),
        ], ["teacher_id", "school", "subject", "is_key_teacher", "eligible_for_rotation",
            "certificate", "training_hours_5y", "school_2024", "school_2025"])  # fmt: skip
        t = teachers(None, engine=spark, table=roster, students={"一小": (38, 0)})
        print("teachers:", t.county_inputs())

        scores = view(spark, "scores", files[2], [
            ("s1", "一小", "数学", 60.0), ("s2", "一小", "数学", 70.0),
            ("s3", "二小", "数学", 80.0), ("s4", "二小", "数学", 90.0),
        ], ["student_id", "school", "subject", "score"])  # fmt: skip
        for subject, gap in school_gap(None, engine=spark, table=scores).items():
            print(f"school gap, {subject}: ICC {gap.icc:.4f}, CV of means {gap.cv_of_means:.4f}")

        schools = view(spark, "schools", files[3], [
            ("330106", 1200.0, 5.0), ("330106", 300.0, 4.0), ("330108", 800.0, 6.5),
            ("330108", 900.0, 6.0),
        ], ["county_code", "students", "area_per_pupil"])  # fmt: skip
        cv = grouped_cv("area_per_pupil", "county_code", "students", engine=spark, table=schools)
        print("CV by county:", dict(zip(cv.keys[0].tolist(), cv.value.round(6).tolist(),
                                        strict=True)))  # fmt: skip

        cols = {c: SPARK.quote(c) for c in ("subject", "school", "score")}
        print("\nthe scores statement in Spark's dialect:\n",
              sql.school_sums(scores, cols, 50.0, SPARK))  # fmt: skip
        print("\neduequity", eq.__version__)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

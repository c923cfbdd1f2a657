"""The synthetic nation of benchmarks/ is valid data of every school type (the benchmark
itself is not a test; this keeps its input from rotting)."""

from __future__ import annotations

import runpy
from pathlib import Path

import numpy as np

import eduequity as eq

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_the_generated_nation_loads_and_evaluates(tmp_path: Path) -> None:
    national = runpy.run_path(str(BENCH / "national.py"))
    cols = national["make_national"](12, 7)
    path = tmp_path / "nation.csv"
    national["write_csv"](cols, path)
    table = eq.load_schools(path)
    assert len(table) == cols["school_id"].shape[0]
    assert set(table["school_type"].tolist()) == {
        "primary", "junior", "nine_year", "twelve_year", "complete_secondary",
        "teaching_point", "special",
    }  # fmt: skip
    points = table["school_type"] == "teaching_point"
    assert np.all(table["parent_school_id"][points] != "")
    a = eq.evaluate(table, "cn-2017-quality")
    assert len(a.counties) == 12
    assert sorted(a.county_verdicts()) == table.counties()

"""Columnar results and streamed JSON (export.py, evaluation/frames.py) equal the JSON."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from eduequity import SchoolTable, evaluate, load_example
from eduequity.assessment import Assessment
from eduequity.errors import ConfigurationError
from eduequity.testing import tables

STANDARDS = ("cn-2012-basic", "cn-2017-quality", "cn-province-8of10")
INPUTS = {"999901": {"public_satisfaction_pct": 88.0, "falsified_data": False}}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return b is None
    if a is None or (isinstance(a, float) and isinstance(b, float)):
        return a == b
    return bool(a == b)


def _check_against_json(a: Assessment) -> None:
    f = a.to_frames()
    doc = json.loads(a.to_json(contract=1))  # /1: every failure with its floor and words
    counties = doc["counties"]
    assert f["counties"][["county_code", "year"]].to_numpy().tolist() == [
        [c["county_code"], c["year"]] for c in counties
    ]
    assert list(f["counties"]["passed"]) == [c["passed"] for c in counties]
    assert list(f["counties"]["status"]) == [c["status"] for c in counties]
    levels = [(c, lv, d) for c in counties for lv, d in c["levels"].items()]
    assert list(f["levels"]["level"]) == [lv for _, lv, _ in levels]
    assert list(f["levels"]["passed"]) == [d["passed"] for _, _, d in levels]
    if "composite_cv" in f["levels"]:
        for got, (_, _, d) in zip(f["levels"].to_dict("records"), levels, strict=True):
            assert _same(got["composite_cv"], d["composite_cv"])
            assert got["composite_cv_passed"] == d.get("composite_cv_passed")
    want_ind = {
        (c["county_code"], lv, i): v for c, lv, d in levels for i, v in d["indicators"].items()
    }
    got_ind = f["indicators"].to_dict("records")
    assert len(got_ind) == len(want_ind)
    for row in got_ind:
        v = want_ind[(row["county_code"], row["level"], row["indicator"])]
        for key in ("mean", "cv", "cv_threshold"):
            assert _same(row[key], v[key]), key
        assert row["cv_passed"] == v["cv_passed"]
        assert row["n_schools"] == v["n_schools"]
        assert row["students"] == v["students"]
        if v["cv"] is None:
            assert row["cv_undefined_reason"] == v["cv_undefined_reason"]
    rules = {
        (c["county_code"], r["id"]): (r["passed"], r["status"])
        for c in counties
        for p in c["parts"].values()
        for r in p["rules"]
    }
    got_rules = f["rules"].to_dict("records")
    assert len(got_rules) == len(rules)
    for row in got_rules:
        assert (row["passed"], row["status"]) == rules[(row["county_code"], row["id"])]
    schools = [(c, lv, s) for c, lv, d in levels for s in d["schools"]]
    sections = f["sections"]
    assert list(sections["school_id"]) == [s["school_id"] for _, _, s in schools]
    assert list(sections["passed"]) == [s["passed"] for _, _, s in schools]
    for (_, _, s), row in zip(schools, sections.to_dict("records"), strict=True):
        for ind, value in s["values"].items():
            assert _same(row[ind], value)
        held = {
            k.removeprefix("threshold:"): v
            for k, v in row.items()
            if k.startswith("threshold:") and v == v
        }
        assert held == s["thresholds"]
    misses = [(s["school_id"], m) for _, _, s in schools for m in s["failures"]]
    got_misses = f["misses"].to_dict("records")
    assert [(r["school_id"], r["indicator"]) for r in got_misses] == [
        (sid, m["indicator"]) for sid, m in misses
    ]
    for row, (_, m) in zip(got_misses, misses, strict=True):
        for key in (
            "value", "threshold", "shortfall", "shortfall_total", "floor_value",
            "shortfall_to_floor", "shortfall_to_floor_total",
        ):  # fmt: skip
            assert _same(row[key], m[key]), key
        for key in ("rule", "part", "comparison", "total_unit", "reference"):
            assert row[key] == m[key], key
        assert row["tolerated"] == m["tolerated"]
        assert row["below_floor"] == m["below_floor"]
        assert row["reason"] == m["reason"]
    excluded = [(e["school_id"], e["code"], e["reason"]) for c in counties for e in c["excluded"]]
    got_ex = f["exclusions"][["school_id", "code", "reason"]].to_numpy().tolist()
    assert [tuple(x) for x in got_ex] == excluded


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_tables_of_the_example_equal_its_json(standard: str) -> None:
    _check_against_json(evaluate(load_example(), standard, INPUTS))


@settings(max_examples=25, deadline=None)
@given(tables(counties=3, max_schools=8))
def test_the_tables_of_any_table_equal_its_json(table: SchoolTable) -> None:
    for standard in STANDARDS:
        _check_against_json(evaluate(table, standard))


def test_the_example_in_numbers() -> None:
    f = evaluate(load_example(), "cn-2017-quality").to_frames()
    assert set(f) == {
        "counties", "levels", "indicators", "rules", "sections", "misses", "exclusions",
    }  # fmt: skip
    # the example county: 43 in-scope sections, 2 schools left out, 141 misses
    assert (len(f["sections"]), len(f["exclusions"]), len(f["misses"])) == (43, 2, 141)
    assert f["counties"]["passed"].tolist() == [False]


@pytest.mark.parametrize("standard", STANDARDS)
def test_streamed_json_is_the_same_bytes(standard: str, tmp_path: Path) -> None:
    a = evaluate(load_example(), standard, INPUTS)
    a.to_json(tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == a.to_json()
    buf = io.StringIO()
    a.to_json(buf, indent=None)
    assert buf.getvalue() == a.to_json(indent=None)


def test_streamed_json_of_no_county() -> None:
    a = evaluate(load_example(), "cn-2012-basic")
    empty = Assessment(a.standard, [], "none")
    buf = io.StringIO()
    empty.to_json(buf)
    assert buf.getvalue() == empty.to_json()
    assert json.loads(buf.getvalue())["counties"] == []


def test_written_files_read_back(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2017-quality")
    a.write(tmp_path / "pq")
    a.write(tmp_path / "csv", format="csv")
    f = a.to_frames()
    for name, frame in f.items():
        back = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert back.shape == frame.shape
        assert list(back.columns) == list(frame.columns)
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype={"county_code": str})
        assert csv.shape == frame.shape
    misses = pd.read_parquet(tmp_path / "pq" / "misses.parquet")
    assert np.allclose(misses["shortfall"], f["misses"]["shortfall"], equal_nan=True)
    assert misses["tolerated"].sum() == f["misses"]["tolerated"].sum()


def test_columnar_output_needs_an_evaluation(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2012-basic")
    with pytest.raises(ConfigurationError, match="evaluate"):
        Assessment(a.standard, list(a.counties), "x").to_frames()
    with pytest.raises(ConfigurationError, match="format"):
        a.write(tmp_path / "x", format="xml")  # type: ignore[arg-type]

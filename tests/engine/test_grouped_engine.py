"""grouped_cv / grouped_std / grouped_mean with engine=: the sums in DuckDB or SQLite equal
the in-memory path to 1e-9, large means included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _engines import duckdb_relation, sqlite_table
from eduequity.errors import MetricInputError
from eduequity.metrics import grouped_cv, grouped_mean, grouped_std

pytest.importorskip("duckdb")


def test_a_weighted_cv_by_county_by_hand(tmp_path: Path) -> None:
    # county 1: 5.0 (120 pupils), 25/6 (480), 5.0 (300), 16/3 (900); county 2: 2.0, 2.0
    values = [5.0, 25 / 6, 5.0, 16 / 3, 2.0, 2.0]
    rows = [{"county_code": c, "v": v, "students": w}
            for c, v, w in zip([1, 1, 1, 1, 2, 2], values, [120, 480, 300, 900, 10, 20],
                               strict=True)]  # fmt: skip
    w = np.array([120, 480, 300, 900], dtype=float)
    x = np.array(values[:4])
    mu = (w * x).sum() / w.sum()
    cv = np.sqrt((w * (x - mu) ** 2).sum() / w.sum()) / mu
    import pandas as pd

    path = tmp_path / "schools.parquet"
    pd.DataFrame(rows).to_parquet(path)
    for r in (grouped_cv("v", "county_code", "students", engine=sqlite_table(rows), table="t"),
              grouped_cv("v", "county_code", "students", engine="duckdb", source=path)):
        assert r.keys[0].tolist() == [1, 2]
        assert r.value.tolist() == pytest.approx([cv, 0.0], rel=1e-12, abs=1e-15)
        assert r.total_weight.tolist() == [1800.0, 30.0]
        assert r.n_units.tolist() == [4, 2]


def test_refusals_name_the_group() -> None:
    rows = [{"c": "a", "v": 1.0, "w": 1.0}, {"c": "a", "v": None, "w": 1.0}]
    with pytest.raises(MetricInputError, match="c a: 1 row"):
        grouped_cv("v", "c", "w", engine=sqlite_table(rows), table="t")
    rows[1]["v"], rows[1]["w"] = 2.0, -1.0
    with pytest.raises(MetricInputError, match="column w: weights must be ≥ 0"):
        grouped_cv("v", "c", "w", engine=sqlite_table(rows), table="t")
    with pytest.raises(MetricInputError, match="no column x"):
        grouped_cv("x", "c", engine=sqlite_table(rows), table="t")
    with pytest.raises(MetricInputError, match="column names"):
        grouped_cv([1.0, 2.0], "c", engine=sqlite_table(rows), table="t")
    tiny = [{"c": "a", "v": 3e-160, "w": 1.0}, {"c": "a", "v": 5e-160, "w": 1.0}]
    with pytest.raises(MetricInputError, match="too large or too small"):
        grouped_cv("v", "c", "w", engine=sqlite_table(tiny), table="t")
    assert grouped_cv([3e-160, 5e-160], ["a", "a"]).value[0] == pytest.approx(0.25)  # in memory
    one = [{"c": "a", "v": 3e-160, "w": 1.0}, {"c": "a", "v": 3e-160, "w": 2.0},
           {"c": "b", "v": 1.0, "w": 0.0}, {"c": "b", "v": 2.0, "w": 0.0}]  # fmt: skip
    r = grouped_cv("v", "c", "w", engine=sqlite_table(one), table="t")  # no spread: exact
    assert r.value[0] == 0.0
    assert r.reason.tolist() == ["", "too_few_units"]
    mem = grouped_cv([3e-160, 3e-160, 1.0, 2.0], ["a", "a", "b", "b"], [1.0, 2.0, 0.0, 0.0])
    assert mem.reason.tolist() == r.reason.tolist()


def _compare(mem: Any, eng: Any, scale: float = 1.0) -> None:
    """Equal to 1e-9 relative; below that, to the rounding either path makes: a few ulps of
    the mean (``scale`` times the largest mean: 1 for a CV, the mean itself for an SD)."""
    assert [k.tolist() for k in eng.keys] == [k.tolist() for k in mem.keys]
    assert eng.reason.tolist() == mem.reason.tolist()
    assert eng.n_units.tolist() == mem.n_units.tolist()
    assert eng.total_weight == pytest.approx(mem.total_weight, rel=1e-12)
    assert eng.mean == pytest.approx(mem.mean, rel=1e-12, abs=1e-300)
    tol = 1e-14 * scale
    assert eng.value == pytest.approx(mem.value, rel=1e-9, abs=tol, nan_ok=True)


BASES = [0.0, 1.0, 1e3, 1e6, 1e9, 1e12]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[dict[str, Any]], bool]:
    n = draw(st.integers(1, 50))
    base = draw(st.sampled_from(BASES))
    spread = draw(st.sampled_from([1e-3, 1.0, 100.0]))
    offsets = draw(st.lists(st.integers(-10, 10), min_size=4, max_size=4))
    rows = []
    for _ in range(n):
        c = draw(st.sampled_from(["东城", "西城", "朝阳", "海淀"]))
        level = draw(st.integers(1, 2))
        far = draw(st.sampled_from([0.0, 0.0, 0.0, 1e7]))  # now and then a group far away
        unit = draw(st.integers(0, 10**6)) / 10**6
        v = base + far + spread * (offsets["东西朝海".index(c[0])] / 2 + unit)
        rows.append({"county": c, "level": level, "v": v,
                     "students": float(draw(st.integers(0, 2000)))})  # fmt: skip
    rows[0]["students"] = max(rows[0]["students"], 1.0)
    return rows, draw(st.booleans())


@settings(max_examples=60, deadline=None)
@given(tables(), st.sampled_from([0, 1]))
def test_engines_equal_memory_on_random_tables(
    table: tuple[list[dict[str, Any]], bool], ddof: int
) -> None:
    rows, compound = table
    x = np.array([r["v"] for r in rows])
    w = np.array([r["students"] for r in rows])
    county = np.array([r["county"] for r in rows])
    level = np.array([r["level"] for r in rows])
    groups_mem: Any = (county, level) if compound else county
    groups: Any = ("county", "level") if compound else "county"
    con = sqlite_table(rows)
    rel = duckdb_relation(rows, {"county": "VARCHAR", "level": "INTEGER", "v": "DOUBLE",
                                 "students": "DOUBLE"})  # fmt: skip
    for fn in (grouped_cv, grouped_std):
        mem = fn(x, groups_mem, w, ddof=ddof)
        scale = 1.0 if fn is grouped_cv else float(np.abs(x).max())
        _compare(mem, fn("v", groups, "students", ddof=ddof, engine=con, table="t"), scale)
        _compare(mem, fn("v", groups, "students", ddof=ddof, engine="duckdb", source=rel), scale)
    mem = grouped_mean(x, groups_mem)
    _compare(mem, grouped_mean("v", groups, engine="duckdb", source=rel))

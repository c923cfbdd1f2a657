"""Monitoring a generated province over two years gives the document it gave before it was
made faster, byte for byte.

The data are two years of the benchmark's synthetic nation (``benchmarks/national.py``,
40 counties in 3 prefectures, every school type). The references are the standard
library's encoder for the JSON (``json.dumps(to_dict(), ensure_ascii=False, indent=2)``,
what ``Monitoring.to_json`` wrote) and the per-county path of
``tests/monitor/test_monitor_columns.py`` for the document itself (floats compared
exactly).
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.monitor.test_monitor_columns import _same

import eduequity as eq
from eduequity.monitor import Bands, Monitoring, NoiseTolerance, monitor
from eduequity.monitor.command import register

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    national = runpy.run_path(str(BENCH / "national.py"))
    folder = tmp_path_factory.mktemp("province")
    out = []
    for year, seed in ((2025, 11), (2026, 12)):
        cols = national["make_national"](40, seed)
        cols["year"] = np.full(cols["school_id"].shape[0], year)
        path = folder / f"schools-{year}.csv"
        national["write_csv"](cols, path)
        out.append(str(path))
    return out


@pytest.fixture(scope="module")
def years(files: list[str]) -> list[eq.SchoolTable]:
    return [eq.load_schools(p) for p in files]


def _floats(doc: Any) -> list[float]:
    if isinstance(doc, dict):
        return [f for v in doc.values() for f in _floats(v)]
    if isinstance(doc, list):
        return [f for v in doc for f in _floats(v)]
    return [doc] if isinstance(doc, float) else []


def _stdlib(m: Monitoring, indent: int | None) -> str:
    return json.dumps(m.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)


@pytest.mark.parametrize("by", ["county", "prefecture", "province"])
def test_the_json_is_the_standard_library_s(years: list[eq.SchoolTable], by: Any) -> None:
    m = monitor(years, "cn-2017-quality", by=by)
    doc = m.to_dict()
    assert len(doc["counties"]) == 80
    assert len({r["region"] for r in doc["regions"]}) == {"county": 1, "prefecture": 3,
                                                          "province": 1}[by]  # fmt: skip
    # not vacuous: numbers that the standard library spells with an exponent (1e-05,
    # 1.3877787807814457e-17) and with none (0.0001), whole floats (12345.0) and negatives
    spelled = [repr(f) for f in _floats(doc)]
    assert any("e-" in s for s in spelled)
    assert any(s.endswith(".0") for s in spelled)
    assert any(s.startswith("-") for s in spelled)
    for indent in (2, None, 4):
        assert m.to_json(indent=indent) == _stdlib(m, indent), indent


def test_a_setting_that_is_not_finite_is_refused_as_before(years: list[eq.SchoolTable]) -> None:
    m = monitor(years[:1], "cn-2017-quality", tolerance=NoiseTolerance(absolute=float("nan")))
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        m.to_json()


def test_the_document_is_the_per_county_path_s(years: list[eq.SchoolTable]) -> None:
    for by in ("county", "prefecture"):
        _same(years, "cn-2017-quality", by, Bands())
    _same(years, "cn-2012-basic", "prefecture", Bands(amber_share=0.2))


def test_the_command_writes_the_same_bytes(files: list[str], tmp_path: Path) -> None:
    parser = eq_parser()
    out = tmp_path / "m.json"
    args = parser.parse_args(["monitor", *files, "--by", "prefecture", "--format", "json",
                              "-o", str(out)])  # fmt: skip
    assert args.func(args) == 0
    m = monitor(files, "cn-2017-quality", by="prefecture")
    assert out.read_text(encoding="utf-8") == _stdlib(m, 2)


def eq_parser() -> Any:
    import argparse

    p = argparse.ArgumentParser(prog="eduequity")
    register(p.add_subparsers(dest="command"))
    return p


def test_tiny_floats_are_spelled_as_python_spells_them_and_strings_are_left() -> None:
    from eduequity.monitor.jsontext import dumps

    doc: Any = {
        "tiny": [1e-05, -5.5e-05, 1.5e-07, 1e-10, 5e-324, 9.99e-05, 0.0001, 0.00012, 10.00001],
        "big": [1e16, 1.2345e22, 9999999999999998.0, 123456.0, -0.0, 0.0],
        "strings": ["0.00001", "1e-05 ", "a 0.00001", "x\n0.00001", "e-5", "0.0000"],
        "0.00001": 1e-06,
        "nested": [[1e-06], {"e-": [2e-08, "2e-08"]}, []],
        "notes": "path/0.00001,\n1e-7",
    }
    assert dumps(doc, 2) == json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    assert dumps(1e-05, 2) == "1e-05"


def test_without_orjson_the_standard_library_writes_it(
    years: list[eq.SchoolTable], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    m = monitor(years, "cn-2017-quality", by="prefecture")
    fast = m.to_json()
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson now fails
    assert m.to_json() == fast == _stdlib(m, 2)

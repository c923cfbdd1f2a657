"""The ``/1`` JSON written from the run's arrays (evaluation/jsontext.py) is, byte for byte,
what ``json.dumps(assessment.to_dict(1))`` gives, without building a result object per
school."""

from __future__ import annotations

import io
import json
import runpy
from pathlib import Path

import pytest

import eduequity as eq
from eduequity import evaluate, load_example
from eduequity.evaluation import build, jsontext

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
NATIONAL = ("cn-2012-basic", "cn-2017-quality")
INPUTS = {"999901": {"public_satisfaction_pct": 88.0, "falsified_data": False}}


def _reference(a: eq.Assessment, indent: int | None) -> str:
    return json.dumps(a.to_dict(1), ensure_ascii=False, indent=indent, allow_nan=False)


def _written(a: eq.Assessment, indent: int | None, monkeypatch: pytest.MonkeyPatch) -> str:
    """The streamed text, with the per-school result objects made unbuildable."""

    def refuse(*_: object) -> None:
        raise AssertionError("the JSON writer built SchoolResult objects")

    buf = io.StringIO()
    with monkeypatch.context() as m:
        m.setattr(build, "_schools", refuse)
        a.to_json(buf, indent=indent, contract=1)
        whole = a.to_json(indent=indent, contract=1)
    assert whole == buf.getvalue()
    return buf.getvalue()


@pytest.fixture(scope="module")
def three_counties(tmp_path_factory: pytest.TempPathFactory) -> eq.SchoolTable:
    national = runpy.run_path(str(BENCH / "national.py"))
    path = tmp_path_factory.mktemp("nation") / "nation.csv"
    national["write_csv"](national["make_national"](3, 11), path)
    return eq.load_schools(path)


@pytest.mark.parametrize("indent", [2, None, 4])
@pytest.mark.parametrize("standard", NATIONAL)
def test_the_example_is_written_as_json_dumps_writes_it(
    standard: str, indent: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = evaluate(load_example(), standard, INPUTS)
    ref = _reference(a, indent)
    assert _written(a, indent, monkeypatch) == ref
    # the example's sections miss 141 items of 2017 (none: 2012 has no per-school rule)
    doc = json.loads(ref)
    misses = [f for lv in doc["counties"][0]["levels"].values() for s in lv["schools"]
              for f in s["failures"]]  # fmt: skip
    assert len(misses) == (141 if standard == "cn-2017-quality" else 0)


@pytest.mark.parametrize("indent", [2, None])
@pytest.mark.parametrize("standard", NATIONAL)
def test_three_generated_counties_are_written_as_json_dumps_writes_them(
    three_counties: eq.SchoolTable,
    standard: str,
    indent: int | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = evaluate(three_counties, standard)
    assert len(a.counties) == 3
    monkeypatch.setattr(jsontext, "_BATCH", 1)  # each county's misses encoded on their own
    text = _written(a, indent, monkeypatch)
    assert text == _reference(a, indent)
    doc = json.loads(text)
    sections = [s for c in doc["counties"] for lv in c["levels"].values() for s in lv["schools"]]
    assert len(sections) == len(a.to_frames()["sections"])


def test_floats_keep_full_precision_and_nan_is_null(monkeypatch: pytest.MonkeyPatch) -> None:
    a = evaluate(load_example(), "cn-2017-quality", INPUTS)
    text = _written(a, None, monkeypatch)
    assert "NaN" not in text
    assert "Infinity" not in text
    doc = json.loads(text)
    sections = a.to_frames()["sections"]
    first = doc["counties"][0]["levels"]["primary"]["schools"][0]
    row = sections[sections["school_id"] == first["school_id"]].iloc[0]
    for ind, value in first["values"].items():
        if value is None:
            assert row[ind] != row[ind]  # NaN in the table, null in the JSON
        else:
            assert value == float(row[ind])  # the very double, read back from its text


def test_a_county_read_from_its_records_is_written_by_json_itself() -> None:
    a = evaluate(load_example(), "cn-2017-quality", INPUTS)
    plain = eq.Assessment(a.standard, list(a.counties), a.source, a.warnings)
    assert plain.to_json(contract=1) == _reference(a, 2)
    assert plain.to_json(indent="\t", contract=1) == json.dumps(
        a.to_dict(1), ensure_ascii=False, indent="\t"
    )


@pytest.mark.parametrize("indent", [2, None, 3])
def test_the_encoder_writes_what_json_writes(indent: int | None) -> None:
    from enum import IntEnum, StrEnum

    class Code(StrEnum):
        A = "a-code"

    class Num(IntEnum):
        ONE = 1

    doc = {
        "text": 'quo"te \\ 中文 \x01',
        "n": [0.1, 1e-300, 2.5e20, -0.0, 3, True, False, None],
        "empty": [{}, [], ""],
        "enums": [Code.A, Num.ONE],
        "other keys": {1: "int key", 2.5: "float key"},
        "tuple": (1, (2, 3)),
        "deep": [[[[[[{"x": [1]}]]]]]],
    }
    layout = jsontext._Layout(indent)
    assert layout.dumps(doc, 0) == json.dumps(doc, ensure_ascii=False, indent=indent)
    with pytest.raises(ValueError, match="not JSON compliant"):
        layout.dumps({"x": float("nan")}, 0)

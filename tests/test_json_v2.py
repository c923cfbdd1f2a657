"""The compact contract ``eduequity.assessment/2``: what the writer streams from the run's
arrays is, byte for byte, the ``/1`` document compacted by its definition
(:func:`~eduequity.evaluation.document.compact_county`), whichever encoder is installed."""

from __future__ import annotations

import io
import json
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import eduequity as eq
from eduequity import evaluate, load_example
from eduequity.evaluation import build
from eduequity.evaluation.document import compact_county
from eduequity.jsonbytes import encode
from eduequity.testing import tables

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
STANDARDS = ("cn-2012-basic", "cn-2017-quality", "cn-province-8of10")
INPUTS = {"999901": {"public_satisfaction_pct": 88.0, "falsified_data": False}}


def _defined(a: eq.Assessment, indent: int | None) -> str:
    """/2 by its definition: each county's /1 document (built from result objects)
    compacted, and the standard's rule items added."""
    doc = a.to_dict_head(2)
    doc["counties"] = [compact_county(c.to_dict()) for c in a.counties]
    return encode(doc, indent).decode()


def _streamed(a: eq.Assessment, indent: int | None, monkeypatch: pytest.MonkeyPatch) -> str:
    def refuse(*_: object) -> None:
        raise AssertionError("the /2 writer built SchoolResult objects")

    buf = io.StringIO()
    with monkeypatch.context() as m:
        m.setattr(build, "_schools", refuse)
        a.to_json(buf, indent=indent)
        whole = a.to_json(indent=indent)
    assert whole == buf.getvalue()
    return whole


@pytest.fixture(scope="module")
def three_counties(tmp_path_factory: pytest.TempPathFactory) -> eq.SchoolTable:
    national = runpy.run_path(str(BENCH / "national.py"))
    path = tmp_path_factory.mktemp("nation") / "nation.csv"
    national["write_csv"](national["make_national"](3, 11), path)
    return eq.load_schools(path)


@pytest.mark.parametrize("indent", [2, None])
@pytest.mark.parametrize("standard", STANDARDS)
def test_the_example_is_its_compacted_v1(
    standard: str, indent: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = evaluate(load_example(), standard, INPUTS)
    assert _streamed(a, indent, monkeypatch) == _defined(a, indent)


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("batch", [1, 2, 256])
def test_generated_counties_are_their_compacted_v1(
    three_counties: eq.SchoolTable, standard: str, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eduequity.evaluation import document

    monkeypatch.setattr(document, "BATCH", batch)  # columns gathered 1, 2 or all at a time
    a = evaluate(three_counties, standard)
    text = _streamed(a, 2, monkeypatch)
    assert text == _defined(a, 2)
    doc = json.loads(text)
    sections = [s for c in doc["counties"] for lv in c["levels"].values() for s in lv["schools"]]
    assert len(sections) == len(a.to_frames()["sections"])
    misses = [f for s in sections for f in s["failures"]]
    assert len(misses) == len(a.to_frames()["misses"])
    assert misses or standard != "cn-2017-quality"  # 2017's per-school rules are missed


@settings(max_examples=20, deadline=None)
@given(tables(counties=3, max_schools=8))
def test_any_table_is_its_compacted_v1(table: eq.SchoolTable) -> None:
    for standard in STANDARDS:
        a = evaluate(table, standard)
        assert a.to_json(indent=None) == _defined(a, None)


def test_the_bytes_do_not_depend_on_the_encoder(
    three_counties: eq.SchoolTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson  # the json extra, installed with dev: compared with pydantic_core

    assert orjson.dumps([1.5])  # (a missing orjson fails here rather than pass unseen)
    a = evaluate(three_counties, "cn-2017-quality")
    fast = [a.to_json(indent=i) for i in (None, 2)]
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson now fails
    assert [a.to_json(indent=i) for i in (None, 2)] == fast


def test_what_v2_leaves_out_is_in_its_standard_or_in_v1() -> None:
    a = evaluate(load_example(), "cn-2017-quality", INPUTS)
    one, two = a.to_dict(1), json.loads(a.to_json())
    assert two["format"] == "eduequity.assessment/2"
    rules = two["standard"]["rules"]
    county1, county2 = one["counties"][0], two["counties"][0]
    n = 0
    for lv, level in county2["levels"].items():
        for s1, s2 in zip(county1["levels"][lv]["schools"], level["schools"], strict=True):
            assert s2["rules"] == {k: v for k, v in s1["rules"].items() if v is not True}
            for f1, f2 in zip(s1["failures"], s2["failures"], strict=True):
                rule = rules[f2["rule"]]
                item = next(i for i in rule["items"] if i["indicator"] == f2["indicator"])
                assert (rule["part"], item["comparison"], item["reference"]) == (
                    f1["part"], f1["comparison"], f1["reference"])  # fmt: skip
                if rule["floor"] is not None and item["comparison"] == "at_least":
                    assert f2["threshold"] * rule["floor"] == f1["floor_value"]
                    n += 1
    assert n > 50  # the example's 2017 misses of at-least items under the 85 % floor
    labels = two["standard"]["indicators"]
    for level in county1["levels"].values():
        for ind, v in level["indicators"].items():
            assert labels[ind] == {"zh": v["zh"], "en": v["en"], "unit": v["unit"]}


def test_a_file_a_binary_file_and_the_text_are_the_same(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2017-quality", INPUTS)
    a.to_json(tmp_path / "a.json")
    with open(tmp_path / "b.json", "wb") as binary:
        a.to_json(binary)
    text = a.to_json()
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == text
    assert (tmp_path / "b.json").read_bytes() == text.encode()


def test_bad_contracts_and_indents_are_refused() -> None:
    a = evaluate(load_example(), "cn-2012-basic")
    with pytest.raises(eq.ConfigurationError, match="contract: expected 1 or 2"):
        a.to_json(contract=3)  # type: ignore[call-overload]
    with pytest.raises(eq.ConfigurationError, match="indent"):
        a.to_json(indent="\t")
    one: Any = json.loads(a.to_json(indent="\t", contract=1))  # /1 keeps json's own indents
    assert one["format"] == "eduequity.assessment/1"


def test_the_command_line_writes_either_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from eduequity.cli import main

    for contract in ("1", "2"):
        target = tmp_path / f"{contract}.json"
        argv = ["evaluate", "--example", "--format", "json", "--output", str(target)]
        assert main([*argv, "--contract", contract]) == 0
        doc = json.loads(target.read_text(encoding="utf-8"))
        assert doc["format"] == f"eduequity.assessment/{contract}"
    capsys.readouterr()


def test_the_failure_keys_are_the_contracts() -> None:
    from eduequity.contract.assessment2 import Miss2
    from eduequity.evaluation.document import FAILURE_KEYS

    assert tuple(Miss2.model_fields) == FAILURE_KEYS
    doc = json.loads(evaluate(load_example(), "cn-2017-quality").to_json())
    failures = [f for lv in doc["counties"][0]["levels"].values() for s in lv["schools"]
                for f in s["failures"]]  # fmt: skip
    assert len(failures) == 141
    assert {tuple(f) for f in failures} == {FAILURE_KEYS}


def test_to_dict_hands_out_copies() -> None:
    a = evaluate(load_example(), "cn-2017-quality")
    d = a.to_dict()
    d["standard"]["rules"]["class_size"]["items"].clear()
    d["counties"][0]["levels"]["primary"]["schools"][0]["rules"]["x"] = None
    assert a.to_dict() == json.loads(a.to_json())
    assert a.to_dict()["standard"]["rules"]["class_size"]["items"]


def test_a_named_temporary_file_takes_bytes_for_either_contract() -> None:
    import tempfile

    a = evaluate(load_example(), "cn-2012-basic")
    for contract in (1, 2):
        with tempfile.NamedTemporaryFile() as tmp:
            a.to_json(tmp, contract=contract)  # type: ignore[call-overload]
            tmp.flush()
            tmp.seek(0)
            assert tmp.read().decode("utf-8") == a.to_json(contract=contract)  # type: ignore[call-overload]

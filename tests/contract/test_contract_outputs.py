"""Real outputs conform to their published schemas: the example under both national
standards, the first counties of the synthetic nation, every command's --format json, and
the error document of bad data. The checks are strict (no undeclared key) and can fail."""

from __future__ import annotations

import copy
import csv
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError

import eduequity as eq
from eduequity.cli import main
from eduequity.contract import error_document, validate
from eduequity.contract.assessment import AssessmentDoc
from eduequity.contract.assessment2 import AssessmentDoc2

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
INPUTS = {"999901": {"government_effort_score": 91, "public_satisfaction_pct": 88.5}}


def _json(doc: Any) -> Any:
    """What a system receives: the document through JSON text."""
    return json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    code = main(argv)
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


@pytest.mark.parametrize("standard", ["cn-2012-basic", "cn-2017-quality"])
def test_the_example_assessment_conforms(standard: str) -> None:
    a = eq.evaluate(eq.load_example(), standard, county_inputs=INPUTS)
    validate(_json(a.to_dict(1)), "assessment-v1", strict=True)
    AssessmentDoc.model_validate(_json(a.to_dict(1)))
    doc = _json(a.to_dict())
    validate(doc, "assessment", strict=True)
    assert json.loads(a.to_json()) == doc  # the streamed text, the same document
    # the models read the document too (for systems that parse with pydantic)
    parsed = AssessmentDoc2.model_validate(doc)
    assert parsed.counties[0].levels["primary"].schools[0].school_id == "999901B001"
    county = doc["counties"][0]
    assert (county["county_code"], county["year"]) == ("999901", 2025)
    assert set(county["levels"]) == {"primary", "junior"}
    kinds = {r["kind"] for p in county["parts"].values() for r in p["rules"]}
    # both national sets between them exercise each kind of rule the schema tells apart
    assert kinds & {"county_cv", "county_input"}


def test_the_first_counties_of_the_nation_conform(tmp_path: Path) -> None:
    national = runpy.run_path(str(ROOT / "benchmarks" / "national.py"))
    path = tmp_path / "nation.csv"
    national["write_csv"](national["make_national"](3, 20261125), path)
    table = eq.load_schools(path)
    for standard in ("cn-2012-basic", "cn-2017-quality"):
        doc = _json(eq.evaluate(table, standard).to_dict())
        validate(doc, "assessment", strict=True)
        assert len(doc["counties"]) == 3
        excluded = [e for c in doc["counties"] for e in c["excluded"]]
        assert "special_out_of_scope" in {e["code"] for e in excluded}


def test_evaluate_json_on_the_command_line_conforms() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "eduequity", "evaluate", "--example", "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    validate(doc, "assessment", strict=True)
    assert doc["standard"]["id"] == "cn-2017-quality"


def _two_years(tmp_path: Path) -> Path:
    rows = eq.load_example().to_dicts()
    later = [dict(r, year=2026) for r in rows]
    for r in later[::3]:  # a third of the schools lose half their equipment: the CV rises
        r["equipment_value_yuan"] = (r.get("equipment_value_yuan") or 0) / 2
    path = tmp_path / "two_years.csv"
    names = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, names)
        writer.writeheader()
        for r in rows + later:
            writer.writerow({k: "" if v is None else v for k, v in r.items()})
    return path


def test_command_outputs_conform(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = _cli(["validate", "--example", "--format", "json"], capsys)
    assert code == 0
    validate(doc, "validate", strict=True)
    assert doc["counties"] == [{"county_code": "999901", "year": 2025}]

    code, doc = _cli(["summary", "--example", "--format", "json"], capsys)
    validate(doc, "summary", strict=True)
    assert doc["merged"]
    assert doc["excluded"]
    assert doc["sections"]["primary"]["count"] > 0

    code, doc = _cli(["plan", "--example", "--format", "json"], capsys)
    validate(doc, "plan", strict=True)
    assert doc["counties"][0]["additions"]

    code, doc = _cli(["whatif", "--example", "--add", "999901B014,teaching_aux_area_m2,300",
                      "--close", "999901B001", "--format", "json"], capsys)  # fmt: skip
    validate(doc, "whatif", strict=True)
    assert doc["counties"][0]["cvs"]
    assert any(s["gone"] for s in doc["counties"][0]["schools"])

    code, doc = _cli(["trend", str(_two_years(tmp_path)), "--format", "json"], capsys)
    validate(doc, "trend", strict=True)
    assert any(e["regressions"] for e in doc["trends"])

    code, doc = _cli(["rules", "list", "--format", "json"], capsys)
    validate(doc, "standards", strict=True)
    assert {s["id"] for s in doc["rule_sets"]} >= {"cn-2012-basic", "cn-2017-quality"}


def test_audit_outputs_conform(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = eq.load_example().to_dicts()
    rows[0]["equipment_value_yuan"] = rows[0]["equipment_value_yuan"] / 10_000  # 万元 as 元
    path = tmp_path / "wan.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]))
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    code, doc = _cli(["audit", str(path), "--format", "json"], capsys)
    assert code == 1
    validate(doc, "audit", strict=True)
    assert [f["code"] for f in doc["findings"]] == ["unit_10k_suspected"]
    code, doc = _cli(["audit", str(BAD / "several_defects.csv"), "--format", "json"], capsys)
    validate(doc, "audit", strict=True)
    assert {f["severity"] for f in doc["findings"]} == {"error"}


def test_the_error_document_of_bad_data_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    bad = BAD / "several_defects.csv"
    code, printed = _cli(["validate", str(bad), "--format", "json"], capsys)
    assert code == 2
    if printed is not None:  # the command line's own document, once it prints one
        validate(printed, "error", strict=True)
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(bad)
    doc = _json(error_document(info.value))
    validate(doc, "error", strict=True)
    assert doc["error"]["type"] == "DataValidationError"
    first = next(d for d in doc["defects"] if d["code"] == "negative_value")
    assert (first["file"], first["row"], first["school"], first["column"], first["value"]) \
        == ("several_defects.csv", 2, "S1", "teaching_aux_area_m2", -1500.0)  # fmt: skip
    assert first["severity"] == "error"
    assert len(doc["defects"]) == len(info.value.defects)
    other = _json(error_document(eq.RuleSetError([("x.toml", "rules", "unknown kind")])))
    validate(other, "error", strict=True)
    assert [d["key"] for d in other["defects"]] == ["rules"]
    assert other["error"]["message"] == "x.toml: rules: unknown kind"


def _example_doc() -> dict[str, Any]:
    doc: dict[str, Any] = _json(eq.evaluate(eq.load_example(), "cn-2017-quality").to_dict())
    return doc


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="eduequity.assessment/1"), "was expected"),
        (lambda d: d["counties"][0]["levels"]["primary"]["schools"][0].pop("passed"),
         "'passed' is a required property"),
        (lambda d: d["counties"][0]["levels"]["junior"]["indicators"]
         ["teaching_area_per_student"].update(cv="0.12"), "is not valid under any"),
        (lambda d: d["counties"][0]["levels"].update(senior=d["counties"][0]["levels"]["junior"]),
         "senior"),
        (lambda d: d["standard"].update(digest="md5:00"), "does not match"),
        (lambda d: d["counties"][0]["parts"]["resource_allocation"]["rules"][0]
         .update(kind="school_sometimes"), "school_sometimes"),
    ],
)  # fmt: skip
def test_a_mutated_document_fails(mutate: Any, message: str) -> None:
    doc = _example_doc()
    validate(doc, "assessment", strict=True)
    bad = copy.deepcopy(doc)
    mutate(bad)
    with pytest.raises(ValidationError, match=message):
        validate(bad, "assessment")


def test_an_undeclared_key_fails_only_the_strict_check() -> None:
    doc = _example_doc()
    doc["counties"][0]["levels"]["primary"]["schools"][0]["extra_key"] = 1
    validate(doc, "assessment")  # the published schema lets a later version add keys
    with pytest.raises(ValidationError, match="'extra_key' was unexpected"):
        validate(doc, "assessment", strict=True)


def test_a_batch_document_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    bad = BAD / "several_defects.csv"
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(bad)
    assessed = {"file": "example_county.csv", "exit_code": 0, "assessment": _example_doc()}
    refused = {"file": "several_defects.csv", "exit_code": 2,
               "error": _json(error_document(info.value))}  # fmt: skip
    doc = {"format": "eduequity.batch/1", "results": [assessed, refused]}
    validate(doc, "batch", strict=True)
    with pytest.raises(ValidationError):  # a refused file has no assessment
        validate({**doc, "results": [{**assessed, "exit_code": 2}]}, "batch")
    # the command line's own batch document, where it evaluates several files
    try:
        code = main(["evaluate", str(eq.example_path()), str(bad), "--format", "json"])
    except SystemExit:  # one PATH only: no batch mode on this command line
        return
    printed = json.loads(capsys.readouterr().out)
    assert code == 2
    validate(printed, "batch", strict=True)
    assert [r["exit_code"] for r in printed["results"]] == [0, 2]

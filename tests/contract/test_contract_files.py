"""The shipped schema files are what the models generate, valid draft 2020-12 schemas,
and in the package data."""

from __future__ import annotations

import argparse
import json
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from eduequity.contract import schema, schema_names
from eduequity.contract.command import register
from eduequity.contract.generate import CONTRACTS, SCHEMA_DIR, generate, schema_text, write_schemas
from eduequity.contract.reference import schemas_page
from eduequity.errors import ConfigurationError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", schema_names())
def test_the_shipped_file_is_what_the_model_generates(name: str) -> None:
    shipped = (SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8")
    assert shipped == schema_text(name), "stale: python -m eduequity.contract.generate"
    assert schema(name) == generate(name)


def test_regenerating_writes_the_same_files(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
    for path in written:
        assert path.read_bytes() == (SCHEMA_DIR / path.name).read_bytes()


def test_the_check_of_staleness_can_fail(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    del doc["properties"]["costs"]
    assert json.dumps(doc, ensure_ascii=False, indent=2) + "\n" != schema_text("plan")


@pytest.mark.parametrize("name", schema_names())
def test_every_schema_is_a_draft_2020_12_schema(name: str) -> None:
    s = schema(name)
    Draft202012Validator.check_schema(s)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    contract = {"assessment": "assessment/2", "assessment-v1": "assessment/1"}.get(
        name, f"{name}/1"
    )
    assert s["title"] == CONTRACTS[name][1] == f"eduequity.{contract}"
    assert s["$id"] == f"urn:eduequity:{contract}"
    assert s["type"] == "object"
    assert s["required"]


def test_names_and_files_agree_and_unknown_names_are_refused() -> None:
    assert set(schema_names()) == set(CONTRACTS)
    assert {p.stem for p in SCHEMA_DIR.glob("*.json")} == set(CONTRACTS)
    with pytest.raises(ConfigurationError, match="no schema 'nation'"):
        schema("nation")


def test_the_schema_files_are_package_data() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = conf["tool"]["setuptools"]["package-data"]["eduequity"]
    package = ROOT / "src" / "eduequity"
    for path in SCHEMA_DIR.glob("*.json"):
        rel = path.relative_to(package).as_posix()
        assert any(fnmatch(rel, g) for g in globs), rel
    extras = conf["project"]["optional-dependencies"]
    assert any(x.startswith("jsonschema") for x in extras["schema"])
    assert "schema" in extras["dev"][0]
    assert "service" in extras["dev"][0]


@pytest.mark.parametrize("name", ["assessment", "assessment-v1"])
def test_assessment_schema_holds_the_documented_nesting(name: str) -> None:
    s = schema(name)
    defs = s["$defs"]
    v = "2" if name == "assessment" else ""  # the /2 models that differ end in 2
    assert s["properties"]["format"]["const"] == f"eduequity.assessment/{v or 1}"
    assert set(defs[f"CountyDoc{v}"]["required"]) >= {"county_code", "year", "passed", "levels"}
    assert set(defs[f"LevelDoc{v}"]["required"]) == {
        "passed", "indicators", "composite_cv", "schools"}  # fmt: skip
    school = defs[f"SchoolDoc{v}"]
    assert set(school["required"]) >= {"school_id", "passed", "failures"}
    assert set(defs[f"Miss{v}"]["required"]) >= {"indicator", "tolerated", "shortfall"}
    # a key only some documents carry is optional and never null when present
    reason = defs[f"IndicatorDoc{v}"]["properties"]["cv_undefined_reason"]
    assert reason["type"] == "string"
    assert "anyOf" not in reason
    assert "default" not in reason
    assert "cv_undefined_reason" not in defs[f"IndicatorDoc{v}"]["required"]
    kinds = {
        d["properties"]["kind"].get("const")
        for d in defs.values()
        if "kind" in d.get("properties", {})
    }
    assert kinds >= {"county_cv", "county_input", "county_evidence", "veto"}
    if v:  # what /2 states once: labels and rule items in the standard, not per county
        assert {"zh", "en", "unit"}.isdisjoint(defs["IndicatorDoc2"]["properties"])
        assert {"part", "comparison", "reference", "floor_value"}.isdisjoint(
            defs["Miss2"]["properties"]
        )
        assert "thresholds" not in school["properties"]
        assert "rules" in defs["StandardDoc2"]["required"]
        assert "failed_schools" not in defs["SchoolRuleDoc2"]["properties"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="eduequity")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_the_schema_command_prints_a_schema_and_lists_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(["schema", "assessment"], capsys)
    assert code == 0
    assert json.loads(out) == schema("assessment")
    code, out = _run(["schema"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in lines] == list(schema_names())
    assert lines[0].split()[1] == "eduequity.assessment/2"
    assert lines[1].split()[:2] == ["assessment-v1", "eduequity.assessment/1"]
    with pytest.raises(SystemExit):
        _run(["schema", "nation"], capsys)


def test_the_reference_page_lists_every_schema_and_key() -> None:
    page = schemas_page()
    for name in schema_names():
        assert f"| `{name}` (`eduequity/contract/schemas/{name}.json`) |" in page
        for key in schema(name)["properties"]:
            assert f"| `{key}` |" in page
    assert "| `cv_undefined_reason` | string | no |" in page


def test_the_committed_reference_page_is_current() -> None:
    from eduequity._reference import _HEADER
    from eduequity.contract.reference import HEADER

    assert HEADER == _HEADER  # the page reads as the other generated pages do
    committed = (ROOT / "docs" / "reference" / "schemas.md").read_text(encoding="utf-8")
    assert committed == schemas_page(HEADER), "stale: regenerate docs/reference/schemas.md"

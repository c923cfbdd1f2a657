"""The command line: evaluate and rules, exit codes, one JSON document on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eduequity.cli import main

BAD_RULES = Path(__file__).parents[1] / "data" / "bad_rules"
SETS = Path(__file__).parents[2] / "src" / "eduequity" / "rules" / "data" / "sets"


def test_evaluate_json_is_one_document_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--format", "json"]) == 0
    out = capsys.readouterr()
    doc = json.loads(out.out)  # exactly one document: json.loads refuses trailing text
    assert doc["standard"]["id"] == "cn-2017-quality"
    assert doc["standard"]["digest"].startswith("sha256:")
    county = doc["counties"][0]
    assert (county["county_code"], county["year"], county["passed"]) == ("999901", 2025, False)
    primary = county["levels"]["primary"]
    assert set(primary) >= {"passed", "indicators", "composite_cv", "schools"}
    ind = primary["indicators"]["teaching_area_per_student"]
    assert set(ind) >= {"mean", "cv", "cv_threshold", "cv_passed"}
    assert ind["cv_threshold"] == 0.5
    first = primary["schools"][0]
    assert set(first) >= {"school_id", "students", "values", "passed", "failures"}
    assert county["parts"]["resource_allocation"]["passed"] is False
    assert county["parts"]["social_recognition"]["passed"] is None
    assert {"school_id", "level", "reason"} <= set(county["excluded"][0])
    assert "rule music_room_area: not assessed" in out.err


def test_strict_exits_1_when_a_county_does_not_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--strict"]) == 1
    text = capsys.readouterr().out
    assert text.splitlines()[2] == (
        "县 999901 示例县, 学年 2025: 未达标 "
        "(未达标: 资源配置, 政府保障程度; 未评估: 教育质量, 社会认可度, 一票否决)"
    )


def test_text_in_english_and_markdown_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", "--example", "--standard", "cn-2012-basic", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert (
        "County 999901 示例县, year 2025: not assessed (not assessed: Every school meets the "
        "province's school standard, County government effort, Public satisfaction)" in text
    )
    assert "composite coefficient of variation 0.189 ≤ 0.65: passed" in text
    out = tmp_path / "report.md"
    assert main(["evaluate", "--example", "--format", "md", "--output", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 县域义务教育优质均衡发展督导评估办法（优质均衡）")
    assert "| 指标 | 均值 | 差异系数 | 标准 | 结论 |" in md
    assert capsys.readouterr().out == ""


def test_county_inputs_file_and_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(
        json.dumps({"999901": {"government_effort_score": 90, "public_satisfaction_pct": 80}}),
        encoding="utf-8",
    )
    argv = ["evaluate", "--example", "--standard", "cn-2012-basic", "--format", "json"]
    assert main([*argv, "--county-inputs", str(inputs)]) == 0
    doc = json.loads(capsys.readouterr().out)
    parts = doc["counties"][0]["parts"]
    assert parts["government_effort"]["passed"] is True
    assert parts["public_satisfaction"]["passed"] is False
    assert doc["counties"][0]["passed"] is False
    assert main(["evaluate", "--example", "--flag", "room_area_relaxation=maybe"]) == 2


def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--standard", "no-such-set"]) == 2
    assert "no such rule set" in capsys.readouterr().err
    assert main(["evaluate"]) == 2
    assert "give a PATH" in capsys.readouterr().err


def test_rules_list_show_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json"]) == 0
    ids = [s["id"] for s in json.loads(capsys.readouterr().out)["rule_sets"]]
    assert ids[:2] == ["cn-2012-basic", "cn-2017-quality"]
    assert main(["rules", "show", "cn-2017-quality"]) == 0
    shown = capsys.readouterr().out
    assert "at most 1 of 7 may fail, floor 0.85" in shown
    assert "teaching_area_per_student: level=primary ≥ 4.5; level=junior ≥ 5.8" in shown
    good = SETS / "example-school-plan-2013.toml"
    assert main(["rules", "validate", str(good)]) == 0
    assert capsys.readouterr().out.startswith(
        f"{good}: valid rule set example-school-plan-2013 r1 (partial)"
    )
    assert main(["rules", "validate", str(BAD_RULES / "unknown_part.toml")]) == 2
    err = capsys.readouterr().err
    assert "unknown_part.toml: rules[id=r].part: unknown part 'governmnet'" in err

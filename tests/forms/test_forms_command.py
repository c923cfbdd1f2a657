"""The forms loop through its commands: template, collect, forms, rectify."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import openpyxl
import pytest
from tests.forms._filled import DATA, county, fill, schools

from eduequity.forms.command import register

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")


def _run(*argv: str) -> int:
    p = argparse.ArgumentParser(prog="eduequity")
    register(p.add_subparsers(dest="command"))
    args = p.parse_args(list(argv))
    return int(args.func(args))


def test_the_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.xlsx"
    assert _run("template", "school", "-o", str(blank)) == 0
    ws = openpyxl.load_workbook(blank).worksheets[0]
    assert [c.value for c in ws[1]] == ["序号", "类别", "填报项目", "单位", "填报值", "是否必填",
                                        "备注说明"]  # fmt: skip
    assert ws.max_row == 1 + 74
    returns = tmp_path / "returns"
    returns.mkdir()
    for k, v in enumerate(schools()):
        fill(blank if 69 in v else DATA / "学校填报表格.xlsx", v, returns / f"s{k}.xlsx")
    fill(DATA / "区县填报表格.xlsx", county(), returns / "county.xlsx")
    table, inputs = tmp_path / "schools.csv", tmp_path / "inputs.json"
    assert _run("collect", str(returns), "-o", str(table), "--county-inputs-out", str(inputs)) == 0
    assert capsys.readouterr().out == "5 forms: 5 accepted, 0 returned\n"
    with open(tmp_path / "collect.log.csv", encoding="utf-8") as fh:
        assert [r["status"] for r in csv.DictReader(fh)] == ["accepted"] * 5
    doc = json.loads(inputs.read_text(encoding="utf-8"))
    assert doc["counties"][0]["inputs"]["teacher_rotation_pct"] == pytest.approx(12.0)

    out = tmp_path / "申报表.xlsx"
    assert _run("forms", str(table), "--county-inputs", str(inputs), "-o", str(out)) == 0
    sheets = openpyxl.load_workbook(out).sheetnames
    assert sheets[:3] == ["表Ⅰ 基本情况", "表Ⅱ-1 小学", "表Ⅱ-2 初中"]

    reg = tmp_path / "整改台账.xlsx"
    assert _run("rectify", str(table), "--plan", "-o", str(reg)) == 0
    ws = openpyxl.load_workbook(reg)["整改台账"]
    head = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # the rural school's equipment, with the plan's measure and cost on it
    rural = [r for r in rows if r[head.index("学校代码")] == "2101010004"]
    assert rural
    assert rural[0][head.index("指标")] == "equipment_value_per_student"
    assert rural[0][head.index("预计费用（元）")] > 0
    assert _run("rectify", "--previous", str(reg), str(table), "--format", "json") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["counts"]["new"] == 0
    assert again["counts"]["open"] == len(rows)


def test_a_returned_form_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returns = tmp_path / "r"
    returns.mkdir()
    bad = schools()[0]
    bad[10] = "一千"
    fill(DATA / "学校填报表格.xlsx", bad, returns / "s.xlsx")
    assert _run("collect", str(returns), "--county-code", "210101", "--year", "2025") == 1
    out = capsys.readouterr().out
    assert "1 forms: 0 accepted, 1 returned" in out
    assert "第10项 小学学生人数 '一千': must be a number" in out

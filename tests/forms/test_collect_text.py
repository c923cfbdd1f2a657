"""``eduequity collect --lang zh`` prints its count of forms and each returned form's
errors in Chinese (from their codes); without ``--lang`` the English summary is as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eduequity.cli import main

pytest.importorskip("openpyxl")


def _returned_form(folder: Path) -> Path:
    import openpyxl

    from eduequity.forms.template import write_template

    blank = folder / "blank.xlsx"
    write_template("school", blank)
    wb = openpyxl.load_workbook(blank)
    ws = wb.worksheets[0]
    given = {1: "一小", 2: "小学", 3: "110101S0001", 4: "abc", 10: -5}
    for row in ws.iter_rows(min_row=2):
        if row[0].value in given:
            row[4].value = given[row[0].value]
    returns = folder / "returns"
    returns.mkdir()
    wb.save(returns / "a.xlsx")
    blank.unlink()
    return returns


def test_collect_speaks_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returns = _returned_form(tmp_path)
    argv = ["collect", str(returns), "--county-code", "110101", "--year", "2025"]
    assert main([*argv, "--lang", "zh"]) == 1
    lines = capsys.readouterr().out.splitlines()
    form = str(returns / "a.xlsx")
    assert lines[0] == "共 1 份表：0 份已接收，1 份退回"
    assert lines[1] == f"  {form}：第 4 项“建校时间”：应填数字，填的是“abc”"
    assert f"  {form}：第 10 项“小学学生人数”：不能为负数，填的是 -5" in lines
    assert f"  {form}：第 5 项“是否2010年及之前规划并建成”：必填项未填" in lines
    for line in lines:
        assert re.findall(r"[A-Za-z]+", line.replace(form, "").replace("abc", "")) == [], line
    assert main(argv) == 1
    en = capsys.readouterr().out.splitlines()
    assert en[0] == "1 forms: 0 accepted, 1 returned"
    assert en[1] == f"  {form}: 第4项 建校时间 'abc': must be a number"

"""Under ``--lang zh`` the cross-check's errors (its figures, its options) and the warning
of a retired rule-set id read in Chinese; without ``--lang`` their English is as it was."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest
from tests.cli.test_cli_errors_zh import latin_words

import eduequity as eq
from eduequity.cli import main

HEAD = "县区代码,学段,指标,差异系数\n"


def _err(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(argv) == 2
    return capsys.readouterr().err.splitlines()


def _check(theirs: Path, *more: str) -> list[str]:
    return ["crosscheck", str(theirs), str(eq.example_path()), "--standard", "cn-2012-basic",
            *more]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "english", "chinese"),
    [
        ("999901,小学,生均图书册数,abc\n", "row 2, column 差异系数: expected a number, got 'abc'",
         "第 2 行“差异系数”：应填数字，填的是“abc”"),
        ("999901,小学,生均图书册数,-0.2\n",
         "row 2, column 差异系数: expected a finite number >= 0, got '-0.2'",
         "第 2 行“差异系数”：应为不小于 0 的有限数，填的是“-0.2”"),
        ("999901,大学,生均图书册数,0.3\n",
         "row 2, column 学段: level must be primary/junior (小学/初中), got '大学'",
         "第 2 行“学段”：学段应为小学或初中，填的是“大学”"),
        ("999901,小学,图书,0.3\n",
         "row 2, column 指标: not an indicator id or name of the catalogue, got '图书'",
         "第 2 行“指标”：不是指标目录中的指标代码或名称，填的是“图书”"),
        ("999901,小学,生均图书册数,0.3\n999901,小学,生均图书册数,0.4\n",
         "row 3, column cv: cv of books_per_student given twice (0.3 in row 2, 0.4 here)",
         "第 3 行“cv”：books_per_student 的差异系数给出了两次（第 2 行为 0.3，此处为 0.4）"),
        ("999901,小学,生均图书册数,0.3,1\n", "row 2: 5 cells but the header has 4 columns",
         "第 2 行：有 5 个单元格，而表头只有 4 列"),
    ],
)  # fmt: skip
def test_their_figures_that_cannot_be_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, english: str, chinese: str
) -> None:
    theirs = tmp_path / "theirs.csv"
    theirs.write_text(HEAD + body, encoding="utf-8")
    zh = _err(_check(theirs, "--lang", "zh"), capsys)
    assert zh == [f"错误：{theirs}：{chinese}".replace(f"{theirs}：", "theirs.csv：")]
    assert latin_words(zh[0], "theirs.csv", "books_per_student", "cv", "abc") == []
    assert _err(_check(theirs), capsys) == [f"error: theirs.csv, {english}"]


def test_a_json_file_of_figures_counts_its_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = {"县区代码": "999901", "学段": "小学", "指标": "生均图书册数", "差异系数": 0.3}
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps([{**one, "是否达标": "是"}, {**one, "是否达标": "否"}]),
                      encoding="utf-8")  # fmt: skip
    assert _err(_check(theirs, "--lang", "zh"), capsys) == [
        "错误：theirs.json：第 2 条记录（位置 1）“passed”：是否达标给出了两次："
        "第 1 条记录（位置 0）为“是”，此处为“否”"
    ]
    assert _err(_check(theirs), capsys) == [
        "error: theirs.json, row 1, column passed: passed given as True in row 0 and False here"
    ]
    theirs.write_text('{"figures": 3}', encoding="utf-8")
    assert _err(_check(theirs, "--lang", "zh"), capsys) == [
        '错误：theirs.json：应为数据的列表，或 {"figures": [...]}'
    ]


def test_files_and_options_of_the_crosscheck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.csv"
    assert _err(_check(missing, "--lang", "zh"), capsys) == [f"错误：{missing}：文件不存在"]
    assert _err(_check(missing), capsys) == [f"error: {missing}: no such file"]
    other = tmp_path / "theirs.pdf"
    other.write_text("x", encoding="utf-8")
    assert _err(_check(other, "--lang", "zh"), capsys) == [
        "错误：theirs.pdf：不支持的文件类型“.pdf”（应为 csv、xlsx 或 json）"
    ]
    theirs = tmp_path / "theirs.csv"
    theirs.write_text(HEAD + "999901,小学,生均图书册数,0.3\n", encoding="utf-8")
    zh = _err(_check(theirs, "--rtol", "-1", "--lang", "zh"), capsys)
    assert zh == ["错误：--rtol 和 --atol 不能为负数，填的是 rtol=-1.0、atol=0.0005"]
    assert _err(_check(theirs, "--rtol", "-1"), capsys) == [
        "error: rtol and atol must be >= 0, got rtol=-1.0, atol=0.0005"
    ]
    theirs.write_text("学段,指标\n小学,生均图书册数\n", encoding="utf-8")
    zh = _err(_check(theirs, "--lang", "zh"), capsys)
    assert zh == ["错误：theirs.csv：缺少列 county_code（county_code / county / 县区代码）"]


def test_a_retired_rule_set_id_warns_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["evaluate", "--example", "--standard", "cn-anhui-2013", "--quiet"]
    def python_shows(message: Warning | str, category: type[Warning], filename: str,
                     lineno: int, file: object = None, line: str | None = None) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = python_shows  # as Python shows a warning outside pytest
        main([*argv, "--lang", "zh"])
        zh = capsys.readouterr().err.splitlines()
        main(argv)
        en = capsys.readouterr().err.splitlines()
    said = (
        "警告：规则集 cn-anhui-2013 已弃用，将在下一版本中移除：现在载入的是 "
        "example-school-plan-2013。其数值出自 2013 年的一份学校工作规划，并非安徽省的省级标准。"
    )
    assert said in zh
    assert latin_words(said, "cn-anhui-2013", "example-school-plan-2013") == []
    assert not any("DeprecatedRuleSetWarning" in line for line in zh)
    assert any(
        line.endswith(
            "DeprecatedRuleSetWarning: rule set 'cn-anhui-2013' is deprecated and will be "
            "removed in the next release: it now loads 'example-school-plan-2013'. Its values "
            "come from a 2013 school work plan, not from Anhui's provincial standard."
        )
        for line in en
    )


def test_a_figure_that_is_not_finite_is_named_as_text_in_the_error_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from eduequity.contract import validate

    theirs = tmp_path / "theirs.json"
    theirs.write_text(
        '[{"county_code": "999901", "level": "小学", "indicator": "生均图书册数", "cv": Infinity}]',
        encoding="utf-8",
    )
    assert main([*_check(theirs), "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)  # one whole document, JSON without Infinity
    validate(doc, "error", strict=True)
    (defect,) = doc["defects"]
    assert (defect["column"], defect["value"], defect["row"]) == ("cv", "inf", 0)

"""Under ``--lang zh`` a bad value of a record file (surveys, rosters, scores) reads in
Chinese: its place (the file's row, an in-memory record, a school, a teacher) and its
column by the file's own header; without ``--lang`` its English is as it always was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.cli.test_cli_errors_zh import latin_words

from eduequity.cli import main
from eduequity.errors import ConfigurationError, DataError
from eduequity.records import school_gap, teachers
from eduequity.records.scores import school_sums
from eduequity.report.error_text import error_text


def _err(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(argv) == 2
    return capsys.readouterr().err.splitlines()


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_roster_flag_neither_yes_nor_no(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "r.csv", "教师编号,学校,是否骨干教师\nT1,A,是\nT2,A,也许\n")
    zh = _err(["teachers", path, "--lang", "zh"], capsys)
    assert zh == [f"错误：{path}：第 3 行，“是否骨干教师”：应填“是”或“否”，填的是“也许”"]
    assert latin_words(zh[0], path) == []
    assert _err(["teachers", path], capsys) == [
        f"error: {path}, row 3, column is_key_teacher: must be 是 or 否, got '也许'"
    ]
    assert _err(["teachers", path, "--lang", "en"], capsys) == [
        f"error: {path}, row 3, column is_key_teacher: must be 是 or 否, got '也许'"
    ]


def test_roster_hours_negative_or_not_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "r.csv", "教师编号,学校,培训学时,是否交流轮岗\nT1,A,-3,否\n")
    assert _err(["teachers", path, "--lang", "zh"], capsys) == [
        f"错误：{path}：第 2 行，“培训学时”：不能为负数，填的是“-3”"
    ]
    assert _err(["teachers", path], capsys) == [
        f"error: {path}, row 2, column training_hours_5y: must be ≥ 0, got '-3'"
    ]
    path = _file(tmp_path, "r.csv", "教师编号,学校,培训学时,是否交流轮岗\nT1,A,十,否\n")
    assert _err(["teachers", path, "--lang", "zh"], capsys) == [
        f"错误：{path}：第 2 行，“培训学时”：应填数字，填的是“十”"
    ]


def test_a_roster_without_its_rotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, "t.csv", "教师编号,学校\nT1,A\n")
    zh = _err(["teachers", path, "--lang", "zh"], capsys)
    assert zh == [f"错误：{path}：须有是否交流轮岗列，或两个学年的任职学校列（school_年份）"]
    assert latin_words(zh[0], path, "school_") == []
    assert _err(["teachers", path], capsys) == [
        f"error: {path}: needs a rotated column or two school_YYYY columns"
    ]


def test_survey_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "答卷编号,群体,学校,满意度,层,权重\n"
    path = _file(tmp_path, "s.csv", head + "1,家长,A,满意,城,0.6\n2,家长,A,满意,城,0.5\n")
    zh = _err(["survey", path, "--lang", "zh"], capsys)
    assert zh == [f"错误：{path}：第 3 行，“权重”：层“城”有两个权重 0.6 和 0.5；每层只能有一个权重"]
    assert latin_words(zh[0], path) == []
    assert _err(["survey", path], capsys) == [
        f"error: {path}, row 3, column weight: stratum '城' has weights 0.6 and 0.5; give each "
        "stratum one weight"
    ]
    path = _file(tmp_path, "s.csv", head + "1,家长,A,满意,城,abc\n")
    assert _err(["survey", path, "--lang", "zh"], capsys) == [
        f"错误：{path}：第 2 行，“权重”：应填数字，填的是“abc”"
    ]
    assert _err(["survey", path], capsys) == [
        f"error: {path}, row 2, column weight: not a number, got 'abc'"
    ]
    path = _file(tmp_path, "s.csv", "答卷编号,满意度,层\n1,满意,城\n")
    assert _err(["survey", path, "--lang", "zh"], capsys) == [
        f"错误：{path}：有分层列就须有权重列（各层占总体的比例）"
    ]


def test_an_in_memory_record_is_named_by_its_ordinal_and_position() -> None:
    rows = [{"school": "A", "subject": "数学", "score": 60},
            {"school": "A", "subject": "数学", "score": "x"}]  # fmt: skip
    with pytest.raises(DataError) as caught:
        school_gap(rows)
    assert str(caught.value) == "records, row 1, column score: not a number, got 'x'"
    assert error_text(caught.value, "zh") == (
        "records：第 2 条记录（位置 1），“score”：应填数字，填的是“x”"
    )
    assert error_text(caught.value, "en") == str(caught.value)
    rows[1]["score"] = -2
    with pytest.raises(DataError) as caught:
        school_gap([{"学校": r["school"], "科目": r["subject"], "分数": r["score"]}
                    for r in rows])  # fmt: skip
    assert error_text(caught.value, "zh") == (
        "records：第 2 条记录（位置 1），“分数”：应为不小于 0 的有限数，填的是“-2”"
    )
    with pytest.raises(ConfigurationError) as bad:
        school_gap(rows[:1])["数学"].county_inputs("mean")
    assert error_text(bad.value, "zh") == "校际差异率的定义应为 icc 或 cv_of_means，填的是“mean”"


def test_values_found_in_an_engine_name_their_school_or_teacher() -> None:
    con = sqlite3.connect(":memory:")
    con.execute('CREATE TABLE s ("学校" TEXT, "科目" TEXT, "等级" TEXT)')
    con.execute("INSERT INTO s VALUES ('A', '数学', 'Ⅴ')")
    with pytest.raises(DataError) as caught:
        school_sums(None, engine=con, table="s")
    assert str(caught.value) == "s, school A, column level: must be Ⅰ–Ⅳ, got 'Ⅴ'"
    # in Chinese the column is named by the table's own header, as in memory
    assert error_text(caught.value, "zh") == "s：学校 A，“等级”：应为 Ⅰ–Ⅳ 之一，填的是“Ⅴ”"
    con.execute('CREATE TABLE t ("教师编号" TEXT, "学校" TEXT, "是否骨干教师" TEXT)')
    con.execute("INSERT INTO t VALUES ('T9', 'A', '也许')")
    with pytest.raises(DataError) as caught:
        teachers(None, engine=con, table="t")
    assert str(caught.value) == "t, teacher T9, column is_key_teacher: must be 是 or 否, got '也许'"
    assert error_text(caught.value, "zh") == (
        "t：教师 T9，“是否骨干教师”：应填“是”或“否”，填的是“也许”"
    )

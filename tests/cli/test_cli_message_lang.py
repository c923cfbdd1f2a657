"""``--lang`` on stderr: warnings and errors in the clerk's language, with the sheet's own
row numbers and headers; without ``--lang`` stderr is as it always was; JSON is the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eduequity.cli import main

# A bureau sheet: a title row, Chinese headers, no 学校类型 column, a bad number, a total row.
SHEET = (
    "某某县2025年义务教育学校基本情况表\n"
    "学校标识码,学校名称,区县代码,学年,小学在校生数,小学专任教师数\n"
    "110101S0001,一小,110101,2025,300,20\n"
    "110101S0003,三小,110101,2025,12a,10\n"
    "合计,,110101,2025,312,30\n"
)

ZH = [
    "警告：county.csv：表头在第 2 行，其上的行已跳过"
    "（第 1 行：“某某县2025年义务教育学校基本情况表”）；如需另选表头行，请用 --header-row",
    "错误：county.csv：缺少必需的列“学校类型”（school_type）；查找表头时看过的行："
    "第 1 行：“某某县2025年义务教育学校基本情况表”；"
    "第 2 行：“学校标识码”、“学校名称”、“区县代码”、“学年”、“小学在校生数”、“小学专任教师数”；"
    "第 3 行：“110101S0001”、“一小”、“110101”、“2025”、“300”、“20”",
    "错误：county.csv：第 5 行：“学校标识码”为“合计”：这是合计行，不是学校；"
    "请删除（合计由各校数据算出）",
    "错误：county.csv：第 4 行（学校 110101S0003）“小学在校生数”：“12a”不是数字",
    "county.csv：3 个错误，数据未被接受",
]
EN = [
    "warning: county.csv: the header is row 2; the rows above it were skipped (row 1: "
    "'某某县2025年义务教育学校基本情况表'); pass header_row= (--header-row) to choose another",
    "error: county.csv: required column school_type (学校类型) is missing; rows looked at "
    "for the header: row 1: '某某县2025年义务教育学校基本情况表'; row 2: '学校标识码', '学校名称', "
    "'区县代码', '学年', '小学在校生数', '小学专任教师数'; row 3: '110101S0001', '一小', "
    "'110101', '2025', '300', '20'",
    "error: county.csv: row 5: '合计' in column 学校标识码: a row of totals, not a school; "
    "remove it (totals are computed from the schools)",
    "error: county.csv: row 4 (school 110101S0003), column 小学在校生数: '12a' is not a number",
    "county.csv: 3 error(s); the data were refused",
]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "county.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


def _stderr(argv: list[str], capsys: pytest.CaptureFixture[str], code: int) -> list[str]:
    assert main(argv) == code
    return capsys.readouterr().err.splitlines()


def _latin_words(text: str, *allowed: str) -> list[str]:
    """Latin letters left once file names, ids, codes and options are taken out."""
    for a in allowed:
        text = text.replace(a, "")
    text = re.sub(r"（[a-z0-9_]+）", "", text)  # a column id in brackets after its name
    text = text.replace("--header-row", "")
    return re.findall(r"[A-Za-z]+", text)


def test_validate_in_chinese(sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _stderr(["validate", str(sheet), "--lang", "zh"], capsys, 2) == ZH


def test_validate_in_english(sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _stderr(["validate", str(sheet), "--lang=en"], capsys, 2) == EN


def test_chinese_lines_hold_no_english_words(
    sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = "\n".join(_stderr(["validate", str(sheet), "--lang", "zh"], capsys, 2))
    assert _latin_words(err, "county.csv", "110101S0001", "110101S0003", "“12a”") == []
    ex = "\n".join(_stderr(["evaluate", "--example", "--lang", "zh"], capsys, 0))
    assert ex
    assert _latin_words(ex, "example_county.csv") == []


def test_without_lang_stderr_keeps_its_messages(
    sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _stderr(["validate", str(sheet)], capsys, 2)
    assert err[2] == "error: county.csv, row 5: '合计' in column school_id: a row of totals, " \
        "not a school; remove it (totals are computed from the schools)"
    assert err[-1] == "county.csv: 3 error(s); the data were refused"


def test_evaluate_warning_in_chinese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    zh = _stderr(["evaluate", "--example", "--lang", "zh"], capsys, 0)
    assert zh == [
        "警告：example_county.csv：数据缺少“最小音乐专用教室面积”，音乐专用教室面积（最小）未评估",
        "警告：example_county.csv：数据缺少“最小美术专用教室面积”，美术专用教室面积（最小）未评估",
    ]
    en = _stderr(["evaluate", "--example", "--lang", "en"], capsys, 0)
    assert en[0] == (
        "warning: example_county.csv: Smallest music room area: not assessed, the data lack "
        "column(s) min_music_room_area_m2"
    )
    assert _stderr(["evaluate", "--example", "--lang", "zh", "--quiet"], capsys, 0) == []


def test_table_warnings_of_evaluate_name_the_sheets_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    rows = ["学校标识码,学校类型,小学在校生数,小学专任教师数,运动场面积"]
    rows += [f"S{i},小学,{100 + i},{10 + i},900" for i in range(1, 4)]
    rows.append("S4,小学,120,0,900")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    err = _stderr(["validate", str(path), "--lang", "zh"], capsys, 0)
    assert err == [
        "警告：s.csv：E 列的表头“运动场面积”无法识别，已作为附加列保留；是否应为“运动场地面积”？",
        "警告：s.csv：第 5 行（学校 S4）“小学专任教师数”：有小学学生 120 人，但没有小学专任教师",
    ]


def test_file_errors_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "quote.csv").write_text('school_id,school_type\n"S1,小学\n', encoding="utf-8")
    (tmp_path / "old.xls").write_bytes(b"")
    said = {
        name: _stderr(["validate", str(tmp_path / name), "--lang", "zh"], capsys, 2)
        for name in ("empty.csv", "quote.csv", "none.csv")
    }
    assert said["empty.csv"] == ["错误：empty.csv：文件是空的（没有表头，也没有数据行）"]
    assert said["quote.csv"] == [
        "错误：quote.csv：第 2 行有一个未闭合的引号（\"），会吞掉其后的各行；请补全或删除它"
    ]
    assert said["none.csv"] == [f"错误：{tmp_path / 'none.csv'}：文件不存在"]
    # in English, the error's own message, with every fact it holds (as without --lang)
    english = _stderr(["validate", str(tmp_path / "quote.csv"), "--lang", "en"], capsys, 2)
    assert english == _stderr(["validate", str(tmp_path / "quote.csv")], capsys, 2)
    assert english == [
        "error: quote.csv, row 2: unexpected end of data: an unbalanced quote (\") here would "
        "swallow the rows after it; close or remove it"
    ]
    assert _stderr(["validate", str(tmp_path / "old.xls"), "--lang", "zh"], capsys, 2) == [
        "错误：old.xls：不支持的文件类型 .xls（可用 csv、xlsx、json）"
    ]


def test_other_errors_take_the_prefix_of_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "none.csv")
    err = _stderr(["validate", missing, "--lang", "zh"], capsys, 2)
    assert err[0].startswith("错误：")
    assert "none.csv" in err[0]
    assert _stderr(["validate", missing], capsys, 2)[0].startswith("error: ")


def test_json_error_document_is_the_same_in_both_languages(
    sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = []
    for lang in ([], ["--lang", "zh"], ["--lang", "en"]):
        assert main(["validate", str(sheet), "--format", "json", *lang]) == 2
        docs.append(json.loads(capsys.readouterr().out))
    assert docs[0] == docs[1] == docs[2]
    bad = next(d for d in docs[0]["defects"] if d["code"] == "not_a_number")
    assert (bad["row"], bad["school"], bad["column"], bad["value"]) == (
        4, "110101S0003", "students_primary", "12a"
    )
    assert bad["message"] == (
        "county.csv, row 4, school 110101S0003, column students_primary: expected a number, "
        "got '12a'"
    )
    assert bad["message_zh"] == (
        "county.csv：第 4 行（学校 110101S0003）“小学在校生数”：“12a”不是数字"
    )

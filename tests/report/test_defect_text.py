"""Defects and warnings in Chinese and English from their code and fields: the catalogue
covers every code, columns are named as the file names them, rows are the file's."""

from __future__ import annotations

from pathlib import Path

import pytest

import eduequity as eq
from eduequity.codes import DefectCode
from eduequity.defects import Defect
from eduequity.report.defect_text import column_label, defect_text, template_fields
from eduequity.report.labels import MESSAGES


@pytest.mark.parametrize("code", list(DefectCode))
def test_every_defect_code_has_a_sentence_in_both_languages(code: DefectCode) -> None:
    key = f"d.{code}"
    assert key in MESSAGES
    assert set(MESSAGES[key]) == {"zh", "en"}
    assert template_fields(key, "zh") == template_fields(key, "en")


def test_every_defect_message_has_the_same_placeholders_in_both_languages() -> None:
    keys = [k for k in MESSAGES if k.startswith(("d.", "dp.", "e."))]
    assert len(keys) > len(DefectCode)
    for key in keys:
        assert template_fields(key, "zh") == template_fields(key, "en"), key


def _not_a_number(headers: dict[str, str]) -> Defect:
    return Defect(
        "error", "not_a_number", "…", "a.csv", 12, "110101S0003", "students_primary", "12a",
        headers=headers,
    )  # fmt: skip


def test_a_cell_named_by_the_files_header_in_both_languages() -> None:
    d = _not_a_number({"students_primary": "小学在校生数"})
    assert defect_text(d, "zh") == (
        "错误：a.csv：第 12 行（学校 110101S0003）“小学在校生数”：“12a”不是数字"
    )
    assert defect_text(d, "en") == (
        "error: a.csv: row 12 (school 110101S0003), column 小学在校生数: '12a' is not a number"
    )


def test_a_column_with_its_id_as_header_is_the_id_in_english_its_name_in_chinese() -> None:
    d = _not_a_number({"students_primary": "students_primary"})
    assert defect_text(d, "zh", severity=False) == (
        "a.csv：第 12 行（学校 110101S0003）“小学在校生数”：“12a”不是数字"
    )
    assert defect_text(d, "en", severity=False) == (
        "a.csv: row 12 (school 110101S0003), column students_primary: '12a' is not a number"
    )
    assert column_label("no_such_column", "zh") == "no_such_column"


def test_an_unknown_code_keeps_its_message_in_english_and_its_code_in_chinese() -> None:
    d = Defect("warning", "something_new", "a.csv, row 3: odd", "a.csv", 3)
    assert defect_text(d, "en") == "warning: a.csv, row 3: odd"
    assert defect_text(d, "zh") == "警告：a.csv：第 3 行：数据提示（代码 something_new）"


def test_a_defect_without_the_facts_of_its_template_falls_back() -> None:
    d = Defect("error", "implausible_year", "a.csv, row 4: bad year", "a.csv", 4, None, "year", 3)
    assert defect_text(d, "en") == "error: a.csv, row 4: bad year"
    assert defect_text(d, "zh") == "错误：a.csv：第 4 行“学年”：数据提示（代码 implausible_year）"


def test_a_loaded_tables_defects_name_its_chinese_headers(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "学校标识码,学校类型,学年,小学在校生数,小学专任教师数,小学高于规定学历专任教师数\n"
        "S1,小学,2025,300,20,25\n"
        "S2,小学,1900,200,10,5\n",
        encoding="utf-8",
    )
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(path)
    lines = [defect_text(d, "zh") for d in info.value.errors]
    assert lines == [
        "错误：s.csv：第 3 行（学校 S2）“学年”：须为 1949 至 2100 年之间的年份，填的是 1900",
        "错误：s.csv：第 2 行（学校 S1）“小学高于规定学历专任教师数”："
        "25 超过“小学专任教师数”（20）",
    ]
    assert defect_text(info.value.errors[1], "en") == (
        "error: s.csv: row 2 (school S1), column 小学高于规定学历专任教师数: 25 exceeds "
        "小学专任教师数 (20)"
    )


def test_an_xlsx_title_row_counts_in_the_row_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "2025"
    ws.append(["某某县2025年义务教育学校基本情况表"])
    ws.append(["学校标识码", "学校类型", "小学在校生数"])
    ws.append(["S1", "小学", 300])
    ws.append(["S2", "小学", "三百"])
    path = tmp_path / "s.xlsx"
    book.save(path)
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(path)
    notes = [defect_text(d, "zh") for d in info.value.defects]
    assert notes == [
        "警告：s.xlsx（工作表 2025）：表头在第 2 行，其上的行已跳过"
        "（第 1 行：“某某县2025年义务教育学校基本情况表”）；如需另选表头行，请用 --header-row",
        "错误：s.xlsx（工作表 2025）：第 4 行（学校 S2）“小学在校生数”：“三百”不是数字",
    ]
    assert defect_text(info.value.errors[0], "en") == (
        "error: s.xlsx, sheet 2025: row 4 (school S2), column 小学在校生数: '三百' is not a number"
    )


def test_an_enum_lists_its_values_in_the_language(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("school_id,school_type\nS1,小校\n", encoding="utf-8")
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(path)
    (d,) = info.value.errors
    assert defect_text(d, "zh", severity=False) == (
        "s.csv：第 2 行（学校 S1）“学校类型”：“小校”不是可用的学校类型；可填：小学、初中、"
        "九年一贯制、十二年一贯制、完全中学、教学点、特殊教育学校"
    )
    assert defect_text(d, "en", severity=False) == (
        "s.csv: row 2 (school S1), column school_type: unknown value '小校'; expected one of "
        "primary, junior, nine_year, twelve_year, complete_secondary, teaching_point, special"
    )


def test_the_reports_warnings_speak_the_sheets_words(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    rows = ["某某县学校情况表", "学校标识码,学校类型,区县代码,学年,小学在校生数,小学专任教师数"]
    rows += [f"S{i},小学,110101,2025,{100 + i},{10 + i}" for i in range(1, 4)]
    rows.append("S4,小学,110101,2025,120,0")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = eq.evaluate(eq.load_schools(path)).to_text(lang="zh")
    assert (
        "  - s.csv：表头在第 2 行，其上的行已跳过（第 1 行：“某某县学校情况表”）；"
        "如需另选表头行，请用 --header-row"
    ) in report.splitlines()
    assert (
        "  - s.csv：第 6 行（学校 S4）“小学专任教师数”：有小学学生 120 人，但没有小学专任教师"
    ) in report.splitlines()


def test_a_record_is_counted_from_one_with_its_position() -> None:
    import eduequity as eq
    from eduequity.report.defect_text import defect_text

    recs = eq.load_example().to_dicts()
    recs[2]["students_primary"] = "12a"
    with pytest.raises(eq.EduequityError) as info:
        eq.load_schools(recs)
    d = info.value.defects[0]  # type: ignore[attr-defined]
    assert (d.source, d.row) == ("records", 2)
    assert defect_text(d, "zh") == (
        "错误：records：第 3 条记录（位置 2，学校 999901B003）“小学在校生数”：“12a”不是数字"
    )
    assert defect_text(d, "en") == (
        "error: records: record 3 (position 2, school 999901B003), column students_primary: "
        "'12a' is not a number"
    )


def test_a_renamed_in_memory_source_still_counts_its_records_from_one() -> None:
    from eduequity._validate import validate
    from eduequity.errors import DataValidationError
    from eduequity.io.records import read_records

    raw = read_records(
        [{"school_id": "S1", "school_type": "primary", "students_primary": -5}], "my.json"
    )
    with pytest.raises(DataValidationError) as caught:
        validate(raw)
    (d,) = caught.value.errors
    assert d.row == 0
    assert d.row_is_position
    assert defect_text(d, "zh") == (
        "错误：my.json：第 1 条记录（位置 0，学校 S1）“小学在校生数”：不能为负数，填的是 -5"
    )
    assert d.message.startswith("my.json, row 0, school S1")  # the English, as it was


def test_a_file_named_records_keeps_its_own_row_numbers() -> None:
    d = Defect("error", "not_a_number", "…", "records", 3, positions=False, column="year",
               value="x")
    assert defect_text(d, "zh").startswith("错误：records：第 3 行")

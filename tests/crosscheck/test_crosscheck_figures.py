"""Reading another system's figures: files, Chinese headers, records, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _county import IND_2017, five_county, their_cvs, units

from eduequity.crosscheck import FiguresError, crosscheck, read_figures
from eduequity.errors import DataError, EduequityError

CSV_ZH = """县区代码,年份,学段,指标,差异系数,综合差异系数,是否达标,备注
100001,2025,小学,生均教学及辅助用房面积,0.489,,是,
100001,2025,小学,每百名学生拥有县级以上骨干教师数,0,,是,
100001,2025,小学,综合差异系数,0.123,,是,x
"""


def test_chinese_headers_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "theirs.csv"
    path.write_bytes(CSV_ZH.encode("gb18030"))
    f = read_figures(path)
    assert f.source == "theirs.csv"
    assert f.ignored_columns == ("备注",)
    first, _, composite = f.figures
    assert (first.row, first.county_code, first.year, first.level) == (2, "100001", 2025, "primary")
    assert (first.indicator, first.cv, first.passed) == ("teaching_area_per_student", 0.489,
                                                         True)  # fmt: skip
    assert (composite.indicator, composite.cv, composite.composite) == (None, None, 0.123)


def test_the_same_figures_from_xlsx_json_records_and_a_dataframe(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    records = [
        {"county_code": "100001", "level": "junior", "indicator": "生均图书册数", "cv": 0.3,
         "mean": 25.5, "passed": "未达标"},
        {"county_code": 100001, "level": "初中", "indicator": "composite", "cv": "0.41"},
    ]  # fmt: skip
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区县代码", "学段", "指标名称", "差异系数", "均值", "是否达标"])
    ws.append([100001, "初中", "生均图书册数", 0.3, 25.5, "未达标"])
    ws.append([100001, "初中", "综合差异系数", 0.41, None, None])
    wb.save(tmp_path / "t.xlsx")
    (tmp_path / "t.json").write_text(json.dumps({"figures": records}), encoding="utf-8")
    sources = [records, tmp_path / "t.xlsx", tmp_path / "t.json", pd.DataFrame(records)]
    read = [[x.to_dict() for x in read_figures(s).figures] for s in sources]
    for r in read:
        for a, b in zip(r, read[0], strict=True):
            assert {k: v for k, v in a.items() if k != "row"} == {
                k: v for k, v in b.items() if k != "row"}  # fmt: skip
    assert read[0][0]["indicator"] == "books_per_student"
    assert read[0][0]["passed"] is False
    assert read[0][1]["composite"] == 0.41
    assert read[0][1]["cv"] is None
    assert [x["row"] for x in read[1]] == [2, 3]  # the sheet's rows


@pytest.mark.parametrize(
    ("line", "column", "value", "words"),
    [
        ("100001,2025,高中,生均图书册数,0.3", "学段", "高中", "level must be"),
        ("100001,2025,小学,生均图书,0.3", "指标", "生均图书", "not an indicator"),
        ("100001,2025,小学,生均图书册数,abc", "差异系数", "abc", "expected a number"),
        ("100001,2025,小学,生均图书册数,-0.1", "差异系数", "-0.1", "finite number >= 0"),
        ("100001,2025.5,小学,生均图书册数,0.1", "年份", "2025.5", "whole number"),
        (",2025,小学,生均图书册数,0.1", "县区代码", "", "county code is required"),
    ],
)
def test_bad_cells_name_file_row_column_and_value(
    tmp_path: Path, line: str, column: str, value: str, words: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("县区代码,年份,学段,指标,差异系数\n100001,2025,小学,生均图书册数,0.2\n"
                    + line + "\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(FiguresError) as info:
        read_figures(path)
    err = info.value
    assert (err.file, err.row, err.column, err.value) == ("bad.csv", 3, column, value)
    assert words in str(err)
    assert str(err).startswith(f"bad.csv, row 3, column {column}: ")
    assert isinstance(err, DataError)
    assert isinstance(err, ValueError)


def test_a_figure_given_twice_with_two_values_is_refused() -> None:
    base = {"county_code": "100001", "level": "primary", "indicator": "books_per_student"}
    with pytest.raises(FiguresError, match=r"records, row 1, column cv: .*0.2 in row 0"):
        crosscheck([{**base, "cv": 0.2}, {**base, "cv": 0.3}], five_county(), "cn-2012-basic")
    with pytest.raises(FiguresError, match="passed given as True in row 0"):
        crosscheck([{**base, "cv": 0.2, "passed": "是"},
                    {**base, "indicator": "teachers_per_student", "cv": 0.1, "passed": "否"}],
                   five_county(), "cn-2012-basic")  # fmt: skip


def test_missing_columns_and_files() -> None:
    with pytest.raises(FiguresError, match="no column level"):
        read_figures([{"county_code": "1", "indicator": "books_per_student", "cv": 1}])
    with pytest.raises(FiguresError, match="no such file"):
        read_figures("/nonexistent/theirs.csv")
    with pytest.raises(EduequityError, match="unsupported file type"):
        read_figures(Path(__file__))


def test_figures_that_cannot_be_compared_are_reported_not_dropped() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    figures = [
        {"county_code": "100001", "level": "primary", "indicator": k, "cv": round(v, 3)}
        for k, v in ours.items()
    ]
    figures += [
        {"county_code": "999999", "level": "primary", "indicator": "生均图书册数", "cv": 0.2},
        {"county_code": "100001", "level": "primary", "indicator": "books_per_student",
         "cv": 0.2},
        {"county_code": "100001", "level": "junior", "indicator": "teaching_area_per_student",
         "cv": 0.2},
        {"county_code": "100001", "year": 2019, "level": "primary",
         "indicator": "teaching_area_per_student", "cv": 0.2},
    ]  # fmt: skip
    r = crosscheck(figures, data, "cn-2017-quality")
    reasons = [u["reason"] for u in r.unmatched]
    assert reasons == [
        "the school data have no county 999999",
        "books_per_student is not an indicator of the CV rules of cn-2017-quality",
        "the school data have no year 2019 for county 100001",
        "the school data have no junior sections in county 100001",
    ]
    assert [u["row"] for u in r.unmatched] == [7, 8, 10, 9]
    assert r.level("100001", "primary").agrees
    assert not r.agrees


def test_a_county_of_several_years_needs_a_year() -> None:
    data = five_county() + [{**s, "year": 2024} for s in five_county()]
    r = crosscheck(
        [
            {
                "county_code": "100001",
                "level": "primary",
                "indicator": "books_per_student",
                "cv": 0.2,
            }
        ],
        data,
        "cn-2012-basic",
    )
    assert r.unmatched[0]["reason"] == (
        "county 100001 has years 2024, 2025 in the data: give a year"
    )


def test_a_verdict_without_figures_is_kept_and_compared() -> None:
    r = crosscheck([{"county_code": "100001", "level": "primary", "indicator": "composite",
                     "passed": "达标"}], five_county(), "cn-2017-quality")  # fmt: skip
    lv = r.level("100001", "primary")
    assert (lv.figures, lv.stated_verdict, lv.our_verdict, lv.stated_flips) == (
        (),
        True,
        False,
        True,
    )
    assert "they state it passes" in lv.account("en")
    assert "100001 2025 primary" in r.to_text("en")
    empty = crosscheck(
        [{"county_code": "100001", "level": "primary", "indicator": "生均图书册数"}],
        five_county(),
        "cn-2012-basic",
    )
    assert empty.levels == ()
    assert empty.unmatched[0]["reason"] == "the row gives no figure"

"""Loading every supported source, header variants, and the gallery of bad files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import eduequity as eq
from eduequity.errors import DataError, DataValidationError
from eduequity.io import csv_plain
from eduequity.io import csv_reader as csv_module

BAD = Path(__file__).parent / "data" / "bad"

# file → (code, the exact message) of every error it must raise
GALLERY: dict[str, list[tuple[str, str]]] = {
    "negative_students.csv": [
        (
            "negative_value",
            "negative_students.csv, row 3, school S2, column students_primary: "
            "must be >= 0, got -5",
        ),
    ],
    "fractional_students.csv": [
        (
            "not_whole",
            "fractional_students.csv, row 2, school S1, column students_primary: "
            "must be a whole number, got 300.5",
        ),
    ],
    "unknown_type.csv": [
        (
            "unknown_school_type",
            "unknown_type.csv, row 2, school S1, column school_type: "
            "unknown value 'college'; expected one of primary, junior, nine_year, twelve_year, "
            "complete_secondary, teaching_point, special",
        ),
    ],
    "qualified_exceeds_teachers.csv": [
        (
            "subset_exceeds_total",
            "qualified_exceeds_teachers.csv, row 2, school S1, column "
            "qualified_teachers_primary: qualified_teachers_primary (25) exceeds "
            "teachers_primary (20)",
        ),
    ],
    "indoor_exceeds_aux.csv": [
        (
            "subset_exceeds_total",
            "indoor_exceeds_aux.csv, row 2, school S1, column "
            "indoor_sports_area_m2: indoor_sports_area_m2 (1600) exceeds teaching_aux_area_m2 "
            "(1500), which includes it",
        ),
    ],
    "duplicate_id.csv": [
        (
            "duplicate_school_id",
            "duplicate_id.csv, row 3, school S1, column school_id: "
            "duplicate school_id 'S1' in county 330106, year 2025: first at row 2",
        ),
    ],
    "not_a_number.csv": [
        (
            "not_a_number",
            "not_a_number.csv, row 2, school S1, column equipment_value_yuan: "
            "expected a number, got 'abc'",
        ),
    ],
    "not_a_boolean.csv": [
        (
            "not_a_boolean",
            "not_a_boolean.csv, row 4, school S3, column boarding: "
            "expected yes/no (是/否, 1/0), got 'maybe'",
        ),
    ],
    "missing_school_id_column.csv": [
        (
            "missing_column",
            "missing_school_id_column.csv: required column school_id (学校标识码) is missing; "
            "rows looked at for the header: row 1: 'county_code', 'year', 'school_type'; "
            "row 2: '330106', '2025', 'primary'",
        ),
    ],
    "junior_students_in_primary.csv": [
        (
            "section_not_in_type",
            "junior_students_in_primary.csv, row 2, school S1, column "
            "students_junior: a primary school has no junior section, got 120 students",
        ),
    ],
    "empty_school_id.csv": [
        ("missing_school_id", "empty_school_id.csv, row 2, column school_id: school_id is empty"),
    ],
    "several_defects.csv": [
        (
            "unknown_school_type",
            "several_defects.csv, row 4, school S3, column school_type: "
            "unknown value 'unknown'; expected one of primary, junior, nine_year, twelve_year, "
            "complete_secondary, teaching_point, special",
        ),
        (
            "negative_value",
            "several_defects.csv, row 2, school S1, column teaching_aux_area_m2: "
            "must be >= 0, got -1500",
        ),
        (
            "subset_exceeds_total",
            "several_defects.csv, row 3, school S2, column "
            "qualified_teachers_primary: qualified_teachers_primary (30) exceeds "
            "teachers_primary (20)",
        ),
    ],
}


def test_every_message_of_these_files_is_pinned() -> None:
    """The files here are refused with all their messages; the first is in the gallery."""
    from eduequity.io.gallery import CASES

    first = {c.file: c.message for c in CASES}
    for name, expected in GALLERY.items():
        assert first[name] == expected[0][1] or first[name] in [m for _, m in expected]


def _no_fast_path(*args: object, **kwargs: object) -> None:
    return None


@pytest.fixture(params=["pyarrow", "pandas", "stdlib"])
def csv_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a CSV test through every reader: pyarrow's and pandas' parsers (when installed)
    and the standard library's."""
    if request.param == "pandas":
        monkeypatch.setattr(csv_plain, "_with_arrow", _no_fast_path)
    if request.param == "stdlib":
        monkeypatch.setattr(csv_module, "read_plain", _no_fast_path)
    return str(request.param)


@pytest.mark.usefixtures("csv_reader")
@pytest.mark.parametrize("name", sorted(GALLERY))
def test_bad_file_is_refused_with_every_message(name: str) -> None:
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(BAD / name)
    got = [(d.code, d.message) for d in info.value.errors]
    assert sorted(got) == sorted(GALLERY[name])


def test_both_csv_readers_give_the_same_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    path = tmp_path / "example.csv"
    path.write_bytes(eq.example_path().read_bytes())
    with_arrow = eq.load_schools(path)
    monkeypatch.setattr(csv_plain, "_with_arrow", _no_fast_path)
    with_pandas = eq.load_schools(path)
    monkeypatch.setattr(csv_module, "read_plain", _no_fast_path)
    exact = eq.load_schools(path)
    for fast in (with_arrow, with_pandas):
        assert fast.to_dicts() == exact.to_dicts()
        assert fast.rows.tolist() == exact.rows.tolist()
        assert [w.message for w in fast.warnings] == [w.message for w in exact.warnings]
        for column in ("school_id", "school_type", "students_primary", "books"):
            assert fast[column].dtype == exact[column].dtype
    # a blank line moves the row numbers: the fast path hands over to the exact reader
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([lines[0], "", *lines[1:]]) + "\n", encoding="utf-8")
    monkeypatch.undo()
    assert eq.load_schools(path).rows.tolist()[:2] == [3, 4]


def test_cli_exits_2_with_messages_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from eduequity.cli import main

    assert main(["validate", str(BAD / "several_defects.csv")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    for _, message in GALLERY["several_defects.csv"]:
        assert message in captured.err


def test_cli_valid_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    from eduequity.cli import main

    assert main(["validate", "--example", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] is True
    assert doc["schools"] == 40
    assert doc["counties"] == [{"county_code": "999901", "year": 2025}]


ROWS = [
    {
        "学校标识码": "A1",
        "区县代码": "330106",
        "学年": 2025,
        "学校类型": "小学",
        "小学在校生数": 300,
        "初中在校生数": "",
        "教学及辅助用房面积（平方米）": 1500.5,
        "教学仪器设备资产值(万元)": 60.5,
        "备注": "新建",
    },
    {
        "学校标识码": "A2",
        "区县代码": "330106",
        "学年": 2025,
        "学校类型": "初中",
        "小学在校生数": "",
        "初中在校生数": 500,
        "教学及辅助用房面积（平方米）": 3000,
        "教学仪器设备资产值(万元)": 150,
        "备注": "",
    },
]


def _write_csv(path: Path, encoding: str) -> None:
    header = list(ROWS[0])
    lines = [",".join(header)] + [",".join(str(r[h]) for h in header) for r in ROWS]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


@pytest.mark.usefixtures("csv_reader")
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings_and_chinese_headers(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "schools.csv"
    _write_csv(path, encoding)
    t = eq.load_schools(path)
    assert t["school_id"].tolist() == ["A1", "A2"]
    assert t["school_type"].tolist() == ["primary", "junior"]
    assert t["teaching_aux_area_m2"].tolist() == [1500.5, 3000.0]
    # 万元 converted ×10 000
    assert t["equipment_value_yuan"].tolist() == [605000.0, 1500000.0]
    assert t.extra["备注"].tolist() == ["新建", ""]
    assert t.rows.tolist() == [2, 3]


def test_header_variants_and_user_mapping() -> None:
    t = eq.load_schools(
        [{"School_ID ": "X", " 学校 类型": "小学", "在校学生": 12}],
        mapping={"在校学生": "students_primary"},
    )
    assert t["students_primary"].tolist() == [12.0]


def test_xlsx_named_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "封面"
    ws = book.create_sheet("学校")
    ws.append(list(ROWS[0]))
    for r in ROWS:
        ws.append(list(r.values()))
    path = tmp_path / "schools.xlsx"
    book.save(path)
    t = eq.load_schools(path, sheet="学校")
    assert t["students_junior"][1] == 500.0
    assert t.rows.tolist() == [2, 3]
    with pytest.raises(DataError, match="no sheet"):
        eq.load_schools(path, sheet="nope")


def test_dataframe_and_records_agree() -> None:
    pd = pytest.importorskip("pandas")
    a = eq.load_schools(pd.DataFrame(ROWS))
    b = eq.load_schools(ROWS)
    assert a.to_dicts() == b.to_dicts()


def test_json_round_trip_without_loss(tmp_path: Path) -> None:
    t = eq.load_example()
    path = tmp_path / "t.json"
    path.write_text(t.to_json(), encoding="utf-8")
    back = eq.load_schools(path)
    assert back.to_dicts() == t.to_dicts()
    for name in t.present:
        a, b = t[name], back[name]
        if a.dtype.kind == "f":
            np.testing.assert_array_equal(a, b)
        else:
            assert a.tolist() == b.tolist()


def test_records_round_trip_through_models() -> None:
    t = eq.load_example()
    recs = list(t.records())
    assert recs[0].school_id == "999901B001"
    assert recs[0].school_type == "primary"
    back = eq.load_schools(recs)
    assert back.to_dicts() == t.to_dicts()


def test_json_schema_names_units() -> None:
    schema = eq.school_json_schema()
    assert schema["properties"]["equipment_value_yuan"]["description"] == "教学仪器设备资产值 (元)"
    assert set(schema["required"]) == {"school_id", "school_type"}


def test_warnings_are_kept_not_silent() -> None:
    t = eq.load_schools(
        [
            {
                "school_id": "W1",
                "school_type": "primary",
                "students_primary": 100,
                "teachers_primary": 0,
                "equipment_value_yuan": 2e8,
            },
        ]
    )
    codes = sorted(w.code for w in t.warnings)
    assert codes == ["implausible_magnitude", "students_without_teachers"]
    assert (
        "2e+08 yuan is 2,000,000 yuan per student" in t.warnings[0].message + t.warnings[1].message
    )


@pytest.mark.usefixtures("csv_reader")
def test_yes_no_spellings_from_a_file_and_from_records(tmp_path: Path) -> None:
    """Text cells (a CSV) and Python values (records) read the same yes/no column."""
    spellings = [" Yes ", "否", "", "FALSE", "是", "1", "n/a", "寄宿制"]
    expected = [1.0, 0.0, None, 0.0, 1.0, 1.0, None, 1.0]
    rows = [
        {"school_id": f"S{i}", "county_code": "330106", "year": 2025,
         "school_type": "primary", "students_primary": 100 + i, "boarding": v}
        for i, v in enumerate(spellings)
    ]  # fmt: skip
    path = tmp_path / "boarding.csv"
    header = list(rows[0])
    path.write_text(
        ",".join(header) + "\n" + "".join(",".join(str(r[h]) for h in header) + "\n" for r in rows),
        encoding="utf-8",
    )
    from_file = eq.load_schools(path)["boarding"]
    python_values = [True, False, None, False, True, 1, float("nan"), True]
    from_records = eq.load_schools(
        [{**r, "boarding": v} for r, v in zip(rows, python_values, strict=True)]
    )["boarding"]
    for got in (from_file, from_records):
        assert [None if np.isnan(v) else v for v in got.tolist()] == expected

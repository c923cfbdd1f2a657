"""Every file of the gallery (eduequity.io.gallery.CASES) gives exactly the message listed,
through every reader that applies (CSV: pyarrow's parser, pandas' and the exact reader)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.errors import DataError, DataValidationError, EduequityError
from eduequity.io import csv_plain, csv_reader
from eduequity.io.gallery import CASES, GalleryCase, gallery_markdown

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

FILE_CASES = [c for c in CASES if c.file]


@pytest.fixture(params=["pyarrow", "pandas", "exact"])
def csv_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pandas":
        monkeypatch.setattr(csv_plain, "_with_arrow", lambda *args: None)
    if request.param == "exact":
        monkeypatch.setattr(csv_reader, "read_plain", lambda *args, **kwargs: None)
    return str(request.param)


@pytest.mark.usefixtures("csv_path")
@pytest.mark.parametrize("case", FILE_CASES, ids=[c.file for c in FILE_CASES])
def test_gallery_file_gives_its_message(
    case: GalleryCase, gallery_file: Callable[[str], Path]
) -> None:
    path = gallery_file(case.file)
    if case.outcome == "refused":
        with pytest.raises(DataError) as info:
            eq.load_schools(path)
        if case.code:
            assert isinstance(info.value, DataValidationError)
            first = info.value.errors[0]
            assert (first.code, first.message) == (case.code, case.message)
            assert first.source == path.name
        else:
            assert not isinstance(info.value, DataValidationError)
            assert str(info.value) == case.message
        return
    table = eq.load_schools(path)
    if case.outcome == "read, warned":
        assert (table.warnings[0].code, table.warnings[0].message) == (case.code, case.message)
    else:
        assert table.warnings == ()
    assert table["school_id"].tolist() == ["S1", "S2"]  # every school, none invented


def test_every_gallery_file_is_listed(gallery: Path) -> None:
    files = {p.name for folder in (BAD, gallery) for p in folder.iterdir()}
    listed = {c.file for c in FILE_CASES}
    assert files - {"make_gallery.py", "__pycache__"} == listed
    assert len({c.file for c in FILE_CASES}) == len(FILE_CASES)


def test_cr_only_line_ends_keep_row_numbers(gallery: Path) -> None:
    table = eq.load_schools(gallery / "cr_line_ends.csv")
    assert table.rows.tolist() == [2, 3]
    assert table["students_primary"].tolist() == [300.0, 200.0]


def test_valid_thousands_grouping_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        'school_id,school_type,equipment_value_yuan\nS1,primary,"1,234"\nS2,primary,"12,345.5"\n',
        encoding="utf-8",
    )
    assert eq.load_schools(path)["equipment_value_yuan"].tolist() == [1234.0, 12345.5]


def test_decimal_comma_refused_with_each_row() -> None:
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(BAD / "decimal_comma.csv")
    assert [(d.row, d.school_id, d.value) for d in info.value.errors] == [
        (2, "S1", "1,5"),
        (3, "S2", "1,2,3"),
    ]


def test_implausible_years_each_refused() -> None:
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(BAD / "implausible_year.csv")
    assert [(d.code, d.row, d.value) for d in info.value.errors] == [
        ("not_whole", 2, 2024.7),
        ("implausible_year", 3, -2024),
        ("implausible_year", 4, 1e20),
    ]


def test_merged_cells_name_the_range(gallery: Path) -> None:
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(gallery / "merged_cells.xlsx")
    merged = [d for d in info.value.errors if d.code == "merged_cells"]
    assert [(d.row, d.value) for d in merged] == [(2, "D2:D4")]


def test_title_rows_with_header_row_given(gallery_file: Callable[[str], Path]) -> None:
    for name in ("title_rows.csv", "title_rows.xlsx"):
        path = gallery_file(name)
        table = eq.load_schools(path, header_row=3)
        assert table.warnings == ()  # the user said where the header is
        assert table.rows.tolist() == [4, 5]
        with pytest.raises(DataError, match="header_row=9 is not a non-blank row"):
            eq.load_schools(path, header_row=9)
    with pytest.raises(EduequityError, match="header_row must be a row number >= 1"):
        eq.load_schools(BAD / "title_rows.csv", header_row=0)


def test_strict_makes_unknown_headers_errors() -> None:
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(BAD / "unknown_header.csv", strict=True)
    assert [(d.code, d.message) for d in info.value.errors] == [
        (
            "unknown_column",
            "unknown_header.csv: column F: unknown header '运动场面积' (strict: unknown headers "
            "are refused); did you mean 运动场地面积?",
        )
    ]


def test_wide_sheet_reads_only_the_header_range(gallery: Path) -> None:
    from eduequity.io.xlsx_reader import read_xlsx

    raw = read_xlsx(gallery / "wide_stray_xfd.xlsx")
    assert raw.headers == ["school_id", "county_code", "year", "school_type", "students_primary"]
    assert all(len(c) == 2 for c in raw.columns)


def test_gallery_table_lists_every_case() -> None:
    lines = gallery_markdown()
    assert len(lines) == 4 + len(CASES)
    assert any("`merged_cells.xlsx`" in line and "`merged_cells`" in line for line in lines)


def test_gallery_cases_without_a_file_give_their_message() -> None:
    pd = pytest.importorskip("pandas")
    sources: dict[str, tuple[object, dict[str, object]]] = {
        "DataFrame: two columns with the same name": (
            pd.DataFrame([["S1", "primary", "junior"]],
                         columns=["school_id", "school_type", "school_type"]),
            {},
        ),
        "records: a dict as a value": (
            [{"school_id": "S1", "school_type": "primary", "books": {"n": 3}}], {}
        ),
        "mapping= to an unknown column": (
            [{"school_id": "S1", "school_type": "primary", "在校学生": 3}],
            {"mapping": {"在校学生": "student_primary"}},
        ),
    }
    object_cases = [c for c in CASES if not c.file]
    assert {c.case for c in object_cases} == set(sources)
    for case in object_cases:
        source, options = sources[case.case]
        with pytest.raises(EduequityError) as info:
            eq.load_schools(source, **options)
        if case.code:
            assert isinstance(info.value, DataValidationError)
            assert (info.value.errors[0].code, info.value.errors[0].message) == (
                case.code, case.message,
            )
        else:
            assert str(info.value) == case.message

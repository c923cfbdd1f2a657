"""Outputs that stay safe: formulas never written from names, HTML in names escaped, the
workbook written atomically."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from _counties import page_text

from eduequity import evaluate, load_schools
from eduequity.io.safety import csv_cell
from eduequity.report import render_html, render_markdown, write_xlsx

FORMULA = '=HYPERLINK("http://evil.example","x")'
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile():  # type: ignore[no-untyped-def]
    base = {
        "school_type": "primary", "county_code": "100001", "county_name": "-2+3", "year": 2025,
        "location": "urban", "students_primary": 500, "teachers_primary": 30,
        "qualified_teachers_primary": 20, "key_teachers_primary": 5, "pe_art_teachers_primary": 4,
        "teaching_aux_area_m2": 2000, "sports_ground_area_m2": 3000,
        "equipment_value_yuan": 900_000, "multimedia_classrooms": 9,
    }  # fmt: skip
    rows = [
        {**base, "school_id": "S1", "school_name": FORMULA},
        {**base, "school_id": "S2", "school_name": SCRIPT, "students_primary": 700},
        {**base, "school_id": "S3", "school_name": "@SUM(1)", "students_primary": 600},
    ]
    return evaluate(load_schools(rows), "cn-2017-quality")


def test_xlsx_writes_names_as_strings_never_formulas(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.xlsx"
    write_xlsx(hostile, out)
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml  # no formula anywhere
    wb = openpyxl.load_workbook(out)
    sheet = wb["小学"]
    names = {sheet.cell(r, 4).value: sheet.cell(r, 4) for r in range(2, sheet.max_row + 1)}
    assert set(names) == {FORMULA, SCRIPT, "@SUM(1)"}
    assert names[FORMULA].data_type == "s"
    assert names[FORMULA].quotePrefix
    assert names["@SUM(1)"].data_type == "s"
    county = wb["汇总"].cell(6, 2)
    assert county.value == "-2+3"
    assert county.data_type == "s"


def test_xlsx_written_atomically(hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"the old report")

    def boom(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(OSError, match="No space left"):
        write_xlsx(hostile, out)
    assert out.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_markdown_and_html_escape_names(hostile) -> None:  # type: ignore[no-untyped-def]
    md = render_markdown(hostile)
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    page = render_html(hostile)
    assert "<script>" not in page
    assert SCRIPT in page_text(page)  # shown as the name it is


def test_csv_cells() -> None:
    assert [csv_cell(v) for v in (FORMULA, "+1", "-1", "@x", "\tx", "\rx", "示例", 3)] == [
        "'" + FORMULA, "'+1", "'-1", "'@x", "'\tx", "'\rx", "示例", 3
    ]  # fmt: skip

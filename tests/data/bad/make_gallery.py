"""Build the gallery's files that are not plain text: workbooks, odd bytes, a directory.

``python tests/data/bad/make_gallery.py FOLDER`` writes them into FOLDER; the tests build
them into a temporary folder (``tests/io/conftest.py``), so they are always reproducible.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HEADER = ["school_id", "county_code", "year", "school_type", "students_primary"]
ROWS = [["S1", "330106", 2025, "primary", 300], ["S2", "330106", 2025, "primary", 200]]
CSV = "school_id,school_type\nS1,primary\n"


def _book(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "学校"
    for row in rows:
        ws.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def build(folder: Path) -> None:
    """Write every generated file of the gallery into ``folder``."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    folder.mkdir(parents=True, exist_ok=True)
    good = _book([HEADER, *ROWS])
    (folder / "xlsx_renamed_csv.xlsx").write_text(CSV, encoding="utf-8")
    (folder / "xlsx_zero_bytes.xlsx").write_bytes(b"")
    (folder / "xlsx_truncated.xlsx").write_bytes(good[: len(good) // 2])
    with zipfile.ZipFile(folder / "xlsx_empty_zip.xlsx", "w"):
        pass
    (folder / "xls_old_format.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))

    book = openpyxl.Workbook()
    data_ws = book.active
    data_ws.append(["a", 1])
    chart = BarChart()
    chart.add_data(Reference(data_ws, min_col=2, min_row=1, max_row=1))
    sheet = book.create_chartsheet("图表")
    sheet.add_chart(chart)
    book.remove(data_ws)
    book.save(folder / "xlsx_chartsheet_only.xlsx")

    (folder / "duplicate_header.xlsx").write_bytes(
        _book([[*HEADER, "学校类型"], [*ROWS[0], "初中"]])
    )
    (folder / "formula_without_value.xlsx").write_bytes(
        _book([[*HEADER, "教学用计算机台数"], [*ROWS[0], "=E2/10"], [*ROWS[1], 30]])
    )

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "学校"
    for row in [HEADER, ROWS[0], ["S2", "330106", 2025, None, 200], ["S3", "330106", 2025]]:
        ws.append(row)
    ws["D4"] = None
    ws["E4"] = 100
    ws.merge_cells("D2:D4")  # one 学校类型 for three schools
    book.save(folder / "merged_cells.xlsx")

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "学校"
    ws.append(["某某县2025年义务教育学校基本情况表"])
    ws.merge_cells("A1:E1")
    ws.append(["单位：人"])
    for row in [HEADER, *ROWS]:
        ws.append(row)
    book.save(folder / "title_rows.xlsx")

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "学校"
    for row in [HEADER, *ROWS]:
        ws.append(row)
    ws["XFD3"] = "x"  # one stray cell, 16 384 columns wide
    book.save(folder / "wide_stray_xfd.xlsx")

    # CR-only line ends (classic Mac OS), which a CSV reader must still count right
    text = "school_id,county_code,year,school_type,students_primary\r"
    text += "S1,330106,2025,primary,300\rS2,330106,2025,primary,200\r"
    (folder / "cr_line_ends.csv").write_bytes(text.encode("utf-8"))
    (folder / "a_directory.csv").mkdir(exist_ok=True)
    (folder / "deeply_nested.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("gallery"))

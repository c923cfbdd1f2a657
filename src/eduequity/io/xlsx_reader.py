"""xlsx reader: one sheet's used header range, with the sheet row of every school.

Refused, naming the file: a file that is not an xlsx workbook (a renamed CSV, 0 bytes, a
truncated or empty zip, an old .xls), a workbook without worksheets (chart sheets only).
Refused, naming the cells: formulas without a saved value (the workbook was written by a
program that does not compute: open and save it in Excel), merged cells over data rows
(their rows would read as blanks). Only the columns up to the header's last cell are
read, so a stray cell in column XFD costs nothing; it is reported.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from eduequity._optional import require
from eduequity._validate import RawTable
from eduequity.defects import Defect
from eduequity.errors import DataError
from eduequity.io._header import (
    HEADER_SEARCH_ROWS,
    cell_text,
    column_letter,
    find_header,
    sketch_rows,
)

__all__ = ["read_xlsx"]

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_OLE = b"\xd0\xcf\x11\xe0"


def read_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str] | None = None,
) -> RawTable:
    """The raw columns of one sheet (the first by default), with its row numbers."""
    openpyxl = require("openpyxl", "excel")
    _check_container(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise DataError(
            f"{path.name}: not a readable xlsx workbook ({exc})",
            message_code="xlsx_unreadable", message_params={"file": path.name},
        ) from None  # fmt: skip
    try:
        ws = _sheet(book, sheet, path)
        where = f"{path.name}, sheet {ws.title}"
        xml = _sheet_xml(path, getattr(ws, "_worksheet_path", ""))
        head_rows = list(ws.iter_rows(max_row=HEADER_SEARCH_ROWS + 10, values_only=True))
        numbered = [
            (i + 1, row) for i, row in enumerate(head_rows) if any(cell_text(v) for v in row)
        ]
        if not numbered:
            raise DataError(
                f"{where}: the sheet is empty", message_code="empty_sheet",
                message_params={"file": path.name, "sheet": ws.title},
            )  # fmt: skip
        k, notes, sketch = find_header(
            [r for _, r in numbered][:HEADER_SEARCH_ROWS],
            [n for n, _ in numbered][:HEADER_SEARCH_ROWS],
            header_row=header_row, mapping=mapping, where=where, source=path.name,
        )
        header_at, header = numbered[k]
        names = [cell_text(v) for v in header]
        width = max((j + 1 for j, h in enumerate(names) if h), default=0)
        names = names[:width]
        columns: list[list[Any]] = [[] for _ in names]
        lines: list[int] = []
        rows = ws.iter_rows(min_row=header_at + 1, max_col=width, values_only=True)
        for number, row in enumerate(rows, start=header_at + 1):
            if row is None or all(v is None or str(v).strip() == "" for v in row):
                continue
            lines.append(number)
            for j in range(width):
                columns[j].append(row[j] if j < len(row) else None)
        used = int(ws.max_column or 0)
    finally:
        book.close()
    if used > width:
        notes.append(
            Defect(
                "warning", "cells_outside_header",
                f"{where}: the sheet's used range reaches column {column_letter(used - 1)}, "
                f"but the header ends at column {column_letter(width - 1)}; cells right of it "
                "are not read",
                path.name, sheet=ws.title,
                params={"used": column_letter(used - 1), "last": column_letter(width - 1)},
            )
        )
    notes += _formulas(xml, where, path.name, header_at, names)
    notes += _merges(xml, where, path.name, header_at)
    notes = [d if d.sheet else replace(d, sheet=ws.title) for d in notes]
    raw = RawTable(
        source=path.name,
        headers=names,
        columns=[np.asarray(c, dtype=object) for c in columns],
        rows=np.asarray(lines, dtype=np.int64),
        places=[f"column {column_letter(j)}" for j in range(width)],
        sheet=ws.title,
        notes=notes,
        looked_at=sketch,
        looked_rows=sketch_rows(
            [r for _, r in numbered][:HEADER_SEARCH_ROWS],
            [n for n, _ in numbered][:HEADER_SEARCH_ROWS],
        ),
    )
    from eduequity.io.csv_reader import unnamed_columns

    unnamed_columns(raw)
    return raw


def _check_container(path: Path) -> None:
    with open(path, "rb") as fh:
        start = fh.read(8)
    if not start:
        raise DataError(
            f"{path.name}: the file is empty (0 bytes), not an xlsx workbook",
            message_code="xlsx_empty", message_params={"file": path.name},
        )
    if start.startswith(_OLE):
        raise DataError(
            f"{path.name}: an old Excel 97–2003 (.xls) workbook; save it as .xlsx in Excel",
            message_code="old_xls", message_params={"file": path.name},
        )
    if not zipfile.is_zipfile(path):
        if start.startswith(b"PK"):
            kind, code = "a zip package cut short (truncated?) or damaged", "xlsx_cut_short"
        elif _is_text(start):
            kind, code = "text, not a zip package (a CSV renamed to .xlsx?)", "xlsx_text"
        else:
            kind, code = "not a zip package, as every xlsx workbook is", "xlsx_not_zip"
        raise DataError(
            f"{path.name}: not an xlsx workbook: {kind}",
            message_code=code, message_params={"file": path.name},
        )  # fmt: skip
    try:
        with zipfile.ZipFile(path) as package:
            members = set(package.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DataError(
            f"{path.name}: a damaged zip package ({exc})",
            message_code="xlsx_cut_short", message_params={"file": path.name},
        ) from None  # fmt: skip
    if "xl/workbook.xml" not in members:
        what = "an empty zip" if not members else "a zip without xl/workbook.xml"
        raise DataError(
            f"{path.name}: not an xlsx workbook ({what})",
            message_code="xlsx_no_workbook", message_params={"file": path.name},
        )  # fmt: skip


def _is_text(start: bytes) -> bool:
    try:
        start.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sheet(book: Any, sheet: str | None, path: Path) -> Any:
    charts = [s.title for s in getattr(book, "chartsheets", [])]
    if sheet is not None:
        if sheet in charts:
            raise DataError(
                f"{path.name}: sheet {sheet!r} is a chart sheet, not a table",
                message_code="chart_sheet", message_params={"file": path.name, "sheet": sheet},
            )  # fmt: skip
        if sheet not in book.sheetnames:
            raise DataError(
                f"{path.name}: no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}",
                message_code="no_sheet",
                message_params={"file": path.name, "sheet": sheet, "sheets": book.sheetnames},
            )
        return book[sheet]
    if not book.worksheets:
        only = f" (only chart sheets: {', '.join(charts)})" if charts else ""
        raise DataError(
            f"{path.name}: the workbook has no worksheet{only}",
            message_code="no_worksheet", message_params={"file": path.name},
        )  # fmt: skip
    return book.worksheets[0]


def _sheet_xml(path: Path, member: str) -> bytes:
    if not member:
        return b""
    with zipfile.ZipFile(path) as package:
        try:
            return package.read(member.lstrip("/"))
        except KeyError:
            return b""


def _formulas(
    xml: bytes, where: str, source: str, header_at: int, names: list[str]
) -> list[Defect]:
    """A formula cell without a cached value reads as empty: refused, naming the cells."""
    if b"<f" not in xml and b":f" not in xml:
        return []
    found: list[Defect] = []
    for match in _CELL.finditer(xml):
        body = match.group(2) or b""
        if b"<f" not in body or re.search(rb"<(?:\w+:)?v>[^<]", body):
            continue
        ref = _REF.search(match.group(1))
        if ref is None:
            continue
        letters, row = ref.group(1).decode(), int(ref.group(2))
        formula = re.sub(rb"<[^>]*>", b"", body).decode("utf-8", "replace")
        j = _column_index(letters)
        column = names[j] if j < len(names) else None
        found.append(
            Defect(
                "error", "formula_without_value",
                f"{where}, row {row}, cell {letters}{row}: a formula (={formula}) without a "
                "saved value; open the workbook in Excel (or LibreOffice) and save it, so "
                "the values are stored",
                source, row, None, column, f"={formula}",
                params={"cell": f"{letters}{row}"},
            )
        )
    return found


def _merges(xml: bytes, where: str, source: str, header_at: int) -> list[Defect]:
    found: list[Defect] = []
    for m in _MERGE.finditer(xml):
        a, r1, b, r2 = m.group(1).decode(), int(m.group(2)), m.group(3).decode(), int(m.group(4))
        if max(r1, r2) <= header_at:
            continue  # a merged title or header band above the data
        found.append(
            Defect(
                "error", "merged_cells",
                f"{where}, row {r1}: cells {a}{r1}:{b}{r2} are merged over data rows; only "
                f"the first holds a value and the others would read as blank: unmerge them "
                "and fill every cell",
                source, r1, None, None, f"{a}{r1}:{b}{r2}",
            )
        )
    return found


def _column_index(letters: str) -> int:
    j = 0
    for ch in letters:
        j = j * 26 + (ord(ch) - 64)
    return j - 1

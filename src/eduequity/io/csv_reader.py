"""CSV reader: UTF-8 (with or without BOM) or GBK, any line ends, exact row numbers.

Every cell is read as text (the validation pass reads the numbers). Refused: a quote
that never closes or is followed by text (it would swallow the rows after it), a row
with more cells than the header. Warned: a cell spanning several lines, a short row
(its missing cells read as empty), title rows above the header.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from eduequity._cells import Coded
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
from eduequity.io.csv_plain import read_plain

__all__ = ["decode", "read_csv", "unnamed_columns"]

ENCODINGS = ("utf-8-sig", "gb18030")


def read_csv(
    path: Path,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str] | None = None,
    numeric: Callable[[str], bool] | None = None,
) -> RawTable:
    """The raw columns of a CSV file, with the line of each row.

    Cells are text; ``numeric`` (a header → bool hint from the caller) lets a plain file's
    number columns be parsed by pyarrow's or pandas' parser instead
    (:mod:`eduequity.io.csv_plain`; what they cannot parse is read by the exact reader
    here, and the validation pass words it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("school_id,school_type\\rA,小学\\r", encoding="utf-8")
    >>> raw = read_csv(p)
    >>> raw.headers, raw.rows.tolist()
    (['school_id', 'school_type'], [2])
    """
    data = path.read_bytes()
    options: dict[str, Any] = {"header_row": header_row, "mapping": mapping, "numeric": numeric}
    if encoding is None:  # UTF-8 first: the parsers of the fast path check it
        fast = read_plain(data, path.name, **options)
        if fast is not None:
            return fast
    text, used = decode(data, encoding, path)
    if encoding is not None or used != ENCODINGS[0]:  # a given encoding, or GBK: as UTF-8
        fast = read_plain(text.encode("utf-8"), path.name, **options)
        if fast is not None:
            return fast
    records, starts, ends = _records(text, path.name)
    blank = [not any(c.strip() for c in r) for r in records]
    kept = [i for i, b in enumerate(blank) if not b]
    if not kept:
        raise DataError(
            f"{path.name}: the file is empty (no header, no rows)",
            message_code="empty_file", message_params={"file": path.name},
        )  # fmt: skip
    head = [records[i] for i in kept[:HEADER_SEARCH_ROWS]]
    numbers = [starts[i] for i in kept[:HEADER_SEARCH_ROWS]]
    k, notes, sketch = find_header(
        head, numbers, header_row=header_row, mapping=mapping, where=path.name, source=path.name
    )
    header = records[kept[k]]
    width = len(header)
    body = kept[k + 1 :]
    known_width = max((len(h.strip()) > 0) * (j + 1) for j, h in enumerate(header))
    rows: list[list[str]] = []
    for i in body:
        record = records[i]
        if len(record) > width:
            if any(c.strip() for c in record[width:]):
                raise DataError(
                    f"{path.name}, row {starts[i]}: {len(record)} cells but the header has "
                    f"{width} columns",
                    message_code="long_row",
                    message_params={"file": path.name, "row": starts[i], "cells": len(record),
                                    "width": width},
                )  # fmt: skip
            record = record[:width]
        elif len(record) < known_width:
            notes.append(
                Defect(
                    "warning", "short_row",
                    f"{path.name}, row {starts[i]}: {len(record)} cells but the header has "
                    f"{width}; the missing cells are read as empty",
                    path.name, starts[i], params={"cells": len(record), "width": width},
                )
            )
        if len(record) < width:
            record = record + [""] * (width - len(record))
        if ends[i] > starts[i]:
            notes.append(_multiline(path.name, starts[i], ends[i], header, record))
        rows.append(record)
    lines = np.asarray([starts[i] for i in body], dtype=np.int64)
    columns = [np.array(c, dtype=str) for c in zip(*rows, strict=True)] if rows else None
    raw = RawTable(
        source=path.name,
        headers=[h.strip() for h in header],
        columns=[columns[j] if columns is not None else [] for j in range(width)],
        rows=lines,
        places=[f"column {column_letter(j)}" for j in range(width)],
        notes=notes,
        looked_at=sketch,
        looked_rows=sketch_rows(head, numbers),
    )
    unnamed_columns(raw)
    return raw


def decode(data: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    """The text of a file and the encoding that read it."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataError(
                f"{path.name}: cannot be read as {encoding}: {exc}",
                message_code="bad_encoding",
                message_params={"file": path.name, "encoding": encoding},
            ) from exc
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise DataError(
        f"{path.name}: neither UTF-8 nor GBK; pass encoding=",
        message_code="not_decodable", message_params={"file": path.name},
    )  # fmt: skip


def _records(text: str, name: str) -> tuple[list[list[str]], list[int], list[int]]:
    """Every record, with the first and last line it spans (lines as a text editor counts
    them: ``\\n``, ``\\r\\n`` and a lone ``\\r`` each end one)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = 0
    try:
        for record in reader:
            records.append(record)
            starts.append(previous + 1)
            ends.append(reader.line_num)
            previous = reader.line_num
    except csv.Error as exc:
        raise DataError(
            f"{name}, row {previous + 1}: {exc}: an unbalanced quote (\") here would swallow "
            "the rows after it; close or remove it",
            message_code="unbalanced_quote", message_params={"file": name, "row": previous + 1},
        ) from None
    return records, starts, ends


def _multiline(name: str, start: int, end: int, header: list[str], record: list[str]) -> Defect:
    j = next((j for j, c in enumerate(record) if "\n" in c or "\r" in c), 0)
    column = header[j].strip() if j < len(header) else ""
    return Defect(
        "warning", "multiline_cell",
        f"{name}, row {start}, column {column_letter(j)} ({column!r}): a quoted cell spans "
        f"lines {start}–{end}; check that a quote does not join rows",
        name, start, None, column or None, record[j] if j < len(record) else None,
        params={"at": column_letter(j), "header": column, "start": start, "end": end},
    )


def unnamed_columns(raw: RawTable) -> None:
    """A column without a header but with values: not read, and said so."""
    for j, h in enumerate(raw.headers):
        if h:
            continue
        column = raw.columns[j]
        cells = [cell_text(v) for v in (column.cells() if isinstance(column, Coded) else column)]
        filled = [i for i, c in enumerate(cells) if c]
        if filled:
            first = filled[0]
            raw.notes.append(
                Defect(
                    "warning", "unnamed_column",
                    f"{raw.where}, {raw.place(j)}: no header, but values in {len(filled)} "
                    f"row(s) (first: row {int(raw.rows[first])}, {cells[first]!r}); "
                    "not read: give the column a header",
                    raw.source, int(raw.rows[first]), None, None, cells[first],
                    sheet=raw.sheet,
                    params={
                        "at": raw.at(j), "filled": len(filled),
                        "first_row": int(raw.rows[first]),
                    },
                )
            )

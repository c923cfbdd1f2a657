"""``load_schools``: any supported source → a validated :class:`SchoolTable`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from eduequity import _columns as C
from eduequity._optional import require
from eduequity._validate import Collector, resolve_headers
from eduequity.errors import DataError
from eduequity.table import TABLE_FORMAT, SchoolTable, build_table

__all__ = ["load_schools", "read_csv_columns"]

RawColumns = dict[str, list[Any] | NDArray[Any]]
_ENCODINGS = ("utf-8-sig", "gb18030")
# Cells read as missing in numeric columns (as the standard path's to_number reads them)
_NA_TEXT = ("", "nan", "NaN", "NA", "N/A", "n/a", "null", "None", "none", "-")


def load_schools(
    source: Any,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> SchoolTable:
    """Load and validate schools from a path, a DataFrame, or a list of records.

    Parameters
    ----------
    source
        A path to ``.csv``, ``.xlsx`` or ``.json``; a pandas DataFrame; a list of dicts or
        :class:`~eduequity.models.School`; or a :class:`SchoolTable` (returned as is).
    encoding
        CSV encoding; by default UTF-8 (with or without BOM), then GBK (as GB18030).
    sheet
        The xlsx sheet; by default the first.
    mapping
        Extra header → column id mappings for headers the library does not know.

    Returns
    -------
    SchoolTable

    Raises
    ------
    DataValidationError
        With every defect of the source (file, row, school_id, column, value).
    DataError
        When the source cannot be read at all.

    Examples
    --------
    >>> t = load_schools([{"school_id": "A1", "school_type": "小学", "students_primary": 120}])
    >>> t["school_type"].tolist(), t["students_primary"].tolist()
    (['primary'], [120.0])
    """
    if isinstance(source, SchoolTable):
        return source
    if isinstance(source, str | Path):
        return _load_path(Path(source), encoding=encoding, sheet=sheet, mapping=mapping)
    if _is_dataframe(source):
        raw = {str(c): source[c].tolist() for c in source.columns}
        rows = np.arange(len(source), dtype=np.int64)
        return build_table(raw, source="DataFrame", rows=rows, mapping=mapping)
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        return _load_records(source, "records", mapping)
    raise DataError(f"cannot load schools from {type(source).__name__}")


def read_csv_columns(
    path: Path, encoding: str | None = None
) -> tuple[RawColumns, NDArray[np.int64], str]:
    """Read a CSV into raw text columns; return them, the line of each row, and the encoding."""
    data = path.read_bytes()
    text, used = _decode(data, encoding, path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path.name}: the file is empty") from None
    width = len(header)
    records: list[list[str]] = []
    lines: list[int] = []
    for record in reader:
        if len(record) != width:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > width and any(c.strip() for c in record[width:]):
                raise DataError(
                    f"{path.name}, row {reader.line_num}: {len(record)} cells but the header "
                    f"has {width} columns"
                )
            record = (record + [""] * width)[:width]
        elif not record[0].strip() and not any(cell.strip() for cell in record):
            continue  # a blank line (cells all empty)
        lines.append(reader.line_num)
        records.append(record)
    # every cell is text: one C conversion per column (to_text then only strips)
    columns = [np.array(c, dtype=str) for c in zip(*records, strict=True)] if records else None
    raw: RawColumns = {
        h: (columns[j] if columns is not None else []) for j, h in enumerate(header) if h.strip()
    }
    return raw, np.asarray(lines, dtype=np.int64), used


def _read_csv_with_pandas(
    path: Path, encoding: str | None, mapping: Mapping[str, str] | None
) -> tuple[RawColumns, NDArray[np.int64]] | None:
    """The same raw columns through pandas' C parser, when pandas is installed: numbers
    parsed natively, text kept as text. ``None`` (the caller then uses the standard-library
    reader, whose messages name exact lines) when pandas is missing or the file has blank
    lines, line breaks inside cells or ragged rows, where row numbers would differ."""
    try:
        import pandas as pd
    except ImportError:
        return None
    data = path.read_bytes()
    cut = data.find(b"\n")
    first_line = data[: cut if cut >= 0 else len(data)]
    for used in [encoding] if encoding is not None else list(_ENCODINGS):
        try:  # pandas decodes the body in C; a wrong guess fails there and the next is tried
            header = next(csv.reader([first_line.decode(used).rstrip("\r")]), [])
            if not header:
                return None
            names = resolve_headers(
                header, mapping, Collector(path.name, np.zeros(0, dtype=np.int64))
            )
            numeric = {
                h
                for h, name in names.items()
                if (name in C.BY_ID and C.BY_ID[name].kind in ("int", "count", "number"))
                or name == "equipment_value_10k_yuan"
            }
            frame = pd.read_csv(
                io.BytesIO(data),
                encoding=used,
                dtype={h: str for h in header if h not in numeric},
                keep_default_na=False,
                na_values={h: list(_NA_TEXT) for h in numeric},
                skip_blank_lines=True,
            )
            break
        except (UnicodeDecodeError, LookupError):
            continue
        except (ValueError, pd.errors.ParserError):
            return None  # the standard reader words the problem
    else:
        return None
    n = len(frame)
    if n == 0 or data.count(b"\n") - (1 if data.endswith(b"\n") else 0) != n:
        return None  # blank lines or line breaks inside cells: row numbers need the slow path
    if list(frame.columns) != header:
        return None  # duplicate or unnamed headers: let the standard path report them
    raw: RawColumns = {}
    for h in header:
        if h.strip():
            column = frame[h].to_numpy(dtype=None if h in numeric else str)
            column.flags.writeable = False  # ours alone: to_number may keep it uncopied
            raw[h] = column
    return raw, np.arange(2, n + 2, dtype=np.int64)


def _decode(data: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataError(f"{path.name}: cannot be read as {encoding}: {exc}") from exc
    for enc in _ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise DataError(f"{path.name}: neither UTF-8 nor GBK; pass encoding=")


def _load_path(
    path: Path, *, encoding: str | None, sheet: str | None, mapping: Mapping[str, str] | None
) -> SchoolTable:
    if not path.exists():
        raise DataError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        fast = _read_csv_with_pandas(path, encoding, mapping)
        raw, lines = fast if fast is not None else read_csv_columns(path, encoding)[:2]
        return build_table(raw, source=path.name, rows=lines, mapping=mapping)
    if suffix in (".xlsx", ".xlsm"):
        raw, lines = _read_xlsx(path, sheet)
        return build_table(raw, source=path.name, rows=lines, mapping=mapping)
    if suffix == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise DataError(f"{path.name}: invalid JSON: {exc}") from exc
        records = doc.get("schools") if isinstance(doc, dict) else doc
        if isinstance(doc, dict) and doc.get("format") not in (None, TABLE_FORMAT):
            raise DataError(f"{path.name}: unknown format {doc.get('format')!r}")
        if not isinstance(records, list):
            raise DataError(f"{path.name}: expected a list of schools or {{'schools': [...]}}")
        return _load_records(records, path.name, mapping)
    raise DataError(f"{path.name}: unsupported file type {suffix!r} (csv, xlsx, json)")


def _read_xlsx(path: Path, sheet: str | None) -> tuple[RawColumns, NDArray[np.int64]]:
    openpyxl = require("openpyxl", "excel")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError(
                f"{path.name}: no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}"
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise DataError(f"{path.name}: the sheet is empty")
        names = ["" if h is None else str(h) for h in header]
        columns: list[list[Any]] = [[] for _ in names]
        lines: list[int] = []
        for number, row in enumerate(rows, start=2):
            if row is None or all(v is None or str(v).strip() == "" for v in row):
                continue
            lines.append(number)
            for j in range(len(names)):
                columns[j].append(row[j] if j < len(row) else None)
    finally:
        book.close()
    raw: RawColumns = {h: c for h, c in zip(names, columns, strict=True) if h.strip()}
    return raw, np.asarray(lines, dtype=np.int64)


def _load_records(
    records: Sequence[Any], source: str, mapping: Mapping[str, str] | None
) -> SchoolTable:
    dicts: list[Mapping[str, Any]] = []
    for i, rec in enumerate(records):
        if isinstance(rec, BaseModel):
            dicts.append(rec.model_dump(exclude_none=True))
        elif isinstance(rec, Mapping):
            dicts.append(rec)
        else:
            raise DataError(f"{source}, row {i}: expected a mapping, got {type(rec).__name__}")
    keys: dict[str, None] = {}
    for d in dicts:
        keys.update(dict.fromkeys(d))
    raw = {k: [d.get(k) for d in dicts] for k in keys}
    return build_table(
        raw, source=source, rows=np.arange(len(dicts), dtype=np.int64), mapping=mapping
    )


def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "columns")

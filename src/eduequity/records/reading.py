"""Record files (surveys, rosters, scores) read into named columns, with Chinese headers.

A source is a CSV (UTF-8, BOM or GB18030) or xlsx path, a pandas DataFrame, or a list of
dicts. Headers are matched after folding (NFKC, no spaces, lower case) against each
layout's aliases. Every value stays as read (text or number); the record functions convert
and check them, naming file, row and column.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduequity.defects import DATAFRAME, RECORDS
from eduequity.errors import DataError

__all__ = ["Place", "Records", "read_records", "value_error"]

Place = tuple[str, dict[str, Any]] | dict[str, tuple[str, dict[str, Any]]]
"""Where a value is, as a phrase of the catalogue (``rec.at.*``) and its facts, or as one
phrase in each language (``{"zh": …, "en": …}``)."""


@dataclass(frozen=True)
class Records:
    """Columns by canonical name; ``rows[i]`` is where record i is: the file's row (the header
    is row 1), or the 0-based position of a DataFrame row or record."""

    source: str
    columns: dict[str, Any]  # lists, or numpy arrays for numeric DataFrame columns
    rows: list[int]
    extra: tuple[str, ...]  # headers not in the layout, kept by their own names
    headers: dict[str, str] = field(default_factory=dict, compare=False)  # name → header

    def __len__(self) -> int:
        return len(self.rows)

    def where(self, i: int) -> str:
        return f"{self.source}, row {self.rows[i]}"

    def place(self, i: int) -> Place:
        """Where record ``i`` is, as :func:`value_error` names it: a file's row, or an
        in-memory record by its ordinal from 1 and its position from 0.

        >>> Records("a.csv", {}, [7], ()).place(0)
        ('rec.at.row', {'file': 'a.csv', 'row': 7})
        >>> Records("records", {}, [0], ()).place(0)["zh"]
        ('rec.at.record', {'file': 'records', 'row': 0, 'n': 1})
        """
        row = self.rows[i]
        at = ("rec.at.row", {"file": self.source, "row": row})
        if self.source in (RECORDS, DATAFRAME):  # the English names its position, as always
            return {"zh": ("rec.at.record", {**at[1], "n": row + 1}), "en": at}
        return at

    def header(self, column: str) -> str:
        """The file's own header of ``column`` (its name when the file has no other)."""
        return self.headers.get(column) or column


def value_error(
    english: str, code: str, place: Place, column: str, header: str | None = None,
    **facts: Any,
) -> DataError:
    """A bad value's :class:`~eduequity.errors.DataError`: its English message, and the
    code, place and facts its sentence in the catalogue (``e.<code>``) is said from.

    >>> from eduequity.report.error_text import error_text
    >>> exc = value_error("a.csv, row 3, column score: not a number, got 'x'",
    ...                   "rec_not_a_number", ("rec.at.row", {"file": "a.csv", "row": 3}),
    ...                   "score", "成绩", value="x")
    >>> error_text(exc, "zh")
    'a.csv：第 3 行，“成绩”：应填数字，填的是“x”'
    >>> error_text(exc, "en") == str(exc)
    True
    """
    params = {"place": place, "column": {"zh": header or column, "en": column}, **facts}
    return DataError(english, message_code=code, message_params=params)


def _fold(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower().lstrip("\ufeff")


def read_records(
    source: Any, layout: Mapping[str, tuple[str, ...]], required: Sequence[str]
) -> Records:
    """Read ``source`` and map its headers onto ``layout`` (name → accepted headers).

    Raises
    ------
    DataError
        When the file cannot be read, a header appears twice, or a required column is
        missing (naming the headers found).
    """
    if hasattr(source, "columns") and hasattr(source, "to_dict"):  # a pandas DataFrame
        return _frame(source, layout, required)
    name, header, body, rows = _raw(source)
    lookup = {_fold(h): col for col, aliases in layout.items() for h in (col, *aliases)}
    columns: dict[str, Any] = {}
    extra = []
    seen: dict[str, str] = {}
    for c, h in enumerate(header):
        col = lookup.get(_fold(h))
        if col is None:
            col = str(h).strip()
            extra.append(col)
        if col in seen:
            raise DataError(
                f"{name}: columns {seen[col]!r} and {h!r} are both {col}",
                message_code="rec_same_column",
                message_params={"file": name, "first": seen[col], "second": h, "column": col},
            )  # fmt: skip
        seen[col] = str(h)
        columns[col] = [row[c] if c < len(row) else None for row in body]
    missing = [c for c in required if c not in columns]
    if missing:
        raise DataError(
            f"{name}: missing column(s) {', '.join(missing)}; found {', '.join(map(str, header))}",
            message_code="rec_missing_columns",
            message_params={"file": name, "missing": missing, "found": [str(h) for h in header]},
        )  # fmt: skip
    return Records(name, columns, rows, tuple(extra), seen)


_Raw = tuple[str, list[Any], list[Sequence[Any]], list[int]]


def _numbered(rows: list[Sequence[Any]]) -> tuple[list[Sequence[Any]], list[int]]:
    """Drop blank rows, keeping each kept row's number as a person sees it (header = 1)."""
    kept = [(r, n) for n, r in enumerate(rows[1:], start=2)
            if any(v is not None and str(v).strip() for v in r)]  # fmt: skip
    return [r for r, _ in kept], [n for _, n in kept]


def _raw(source: Any) -> _Raw:
    if isinstance(source, str | Path):
        path = Path(source)
        if path.is_dir() or not path.exists():
            raise DataError(
                f"{path}: not a file", message_code="no_such_path", message_params={"file": path}
            )
        if path.suffix.lower() == ".xlsx":
            return _xlsx(path)
        data = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DataError(
                f"{path}: neither UTF-8 nor GB18030 text",
                message_code="rec_not_decodable", message_params={"file": str(path)},
            )  # fmt: skip
        table: list[Sequence[Any]] = list(csv.reader(io.StringIO(text, newline="")))
        if not table:
            raise DataError(
                f"{path}: empty file", message_code="rec_empty", message_params={"file": path}
            )
        body, numbers = _numbered(table)
        return str(path), list(table[0]), body, numbers
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        keys: dict[str, None] = {}
        for rec in source:
            if not isinstance(rec, Mapping):
                raise DataError(
                    f"records: a record must be a mapping, got {type(rec).__name__}",
                    message_code="rec_not_a_mapping",
                    message_params={"file": RECORDS, "kind": type(rec).__name__},
                )  # fmt: skip
            keys.update(dict.fromkeys(map(str, rec)))
        header = list(keys)
        body = [[rec.get(k) for k in header] for rec in source]
        return RECORDS, header, body, list(range(len(body)))
    raise DataError(
        f"cannot read records from {type(source).__name__}",
        message_code="rec_cannot_read", message_params={"kind": type(source).__name__},
    )


def _frame(
    frame: Any, layout: Mapping[str, tuple[str, ...]], required: Sequence[str]
) -> Records:
    """A DataFrame column by column: numeric columns as float arrays (NaN for missing),
    others as object arrays (``None`` for missing, ``<NA>`` included)."""
    lookup = {_fold(h): col for col, aliases in layout.items() for h in (col, *aliases)}
    columns: dict[str, Any] = {}
    seen: dict[str, str] = {}
    extra = []
    for h in frame.columns:
        col = lookup.get(_fold(h))
        if col is None:
            col = str(h).strip()
            extra.append(col)
        if col in seen:
            raise DataError(
                f"DataFrame: columns {seen[col]!r} and {h!r} are both {col}",
                message_code="rec_same_column",
                message_params={"file": DATAFRAME, "first": seen[col], "second": h, "column": col},
            )  # fmt: skip
        seen[col] = str(h)
        values = frame[h]
        if values.dtype.kind in "fiu":
            columns[col] = values.to_numpy(dtype="float64", na_value=float("nan"))
        else:
            columns[col] = values.to_numpy(dtype=object, na_value=None)
    missing = [c for c in required if c not in columns]
    if missing:
        found = ", ".join(map(str, frame.columns))
        raise DataError(
            f"DataFrame: missing column(s) {', '.join(missing)}; found {found}",
            message_code="rec_missing_columns",
            message_params={"file": DATAFRAME, "missing": missing,
                            "found": [str(c) for c in frame.columns]},
        )  # fmt: skip
    return Records(DATAFRAME, columns, list(range(len(frame))), tuple(extra), seen)


def _xlsx(path: Path) -> _Raw:
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook
        raise DataError(
            f"{path}: not a readable xlsx workbook ({exc})",
            message_code="xlsx_unreadable", message_params={"file": str(path)},
        ) from exc
    try:
        rows: list[Sequence[Any]] = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    if not rows:
        raise DataError(
            f"{path}: empty sheet", message_code="rec_empty_sheet", message_params={"file": path}
        )
    body, numbers = _numbered(rows)
    return str(path), [("" if h is None else h) for h in rows[0]], body, numbers


def _is_na(v: Any) -> bool:
    try:
        return bool(v != v) or v is None or str(v) == "<NA>"
    except (TypeError, ValueError):
        return False

"""``load_schools``: any supported source → a validated :class:`SchoolTable`.

One way through: a reader per source kind (:mod:`~eduequity.io.csv_reader`,
:mod:`~eduequity.io.xlsx_reader`, :mod:`~eduequity.io.frames`,
:mod:`~eduequity.io.records`) yields a :class:`~eduequity._validate.RawTable`; the
validation pass (:func:`eduequity._validate.validate`) types it and collects every defect;
:func:`eduequity.table.build_table` makes the table. A new input kind is a new reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._validate import RawTable, check_mapping, header_target, validate
from eduequity.errors import ConfigurationError, DataError
from eduequity.io.csv_reader import read_csv
from eduequity.io.frames import is_frame, read_frame
from eduequity.io.records import read_json, read_records
from eduequity.table import SchoolTable, build_table

__all__ = ["load_schools", "read_csv_columns", "read_source"]

RawColumns = dict[str, list[Any] | NDArray[Any]]


def load_schools(
    source: Any,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    header_row: int | None = None,
    strict: bool = False,
) -> SchoolTable:
    """Load and validate schools from a path, a DataFrame, or a list of records.

    Parameters
    ----------
    source
        A path to ``.csv``, ``.xlsx`` or ``.json``; a pandas or polars DataFrame, a pyarrow
        Table (or any object with ``__arrow_c_stream__``); a list of dicts or
        :class:`~eduequity.models.School`; or a :class:`SchoolTable` (returned as is).
    encoding
        CSV encoding; by default UTF-8 (with or without BOM), then GBK (as GB18030).
    sheet
        The xlsx sheet; by default the first.
    mapping
        Extra header → column id mappings for headers the library does not know.
    header_row
        The row of the header in a CSV or xlsx file, 1-based as Excel numbers rows; by
        default the first row naming known columns (title rows above it are skipped, with a
        warning saying so).
    strict
        Unknown headers are errors rather than warnings.

    Returns
    -------
    SchoolTable

    Raises
    ------
    DataValidationError
        With every defect of the source (file, row, school_id, column, value).
    DataError
        When the source cannot be read at all.
    ConfigurationError
        When an option is wrong (``mapping`` to an unknown column, ``header_row`` < 1).

    Examples
    --------
    >>> t = load_schools([{"school_id": "A1", "school_type": "小学", "students_primary": 120}])
    >>> t["school_type"].tolist(), t["students_primary"].tolist()
    (['primary'], [120.0])
    """
    if isinstance(source, SchoolTable):
        return source
    raw = read_source(source, encoding=encoding, sheet=sheet, header_row=header_row,
                      mapping=mapping)
    return build_table(validate(raw, mapping=mapping, strict=strict))


def read_source(
    source: Any,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str] | None = None,
) -> RawTable:
    """The reader for ``source``'s kind, and its raw columns."""
    if header_row is not None and (
        isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1
    ):
        raise ConfigurationError(
            f"header_row must be a row number >= 1, got {header_row!r}",
            message_code="header_row", message_params={"value": header_row},
        )  # fmt: skip
    if isinstance(source, str | Path):
        return _read_path(Path(source), encoding, sheet, header_row, mapping)
    if is_frame(source):
        return read_frame(source)
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        return read_records(source)
    raise DataError(
        f"cannot load schools from {type(source).__name__}",
        message_code="cannot_load", message_params={"kind": type(source).__name__},
    )


def _read_path(
    path: Path,
    encoding: str | None,
    sheet: str | None,
    header_row: int | None,
    mapping: Mapping[str, str] | None,
) -> RawTable:
    if path.is_dir():
        raise DataError(
            f"{path.name}: a directory, not a file of schools",
            message_code="a_directory", message_params={"file": path.name},
        )  # fmt: skip
    if not path.exists():
        raise DataError(
            f"{path}: no such file", message_code="no_such_file", message_params={"file": path}
        )
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            return read_csv(
                path, encoding=encoding, header_row=header_row, mapping=mapping,
                numeric=number_header(mapping),
            )
        if suffix in (".xlsx", ".xlsm"):
            from eduequity.io.xlsx_reader import read_xlsx

            return read_xlsx(path, sheet=sheet, header_row=header_row, mapping=mapping)
        if suffix == ".json":
            return read_json(path)
    except OSError as exc:
        raise DataError(
            f"{path.name}: cannot be read: {exc.strerror or exc}",
            message_code="cannot_read", message_params={"file": path.name, "errno": exc.errno},
        ) from None  # fmt: skip
    raise DataError(
        f"{path.name}: unsupported file type {suffix!r} (csv, xlsx, json)",
        message_code="unsupported_type", message_params={"file": path.name, "suffix": suffix},
    )  # fmt: skip


def number_header(mapping: Mapping[str, str] | None) -> Callable[[str], bool]:
    """Whether a header names a number column (a reader's hint; the validation pass checks)."""
    user = check_mapping(mapping)
    lookup = C.header_lookup()

    def is_number(header: str) -> bool:
        target = header_target(header, user, lookup)
        if target == "equipment_value_10k_yuan" or target in dict(C.TEACHER_STEMS):
            return True
        return target in C.BY_ID and C.BY_ID[target].kind in ("int", "count", "number")

    return is_number


def read_csv_columns(
    path: Path, encoding: str | None = None
) -> tuple[RawColumns, NDArray[np.int64], str]:
    """Read a CSV into raw text columns; return them, the line of each row, and the encoding.

    Kept for callers of earlier versions; :func:`eduequity.io.csv_reader.read_csv` gives the
    columns with their provenance.
    """
    from eduequity.io.csv_reader import decode

    raw = read_csv(Path(path), encoding=encoding)
    _, used = decode(Path(path).read_bytes(), encoding, Path(path))
    columns: RawColumns = {
        h: np.asarray(c) for h, c in zip(raw.headers, raw.columns, strict=True) if h
    }
    return columns, raw.rows, used

"""Cells to typed columns: text, numbers, yes/no and enumerations, read exactly or refused.

A number is read only when its text means one value: ``1234``, ``1,234`` (thousands
grouped by three), ``1.5``, ``1.5e3``; ``1,5`` (a decimal comma?), ``1,2,3``, ``1_000``,
``true`` and a Python ``bool`` are refused, each naming the row, school and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.defects import Collector

MISSING_TEXT = frozenset({"", "nan", "none", "null", "na", "n/a", "-", "—", "<na>"})
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Integers above 2**53 have no exact float64 (the table's number type).
EXACT_INTEGER_LIMIT = 2.0**53


@dataclass(frozen=True)
class Coded:
    """A text column as its distinct cells and the index of each row's cell in them.

    A reader that hashes a column whose cells repeat (a school's type, its county) gives
    it so; the validation pass then reads each distinct cell once, and makes the column
    (:meth:`cells`) only when it is kept. ``np.asarray`` gives the cells too.

    Examples
    --------
    >>> c = Coded(np.array(["小学", " 初中"]), np.array([0, 1, 0]))
    >>> len(c), c.cells().tolist(), to_text(c).cells().tolist()
    (3, ['小学', ' 初中', '小学'], ['小学', '初中', '小学'])
    >>> per_row(c, lambda cells: cells == "小学").tolist()
    [True, False, True]
    """

    values: NDArray[np.str_]
    codes: NDArray[np.integer[Any]]

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def cells(self) -> NDArray[np.str_]:
        """The column, a cell a row."""
        cells: NDArray[np.str_] = np.take(self.values, self.codes)
        return cells

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> NDArray[Any]:
        cells = self.cells()
        return cells if dtype is None else cells.astype(dtype)


TextColumn = NDArray[np.str_] | Coded


def per_row(column: TextColumn, test: Callable[[NDArray[np.str_]], NDArray[Any]]) -> NDArray[Any]:
    """``test`` of each row's cell; of a :class:`Coded` column's distinct cells, once each."""
    if isinstance(column, Coded):
        rows: NDArray[Any] = np.take(test(column.values), column.codes)
        return rows
    return test(column)


def per_cell(
    column: TextColumn, change: Callable[[NDArray[np.str_]], NDArray[np.str_]]
) -> TextColumn:
    """``change`` of every cell; of a :class:`Coded` column's distinct cells (still coded)."""
    if isinstance(column, Coded):
        return Coded(change(column.values), column.codes)
    return change(column)


def cells_of(column: TextColumn) -> NDArray[np.str_]:
    """The column, a cell a row."""
    return column.cells() if isinstance(column, Coded) else column


def is_missing(v: Any) -> bool:
    """``None``, NaN, pandas' ``NA``/``NaT``: a cell with no value."""
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType")


@overload
def to_text(raw: Coded) -> Coded: ...
@overload
def to_text(raw: Sequence[Any] | NDArray[Any]) -> NDArray[np.str_]: ...
def to_text(raw: Sequence[Any] | NDArray[Any] | Coded) -> TextColumn:
    """Text column: stripped strings, missing as "" (a :class:`Coded` column stays coded)."""
    if isinstance(raw, Coded):
        return Coded(np.char.strip(raw.values), raw.codes)
    if isinstance(raw, np.ndarray) and raw.dtype.kind == "U":
        return np.char.strip(raw)
    if isinstance(raw, list | np.ndarray) and all(type(v) is str for v in raw):
        # every cell already text (CSV, or a reader that kept text): one C pass
        return np.char.strip(np.array(raw, dtype=str)) if len(raw) else np.zeros(0, dtype="<U1")
    arr = np.asarray(raw, dtype=object)
    out = np.empty(arr.shape[0], dtype=object)
    for i, v in enumerate(arr):
        if is_missing(v):
            out[i] = ""
        elif isinstance(v, float) and v.is_integer() and abs(v) < EXACT_INTEGER_LIMIT:
            out[i] = str(int(v))  # codes read as numbers by a spreadsheet
        else:
            out[i] = str(v).strip()
    return out.astype(str) if out.size else np.zeros(0, dtype="<U1")


def to_number(
    raw: Sequence[Any] | NDArray[Any] | Coded, column: str, out: Collector
) -> NDArray[np.float64]:
    """Numeric column: floats, missing as NaN; a cell that is not exactly one number is an
    error of its row."""
    arr = np.asarray(raw) if not isinstance(raw, np.ndarray) else raw
    if arr.dtype == np.float64 and not arr.flags.writeable:
        values = arr  # a reader's own read-only array: kept without a copy
    elif arr.dtype.kind == "f":
        values = arr.astype(np.float64)
    elif arr.dtype.kind in "iu":
        values = arr.astype(np.float64)
        inexact = np.abs(values) > EXACT_INTEGER_LIMIT
        out.add_many(
            "error", "not_exact", inexact, column, arr, "{value} is too large to be read exactly"
        )
    elif arr.dtype.kind == "b":
        values = np.full(arr.shape[0], np.nan)
        out.add_many(
            "error", "not_a_number", np.ones(arr.shape[0], bool), column, arr,
            "expected a number, got {value}",
        )
    elif arr.dtype.kind == "U":
        values = _parse_text(arr, column, out)
    else:
        values = _parse_objects(np.asarray(arr, dtype=object), column, out)
    inf = np.isinf(values)
    if inf.any():
        out.add_many("error", "not_finite", inf, column, values, "must be finite, got {value}")
        values = np.where(inf, np.nan, values)
    return values


def _parse_text(raw: NDArray[np.str_], column: str, out: Collector) -> NDArray[np.float64]:
    text = np.char.strip(raw)
    values = np.full(text.shape[0], np.nan)
    if not text.size:
        return values
    present = text != ""
    try:
        # numpy also reads "1_000": such text takes the exact path below
        if (np.char.find(text, "_") >= 0).any():
            raise ValueError
        values[present] = text[present].astype(np.float64)
        # and "-nan": a NaN must be one of the missing spellings
        nan = present & np.isnan(values)
        if nan.any() and not np.isin(np.char.lower(text[nan]), list(MISSING_TEXT)).all():
            raise ValueError
    except ValueError:
        present &= ~np.isin(np.char.lower(text), list(MISSING_TEXT))
        for i in np.flatnonzero(present):
            values[i] = _one_number(str(text[i]), int(i), column, out)
    return values


def _parse_objects(arr: NDArray[Any], column: str, out: Collector) -> NDArray[np.float64]:
    values = np.full(arr.shape[0], np.nan)
    for i, v in enumerate(arr):
        if is_missing(v):
            continue
        if isinstance(v, bool | np.bool_):
            out.add(
                "error", "not_a_number", f"expected a number, got {v}",
                index=i, column=column, value=bool(v),
            )
        elif isinstance(v, int | np.integer):
            if abs(int(v)) > EXACT_INTEGER_LIMIT:
                out.add(
                    "error", "not_exact", f"{v} is too large to be read exactly",
                    index=i, column=column, value=int(v),
                )
            values[i] = float(v)
        elif isinstance(v, float | np.floating):
            values[i] = float(v)
        elif isinstance(v, str):
            if v.strip().lower() not in MISSING_TEXT:
                values[i] = _one_number(v.strip(), i, column, out)
        else:
            out.add(
                "error", "not_a_number", f"expected a number, got {type(v).__name__} {v!r}",
                index=i, column=column, value=repr(v),
            )
    return values


def _one_number(text: str, index: int, column: str, out: Collector) -> float:
    s = unicodedata.normalize("NFKC", text).strip()
    if _NUMBER.fullmatch(s):
        return float(s)
    if _GROUPED.fullmatch(s):
        return float(s.replace(",", ""))
    if s.lower() in ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"):
        return float(s)  # refused as not finite by the caller, with its value
    if "," in s and re.fullmatch(r"[+-]?[\d,]+(?:\.\d+)?", s):
        hint = (
            "a decimal comma? write 1.5 for one and a half; thousands are grouped by three, "
            "as in 1,234"
        )
        text_out = f"expected a number, got {text!r} ({hint})"
        params = {"variant": "decimal_comma"}
    else:
        text_out = f"expected a number, got {text!r}"
        params = {}
    out.add(
        "error", "not_a_number", text_out, index=index, column=column, value=text, params=params
    )
    return math.nan


@overload
def to_enum(raw: Coded, column: str, out: Collector) -> Coded: ...
@overload
def to_enum(raw: NDArray[np.str_], column: str, out: Collector) -> NDArray[np.str_]: ...
def to_enum(raw: TextColumn, column: str, out: Collector) -> TextColumn:
    """Enum column: canonical values; unknown spellings are errors per row ("" stays "").
    A :class:`Coded` column stays coded."""
    canonical = list(C.ENUMS[column])
    width = f"<U{max(1, max(len(v) for v in canonical))}"
    if isinstance(raw, Coded):
        distinct, at = raw.values, raw.codes
    elif np.isin(raw, ["", *canonical]).all():  # the usual case: one membership test
        return raw.astype(width, copy=False)
    else:
        distinct, at = np.unique(raw, return_inverse=True)
        at = at.reshape(-1)
    lookup = {C.normalise_header(k): v for k, v in C.enum_lookup(column).items()}
    meant = [lookup.get(C.normalise_header(u)) if u else "" for u in distinct.tolist()]
    bad = np.array([m is None for m in meant], dtype=bool)
    if bad.any():
        allowed = ", ".join(C.ENUMS[column])
        out.add_many(
            "error",
            f"unknown_{column}",
            bad[at],
            column,
            cells_of(raw),
            f"unknown value {{value!r}}; expected one of {allowed}",
        )
    values = np.array([m or "" for m in meant], dtype=width)
    if isinstance(raw, Coded):
        return Coded(values, at)
    result: NDArray[np.str_] = np.take(values, at)
    return result


_YES = frozenset({"1", "true", "yes", "y", "是", "寄宿", "寄宿制"})
_NO = frozenset({"0", "false", "no", "n", "否", "非寄宿", "走读"})
_NOT_BOOLEAN = "expected yes/no (是/否, 1/0), got {value!r}"


def to_bool(
    raw: Sequence[Any] | NDArray[Any] | Coded, column: str, out: Collector
) -> NDArray[np.float64]:
    """Yes/no column as 1.0 / 0.0 / NaN."""
    if isinstance(raw, Coded):
        spellings, at, arr = raw.values, raw.codes, raw.cells()
    else:
        arr = np.asarray(raw)
        if arr.dtype.kind == "U":
            spellings, at = np.unique(arr, return_inverse=True)
    if arr.dtype.kind == "U":  # text (a CSV or spreadsheet): each spelling decided once
        at = at.reshape(-1)
        meaning = [_bool_value(str(s)) for s in spellings.tolist()]
        known = np.array([m is not None for m in meaning], dtype=bool)[at]
        out.add_many("error", "not_a_boolean", ~known, column, arr, _NOT_BOOLEAN)
        table = np.array([np.nan if m is None else m for m in meaning], dtype=np.float64)
        values: NDArray[np.float64] = table[at]
        return values
    arr = np.asarray(raw, dtype=object)
    values = np.full(arr.shape[0], np.nan)
    for i, v in enumerate(arr):
        meant = _bool_value(v)
        if meant is None:
            out.add(
                "error",
                "not_a_boolean",
                _NOT_BOOLEAN.format(value=v),
                index=i,
                column=column,
                value=str(v),
            )
        else:
            values[i] = meant
    return values


def _bool_value(v: Any) -> float | None:
    """1.0, 0.0, NaN (missing) or ``None`` (not a yes/no value)."""
    if is_missing(v):
        return np.nan
    s = str(v).strip().lower()
    if isinstance(v, bool | int | float | np.bool_ | np.number) and not isinstance(v, str):
        s = str(int(v)) if float(v) in (0.0, 1.0) else s
    if s in _YES:
        return 1.0
    if s in _NO:
        return 0.0
    return np.nan if s in MISSING_TEXT else None

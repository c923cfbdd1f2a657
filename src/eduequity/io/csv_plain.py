"""The CSV reader's fast path: a plain file's bytes parsed by pyarrow's or pandas' parser.

A file is plain when its header is on line 1, names the required columns once each and
leaves none unnamed, and no cell is quoted: every line is then one row, row ``i`` of the
data is line ``i + 2`` (``\\n``, ``\\r\\n`` or a lone ``\\r`` ends a line, as for the exact
reader), and a parser can read it without losing a check:

- pyarrow's parser refuses a row with more or fewer cells than the header and a number
  column with a cell that is not a decimal number (each number column is read as
  float64); text that is not UTF-8 (decoded here, not by the parser) and a number whose
  float64 could differ from what the validation pass reads (a NaN written otherwise than
  a missing spelling, an infinity, an integer beyond 2**53) are refused here too. pandas'
  parser then takes the file. A text column whose cells repeat comes
  :class:`~eduequity._cells.Coded` (its distinct cells, and the index of each row's);
- pandas' parser refuses a longer row and bad UTF-8; the commas are counted for a shorter
  row, and those of the first row (pandas would read a longer first row's first cell as
  an index); a number column it cannot read comes as cells, each read by the validation
  pass, and one whose true/false it reads as booleans goes to the exact reader (which
  quotes the value as written);
- a row with a blank school_id (a blank line among them) goes to the exact reader, which
  skips blank lines and words the rest.

Whatever is not plain or fails here returns ``None`` and the exact reader of
:mod:`eduequity.io.csv_reader` takes the file; the validation pass reads every cell either
way, so both give the same table and the same messages.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity._cells import EXACT_INTEGER_LIMIT, Coded, per_row
from eduequity._validate import RawTable
from eduequity.io._header import column_letter, names_required, position

__all__ = ["NA_TEXT", "arrow_cells", "arrow_coded", "arrow_floats", "arrow_text", "read_plain"]

# Cells read as missing in number columns by the parsers (as the validation pass reads them)
NA_TEXT = ("", "nan", "NaN", "NA", "N/A", "n/a", "null", "None", "none", "-", "—")
_BOM = b"\xef\xbb\xbf"
_FIRST_LINE = re.compile(rb"[^\r\n]*")
_SECOND_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?([^\r\n]*)")

Columns = list[NDArray[Any] | Coded]
# A text column is coded when its first cells (this many) repeat, 4 rows a cell at least;
# not below this many rows (the few cells are converted faster than they are hashed)
_SAMPLE = 4096
_CODED_FROM = 1000


def read_plain(
    data: bytes,
    source: str,
    *,
    header_row: int | None,
    mapping: Mapping[str, str] | None,
    numeric: Callable[[str], bool] | None,
) -> RawTable | None:
    """The raw columns of a plain CSV file's UTF-8 ``data``, or ``None``.

    ``numeric`` (a header → bool hint) names the number columns, read as numbers;
    the others are read as text.

    Examples
    --------
    >>> data = "school_id,school_type,students_primary\\r\\nA,小学,120\\r\\n".encode()
    >>> raw = read_plain(data, "s.csv", header_row=None, mapping=None,
    ...                  numeric=lambda h: h.startswith("students"))
    >>> raw.rows.tolist(), raw.columns[1].tolist(), raw.columns[2].tolist()
    ([2], ['小学'], [120.0])
    >>> read_plain(b'school_id,school_type\\n"A",x\\n', "s.csv", header_row=None, mapping=None,
    ...            numeric=None) is None  # a quote: the exact reader counts its rows
    True
    """
    header = _plain_header(data, header_row, mapping)
    if header is None:
        return None
    numbers = [numeric is not None and numeric(h) for h in header]
    columns = _with_arrow(data, header, numbers)
    if columns is None:
        columns = _with_pandas(data, header, numbers)
    if columns is None or not len(columns[0]) or _blank_ids(columns, header, mapping):
        return None
    return RawTable(
        source=source,
        headers=[h.strip() for h in header],
        columns=columns,
        rows=np.arange(2, len(columns[0]) + 2, dtype=np.int64),
        places=[f"column {column_letter(j)}" for j in range(len(header))],
    )


def _plain_header(
    data: bytes, header_row: int | None, mapping: Mapping[str, str] | None
) -> list[str] | None:
    """Line 1's cells when the file is plain (see the module), else ``None``."""
    if header_row not in (None, 1) or b'"' in data:
        return None  # quotes: the exact reader counts the lines of each row
    first = _FIRST_LINE.match(data, len(_BOM) if data.startswith(_BOM) else 0)
    try:
        header = first.group().decode("utf-8").split(",") if first else []
    except UnicodeDecodeError:
        return None
    if not names_required(header, mapping) or len(set(header)) != len(header):
        return None  # title rows, a missing column, duplicates: the exact reader words them
    if any(not h.strip() for h in header):
        return None
    return header


def _blank_ids(columns: Columns, header: list[str], mapping: Mapping[str, str] | None) -> bool:
    """Whether a school_id cell is blank (empty, or starting with whitespace)."""
    j = position(header, "school_id", mapping)
    assert j is not None  # a plain header names it
    ids = columns[j]
    blank = per_row(ids if isinstance(ids, Coded) else np.asarray(ids, dtype=str), _blank)
    return bool(blank.any())


def _blank(cells: NDArray[np.str_]) -> NDArray[np.bool_]:
    first = cells.astype("<U1")  # each cell's first character
    blank: NDArray[np.bool_] = (first == "") | np.char.isspace(first)
    return blank


def _with_arrow(data: bytes, header: list[str], numbers: list[bool]) -> Columns | None:
    try:
        pa = importlib.import_module("pyarrow")
        pa_csv = importlib.import_module("pyarrow.csv")
    except ImportError:
        return None
    kinds = zip(header, numbers, strict=True)
    types = {h: pa.float64() if num else pa.string() for h, num in kinds}
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pa_csv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=types, null_values=list(NA_TEXT), strings_can_be_null=False,
                check_utf8=False,  # checked by arrow_text, where it decodes
            ),
        )
    except pa.ArrowInvalid:
        return None  # a ragged row, a number column with text: pandas' parser
    columns: Columns = []
    for h, num in zip(header, numbers, strict=True):
        column = table.column(h)
        if not num:
            try:
                columns.append(arrow_cells(column))
            except pa.ArrowInvalid:
                return None  # bad UTF-8: pandas' parser, then the exact reader
            continue
        values = arrow_floats(column)
        exact = np.abs(values) < EXACT_INTEGER_LIMIT  # False for NaN
        if np.count_nonzero(exact) != len(values) - column.null_count:
            return None  # a NaN or infinity written out, an integer beyond 2**53
        values.flags.writeable = False  # ours alone: the validation pass keeps it uncopied
        columns.append(values)
    return columns


def arrow_floats(column: Any) -> NDArray[np.float64]:
    """A pyarrow float64 column as a numpy array, missing cells as NaN.

    Read from the column's buffers: pyarrow's own ``to_numpy`` imports pandas (half a
    second in a fresh process).

    Examples
    --------
    >>> import pyarrow as pa
    >>> arrow_floats(pa.chunked_array([[1.5, None], [], [None, 3.0]])).tolist()
    [1.5, nan, nan, 3.0]
    """
    out = np.empty(len(column))
    at = 0
    for chunk in column.chunks:
        n, start = len(chunk), chunk.offset
        if not n:
            continue
        validity, data = chunk.buffers()
        values = np.frombuffer(data, np.float64, n, start * 8)
        if chunk.null_count:  # a bit a cell, 1 where given
            bits = np.frombuffer(validity, np.uint8)
            given = np.unpackbits(bits, count=start + n, bitorder="little")[start:]
            out[at : at + n] = np.nan
            np.copyto(out[at : at + n], values, where=given.view(np.bool_))
        else:
            out[at : at + n] = values
        at += n
    return out


def arrow_cells(column: Any) -> NDArray[np.str_] | Coded:
    """A pyarrow text column for the validation pass: :class:`~eduequity._cells.Coded`
    (hashed by pyarrow) when its first cells repeat, else a numpy ``str`` array. ASCII
    cells all of one width (codes) are copied as they are: cheaper than hashing them.

    Examples
    --------
    >>> import pyarrow as pa
    >>> coded = arrow_cells(pa.chunked_array([["小学", "初中"] * 500, ["小学"]]))
    >>> coded.values.tolist(), coded.codes[:5].tolist(), len(coded)
    (['小学', '初中'], [0, 1, 0, 1, 0], 1001)
    >>> arrow_cells(pa.chunked_array([["A1", "A2", "A1"]])).tolist()
    ['A1', 'A2', 'A1']
    """
    pc = importlib.import_module("pyarrow.compute")
    cells = column.combine_chunks()
    if len(cells) < _CODED_FROM:
        return arrow_text(cells)
    utf8, lengths = _utf8(cells)
    if lengths.min() == lengths.max() and utf8.max(initial=0) < 0x80:
        return arrow_text(cells)
    sample = cells.slice(0, _SAMPLE)
    if pc.count_distinct(sample).as_py() * 4 > len(sample):
        return arrow_text(cells)
    return arrow_coded(cells)


def arrow_coded(column: Any) -> Coded:
    """A pyarrow text column as its distinct cells and the index of each row's."""
    pc = importlib.import_module("pyarrow.compute")
    cells = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    coded = pc.dictionary_encode(cells)
    indices = coded.indices
    codes = np.frombuffer(indices.buffers()[1], np.int32, len(indices), indices.offset * 4)
    return Coded(arrow_text(coded.dictionary), codes)


def arrow_text(column: Any) -> NDArray[np.str_]:
    """A pyarrow string column as a numpy ``str`` array, without a Python object per cell.

    Every cell is padded with NUL to the longest cell's length (as numpy stores ``str``),
    and the UTF-8 of all cells is decoded in one call: its code points, ``width`` a cell,
    are the array. ASCII cells all of one length (codes, ids) need no padding. The parser
    does not check UTF-8 (it reads faster so): text that is not ASCII is checked before
    pyarrow's text functions read it (bad bytes raise ``pyarrow.ArrowInvalid``).

    Examples
    --------
    >>> import pyarrow as pa
    >>> arrow_text(pa.chunked_array([["a", "学校", ""], ["bc"]])).tolist()
    ['a', '学校', '', 'bc']
    >>> arrow_text(pa.array(["x1", "y2"])).tolist()
    ['x1', 'y2']
    """
    pc = importlib.import_module("pyarrow.compute")
    cells = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    utf8, lengths = _utf8(cells)
    ascii = not utf8.size or utf8.max() < 0x80
    if not ascii:
        cells.validate(full=True)  # bad UTF-8 raises here
    width = max(int(lengths.max(initial=0)) if ascii else pc.max(pc.utf8_length(cells)).as_py(), 1)
    if ascii and utf8.size == len(cells) * width:  # one byte a character, one width
        return utf8.astype(np.uint32).view(f"<U{width}")
    padded = pc.utf8_rpad(cells, width=width, padding="\0")
    utf8, _ = _utf8(padded)
    if ascii:
        return utf8.astype(np.uint32).view(f"<U{width}")
    return np.frombuffer(utf8.tobytes().decode("utf-8").encode("utf-32-le"), f"<U{width}")


def _utf8(cells: Any) -> tuple[NDArray[np.uint8], NDArray[np.int32]]:
    """The bytes of a pyarrow string array's cells, and each cell's length in bytes."""
    offsets = np.frombuffer(cells.buffers()[1], np.int32, len(cells) + 1, cells.offset * 4)
    data = np.frombuffer(cells.buffers()[2] or b"", dtype=np.uint8)
    return data[offsets[0] : offsets[-1]], np.diff(offsets)


def _with_pandas(data: bytes, header: list[str], numbers: list[bool]) -> Columns | None:
    try:
        import pandas as pd
    except ImportError:
        return None
    second = _SECOND_LINE.match(data)
    if second is None or second.group(1).count(b",") != len(header) - 1:
        return None  # a longer first row: pandas would read its first cell as an index
    try:
        # object columns: pandas' C parser decodes (strictly) and makes plain str objects;
        # (header=0 with names: skiprows=1 loses a leading empty cell after a lone \r)
        frame: Any = pd.read_csv(
            io.BytesIO(data), encoding="utf-8", header=0, names=header,
            dtype={h: object for h, num in zip(header, numbers, strict=True) if not num},
            keep_default_na=False,
            na_values={h: list(NA_TEXT) for h, num in zip(header, numbers, strict=True) if num},
            skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except (ValueError, pd.errors.ParserError):
        return None  # a long row, bad UTF-8
    if data.count(b",") != (len(header) - 1) * (len(frame) + 1):
        return None  # a short row (pandas fills it in): the exact reader
    columns: Columns = []
    for h, num in zip(header, numbers, strict=True):
        if num and frame[h].dtype.kind in "fiu":
            column = frame[h].to_numpy()
            column.flags.writeable = False  # ours alone: the validation pass keeps it uncopied
        elif num:
            column = frame[h].to_numpy(dtype=object)  # numbers and text: read cell by cell
            if any(type(v) is bool for v in column):
                return None  # true/false read as booleans: the exact reader quotes them
        else:
            column = frame[h].to_numpy(dtype=str)
        columns.append(column)
    return columns

"""The one validation pass: raw named columns of any reader → typed columns and defects.

Readers (``eduequity.io``) yield a :class:`RawTable`: the headers as the source spells
them, the cells of each column, and where each row is in the source. :func:`validate`
maps the headers to column ids, converts every column, applies the data rules of
``_checks`` and returns a :class:`Validated` (or raises
:class:`~eduequity.errors.DataValidationError` with every defect). The table is built
from that (:func:`eduequity.table.build_table`); nothing here calls back into a reader.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._cells import (
    Coded,
    TextColumn,
    cells_of,
    per_cell,
    per_row,
    to_bool,
    to_enum,
    to_number,
    to_text,
)
from eduequity._checks import check_rows
from eduequity.defects import Collector, Defect
from eduequity.errors import ConfigurationError, DataValidationError

__all__ = ["Collector", "RawTable", "Validated", "to_bool", "to_number", "validate"]

# Text that begins or ends an identity cell of a row of sums, not a school; and whole cells.
_TOTAL_MARKS = ("合计", "总计", "小计")
_TOTAL_CELLS = ("合 计", "总 计", "小 计", "total", "Total", "TOTAL", "subtotal", "Subtotal")
_TOTAL_COLUMNS = ("school_id", "school_name", "school_type", "county_name")
# A cell that is or ends with one of these has its last character among these: ...
_TOTAL_LAST = sorted({ord(t[-1]) for t in (*_TOTAL_MARKS, *_TOTAL_CELLS)})
# ... and one that begins with a mark has the mark's last character at its place.
_TOTAL_PLACE = sorted({(len(m) - 1, ord(m[-1])) for m in _TOTAL_MARKS})
_TEXT = ("str", "enum")


@dataclass
class RawTable:
    """What a reader yields: named columns of raw cells with their provenance.

    Attributes
    ----------
    source
        The file name, or ``"DataFrame"`` / ``"records"``.
    headers, columns
        The header of each column as the source spells it (duplicates kept) and its cells
        (a text column whose cells repeat may come :class:`~eduequity._cells.Coded`).
    places
        How messages name each column's position (``"column C"`` in a sheet).
    rows
        The row of each record as the user sees it (see :class:`~eduequity.defects.Defect`).
    sheet
        The xlsx sheet read, if any.
    notes
        Defects the reader found (title rows skipped, merged cells, …).
    looked_at, looked_rows
        A sketch of the first rows looked at for the header (for a missing-column error),
        and the same as ``(row, first cells, more)`` for sentences in either language.
    positions
        Whether ``rows`` are positions from 0 (records, a DataFrame: whatever the source
        is named) rather than rows of a file.
    """

    source: str
    headers: list[str]
    columns: Sequence[Sequence[Any] | NDArray[Any] | Coded]
    rows: NDArray[np.int64]
    places: list[str] = field(default_factory=list)
    sheet: str | None = None
    notes: list[Defect] = field(default_factory=list)
    looked_at: str = ""
    looked_rows: list[tuple[int, list[str], bool]] = field(default_factory=list)
    positions: bool = False

    @property
    def where(self) -> str:
        return self.source if self.sheet is None else f"{self.source}, sheet {self.sheet}"

    def place(self, j: int) -> str:
        return self.places[j] if j < len(self.places) else f"column {j + 1}"

    def at(self, j: int) -> str:
        """The column's letter (``C``) in a sheet, else its header, for sentences that say
        "column …" in their own words."""
        place = self.place(j)
        return place.removeprefix("column ") if place.startswith("column ") else self.headers[j]


@dataclass
class Validated:
    """Typed columns ready for the table (float64 with NaN, text with "")."""

    columns: dict[str, NDArray[Any]]
    present: set[str]
    extra: dict[str, NDArray[np.str_]]
    rows: NDArray[np.int64]
    source: str
    warnings: list[Defect]
    positions: bool = False


def validate(
    raw: RawTable, *, mapping: Mapping[str, str] | None = None, strict: bool = False
) -> Validated:
    """Convert and check every column of ``raw``.

    Raises
    ------
    ConfigurationError
        When ``mapping`` names a column id that does not exist.
    DataValidationError
        With every defect found, when any is an error (with ``strict``, unknown headers
        are errors too).
    """
    user = check_mapping(mapping)
    n = int(raw.rows.shape[0])
    out = Collector(
        raw.source, raw.rows, where=raw.where, sheet=raw.sheet, positions=raw.positions
    )
    out.defects.extend(raw.notes)
    names = resolve_headers(raw, user, out, strict=strict)
    out.headers = {name: raw.headers[j] for j, name in names.items() if name is not None}
    given = {name: raw.columns[j] for j, name in names.items() if name is not None}
    missing = [r for r in C.REQUIRED if r not in given]
    for name in missing:
        seen = f"; {raw.looked_at}" if raw.looked_at else ""
        out.add(
            "error", "missing_column",
            f"required column {name} ({C.BY_ID[name].zh}) is missing{seen}", column=name,
            params={"looked": raw.looked_rows},
        )
    if n == 0:
        out.add("error", "no_rows", "no school rows")
    if missing and n:
        _convert(given, n, out, cells_only=True)  # every bad cell too, not only the column
    if missing or n == 0:
        raise DataValidationError(out.defects, raw.source)
    cols, present, types = _convert(given, n, out)
    check_rows(cols, present, out, types=types)
    if out.has_errors:
        raise DataValidationError(out.defects, raw.source)
    cols["year"] = np.nan_to_num(cols["year"]).astype(np.int64)  # in range: checked
    extra = {raw.headers[j]: cells_of(to_text(raw.columns[j])) for j in names if names[j] is None}
    extra = {h: v for h, v in extra.items() if h.strip()}
    return Validated(cols, present, extra, raw.rows, raw.source, out.defects, raw.positions)


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """``mapping`` with normalised headers; every target must be a column id."""
    known = {c.id for c in (*C.CANONICAL, *C.INPUT_ONLY)}
    user: dict[str, str] = {}
    for header, target in (mapping or {}).items():
        if target not in known:
            close = difflib.get_close_matches(str(target), sorted(known), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ConfigurationError(
                f"mapping={{{header!r}: {target!r}}}: {target!r} is not a column of the "
                f"school table{hint}"
            )
        user[C.normalise_header(header)] = target
    return user


def header_target(header: str, user: Mapping[str, str], lookup: Mapping[str, str]) -> str | None:
    """The column id a header means, or ``None``."""
    key = C.normalise_header(header)
    target = user.get(key) or lookup.get(key)
    if target is None:
        stem = C.strip_unit(key)
        target = lookup.get(stem)
        if target == "equipment_value_yuan" and "万元" in key[len(stem) :]:
            target = "equipment_value_10k_yuan"
    return target


def resolve_headers(
    raw: RawTable, user: Mapping[str, str], out: Collector, *, strict: bool = False
) -> dict[int, str | None]:
    """Column position → column id (``None``: an unknown header, kept as an extra)."""
    lookup = C.header_lookup()
    resolved: dict[int, str | None] = {}
    taken: dict[str, int] = {}
    for j, header in enumerate(raw.headers):
        target = header_target(header, user, lookup) if header.strip() else None
        key = target or f"\x00{header.strip()}"
        if header.strip() and key in taken:
            first = taken[key]
            what = f"both mean column {target}" if target else "have the same header"
            out.add(
                "error", "duplicate_column",
                f"{raw.place(first)} ({raw.headers[first]!r}) and {raw.place(j)} ({header!r}) "
                f"{what}: remove or rename one",
                column=target or header,
                params={
                    "first_at": raw.at(first), "first_header": raw.headers[first],
                    "at": raw.at(j), "header": header,
                    **({} if target else {"variant": "same_header"}),
                },
            )  # fmt: skip
            continue
        taken[key] = j
        resolved[j] = target
        if target is None and header.strip():
            _unknown_header(raw, j, lookup, out, strict)
    return resolved


def _unknown_header(
    raw: RawTable, j: int, lookup: Mapping[str, str], out: Collector, strict: bool
) -> None:
    header = raw.headers[j]
    spellings = {C.normalise_header(c.zh): c.zh for c in (*C.CANONICAL, *C.INPUT_ONLY)}
    spellings.update({c.id: c.id for c in (*C.CANONICAL, *C.INPUT_ONLY)})
    key = C.strip_unit(C.normalise_header(header))
    close = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.6)
    hint = f"; did you mean {spellings[close[0]]}?" if close else ""
    keep = " (strict: unknown headers are refused)" if strict else ", kept as an extra column"
    params = {"at": raw.at(j), "header": header, "variant": "strict" if strict else None}
    if close:
        params["suggestion"] = spellings[close[0]]
    out.add(
        "error" if strict else "warning", "unknown_column",
        f"{raw.place(j)}: unknown header {header!r}{keep}{hint}", column=header,
        params=params,
    )


def _convert(
    given: Mapping[str, Sequence[Any] | NDArray[Any] | Coded],
    n: int,
    out: Collector,
    *,
    cells_only: bool = False,
) -> tuple[dict[str, NDArray[Any]], set[str], TextColumn]:
    """Typed columns, and the school types (coded when read so); ``cells_only`` (a
    required column is missing): each cell is read and its defects reported, but nothing
    that needs the school's type is checked."""
    cols: dict[str, NDArray[Any]] = {}
    present: set[str] = set()
    enums: dict[str, TextColumn] = {}
    # every text column stripped once (the check for rows of totals reads them too)
    text = {c.id: to_text(given[c.id]) for c in C.CANONICAL if c.kind in _TEXT and c.id in given}
    out.ids = cells_of(text["school_id"]) if "school_id" in text else np.full(n, "")
    out.muted = _total_rows(text, out)
    # an absent column is "" or NaN: one read-only array for all of a kind
    absent = {"str": np.full(n, ""), "number": np.full(n, np.nan)}
    for array in absent.values():
        array.flags.writeable = False
    for col in C.CANONICAL:
        if col.id not in given:
            if col.id == "ownership":
                cols[col.id] = np.full(n, "public")
            else:
                cols[col.id] = absent["str" if col.kind in _TEXT else "number"]
            continue
        present.add(col.id)
        values = given[col.id]
        if col.kind == "str":
            cols[col.id] = cells_of(text[col.id])
        elif col.kind == "enum":
            if col.id == "school_type":
                empty = per_row(text[col.id], lambda cells: cells == "")
                out.add_many(
                    "error", "missing_school_type", empty, "school_type", None,
                    "school_type is empty: every school needs its type (小学, 初中, …)",
                )
            enums[col.id] = to_enum(text[col.id], col.id, out)
            if col.id == "ownership":  # not given: public
                enums[col.id] = per_cell(enums[col.id], _public)
            cols[col.id] = cells_of(enums[col.id])
        elif col.kind == "bool":
            cols[col.id] = to_bool(values, col.id, out)
        else:
            cols[col.id] = to_number(values, col.id, out)
    _equipment_in_10k(given, cols, present, out)
    if not cells_only:
        _unsuffixed_teachers(given, cols, present, out)
    return cols, present, enums.get("school_type", cols["school_type"])


def _public(cells: NDArray[np.str_]) -> NDArray[np.str_]:
    public: NDArray[np.str_] = np.where(cells == "", "public", cells)
    return public


def _total_rows(text: Mapping[str, TextColumn], out: Collector) -> frozenset[int]:
    """Rows whose identity cells say 合计/总计/小计: refused once each, other defects muted."""
    rows: set[int] = set()
    for name in _TOTAL_COLUMNS:
        if name not in text or not len(text[name]):
            continue
        hit = np.flatnonzero(per_row(text[name], _says_total))
        for i in hit.tolist():
            if i in rows:
                continue
            rows.add(i)
            value = str(cells_of(text[name])[i])
            out.add(
                "error", "total_row",
                f"{value!r} in column {name}: a row of totals, not a school; remove it "
                "(totals are computed from the schools)",
                row=int(out.rows[i]), value=value, params={"mark_column": name},
            )
    return frozenset(rows)


def _says_total(cells: NDArray[np.str_]) -> NDArray[np.bool_]:
    """Whether each cell is, begins or ends with a mark of totals."""
    maybe = _total_candidates(cells)
    says = np.zeros(cells.shape[0], dtype=bool)
    few = cells[maybe]
    hit = np.isin(few, _TOTAL_CELLS)
    for mark in _TOTAL_MARKS:
        hit |= np.char.startswith(few, mark) | np.char.endswith(few, mark)
    says[maybe[hit]] = True
    return says


def _total_candidates(cells: NDArray[np.str_]) -> NDArray[np.intp]:
    """The rows whose cell may say total, from two characters of each (``_TOTAL_LAST``,
    ``_TOTAL_PLACE``): the exact tests of text then run on these few rows only."""
    n = cells.shape[0]
    codes = np.ascontiguousarray(cells, dtype=f"<U{max(cells.itemsize // 4, 1)}")
    codes = codes.view("<u4").reshape(n, -1)
    last = np.take(codes, np.arange(n) * codes.shape[1] + np.maximum(np.char.str_len(cells) - 1, 0))
    maybe = np.isin(last, _TOTAL_LAST)
    for place, code in _TOTAL_PLACE:
        if place < codes.shape[1]:
            maybe |= codes[:, place] == code
    return np.flatnonzero(maybe)


def _equipment_in_10k(
    given: Mapping[str, Any], cols: dict[str, NDArray[Any]], present: set[str], out: Collector
) -> None:
    """Accept 教学仪器设备资产值 in 万元 and convert it ×10 000 to yuan."""
    if "equipment_value_10k_yuan" not in given:
        return
    wan = to_number(given["equipment_value_10k_yuan"], "equipment_value_10k_yuan", out)
    with np.errstate(over="ignore"):
        yuan = wan * 10_000.0
    overflow = np.isinf(yuan)
    out.add_many(
        "error", "not_finite", overflow, "equipment_value_10k_yuan", wan,
        "{value} 万元 is too large to convert to 元", {"variant": "wan"},
    )
    yuan[overflow] = np.nan
    if "equipment_value_yuan" in present:
        both = ~np.isnan(yuan) & ~np.isnan(cols["equipment_value_yuan"])
        clash = both & (np.abs(yuan - cols["equipment_value_yuan"]) > 1.0)
        out.add_many(
            "error",
            "conflicting_columns",
            clash,
            "equipment_value_10k_yuan",
            wan,
            "{value} 万元 disagrees with equipment_value_yuan",
            {"variant": "wan", "other_column": "equipment_value_yuan"},
        )
        cols["equipment_value_yuan"] = np.where(
            np.isnan(cols["equipment_value_yuan"]), yuan, cols["equipment_value_yuan"]
        )
    else:
        cols["equipment_value_yuan"] = yuan
        present.add("equipment_value_yuan")


def _unsuffixed_teachers(
    given: Mapping[str, Any], cols: dict[str, NDArray[Any]], present: set[str], out: Collector
) -> None:
    """Teacher columns without a section suffix belong to single-section schools."""
    level_of = {"primary": "primary", "teaching_point": "primary", "junior": "junior"}
    types = cols["school_type"]
    for stem, _ in C.TEACHER_STEMS:
        if stem not in given:
            continue
        values = to_number(given[stem], stem, out)
        has = ~np.isnan(values)
        multi = has & ~np.isin(types, list(level_of))
        out.add_many(
            "error",
            "teachers_need_section",
            multi,
            stem,
            values,
            "a school with several sections must give teachers by section "
            f"({stem}_primary, {stem}_junior), got {{value}} unsuffixed",
            {"primary_column": f"{stem}_primary", "junior_column": f"{stem}_junior"},
        )
        for kind, level in level_of.items():
            target = f"{stem}_{level}"
            rows = has & (types == kind)
            if not rows.any():
                continue
            current = cols[target]
            clash = rows & ~np.isnan(current) & (current != values)
            out.add_many(
                "error",
                "conflicting_columns",
                clash,
                stem,
                values,
                f"{{value}} disagrees with {target}",
                {"other_column": target},
            )
            cols[target] = np.where(rows & np.isnan(current), values, current)
            present.add(target)

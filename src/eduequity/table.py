"""The columnar table of schools, and building it from raw columns with full validation.

A :class:`SchoolTable` holds one numpy array per canonical column (text as ``str``
arrays, numbers as float64 with NaN for "not given"), the unknown columns as given, and
the warnings found while loading. The metrics read these arrays directly; per-school
pydantic records are built only on request (:meth:`SchoolTable.record`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._checks import check_rows
from eduequity._validate import Collector, resolve_headers, to_bool, to_enum, to_number, to_text
from eduequity.defects import Defect
from eduequity.errors import DataValidationError

if TYPE_CHECKING:
    import pandas as pd

    from eduequity.models import School

__all__ = ["TABLE_FORMAT", "SchoolTable", "build_table"]

TABLE_FORMAT = "eduequity.schools/1"
_TEXT_KINDS = ("str", "enum")


class SchoolTable:
    """Schools of one or many counties and years, as columns.

    Build it with :func:`eduequity.load_schools`; it is immutable by convention (arrays
    are marked read-only).

    Attributes
    ----------
    source
        Where the data came from (file name, ``"records"``, ``"DataFrame"``).
    rows
        The source row of each school (see :class:`~eduequity.defects.Defect`).
    present
        The canonical columns the source actually gave (others hold NaN or "").
    extra
        Unknown columns, kept as given (text).
    warnings
        Warnings found while loading (nothing was refused for them).
    """

    def __init__(
        self,
        columns: Mapping[str, NDArray[Any]],
        *,
        present: set[str] | frozenset[str],
        rows: NDArray[np.int64],
        source: str,
        extra: Mapping[str, NDArray[Any]] | None = None,
        warnings: Sequence[Defect] = (),
    ) -> None:
        self._cols = dict(columns)
        for arr in self._cols.values():
            arr.flags.writeable = False
        self.present = frozenset(present)
        self.rows = rows
        self.source = source
        self.extra = dict(extra or {})
        self.warnings: tuple[Defect, ...] = tuple(warnings)

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def __repr__(self) -> str:
        groups = len(self.counties())
        return f"<SchoolTable {len(self)} schools, {groups} county-year(s), from {self.source}>"

    def __getitem__(self, column: str) -> NDArray[Any]:
        """The array of a canonical column (or of an extra column)."""
        if column in self._cols:
            return self._cols[column]
        if column in self.extra:
            return self.extra[column]
        raise KeyError(f"no column {column!r}; canonical columns: {', '.join(self._cols)}")

    def has(self, column: str) -> bool:
        """Whether the source gave ``column`` (canonical or extra)."""
        return column in self.present or column in self.extra

    def counties(self) -> list[tuple[str, int]]:
        """The (county_code, year) pairs in the table, sorted."""
        pairs = set(zip(self["county_code"].tolist(), self["year"].tolist(), strict=True))
        return sorted((str(c), int(y)) for c, y in pairs)

    def select(self, mask: NDArray[np.bool_]) -> SchoolTable:
        """A new table with the rows where ``mask`` is true."""
        return SchoolTable(
            {k: v[mask] for k, v in self._cols.items()},
            present=self.present,
            rows=self.rows[mask],
            source=self.source,
            extra={k: v[mask] for k, v in self.extra.items()},
            warnings=self.warnings,
        )

    def record(self, i: int) -> School:
        """Row ``i`` as a validated :class:`~eduequity.models.School`."""
        from eduequity.models import School

        return School.model_validate(self._row_dict(i))

    def records(self) -> Iterator[School]:
        """Every row as a :class:`~eduequity.models.School` (slow on big tables)."""
        for i in range(len(self)):
            yield self.record(i)

    def to_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready dicts, one per school: given columns only, exact floats."""
        return [self._row_dict(i) for i in range(len(self))]

    def to_json(self, *, indent: int | None = None) -> str:
        """The whole table as JSON; :func:`eduequity.load_schools` reads it back unchanged."""
        doc = {"format": TABLE_FORMAT, "source": self.source, "schools": self.to_dicts()}
        return json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)

    def to_csv(self, path: str | Path) -> None:
        """Write the canonical English columns (and extras) at full precision, UTF-8."""
        import csv

        names = self._given_columns() + list(self.extra)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            for rec in self.to_dicts():
                writer.writerow(["" if rec.get(n) is None else rec[n] for n in names])

    def to_frame(self) -> pd.DataFrame:
        """A pandas DataFrame of the given columns (needs the ``pandas`` extra)."""
        from eduequity._optional import require

        pandas = require("pandas", "pandas")
        data = {n: self._cols[n] for n in self._given_columns()}
        data.update(self.extra)
        return cast("pd.DataFrame", pandas.DataFrame(data))

    def _given_columns(self) -> list[str]:
        return [c.id for c in C.CANONICAL if c.id in self.present or c.id in _ALWAYS]

    def _row_dict(self, i: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._given_columns():
            col = C.BY_ID[name]
            v = self._cols[name][i]
            if col.kind in _TEXT_KINDS:
                out[name] = str(v) if v != "" else None
            elif name == "year":
                out[name] = int(v) if v else None
            elif np.isnan(v):
                out[name] = None
            elif col.kind in ("count", "int"):
                out[name] = int(v)
            elif col.kind == "bool":
                out[name] = bool(v)
            else:
                out[name] = float(v)
        for name, arr in self.extra.items():
            out[name] = None if arr[i] == "" else str(arr[i])
        return out


_ALWAYS = ("school_id", "school_type", "ownership")


def build_table(
    raw: Mapping[str, Sequence[Any] | NDArray[Any]],
    *,
    source: str,
    rows: NDArray[np.int64] | None = None,
    mapping: Mapping[str, str] | None = None,
) -> SchoolTable:
    """Convert and validate raw columns (header → values) into a :class:`SchoolTable`.

    Raises
    ------
    DataValidationError
        With every defect found, when any is an error.
    """
    n = len(next(iter(raw.values()))) if raw else 0
    rows = np.arange(n, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    out = Collector(source, rows)
    names = resolve_headers(list(raw), mapping, out)
    given = {names[h]: raw[h] for h in raw if h in names}
    missing = [r for r in C.REQUIRED if r not in given]
    for name in missing:
        out.add(
            "error",
            "missing_column",
            f"required column {name} ({C.BY_ID[name].zh}) is missing",
            column=name,
        )
    if missing or n == 0:
        if n == 0:
            out.add("error", "no_rows", "no school rows")
        raise DataValidationError(out.defects, source)

    cols: dict[str, NDArray[Any]] = {}
    present: set[str] = set()
    ids = to_text(given["school_id"])
    out.ids = ids
    for col in C.CANONICAL:
        if col.id not in given:
            cols[col.id] = _empty(col, n)
            continue
        present.add(col.id)
        values = given[col.id]
        if col.kind == "str":
            cols[col.id] = to_text(values)
        elif col.kind == "enum":
            cols[col.id] = to_enum(to_text(values), col.id, out)
        elif col.kind == "bool":
            cols[col.id] = to_bool(values, col.id, out)
        else:
            cols[col.id] = to_number(values, col.id, out)
    if "ownership" in present:
        cols["ownership"] = np.where(cols["ownership"] == "", "public", cols["ownership"])
    cols["year"] = np.nan_to_num(cols["year"]).astype(np.int64)
    _equipment_in_10k(given, cols, present, out)
    _unsuffixed_teachers(given, cols, present, out)
    check_rows(cols, present, out)
    if out.has_errors:
        raise DataValidationError(out.defects, source)
    extra = {h: to_text(raw[h]) for h, name in names.items() if name == h and h not in C.BY_ID}
    return SchoolTable(
        cols, present=present, rows=rows, source=source, extra=extra, warnings=out.defects
    )


def _empty(col: C.Column, n: int) -> NDArray[Any]:
    if col.id == "ownership":
        return np.full(n, "public")
    if col.kind in _TEXT_KINDS:
        return np.full(n, "")
    return np.full(n, np.nan)


def _equipment_in_10k(
    given: Mapping[str, Any], cols: dict[str, NDArray[Any]], present: set[str], out: Collector
) -> None:
    """Accept 教学仪器设备资产值 in 万元 and convert it ×10 000 to yuan."""
    if "equipment_value_10k_yuan" not in given:
        return
    wan = to_number(given["equipment_value_10k_yuan"], "equipment_value_10k_yuan", out)
    yuan = wan * 10_000.0
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
            )
            cols[target] = np.where(rows & np.isnan(current), values, current)
            present.add(target)

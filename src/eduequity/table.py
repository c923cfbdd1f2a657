"""The columnar table of schools, built from the validation pass's typed columns.

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
from eduequity.defects import Defect

if TYPE_CHECKING:
    import pandas as pd

    from eduequity._validate import Validated
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
    positions
        Whether ``rows`` are positions from 0 (read from records or a DataFrame, whatever
        the source is named) rather than rows of a file.
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
        positions: bool = False,
    ) -> None:
        self._cols = dict(columns)
        for arr in self._cols.values():
            arr.flags.writeable = False
        self.present = frozenset(present)
        self.rows = rows
        self.source = source
        self.extra = dict(extra or {})
        self.warnings: tuple[Defect, ...] = tuple(warnings)
        self.positions = positions

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def _repr_html_(self) -> str:
        """Schools per county and type, for notebooks."""
        from eduequity.report.notebook import table_html

        return table_html(self)

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
            positions=self.positions,
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
        """Write the canonical English columns (and extras) at full precision, UTF-8; text that
        a spreadsheet would read as a formula is prefixed with `'` (OWASP)."""
        import csv

        from eduequity.io.atomic import atomic_path
        from eduequity.io.safety import csv_cell

        names = self._given_columns() + list(self.extra)
        with atomic_path(Path(path)) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            for rec in self.to_dicts():
                writer.writerow(["" if rec.get(n) is None else csv_cell(rec[n]) for n in names])

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


def build_table(checked: Validated) -> SchoolTable:
    """The table of a validation pass's typed columns (see :func:`eduequity.load_schools`).

    Examples
    --------
    >>> import numpy as np
    >>> from eduequity._validate import RawTable, validate
    >>> raw = RawTable("records", ["school_id", "school_type"], [["A"], ["小学"]],
    ...                rows=np.arange(1))
    >>> build_table(validate(raw))["school_type"].tolist()
    ['primary']
    """
    return SchoolTable(
        checked.columns,
        present=checked.present,
        rows=checked.rows,
        source=checked.source,
        extra=checked.extra,
        warnings=checked.warnings,
        positions=checked.positions,
    )

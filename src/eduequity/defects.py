"""Findings about input data: one record per defect, with a stable code and a sentence.

:class:`Collector` gathers them while a source is read and validated, with uniform
messages: ``file[, sheet S], row N, school X, column C: what was found``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["DATAFRAME", "RECORDS", "Collector", "Defect", "Severity"]

Severity = Literal["error", "warning"]
RECORDS, DATAFRAME = "records", "DataFrame"  # the default names of in-memory sources


@dataclass(frozen=True)
class Defect:
    """One problem found in school data.

    Attributes
    ----------
    severity
        ``"error"`` (the data are refused) or ``"warning"`` (kept, but reported).
    code
        A stable machine code, e.g. ``"negative_value"``.
    message
        A sentence naming the source, row, school, column and value.
    source
        File name or ``"records"`` / ``"DataFrame"``.
    row
        Row in the source: the line number of a CSV file (the header is line 1), the
        spreadsheet row of an xlsx sheet, the 0-based position of a record or DataFrame
        row; ``None`` for file-level defects.
    school_id, column, value
        What the defect concerns, where known (``column`` is the canonical column id).
    headers
        The header as the user's file spells it, of ``column`` and of every column a
        ``params`` entry names (keys ending in ``_column``), by column id: messages name a
        column as the file does (:func:`eduequity.report.defect_text.defect_text`).
    sheet
        The xlsx sheet, if any.
    params
        The facts of the defect its sentence is built from in either language (the
        catalogue's template ``d.<code>``), e.g. ``{"low": 1949, "high": 2100}``.
    positions
        Whether ``row`` is a position from 0 (the source is records or a DataFrame,
        whatever name the caller gave it) rather than a row of a file; ``None`` (a defect
        made by hand): judged from the source's default names, ``records`` and
        ``DataFrame``. See :attr:`row_is_position`.

    ``headers``, ``sheet``, ``params`` and ``positions`` are not part of :meth:`to_dict`
    (the JSON of a defect keeps its keys) nor of equality.
    """

    severity: Severity
    code: str
    message: str
    source: str | None = None
    row: int | None = None
    school_id: str | None = None
    column: str | None = None
    value: Any = None
    headers: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    sheet: str | None = field(default=None, compare=False, repr=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    positions: bool | None = field(default=None, compare=False, repr=False)

    @property
    def row_is_position(self) -> bool:
        """Whether ``row`` counts records from 0 (a person counts them from 1).

        >>> Defect("error", "x", "…", "my.json", 0, positions=True).row_is_position
        True
        >>> Defect("error", "x", "…", "a.csv", 2).row_is_position
        False
        """
        if self.positions is not None:
            return self.positions
        return self.source in (RECORDS, DATAFRAME)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the value as text when it is not a JSON scalar)."""
        keys = ("severity", "code", "message", "source", "row", "school_id", "column", "value")
        d = {k: getattr(self, k) for k in keys}
        if isinstance(d["value"], float) and not math.isfinite(d["value"]):
            d["value"] = repr(d["value"])  # "nan", "inf": JSON has no such number
        elif not isinstance(d["value"], str | int | float | bool | type(None)):
            d["value"] = repr(d["value"])
        return d


@dataclass
class Collector:
    """Gathers defects with uniform messages.

    ``rows`` is the source row of each school, ``ids`` (once known) its school_id;
    ``where`` prefixes every message (the file, and its sheet); defects of the rows in
    ``muted`` are not recorded (a row already refused as a whole, e.g. a total row);
    ``headers`` (column id → the header as the source spells it) and ``sheet`` go into
    each defect, so that its sentence names the column as the user's file does;
    ``positions`` says whether ``rows`` are positions from 0 (see :class:`Defect`).
    """

    source: str
    rows: NDArray[np.int64]
    ids: NDArray[np.str_] | None = None
    defects: list[Defect] = field(default_factory=list)
    where: str | None = None
    muted: frozenset[int] = frozenset()
    headers: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    positions: bool | None = None

    def add(
        self,
        severity: Severity,
        code: str,
        text: str,
        *,
        index: int | None = None,
        column: str | None = None,
        value: Any = None,
        row: int | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        """One defect; ``index`` is the school's position, ``row`` a source row without one;
        ``params`` the facts its sentence is built from (see :class:`Defect`)."""
        if index is not None and index in self.muted:
            return
        parts = [self.where or self.source]
        school = None
        if index is not None:
            row = int(self.rows[index])
        if row is not None:
            parts.append(f"row {row}")
        if index is not None and self.ids is not None and self.ids[index]:
            school = str(self.ids[index])
            parts.append(f"school {school}")
        if column is not None and row is not None:
            parts.append(f"column {column}")
        message = ", ".join(parts) + ": " + text
        facts = dict(params) if params else {}
        headers = {column: self.headers[column]} if column in self.headers else {}
        for k, v in facts.items():
            if k.endswith("_column") and v in self.headers:
                headers[v] = self.headers[v]
        self.defects.append(
            Defect(
                severity, code, message, self.source, row, school, column, value,
                headers, self.sheet, facts, self.positions,
            )
        )  # fmt: skip

    def add_many(
        self,
        severity: Severity,
        code: str,
        mask: NDArray[np.bool_],
        column: str | None,
        values: NDArray[Any] | None,
        text: str,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        """One defect per row where ``mask``; ``text`` may use ``{value}``."""
        for i in np.flatnonzero(mask):
            v = None if values is None else plain(values[i])
            self.add(
                severity, code, text.format(value=v), index=int(i), column=column, value=v,
                params=params,
            )  # fmt: skip

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.defects)


def plain(v: Any) -> Any:
    """A cell value as messages print it: Python scalars, 300 rather than 300.0."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return int(v)  # messages print 300, not 300.0
    return v

"""Vectorised conversion and validation of raw columns into the canonical table.

Every defect of a source is collected (not only the first) with the source, row,
school_id, column and value. Errors refuse the data; warnings are kept on the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.defects import Defect, Severity

# Plausibility bounds (data-format.md, "Data rules"): beyond them a value is kept but warned.
MAX_EQUIPMENT_YUAN_PER_STUDENT = 1_000_000.0
MAX_AREA_M2_PER_STUDENT = 1_000.0
_AREA_COLUMNS = ("teaching_aux_area_m2", "indoor_sports_area_m2", "sports_ground_area_m2")
_MISSING_TEXT = frozenset({"", "nan", "none", "null", "na", "n/a", "-", "—"})


@dataclass
class Collector:
    """Gathers defects with uniform messages."""

    source: str
    rows: NDArray[np.int64]
    ids: NDArray[np.str_] | None = None
    defects: list[Defect] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        text: str,
        *,
        index: int | None = None,
        column: str | None = None,
        value: Any = None,
    ) -> None:
        parts = [self.source]
        row = school = None
        if index is not None:
            row = int(self.rows[index])
            parts.append(f"row {row}")
            if self.ids is not None and self.ids[index]:
                school = str(self.ids[index])
                parts.append(f"school {school}")
        if column is not None and index is not None:
            parts.append(f"column {column}")
        message = ", ".join(parts) + ": " + text
        self.defects.append(
            Defect(severity, code, message, self.source, row, school, column, value)
        )

    def add_many(
        self,
        severity: Severity,
        code: str,
        mask: NDArray[np.bool_],
        column: str | None,
        values: NDArray[Any] | None,
        text: str,
    ) -> None:
        """One defect per row where ``mask``; ``text`` may use ``{value}``."""
        for i in np.flatnonzero(mask):
            v = None if values is None else _plain(values[i])
            self.add(severity, code, text.format(value=v), index=int(i), column=column, value=v)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.defects)


def resolve_headers(
    headers: Sequence[str], mapping: Mapping[str, str] | None, out: Collector
) -> dict[str, str]:
    """Map source headers to column ids; unknown headers map to themselves (kept as extras)."""
    lookup = C.header_lookup()
    user = {C.normalise_header(k): v for k, v in (mapping or {}).items()}
    resolved: dict[str, str] = {}
    taken: dict[str, str] = {}
    for header in headers:
        key = C.normalise_header(header)
        target = user.get(key) or lookup.get(key)
        if target is None:
            stem = C.strip_unit(key)
            unit = key[len(stem) :]
            target = lookup.get(stem)
            if target == "equipment_value_yuan" and "万元" in unit:
                target = "equipment_value_10k_yuan"
        if target is None:
            resolved[header] = header
            continue
        if target in taken:
            out.add(
                "error",
                "duplicate_column",
                f"headers {taken[target]!r} and {header!r} both mean column {target}",
                column=target,
            )
            continue
        taken[target] = header
        resolved[header] = target
    return resolved


def to_text(raw: Sequence[Any] | NDArray[Any]) -> NDArray[np.str_]:
    """Text column: stripped strings, missing as ""."""
    if isinstance(raw, np.ndarray) and raw.dtype.kind == "U":
        return np.char.strip(raw)
    if isinstance(raw, list | np.ndarray) and all(type(v) is str for v in raw):
        # every cell already text (CSV, or a reader that kept text): one C pass
        return np.char.strip(np.array(raw, dtype=str)) if len(raw) else np.zeros(0, dtype="<U1")
    arr = np.asarray(raw, dtype=object)
    out = np.empty(arr.shape[0], dtype=object)
    for i, v in enumerate(arr):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out[i] = ""
        elif isinstance(v, float) and v.is_integer():
            out[i] = str(int(v))  # codes read as numbers by a spreadsheet
        else:
            out[i] = str(v).strip()
    return out.astype(str) if out.size else np.zeros(0, dtype="<U1")


def to_number(
    raw: Sequence[Any] | NDArray[Any], column: str, out: Collector
) -> NDArray[np.float64]:
    """Numeric column: floats, missing as NaN; unreadable text is an error per row."""
    arr = np.asarray(raw)
    if arr.dtype == np.float64 and not arr.flags.writeable:
        values = arr  # a reader's own read-only array: kept without a copy
    elif arr.dtype.kind in "fiub":
        values = arr.astype(np.float64)
    else:
        values = np.full(arr.shape[0], np.nan)
        text = to_text(arr)
        lowered = np.char.lower(text) if text.size else text
        present = ~np.isin(lowered, list(_MISSING_TEXT))
        try:
            values[present] = text[present].astype(np.float64)
        except ValueError:
            for i in np.flatnonzero(present):
                s = str(text[i]).replace(",", "").replace("，", "")
                try:
                    values[i] = float(s)
                except ValueError:
                    out.add(
                        "error",
                        "not_a_number",
                        f"expected a number, got {str(text[i])!r}",
                        index=int(i),
                        column=column,
                        value=str(text[i]),
                    )
    inf = np.isinf(values)
    if inf.any():
        out.add_many("error", "not_finite", inf, column, values, "must be finite, got {value}")
        values = np.where(inf, np.nan, values)
    return values


def to_enum(raw: NDArray[np.str_], column: str, out: Collector) -> NDArray[np.str_]:
    """Enum column: canonical values; unknown spellings are errors per row."""
    lookup = {C.normalise_header(k): v for k, v in C.enum_lookup(column).items()}
    # the usual case: every cell already a canonical value (a few comparisons, no sort)
    canonical = list(C.ENUMS[column])
    known = np.zeros(raw.shape[0], dtype=bool)
    for value in ("", *canonical):
        known |= raw == value
    if known.all():
        return raw.astype(f"<U{max(1, max(len(v) for v in canonical))}")
    uniq, inverse = np.unique(raw, return_inverse=True)
    mapped = np.empty(uniq.shape[0], dtype=object)
    bad = np.zeros(uniq.shape[0], dtype=bool)
    for j, u in enumerate(uniq):
        if u == "":
            mapped[j] = ""
            continue
        v = lookup.get(C.normalise_header(str(u)))
        bad[j] = v is None
        mapped[j] = v or ""
    if bad.any():
        allowed = ", ".join(C.ENUMS[column])
        rows = bad[inverse.reshape(-1)]
        out.add_many(
            "error",
            f"unknown_{column}",
            rows,
            column,
            raw,
            f"unknown value {{value!r}}; expected one of {allowed}",
        )
    result = mapped[inverse.reshape(-1)]
    return result.astype(str) if result.size else np.zeros(0, dtype="<U1")


_YES = frozenset({"1", "true", "yes", "y", "是", "寄宿", "寄宿制"})
_NO = frozenset({"0", "false", "no", "n", "否", "非寄宿", "走读"})
_NOT_BOOLEAN = "expected yes/no (是/否, 1/0), got {value!r}"


def to_bool(raw: Sequence[Any] | NDArray[Any], column: str, out: Collector) -> NDArray[np.float64]:
    """Yes/no column as 1.0 / 0.0 / NaN."""
    arr = np.asarray(raw)
    if arr.dtype.kind == "U":  # text (a CSV or spreadsheet): each spelling decided once
        spellings, at = np.unique(arr, return_inverse=True)
        meaning = [_bool_value(str(s)) for s in spellings.tolist()]
        known = np.array([m is not None for m in meaning], dtype=bool)[at.reshape(-1)]
        out.add_many("error", "not_a_boolean", ~known, column, arr, _NOT_BOOLEAN)
        table = np.array([np.nan if m is None else m for m in meaning], dtype=np.float64)
        return table[at.reshape(-1)]
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
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return np.nan
    s = str(v).strip().lower()
    if isinstance(v, bool | int | float) and not isinstance(v, str):
        s = str(int(v)) if float(v) in (0.0, 1.0) else s
    if s in _YES:
        return 1.0
    if s in _NO:
        return 0.0
    return np.nan if s in _MISSING_TEXT else None


def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)  # messages print 300, not 300.0
    return v

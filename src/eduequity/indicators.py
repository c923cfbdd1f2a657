"""Indicator values per school section, computed from the catalog's definitions.

``value = scale × (Σ numerator − Σ subtract) / D`` (see
:class:`~eduequity.rules.schema.IndicatorDef`). Columns the source did not give make the
indicator unavailable (a rule using it is then "not assessed"); a missing cell or a zero
denominator leaves that section without a value, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._validate import Collector, to_bool, to_number
from eduequity.codes import DefectCode
from eduequity.errors import DataValidationError
from eduequity.rules.schema import ColumnDef, IndicatorDef
from eduequity.sections import Sections
from eduequity.table import SchoolTable

__all__ = ["IndicatorValues", "SectionColumns", "compute_indicator"]

FloatArray = NDArray[np.float64]
_STEMS = tuple(stem for stem, _ in C.TEACHER_STEMS)


@dataclass(frozen=True)
class IndicatorValues:
    """One indicator over all sections.

    ``values`` is NaN where a section has no value; ``reason(i)`` says why (``""`` where it
    has one). ``missing_columns`` lists columns the source did not give at all; then
    ``values`` is all NaN and the indicator is unavailable.
    """

    indicator: IndicatorDef
    values: FloatArray
    reason_codes: NDArray[np.int8]  # 0: a value; k: reason_texts[k - 1]
    reason_texts: tuple[str, ...]
    missing_columns: tuple[str, ...]
    denominator: FloatArray | None = None  # D per section (after divisor and rounding)

    def total_for(self, i: int, amount: float) -> float | None:
        """``amount`` of the indicator at section ``i`` in the numerator's own unit (m²,
        yuan, teachers, rooms): ``amount × D / scale`` (``None`` without a finite D)."""
        if self.denominator is None:
            return amount / self.indicator.scale
        d = float(self.denominator[i])
        return amount * d / self.indicator.scale if np.isfinite(d) else None

    def totals(self, at: NDArray[np.intp], amount: FloatArray) -> FloatArray:
        """:meth:`total_for` of the sections ``at`` at once (NaN without a finite D)."""
        if self.denominator is None:
            out: FloatArray = amount / self.indicator.scale
            return out
        with np.errstate(invalid="ignore", over="ignore"):
            return np.where(
                np.isfinite(self.denominator[at]),
                amount * self.denominator[at] / self.indicator.scale,
                np.nan,
            )

    @property
    def total_unit(self) -> str:
        """The unit of the numerator (of its first column), for :meth:`total_for`."""
        first = self.indicator.numerator[0]
        if first in C.BY_ID:
            return C.BY_ID[first].unit
        return "人" if first in _STEMS or first == "students" else self.indicator.unit

    @property
    def available(self) -> bool:
        return not self.missing_columns

    def reason(self, i: int) -> str:
        """Why section ``i`` has no value (``""`` when it has one)."""
        code = int(self.reason_codes[i])
        return self.reason_texts[code - 1] if code else ""


class SectionColumns:
    """Column values per section, for the section or the whole school.

    Extra columns declared by a rule set are read from the table's unknown columns (matched
    by id or Chinese name) and converted once; unreadable cells refuse the data with a
    :class:`~eduequity.errors.DataValidationError` naming school, column and value.
    """

    def __init__(
        self, table: SchoolTable, sections: Sections, declared: Iterable[ColumnDef] = ()
    ) -> None:
        self.table = table
        self.sections = sections
        self._declared = {c.id: c for c in declared}
        self._extra: dict[str, FloatArray | None] = {}

    def has(self, column: str) -> bool:
        """Whether the source gave ``column`` (``students`` is always there)."""
        if column == "students":
            return True
        if column in _STEMS:
            return any(f"{column}_{lv}" in self.table.present for lv in C.LEVELS)
        if column in self._declared:
            return self._extra_column(column) is not None
        return column in self.table.present

    def get(self, column: str, basis: str) -> FloatArray:
        """Per section: the section's value (``basis="section"``) or the school's."""
        s, t = self.sections, self.table
        row = s.row
        if basis == "school":
            if column == "students":
                return _sum_keep_nan([t["students_primary"][row], t["students_junior"][row]], 0.0)
            if column in _STEMS:
                return _sum_keep_nan([t[f"{column}_{lv}"][row] for lv in C.LEVELS], np.nan)
            return self._whole(column)[row]
        if column in s.values:
            return s.values[column]
        if column in C.BY_ID and C.BY_ID[column].kind in ("int", "bool"):
            return self._whole(column)[row]
        return self._whole(column)[row] * s.share

    def _whole(self, column: str) -> FloatArray:
        if column in self._declared:
            values = self._extra_column(column)
            assert values is not None  # callers check has() first
            return values
        return np.asarray(self.table[column], dtype=np.float64)

    def _extra_column(self, column: str) -> FloatArray | None:
        if column in self._extra:
            return self._extra[column]
        spec = self._declared[column]
        wanted = {C.normalise_header(spec.id), C.normalise_header(spec.zh)}
        found = [k for k in self.table.extra if C.normalise_header(C.strip_unit(k)) in wanted]
        values: FloatArray | None = None
        if found:
            out = Collector(
                self.table.source, self.table.rows, self.table["school_id"],
                positions=getattr(self.table, "positions", None),
            )  # fmt: skip
            raw = self.table.extra[found[0]]
            values = (
                to_bool(raw, column, out) if spec.type == "bool" else to_number(raw, column, out)
            )
            negative = values < 0
            if spec.type == "number" and negative.any():
                out.add_many(
                    "error",
                    DefectCode.NEGATIVE_VALUE,
                    negative,
                    column,
                    values,
                    "must be >= 0, got {value}",
                )
            if out.has_errors:
                raise DataValidationError(out.defects, self.table.source)
        self._extra[column] = values
        return values


def compute_indicator(indicator: IndicatorDef, columns: SectionColumns) -> IndicatorValues:
    """Values of ``indicator`` for every section.

    Examples
    --------
    The worked example of cv.md, school B: 2000 m² for 480 pupils.

    >>> from eduequity import build_sections, load_schools
    >>> from eduequity.rules import load_rule_set
    >>> t = load_schools([{"school_id": "B", "school_type": "primary", "students_primary": 480,
    ...                    "teaching_aux_area_m2": 2000, "indoor_sports_area_m2": 0}])
    >>> ind = load_rule_set("cn-2017-quality").indicator("teaching_area_per_student")
    >>> iv = compute_indicator(ind, SectionColumns(t, build_sections(t)))
    >>> round(float(iv.values[0]), 6)
    4.166667
    """
    n = len(columns.sections)
    absent = tuple(c for c in dict.fromkeys(indicator.columns()) if not columns.has(c))
    if absent:
        codes = np.ones(n, dtype=np.int8)
        return IndicatorValues(indicator, np.full(n, np.nan), codes, ("column not given",), absent)
    codes = np.zeros(n, dtype=np.int8)
    texts: list[str] = []

    def note(mask: NDArray[np.bool_], text: str) -> None:
        """Give ``text`` as the reason where ``mask`` holds and no reason is given yet."""
        mask = mask & (codes == 0)
        if mask.any():
            texts.append(text)
            codes[mask] = len(texts)

    def total(names: tuple[str, ...]) -> FloatArray:
        acc = np.zeros(n)
        for name in names:
            v = columns.get(name, indicator.basis)
            note(np.isnan(v), f"missing {name}")
            acc = acc + v
        return acc

    # Scale first: 100 × 42 / 1000 is exactly the double 4.2, (42 / 1000) × 100 is not
    # always, and values exactly at a threshold must pass.
    top = (total(indicator.numerator) - total(indicator.subtract)) * indicator.scale
    if indicator.denominator:
        denom = total(indicator.denominator)
        if indicator.denominator_divisor is not None:
            denom = denom / indicator.denominator_divisor
        if indicator.denominator_rounding == "ceil":
            denom = np.ceil(denom)
        note(denom == 0, f"{' + '.join(indicator.denominator)} is 0")
        with np.errstate(divide="ignore", invalid="ignore"):
            values = top / denom
    else:
        values = top
        denom = None
    values[codes != 0] = np.nan
    return IndicatorValues(indicator, values, codes, tuple(texts), (), denom)


def _sum_keep_nan(parts: list[FloatArray], empty: float) -> FloatArray:
    """Sum of arrays counting NaN as 0, NaN (or ``empty``) where every part is NaN."""
    stacked = np.vstack(parts)
    all_missing = np.all(np.isnan(stacked), axis=0)
    out: FloatArray = np.nansum(stacked, axis=0)
    out[all_missing] = empty
    return out

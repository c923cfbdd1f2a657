"""The 2017 special cases that change an indicator: a flag's numerator additions.

A flag of a rule set may add school columns to an indicator's numerator for the schools a
case covers (:class:`~eduequity.rules.schema.NumeratorAddition`): rural small schools of
50–99 pupils count itinerant PE and art teachers, schools in over-dense city centres count
rented and converted sports space. :func:`special_case_values` recomputes those indicators
where a case applies, once for the per-school checks and once for the county CVs (only the
additions with ``in_cv``). Nothing here decides a verdict.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from eduequity.indicators import IndicatorValues, SectionColumns, compute_indicator
from eduequity.rules.schema import NumeratorAddition, RuleSet

__all__ = ["special_case_values"]

FloatArray = NDArray[np.float64]


class _Added(SectionColumns):
    """The columns of ``base``, with extra columns given as whole arrays per section."""

    def __init__(self, base: SectionColumns, added: dict[str, FloatArray]) -> None:
        super().__init__(base.table, base.sections)
        self._base = base
        self._added = added

    def has(self, column: str) -> bool:
        return column in self._added or self._base.has(column)

    def get(self, column: str, basis: str) -> FloatArray:
        if column in self._added:
            return self._added[column]
        return self._base.get(column, basis)


def _covered(addition: NumeratorAddition, columns: SectionColumns) -> NDArray[np.bool_]:
    """Per section: the case of ``addition`` applies (a column not given: it does not)."""
    n = len(columns.sections)
    m = np.ones(n, dtype=bool)
    for col in addition.when:
        if not columns.has(col):
            return np.zeros(n, dtype=bool)
        m &= columns.get(col, "school") == 1.0
    if addition.students_min is not None or addition.students_below is not None:
        pupils = columns.get("students", "school")
        if addition.students_min is not None:
            m &= pupils >= addition.students_min
        if addition.students_below is not None:
            m &= pupils < addition.students_below
    return m


def _recompute(
    iv: IndicatorValues, additions: list[NumeratorAddition], columns: SectionColumns
) -> IndicatorValues:
    """``iv`` with each addition's columns in its numerator where its case applies."""
    ind = iv.indicator
    names: list[str] = []
    added: dict[str, FloatArray] = {}
    any_covered = np.zeros(len(columns.sections), dtype=bool)
    for k, addition in enumerate(additions):
        covered = _covered(addition, columns)
        for col in addition.columns:
            if not columns.has(col):
                continue
            name = f"__special_{k}_{col}"
            values = np.nan_to_num(columns.get(col, ind.basis), nan=0.0)
            added[name] = np.where(covered, values, 0.0)
            names.append(name)
        any_covered |= covered
    if not names or not any_covered.any():
        return iv
    wider = ind.model_copy(update={"numerator": (*ind.numerator, *names)})
    again = compute_indicator(wider, _Added(columns, added))
    values = np.where(any_covered & ~np.isnan(iv.values), again.values, iv.values)
    return replace(iv, values=values)


def special_case_values(
    rs: RuleSet, indicators: dict[str, IndicatorValues], columns: SectionColumns
) -> tuple[dict[str, IndicatorValues], dict[str, IndicatorValues]]:
    """The indicators for the per-school checks and for the county CVs under ``rs.flags``.

    Each is ``indicators`` itself where no flag that is on adds to it (so the default flags
    leave every value as computed).
    """
    for_checks, for_cv = dict(indicators), dict(indicators)
    by_indicator: dict[str, list[NumeratorAddition]] = {}
    for fd in rs.flag_defs:
        if rs.flags.get(fd.id, False):
            for addition in fd.adds:
                if addition.indicator in indicators:
                    by_indicator.setdefault(addition.indicator, []).append(addition)
    for ind, additions in by_indicator.items():
        iv = indicators[ind]
        if iv.missing_columns:
            continue
        for_checks[ind] = _recompute(iv, additions, columns)
        in_cv = [a for a in additions if a.in_cv]
        if in_cv:
            for_cv[ind] = _recompute(iv, in_cv, columns)
    return for_checks, for_cv

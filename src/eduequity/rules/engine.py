"""One evaluator per rule kind, on arrays: sections in, verdicts and numbers out.

Verdicts are three-valued and coded as ``PASS`` (1), ``FAIL`` (0), ``UNDECIDED`` (-1: a
missing value could decide either way) and ``NOT_APPLICABLE`` (-2: no threshold of the rule
applies to the unit). Nothing here reads files or builds reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.indicators import IndicatorValues
from eduequity.metrics.grouped import GroupIndex, grouped_cv
from eduequity.metrics.thresholds import KOfNCheck, k_of_n, k_of_n_passed_columns
from eduequity.rules.schema import RuleItem, SchoolRule
from eduequity.sections import Sections
from eduequity.table import SchoolTable

__all__ = [
    "FAIL",
    "NOT_APPLICABLE",
    "PASS",
    "UNDECIDED",
    "CVTable",
    "SchoolRuleCheck",
    "SectionContext",
    "check_school_rule",
    "combine",
    "combine_codes",
    "county_cvs",
    "thresholds_for",
    "verdict_of",
]

FloatArray = NDArray[np.float64]
PASS, FAIL, UNDECIDED, NOT_APPLICABLE = 1, 0, -1, -2


def combine(verdicts: Iterable[bool | None]) -> bool | None:
    """Three-valued "all": False if any fails, else None if any is undecided, else True.

    >>> combine([True, None]), combine([True, False, None]), combine([True, True]), combine([])
    (None, False, True, None)
    """
    seen = list(verdicts)
    if any(v is False for v in seen):
        return False
    if not seen or any(v is None for v in seen):
        return None
    return True


def combine_codes(codes: NDArray[np.integer[Any]]) -> NDArray[np.int8]:
    """:func:`combine` down the first axis of verdict codes, ignoring ``NOT_APPLICABLE``:
    FAIL if any fails, else UNDECIDED if any is, else PASS if any applies, else
    NOT_APPLICABLE.

    >>> combine_codes(np.array([[1, 1, -2, -2], [0, -1, 1, -2]])).tolist()
    [0, -1, 1, -2]
    """
    failed = (codes == FAIL).any(axis=0)
    undecided = (codes == UNDECIDED).any(axis=0)
    applies = (codes != NOT_APPLICABLE).any(axis=0)
    out = np.where(
        failed, FAIL, np.where(undecided, UNDECIDED, np.where(applies, PASS, NOT_APPLICABLE))
    )
    return out.astype(np.int8)


def verdict_of(code: int) -> bool | None:
    """A verdict code as True / False / None (undecided or not applicable)."""
    return True if code == PASS else False if code == FAIL else None


@dataclass(frozen=True)
class SectionContext:
    """What thresholds may depend on, per section: level, school type, location, classes,
    build year, boarding (NaN or ``""`` where not given)."""

    level: NDArray[np.str_]
    school_type: NDArray[np.str_]
    location: NDArray[np.str_]
    classes: FloatArray
    built_year: FloatArray
    boarding: FloatArray

    def matches(self, field: str, values: tuple[str, ...]) -> NDArray[np.bool_]:
        """``getattr(self, field)`` is one of ``values``; each value compared once per
        context (rules ask for the same levels and types again and again)."""
        cache: dict[tuple[str, str], NDArray[np.bool_]] = self.__dict__.setdefault("_seen", {})
        out = np.zeros(self.level.shape[0], dtype=bool)
        for value in values:
            key = (field, value)
            if key not in cache:
                cache[key] = getattr(self, field) == value
            out |= cache[key]
        return out

    @classmethod
    def of(cls, table: SchoolTable, sections: Sections) -> SectionContext:
        row = sections.row
        built = np.asarray(table["built_year"], dtype=np.float64)[row]
        built[built == 0] = np.nan  # a missing year is stored as 0
        return cls(
            sections.level,
            table["school_type"][row],
            table["location"][row],
            np.asarray(table["classes"], dtype=np.float64)[row],
            built,
            np.asarray(table["boarding"], dtype=np.float64)[row],
        )


def thresholds_for(item: RuleItem, ctx: SectionContext, flags: Mapping[str, bool]) -> FloatArray:
    """Per section, the first threshold of ``item`` whose conditions hold (NaN: none does).

    A condition on a value the section lacks (location, classes, year, boarding) does not
    hold, so a threshold that needs it does not apply.
    """
    n = ctx.level.shape[0]
    out = np.full(n, np.nan)
    open_ = np.ones(n, dtype=bool)
    for th in item.thresholds:
        if th.flag is not None and not flags.get(th.flag, False):
            continue
        m = open_.copy()
        if th.level is not None:
            m &= ctx.matches("level", (th.level,))
        if th.location is not None:
            m &= ctx.matches("location", th.location)
        if th.school_type is not None:
            m &= ctx.matches("school_type", th.school_type)
        with np.errstate(invalid="ignore"):
            if th.classes_min is not None:
                m &= ctx.classes >= th.classes_min
            if th.classes_below is not None:
                m &= ctx.classes < th.classes_below
            if th.built_from is not None:
                m &= ctx.built_year >= th.built_from
            if th.built_before is not None:
                m &= ctx.built_year < th.built_before
        if th.boarding is not None:
            m &= ctx.boarding == float(th.boarding)
        out[m] = th.value
        open_ &= ~m
    return out


@dataclass(frozen=True)
class SchoolRuleCheck:
    """A per-school rule over all sections.

    ``value_columns`` and ``threshold_columns`` hold one array per item (the indicator's own
    values, the thresholds that apply); ``values`` and ``thresholds`` are the same as
    ``(sections, items)`` matrices, built when first asked for. A NaN threshold means the
    item does not apply. ``verdict`` holds the codes of the module docstring. ``check`` is
    the full k-of-n result (met, shortfalls, floors) with missing values counted as unmet,
    computed when first asked for: deciding a nation's schools needs only the verdicts.
    ``missing_columns`` is non-empty when the source lacks a column the rule needs (the rule
    is then not assessed at all).
    """

    rule: SchoolRule
    value_columns: tuple[FloatArray, ...]
    threshold_columns: tuple[FloatArray, ...]
    verdict: NDArray[np.int8]
    missing_columns: tuple[str, ...]

    @cached_property
    def values(self) -> FloatArray:
        return np.vstack(self.value_columns).T

    @cached_property
    def thresholds(self) -> FloatArray:
        return np.vstack(self.threshold_columns).T

    @cached_property
    def misses_any(self) -> NDArray[np.bool_]:
        """Per section: some item that applies is not met (counting missing values as
        unmet), i.e. ``check`` lists a miss there."""
        k = self.check
        if k is None:
            return np.zeros(self.verdict.shape[0], dtype=bool)
        return np.asarray((~k.met).any(axis=1), dtype=bool)

    @cached_property
    def check(self) -> KOfNCheck | None:
        if self.missing_columns:
            return None
        return k_of_n(self.values, self.thresholds, **_k_of_n_options(self.rule))


def _k_of_n_options(rule: SchoolRule) -> dict[str, Any]:
    """The k-of-n options of a per-school rule: an item that does not apply counts as met,
    so ``k`` of ``n`` becomes ``k − (n − applicable)`` and ``n − k`` failures stay allowed."""
    return {
        "min_met": len(rule.items) - rule.allowed_failures,
        "comparisons": [it.comparison for it in rule.items],
        "floor": rule.floor,
        "inclusive": rule.inclusive,
        "inapplicable_met": True,
    }


def check_school_rule(
    rule: SchoolRule,
    indicators: Mapping[str, IndicatorValues],
    ctx: SectionContext,
    flags: Mapping[str, bool],
) -> SchoolRuleCheck:
    """Evaluate a per-school rule (one indicator, or k of n with a floor) on every section.

    An item that does not apply to a section counts as met, so ``k`` of ``n`` becomes
    ``k − (n − applicable)``: the number of failures allowed stays ``n − k``. A section
    passes when it passes even with every missing value counted as unmet; it fails when it
    fails even with every missing value counted as met; otherwise it is undecided.
    """
    n_units = ctx.level.shape[0]
    items = rule.items
    missing = tuple(
        dict.fromkeys(c for it in items for c in indicators[it.indicator].missing_columns)
    )
    x = tuple(indicators[it.indicator].values for it in items)
    t = tuple(thresholds_for(it, ctx, flags) for it in items)
    if missing:
        verdict = np.full(n_units, UNDECIDED, dtype=np.int8)
        return SchoolRuleCheck(rule, x, t, verdict, missing)
    options = _k_of_n_options(rule)
    strict = k_of_n_passed_columns(x, t, **options)
    # the lenient reading: every missing value of an item that applies counted as met
    best, gaps_found = list(x), False
    for j, (xj, tj) in enumerate(zip(x, t, strict=True)):
        gaps = np.isnan(xj)
        if gaps.any():  # only then can a missing value leave a school undecided
            gaps &= ~np.isnan(tj)
            best[j] = np.where(gaps, np.inf if items[j].comparison == "at_least" else 0.0, xj)
            gaps_found = True
    lenient = k_of_n_passed_columns(best, t, **options) if gaps_found else strict
    verdict = np.where(strict, PASS, np.where(lenient, UNDECIDED, FAIL))
    applies_to_none = np.isnan(t[0])
    for tj in t[1:]:
        applies_to_none &= np.isnan(tj)
    verdict[applies_to_none] = NOT_APPLICABLE
    return SchoolRuleCheck(rule, x, t, verdict.astype(np.int8), ())


@dataclass(frozen=True)
class CVTable:
    """Per group (county, year, level) of one indicator: the weighted mean and CV.

    ``cv`` is NaN where undefined and ``reason`` says why; ``n_schools`` and ``students``
    count the sections with a value.
    """

    mean: FloatArray
    cv: FloatArray
    reason: NDArray[np.str_]
    n_schools: NDArray[np.int64]
    students: FloatArray


_NO_VALUE = "no school has a value"
_REASONS = {
    "zero_mean": "the weighted mean is 0, so the CV is undefined",
    "negative_mean": "the weighted mean is negative, so the CV is undefined",
    "too_few_units": "too few schools",
}
_REASON_DTYPE = f"<U{max(len(t) for t in (_NO_VALUE, *_REASONS.values()))}"


def county_cvs(
    values: FloatArray,
    students: FloatArray,
    groups: NDArray[np.intp],
    n_groups: int,
    index: GroupIndex | None = None,
) -> CVTable:
    """The official CV of every group in one pass (sections without a value left out).

    ``index``: ``groups`` already factorised (shared by every indicator of a run).

    Examples
    --------
    cv.md's worked example as group 0, one school as group 1:

    >>> x = np.array([5.0, 25 / 6, 5.0, 16 / 3, 2.0])
    >>> t = county_cvs(x, np.array([120.0, 480, 300, 900, 50]), np.array([0, 0, 0, 0, 1]), 2)
    >>> [round(v, 6) for v in t.cv.tolist()], t.n_schools.tolist()
    ([0.098595, 0.0], [4, 1])
    """
    ok = ~np.isnan(values)
    mean = np.full(n_groups, np.nan)
    cv = np.full(n_groups, np.nan)
    reason = np.full(n_groups, _NO_VALUE, dtype=_REASON_DTYPE)
    n_schools = np.zeros(n_groups, dtype=np.int64)
    weight = np.zeros(n_groups)
    if ok.any():
        every = bool(ok.all())  # the usual case: no copies
        stat = grouped_cv(
            values if every else values[ok],
            (index if index is not None else groups) if every else groups[ok],
            students if every else students[ok],
        )
        keys = stat.keys[0].astype(np.intp)
        mean[keys] = stat.mean
        cv[keys] = stat.value
        n_schools[keys] = stat.n_units
        weight[keys] = stat.total_weight
        words = stat.reason.astype(_REASON_DTYPE)  # "" where defined; unknown codes as given
        for code, text in _REASONS.items():  # a few known codes: one comparison each
            words[stat.reason == code] = text
        reason[keys] = words
    return CVTable(mean, cv, reason, n_schools, weight)

"""One evaluator per rule kind, on arrays: sections in, verdict codes and numbers out.

- per-school rules (one indicator, or k of n with a floor): :func:`check_school_rule`;
- county CV rules (each CV, or the mean of several against one threshold):
  :func:`~eduequity.evaluation.cv.county_cvs` then :func:`~eduequity.evaluation.cv.cv_rule`
  (in :mod:`eduequity.evaluation.cv`);
- county-input, evidence and veto rules, against a county's supplied figure:
  :func:`input_outcome`.

Verdicts are the codes of :mod:`eduequity.verdicts`. Nothing here reads files, builds
result objects or renders; the rules it executes are declared in :mod:`eduequity.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.indicators import IndicatorValues
from eduequity.metrics.thresholds import KOfNCheck, k_of_n, k_of_n_passed_columns
from eduequity.rules.schema import (
    CountyEvidenceRule,
    CountyInputRule,
    RuleItem,
    SchoolRule,
    Threshold,
    VetoRule,
)
from eduequity.sections import Sections
from eduequity.table import SchoolTable
from eduequity.verdicts import (
    NOT_APPLICABLE,
    UNDECIDED,
    code_of,
    from_readings,
)

__all__ = [
    "SchoolRuleCheck",
    "SectionContext",
    "check_school_rule",
    "input_outcome",
    "thresholds_for",
]

FloatArray = NDArray[np.float64]
CodeArray = NDArray[np.int8]


@dataclass(frozen=True)
class SectionContext:
    """What thresholds may depend on, per section: level, school type, location, classes,
    build year, boarding (NaN or ``""`` where not given); and for the 2017 special cases the
    school's ``rural_small_school`` (1 / 0), ``max_class_size`` and migrant share
    (``migrant_students`` over its compulsory pupils), ``None`` where the table lacks the
    column (then a threshold that needs it does not apply)."""

    level: NDArray[np.str_]
    school_type: NDArray[np.str_]
    location: NDArray[np.str_]
    classes: FloatArray
    built_year: FloatArray
    boarding: FloatArray
    rural_small_school: FloatArray | None = None
    max_class_size: FloatArray | None = None
    migrant_share: FloatArray | None = None
    _seen: dict[tuple[str, str], NDArray[np.bool_]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # an explicit cache: (field, value) → mask

    def matches(self, name: str, values: tuple[str, ...]) -> NDArray[np.bool_]:
        """``getattr(self, name)`` is one of ``values``; each value compared once per
        context (rules ask for the same levels and types again and again)."""
        out = np.zeros(self.level.shape[0], dtype=bool)
        for value in values:
            key = (name, value)
            if key not in self._seen:
                self._seen[key] = getattr(self, name) == value
            out |= self._seen[key]
        return out

    def take(self, index: slice | NDArray[np.intp]) -> SectionContext:
        """The context of some sections only."""

        def part(a: FloatArray | None) -> FloatArray | None:
            return None if a is None else a[index]

        return SectionContext(
            self.level[index],
            self.school_type[index],
            self.location[index],
            self.classes[index],
            self.built_year[index],
            self.boarding[index],
            part(self.rural_small_school),
            part(self.max_class_size),
            part(self.migrant_share),
        )

    @classmethod
    def of(cls, table: SchoolTable, sections: Sections) -> SectionContext:
        row = sections.row
        built = np.asarray(table["built_year"], dtype=np.float64)[row]
        built[built == 0] = np.nan  # a missing year is stored as 0

        def given(column: str) -> FloatArray | None:
            if column not in table.present:
                return None
            return np.asarray(table[column], dtype=np.float64)[row]

        migrant = given("migrant_students")
        if migrant is not None:
            pupils = np.nansum(
                [np.asarray(table[f"students_{lv}"], dtype=np.float64)[row] for lv in C.LEVELS],
                axis=0,
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                migrant = np.where(pupils > 0, migrant / pupils, np.nan)
        return cls(
            sections.level,
            table["school_type"][row],
            table["location"][row],
            np.asarray(table["classes"], dtype=np.float64)[row],
            built,
            np.asarray(table["boarding"], dtype=np.float64)[row],
            given("rural_small_school"),
            given("max_class_size"),
            migrant,
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
        m = _special_conditions(th, ctx, m)
        out[m] = th.value
        open_ &= ~m
    return out


def _special_conditions(
    th: Threshold, ctx: SectionContext, m: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """``m`` narrowed by the special-case conditions of ``th`` (a column the table lacks,
    or a missing cell, does not match)."""
    with np.errstate(invalid="ignore"):
        if th.rural_small_school is not None:
            rural = ctx.rural_small_school
            m = m & (False if rural is None else rural == float(th.rural_small_school))
        if th.max_class_size_below is not None:
            size = ctx.max_class_size
            m = m & (False if size is None else size < th.max_class_size_below)
        if th.migrant_share_above is not None:
            share = ctx.migrant_share
            m = m & (False if share is None else share > th.migrant_share_above)
    return np.asarray(m, dtype=bool)


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
    allowed_failures: int = -1  # under the set's flags; −1: the rule's own (strict) reading

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
        allowed = self.allowed_failures
        options = _k_of_n_options(self.rule, None if allowed < 0 else allowed)
        return k_of_n(self.values, self.thresholds, **options)


def _k_of_n_options(rule: SchoolRule, allowed: int | None = None) -> dict[str, Any]:
    """The k-of-n options of a per-school rule: an item that does not apply counts as met,
    so ``k`` of ``n`` becomes ``k − (n − applicable)`` and ``n − k`` failures stay allowed.
    ``allowed``: the failures allowed under the set's flags (default: the strict reading)."""
    if allowed is None:
        allowed = rule.allowed_failures
    return {
        "min_met": len(rule.items) - allowed,
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
    allowed = rule.allowed_failures_for(flags)
    if missing:
        verdict = np.full(n_units, UNDECIDED, dtype=np.int8)
        return SchoolRuleCheck(rule, x, t, verdict, missing, allowed)
    options = _k_of_n_options(rule, allowed)
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
    verdict = from_readings(strict, lenient)
    applies_to_none = np.isnan(t[0])
    for tj in t[1:]:
        applies_to_none &= np.isnan(tj)
    verdict[applies_to_none] = NOT_APPLICABLE
    return SchoolRuleCheck(rule, x, t, verdict, (), allowed)


def input_outcome(
    rule: CountyInputRule | CountyEvidenceRule | VetoRule, value: Any
) -> tuple[int, str, dict[str, Any]]:
    """A county-input, evidence or veto rule against the county's value (``None``: not
    supplied): its code, message and detail.

    >>> from eduequity.rules.schema import VetoRule
    >>> veto = VetoRule(id="v", kind="veto", part="p", reference="r", input="falsified_data")
    >>> input_outcome(veto, True)[:2], input_outcome(veto, None)[0]
    ((0, 'veto applies'), -1)
    """
    detail: dict[str, Any] = {"input": rule.input, "value": value}
    if value is None:
        return UNDECIDED, f"not assessed: input {rule.input} not supplied", detail
    if isinstance(rule, CountyInputRule):
        figure = float(value)
        if rule.comparison == "equal":
            ok = figure == rule.value
        elif rule.comparison == "at_least":
            ok = figure >= rule.value if rule.inclusive else figure > rule.value
        else:
            ok = figure <= rule.value if rule.inclusive else figure < rule.value
        sign = {
            "at_least": "≥" if rule.inclusive else ">",
            "at_most": "≤" if rule.inclusive else "<",
            "equal": "=",
        }[rule.comparison]
        detail.update(comparison=rule.comparison, threshold=rule.value, inclusive=rule.inclusive)
        message = f"{figure:g} {'meets' if ok else 'misses'} {sign} {rule.value:g}"
        return code_of(ok), message, detail
    if isinstance(rule, CountyEvidenceRule):
        return code_of(bool(value)), "shown" if value else "not shown", detail
    return code_of(not value), "veto applies" if value else "veto does not apply", detail

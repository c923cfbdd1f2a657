"""The county CV rules, on arrays: the official CV of every group, then the rule's codes.

:func:`county_cvs` computes the enrollment-weighted mean and CV of one indicator for every
group (county × level) in one pass (:func:`eduequity.metrics.grouped.grouped_cv`);
:func:`cv_rule` compares them (each CV, or the plain mean of several: the 2012 composite)
with the rule's threshold per level and gives the codes of :mod:`eduequity.verdicts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eduequity.codes import CVReason
from eduequity.indicators import IndicatorValues
from eduequity.metrics.grouped import GroupIndex, grouped_cv
from eduequity.rules.schema import CountyCVRule
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED, combine_codes

__all__ = ["CVRuleArrays", "CVTable", "county_cvs", "cv_rule"]

FloatArray = NDArray[np.float64]
CodeArray = NDArray[np.int8]


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


_NO_VALUE = "no school has a value"  # CVReason.NO_VALUE
_REASONS = {
    CVReason.ZERO_MEAN: "the weighted mean is 0, so the CV is undefined",
    CVReason.NEGATIVE_MEAN: "the weighted mean is negative, so the CV is undefined",
    CVReason.TOO_FEW_UNITS: "too few schools",
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


@dataclass(frozen=True)
class CVRuleArrays:
    """One county CV rule over every group (county × level, ``g = county·2 + level``),
    decided once: the numbers and codes every later step reads.

    ``cv``: per indicator, the CV per group (rounded if the rule says so; NaN without the
    columns); ``passed``: per indicator, its own verdict (meaningful for aggregate
    ``"each"``); ``composite``: aggregate ``"mean"``, the plain mean of the CVs;
    ``threshold``: per group, NaN where the level has none; ``verdict``: the rule at that
    group (NOT_APPLICABLE where the level has no sections or no threshold).
    """

    cv: dict[str, FloatArray]
    passed: dict[str, CodeArray]
    composite: FloatArray | None
    threshold: FloatArray
    verdict: CodeArray
    missing_columns: tuple[str, ...]


def cv_rule(
    rule: CountyCVRule,
    cvs: Mapping[str, CVTable],
    indicators: Mapping[str, IndicatorValues],
    present: NDArray[np.bool_],
    levels: tuple[str, ...],
) -> CVRuleArrays:
    """Decide a county CV rule at every group; ``present``: the group has sections."""
    n = present.shape[0]
    by_level: dict[str, float] = {th.level: th.value for th in rule.thresholds}
    threshold = np.resize([by_level.get(lv, np.nan) for lv in levels], n)
    has_threshold = ~np.isnan(threshold)
    missing = tuple(
        dict.fromkeys(c for i in rule.indicators for c in indicators[i].missing_columns)
    )

    def rounded(values: FloatArray) -> FloatArray:
        if rule.round_digits is None:
            return values
        d = rule.round_digits
        return np.array([round(v, d) if np.isfinite(v) else np.nan for v in values.tolist()])

    def compare(values: FloatArray) -> CodeArray:
        with np.errstate(invalid="ignore"):
            ok = values <= threshold if rule.inclusive else values < threshold
        codes = np.where(np.isnan(values), UNDECIDED, np.where(ok, PASS, FAIL))
        return np.where(has_threshold, codes, NOT_APPLICABLE).astype(np.int8)

    cv = {
        i: np.full(n, np.nan) if indicators[i].missing_columns else rounded(cvs[i].cv)
        for i in rule.indicators
    }
    passed = {i: compare(v) for i, v in cv.items()}
    composite = None
    if rule.aggregate == "mean":
        composite = rounded(np.mean(np.vstack([cv[i] for i in rule.indicators]), axis=0))
        verdict = compare(composite)
    else:
        verdict = combine_codes(np.vstack(list(passed.values())))
    if missing:
        verdict = np.where(has_threshold, UNDECIDED, NOT_APPLICABLE).astype(np.int8)
    verdict[~present] = NOT_APPLICABLE
    return CVRuleArrays(cv, passed, composite, threshold, verdict, missing)

"""Describe after: the result objects of one county, built from a :class:`Run`'s arrays.

:class:`Counties` is the lazy sequence an :class:`~eduequity.assessment.Assessment` holds;
each :class:`~eduequity.assessment.CountyResult` (its levels, indicators, schools, parts
and rules) is built when first asked for, reading the codes the run decided. Nothing here
decides a verdict: codes become ``bool | None`` and status strings through
:mod:`eduequity.verdicts`, and the numbers are the run's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from collections.abc import Sequence as SequenceABC
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.codes import ExclusionCode
from eduequity.defects import Defect
from eduequity.evaluation.cv import CVRuleArrays
from eduequity.evaluation.engine import SchoolRuleCheck
from eduequity.evaluation.run import Run, not_assessed_warning
from eduequity.indicators import IndicatorValues
from eduequity.metrics.thresholds import floor_value
from eduequity.results import (
    CompositeResult,
    CountyResult,
    IndicatorResult,
    LevelResult,
    Miss,
    PartResult,
    RuleResult,
    SchoolResult,
    num,
)
from eduequity.rules.schema import CountyCVRule, Rule, SchoolRule
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED, status_of_code, verdict_of

__all__ = ["Counties", "build_county"]


class Counties(SequenceABC[CountyResult]):
    """The counties of an assessment, each built when first asked for (a nation has
    thousands: the run decides every verdict without building them)."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self._built: dict[int, CountyResult] = {}

    def __len__(self) -> int:
        return len(self.run.keys)

    @overload
    def __getitem__(self, index: int) -> CountyResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[CountyResult]: ...

    def __getitem__(self, index: int | slice) -> CountyResult | Sequence[CountyResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        k = range(len(self))[index]  # negative indices, and IndexError when out of range
        if k not in self._built:
            self._built[k] = build_county(self.run, k)
        return self._built[k]

    def __repr__(self) -> str:
        return f"<{len(self)} counties>"


def build_county(
    run: Run,
    k: int,
    *,
    schools: bool = True,
    listings: bool = True,
    shared: dict[str, RuleResult] | None = None,
) -> CountyResult:
    """County ``k`` of ``run`` as a :class:`~eduequity.assessment.CountyResult` (with
    ``schools=False``, its levels list no school: the JSON writers write the sections
    themselves; with ``listings=False``, its per-school rules name no failed school, as
    in ``eduequity.assessment/2``). A caller that builds many counties may pass a dict as
    ``shared``, where the result of an input rule for a county that did not supply its
    input (the same for every such county) is kept once built."""
    code, year = run.keys[k]
    warnings: list[Defect] = []
    levels = {
        lv: _level(run, lv, 2 * k + li, schools)
        for li, lv in enumerate(C.LEVELS)
        if run.members[2 * k + li].size
    }
    county_sections = np.concatenate([run.members[2 * k], run.members[2 * k + 1]])
    by_part: dict[str, list[RuleResult]] = {part.id: [] for part in run.rs.parts}
    for r in run.rs.rules:
        if r.part in by_part:
            by_part[r.part].append(
                _rule(run, r, k, county_sections, warnings, listings, shared)
            )
    parts: dict[str, PartResult] = {}
    for part in run.rs.parts:
        results = tuple(by_part[part.id])
        c = int(run.parts[part.id][k])
        parts[part.id] = PartResult(
            part.id, part.zh, part.en, verdict_of(c), status_of_code(c), results
        )
    return CountyResult(
        code,
        run.names[(code, year)],
        year,
        verdict_of(int(run.counties[k])),
        levels,
        parts,
        tuple(_left_out(run, k)),
        dict(run.inputs.for_county(code, year)),
        tuple(warnings),
        run.inputs.provenance_for(code, year),
    )


def _left_out(run: Run, k: int) -> list[dict[str, Any]]:
    s = run.sections
    n_ex = len(s.exclusion_fields)
    out = []
    for j in run.excluded[k].tolist():
        if j < n_ex:
            out.append(s.excluded[j].to_dict())
        else:
            out.append(
                {**s.merged[j - n_ex].to_dict(), "code": ExclusionCode.TEACHING_POINT_MERGED}
            )
    return out


def _level(run: Run, lv: str, g: int, schools: bool = True) -> LevelResult:
    members = run.members[g]
    indicators: dict[str, IndicatorResult] = {}
    composite: CompositeResult | None = None
    for rule in run.rs.rules:
        if not isinstance(rule, CountyCVRule):
            continue
        arrays = run.cv_rules[rule.id]
        for ind in rule.indicators:
            if ind not in indicators:
                indicators[ind] = _indicator(run, ind, g, members, rule, arrays)
        if rule.aggregate == "mean" and not np.isnan(arrays.threshold[g]):
            composite = _composite(rule, indicators, arrays, g)
    listed = _schools(run, members) if schools else ()
    return LevelResult(lv, verdict_of(int(run.levels[g])), indicators, composite, listed)


def _indicator(
    run: Run,
    ind_id: str,
    g: int,
    members: NDArray[np.intp],
    rule: CountyCVRule,
    arrays: CVRuleArrays,
) -> IndicatorResult:
    iv = run.indicators[ind_id]
    spec = iv.indicator
    table = run.cvs[ind_id]
    cv = num(arrays.cv[ind_id][g])
    reason: str | None = str(table.reason[g]) or None
    if iv.missing_columns:
        reason = f"columns not given: {', '.join(iv.missing_columns)}"
    each = rule.aggregate == "each" and not np.isnan(arrays.threshold[g])
    ids = run.sections.school_id
    gaps = [] if iv.missing_columns else members[np.isnan(iv.values[members])].tolist()
    left_out = tuple({"school_id": str(ids[i]), "reason": iv.reason(i)} for i in gaps)
    return IndicatorResult(
        ind_id,
        spec.zh,
        spec.en,
        spec.unit,
        None if iv.missing_columns else num(table.mean[g]),
        cv,
        None if cv is not None else reason,
        float(arrays.threshold[g]) if each else None,
        verdict_of(int(arrays.passed[ind_id][g])) if each else None,
        int(table.n_schools[g]),
        float(table.students[g]),
        rule.id,
        left_out,
    )


def _composite(
    rule: CountyCVRule,
    indicators: Mapping[str, IndicatorResult],
    arrays: CVRuleArrays,
    g: int,
) -> CompositeResult:
    assert arrays.composite is not None
    value = num(arrays.composite[g])
    why = None
    if value is None:
        undefined = [indicators[i] for i in rule.indicators if indicators[i].cv is None]
        reasons = "; ".join(f"{r.indicator}: {r.cv_undefined_reason}" for r in undefined)
        why = f"a CV is undefined ({reasons})"
    return CompositeResult(
        value,
        why,
        float(arrays.threshold[g]),
        verdict_of(int(arrays.verdict[g])) if not arrays.missing_columns else None,
        rule.indicators,
        rule.id,
    )


def _schools(run: Run, members: NDArray[np.intp]) -> tuple[SchoolResult, ...]:
    """The sections ``members`` as results: each column read once for all of them."""
    s, t = run.sections, run.table
    rows = s.row[members]
    names = list(run.indicators)
    values = zip(*(_numbers(run.indicators[k].values[members]) for k in names), strict=True)
    checks = [
        (
            rule_id,
            check,
            check.verdict[members].tolist(),
            [c[members].tolist() for c in check.threshold_columns],
        )
        for rule_id, check in run.checks.items()
    ]
    out = []
    for j, (i, row_values) in enumerate(zip(members.tolist(), values, strict=True)):
        rules: dict[str, bool | None] = {}
        misses: list[Miss] = []
        thresholds: dict[str, float] = {}
        for rule_id, check, codes, columns in checks:
            code = codes[j]
            if code == NOT_APPLICABLE:
                continue
            for item, column in zip(check.rule.items, columns, strict=True):
                if not math.isnan(column[j]):
                    thresholds.setdefault(item.indicator, column[j])
            rules[rule_id] = verdict_of(code)
            misses.extend(_misses(check, i, code, run.indicators))
        out.append((i, dict(zip(names, row_values, strict=True)), rules, misses, thresholds))
    ids = s.school_id[members].tolist()
    levels = s.level[members].tolist()
    school_names = t["school_name"][rows].tolist()
    types = t["school_type"][rows].tolist()
    locations = t["location"][rows].tolist()
    students = s.values["students"][members].tolist()
    passed = run.sections_passed[members].tolist()
    return tuple(
        SchoolResult(
            ids[j],
            school_names[j],
            levels[j],
            types[j],
            locations[j],
            students[j],
            values,
            verdict_of(passed[j]),
            rules,
            tuple(misses),
            thresholds,
        )
        for j, (_, values, rules, misses, thresholds) in enumerate(out)
    )


def _numbers(values: NDArray[np.float64]) -> list[float | None]:
    """Floats with NaN and ±inf as None (:func:`~eduequity.results.num` on an array)."""
    finite = np.isfinite(values)
    listed: list[float | None] = values.tolist()
    if not finite.all():
        for j in np.flatnonzero(~finite).tolist():
            listed[j] = None
    return listed


def _rule(
    run: Run,
    rule: Rule,
    k: int,
    members: NDArray[np.intp],
    warnings: list[Defect],
    listings: bool = True,
    shared: dict[str, RuleResult] | None = None,
) -> RuleResult:
    code = int(run.rules[rule.id][k])
    if shared is not None and rule.id in shared and k not in run.inputs_decided[rule.id]:
        return shared[rule.id]  # an input rule, for a county that did not supply it

    def result(message: str, **detail: Any) -> RuleResult:
        return RuleResult(
            rule.id,
            rule.kind,
            rule.part,
            rule.reference,
            rule.certainty,
            verdict_of(code),
            status_of_code(code),
            message,
            detail,
        )

    missing = run.missing_columns(rule.id)
    if missing:
        warnings.append(not_assessed_warning(rule.id, missing, run.table.source))
        cols = ", ".join(missing)
        return result(f"not assessed: column(s) not given: {cols}", missing_columns=list(missing))
    if isinstance(rule, SchoolRule):
        if code == NOT_APPLICABLE:
            return result("no school is subject to this rule")
        codes = run.checks[rule.id].verdict[members]
        n_failed, n_undecided = int((codes == FAIL).sum()), int((codes == UNDECIDED).sum())
        assessed = int((codes != NOT_APPLICABLE).sum())
        message = (
            f"{n_failed} of {assessed} school sections fail"
            if n_failed
            else f"{n_undecided} school section(s) lack values"
            if n_undecided
            else f"all {assessed} school sections pass"
        )
        if not listings:
            return result(message, n_schools=assessed, n_failed=n_failed)
        ids, levels = run.sections.school_id[members], run.sections.level[members]
        failed, undecided = (
            [
                {"school_id": str(ids[j]), "level": str(levels[j])}
                for j in np.flatnonzero(codes == wanted).tolist()
            ]
            for wanted in (FAIL, UNDECIDED)
        )
        return result(
            message,
            n_schools=assessed,
            n_failed=n_failed,
            failed_schools=failed,
            undecided_schools=undecided,
        )
    if isinstance(rule, CountyCVRule):
        verdict = run.cv_rules[rule.id].verdict
        by_level = {
            lv: verdict_of(int(verdict[2 * k + li]))
            for li, lv in enumerate(C.LEVELS)
            if verdict[2 * k + li] != NOT_APPLICABLE
        }
        if code == NOT_APPLICABLE:
            return result("no level of this county has a threshold")
        bad = [lv for lv, v in by_level.items() if v is False]
        message = f"CV above threshold: {', '.join(bad)}" if bad else "CVs within thresholds"
        if code == UNDECIDED and not bad:
            message = "a CV is undefined"
        return result(message, levels=by_level)
    given = run.inputs_decided[rule.id].get(k)
    decided = given or run.not_supplied(rule.id)
    assert decided[0] == code
    out = result(decided[1], **decided[2])
    if shared is not None and given is None:
        shared[rule.id] = out
    return out


def _misses(
    check: SchoolRuleCheck, i: int, code: int, indicators: Mapping[str, IndicatorValues]
) -> list[Miss]:
    """The items section ``i`` misses under ``check`` (with shortfalls, also as totals)."""
    k = check.check
    if k is None or not check.misses_any[i]:
        return []
    rule = check.rule
    out = []
    for j, item in enumerate(rule.items):
        threshold = check.threshold_columns[j][i]
        if np.isnan(threshold) or k.met[i, j]:
            continue
        value = check.value_columns[j][i]
        floor_at = None
        below_floor = None
        to_floor = None
        if rule.floor is not None:
            floor_at = floor_value(float(threshold), rule.floor, item.comparison)
            below_floor = bool(np.isnan(value) or k.shortfall_to_floor[i, j] > 0)
            to_floor = num(k.shortfall_to_floor[i, j])
        iv = indicators[item.indicator]
        shortfall = num(k.shortfall[i, j])

        def total(
            amount: float | None, iv: IndicatorValues = iv, up: bool = item.comparison == "at_least"
        ) -> float | None:
            return iv.total_for(i, amount) if amount is not None and up else None

        out.append(
            Miss(
                rule.id,
                rule.part,
                item.indicator,
                item.comparison,
                num(value),
                float(threshold),
                shortfall,
                floor_at,
                below_floor,
                code == PASS,
                "missing value"
                if np.isnan(value)
                else "below standard"
                if item.comparison == "at_least"
                else "above standard",
                item.reference or rule.reference,
                total(shortfall),
                to_floor,
                total(to_floor),
                iv.total_unit,
            )
        )
    return out

"""Evaluating counties against a standard: :func:`evaluate`.

The steps follow the standards folder: scope and split (:mod:`eduequity.sections`),
indicator values per section (:mod:`eduequity.indicators`), one evaluator per rule kind
(:mod:`eduequity.rules.engine`), then the verdicts gathered per county and year into an
:class:`~eduequity.assessment.Assessment`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.assessment import (
    Assessment,
    CompositeResult,
    CountyResult,
    IndicatorResult,
    LevelResult,
    Miss,
    PartResult,
    RuleResult,
    SchoolResult,
    StandardInfo,
    num,
    status_of,
)
from eduequity.county_inputs import CountyInputs, read_county_inputs
from eduequity.defects import Defect
from eduequity.errors import ConfigurationError
from eduequity.indicators import IndicatorValues, SectionColumns, compute_indicator
from eduequity.io import load_schools
from eduequity.metrics.grouped import group_index
from eduequity.rules.engine import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNDECIDED,
    CVTable,
    SchoolRuleCheck,
    SectionContext,
    check_school_rule,
    combine,
    combine_codes,
    county_cvs,
    verdict_of,
)
from eduequity.rules.loader import load_rule_set, rule_set_digest
from eduequity.rules.schema import (
    CountyCVRule,
    CountyEvidenceRule,
    CountyInputRule,
    Rule,
    RuleSet,
    SchoolRule,
    VetoRule,
)
from eduequity.sections import Sections, build_sections
from eduequity.table import SchoolTable

__all__ = ["evaluate"]

FloatArray = NDArray[np.float64]

Verdict = bool | None


def evaluate(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    county_inputs: str | Path | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    *,
    flags: Mapping[str, bool] | None = None,
) -> Assessment:
    """Evaluate every county and year in ``schools`` against ``standard``.

    Parameters
    ----------
    schools
        A :class:`~eduequity.table.SchoolTable`, or anything :func:`~eduequity.load_schools`
        reads (a path, a DataFrame, records).
    standard
        A bundled rule-set id, a rule-set file, or a loaded :class:`RuleSet`.
    county_inputs
        The county-supplied figures (see :mod:`eduequity.county_inputs`); parts that need
        them are "not assessed" without them, never passed.
    flags
        Turn rule-set flags on or off (e.g. ``{"room_area_relaxation": True}``).

    Returns
    -------
    Assessment
        Never raises for a failing county: a verdict is a finding.

    Examples
    --------
    >>> from eduequity import load_example
    >>> a = evaluate(load_example(), "cn-2012-basic")
    >>> c = a.counties[0]
    >>> c.county_code, c.levels["primary"].composite.threshold
    ('999901', 0.65)
    """
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    rs = load_rule_set(standard)
    if flags:
        unknown = sorted(set(flags) - set(rs.flags))
        if unknown:
            known = ", ".join(rs.flags) or "none"
            raise ConfigurationError(f"flags: unknown {unknown} for {rs.id} (flags: {known})")
        rs = rs.model_copy(update={"flags": {**rs.flags, **flags}})
    inputs, input_warnings = read_county_inputs(county_inputs, rs)
    run = _Run.prepare(table, rs)
    counties = _Counties(run, inputs)
    verdicts = tuple(verdict_of(int(c)) for c in run.county_codes(inputs))
    rule_warnings = run.rule_warnings()
    info = StandardInfo(
        rs.id,
        rs.revision,
        rule_set_digest(rs),
        rs.title_zh,
        rs.title_en,
        rs.document,
        rs.status,
        rs.lineage,
        {i.id: {"zh": i.zh, "en": i.en, "unit": i.unit} for i in rs.indicators},
    )
    warnings = (*table.warnings, *input_warnings, *rule_warnings)
    keys = tuple(run.keys)
    return Assessment(info, counties, table.source, tuple(warnings), keys, verdicts)


class _Counties(SequenceABC[CountyResult]):
    """The counties of an assessment, each built when first asked for (a nation has
    thousands: evaluate() computes every verdict without building them)."""

    def __init__(self, run: _Run, inputs: CountyInputs) -> None:
        self._run = run
        self._inputs = inputs
        self._built: dict[int, CountyResult] = {}

    def __len__(self) -> int:
        return len(self._run.keys)

    @overload
    def __getitem__(self, index: int) -> CountyResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[CountyResult]: ...

    def __getitem__(self, index: int | slice) -> CountyResult | Sequence[CountyResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        k = range(len(self))[index]  # negative indices, and IndexError when out of range
        if k not in self._built:
            code, year = self._run.keys[k]
            self._built[k] = self._run.county(k, code, year, self._inputs)
        return self._built[k]

    def __repr__(self) -> str:
        return f"<{len(self)} counties>"


def _factorise_counties(table: SchoolTable) -> tuple[list[tuple[str, int]], NDArray[np.intp]]:
    """The (county_code, year) pairs, sorted like ``table.counties()``, and each row's.

    Administrative codes are digit strings of one length: then they are read as integers
    straight from their characters (sorting or parsing strings is several times slower),
    which keeps the same order.
    """
    codes, years = table["county_code"], table["year"]
    digits = _digit_codes(codes)
    by_county = group_index((codes if digits is None else digits, years), len(table))
    names = by_county.keys[0]
    if digits is not None:
        names = np.char.zfill(names.astype(str), int(np.char.str_len(codes[:1])[0]))
    keys = [
        (str(c), int(y)) for c, y in zip(names.tolist(), by_county.keys[1].tolist(), strict=True)
    ]
    return keys, by_county.codes


def _digit_codes(codes: NDArray[np.str_]) -> NDArray[np.int64] | None:
    """Codes of one length, all digits, as integers (``None`` otherwise)."""
    if codes.size == 0 or codes.dtype.kind != "U":
        return None
    width = codes.dtype.itemsize // 4
    chars = codes.view(np.uint32).reshape(codes.shape[0], width).astype(np.int64) - 48
    length = int(np.char.str_len(codes[:1])[0])
    if not 0 < length <= 18:
        return None
    body, rest = chars[:, :length], chars[:, length:]
    if not ((body >= 0) & (body <= 9)).all() or not (rest == -48).all():
        return None  # not all digits, or codes of different lengths
    weights = 10 ** np.arange(length - 1, -1, -1, dtype=np.int64)
    return body @ weights


@dataclass(frozen=True)
class _CVArrays:
    """One CV rule over every group (county × level), computed once: the single source of
    the numbers and verdicts that both the lazy county results and the county verdicts
    read. Codes: 1 passed, 0 failed, -1 undecided, -2 no threshold or no sections."""

    cv: dict[str, FloatArray]  # per indicator: CV per group (rounded if the rule says so)
    passed: dict[str, NDArray[np.int8]]  # per indicator (aggregate "each")
    composite: FloatArray | None  # aggregate "mean": the plain mean of the CVs
    threshold: FloatArray  # per group, NaN where the level has none
    verdict: NDArray[np.int8]  # the rule at that county and level
    missing_columns: tuple[str, ...]


def _cv_arrays(
    rule: CountyCVRule,
    cvs: Mapping[str, CVTable],
    indicators: Mapping[str, IndicatorValues],
    present: NDArray[np.bool_],
) -> _CVArrays:
    n = present.shape[0]
    by_level: dict[str, float] = {th.level: th.value for th in rule.thresholds}
    threshold = np.resize([by_level.get(lv, np.nan) for lv in C.LEVELS], n)  # g = county·2 + level
    has_threshold = ~np.isnan(threshold)
    missing = tuple(
        dict.fromkeys(c for i in rule.indicators for c in indicators[i].missing_columns)
    )

    def rounded(values: FloatArray) -> FloatArray:
        if rule.round_digits is None:
            return values
        d = rule.round_digits
        return np.array([round(v, d) if np.isfinite(v) else np.nan for v in values.tolist()])

    def compare(values: FloatArray) -> NDArray[np.int8]:
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
    return _CVArrays(cv, passed, composite, threshold, verdict, missing)


@dataclass(frozen=True)
class _Run:
    """Everything computed once for all counties: sections, indicator values, checks."""

    table: SchoolTable
    rs: RuleSet
    sections: Sections
    keys: list[tuple[str, int]]
    group: NDArray[np.intp]  # county index × 2 + level index, per section
    indicators: dict[str, IndicatorValues]
    checks: dict[str, SchoolRuleCheck]
    cvs: dict[str, CVTable]
    cv_rules: dict[str, _CVArrays]
    members: list[NDArray[np.intp]]  # sections of each group, in table order
    names: dict[tuple[str, int], str]
    excluded: list[NDArray[np.intp]]  # per county: positions in exclusions + merges

    @classmethod
    def prepare(cls, table: SchoolTable, rs: RuleSet) -> _Run:
        sections = build_sections(table, rs.scope.policy())
        keys, row_county = _factorise_counties(table)
        group = row_county[sections.row] * 2 + (sections.level == "junior").astype(np.intp)
        columns = SectionColumns(table, sections, rs.columns)
        indicators = {ind.id: compute_indicator(ind, columns) for ind in rs.indicators}
        school_rules = [r for r in rs.rules if isinstance(r, SchoolRule)]
        ctx = SectionContext.of(table, sections) if school_rules else None
        checks = {
            r.id: check_school_rule(r, indicators, ctx, rs.flags)
            for r in school_rules
            if ctx is not None
        }
        students = sections.values["students"]
        by_group = group_index(group) if len(group) else None
        cvs = {
            ind_id: county_cvs(indicators[ind_id].values, students, group, 2 * len(keys), by_group)
            for r in rs.rules
            if isinstance(r, CountyCVRule)
            for ind_id in r.indicators
        }
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(2 * len(keys) + 1))
        members = [order[bounds[g] : bounds[g + 1]] for g in range(2 * len(keys))]
        present = np.diff(bounds) > 0
        cv_rules = {
            r.id: _cv_arrays(r, cvs, indicators, present)
            for r in rs.rules
            if isinstance(r, CountyCVRule)
        }
        names: dict[tuple[str, int], set[str]] = {k: set() for k in keys}
        named = np.flatnonzero(table["county_name"] != "")
        county_names = table["county_name"][named]
        firsts, at = np.unique(row_county[named], return_index=True)  # integers: cheap
        for k, name in zip(firsts.tolist(), county_names[at].tolist(), strict=True):
            names[keys[k]].add(str(name))
        first_of = np.empty(len(keys), dtype=county_names.dtype)
        first_of[firsts] = county_names[at]
        # rows naming their county differently (rare): every name is kept
        for i in np.flatnonzero(county_names != first_of[row_county[named]]).tolist():
            names[keys[int(row_county[named[i]])]].add(str(county_names[i]))
        # exclusions, then merges, grouped by county (their dicts are made per county, lazily)
        left_out = np.concatenate([sections.exclusion_rows, sections.merge_rows])
        owner = row_county[left_out]
        order = np.argsort(owner, kind="stable")
        edges = np.searchsorted(owner[order], np.arange(len(keys) + 1))
        excluded = [order[edges[k] : edges[k + 1]] for k in range(len(keys))]
        return cls(
            table,
            rs,
            sections,
            keys,
            group,
            indicators,
            checks,
            cvs,
            cv_rules,
            members,
            {k: ", ".join(sorted(v)) for k, v in names.items()},
            excluded,
        )

    # ------------------------------------------------------------------ all counties at once

    def rule_warnings(self) -> list[Defect]:
        """A warning for each rule the data cannot assess (columns missing)."""
        out = []
        for rule in self.rs.rules:
            if isinstance(rule, SchoolRule):
                missing = self.checks[rule.id].missing_columns
            elif isinstance(rule, CountyCVRule):
                missing = self.cv_rules[rule.id].missing_columns
            else:
                continue
            if missing:
                out.append(_not_assessed_warning(rule.id, missing, self.table.source))
        return out

    def county_codes(self, inputs: CountyInputs) -> NDArray[np.int8]:
        """Every county's verdict code in one pass over the arrays (no county objects):
        the same verdicts as the county results built on demand (a test checks it)."""
        n = len(self.keys)
        county = self.group // 2
        given = inputs.for_counties(self.keys)  # only the counties that gave inputs
        rule_codes: dict[str, NDArray[np.int8]] = {}
        for rule in self.rs.rules:
            if isinstance(rule, SchoolRule):
                check = self.checks[rule.id]
                if check.missing_columns:
                    rule_codes[rule.id] = np.full(n, UNDECIDED, dtype=np.int8)
                    continue
                # one count per county and verdict code (codes −2…1 shifted to 0…3)
                counts = np.bincount(
                    county * 4 + (check.verdict.astype(np.intp) + 2), minlength=4 * n
                ).reshape(n, 4)
                failed, undecided = counts[:, 2] > 0, counts[:, 1] > 0
                applies = counts[:, 1:].sum(axis=1) > 0
                rule_codes[rule.id] = np.where(
                    failed,
                    FAIL,
                    np.where(undecided, UNDECIDED, np.where(applies, PASS, NOT_APPLICABLE)),
                ).astype(np.int8)
            elif isinstance(rule, CountyCVRule):
                arrays = self.cv_rules[rule.id]
                if arrays.missing_columns:
                    rule_codes[rule.id] = np.full(n, UNDECIDED, dtype=np.int8)
                else:
                    rule_codes[rule.id] = combine_codes(arrays.verdict.reshape(n, 2).T)
            else:
                outcome = np.full(n, UNDECIDED, dtype=np.int8)
                for k, values in given.items():
                    if rule.input in values:
                        v = _input_outcome(rule, values[rule.input])[0]
                        outcome[k] = PASS if v is True else FAIL if v is False else UNDECIDED
                rule_codes[rule.id] = outcome
        part_codes = []
        for part in self.rs.parts:
            members = [rule_codes[r.id] for r in self.rs.rules if r.part == part.id]
            if not members:
                part_codes.append(np.full(n, UNDECIDED, dtype=np.int8))  # not assessed
                continue
            codes = combine_codes(np.vstack(members))
            # a part whose rules all apply to nothing is "not applicable"; otherwise an
            # applicable part with no decision is "not assessed"
            part_codes.append(codes)
        if not part_codes:
            return np.full(n, UNDECIDED, dtype=np.int8)
        out = combine_codes(np.vstack(part_codes))
        out[out == NOT_APPLICABLE] = UNDECIDED  # no part applies: not assessed
        return out

    # ------------------------------------------------------------------ one county

    def county(self, k: int, code: str, year: int, inputs: CountyInputs) -> CountyResult:
        rs = self.rs
        warnings: list[Defect] = []
        levels: dict[str, LevelResult] = {}
        cv_verdicts: dict[str, dict[str, Verdict]] = {}  # rule → level → verdict
        for li, lv in enumerate(C.LEVELS):
            members = self.members[2 * k + li]
            if members.size:
                levels[lv] = self._level(lv, 2 * k + li, members, cv_verdicts)
        county_sections = np.concatenate([self.members[2 * k], self.members[2 * k + 1]])
        given = inputs.for_county(code, year)
        parts: dict[str, PartResult] = {}
        for part in rs.parts:
            results = [
                self._rule(r, county_sections, cv_verdicts, given, warnings)
                for r in rs.rules
                if r.part == part.id
            ]
            applicable = [r for r in results if r.status != "not_applicable"]
            passed = combine(r.passed for r in applicable)
            status = status_of(passed, bool(applicable) or not results)
            parts[part.id] = PartResult(part.id, part.zh, part.en, passed, status, tuple(results))
        passed = combine(p.passed for p in parts.values() if p.status != "not_applicable")
        return CountyResult(
            code,
            self.names[(code, year)],
            year,
            passed,
            levels,
            parts,
            tuple(self._left_out(k)),
            dict(given),
            tuple(warnings),
        )

    def _left_out(self, k: int) -> list[dict[str, Any]]:
        s = self.sections
        n_ex = len(s.exclusion_fields)
        out = []
        for j in self.excluded[k].tolist():
            if j < n_ex:
                out.append(s.excluded[j].to_dict())
            else:
                out.append({**s.merged[j - n_ex].to_dict(), "code": "teaching_point_merged"})
        return out

    def _level(
        self,
        lv: str,
        g: int,
        members: NDArray[np.intp],
        cv_verdicts: dict[str, dict[str, Verdict]],
    ) -> LevelResult:
        rs = self.rs
        indicators: dict[str, IndicatorResult] = {}
        composite: CompositeResult | None = None
        verdicts: list[Verdict] = []
        for rule in rs.rules:
            if not isinstance(rule, CountyCVRule):
                continue
            arrays = self.cv_rules[rule.id]
            threshold = None if np.isnan(arrays.threshold[g]) else float(arrays.threshold[g])
            for ind in rule.indicators:
                if ind not in indicators:
                    indicators[ind] = self._indicator(ind, g, members, rule, arrays)
            if threshold is None:
                continue
            if rule.aggregate == "mean":
                composite = self._composite(rule, indicators, arrays, g)
            verdict = verdict_of(int(arrays.verdict[g]))
            cv_verdicts.setdefault(rule.id, {})[lv] = verdict
            if rule.part in rs.level_parts:
                verdicts.append(verdict)
        schools = tuple(self._school(int(i)) for i in members)
        for check in self.checks.values():
            if check.rule.part in rs.level_parts:
                applies, v = _verdict_over(check.verdict[members])
                if applies:
                    verdicts.append(v)
        return LevelResult(lv, combine(verdicts), indicators, composite, schools)

    def _indicator(
        self,
        ind_id: str,
        g: int,
        members: NDArray[np.intp],
        rule: CountyCVRule,
        arrays: _CVArrays,
    ) -> IndicatorResult:
        iv = self.indicators[ind_id]
        spec = iv.indicator
        table = self.cvs[ind_id]
        cv = num(arrays.cv[ind_id][g])
        reason: str | None = str(table.reason[g]) or None
        if iv.missing_columns:
            reason = f"columns not given: {', '.join(iv.missing_columns)}"
        each = rule.aggregate == "each" and not np.isnan(arrays.threshold[g])
        ids = self.sections.school_id
        left_out = tuple(
            {"school_id": str(ids[i]), "reason": iv.reason(i)}
            for i in members.tolist()
            if np.isnan(iv.values[i]) and not iv.missing_columns
        )
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

    @staticmethod
    def _composite(
        rule: CountyCVRule,
        indicators: Mapping[str, IndicatorResult],
        arrays: _CVArrays,
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

    def _school(self, i: int) -> SchoolResult:
        rs, s, t = self.rs, self.sections, self.table
        row = int(s.row[i])
        values = {k: num(v.values[i]) for k, v in self.indicators.items()}
        rules: dict[str, Verdict] = {}
        misses: list[Miss] = []
        thresholds: dict[str, float] = {}
        level_verdicts: list[Verdict] = []
        for rule_id, check in self.checks.items():
            code = int(check.verdict[i])
            if code == NOT_APPLICABLE:
                continue
            for item, column in zip(check.rule.items, check.threshold_columns, strict=True):
                threshold = float(column[i])
                if not math.isnan(threshold):
                    thresholds.setdefault(item.indicator, threshold)
            verdict = True if code == PASS else False if code == FAIL else None
            rules[rule_id] = verdict
            if check.rule.part in rs.level_parts:
                level_verdicts.append(verdict)
            misses.extend(_misses(check, i, code, self.indicators))
        return SchoolResult(
            str(s.school_id[i]),
            str(t["school_name"][row]),
            str(s.level[i]),
            str(t["school_type"][row]),
            str(t["location"][row]),
            float(s.values["students"][i]),
            values,
            combine(level_verdicts) if level_verdicts else None,
            rules,
            tuple(misses),
            thresholds,
        )

    # ------------------------------------------------------------------ rules per county

    def _rule(
        self,
        rule: Rule,
        members: NDArray[np.intp],
        cv_verdicts: dict[str, dict[str, Verdict]],
        given: Mapping[str, Any],
        warnings: list[Defect],
    ) -> RuleResult:
        def result(
            passed: Verdict, message: str, status: str | None = None, **detail: Any
        ) -> RuleResult:
            return RuleResult(
                rule.id,
                rule.kind,
                rule.part,
                rule.reference,
                rule.certainty,
                passed,
                status or status_of(passed),
                message,
                detail,
            )

        def not_assessed(missing: Sequence[str]) -> RuleResult:
            cols = ", ".join(missing)
            warnings.append(_not_assessed_warning(rule.id, missing, self.table.source))
            return result(
                None, f"not assessed: column(s) not given: {cols}", missing_columns=list(missing)
            )

        if isinstance(rule, SchoolRule):
            check = self.checks[rule.id]
            if check.missing_columns:
                return not_assessed(check.missing_columns)
            codes = check.verdict[members]
            ids, levels = self.sections.school_id[members], self.sections.level[members]
            failed = [
                {"school_id": str(ids[j]), "level": str(levels[j])}
                for j in np.flatnonzero(codes == FAIL).tolist()
            ]
            undecided = [
                {"school_id": str(ids[j]), "level": str(levels[j])}
                for j in np.flatnonzero(codes == UNDECIDED).tolist()
            ]
            assessed = int((codes != NOT_APPLICABLE).sum())
            applies, v = _verdict_over(codes)
            if not applies:
                return result(None, "no school is subject to this rule", "not_applicable")
            message = (
                f"{len(failed)} of {assessed} school sections fail"
                if failed
                else f"{len(undecided)} school section(s) lack values"
                if undecided
                else f"all {assessed} school sections pass"
            )
            return result(
                v,
                message,
                n_schools=assessed,
                n_failed=len(failed),
                failed_schools=failed,
                undecided_schools=undecided,
            )
        if isinstance(rule, CountyCVRule):
            missing = self.cv_rules[rule.id].missing_columns
            if missing:
                return not_assessed(missing)
            by_level = cv_verdicts.get(rule.id, {})
            if not by_level:
                return result(None, "no level of this county has a threshold", "not_applicable")
            passed = combine(by_level.values())
            bad = [lv for lv, v in by_level.items() if v is False]
            message = f"CV above threshold: {', '.join(bad)}" if bad else "CVs within thresholds"
            if passed is None and not bad:
                message = "a CV is undefined"
            return result(passed, message, levels=dict(by_level))
        passed, message, detail = _input_outcome(rule, given.get(rule.input))
        return result(passed, message, **detail)


def _not_assessed_warning(rule_id: str, missing: Sequence[str], source: str) -> Defect:
    cols = ", ".join(missing)
    text = f"rule {rule_id}: not assessed, the data lack column(s) {cols}"
    return Defect("warning", "rule_not_assessed", text, source)


def _input_outcome(
    rule: CountyInputRule | CountyEvidenceRule | VetoRule, value: Any
) -> tuple[Verdict, str, dict[str, Any]]:
    """A county-input, evidence or veto rule against the county's value (``None``: not
    supplied)."""
    detail: dict[str, Any] = {"input": rule.input, "value": value}
    if value is None:
        return None, f"not assessed: input {rule.input} not supplied", detail
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
        return ok, f"{figure:g} {'meets' if ok else 'misses'} {sign} {rule.value:g}", detail
    if isinstance(rule, CountyEvidenceRule):
        return bool(value), "shown" if value else "not shown", detail
    return not value, "veto applies" if value else "veto does not apply", detail


def _verdict_over(codes: NDArray[np.int8]) -> tuple[bool, Verdict]:
    """Whether a rule applies to any of these sections, and its verdict over them."""
    applicable = codes[codes != NOT_APPLICABLE]
    if applicable.size == 0:
        return False, None
    if (applicable == FAIL).any():
        return True, False
    if (applicable == UNDECIDED).any():
        return True, None
    return True, True


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
        floor_value = None
        below_floor = None
        to_floor = None
        if rule.floor is not None:
            floor_value = (
                threshold * rule.floor if item.comparison == "at_least" else threshold / rule.floor
            )
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
                floor_value,
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

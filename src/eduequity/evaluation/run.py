"""Decide once: every rule, part, level and county of a table, as arrays of verdict codes.

:meth:`Run.decide` builds the sections, computes every indicator on them, runs the
evaluator of each rule kind (:mod:`eduequity.evaluation.engine`) and gathers the codes
(:mod:`eduequity.verdicts`) per group (county × level, ``g = county·2 + level``), per
county and per section. Nothing after this step decides anything: the result objects of
:mod:`eduequity.evaluation.build` only read these arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.codes import DefectCode
from eduequity.county_inputs import CountyInputs
from eduequity.defects import Defect
from eduequity.evaluation.counties import county_names, factorise_counties, rows_by_county
from eduequity.evaluation.cv import CVRuleArrays, CVTable, county_cvs, cv_rule
from eduequity.evaluation.engine import (
    SchoolRuleCheck,
    SectionContext,
    check_school_rule,
    input_outcome,
)
from eduequity.evaluation.special import special_case_values
from eduequity.indicators import IndicatorValues, SectionColumns, compute_indicator
from eduequity.metrics.grouped import group_index
from eduequity.rules.schema import CountyCVRule, RuleSet, SchoolRule
from eduequity.sections import Sections, build_sections
from eduequity.table import SchoolTable
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED, combine_codes

__all__ = ["InputOutcome", "Run", "not_assessed_warning"]

CodeArray = NDArray[np.int8]
InputOutcome = tuple[int, str, dict[str, Any]]  # code, message, detail


@dataclass(frozen=True)
class Run:
    """Everything computed once for all counties: sections, values, numbers and codes.

    Codes per group (``2 × len(keys)``): ``cv_rules[id].verdict``, ``school_groups[id]``
    (a per-school rule over the group's sections) and ``levels`` (the level's verdict on
    the set's level parts). Per county: ``rules[id]``, ``parts[id]`` and ``counties``.
    Per section: :attr:`sections_passed`. ``inputs_decided[id][k]``: the outcome of a
    county-input, evidence or veto rule where county ``k`` gave inputs (elsewhere
    :attr:`not_supplied`).
    """

    table: SchoolTable
    rs: RuleSet
    inputs: CountyInputs
    sections: Sections
    keys: list[tuple[str, int]]
    group: NDArray[np.intp]  # county index × 2 + level index, per section
    indicators: dict[str, IndicatorValues]
    checks: dict[str, SchoolRuleCheck]
    cvs: dict[str, CVTable]
    cv_rules: dict[str, CVRuleArrays]
    members: list[NDArray[np.intp]]  # sections of each group, in table order
    names: dict[tuple[str, int], str]
    excluded: list[NDArray[np.intp]]  # per county: positions in exclusions + merges
    school_groups: dict[str, CodeArray]
    levels: CodeArray
    rules: dict[str, CodeArray]
    inputs_decided: dict[str, dict[int, InputOutcome]]
    parts: dict[str, CodeArray]
    counties: CodeArray

    @classmethod
    def decide(cls, table: SchoolTable, rs: RuleSet, inputs: CountyInputs) -> Run:
        """Evaluate ``table`` against ``rs`` with the counties' ``inputs``."""
        sections = build_sections(table, rs.scope.policy())
        keys, row_county = factorise_counties(table)
        n = len(keys)
        group = row_county[sections.row] * 2 + (sections.level == "junior").astype(np.intp)
        columns = SectionColumns(table, sections, rs.columns)
        computed = {ind.id: compute_indicator(ind, columns) for ind in rs.indicators}
        # the special cases a flag turns on (identical to `computed` under the default flags)
        for_checks, indicators = special_case_values(rs, computed, columns)
        school_rules = [r for r in rs.rules if isinstance(r, SchoolRule)]
        checks: dict[str, SchoolRuleCheck] = {}
        if school_rules:
            ctx = SectionContext.of(table, sections)
            checks = {r.id: check_school_rule(r, for_checks, ctx, rs.flags) for r in school_rules}
        students = sections.values["students"]
        by_group = group_index(group) if len(group) else None
        cv_rule_defs = [r for r in rs.rules if isinstance(r, CountyCVRule)]
        cvs = {
            i: county_cvs(indicators[i].values, students, group, 2 * n, by_group)
            for r in cv_rule_defs
            for i in r.indicators
        }
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(2 * n + 1))
        members = [order[bounds[g] : bounds[g + 1]] for g in range(2 * n)]
        present = np.diff(bounds) > 0
        cv_rules = {r.id: cv_rule(r, cvs, indicators, present, C.LEVELS) for r in cv_rule_defs}
        left_out = np.concatenate([sections.exclusion_rows, sections.merge_rows])
        excluded = rows_by_county(row_county[left_out], n)

        # ---- the decisions, once
        school_groups = {rid: _over_groups(c.verdict, group, 2 * n) for rid, c in checks.items()}
        level_codes = [cv_rules[r.id].verdict for r in cv_rule_defs if r.part in rs.level_parts]
        level_codes += [school_groups[r.id] for r in school_rules if r.part in rs.level_parts]
        levels = _all_of(level_codes, 2 * n)
        rules: dict[str, CodeArray] = {}
        decided: dict[str, dict[int, InputOutcome]] = {}
        given = inputs.for_counties(keys)  # only the counties that gave inputs
        for rule in rs.rules:
            if isinstance(rule, SchoolRule | CountyCVRule):
                per_group = (
                    school_groups[rule.id]
                    if isinstance(rule, SchoolRule)
                    else cv_rules[rule.id].verdict
                )
                missing = (
                    checks[rule.id].missing_columns
                    if isinstance(rule, SchoolRule)
                    else cv_rules[rule.id].missing_columns
                )
                if missing:
                    rules[rule.id] = np.full(n, UNDECIDED, dtype=np.int8)
                else:
                    rules[rule.id] = combine_codes(per_group.reshape(n, 2).T)
                continue
            outcome = np.full(n, UNDECIDED, dtype=np.int8)
            decided[rule.id] = {}
            for k, values in given.items():
                if rule.input in values:
                    decided[rule.id][k] = input_outcome(rule, values[rule.input])
                    outcome[k] = decided[rule.id][k][0]
            rules[rule.id] = outcome
        parts: dict[str, CodeArray] = {}
        for part in rs.parts:
            codes = [rules[r.id] for r in rs.rules if r.part == part.id]
            # a part without rules is "not assessed"; one whose rules all apply to nothing
            # is "not applicable"
            parts[part.id] = _all_of(codes, n) if codes else np.full(n, UNDECIDED, np.int8)
        counties = _all_of(list(parts.values()), n)
        counties[counties == NOT_APPLICABLE] = UNDECIDED  # no part applies: not assessed
        return cls(
            table,
            rs,
            inputs,
            sections,
            keys,
            group,
            indicators,
            checks,
            cvs,
            cv_rules,
            members,
            county_names(table, keys, row_county),
            excluded,
            school_groups,
            levels,
            rules,
            decided,
            parts,
            counties,
        )

    @cached_property
    def sections_passed(self) -> CodeArray:
        """Per section: its verdict on the per-school rules of the set's level parts
        (NOT_APPLICABLE where none applies); decided when first asked for."""
        lp = self.rs.level_parts
        codes = [c.verdict for c in self.checks.values() if c.rule.part in lp]
        return _all_of(codes, len(self.sections))

    def not_supplied(self, rule_id: str) -> InputOutcome:
        """The outcome of an input rule for a county that did not supply its input (the
        same for every such county: decided once per rule)."""
        return self._not_supplied[rule_id]

    @cached_property
    def _not_supplied(self) -> dict[str, InputOutcome]:
        return {
            r.id: input_outcome(r, None)
            for r in self.rs.rules
            if not isinstance(r, SchoolRule | CountyCVRule)
        }

    def rule_warnings(self) -> list[Defect]:
        """A warning for each rule the data cannot assess (columns missing)."""
        out = []
        for rule in self.rs.rules:
            missing = self.missing_columns(rule.id)
            if missing:
                out.append(not_assessed_warning(rule.id, missing, self.table.source))
        return out

    def flag_warnings(self) -> list[Defect]:
        """A warning for each flag that is on but changes nothing: its evaluator is still
        pending (``engine = "pending"``), or the data lack every column it needs."""
        out = []
        for fd in self.rs.flag_defs:
            if not self.rs.flags.get(fd.id, False):
                continue
            if fd.engine == "pending":
                text = (
                    f"flag {fd.id} is on but not applied: its evaluator is pending, so it "
                    "changes no verdict"
                )
                params: dict[str, Any] = {"flag": fd.id, "variant": "pending"}
            elif fd.columns and not any(self.table.has(c) for c in fd.columns):
                text = (
                    f"flag {fd.id} is on but the data lack its column(s) "
                    f"{', '.join(fd.columns)}: it changes no verdict"
                )
                params = {"flag": fd.id, "columns": tuple(fd.columns)}
            else:
                continue
            out.append(
                Defect(
                    "warning", DefectCode.FLAG_NOT_APPLIED, text, self.table.source,
                    params=params,
                )
            )  # fmt: skip
        return out

    def missing_columns(self, rule_id: str) -> tuple[str, ...]:
        """Columns a per-school or CV rule needs that the data lack (``()`` otherwise)."""
        if rule_id in self.checks:
            return self.checks[rule_id].missing_columns
        if rule_id in self.cv_rules:
            return self.cv_rules[rule_id].missing_columns
        return ()


def _over_groups(codes: CodeArray, group: NDArray[np.intp], n_groups: int) -> CodeArray:
    """The sections' codes combined ("all of") within each group (NOT_APPLICABLE for none)."""
    counts = np.bincount(group * 4 + (codes.astype(np.intp) + 2), minlength=4 * n_groups)
    counts = counts.reshape(n_groups, 4)  # columns: codes −2…1
    out = np.full(n_groups, NOT_APPLICABLE, dtype=np.int8)
    out[counts[:, 3] > 0] = PASS
    out[counts[:, 1] > 0] = UNDECIDED
    out[counts[:, 2] > 0] = FAIL
    return out


def _all_of(codes: list[CodeArray], n: int) -> CodeArray:
    if not codes:
        return np.full(n, NOT_APPLICABLE, dtype=np.int8)
    return combine_codes(np.vstack(codes))


def not_assessed_warning(rule_id: str, missing: tuple[str, ...], source: str) -> Defect:
    """The warning for a rule the data cannot assess."""
    cols = ", ".join(missing)
    text = f"rule {rule_id}: not assessed, the data lack column(s) {cols}"
    return Defect(
        "warning", DefectCode.RULE_NOT_ASSESSED, text, source,
        params={"rule": rule_id, "columns": tuple(missing)},
    )  # fmt: skip

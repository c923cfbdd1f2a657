"""The rounds of a plan: solve every county, apply, evaluate; tighten the CVs still too
high and solve again; then the round-off pass and the final verdicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eduequity.assessment import Assessment
from eduequity.errors import ConfigurationError
from eduequity.evaluate import evaluate
from eduequity.evaluation.engine import SectionContext
from eduequity.evaluation.special import special_case_values
from eduequity.indicators import SectionColumns, compute_indicator
from eduequity.io import load_schools
from eduequity.planning.model import plan_county
from eduequity.planning.notes import LEVEL_ZH, note
from eduequity.planning.result import (
    Addition,
    CountyPlan,
    Plan,
    default_costs,
    resource_verdict,
)
from eduequity.rules.loader import load_rule_set
from eduequity.rules.schema import RuleSet, SchoolRule
from eduequity.sections import build_sections
from eduequity.table import SchoolTable
from eduequity.whatif import add_to_school

__all__ = ["plan"]

_ROUNDS = 8  # CV tightening rounds


def plan(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    *,
    costs: Mapping[str, float] | None = None,
    adjustable: Sequence[str] | None = None,
    transfers: bool = False,
    budget: float | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> Plan:
    """Least-cost additions per school so that every county passes the resource part.

    Parameters
    ----------
    costs
        Yuan per unit of each column (``teachers`` for any teacher); missing keys take the
        defaults of :func:`default_costs`.
    adjustable
        Indicator ids that may be raised (default: every item of the level parts'
        per-school rules whose numerator can be bought).
    transfers
        Teachers are moved between the county's schools of the same level instead of hired:
        the county's number of each kind of teacher stays the same (``teacher_transfer`` is
        the cost of one move).
    budget
        Yuan available per county: the plan then brings as many school sections as it can
        to their per-school standard within it (the CVs are not pursued), at least cost.
    progress
        Called after each county's program is solved with the round (1, 2, …; a round
        solves every county) and the county's code and year, e.g. ``(1, "999901 2025")``.

    Examples
    --------
    >>> from eduequity import load_example
    >>> p = plan(load_example(), "cn-2017-quality")
    >>> p.counties[0].passed_before, p.counties[0].passed_after
    (False, True)
    """
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    rs = load_rule_set(standard)
    unit_costs = {**default_costs(), **dict(costs or {})}
    rules = [r for r in rs.rules if isinstance(r, SchoolRule) and r.part in rs.level_parts]
    if not rules:
        raise ConfigurationError(
            f"{rs.id}: no per-school rule in its level parts to plan for",
            message_code="nothing_to_plan", message_params={"rule_set": rs.id},
        )  # fmt: skip
    before = evaluate(table, rs)
    sections = build_sections(table, rs.scope.policy())
    columns = SectionColumns(table, sections, rs.columns)
    ctx = SectionContext.of(table, sections)
    computed = {
        it.indicator: compute_indicator(rs.indicator(it.indicator), columns)
        for r in rules
        for it in r.items
    }
    values, _ = special_case_values(rs, computed, columns)  # as the per-school checks see them
    results: list[CountyPlan] = []
    bounds: dict[tuple[str, int, str, str], float] = {}  # (county, year, level, ind) → min
    adjusted = table
    failing: list[tuple[tuple[str, int, str, str], float, float]] = []
    for round_ in range(_ROUNDS):
        results = []
        records = table.to_dicts()
        for code, year in table.counties():
            mask = (sections.county_code == code) & (sections.year == year)
            county_plan, changes = plan_county(
                code, year, np.flatnonzero(mask), table, sections, rs, rules, values, ctx,
                unit_costs, adjustable, bounds, before, transfers, budget,
            )  # fmt: skip
            results.append(county_plan)
            _apply(records, changes)
            if progress is not None:
                progress(round_ + 1, f"{code} {year}")
        adjusted = load_schools(records)
        after = evaluate(adjusted, rs)
        failing = [] if budget is not None else _failing_cvs(after, rs)
        if not failing:
            break
        for key, mean, threshold in failing:
            # every school at least a fraction of the mean, the fraction rising each round
            floor = (1 - 0.9 * threshold * 0.6**round_) * mean
            bounds[key] = max(bounds.get(key, 0.0), floor)
    # Float rounding can leave a planned value a hair under its threshold (3.8249999… for
    # 3.825): such schools get one more purchasable unit of each fractional addition.
    for _ in range(3):
        short = _schools_short(after, rs, results)
        if not short:
            break
        results = [_bump(c, short, unit_costs) for c in results]
        records = table.to_dicts()
        index = {(str(c), int(y), str(i)): k for k, (c, y, i) in enumerate(
            zip(table["county_code"], table["year"], table["school_id"], strict=True))}  # fmt: skip
        for c in results:
            _apply(records, [(index[(c.county_code, c.year, a.school_id)], a.column, a.amount)
                             for a in c.additions])  # fmt: skip
        adjusted = load_schools(records)
        after = evaluate(adjusted, rs)
    verdicts = {(c.county_code, c.year): resource_verdict(c, rs) for c in after.counties}
    unmet: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for (code, year, level, indicator), _, threshold in failing:
        unmet.setdefault((code, year), []).append(
            note("rounds", indicator=indicator, name=rs.indicator(indicator).zh, level=level,
                 level_zh=LEVEL_ZH.get(level, level), threshold=threshold, rounds=_ROUNDS)
        )  # fmt: skip
    final = tuple(
        CountyPlan(
            c.county_code,
            c.year,
            c.total_cost,
            c.additions,
            c.passed_before,
            verdicts[(c.county_code, c.year)],
            (*c.notes, *(en for en, _ in unmet.get((c.county_code, c.year), []))),
            (*c.notes_zh, *(zh for _, zh in unmet.get((c.county_code, c.year), []))),
        )
        for c in results
    )
    return Plan(rs.id, final, adjusted, after, unit_costs)


def _schools_short(
    after: Assessment, rs: RuleSet, results: list[CountyPlan]
) -> set[tuple[str, int, str]]:
    """Schools with additions that still fail a per-school rule of the level parts."""
    planned = {(c.county_code, c.year, a.school_id) for c in results for a in c.additions}
    short = set()
    for c in after.counties:
        for level in c.levels.values():
            for s in level.schools:
                key = (c.county_code, c.year, s.school_id)
                if s.passed is False and key in planned:
                    short.add(key)
    return short


def _bump(
    county: CountyPlan, short: set[tuple[str, int, str]], unit_costs: Mapping[str, float]
) -> CountyPlan:
    additions = []
    for a in county.additions:
        if (county.county_code, county.year, a.school_id) in short and a.unit in ("m²", "元"):
            step = 0.01 if a.unit == "m²" else 1.0
            price = a.cost / a.amount if a.amount else unit_costs.get(a.column, 0.0)
            amount = round(a.amount + step, 2)
            a = Addition(a.school_id, a.level, a.column, amount, a.unit, amount * price)
        additions.append(a)
    total = float(sum(x.cost for x in additions))
    return CountyPlan(
        county.county_code, county.year, total, tuple(additions), county.passed_before,
        county.passed_after, county.notes, county.notes_zh,
    )  # fmt: skip


def _failing_cvs(
    after: Assessment, rs: RuleSet
) -> list[tuple[tuple[str, int, str, str], float, float]]:
    out = []
    for c in after.counties:
        for lv, level in c.levels.items():
            for ind in level.indicators.values():
                if ind.cv_passed is False and ind.mean is not None and ind.cv_threshold:
                    key = (c.county_code, c.year, lv, ind.indicator)
                    out.append((key, ind.mean, ind.cv_threshold))
    return out


def _apply(records: list[dict[str, Any]], changes: list[tuple[int, str, float]]) -> None:
    """Add each change to the record of its row; a teacher also counts among the teachers."""
    for row, column, amount in changes:
        add_to_school(records[row], column, amount)

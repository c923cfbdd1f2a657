"""What it takes to pass: the least-cost additions per school (a mixed-integer program).

For each county, :func:`plan` finds additions (m² built, m² of sports ground, yuan of
equipment, multimedia classrooms, qualified, key, PE and art teachers) of least cost such
that every school section passes the standard's per-school rule of its level parts (2017:
at least 6 of 7 met, the rest at least 85 %): one binary "met" per school and indicator
makes it a mixed-integer program, solved with :func:`scipy.optimize.milp`. The CVs are
not linear in the additions: after a solve the plan is applied and evaluated; a CV still
above its threshold adds, for that county, level and indicator, a lower bound on every
school's value (a rising fraction of the county mean) and the program is solved again.

Additions are whole teachers and rooms, area to 0.01 m² and yuan, rounded up (a value
that lands exactly on a threshold passes it), and every plan is verified by applying it and
re-running :func:`evaluate`. Unit
costs are a small config (``data/costs.toml``: illustrative, to be overridden).

Options: only some indicators adjustable; teachers moved between schools instead of hired
(the county's numbers kept); a budget cap (then as many schools as possible, at least cost).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.assessment import Assessment
from eduequity.errors import ConfigurationError
from eduequity.evaluate import evaluate
from eduequity.evaluation.engine import SectionContext, thresholds_for
from eduequity.indicators import SectionColumns, compute_indicator
from eduequity.io import load_schools
from eduequity.rules.loader import load_rule_set
from eduequity.rules.schema import RuleSet, SchoolRule
from eduequity.sections import build_sections
from eduequity.table import SchoolTable
from eduequity.whatif import add_to_school

__all__ = ["Addition", "CountyPlan", "Plan", "default_costs", "plan"]

_STEMS = tuple(stem for stem, _ in C.TEACHER_STEMS)
_WHOLE = ("multimedia_classrooms", "teaching_computers", "books")
_SOLVER_NOISE = 1e-6  # absolute, in the column's unit: solver round-off absorbed by rounding
_ROUNDS = 8  # CV tightening rounds


def default_costs() -> dict[str, float]:
    """The illustrative unit costs shipped with eduequity (yuan per unit of each column)."""
    text = resources.files("eduequity").joinpath("data/costs.toml").read_text(encoding="utf-8")
    return {k: float(v) for k, v in tomllib.loads(text).items()}


@dataclass(frozen=True)
class Addition:
    """Something to add to one school: ``amount`` of ``column`` (in ``unit``) for ``cost``."""

    school_id: str
    level: str
    column: str
    amount: float
    unit: str
    cost: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "school_id": self.school_id,
            "level": self.level,
            "column": self.column,
            "amount": self.amount,
            "unit": self.unit,
            "cost": self.cost,
        }


@dataclass(frozen=True)
class CountyPlan:
    """One county's additions, their cost and the resource verdict before and after."""

    county_code: str
    year: int
    total_cost: float
    additions: tuple[Addition, ...]
    passed_before: bool | None
    passed_after: bool | None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "year": self.year,
            "total_cost": self.total_cost,
            "passed_before": self.passed_before,
            "passed_after": self.passed_after,
            "additions": [a.to_dict() for a in self.additions],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Plan:
    """Plans for every county, the table with them applied, and its assessment."""

    standard: str
    counties: tuple[CountyPlan, ...]
    adjusted: SchoolTable
    after: Assessment
    costs: dict[str, float] = field(default_factory=dict)

    @property
    def total_cost(self) -> float:
        return float(sum(c.total_cost for c in self.counties))

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "total_cost": self.total_cost,
            "costs": dict(self.costs),
            "counties": [c.to_dict() for c in self.counties],
        }


@dataclass
class _Var:
    """One decision variable of the program."""

    kind: str  # "add" (an addition or teachers moved in), "out" (moved out), "met", "pass"
    row: int  # table row (additions to shared columns) or section (teachers, binaries)
    column: str
    level: str
    cost: float
    integer: bool
    upper: float = math.inf


def plan(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    *,
    costs: Mapping[str, float] | None = None,
    adjustable: Sequence[str] | None = None,
    transfers: bool = False,
    budget: float | None = None,
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
        raise ConfigurationError(f"{rs.id}: no per-school rule in its level parts to plan for")
    before = evaluate(table, rs)
    sections = build_sections(table, rs.scope.policy())
    columns = SectionColumns(table, sections, rs.columns)
    ctx = SectionContext.of(table, sections)
    values = {
        it.indicator: compute_indicator(rs.indicator(it.indicator), columns)
        for r in rules
        for it in r.items
    }
    results: list[CountyPlan] = []
    bounds: dict[tuple[str, int, str, str], float] = {}  # (county, year, level, ind) → min
    adjusted = table
    failing: list[tuple[tuple[str, int, str, str], float, float]] = []
    for round_ in range(_ROUNDS):
        results = []
        records = table.to_dicts()
        for code, year in table.counties():
            mask = (sections.county_code == code) & (sections.year == year)
            county_plan, changes = _plan_county(
                code, year, np.flatnonzero(mask), table, sections, rs, rules, values, ctx,
                unit_costs, adjustable, bounds, before, transfers, budget,
            )  # fmt: skip
            results.append(county_plan)
            _apply(records, changes)
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
    verdicts = {(c.county_code, c.year): _resource_verdict(c, rs) for c in after.counties}
    unmet: dict[tuple[str, int], list[str]] = {}
    for (code, year, level, indicator), _, threshold in failing:
        unmet.setdefault((code, year), []).append(
            f"the CV of {indicator} ({level}) is still above {threshold:g} after {_ROUNDS} "
            "rounds of raising the lowest schools: the highest values drive it"
        )
    final = tuple(
        CountyPlan(
            c.county_code,
            c.year,
            c.total_cost,
            c.additions,
            c.passed_before,
            verdicts[(c.county_code, c.year)],
            (*c.notes, *unmet.get((c.county_code, c.year), [])),
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
        county.passed_after, county.notes,
    )  # fmt: skip


def _resource_verdict(county: Any, rs: RuleSet) -> bool | None:
    from eduequity.verdicts import combine

    return combine(county.parts[p].passed for p in rs.level_parts if p in county.parts)


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


def _plan_county(
    code: str,
    year: int,
    members: NDArray[np.intp],
    table: SchoolTable,
    sections: Any,
    rs: RuleSet,
    rules: list[SchoolRule],
    values: Mapping[str, Any],
    ctx: SectionContext,
    unit_costs: Mapping[str, float],
    adjustable: Sequence[str] | None,
    bounds: Mapping[tuple[str, int, str, str], float],
    before: Assessment,
    transfers: bool = False,
    budget: float | None = None,
) -> tuple[CountyPlan, list[tuple[int, str, float]]]:
    from scipy.optimize import Bounds, LinearConstraint, milp

    variables: list[_Var] = []
    index: dict[tuple[str, int, str], int] = {}

    def var(
        kind: str,
        row: int,
        column: str,
        level: str,
        cost: float,
        integer: bool,
        upper: float = math.inf,
    ) -> int:
        key = (kind, row, column)
        if key not in index:
            index[key] = len(variables)
            variables.append(_Var(kind, row, column, level, cost, integer, upper))
        return index[key]

    rows_a: list[dict[int, float]] = []
    lower: list[float] = []
    upper_rows: list[float] = []  # np.inf unless an equality or a budget
    notes: list[str] = []

    def constrain(coefs: dict[int, float], lo: float, hi: float = math.inf) -> None:
        rows_a.append(coefs)
        lower.append(lo)
        upper_rows.append(hi)

    for rule in rules:
        items = rule.items
        need = len(items) - rule.allowed_failures
        for sec in members.tolist():
            level = str(sections.level[sec])
            applicable = []
            for item in items:
                t = float(thresholds_for(item, _one(ctx, sec), rs.flags)[0])
                if math.isnan(t):
                    continue
                iv = values[item.indicator]
                v = float(iv.values[sec])
                if math.isnan(v):
                    notes.append(
                        f"school {sections.school_id[sec]} ({level}): {item.indicator} has no "
                        "value; fix the data first"
                    )
                    continue
                applicable.append((item, t, v, iv))
            if not applicable:
                continue
            met_vars = []
            # with a budget, a section may stay as it is: its "pass" binary says it is brought
            # to the standard (and counts in the objective)
            passes = var("pass", sec, "", level, 0.0, True, 1.0) if budget is not None else None
            for item, t, v, iv in applicable:
                terms = _addition_terms(
                    item.indicator, iv, sec, level, sections, unit_costs, adjustable, var,
                    transfers,
                )  # fmt: skip
                if item.comparison != "at_least":
                    terms = {}
                z = var("met", sec, item.indicator, level, 0.0, True, 1.0)
                met_vars.append(z)
                constrain({**terms, z: -t}, -v)  # v + Σ g x ≥ t z
                if rule.floor is not None:
                    if passes is None:
                        constrain(dict(terms), rule.floor * t - v)
                    else:  # the floor binds only a section brought to the standard
                        constrain({**terms, passes: -rule.floor * t}, -v)
                bound = bounds.get((code, year, level, item.indicator))
                if bound is not None and budget is None:
                    constrain(dict(terms), bound - v)
            need_here = need - (len(items) - len(applicable))
            if passes is None:
                constrain(dict.fromkeys(met_vars, 1.0), need_here)
            else:
                constrain({**dict.fromkeys(met_vars, 1.0), passes: -need_here}, 0.0)
    if transfers:  # teachers moved, not hired: the county keeps each kind's number
        moved: dict[tuple[str, str], dict[int, float]] = {}
        for j, v_ in enumerate(variables):
            if v_.column in _STEMS and v_.kind in ("add", "out"):
                moved.setdefault((v_.column, v_.level), {})[j] = 1.0 if v_.kind == "add" else -1.0
        for coefs in moved.values():
            constrain(coefs, 0.0, 0.0)
        # at every school, each kind of teacher stays within its teachers after the moves
        # (a qualified teacher who leaves is one teacher fewer): S + Δ_S ≤ T + Σ Δ
        by_section: dict[int, list[int]] = {}
        for j, v_ in enumerate(variables):
            if v_.column in _STEMS and v_.kind in ("add", "out"):
                by_section.setdefault(v_.row, []).append(j)
        for sec, js in by_section.items():
            total = float(np.nan_to_num(sections.values["teachers"][sec]))
            for stem in C.TEACHER_SUBSETS:
                have = float(np.nan_to_num(sections.values[stem][sec]))
                others = {
                    j: 1.0 if variables[j].kind == "add" else -1.0
                    for j in js
                    if variables[j].column != stem
                }
                constrain(others, have - total)
    if budget is not None:
        constrain({j: v_.cost for j, v_ in enumerate(variables) if v_.cost}, -math.inf, budget)
    additions: list[Addition] = []
    changes: list[tuple[int, str, float]] = []
    passed_before = _resource_verdict(
        next(c for c in before.counties if (c.county_code, c.year) == (code, year)), rs
    )
    if not variables:
        return CountyPlan(code, year, 0.0, (), passed_before, None, tuple(notes)), changes
    n = len(variables)
    a = np.zeros((len(rows_a), n))
    for i, row in enumerate(rows_a):
        for j, coef in row.items():
            a[i, j] += coef
    cost = np.array([v.cost for v in variables])
    integrality = np.array([1 if v.integer else 0 for v in variables])
    box = Bounds(np.zeros(n), np.array([v.upper for v in variables]))
    constraints = LinearConstraint(a, np.array(lower), np.array(upper_rows))
    if budget is not None:  # first as many sections as possible, then at least cost
        pass_mask = np.array([1.0 if v.kind == "pass" else 0.0 for v in variables])
        first = milp(-pass_mask, constraints=constraints, integrality=integrality, bounds=box)
        if first.success:
            best = round(float(pass_mask @ first.x))
            constraints = [constraints, LinearConstraint(pass_mask[None, :], best - 0.5, np.inf)]
            notes.append(
                f"within the budget of {budget:,.0f} yuan: {best} of {int(pass_mask.sum())} "
                "school sections brought to their per-school standard (CVs not pursued)"
            )
    result = milp(cost, constraints=constraints, integrality=integrality, bounds=box)
    if not result.success:
        notes.append(f"no plan reaches the standard with these additions: {result.message}")
        return CountyPlan(code, year, 0.0, (), passed_before, None, tuple(notes)), changes
    total = 0.0
    ids = table["school_id"]
    for j, decision in enumerate(variables):
        if decision.kind not in ("add", "out") or result.x[j] <= 1e-9:
            continue
        shared = decision.column in C.SHARED_RESOURCE_IDS
        split = shared and bool((sections.share[sections.row == decision.row] != 1.0).any())
        # a combined school's sections get a share of the addition: their values are not
        # exact quotients, so one more purchasable unit keeps them clear of the threshold
        amount = _round_up(decision.column, float(result.x[j]), extra_unit=split)
        school_row = decision.row if shared else int(sections.row[decision.row])
        column = decision.column if shared else f"{decision.column}_{decision.level}"
        price = decision.cost
        if decision.kind == "out":
            amount = -amount  # moved away: no cost here, the move is paid where it arrives
        additions.append(
            Addition(
                str(ids[school_row]),
                decision.level,
                column,
                amount,
                _unit(decision.column),
                amount * price,
            )
        )
        changes.append((school_row, column, amount))
        total += amount * price
    additions.sort(key=lambda x: (x.school_id, x.column))
    plan_ = CountyPlan(code, year, total, tuple(additions), passed_before, None, tuple(notes))
    return plan_, changes


def _one(ctx: SectionContext, i: int) -> SectionContext:
    s = slice(i, i + 1)
    return SectionContext(
        ctx.level[s], ctx.school_type[s], ctx.location[s], ctx.classes[s], ctx.built_year[s],
        ctx.boarding[s],
    )  # fmt: skip


def _addition_terms(
    indicator: str,
    iv: Any,
    sec: int,
    level: str,
    sections: Any,
    unit_costs: Mapping[str, float],
    adjustable: Sequence[str] | None,
    var: Any,
    transfers: bool = False,
) -> dict[int, float]:
    """Variables that raise ``indicator`` at section ``sec``, with their effect per unit
    (moved-out teachers lower it)."""
    spec = iv.indicator
    if adjustable is not None and indicator not in adjustable:
        return {}
    column = spec.numerator[0]
    d = iv.denominator[sec] if iv.denominator is not None else 1.0
    if not d > 0:
        return {}
    if column in C.SHARED_RESOURCE_IDS and column in unit_costs:
        share = float(sections.share[sec])
        row = int(sections.row[sec])
        j = var("add", row, column, "all", unit_costs[column], column in _WHOLE)
        return {j: spec.scale * share / d}
    if column in _STEMS and transfers:
        have = float(np.nan_to_num(sections.values[column][sec]))
        move = unit_costs.get("teacher_transfer", 0.0)
        arrive = var("add", sec, column, level, move, True)
        leave = var("out", sec, column, level, 0.0, True, have)
        return {arrive: spec.scale / d, leave: -spec.scale / d}
    if column in _STEMS and "teachers" in unit_costs:
        j = var("add", sec, column, level, unit_costs["teachers"], True)
        return {j: spec.scale / d}
    return {}


def _round_up(column: str, amount: float, *, extra_unit: bool = False) -> float:
    """Up to what can be bought: whole teachers and rooms, 1 yuan, 0.01 m². The solver's
    own tolerance (a hair above or below the exact amount) is absorbed first."""
    exact = amount - _SOLVER_NOISE
    if column in _STEMS or column in _WHOLE or column == "equipment_value_yuan":
        return float(math.ceil(exact)) + (1.0 if extra_unit else 0.0)
    return (math.ceil(exact * 100) + (1 if extra_unit else 0)) / 100


def _unit(column: str) -> str:
    return "人" if column in _STEMS else C.BY_ID[column].unit


def _apply(records: list[dict[str, Any]], changes: list[tuple[int, str, float]]) -> None:
    """Add each change to the record of its row; a teacher also counts among the teachers."""
    for row, column, amount in changes:
        add_to_school(records[row], column, amount)

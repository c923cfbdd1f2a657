"""The mixed-integer program of one county: variables (additions, teachers moved, one
binary "met" per school and indicator, "pass" under a budget), the per-school rule's
constraints, the CV floors of earlier rounds, and the rounding of the solution to what
can be bought."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.assessment import Assessment
from eduequity.evaluation.engine import SectionContext, thresholds_for
from eduequity.planning.notes import LEVEL_ZH, note
from eduequity.planning.result import Addition, CountyPlan, resource_verdict
from eduequity.rules.schema import RuleSet, SchoolRule
from eduequity.table import SchoolTable

__all__ = ["plan_county"]

STEMS = tuple(stem for stem, _ in C.TEACHER_STEMS)
_WHOLE = ("multimedia_classrooms", "teaching_computers", "books")
_SOLVER_NOISE = 1e-6  # absolute, in the column's unit: solver round-off absorbed by rounding


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


def plan_county(
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
    """The least-cost additions of one county (``members``: its sections) as a MILP; the
    plan (its ``passed_after`` still unknown) and the changes to apply to the records."""
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
    notes: list[tuple[str, str]] = []  # (english, chinese)

    def constrain(coefs: dict[int, float], lo: float, hi: float = math.inf) -> None:
        rows_a.append(coefs)
        lower.append(lo)
        upper_rows.append(hi)

    for rule in rules:
        items = rule.items
        need = len(items) - rule.allowed_failures_for(rs.flags)
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
                        note("no_value", school=sections.school_id[sec], level=level,
                             level_zh=LEVEL_ZH.get(level, level), indicator=item.indicator,
                             name=rs.indicator(item.indicator).zh)
                    )  # fmt: skip
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
            if v_.column in STEMS and v_.kind in ("add", "out"):
                moved.setdefault((v_.column, v_.level), {})[j] = 1.0 if v_.kind == "add" else -1.0
        for coefs in moved.values():
            constrain(coefs, 0.0, 0.0)
        # at every school, each kind of teacher stays within its teachers after the moves
        # (a qualified teacher who leaves is one teacher fewer): S + Δ_S ≤ T + Σ Δ
        by_section: dict[int, list[int]] = {}
        for j, v_ in enumerate(variables):
            if v_.column in STEMS and v_.kind in ("add", "out"):
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
    passed_before = resource_verdict(
        next(c for c in before.counties if (c.county_code, c.year) == (code, year)), rs
    )
    if not variables:
        return _county(code, year, 0.0, (), passed_before, notes), changes
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
            notes.append(note("budget", budget=budget, best=best, total=int(pass_mask.sum())))
    result = milp(cost, constraints=constraints, integrality=integrality, bounds=box)
    if not result.success:
        notes.append(note("infeasible", reason=result.message))
        return _county(code, year, 0.0, (), passed_before, notes), changes
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
    return _county(code, year, total, tuple(additions), passed_before, notes), changes


def _one(ctx: SectionContext, i: int) -> SectionContext:
    return ctx.take(slice(i, i + 1))


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
    if column in STEMS and transfers:
        have = float(np.nan_to_num(sections.values[column][sec]))
        move = unit_costs.get("teacher_transfer", 0.0)
        arrive = var("add", sec, column, level, move, True)
        leave = var("out", sec, column, level, 0.0, True, have)
        return {arrive: spec.scale / d, leave: -spec.scale / d}
    if column in STEMS and "teachers" in unit_costs:
        j = var("add", sec, column, level, unit_costs["teachers"], True)
        return {j: spec.scale / d}
    return {}


def _round_up(column: str, amount: float, *, extra_unit: bool = False) -> float:
    """Up to what can be bought: whole teachers and rooms, 1 yuan, 0.01 m². The solver's
    own tolerance (a hair above or below the exact amount) is absorbed first."""
    exact = amount - _SOLVER_NOISE
    if column in STEMS or column in _WHOLE or column == "equipment_value_yuan":
        return float(math.ceil(exact)) + (1.0 if extra_unit else 0.0)
    return (math.ceil(exact * 100) + (1 if extra_unit else 0)) / 100


def _unit(column: str) -> str:
    return "人" if column in STEMS else C.BY_ID[column].unit


def _county(
    code: str,
    year: int,
    total: float,
    additions: tuple[Addition, ...],
    passed_before: bool | None,
    notes: list[tuple[str, str]],
) -> CountyPlan:
    return CountyPlan(
        code, year, total, additions, passed_before, None,
        tuple(en for en, _ in notes), tuple(zh for _, zh in notes),
    )  # fmt: skip

"""Figures under a recipe, from the library's own pieces.

The populations come from :func:`eduequity.evaluate` run with the recipe's scope (a rule
set whose ``scope`` is the recipe's :class:`~eduequity.sections.ScopePolicy`); for the
unsplit recipes the indicators are computed on the whole school (``basis = "school"`` of
the catalogue's definitions). The standard's statistic is read from the assessment; the
other statistics are computed with :func:`eduequity.metrics.coefficient_of_variation`.
Each distinct scope is evaluated once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.assessment import Assessment, CountyResult, LevelResult
from eduequity.crosscheck.conventions import Recipe
from eduequity.errors import UndefinedMetricError
from eduequity.evaluate import evaluate
from eduequity.metrics import coefficient_of_variation, weighted_mean
from eduequity.rules.schema import CountyCVRule, RuleSet, ScopeDef
from eduequity.sections import ScopePolicy
from eduequity.table import SchoolTable

__all__ = ["LevelFigures", "Recomputer", "verdict_of_figures"]

Key = tuple[str, int, str]  # county_code, year, level
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LevelFigures:
    """One county and level under one recipe: CV and mean per indicator, the composite
    (``None`` where the recipe has none) and the verdict of the CV rules."""

    cv: dict[str, float | None]
    mean: dict[str, float | None]
    reason: dict[str, str]  # why a CV is undefined
    composite: float | None
    verdict: bool | None


def cv_rules(rs: RuleSet) -> list[CountyCVRule]:
    return [r for r in rs.rules if isinstance(r, CountyCVRule)]


def cv_indicators(rs: RuleSet) -> list[str]:
    """The indicators of the set's CV rules, in rule order."""
    return list(dict.fromkeys(i for r in cv_rules(rs) for i in r.indicators))


def threshold_of(rule: CountyCVRule, level: str) -> float | None:
    return next((t.value for t in rule.thresholds if t.level == level), None)


def _all(verdicts: Iterable[bool | None]) -> bool | None:
    seen = list(verdicts)
    if any(v is False for v in seen):
        return False
    if not seen or any(v is None for v in seen):
        return None
    return True


def verdict_of_figures(
    rs: RuleSet,
    level: str,
    cv: Mapping[str, float | None],
    composite: float | None,
    *,
    composite_mean: bool = False,
) -> bool | None:
    """The verdict figures imply under the set's CV rules and thresholds at ``level``:
    each CV (``aggregate = "each"``) or the composite (``"mean"``, or ``composite_mean``)
    at most the threshold (inclusive as the rule says). A missing figure leaves the
    verdict undecided unless another already fails.

    Examples
    --------
    >>> from eduequity.rules import load_rule_set
    >>> rs = load_rule_set("cn-2017-quality")
    >>> verdict_of_figures(rs, "primary", {"key_teachers_per_100_students": 0.51}, None)
    False
    >>> verdict_of_figures(rs, "primary", {}, 0.41, composite_mean=True)
    True
    """
    verdicts: list[bool | None] = []
    for rule in cv_rules(rs):
        t = threshold_of(rule, level)
        if t is None:
            continue

        def ok(value: float | None, t: float = t, rule: CountyCVRule = rule) -> bool | None:
            if value is None:
                return None
            return value <= t if rule.inclusive else value < t

        if rule.aggregate == "mean" or composite_mean:
            verdicts.append(ok(composite))
        else:
            verdicts.append(_all(ok(cv.get(i)) for i in rule.indicators))
    return _all(verdicts)


class Recomputer:
    """Figures of any recipe for the counties of ``table``, each scope evaluated once."""

    def __init__(self, table: SchoolTable, rs: RuleSet) -> None:
        self.table = table
        self.rs = rs
        self.standard = Recipe.of(rs)
        self.indicators = cv_indicators(rs)
        self._runs: dict[tuple[ScopePolicy, bool], dict[tuple[str, int], CountyResult]] = {}
        self._figures: dict[tuple[Recipe, Key], LevelFigures | None] = {}
        self._whole_students: dict[tuple[str, int, str], float] | None = None
        self._stats: dict[tuple[Any, ...], tuple[float | None, float | None, str]] = {}
        self._populations: dict[tuple[Any, ...], dict[str, tuple[FloatArray, FloatArray]]] = {}
        self.base = self._assessment(self.standard.scope, whole=False)

    # ------------------------------------------------------------------ runs

    def _assessment(self, scope: ScopePolicy, *, whole: bool) -> Assessment:
        rs = self.rs
        update: dict[str, Any] = {
            "scope": ScopeDef(
                include_private=scope.include_private,
                include_special=scope.include_special,
                teaching_points=scope.teaching_points,
                split=scope.split or False,
            )
        }
        if whole:
            wanted = set(self.indicators)
            update["indicators"] = tuple(
                i.model_copy(update={"basis": "school"}) if i.id in wanted else i
                for i in rs.indicators
            )
        # only the CV rules: the per-school rules do not change a CV, and a county result
        # without them is built many times faster
        update["rules"] = tuple(cv_rules(rs))
        return evaluate(self.table, rs.model_copy(update=update))

    def county(self, recipe: Recipe, code: str, year: int) -> CountyResult | None:
        """The county under the recipe's scope (``None`` when the data lack it)."""
        whole = recipe.unsplit is not None
        key = (recipe.scope, whole)
        if key not in self._runs:
            a = self.base if key == (self.standard.scope, False) else None
            a = a or self._assessment(recipe.scope, whole=whole)
            self._runs[key] = {(c.county_code, c.year): c for c in a.counties}
        return self._runs[key].get((code, year))

    def whole_students(self, code: str, year: int, school_id: str) -> float:
        """A school's compulsory enrollment (primary + junior), from the table."""
        if self._whole_students is None:
            t = self.table
            total = np.nan_to_num(t["students_primary"]) + np.nan_to_num(t["students_junior"])
            self._whole_students = {
                (str(c), int(y), str(s)): float(p)
                for c, y, s, p in zip(
                    t["county_code"].tolist(), t["year"].tolist(), t["school_id"].tolist(),
                    total.tolist(), strict=True,
                )
            }  # fmt: skip
        return self._whole_students[(code, year, school_id)]

    # ------------------------------------------------------------------ figures

    def figures(self, recipe: Recipe, key: Key) -> LevelFigures | None:
        """The figures of one county and level under ``recipe`` (``None``: no sections)."""
        cache_key = (recipe, key)
        if cache_key not in self._figures:
            self._figures[cache_key] = self._compute(recipe, key)
        return self._figures[cache_key]

    def _compute(self, recipe: Recipe, key: Key) -> LevelFigures | None:
        code, year, level = key
        county = self.county(recipe, code, year)
        if county is None:
            return None
        levels: list[LevelResult]
        if recipe.unsplit == "pooled":
            levels = list(county.levels.values())
        else:
            levels = [county.levels[level]] if level in county.levels else []
        if not levels:
            return None
        cv: dict[str, float | None] = {}
        mean: dict[str, float | None] = {}
        reason: dict[str, str] = {}
        for ind in self.indicators:
            if recipe.standard_statistic:
                res = levels[0].indicators.get(ind)
                c = None if res is None else res.cv
                m = None if res is None else res.mean
                why = "" if res is None else res.cv_undefined_reason or ""
                if c is None and m == 0 and recipe.zero_mean_as_zero:
                    c = 0.0
            else:
                c, m, why = self._statistic(recipe, code, year, levels, ind)
            cv[ind] = _rounded(c, recipe.round_digits)
            mean[ind] = None if m is None else m * recipe.mean_factor(ind)
            if cv[ind] is None:
                reason[ind] = why or "undefined"
        composite = self._composite(recipe, county, level, cv)
        if recipe == self.standard:
            verdict = self._evaluated_verdict(levels[0], level)
        else:
            verdict = verdict_of_figures(
                self.rs, level, cv, composite, composite_mean=recipe.composite_mean
            )
        return LevelFigures(cv, mean, reason, composite, verdict)

    def _evaluated_verdict(self, result: LevelResult, level: str) -> bool | None:
        """The CV rules' verdict at this level as :func:`~eduequity.evaluate` gave it."""
        verdicts: list[bool | None] = []
        for rule in cv_rules(self.rs):
            if threshold_of(rule, level) is None:
                continue
            if rule.aggregate == "mean":
                c = result.composite
                verdicts.append(None if c is None else c.passed)
            else:
                verdicts.append(
                    _all(
                        result.indicators[i].cv_passed if i in result.indicators else None
                        for i in rule.indicators
                    )
                )
        return _all(verdicts)

    def _statistic(
        self, recipe: Recipe, code: str, year: int, levels: list[LevelResult], ind: str
    ) -> tuple[float | None, float | None, str]:
        """CV, mean and why undefined, each population and statistic computed once."""
        key = (recipe.scope, recipe.unsplit, code, year, tuple(lv.level for lv in levels), ind,
               recipe.weighted, recipe.ddof, recipe.zero_mean_as_zero)  # fmt: skip
        if key not in self._stats:
            self._stats[key] = self._compute_statistic(recipe, code, year, levels, ind)
        return self._stats[key]

    def _compute_statistic(
        self, recipe: Recipe, code: str, year: int, levels: list[LevelResult], ind: str
    ) -> tuple[float | None, float | None, str]:
        values, weights = self._population(recipe, code, year, levels)[ind]
        if not values.size:
            return None, None, "no school has a value"
        w = weights if recipe.weighted else None
        m = weighted_mean(values, w)
        try:
            return coefficient_of_variation(values, w, ddof=recipe.ddof), m, ""
        except UndefinedMetricError as exc:
            if exc.reason == "zero_mean" and recipe.zero_mean_as_zero:
                return 0.0, m, ""
            return None, m, str(exc)

    def _population(
        self, recipe: Recipe, code: str, year: int, levels: list[LevelResult]
    ) -> dict[str, tuple[FloatArray, FloatArray]]:
        """Per indicator, the values and weights of the units with a value: the sections
        (weighted by their pupils), or for the unsplit recipes each school once (weighted
        by its whole compulsory enrollment)."""
        key = (recipe.scope, recipe.unsplit, code, year, tuple(lv.level for lv in levels))
        if key in self._populations:
            return self._populations[key]
        units = []
        seen: set[str] = set()
        for lv in levels:
            for s in lv.schools:
                if recipe.unsplit is None:
                    units.append((s.values, s.students))
                elif s.school_id not in seen:  # a combined school counts once when pooled
                    seen.add(s.school_id)
                    units.append((s.values, self.whole_students(code, year, s.school_id)))
        out = {}
        for ind in self.indicators:
            pairs = [(v[ind], w) for v, w in units if v.get(ind) is not None]
            out[ind] = (
                np.array([x for x, _ in pairs], dtype=np.float64),
                np.array([w for _, w in pairs], dtype=np.float64),
            )
        self._populations[key] = out
        return out

    def _composite(
        self, recipe: Recipe, county: CountyResult, level: str, cv: Mapping[str, float | None]
    ) -> float | None:
        rules = [r for r in cv_rules(self.rs) if threshold_of(r, level) is not None]
        rule = next((r for r in rules if r.aggregate == "mean"), None)
        if rule is None and recipe.composite_mean and rules:
            rule = rules[0]
        if rule is None:
            return None
        if recipe == self.standard and level in county.levels:
            c = county.levels[level].composite
            return None if c is None else c.value
        values = [cv.get(i) for i in rule.indicators]
        if any(v is None for v in values):
            return None
        return _rounded(math.fsum(v for v in values if v is not None) / len(values),
                        recipe.round_digits)  # fmt: skip


def _rounded(value: float | None, digits: int | None) -> float | None:
    if value is None or digits is None:
        return value
    return round(value, digits)

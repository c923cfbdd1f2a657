"""Reference implementations the tests compare the library against (import them as
``from _oracles import ...``; no test module imports another).

Written from the standards' wording in plain Python, one unit at a time, sharing no code
with :mod:`eduequity.evaluation` or :mod:`eduequity.verdicts`: a verdict is passed only
if every part that applies passes, a missing value or input leaves it undecided (None),
and anything failed fails it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eduequity.assessment import CountyResult, LevelResult
from eduequity.rules.schema import RuleSet

NA = "not applicable"  # a rule that applies to nothing in the unit


def all_of(verdicts: Iterable[bool | str | None]) -> bool | str | None:
    """Three-valued "all": failed beats undecided beats passed; ``NA`` when nothing
    applies."""
    seen = [v for v in verdicts if v != NA]
    if not seen:
        return NA
    if False in seen:
        return False
    if None in seen:
        return None
    return True


def compare(value: float | None, comparison: str, threshold: float, inclusive: bool) -> bool:
    """A figure against a threshold, as the rule files word it."""
    assert value is not None
    if comparison == "equal":
        return value == threshold
    if comparison == "at_least":
        return value >= threshold if inclusive else value > threshold
    return value <= threshold if inclusive else value < threshold


def input_verdict(rule: Any, value: Any) -> bool | None:
    """A county-input, evidence or veto rule on the county's supplied value."""
    if value is None:
        return None
    if rule.kind == "county_input":
        return compare(float(value), rule.comparison, rule.value, rule.inclusive)
    if rule.kind == "county_evidence":
        return bool(value)
    return not value  # a veto


def cv_rule_verdict(level: LevelResult, rule: Any) -> bool | str | None:
    """A county CV rule at one level: each CV, or their mean, within the threshold."""
    by_level = {th.level: th.value for th in rule.thresholds}
    if level.level not in by_level:
        return NA
    threshold = by_level[level.level]
    cvs = [level.indicators[i].cv for i in rule.indicators]
    if rule.aggregate == "mean":
        if any(cv is None for cv in cvs):
            return None
        mean = sum(cvs) / len(cvs)  # type: ignore[arg-type]
        if rule.round_digits is not None:
            mean = round(mean, rule.round_digits)
        return compare(mean, "at_most", threshold, rule.inclusive)
    out = []
    for cv in cvs:
        if cv is None:
            out.append(None)
        else:
            out.append(compare(cv, "at_most", threshold, rule.inclusive))
    return all_of(out)


def school_rule_verdict(level: LevelResult, rule_id: str) -> bool | str | None:
    """A per-school rule over a level's sections (from each section's own verdict)."""
    return all_of(s.rules[rule_id] for s in level.schools if rule_id in s.rules)


def county_verdicts(county: CountyResult, rs: RuleSet, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Every verdict of one county from its leaves: ``levels``, ``rules``, ``parts`` and
    ``county`` (``NA`` where nothing applies)."""
    levels: dict[str, bool | str | None] = {}
    rules: dict[str, bool | str | None] = {}
    for rule in rs.rules:
        missing = any(
            "missing_columns" in r.detail
            for p in county.parts.values()
            for r in p.rules
            if r.id == rule.id
        )
        if rule.kind in ("school_threshold", "school_k_of_n"):
            at = [school_rule_verdict(lv, rule.id) for lv in county.levels.values()]
            rules[rule.id] = None if missing else all_of(at)
        elif rule.kind == "county_cv":
            at = [cv_rule_verdict(lv, rule) for lv in county.levels.values()]
            rules[rule.id] = None if missing else all_of(at)
        else:
            rules[rule.id] = input_verdict(rule, inputs.get(rule.input))
    for name, level in county.levels.items():
        found = []
        for rule in rs.rules:
            if rule.part not in rs.level_parts:
                continue
            if rule.kind == "county_cv":
                found.append(cv_rule_verdict(level, rule))
            elif rule.kind in ("school_threshold", "school_k_of_n"):
                found.append(school_rule_verdict(level, rule.id))
        levels[name] = all_of(found)
    parts = {
        p.id: all_of(rules[r.id] for r in rs.rules if r.part == p.id)
        if any(r.part == p.id for r in rs.rules)
        else None
        for p in rs.parts
    }
    overall = all_of(parts.values())
    return {"levels": levels, "rules": rules, "parts": parts, "county": overall}


def as_verdict(v: bool | str | None) -> bool | None:
    """The oracle's value as the library shows it (``NA`` as None)."""
    return None if v == NA else v  # type: ignore[return-value]


def pairwise_gini(x: list[float], w: list[float]) -> float:
    """The weighted Gini by its O(n²) definition: ΣΣ w_i w_j |x_i − x_j| / (2 W² μ)."""
    total = sum(w)
    mu = sum(a * b for a, b in zip(x, w, strict=True)) / total
    s = sum(
        wi * wj * abs(xi - xj)
        for xi, wi in zip(x, w, strict=True)
        for xj, wj in zip(x, w, strict=True)
    )
    return s / (2 * total * total * mu)

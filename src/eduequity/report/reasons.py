"""Why, in words of the report's language: a part's reasons, a school's misses, a school
left out, a warning. Built from the result's codes and numbers, never from its English
messages (those are for logs and the JSON).

Text here may hold identifiers marked as code with backticks (an input a rule set gives no
name, a code the catalogue does not know); the html renderer turns them into ``<code>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eduequity.report.names import Names, fmt_compared, fmt_number, fmt_threshold, fmt_value

if TYPE_CHECKING:
    from eduequity.assessment import CountyResult, Miss, PartResult, RuleResult, SchoolResult
    from eduequity.defects import Defect

__all__ = [
    "SchoolMisses",
    "exclusion_text",
    "miss_text",
    "part_reasons",
    "school_summary",
    "warning_text",
]

_SCHOOL_KINDS = ("school_threshold", "school_k_of_n")


def _unit(u: str) -> str:
    return u if u in ("", "%") else f" {u}"


def miss_text(m: Miss, names: Names) -> str:
    """One miss: value, standard, shortfall and unit (and the floor when below it)."""
    u = _unit(names.indicator_unit(m.indicator))
    value = fmt_compared(m.value, m.threshold, m.comparison)
    short = fmt_value(abs(m.shortfall)) if m.shortfall is not None else "—"
    out = names.t(
        "miss_over" if m.comparison == "at_most" else "miss",
        indicator=names.indicator(m.indicator),
        value=value,
        cmp=names.t(m.comparison if m.comparison in ("at_least", "at_most") else "at_least"),
        threshold=fmt_threshold(m.threshold),
        shortfall=short,
        unit=u,
    )
    if m.below_floor and m.floor_value is not None:
        floor = "miss_floor_over" if m.comparison == "at_most" else "miss_floor"
        out += names.t(floor, floor=fmt_value(m.floor_value), unit=u)
    return out


@dataclass(frozen=True)
class SchoolMisses:
    """What a school must mend: misses of the parts that make its verdict, misses of the
    county's other parts (by part: they count against the county, not the school's
    verdict), and a sentence on tolerated misses."""

    level: list[str]
    other: list[tuple[str, list[str]]]
    note: str

    def clauses(self, names: Names) -> list[str]:
        """Every line: the verdict's misses, one per other part, the note."""
        out = list(self.level)
        out += [
            f"{part}{names.t('colon')}{names.t('clause_sep').join(m)}" for part, m in self.other
        ]
        return out + ([self.note] if self.note else [])


def school_summary(s: SchoolResult, names: Names) -> SchoolMisses:
    """A school's misses in words (see :class:`SchoolMisses`)."""
    own = set(names.level_parts)
    level: list[str] = []
    other: dict[str, list[str]] = {}
    for m in s.failures:
        if m.tolerated:
            continue
        if not own or m.part in own:
            level.append(miss_text(m, names))
        else:
            other.setdefault(names.part(m.part), []).append(miss_text(m, names))
    soft = [m for m in s.failures if m.tolerated]
    note = ""
    if soft:
        rule = soft[0].rule
        n = len(names.rule_indicators(rule)) or len(s.thresholds)
        met = n - len([m for m in s.failures if m.rule == rule])
        first = soft[0]
        misses = names.t("clause_sep").join(miss_text(m, names) for m in soft)
        if first.floor_value and first.threshold:  # the rule's floor, from its floor value
            floor, threshold = first.floor_value, first.threshold
            fraction = floor / threshold if first.comparison == "at_least" else threshold / floor
            note = names.t("tolerated", misses=misses, met=max(met, 0), floor=round(100 * fraction))
        else:
            note = names.t("tolerated_no_floor", misses=misses, met=max(met, 0))
    return SchoolMisses(level, list(other.items()), note)


def _input_reason(r: RuleResult, names: Names) -> str:
    d = r.detail
    name = names.input(str(d.get("input", "")))
    if r.kind == "veto":
        return names.t("veto_fail", input=name)
    if r.kind == "county_evidence" or "threshold" not in d:
        return names.t("evidence_fail", input=name)
    u = _unit(names.input_unit(str(d["input"])))
    cmp = str(d.get("comparison", "at_least"))
    value = d.get("value")
    shown = (
        fmt_compared(
            float(value), float(d["threshold"]), cmp, inclusive=bool(d.get("inclusive", True))
        )
        if isinstance(value, int | float)
        else "—"
    )
    return names.t(
        "input_fail",
        input=name,
        value=shown,
        cmp=names.t(cmp if cmp in ("at_least", "at_most") else "at_least"),
        threshold=fmt_threshold(float(d["threshold"])),
        unit=u,
    )


def _cv_reason(r: RuleResult, c: CountyResult, names: Names) -> list[str]:
    out = []
    levels: dict[str, Any] = r.detail.get("levels", {}) or {}
    for lv, ok in levels.items():
        level = c.levels.get(lv)
        if level is None or ok is True:
            continue
        if ok is None:
            out.append(names.t("cv_undecided", level=names.level(lv)))
            continue
        items = []
        comp = level.composite
        if (
            comp is not None
            and comp.rule == r.id
            and comp.passed is False
            and comp.value is not None
        ):
            items.append(
                names.t(
                    "cv_over_item",
                    name=names.t("composite"),
                    cv=fmt_compared(comp.value, comp.threshold, "at_most", base=3),
                    threshold=fmt_threshold(comp.threshold),
                )
            )
        for ind in level.indicators.values():
            if ind.rule == r.id and ind.cv_passed is False and ind.cv is not None:
                limit = ind.cv_threshold if ind.cv_threshold is not None else 0.0
                items.append(
                    names.t(
                        "cv_over_item",
                        name=names.indicator(ind.indicator),
                        cv=fmt_compared(ind.cv, limit, "at_most", base=3),
                        threshold=fmt_threshold(limit),
                    )
                )
        out.append(names.t("cv_over", level=names.level(lv), items=names.join(items)))
    return out


def rule_reason(r: RuleResult, c: CountyResult, names: Names) -> list[str]:
    """Why a failed or open rule is so (``[]`` for a passed one)."""
    label = names.rule(r.id)
    d = r.detail
    if r.status == "not_assessed" and "missing_columns" in d:
        cols = names.join([names.column(str(x)) for x in d["missing_columns"]])
        return [names.t("columns_missing", rule=label, columns=cols)]
    if r.kind in _SCHOOL_KINDS and "n_schools" in d:
        out = []
        if d.get("n_failed"):
            out.append(names.t("schools_fail", failed=d["n_failed"], total=d["n_schools"]))
        if d.get("undecided_schools"):
            out.append(names.t("schools_undecided", n=len(d["undecided_schools"])))
        return [f"{label}{names.t('colon')}{names.join(out)}"] if out else []
    if r.kind == "county_cv":
        return _cv_reason(r, c, names) or [names.t("rule_failed", rule=label)]
    if r.passed is False and "input" in d:
        return [_input_reason(r, names)]
    return [names.t("rule_failed" if r.passed is False else "rule_open", rule=label)]


def part_reasons(part: PartResult, c: CountyResult, names: Names) -> str:
    """Why a part is not passed: its failed rules, then what is open, then the county
    inputs not supplied (by name)."""
    failed: list[str] = []
    open_: list[str] = []
    missing: list[str] = []
    for r in part.rules:
        if r.passed is False:
            failed += rule_reason(r, c, names)
        elif r.status == "not_assessed" and "input" in r.detail:
            missing.append(names.input(str(r.detail["input"])))
        elif r.status == "not_assessed":
            open_ += rule_reason(r, c, names)
    if missing:
        open_.append(f"{names.t('missing_inputs')}{names.t('colon')}{names.join(missing)}")
    if not part.rules:
        open_.append(names.t("no_rules"))
    return names.t("clause_sep").join(failed + open_)


_N = re.compile(r"(\d+)")
_PARENT = re.compile(r"parent school (\S+)")


def exclusion_text(e: dict[str, Any], names: Names) -> str:
    """Why a school is left out, from its reason code."""
    return left_out(e, names.lang, code_markup="`{}`")


def left_out(e: dict[str, Any], lang: str, *, code_markup: str = "{}") -> str:
    """Why a school is left out (an ``excluded`` record), in ``lang``, from its reason code.

    >>> left_out({"code": "special_out_of_scope"}, "zh")
    '特殊教育学校，不在评估范围'
    """
    code = str(e.get("code", ""))
    key = f"ex.{code}"
    reason = str(e.get("reason", ""))
    from eduequity.report.labels import MESSAGES, text

    if key not in MESSAGES:
        return text("ex.unknown", lang, code=code_markup.format(code))
    parent = e.get("parent_school_id")
    if parent is None:
        found = _PARENT.search(reason)
        parent = found.group(1) if found else ""
    n = e.get("students")
    if n is None:
        found_n = _N.search(reason)
        n = found_n.group(1) if found_n else ""
    return text(key, lang, parent=parent, n=n)


_RULE = re.compile(r"^rule (\S+): .*column\(s\) (.+)$")


def warning_text(w: Defect, names: Names) -> str:
    """A warning of the evaluation or the loading, in the report's language."""
    if w.code == "rule_not_assessed":
        found = _RULE.match(w.message)
        if found:
            cols = [x.strip() for x in found.group(2).split(",")]
            return names.t(
                "w.rule_not_assessed",
                rule=names.rule(found.group(1)),
                columns=names.join([names.column(x) for x in cols]),
            )
    if names.lang == "en" and "rule " not in w.message:
        return w.message
    from eduequity.report.defect_text import sentence

    said = sentence(w, names.lang, rule_name=names.rule)
    if said is not None:
        return said
    where = ""
    if w.school_id:
        where += names.t("w.where_school", school=w.school_id)
    if w.row is not None:
        where += names.t("w.where_row", row=w.row)
    if w.column:
        where += names.t("w.where_column", column=names.column(w.column))
    if w.value is not None:
        where += names.t("w.where_value", value=w.value)
    return names.t("w.generic", code=f"`{w.code}`", where=where)


def rounded(v: float | None, digits: int) -> str:
    return fmt_number(v, digits)

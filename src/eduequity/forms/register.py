"""The rectification register (整改台账): one item per miss, followed from year to year.

:func:`rectification` lists every miss of an assessment as an item: a school section's
miss of a per-school standard, a county CV or composite over its threshold, a county
input, evidence item or veto not met. Each item has a stable id (county, level, school and
indicator, or the county rule; never a row number), what is wrong (value, standard,
shortfall and unit), the measure and cost from a plan when one is given, and the owner,
deadline and notes for the bureau to fill.

Given last year's register, each item is ``closed`` (missed then, met now), ``open`` (missed
then and now: the shortfall then and now) or ``new``; a new item that was *met* last year is
also a regression. The owner, deadline and notes typed into last year's workbook are kept.
The register also records every check it looked at (met, missed or undecided), which is how
a regression is told from an item that is new because a school is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from eduequity.assessment import Assessment, CountyResult

__all__ = ["Register", "RegisterItem", "rectification"]

Status = Literal["new", "open", "closed"]
_COUNTY_KINDS = ("county_input", "county_evidence", "veto")


@dataclass(frozen=True)
class RegisterItem:
    """One gap to close."""

    item_id: str
    county_code: str
    year: int
    part: str
    rule: str
    level: str
    school_id: str
    school_name: str
    indicator: str
    value: float | None
    standard: float | None
    shortfall: float | None
    unit: str
    description_zh: str
    description_en: str
    measure: str = ""
    cost: float | None = None
    owner: str = ""
    deadline: str = ""
    notes: str = ""
    status: Status = "new"
    previous_shortfall: float | None = None
    regression: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Register:
    """Items of every county of an assessment, and the checks looked at (``scope``)."""

    standard: str
    items: tuple[RegisterItem, ...]
    scope: dict[str, str] = field(default_factory=dict)  # item id → met / missed / undecided
    closed: tuple[RegisterItem, ...] = ()

    def counts(self) -> dict[str, int]:
        """How many items are new, open, closed, and how many new ones are regressions."""
        return {
            "new": sum(1 for i in self.items if i.status == "new"),
            "open": sum(1 for i in self.items if i.status == "open"),
            "closed": len(self.closed),
            "regressions": sum(1 for i in self.items if i.regression),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "eduequity.rectification/1",
            "standard": self.standard,
            "counts": self.counts(),
            "items": [i.to_dict() for i in (*self.items, *self.closed)],
            "scope": dict(sorted(self.scope.items())),
        }

    def to_xlsx(self, path: Any, *, lang: str = "zh") -> None:
        from eduequity.forms.register_xlsx import write_register

        write_register(self, path, lang=lang)


def rectification(
    assessment: Assessment, plan: Any = None, *, previous: Register | None = None
) -> Register:
    """The register of ``assessment``; with ``previous``, each item matched by its id.

    Parameters
    ----------
    assessment
        From :func:`eduequity.evaluate`.
    plan
        From :func:`eduequity.plan` on the same data: each school item gets the additions
        planned for its school and level, and their cost.
    previous
        Last year's register (:func:`~eduequity.forms.read_register` reads the workbook).

    Examples
    --------
    >>> import eduequity as eq
    >>> r = rectification(eq.evaluate(eq.load_example(), "cn-2017-quality"))
    >>> i = r.items[0]
    >>> i.item_id.count("|"), i.status
    (4, 'new')
    """
    items: list[RegisterItem] = []
    scope: dict[str, str] = {}
    for county in assessment.counties:
        items += _county_items(county, scope, assessment)
    if plan is not None:
        items = _with_plan(items, plan)
    if previous is None:
        return Register(assessment.standard.id, tuple(items), scope)
    before = {i.item_id: i for i in previous.items}
    now: list[RegisterItem] = []
    for item in items:
        old = before.get(item.item_id)
        if old is None:
            regression = previous.scope.get(item.item_id) == "met"
            now.append(replace(item, status="new", regression=regression))
        else:
            now.append(replace(item, status="open", owner=old.owner, deadline=old.deadline,
                               notes=old.notes, previous_shortfall=old.shortfall))  # fmt: skip
    current = {i.item_id for i in items}
    closed = tuple(
        replace(old, status="closed")
        for old in previous.items
        if old.item_id not in current and scope.get(old.item_id) == "met"
    )
    # an item neither missed nor met now (a school gone, data not given) stays open
    gone = tuple(
        replace(old, status="open", previous_shortfall=old.shortfall)
        for old in previous.items
        if old.item_id not in current and scope.get(old.item_id) != "met"
    )
    return Register(assessment.standard.id, (*now, *gone), scope, closed)


def _county_items(
    c: CountyResult, scope: dict[str, str], a: Assessment
) -> list[RegisterItem]:
    out: list[RegisterItem] = []
    code = c.county_code
    for lv, level in c.levels.items():
        for s in level.schools:
            missed = {m.indicator: m for m in s.failures if not m.tolerated or s.passed is False}
            for ind in s.thresholds:
                key = f"{code}|{lv}|{s.school_id}|school|{ind}"
                scope[key] = "missed" if ind in missed else "met"
            for m in missed.values():
                key = f"{code}|{lv}|{s.school_id}|school|{m.indicator}"
                scope[key] = "missed"
                name_zh = a.standard.name(m.indicator, "zh")
                name_en = a.standard.name(m.indicator, "en")
                unit = a.standard.indicators.get(m.indicator, {}).get("unit", "")
                gap = "" if m.shortfall is None else f"{m.shortfall:.4g}{unit}"
                out.append(RegisterItem(
                    key, code, c.year, m.part, m.rule, lv, s.school_id, s.school_name,
                    m.indicator, m.value, m.threshold, m.shortfall, unit,
                    f"{s.school_name}{name_zh} {_num(m.value)}，标准 {m.threshold:g}，差 {gap}",
                    f"{s.school_name}: {name_en} {_num(m.value)}, standard {m.threshold:g}, "
                    f"short by {gap}",
                ))  # fmt: skip
        for ind, res in level.indicators.items():
            if res.cv_threshold is None:
                continue
            key = f"{code}|{lv}|-|cv|{ind}"
            scope[key] = _state(res.cv_passed)
            if res.cv_passed is False:
                over = None if res.cv is None else res.cv - res.cv_threshold
                out.append(RegisterItem(
                    key, code, c.year, "resource_allocation", res.rule, lv, "", "", ind,
                    res.cv, res.cv_threshold, over, "",
                    f"{a.standard.name(ind, 'zh')}差异系数 {_num(res.cv)}，"
                    f"超过 {res.cv_threshold:g}",
                    f"CV of {a.standard.name(ind, 'en')} {_num(res.cv)}, above "
                    f"{res.cv_threshold:g}",
                ))  # fmt: skip
        comp = level.composite
        if comp is not None:
            key = f"{code}|{lv}|-|cv|composite"
            scope[key] = _state(comp.passed)
            if comp.passed is False:
                over = None if comp.value is None else comp.value - comp.threshold
                out.append(RegisterItem(
                    key, code, c.year, "inter_school_balance", comp.rule, lv, "", "",
                    "composite_cv", comp.value, comp.threshold, over, "",
                    f"综合差异系数 {_num(comp.value)}，超过 {comp.threshold:g}",
                    f"Composite CV {_num(comp.value)}, above {comp.threshold:g}",
                ))  # fmt: skip
    for part in c.parts.values():
        for r in part.rules:
            if r.kind not in _COUNTY_KINDS:
                continue
            key = f"{code}|-|-|rule|{r.id}"
            scope[key] = _state(r.passed)
            if r.passed is False:
                value = r.detail.get("value")
                out.append(RegisterItem(
                    key, code, c.year, part.id, r.id, "", "", "", "",
                    value if isinstance(value, int | float) and not isinstance(value, bool)
                    else None, None, None, "", f"{part.zh}：本项未达标",
                    f"{part.en}: not met ({r.message})",
                ))  # fmt: skip
    return out


def _with_plan(items: Sequence[RegisterItem], plan: Any) -> list[RegisterItem]:
    """Each planned addition on the first item of its school (and level, unless it serves the
    whole school: ``level == "all"``)."""
    adds: dict[tuple[str, str], list[Any]] = {}
    for cp in plan.counties:
        for add in cp.additions:
            adds.setdefault((cp.county_code, add.school_id), []).append(add)
    out = []
    used: set[int] = set()
    for item in items:
        planned = [
            a for a in adds.get((item.county_code, item.school_id), [])
            if id(a) not in used and a.level in (item.level, "all")
        ]  # fmt: skip
        if not item.school_id or not planned:
            out.append(item)
            continue
        used.update(id(a) for a in planned)
        measure = "；".join(f"{a.column} +{a.amount:g} {a.unit}" for a in planned)
        out.append(replace(item, measure=measure, cost=float(sum(a.cost for a in planned))))
    return out


def _state(passed: bool | None) -> str:
    return {True: "met", False: "missed", None: "undecided"}[passed]


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.4g}"

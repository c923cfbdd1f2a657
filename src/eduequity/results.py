"""The result objects of one county: its levels, indicators, school sections, parts, rules.

Each class only stores what the evaluation decided and computed (built from its arrays by
:mod:`eduequity.evaluation.build`); ``to_dict()`` gives its part of the JSON contract
(unrounded doubles; an undefined number is ``null`` with a reason beside it, never NaN).
Verdicts are ``True`` / ``False`` / ``None`` as :mod:`eduequity.verdicts` names them.
:class:`~eduequity.assessment.Assessment` holds the counties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from eduequity.defects import Defect
from eduequity.provenance import Provenance
from eduequity.verdicts import status_of

__all__ = [
    "CompositeResult",
    "CountyResult",
    "IndicatorResult",
    "LevelResult",
    "Miss",
    "PartResult",
    "RuleResult",
    "SchoolResult",
    "StandardInfo",
    "county_failures",
    "num",
]


def num(value: float | None) -> float | None:
    """A JSON-safe number: NaN and ±inf become None."""
    if value is None:
        return None
    v = float(value)
    return v if math.isfinite(v) else None


@dataclass(frozen=True)
class StandardInfo:
    """Which rule set was applied: id, revision, digest of the resolved set, titles."""

    id: str
    revision: int
    digest: str
    title_zh: str
    title_en: str
    document: str
    status: str
    lineage: tuple[str, ...]
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # /2's standard.rules

    def name(self, indicator: str, lang: str) -> str:
        """An indicator's name in ``lang`` (``zh`` or ``en``), its id when unknown."""
        return self.indicators.get(indicator, {}).get(lang, indicator)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "revision": self.revision,
            "digest": self.digest,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "document": self.document,
            "status": self.status,
            "lineage": list(self.lineage),
            "indicators": {k: dict(v) for k, v in self.indicators.items()},
        }


@dataclass(frozen=True)
class Miss:
    """A standard a school section misses: value against threshold, and by how much.

    ``tolerated``: the rule still passes (e.g. 6 of 7 met and this one above the floor).
    ``shortfall`` is in the indicator's unit; ``floor_value`` is the floor the value must
    still reach (k-of-n rules with a floor), ``shortfall_to_floor`` the distance to it.
    The ``*_total`` amounts are what the school lacks in the numerator's own unit
    (``total_unit``: m², yuan, teachers, rooms): the shortfall times the section's pupils
    (or other denominator) over the scale. They are ``None`` for at-most rules (too many
    pupils per computer can be mended more than one way) and where a value is missing.
    """

    rule: str
    part: str
    indicator: str
    comparison: str
    value: float | None
    threshold: float
    shortfall: float | None
    floor_value: float | None
    below_floor: bool | None
    tolerated: bool
    reason: str
    reference: str
    shortfall_total: float | None = None
    shortfall_to_floor: float | None = None
    shortfall_to_floor_total: float | None = None
    total_unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "part": self.part,
            "indicator": self.indicator,
            "comparison": self.comparison,
            "value": num(self.value),
            "threshold": self.threshold,
            "shortfall": num(self.shortfall),
            "shortfall_total": num(self.shortfall_total),
            "floor_value": num(self.floor_value),
            "shortfall_to_floor": num(self.shortfall_to_floor),
            "shortfall_to_floor_total": num(self.shortfall_to_floor_total),
            "total_unit": self.total_unit,
            "below_floor": self.below_floor,
            "tolerated": self.tolerated,
            "reason": self.reason,
            "reference": self.reference,
        }


@dataclass(frozen=True)
class SchoolResult:
    """One in-scope section: its values, its verdict on the level's parts, its misses.

    ``thresholds`` holds the standard each per-school rule applies to this section (the
    first rule naming an indicator). ``passed`` covers the per-school rules of the set's
    level parts (``None`` when none applies); ``rules`` holds every per-school rule's
    verdict; ``failures`` every miss, with its part.
    """

    school_id: str
    school_name: str
    level: str
    school_type: str
    location: str
    students: float
    values: dict[str, float | None]
    passed: bool | None
    rules: dict[str, bool | None]
    failures: tuple[Miss, ...]
    thresholds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "school_id": self.school_id,
            "school_name": self.school_name,
            "school_type": self.school_type,
            "location": self.location,
            "students": self.students,
            "values": {k: num(v) for k, v in self.values.items()},
            "thresholds": dict(self.thresholds),
            "passed": self.passed,
            "rules": dict(self.rules),
            "failures": [m.to_dict() for m in self.failures],
        }


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator in one county and level: weighted mean, CV, threshold and verdict."""

    indicator: str
    zh: str
    en: str
    unit: str
    mean: float | None
    cv: float | None
    cv_undefined_reason: str | None
    cv_threshold: float | None
    cv_passed: bool | None
    n_schools: int
    students: float
    rule: str
    left_out: tuple[dict[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "zh": self.zh,
            "en": self.en,
            "unit": self.unit,
            "mean": num(self.mean),
            "cv": num(self.cv),
        }
        if out["cv"] is None:
            out["cv_undefined_reason"] = self.cv_undefined_reason or "undefined"
        out.update(
            {
                "cv_threshold": self.cv_threshold,
                "cv_passed": self.cv_passed,
                "n_schools": self.n_schools,
                "students": self.students,
                "rule": self.rule,
                "left_out": list(self.left_out),
            }
        )
        return out


@dataclass(frozen=True)
class CompositeResult:
    """The 2012 composite: the plain mean of several CVs, against its threshold."""

    value: float | None
    undefined_reason: str | None
    threshold: float
    passed: bool | None
    indicators: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class LevelResult:
    """Primary or junior sections of one county: indicators, composite, schools, verdict."""

    level: str
    passed: bool | None
    indicators: dict[str, IndicatorResult]
    composite: CompositeResult | None
    schools: tuple[SchoolResult, ...]

    def to_dict(self) -> dict[str, Any]:
        c = self.composite
        out: dict[str, Any] = {
            "passed": self.passed,
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
        }
        if c is None:
            out["composite_cv"] = None
            out["composite_cv_undefined_reason"] = "this standard has no composite CV"
        else:
            out["composite_cv"] = num(c.value)
            if out["composite_cv"] is None:
                out["composite_cv_undefined_reason"] = c.undefined_reason or "undefined"
            out["composite_cv_threshold"] = c.threshold
            out["composite_cv_passed"] = c.passed
            out["composite_cv_indicators"] = list(c.indicators)
        out["schools"] = [s.to_dict() for s in self.schools]
        return out


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict for a county, with its numbers in ``detail``."""

    id: str
    kind: str
    part: str
    reference: str
    certainty: str
    passed: bool | None
    status: str
    message: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "passed": self.passed,
            "status": self.status,
            "message": self.message,
            "reference": self.reference,
            "certainty": self.certainty,
            **self.detail,
        }


@dataclass(frozen=True)
class PartResult:
    """A part of the standard for one county."""

    id: str
    zh: str
    en: str
    passed: bool | None
    status: str
    rules: tuple[RuleResult, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "status": self.status,
            "zh": self.zh,
            "en": self.en,
            "rules": [r.to_dict() for r in self.rules],
        }


@dataclass(frozen=True)
class CountyResult:
    """One county in one year: the verdict over every part, and all that led to it.

    ``inputs`` are the county inputs used (numbers and yes/no); ``provenance`` says, for
    those computed from records, how (by input id; in the JSON the ``provenance`` key, there
    only when some input has one).
    """

    county_code: str
    county_name: str
    year: int
    passed: bool | None
    levels: dict[str, LevelResult]
    parts: dict[str, PartResult]
    excluded: tuple[dict[str, Any], ...]
    inputs: dict[str, Any]
    warnings: tuple[Defect, ...]
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "county_code": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "passed": self.passed,
            "status": status_of(self.passed),
            "levels": {k: v.to_dict() for k, v in self.levels.items()},
            "parts": {k: v.to_dict() for k, v in self.parts.items()},
            "excluded": list(self.excluded),
            "inputs": dict(self.inputs),
        }
        if self.provenance:
            out["provenance"] = {k: p.to_dict() for k, p in self.provenance.items()}
        out["warnings"] = [w.to_dict() for w in self.warnings]
        return out


def county_failures(c: CountyResult) -> list[str]:
    """Every failed item of one county, one line each (English, for logs and tests)."""
    out = []
    head = f"county {c.county_code} ({c.year})"
    for lv, level in c.levels.items():
        for ind in level.indicators.values():
            if ind.cv_passed is False:
                out.append(f"{head} {lv}: CV of {ind.indicator} {ind.cv!r} > {ind.cv_threshold}")
        comp = level.composite
        if comp is not None and comp.passed is False:
            out.append(f"{head} {lv}: composite CV {comp.value!r} > {comp.threshold}")
        for s in level.schools:
            for m in s.failures:
                if m.tolerated:
                    continue
                floor = f" (floor {m.floor_value:g})" if m.floor_value is not None else ""
                out.append(
                    f"{head} {lv}: school {s.school_id} [{m.part}/{m.rule}] {m.indicator} "
                    f"= {m.value!r}, {m.comparison} {m.threshold:g}{floor}"
                )
    for p in c.parts.values():
        for r in p.rules:
            if r.passed is False and r.kind not in _DESCRIBED_ABOVE:
                out.append(f"{head}: [{p.id}/{r.id}] {r.message}")
    return out


_DESCRIBED_ABOVE = ("school_threshold", "school_k_of_n", "county_cv")

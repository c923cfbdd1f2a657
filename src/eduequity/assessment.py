"""The result of :func:`eduequity.evaluate`: every number, threshold, verdict and school.

The classes only store what the evaluation computed; ``to_dict()`` gives the JSON
contract (unrounded doubles; an undefined number is ``null`` with a reason beside it, never
NaN). Verdicts are ``True`` (passed), ``False`` (failed) or ``None`` (not assessed), as
:mod:`eduequity.verdicts` names them. The result knows nothing of its renderers: the
methods that render (``to_text``, ``to_html``, ...) import :mod:`eduequity.report` when
called.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduequity.defects import Defect
from eduequity.errors import StandardNotMetError
from eduequity.verdicts import combine, status_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ASSESSMENT_FORMAT",
    "Assessment",
    "CompositeResult",
    "CountyResult",
    "IndicatorResult",
    "LevelResult",
    "Miss",
    "PartResult",
    "RuleResult",
    "SchoolResult",
    "StandardInfo",
]

ASSESSMENT_FORMAT = "eduequity.assessment/1"


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
    """One county in one year: the verdict over every part, and all that led to it."""

    county_code: str
    county_name: str
    year: int
    passed: bool | None
    levels: dict[str, LevelResult]
    parts: dict[str, PartResult]
    excluded: tuple[dict[str, Any], ...]
    inputs: dict[str, Any]
    warnings: tuple[Defect, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "passed": self.passed,
            "status": status_of(self.passed),
            "levels": {k: v.to_dict() for k, v in self.levels.items()},
            "parts": {k: v.to_dict() for k, v in self.parts.items()},
            "excluded": list(self.excluded),
            "inputs": dict(self.inputs),
            "warnings": [w.to_dict() for w in self.warnings],
        }


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


@dataclass(frozen=True)
class Assessment:
    """Counties evaluated against one standard.

    Use ``to_dict()`` / ``to_json()`` for systems, ``to_text()`` / ``to_markdown()`` for
    people, ``raise_for_failures()`` in test suites. ``counties`` builds each county's
    result when first asked for; ``county_verdicts()`` gives every verdict without that.
    """

    standard: StandardInfo
    counties: Sequence[CountyResult]
    source: str
    warnings: tuple[Defect, ...] = ()
    keys: tuple[tuple[str, int], ...] = ()
    verdicts: tuple[bool | None, ...] = ()

    @property
    def passed(self) -> bool | None:
        """All counties pass (``None`` when none fails but some part is not assessed)."""
        return combine(self.county_verdicts().values())

    def county_verdicts(self) -> dict[tuple[str, int], bool | None]:
        """``(county_code, year) → passed`` for every county, without building the county
        results (cheap for a nation)."""
        if len(self.keys) == len(self.counties):
            return dict(zip(self.keys, self.verdicts, strict=True))
        return {(c.county_code, c.year): c.passed for c in self.counties}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see docs/assessment.md)."""
        return {
            "format": ASSESSMENT_FORMAT,
            "standard": self.standard.to_dict(),
            "source": self.source,
            "passed": self.passed,
            "counties": [c.to_dict() for c in self.counties],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """``to_dict()`` as JSON text (UTF-8 characters kept; never NaN)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def to_text(self, *, lang: str = "zh") -> str:
        """A readable account: per county the verdict and, if it fails, why."""
        from eduequity.report import render_text

        return render_text(self, lang=lang)

    def to_markdown(self, *, lang: str = "zh") -> str:
        """The same account in Markdown, with tables per level."""
        from eduequity.report import render_markdown

        return render_markdown(self, lang=lang)

    def to_html(self, *, lang: str = "zh", plots: bool = True) -> str:
        """The self-contained html report (plots need the ``plot`` extra)."""
        from eduequity.report import render_html

        return render_html(self, lang=lang, plots=plots)

    def to_xlsx(self, path: str | Path, *, lang: str = "zh") -> None:
        """Write the Excel workbook a bureau files (needs the ``excel`` extra)."""
        from eduequity.report import write_xlsx

        write_xlsx(self, path, lang=lang)

    def _repr_html_(self) -> str:
        """Jupyter's view: the verdict of every county."""
        from eduequity.report.html import summary_table

        std = self.standard
        return f"<p><b>{std.id}</b> r{std.revision}</p>" + summary_table(self, "zh")

    def failures(self) -> list[str]:
        """One line per failed item: county, part, rule, school, value against threshold.

        Only failed counties are built (a county with a failed item has failed).
        """
        out: list[str] = []
        for c in self._failed_counties():
            out.extend(county_failures(c))
        return out

    def _failed_counties(self) -> list[CountyResult]:
        if len(self.keys) == len(self.counties):
            return [self.counties[k] for k, v in enumerate(self.verdicts) if v is False]
        return [c for c in self.counties if c.passed is False]

    def raise_for_failures(self) -> None:
        """Raise :class:`~eduequity.errors.StandardNotMetError` if any county fails.

        Counties that are only "not assessed" do not raise; their missing inputs are listed
        in the text report.
        """
        lines = self.failures()
        if lines:
            head = f"standard {self.standard.id} not met:"
            raise StandardNotMetError("\n".join([head, *(f"  {x}" for x in lines)]))

    def to_frame(self) -> pd.DataFrame:
        """One row per county, level and school section (needs the ``pandas`` extra)."""
        from eduequity._optional import require

        pd_mod = require("pandas", "pandas")
        rows = []
        for c in self.counties:
            for lv, level in c.levels.items():
                for s in level.schools:
                    row: dict[str, Any] = {
                        "county_code": c.county_code,
                        "year": c.year,
                        "level": lv,
                        "school_id": s.school_id,
                        "school_name": s.school_name,
                        "students": s.students,
                        "passed": s.passed,
                        "failures": len([m for m in s.failures if not m.tolerated]),
                    }
                    row.update({k: num(v) for k, v in s.values.items()})
                    rows.append(row)
        frame: pd.DataFrame = pd_mod.DataFrame(rows)
        return frame

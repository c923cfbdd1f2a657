"""The schema of rule-set files: what a standard declares (nothing here executes).

A rule-set file is TOML read with :mod:`tomllib`; it can only hold data. Every model is
frozen and refuses unknown keys, so a misspelt key is an error naming the key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eduequity.models import Location, SchoolType
from eduequity.sections import ScopePolicy, SplitWeights, TeachingPointPolicy

__all__ = [
    "ColumnDef",
    "CountyCVRule",
    "CountyEvidenceRule",
    "CountyInputRule",
    "IndicatorDef",
    "InputDef",
    "PartDef",
    "Rule",
    "RuleItem",
    "RuleSet",
    "SchoolRule",
    "ScopeDef",
    "Threshold",
    "VetoRule",
]

Level = Literal["primary", "junior"]
Comparison = Literal["at_least", "at_most"]
Certainty = Literal["confirmed", "restated", "uncertain"]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def parse_ratio(value: float | str) -> float:
    """A threshold as the documents write it: a number, or ``"a:b"`` meaning ``a / b``.

    >>> parse_ratio("10:1"), round(parse_ratio("1:21"), 6), parse_ratio(4.5)
    (10.0, 0.047619, 4.5)
    """
    if isinstance(value, int | float):
        return float(value)
    text = value.replace("：", ":").strip()
    parts = text.split(":")
    if len(parts) != 2:
        raise ValueError(f"expected a number or a ratio 'a:b', got {value!r}")
    try:
        a, b = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"expected a number or a ratio 'a:b', got {value!r}") from None
    if a <= 0 or b <= 0:
        raise ValueError(f"both sides of a ratio must be > 0, got {value!r}")
    return a / b


class Threshold(_Frozen):
    """One threshold value and the schools it applies to.

    The conditions are all optional; a school matches when it meets every condition given.
    Within an item, the first matching threshold applies; a school that matches none is not
    subject to the item. Class-count and build-year bands are half-open: ``classes_min ≤
    classes < classes_below``, ``built_from ≤ built_year < built_before``. ``flag`` makes the
    threshold apply only when the rule set's flag of that name is on.
    """

    value: float
    written: str | None = None
    level: Level | None = None
    location: tuple[Location, ...] | None = None
    school_type: tuple[SchoolType, ...] | None = None
    classes_min: int | None = Field(None, ge=0)
    classes_below: int | None = Field(None, ge=1)
    built_from: int | None = None
    built_before: int | None = None
    boarding: bool | None = None
    flag: Identifier | None = None

    @model_validator(mode="before")
    @classmethod
    def _keep_written(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            data = {**data, "written": data["value"]}
        return data

    @field_validator("value", mode="before")
    @classmethod
    def _ratio(cls, value: object) -> object:
        return parse_ratio(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _bands(self) -> Threshold:
        if (
            self.classes_min is not None
            and self.classes_below is not None
            and self.classes_min >= self.classes_below
        ):
            raise ValueError(
                f"classes_min ({self.classes_min}) must be below classes_below "
                f"({self.classes_below})"
            )
        if (
            self.built_from is not None
            and self.built_before is not None
            and self.built_from >= self.built_before
        ):
            raise ValueError(
                f"built_from ({self.built_from}) must be below built_before ({self.built_before})"
            )
        return self

    def conditions(self) -> dict[str, object]:
        """The conditions given (for reports)."""
        return {
            k: v for k, v in self.model_dump(exclude={"value", "written"}).items() if v is not None
        }


class RuleItem(_Frozen):
    """One indicator of a per-school rule, with its comparison and thresholds."""

    indicator: Identifier
    comparison: Comparison
    thresholds: tuple[Threshold, ...] = Field(min_length=1)
    reference: str | None = None


class _RuleBase(_Frozen):
    id: Identifier
    part: Identifier
    reference: str = Field(min_length=1)
    certainty: Certainty = "restated"
    title: str | None = None


class SchoolRule(_RuleBase):
    """A per-school rule: one indicator (``school_threshold``) or k of n (``school_k_of_n``).

    ``min_met`` (k) or ``max_failed`` (n − k) says how many items may fail; ``floor`` is the
    fraction of its threshold a failing item must still reach (2017: 0.85). A school that
    no threshold of an item applies to cannot fail that item.
    """

    kind: Literal["school_threshold", "school_k_of_n"]
    items: tuple[RuleItem, ...] = Field(min_length=1)
    min_met: int | None = Field(None, ge=0)
    max_failed: int | None = Field(None, ge=0)
    floor: float | None = Field(None, gt=0, le=1)
    inclusive: bool = True

    @model_validator(mode="after")
    def _counts(self) -> SchoolRule:
        n = len(self.items)
        if self.kind == "school_threshold":
            if n != 1:
                raise ValueError(f"a school_threshold rule has exactly 1 item, got {n}")
            if self.min_met is not None or self.max_failed is not None:
                raise ValueError("min_met / max_failed belong to school_k_of_n rules")
            return self
        if (self.min_met is None) == (self.max_failed is None):
            raise ValueError("a school_k_of_n rule needs exactly one of min_met or max_failed")
        if self.min_met is not None and self.min_met > n:
            raise ValueError(f"min_met ({self.min_met}) exceeds the number of items ({n})")
        if self.max_failed is not None and self.max_failed > n:
            raise ValueError(f"max_failed ({self.max_failed}) exceeds the number of items ({n})")
        seen = [i.indicator for i in self.items]
        if len(set(seen)) != n:
            raise ValueError(f"an indicator appears twice among the items: {seen}")
        return self

    @property
    def allowed_failures(self) -> int:
        """How many applicable items may fail (n − k)."""
        if self.kind == "school_threshold":
            return 0
        if self.max_failed is not None:
            return self.max_failed
        assert self.min_met is not None  # guaranteed by the validator
        return len(self.items) - self.min_met


class LevelThreshold(_Frozen):
    """A county threshold for one level."""

    level: Level
    value: float


class CountyCVRule(_RuleBase):
    """County CV maximum: of each indicator (``aggregate = "each"``) or of their mean."""

    kind: Literal["county_cv"]
    indicators: tuple[Identifier, ...] = Field(min_length=1)
    aggregate: Literal["each", "mean"]
    thresholds: tuple[LevelThreshold, ...] = Field(min_length=1)
    inclusive: bool = True
    round_digits: int | None = Field(
        None, ge=0, le=12, description="round CVs before comparing (default: unrounded)"
    )

    @field_validator("thresholds")
    @classmethod
    def _one_per_level(cls, v: tuple[LevelThreshold, ...]) -> tuple[LevelThreshold, ...]:
        levels = [t.level for t in v]
        if len(set(levels)) != len(levels):
            raise ValueError(f"one threshold per level, got {levels}")
        return v


class CountyInputRule(_RuleBase):
    """A county figure compared with a value: ≥, ≤ or =."""

    kind: Literal["county_input"]
    input: Identifier
    comparison: Literal["at_least", "at_most", "equal"]
    value: float
    inclusive: bool = True


class CountyEvidenceRule(_RuleBase):
    """A yes/no item the county must show (true passes)."""

    kind: Literal["county_evidence"]
    input: Identifier


class VetoRule(_RuleBase):
    """A veto: true fails the county whatever else passes."""

    kind: Literal["veto"]
    input: Identifier


Rule = Annotated[
    SchoolRule | CountyCVRule | CountyInputRule | CountyEvidenceRule | VetoRule,
    Field(discriminator="kind"),
]


class IndicatorDef(_Frozen):
    """An indicator: ``scale × (Σ numerator − Σ subtract) / D`` per school section.

    ``D`` is the sum of the ``denominator`` columns (1 when there are none), divided by
    ``denominator_divisor`` and rounded up when ``denominator_rounding = "ceil"``.
    """

    id: Identifier
    zh: str
    en: str
    unit: str = ""
    numerator: tuple[str, ...] = Field(min_length=1)
    subtract: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    scale: float = Field(1.0, gt=0)
    denominator_divisor: float | None = Field(None, gt=0)
    denominator_rounding: Literal["none", "ceil"] = "none"
    basis: Literal["section", "school"] = "section"
    note: str | None = None

    def columns(self) -> tuple[str, ...]:
        return (*self.numerator, *self.subtract, *self.denominator)


class ColumnDef(_Frozen):
    """An extra column of the school table that a rule set uses."""

    id: Identifier
    zh: str
    en: str
    type: Literal["number", "bool"] = "number"
    unit: str = ""


class InputDef(_Frozen):
    """A figure or yes/no the county supplies."""

    id: Identifier
    zh: str
    en: str
    type: Literal["number", "bool"]
    unit: str = ""
    min: float | None = None
    max: float | None = None


class PartDef(_Frozen):
    """A part of the standard; a county passes only when every part passes."""

    id: Identifier
    zh: str
    en: str
    reference: str | None = None


class ScopeDef(_Frozen):
    """Which schools count; turned into a :class:`~eduequity.sections.ScopePolicy`.

    ``split = false`` disables the combined-school split.
    """

    include_private: bool
    include_special: bool
    teaching_points: TeachingPointPolicy
    split: SplitWeights | Literal[False]

    def policy(self) -> ScopePolicy:
        return ScopePolicy(
            include_private=self.include_private,
            include_special=self.include_special,
            teaching_points=self.teaching_points,
            split=self.split or None,
        )


class RuleSet(_Frozen):
    """A resolved rule set: a standard as data, with its parents' rules merged in.

    ``level_parts`` are the parts whose rules make a school's and a level's verdict.
    ``lineage`` lists the sets it was built from, the root first.
    """

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
    revision: int = Field(ge=1)
    title_zh: str
    title_en: str
    document: str
    effective: dt.date | None = None
    status: Literal["complete", "partial"]
    sources: tuple[str, ...] = Field(min_length=1)
    notes: str = ""
    lineage: tuple[str, ...] = ()
    level_parts: tuple[Identifier, ...] = Field(min_length=1)
    flags: dict[str, bool] = Field(default_factory=dict)
    scope: ScopeDef
    parts: tuple[PartDef, ...] = Field(min_length=1)
    columns: tuple[ColumnDef, ...] = ()
    inputs: tuple[InputDef, ...] = ()
    indicators: tuple[IndicatorDef, ...] = ()
    rules: tuple[Rule, ...] = ()

    def part(self, part_id: str) -> PartDef:
        return next(p for p in self.parts if p.id == part_id)

    def indicator(self, indicator_id: str) -> IndicatorDef:
        return next(i for i in self.indicators if i.id == indicator_id)

    def input(self, input_id: str) -> InputDef:
        return next(i for i in self.inputs if i.id == input_id)

"""The rule kinds a rule set declares (per-school thresholds and k of n, county CVs,
county inputs, evidence and vetoes) and the thresholds inside them. Nothing here executes:
the evaluators are elsewhere. Every model is frozen, refuses unknown keys and refuses NaN
and infinities.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eduequity.errors import ConfigurationError
from eduequity.models import Location, SchoolType

__all__ = [
    "CERTAINTIES",
    "CountyCVRule",
    "CountyEvidenceRule",
    "CountyInputRule",
    "LevelThreshold",
    "Rule",
    "RuleItem",
    "SchoolRule",
    "Threshold",
    "VetoRule",
    "parse_ratio",
]

Level = Literal["primary", "junior"]
Comparison = Literal["at_least", "at_most"]
Certainty = Literal["confirmed", "restated", "uncertain"]
CERTAINTIES: tuple[Certainty, ...] = ("confirmed", "restated", "uncertain")
Kind = Literal["standard", "example"]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]


class _Frozen(BaseModel):
    # NaN and infinities are refused everywhere: a NaN limit compares false and would pass.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


def _refused(message: str, code: str, **params: object) -> ConfigurationError:
    """A check of the schema that failed (a ``ValueError`` for pydantic), with the code
    and facts of its sentence (``e.rs.<code>`` in the catalogue)."""
    return ConfigurationError(message, message_code=f"rs.{code}", message_params=params)


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
        raise _refused(
            f"expected a number or a ratio 'a:b', got {value!r}", "not_a_ratio", value=value
        )
    try:
        a, b = float(parts[0]), float(parts[1])
    except ValueError:
        raise _refused(
            f"expected a number or a ratio 'a:b', got {value!r}", "not_a_ratio", value=value
        ) from None
    if a <= 0 or b <= 0:
        raise _refused(
            f"both sides of a ratio must be > 0, got {value!r}", "ratio_sides", value=value
        )
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
    rural_small_school: bool | None = None
    max_class_size_below: int | None = Field(None, ge=1)
    migrant_share_above: float | None = Field(None, ge=0, lt=1)
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
            raise _refused(
                f"classes_min ({self.classes_min}) must be below classes_below "
                f"({self.classes_below})",
                "classes_band", low=self.classes_min, high=self.classes_below,
            )  # fmt: skip
        if (
            self.built_from is not None
            and self.built_before is not None
            and self.built_from >= self.built_before
        ):
            raise _refused(
                f"built_from ({self.built_from}) must be below built_before ({self.built_before})",
                "built_band", low=self.built_from, high=self.built_before,
            )  # fmt: skip
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

    ``unknown_items`` counts items of the document that are not known (so not encoded);
    ``min_met`` / ``max_failed`` are the document's, over all its items. The strict reading
    (the default) counts each unknown item as not met, so ``allowed_failures`` is lowered
    by ``unknown_items``; when ``unknown_items_flag`` names a set flag and that flag is off,
    unknown items are ignored instead (see :meth:`allowed_failures_for`).
    """

    kind: Literal["school_threshold", "school_k_of_n"]
    items: tuple[RuleItem, ...] = Field(min_length=1)
    min_met: int | None = Field(None, ge=0)
    max_failed: int | None = Field(None, ge=0)
    floor: float | None = Field(None, gt=0, le=1)
    inclusive: bool = True
    unknown_items: int = Field(0, ge=0)
    unknown_items_flag: Identifier | None = None

    @model_validator(mode="after")
    def _counts(self) -> SchoolRule:
        n = len(self.items)
        if self.kind == "school_threshold":
            if n != 1:
                raise _refused(f"a school_threshold rule has exactly 1 item, got {n}",
                           "one_item", n=n)  # fmt: skip
            if self.min_met is not None or self.max_failed is not None:
                raise _refused(
                    "min_met / max_failed belong to school_k_of_n rules", "k_of_n_counts"
                )
            if self.unknown_items or self.unknown_items_flag is not None:
                raise _refused("unknown_items belongs to school_k_of_n rules", "k_of_n_unknown")
            return self
        if (self.min_met is None) == (self.max_failed is None):
            raise _refused(
                "a school_k_of_n rule needs exactly one of min_met or max_failed", "k_of_n_one"
            )
        total = n + self.unknown_items
        if self.min_met is not None and self.min_met > total:
            raise _refused(f"min_met ({self.min_met}) exceeds the number of items ({total})",
                       "min_met_exceeds", k=self.min_met, n=total)  # fmt: skip
        if self.max_failed is not None and self.max_failed > total:
            raise _refused(
                f"max_failed ({self.max_failed}) exceeds the number of items ({total})",
                "max_failed_exceeds", k=self.max_failed, n=total,
            )  # fmt: skip
        if self._document_failures() < self.unknown_items:
            raise _refused(
                f"unknown_items ({self.unknown_items}), each counted as not met, exceed the "
                f"{self._document_failures()} failure(s) the document allows: no school "
                "could pass",
                "unknown_items_exceed", unknown=self.unknown_items,
                allowed=self._document_failures(),
            )  # fmt: skip
        seen = [i.indicator for i in self.items]
        if len(set(seen)) != n:
            raise _refused(f"an indicator appears twice among the items: {seen}",
                       "indicator_twice", indicators=seen)  # fmt: skip
        return self

    def _document_failures(self) -> int:
        """n − k over the document's items, unknown ones included."""
        if self.max_failed is not None:
            return self.max_failed
        assert self.min_met is not None  # guaranteed by the validator
        return len(self.items) + self.unknown_items - self.min_met

    @property
    def allowed_failures(self) -> int:
        """How many applicable known items may fail: n − k, less the unknown items (each
        counted as not met: the strict reading)."""
        if self.kind == "school_threshold":
            return 0
        return self._document_failures() - self.unknown_items

    def allowed_failures_for(self, flags: Mapping[str, bool]) -> int:
        """:attr:`allowed_failures` under a set's flags: with ``unknown_items_flag`` off,
        unknown items are ignored (the lenient reading) and n − k failures are allowed among
        the known items.

        >>> item = RuleItem(indicator="x", comparison="at_least", thresholds=[Threshold(value=1)])
        >>> rule = SchoolRule(id="r", part="p", reference="doc", kind="school_k_of_n",
        ...     items=[item], max_failed=1, unknown_items=1, unknown_items_flag="strict")
        >>> rule.allowed_failures, rule.allowed_failures_for({"strict": False})
        (0, 1)
        """
        if self.kind == "school_threshold":
            return 0
        flag = self.unknown_items_flag
        if flag is not None and not flags.get(flag, True):
            return self._document_failures()
        return self.allowed_failures


class LevelThreshold(_Frozen):
    """A county threshold for one level."""

    level: Level
    value: float = Field(ge=0)


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
            raise _refused(f"one threshold per level, got {levels}", "one_per_level", levels=levels)
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

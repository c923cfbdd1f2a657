"""The schema of rule-set files: what a standard declares (nothing here executes).

A rule-set file is TOML read with :mod:`tomllib`; it can only hold data. Every model is
frozen and refuses unknown keys, so a misspelt key is an error naming the key. The rule
kinds live in :mod:`eduequity.rules.kinds` and are re-exported here; this module holds the
set's other entries (indicators, columns, inputs, flags, parts, scope) and the set itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal, TypeVar

from pydantic import Field, model_validator

from eduequity.errors import ConfigurationError, Problem, RuleSetError
from eduequity.rules.kinds import (
    CERTAINTIES,
    Certainty,
    CountyCVRule,
    CountyEvidenceRule,
    CountyInputRule,
    Identifier,
    Kind,
    LevelThreshold,
    Rule,
    RuleItem,
    SchoolRule,
    Threshold,
    VetoRule,
    _Frozen,
    parse_ratio,
)
from eduequity.sections import ScopePolicy, SplitWeights, TeachingPointPolicy

__all__ = [
    "CERTAINTIES",
    "ColumnDef",
    "CountyCVRule",
    "CountyEvidenceRule",
    "CountyInputRule",
    "FlagDef",
    "IndicatorDef",
    "InputDef",
    "LevelThreshold",
    "NumeratorAddition",
    "PartDef",
    "Rule",
    "RuleItem",
    "RuleSet",
    "SchoolRule",
    "ScopeDef",
    "Threshold",
    "VetoRule",
    "parse_ratio",
]


class IndicatorDef(_Frozen):
    """An indicator: ``scale × (Σ numerator − Σ subtract) / D`` per school section.

    ``D`` is the sum of the ``denominator`` columns (1 when there are none), divided by
    ``denominator_divisor`` and rounded up when ``denominator_rounding = "ceil"``.
    ``min`` and ``max`` are the range its values can take (a threshold outside it is refused
    when the set is loaded): 0 and unbounded unless given (percentages: ``max = 100``).
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
    min: float = 0.0
    max: float | None = None

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


class NumeratorAddition(_Frozen):
    """Columns a flag adds to an indicator's numerator, for the schools a case covers.

    A section is covered when every ``when`` column (yes/no, of the school) is true and the
    school's compulsory pupils lie in ``students_min ≤ pupils < students_below`` (each
    bound optional). There the indicator is recomputed with ``columns`` added to its
    numerator (a blank cell adds 0). ``in_cv`` says whether the recomputed values also
    enter the county CVs; by default (``false``) only the per-school checks use them.
    """

    indicator: Identifier
    columns: tuple[Identifier, ...] = Field(min_length=1)
    when: tuple[Identifier, ...] = ()
    students_min: int | None = Field(None, ge=0)
    students_below: int | None = Field(None, ge=1)
    in_cv: bool = False


class FlagDef(_Frozen):
    """What a flag of ``[flags]`` switches, where the case comes from and how sure it is.

    ``columns`` are the school columns the case needs; ``engine`` says how the bundled
    evaluator applies it: ``"thresholds"`` (through thresholds with ``flag = …``),
    ``"applied"`` (by the evaluator: through ``adds``, or a rule's ``unknown_items_flag``),
    or ``"pending"`` (declared ahead of its evaluator: turning it on changes nothing, and
    :func:`~eduequity.evaluate` warns). ``adds`` are the numerator additions it makes.
    """

    id: Identifier
    zh: str
    en: str
    reference: str = Field(min_length=1)
    certainty: Certainty
    columns: tuple[Identifier, ...] = ()
    engine: Literal["thresholds", "applied", "pending"] = "thresholds"
    adds: tuple[NumeratorAddition, ...] = ()
    note: str = ""


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


_Entry = TypeVar("_Entry", PartDef, IndicatorDef, InputDef)


class RuleSet(_Frozen):
    """A resolved rule set: a standard as data, with its parents' rules merged in.

    ``level_parts`` are the parts whose rules make a school's and a level's verdict.
    ``lineage`` lists the sets it was built from, the root first. ``kind`` says what the
    set is: ``"standard"`` (a government text: ``document`` is its number and title) or
    ``"example"`` (an illustration built from other material, such as a school's plan);
    ``year`` is the year of the text.
    """

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
    revision: int = Field(ge=1)
    kind: Kind = "standard"
    title_zh: str
    title_en: str
    document: str = ""
    year: int | None = Field(None, ge=1949, le=2100)
    effective: dt.date | None = None
    status: Literal["complete", "partial"]
    sources: tuple[str, ...] = Field(min_length=1)
    notes: str = ""
    lineage: tuple[str, ...] = ()
    level_parts: tuple[Identifier, ...] = Field(min_length=1)
    flags: dict[str, bool] = Field(default_factory=dict)
    flag_defs: tuple[FlagDef, ...] = ()
    scope: ScopeDef
    parts: tuple[PartDef, ...] = Field(min_length=1)
    columns: tuple[ColumnDef, ...] = ()
    inputs: tuple[InputDef, ...] = ()
    indicators: tuple[IndicatorDef, ...] = ()
    rules: tuple[Rule, ...] = ()

    @model_validator(mode="after")
    def _standard_has_document(self) -> RuleSet:
        if self.kind == "standard" and not self.document.strip():
            raise ConfigurationError(
                'a set of kind "standard" names its document (number and title); '
                'a set built from other material is kind = "example"',
                message_code="rs.standard_needs_document",
            )
        return self

    def part(self, part_id: str) -> PartDef:
        """The part ``part_id``; :class:`~eduequity.errors.RuleSetError` naming it if none."""
        return self._one("parts", self.parts, part_id)

    def indicator(self, indicator_id: str) -> IndicatorDef:
        """The indicator ``indicator_id`` (among those the set's rules use).

        Examples
        --------
        >>> from eduequity.rules import load_rule_set
        >>> try:
        ...     load_rule_set("cn-2012-basic").indicator("books_per_studnet")
        ... except RuleSetError as exc:
        ...     print(exc.problems[0][2][:51])
        no indicator 'books_per_studnet' (indicators: books
        """
        return self._one("indicators", self.indicators, indicator_id)

    def input(self, input_id: str) -> InputDef:
        """The county input ``input_id``; :class:`~eduequity.errors.RuleSetError` if none."""
        return self._one("inputs", self.inputs, input_id)

    def flag_def(self, flag: str) -> FlagDef | None:
        """What flag ``flag`` switches, if the set documents it."""
        return next((f for f in self.flag_defs if f.id == flag), None)

    def certainty_summary(self) -> dict[str, int]:
        """How many rules carry each certainty label (every label, zeros included).

        >>> from eduequity.rules import load_rule_set
        >>> load_rule_set("cn-2012-basic").certainty_summary()
        {'confirmed': 1, 'restated': 2, 'uncertain': 0}
        """
        counts = Counter(r.certainty for r in self.rules)
        return {label: counts.get(label, 0) for label in CERTAINTIES}

    def _one(self, key: str, entries: tuple[_Entry, ...], wanted: str) -> _Entry:
        found = next((e for e in entries if e.id == wanted), None)
        if found is None:
            known = ", ".join(sorted(e.id for e in entries)) or "none"
            noun = key[:-1]
            raise RuleSetError(
                [Problem(self.id, key, f"no {noun} {wanted!r} ({key}: {known})",
                         f"rs.no_such_{noun}", {"wanted": wanted, "known": known})]
            )  # fmt: skip
        return found

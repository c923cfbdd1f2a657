"""Which schools count and how they become sections: the scope policies, as data.

A rule set's ``[scope]`` table is one :class:`ScopePolicy`; :func:`eduequity.build_sections`
applies it. Declared here, apart from :mod:`eduequity.sections` which executes them, so
that the rule-set schema can hold a policy without importing the section builder.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ScopePolicy", "SplitWeights", "TeachingPointPolicy"]


class SplitWeights(BaseModel):
    """Pupil weights for apportioning shared resources of combined schools.

    Defaults: primary : junior : senior = 1 : 1.1 : 1.32 for nine- and twelve-year schools,
    junior : senior = 1 : 1.2 for complete secondary schools (data-format.md, "Combined
    schools"; the weights' origin is unknown, so rule sets and callers may change them).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    primary: float = Field(1.0, gt=0)
    junior: float = Field(1.1, gt=0)
    senior: float = Field(1.32, gt=0)
    complete_junior: float = Field(1.0, gt=0)
    complete_senior: float = Field(1.2, gt=0)

    def for_type(self, school_type: str) -> dict[str, float]:
        """Section weights of one school type."""
        if school_type == "complete_secondary":
            return {"junior": self.complete_junior, "senior": self.complete_senior}
        return {"primary": self.primary, "junior": self.junior, "senior": self.senior}


class TeachingPointPolicy(BaseModel):
    """What to do with teaching points (教学点).

    ``mode``: ``"merge"`` into the parent school's primary section (students, shared
    resources and teachers added after the parent is split); ``"exclude"``; or ``"keep"``
    as a primary school of its own when it has at least ``min_students`` pupils (fewer:
    excluded).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    mode: Literal["merge", "exclude", "keep"] = "merge"
    min_students: int = Field(0, ge=0)


class ScopePolicy(BaseModel):
    """Which schools count, and how they become sections.

    ``split=None`` disables the split: a combined school with students in one section only
    is kept whole in it, one with several sections is excluded and reported.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    include_private: bool = True
    include_special: bool = False
    split: SplitWeights | None = SplitWeights()
    teaching_points: TeachingPointPolicy = TeachingPointPolicy()

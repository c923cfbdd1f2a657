"""What a plan returns: the additions per school, per county and in all, JSON-ready; the
unit costs it priced them with; and the one place it reads a resource verdict."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from eduequity.assessment import Assessment
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["Addition", "CountyPlan", "Plan", "default_costs", "resource_verdict"]


def default_costs() -> dict[str, float]:
    """The illustrative unit costs shipped with eduequity (yuan per unit of each column).

    Examples
    --------
    >>> default_costs()["teachers"] > 0
    True
    """
    text = resources.files("eduequity").joinpath("data/costs.toml").read_text(encoding="utf-8")
    return {k: float(v) for k, v in tomllib.loads(text).items()}


def resource_verdict(county: Any, rs: RuleSet) -> bool | None:
    """A county's verdict on the standard's level parts (the resource part), from the
    verdicts of those parts in its assessment.

    The only place planning combines verdicts: it delegates to the library's verdict
    logic, so a change of that module's home changes this import alone.
    """
    from eduequity.verdicts import combine

    return combine(county.parts[p].passed for p in rs.level_parts if p in county.parts)


@dataclass(frozen=True)
class Addition:
    """Something to add to one school: ``amount`` of ``column`` (in ``unit``) for ``cost``."""

    school_id: str
    level: str
    column: str
    amount: float
    unit: str
    cost: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "school_id": self.school_id,
            "level": self.level,
            "column": self.column,
            "amount": self.amount,
            "unit": self.unit,
            "cost": self.cost,
        }


@dataclass(frozen=True)
class CountyPlan:
    """One county's additions, their cost and the resource verdict before and after.

    ``notes`` are English sentences; ``notes_zh`` the same in Chinese.
    """

    county_code: str
    year: int
    total_cost: float
    additions: tuple[Addition, ...]
    passed_before: bool | None
    passed_after: bool | None
    notes: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "year": self.year,
            "total_cost": self.total_cost,
            "passed_before": self.passed_before,
            "passed_after": self.passed_after,
            "additions": [a.to_dict() for a in self.additions],
            "notes": list(self.notes),
            "notes_zh": list(self.notes_zh),
        }


@dataclass(frozen=True)
class Plan:
    """Plans for every county, the table with them applied, and its assessment."""

    standard: str
    counties: tuple[CountyPlan, ...]
    adjusted: SchoolTable
    after: Assessment
    costs: dict[str, float] = field(default_factory=dict)

    @property
    def total_cost(self) -> float:
        return float(sum(c.total_cost for c in self.counties))

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "total_cost": self.total_cost,
            "costs": dict(self.costs),
            "counties": [c.to_dict() for c in self.counties],
        }

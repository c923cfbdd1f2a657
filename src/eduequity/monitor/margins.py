"""How far each county is from each threshold: margins, warning bands, the binding constraint.

A margin is ``threshold − value`` for a CV (or composite) that must stay at most its
threshold, so a positive margin passes and a negative one fails; its share is the margin
over the threshold. The warning band of a figure is red when it fails, amber when it passes
with a share under the ``amber_share`` the caller gives (10 % by default), green otherwise,
and ``none`` when the figure has no threshold or no value. CVs the standard does not
threshold one by one (2012's, judged through their composite) are kept with no threshold, so
their changes are followed too. A level's *binding constraint* is its figure with the
smallest share: the one closest to, or furthest past, its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

__all__ = ["Bands", "CountyStatus", "LevelStatus", "Margin", "margin"]

Warning = Literal["red", "amber", "green", "none"]
COMPOSITE = "composite_cv"


@dataclass(frozen=True)
class Bands:
    """The warning bands: amber below ``amber_share`` of the threshold, passing.

    Examples
    --------
    >>> Bands().band(passed=True, share=0.05), Bands(amber_share=0.02).band(True, 0.05)
    ('amber', 'green')
    """

    amber_share: float = 0.10

    def __post_init__(self) -> None:
        if not 0 <= self.amber_share < 1:
            from eduequity.errors import ConfigurationError

            raise ConfigurationError(
                f"amber_share must be in [0, 1), got {self.amber_share!r}",
                message_code="amber_share", message_params={"value": self.amber_share},
            )

    def band(self, passed: bool | None, share: float | None) -> Warning:
        if passed is None or share is None:
            return "none"
        if not passed:
            return "red"
        return "amber" if share < self.amber_share else "green"


@dataclass(frozen=True)
class Margin:
    """One CV (or the composite) of a county and level against its threshold."""

    indicator: str
    value: float | None
    threshold: float | None
    passed: bool | None
    warning: Warning

    @property
    def margin(self) -> float | None:
        """``threshold − value`` (``None`` without both)."""
        if self.value is None or self.threshold is None:
            return None
        return self.threshold - self.value

    @property
    def share(self) -> float | None:
        """The margin as a share of the threshold (``None`` without both, or a 0 threshold)."""
        m = self.margin
        if m is None or self.threshold is None or self.threshold == 0:
            return None
        return m / self.threshold

    def to_dict(self) -> dict[str, Any]:
        value, threshold = self.value, self.threshold
        margin = share = None  # as the properties give them, each worked out once
        if value is not None and threshold is not None:
            margin = threshold - value
            share = margin / threshold if threshold != 0 else None
        return {
            "indicator": self.indicator,
            "value": value,
            "threshold": threshold,
            "margin": margin,
            "share": share,
            "passed": self.passed,
            "warning": self.warning,
        }


@dataclass(frozen=True)
class LevelStatus:
    """A county's level in one year: its verdict, margins, binding constraint, sections."""

    level: str
    passed: bool | None
    margins: tuple[Margin, ...]
    sections: int
    failing_sections: int

    @cached_property
    def binding(self) -> Margin | None:
        """The figure with the smallest share of its threshold (``None`` when none has one)."""
        known = [m for m in self.margins if m.share is not None]
        return min(known, key=lambda m: (m.share, m.indicator)) if known else None

    @property
    def warning(self) -> Warning:
        return _worst([m.warning for m in self.margins])

    def to_dict(self) -> dict[str, Any]:
        b = self.binding
        return {
            "passed": self.passed,
            "warning": self.warning,
            "binding": b.indicator if b else None,
            "binding_share": b.share if b else None,
            "sections": self.sections,
            "failing_sections": self.failing_sections,
            "margins": [m.to_dict() for m in self.margins],
        }


@dataclass(frozen=True)
class CountyStatus:
    """A county in one year: its verdict, levels, and where it stands in its region."""

    county_code: str
    county_name: str
    year: int
    passed: bool | None
    levels: dict[str, LevelStatus]
    pupils: float
    failing_parts: tuple[str, ...]

    @cached_property
    def binding(self) -> tuple[str, Margin] | None:
        """The level and figure with the smallest share over both levels."""
        found = [(lv, s.binding) for lv, s in self.levels.items() if s.binding is not None]
        pairs = [(lv, m) for lv, m in found if m is not None]
        if not pairs:
            return None
        return min(pairs, key=lambda p: (p[1].share, p[0], p[1].indicator))

    @property
    def warning(self) -> Warning:
        if self.passed is False:
            return "red"
        worst = _worst([s.warning for s in self.levels.values()])
        return "green" if worst == "none" and self.passed else worst

    def to_dict(self) -> dict[str, Any]:
        b = self.binding
        return {
            "county_code": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "passed": self.passed,
            "warning": self.warning,
            "pupils": self.pupils,
            "failing_parts": list(self.failing_parts),
            "binding": {"level": b[0], **b[1].to_dict()} if b else None,
            "levels": {k: v.to_dict() for k, v in self.levels.items()},
        }


def margin(
    indicator: str,
    value: float | None,
    threshold: float | None,
    passed: bool | None,
    bands: Bands,
) -> Margin:
    """One figure's :class:`Margin`, its warning band decided by ``bands``.

    Examples
    --------
    >>> m = margin("composite_cv", 0.60, 0.65, True, Bands())
    >>> round(m.margin, 6), round(m.share, 6), m.warning
    (0.05, 0.076923, 'amber')
    >>> margin("books_per_student", 0.2, None, None, Bands()).warning
    'none'
    """
    share = None
    if value is not None and threshold:
        share = (threshold - value) / threshold
    return Margin(indicator, value, threshold, passed, bands.band(passed, share))


_ORDER: dict[str, int] = {"red": 3, "amber": 2, "green": 1, "none": 0}


def _worst(warnings: list[Warning]) -> Warning:
    return max(warnings, key=lambda w: _ORDER[w]) if warnings else "none"

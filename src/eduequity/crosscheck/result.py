"""The result of :func:`~eduequity.crosscheck.crosscheck`: every figure, ours beside theirs.

``to_dict()`` gives the JSON contract (``format = "eduequity.crosscheck/1"``; numbers
unrounded, an undefined one ``null``); ``to_text(lang)``, ``to_markdown(lang)`` and
``to_xlsx(path, lang)`` are for people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduequity.crosscheck.conventions import Convention

__all__ = ["CROSSCHECK_FORMAT", "CrossCheck", "FigureCheck", "LevelCheck", "Reproduction"]

CROSSCHECK_FORMAT = "eduequity.crosscheck/1"


@dataclass(frozen=True)
class Reproduction:
    """Conventions (one, or a pair) whose figure matches theirs, and that figure.
    ``exact``: to 1e-9 of the value, not only within the tolerance."""

    conventions: tuple[str, ...]
    value: float
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        return {"conventions": list(self.conventions), "value": self.value, "exact": self.exact}


@dataclass(frozen=True)
class FigureCheck:
    """One of their figures: a CV, a mean or the composite of a county and level.

    ``difference`` is theirs − ours. ``reproduced_by`` lists the smallest sets of
    conventions that reproduce theirs (a pair only when neither of its conventions does
    alone), closest first; for a figure that agrees, only the exact reproductions that
    move our figure (rounding, typically).
    """

    kind: str  # "cv", "mean" or "composite"
    indicator: str | None
    zh: str
    en: str
    row: int | None
    ours: float | None
    theirs: float
    agrees: bool
    ours_undefined_reason: str | None = None
    reproduced_by: tuple[Reproduction, ...] = ()

    @property
    def difference(self) -> float | None:
        return None if self.ours is None else self.theirs - self.ours

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "indicator": self.indicator,
            "zh": self.zh,
            "en": self.en,
            "row": self.row,
            "ours": self.ours,
            "theirs": self.theirs,
            "difference": self.difference,
            "agrees": self.agrees,
        }
        if self.ours is None:
            out["ours_undefined_reason"] = self.ours_undefined_reason or "undefined"
        out["reproduced_by"] = [r.to_dict() for r in self.reproduced_by]
        return out


@dataclass(frozen=True)
class LevelCheck:
    """Their figures of one county and level against ours, and the verdict consequence.

    ``our_verdict``: the standard's CV rules on our figures (from
    :func:`eduequity.evaluate`). ``implied_verdict``: the same rules and thresholds on
    their figures. ``stated_verdict``: their ``passed`` column, if given. ``explanation``:
    the conventions that reproduce the most of their figures (empty when none does better
    than the standard); ``explained`` how many, ``explanation_verdict`` the verdict under
    them.
    """

    county_code: str
    county_name: str
    year: int
    level: str
    figures: tuple[FigureCheck, ...]
    our_verdict: bool | None
    implied_verdict: bool | None
    stated_verdict: bool | None
    explanation: tuple[Convention, ...] = ()
    explained: int = 0
    explanation_verdict: bool | None = None

    @property
    def flips(self) -> bool | None:
        """Our verdict and the one their figures imply differ (``None``: one is not
        decided)."""
        if self.our_verdict is None or self.implied_verdict is None:
            return None
        return self.our_verdict != self.implied_verdict

    @property
    def stated_flips(self) -> bool | None:
        """Our verdict and their stated one differ (``None``: not stated or undecided)."""
        if self.our_verdict is None or self.stated_verdict is None:
            return None
        return self.our_verdict != self.stated_verdict

    @property
    def their_verdict(self) -> bool | None:
        """Their stated verdict when given, else the one their figures imply."""
        return self.stated_verdict if self.stated_verdict is not None else self.implied_verdict

    @property
    def moved(self) -> tuple[FigureCheck, ...]:
        """The figures that do not agree with ours."""
        return tuple(f for f in self.figures if not f.agrees)

    @property
    def agrees(self) -> bool:
        """Every figure agrees and no verdict flips."""
        return not self.moved and not self.flips and not self.stated_flips

    def account(self, lang: str = "en") -> str:
        """The short account: which convention, how many indicators move, the verdicts."""
        from eduequity.crosscheck.account import level_account

        return level_account(self, lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "level": self.level,
            "agrees": self.agrees,
            "our_verdict": self.our_verdict,
            "implied_verdict": self.implied_verdict,
            "stated_verdict": self.stated_verdict,
            "flips": self.flips,
            "stated_flips": self.stated_flips,
            "explanation": [c.id for c in self.explanation],
            "explained": self.explained,
            "explanation_verdict": self.explanation_verdict,
            "account_zh": self.account("zh"),
            "account_en": self.account("en"),
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True)
class CrossCheck:
    """Another system's figures checked against a standard, county by county.

    ``levels`` holds one :class:`LevelCheck` per county, year and level of their figures;
    ``unmatched`` the figures that could not be compared (a county, year, level or
    indicator the data or the standard lack), each with its reason; ``conventions`` the
    conventions tried (those that depart from this standard).
    """

    standard: dict[str, Any]
    source: str
    data_source: str
    rtol: float
    atol: float
    conventions: tuple[Convention, ...]
    levels: tuple[LevelCheck, ...]
    unmatched: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def agrees(self) -> bool:
        """Every figure agrees, no verdict flips and nothing is left unmatched."""
        return not self.unmatched and all(lv.agrees for lv in self.levels)

    @property
    def flips(self) -> tuple[LevelCheck, ...]:
        """The counties and levels whose verdict flips (implied or stated)."""
        return tuple(lv for lv in self.levels if lv.flips or lv.stated_flips)

    def level(self, county_code: str, level: str, year: int | None = None) -> LevelCheck:
        """The check of one county and level (the only year, unless ``year`` is given)."""
        for lv in self.levels:
            same = lv.county_code == county_code and lv.level == level
            if same and (year is None or lv.year == year):
                return lv
        raise KeyError(f"no figures for county {county_code}, level {level}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": CROSSCHECK_FORMAT,
            "standard": dict(self.standard),
            "source": self.source,
            "data_source": self.data_source,
            "tolerance": {"rtol": self.rtol, "atol": self.atol},
            "agrees": self.agrees,
            "conventions": [c.to_dict() for c in self.conventions],
            "levels": [lv.to_dict() for lv in self.levels],
            "unmatched": [dict(u) for u in self.unmatched],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def to_text(self, lang: str = "zh") -> str:
        from eduequity.crosscheck.render import render_text

        return render_text(self, lang)

    def to_markdown(self, lang: str = "zh") -> str:
        from eduequity.crosscheck.render import render_markdown

        return render_markdown(self, lang)

    def to_xlsx(self, path: str | Path, lang: str = "zh") -> None:
        """Write the workbook (needs the ``excel`` extra)."""
        from eduequity.crosscheck.xlsx import write_xlsx

        write_xlsx(self, path, lang)

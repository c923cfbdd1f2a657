"""The monitoring result: county statuses, rankings, changes, regions; JSON and prose.

Rankings order counties within a year by verdict (passed, undecided, failed), then by the
share of the binding constraint's margin (largest first), then by code, for each level and
for the county as a whole (its binding margin over both levels).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eduequity.monitor.changes import Change, CountyChange, NoiseTolerance, Trend
from eduequity.monitor.jsontext import dumps
from eduequity.monitor.margins import Bands, CountyStatus, Margin
from eduequity.monitor.regions import RegionAnalysis, Rollup

__all__ = ["Monitoring", "Ranked"]

FORMAT = "eduequity.monitor/1"
_VERDICT_ORDER = {True: 0, None: 1, False: 2}


@dataclass(frozen=True)
class Ranked:
    """A county's place in one year's ranking (``scope``: ``county``, ``primary``, ``junior``)."""

    year: int
    scope: str
    rank: int
    county_code: str
    passed: bool | None
    binding: str | None
    share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "scope": self.scope,
            "rank": self.rank,
            "county_code": self.county_code,
            "passed": self.passed,
            "binding": self.binding,
            "share": self.share,
        }


@dataclass(frozen=True)
class Monitoring:
    """Counties over years against one standard (see :func:`eduequity.monitor`)."""

    standard: str
    by: str
    bands: Bands
    tolerance: NoiseTolerance
    counties: tuple[CountyStatus, ...]
    changes: tuple[Change, ...]
    county_changes: tuple[CountyChange, ...]
    trends: tuple[Trend, ...]
    regions: tuple[RegionAnalysis, ...]
    rollups: tuple[Rollup, ...]
    indicator_names: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def name(self, indicator: str, lang: str) -> str:
        """The indicator's name in ``lang`` (the id when the standard does not name it)."""
        if indicator == "composite_cv":
            return "综合差异系数" if lang == "zh" else "Composite CV"
        return self.indicator_names.get(indicator, {}).get(lang, indicator)

    @property
    def years(self) -> list[int]:
        return sorted({c.year for c in self.counties})

    def ranking(self, year: int, scope: str = "county") -> list[Ranked]:
        """The counties of ``year`` ranked for ``scope`` (``county``, ``primary`` or ``junior``)."""
        rows = []
        for c in self.counties:
            if c.year != year:
                continue
            if scope == "county":
                b = c.binding
                passed, binding, share = c.passed, (b[1].indicator if b else None), (
                    b[1].share if b else None
                )
            elif scope in c.levels:
                lv = c.levels[scope]
                m: Margin | None = lv.binding
                passed, binding, share = lv.passed, (m.indicator if m else None), (
                    m.share if m else None
                )
            else:
                continue
            rows.append((c.county_code, passed, binding, share))
        rows.sort(key=lambda r: (_VERDICT_ORDER[r[1]], -(r[3] if r[3] is not None else -1e300),
                                 r[0]))  # fmt: skip
        return [Ranked(year, scope, i + 1, code, passed, binding, share)
                for i, (code, passed, binding, share) in enumerate(rows)]  # fmt: skip

    def regressions(self) -> list[dict[str, Any]]:
        """Counties that went from passed to failed and CVs that crossed their threshold upward."""
        out: list[dict[str, Any]] = [
            {**ch.to_dict(), "kind": "county"} for ch in self.county_changes
            if ch.kind == "regressed"
        ]  # fmt: skip
        out += [{"kind": "cv", **ch.to_dict()} for ch in self.changes if ch.crossed_up]
        return out

    def to_dict(self) -> dict[str, Any]:
        scopes = ("county", "primary", "junior")
        return {
            "format": FORMAT,
            "standard": self.standard,
            "by": self.by,
            "bands": {"amber_share": self.bands.amber_share},
            "tolerance": {"absolute": self.tolerance.absolute, "decimals": self.tolerance.decimals},
            "years": self.years,
            "counties": [c.to_dict() for c in self.counties],
            "rankings": [
                r.to_dict() for y in self.years for s in scopes for r in self.ranking(y, s)
            ],
            "changes": [c.to_dict() for c in self.changes],
            "county_changes": [c.to_dict() for c in self.county_changes],
            "regressions": self.regressions(),
            "newly_passing": [
                c.to_dict() for c in self.county_changes if c.kind == "newly_passing"
            ],
            "trends": [t.to_dict() for t in self.trends],
            "regions": [r.to_dict() for r in self.regions],
            "rollups": [r.to_dict() for r in self.rollups],
            "indicators": {k: dict(v) for k, v in sorted(self.indicator_names.items())},
            "notes": list(self.notes),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False, indent=indent,
        allow_nan=False)``, written by ``orjson`` when installed (the same text)."""
        settings = (self.bands.amber_share, self.tolerance.absolute)
        return dumps(self.to_dict(), indent, finite=settings)

    def to_text(self, *, lang: str = "zh") -> str:
        from eduequity.monitor.render import render_text

        return render_text(self, lang)

    def to_markdown(self, *, lang: str = "zh") -> str:
        from eduequity.monitor.render import render_markdown

        return render_markdown(self, lang)

    def to_html(self, *, lang: str = "zh") -> str:
        from eduequity.monitor.render import render_html

        return render_html(self, lang)

"""The charts of the html report: bar charts as inline SVG (:mod:`eduequity.report.svg`).

A level gets one chart of its CVs against their thresholds, then one per indicator with a
per-school standard: every school's value, sorted, coloured met / tolerated / missed, the
standard drawn and labelled, the unit in the report's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eduequity.report.names import (
    Names,
    cell_digits,
    fmt_compared,
    fmt_number,
    fmt_threshold,
    fmt_value,
    whole_column,
)
from eduequity.report.svg import Bar, bar_chart

if TYPE_CHECKING:
    from eduequity.assessment import CountyResult, LevelResult

__all__ = ["level_charts"]


def level_charts(
    c: CountyResult, lv: str, level: LevelResult, names: Names, compact: bool
) -> str:
    """A level's charts: its CVs against their thresholds, then every school's value of each
    indicator with a per-school standard, sorted, the standard drawn and labelled."""
    charts = []
    place = f"{c.county_code} {c.county_name}".strip()
    items = list(level.indicators.values())
    if items:
        bars = []
        for ind in items:
            limit = ind.cv_threshold
            if limit is None and level.composite is not None:
                limit = level.composite.threshold
            state = "none" if ind.cv_passed is None else "met" if ind.cv_passed else "missed"
            cv = ind.cv if ind.cv is not None else 0.0
            shown = names.t("undefined") if ind.cv is None else fmt_number(ind.cv, 3)
            bars.append(Bar(names.indicator(ind.indicator), cv, limit, state, shown))
        limits = {b.threshold for b in bars if b.threshold is not None}
        label = names.t("threshold") + (
            f" ≤ {fmt_threshold(limits.pop())}" if len(limits) == 1 else ""
        )
        charts.append(
            bar_chart(
                bars,
                title=f"{names.t('plot.cvs')} · {place} · {names.level(lv)}",
                axis=names.t("cv"),
                threshold_label=label,
            )
        )
    with_standard = [k for k in level.indicators if any(k in s.thresholds for s in level.schools)]
    legend = {
        "met": names.t("plot.met"),
        "missed": names.t("plot.missed"),
        "tolerated": names.t("tolerated_short"),
    }
    for k in with_standard:
        charts.append(_school_chart(k, c, lv, level, names, place, legend, compact))
    return "".join(charts)


def _school_chart(
    k: str,
    c: CountyResult,
    lv: str,
    level: LevelResult,
    names: Names,
    place: str,
    legend: dict[str, str],
    compact: bool,
) -> str:
    rows = []
    whole = whole_column([s.values.get(k) for s in level.schools])
    for s in level.schools:
        v = s.values.get(k)
        if v is None:
            continue
        limit = s.thresholds.get(k)
        m = next((m for m in s.failures if m.indicator == k), None)
        state = "met" if m is None else "tolerated" if m.tolerated else "missed"
        base = cell_digits(v, whole)
        shown = (
            fmt_value(v, base)
            if limit is None or m is None
            else fmt_compared(v, limit, m.comparison, base=base)
        )
        rows.append(Bar(s.school_name or s.school_id, v, limit, state, shown))
    rows.sort(key=lambda b: b.value, reverse=True)
    unit = names.indicator_unit(k)
    limits = {b.threshold for b in rows if b.threshold is not None}
    label = names.t("threshold")
    if len(limits) == 1:
        label += f" {fmt_threshold(limits.pop())}" + (f" {unit}" if unit else "")
    name = names.indicator(k)
    return bar_chart(
        rows,
        title=f"{name} · {place} · {names.level(lv)}",
        axis=name + (f" ({unit})" if unit else ""),
        threshold_label=label,
        legend=legend,
        values=not compact,
    )

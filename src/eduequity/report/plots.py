"""Plots of an assessment, for notebooks (needs the ``plot`` extra: matplotlib).

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
figure state, no GUI backend). Labels are in the language asked for; per-school plots are
horizontal bars sorted by value with the schools' names, the standard drawn and labelled,
the unit in the plot's language. SVG output keeps text as text (``svg.fonttype = "none"``),
so a browser draws Chinese with its own fonts. When matplotlib itself has no CJK font
(WenQuanYi, Noto CJK, Source Han, SimHei, …) Chinese labels would be drawn as boxes in
raster output: one warning says so, once, instead of one per missing glyph.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from eduequity._optional import require
from eduequity.errors import ConfigurationError
from eduequity.metrics import lorenz_curve
from eduequity.report.labels import check_lang, text, unit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from eduequity.assessment import Assessment, CountyResult, LevelResult

__all__ = [
    "cjk_font",
    "figure_svg",
    "label_language",
    "plot_cvs",
    "plot_lorenz",
    "plot_school_values",
    "plot_trend",
]

_CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
_MET, _MISSED, _LINE = "#3a7d44", "#c0392b", "#2c3e50"


def cjk_font() -> str | None:
    """The first installed CJK font family matplotlib can use, or ``None``."""
    require("matplotlib", "plot")
    return _cjk_font()


@lru_cache(maxsize=1)
def _cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in installed), None)


@lru_cache(maxsize=1)
def _warn_no_cjk_font() -> None:
    # cached: one warning per process, however many figures are drawn
    warnings.warn(text("plot.no_cjk_font", "en"), UserWarning, stacklevel=4)


def label_language(lang: str) -> str:
    """The language plots will use: ``lang`` (checked). Without a CJK font for matplotlib,
    Chinese stays Chinese (SVG text renders in the browser) and one warning is given."""
    check_lang(lang)
    return lang


def _t(key: str, lang: str) -> str:
    return (
        text(key, lang)
        if key in ("primary", "junior", "cv", "threshold", "composite")
        else (text(f"plot.{key}", lang))
    )


@contextmanager
def _style(lang: str) -> Iterator[str]:
    mpl = require("matplotlib", "plot")
    lang = label_language(lang)
    cjk = cjk_font()
    fonts = ["DejaVu Sans"] if cjk is None else [cjk, "DejaVu Sans"]
    if lang == "en" and cjk is not None:
        fonts.reverse()  # Latin first; the CJK font still draws Chinese names
    rc = {
        "font.family": fonts,  # names, not "sans-serif": resolved when drawn, after this block
        "axes.unicode_minus": False,
        "svg.hashsalt": "eduequity",  # deterministic ids in SVG output
        "svg.fonttype": "none",  # text stays text: the browser draws it with its own fonts
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with mpl.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        yield lang


def _needs_cjk(*labels: str) -> None:
    if any(not s.isascii() for s in labels) and cjk_font() is None:
        _warn_no_cjk_font()


def _pick(
    assessment: Assessment, county: str | None, level: str
) -> tuple[CountyResult, LevelResult]:
    counties = assessment.counties
    if county is not None:
        counties = tuple(c for c in counties if c.county_code == county)
    if not counties:
        known = ", ".join(c.county_code for c in assessment.counties)
        raise ConfigurationError(
            f"county: {county!r} is not in the assessment ({known})",
            message_code="plot_no_county",
            message_params={
                "county": county,
                "known": [c.county_code for c in assessment.counties],
            },
        )
    c = counties[0]
    if level not in c.levels:
        raise ConfigurationError(
            f"level: county {c.county_code} has no {level!r} sections "
            f"(levels: {', '.join(c.levels)})",
            message_code="plot_no_level",
            message_params={"county": c.county_code, "level": level, "levels": list(c.levels)},
        )
    return c, c.levels[level]


def _name(assessment: Assessment, indicator: str, lang: str) -> str:
    return assessment.standard.name(indicator, lang)


def _unit(assessment: Assessment, indicator: str, lang: str) -> str:
    return unit(assessment.standard.indicators.get(indicator, {}).get("unit", ""), lang)


def plot_school_values(
    assessment: Assessment,
    indicator: str,
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """Each school's value of ``indicator`` against its standard: horizontal bars sorted by
    value (largest on top) with the schools' names.

    Bars that miss their school's standard are red; the standard is a labelled dashed line
    (a tick on each bar when schools have different standards).
    """
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    rows = [
        (v, s.thresholds.get(indicator), s.school_name or s.school_id)
        for s in lv.schools
        if (v := s.values.get(indicator)) is not None
    ]
    rows.sort(key=lambda r: r[0])
    comparison = _comparison(assessment, c, indicator)
    with _style(lang) as lang:
        name, u = _name(assessment, indicator, lang), _unit(assessment, indicator, lang)
        title = f"{name} · {_county_label(c)} · {_t(level, lang)}"
        _needs_cjk(title, *(r[2] for r in rows))
        fig = Figure(figsize=(10, 0.26 * len(rows) + 1.6), layout="constrained")
        ax = fig.add_subplot()
        values = np.array([r[0] for r in rows], dtype=float)
        limits = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=float)
        with np.errstate(invalid="ignore"):
            missed = values > limits if comparison == "at_most" else values < limits
        ys = np.arange(len(rows))
        ax.barh(ys, values, color=[_MISSED if m else _MET for m in missed], height=0.7)
        ax.set_yticks(ys, [r[2] for r in rows], fontsize=8)
        finite = limits[np.isfinite(limits)]
        if finite.size and np.all(finite == finite[0]):
            label = f"{_t('threshold', lang)} {finite[0]:g}" + (f" {u}" if u else "")
            ax.axvline(finite[0], color=_LINE, linestyle="--", linewidth=1.5, label=label)
            ax.legend(loc="lower right", frameon=False)
        elif finite.size:
            ax.scatter(limits, ys, marker="|", s=120, color=_LINE, label=_t("threshold", lang))
            ax.legend(loc="lower right", frameon=False)
        ax.set_xlabel(name + (f" ({u})" if u else ""))
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_title(title, fontsize=10)
    return fig


def _county_label(c: CountyResult) -> str:
    return f"{c.county_code} {c.county_name}".strip()


def _comparison(assessment: Assessment, c: CountyResult, indicator: str) -> str:
    for lv in c.levels.values():
        for s in lv.schools:
            for m in s.failures:
                if m.indicator == indicator:
                    return m.comparison
    return "at_least"


def plot_cvs(
    assessment: Assessment, *, county: str | None = None, level: str = "primary", lang: str = "zh"
) -> Figure:
    """The CV of every indicator of the level against its threshold (or the composite's)."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    items = list(lv.indicators.values())
    with _style(lang) as lang:
        names = [_name(assessment, i.indicator, lang) for i in items]
        title = f"{_t('cvs', lang)} · {_county_label(c)} · {_t(level, lang)}"
        _needs_cjk(title, *names)
        fig = Figure(figsize=(10, 0.42 * len(items) + 1.6), layout="constrained")
        ax = fig.add_subplot()
        ys = np.arange(len(items))
        cvs = [i.cv if i.cv is not None else 0.0 for i in items]
        colors = [_MISSED if i.cv_passed is False else _MET for i in items]
        ax.barh(ys, cvs, color=colors)
        ax.set_yticks(ys, names, fontsize=9)
        ax.invert_yaxis()
        limit = next((i.cv_threshold for i in items if i.cv_threshold is not None), None)
        if limit is None and lv.composite is not None and lv.composite.value is not None:
            limit = lv.composite.threshold
            ax.axvline(
                lv.composite.value,
                color=_LINE,
                linestyle=":",
                linewidth=1.2,
                label=f"{_t('composite', lang)} {lv.composite.value:.3f}",
            )
        if limit is not None:
            ax.axvline(
                limit, color=_MISSED, linewidth=1.5, label=f"{_t('threshold', lang)} ≤ {limit:g}"
            )
            ax.legend(loc="lower right", frameon=False)
        ax.set_xlabel(_t("cv", lang))
        ax.set_title(title, fontsize=10)
    return fig


def plot_lorenz(
    assessment: Assessment,
    indicator: str,
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """The Lorenz curve of ``indicator`` over the level's schools, pupils as units."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    c, lv = _pick(assessment, county, level)
    pairs = [(s.values.get(indicator), s.students) for s in lv.schools]
    values = np.array([v for v, _ in pairs if v is not None], dtype=float)
    pupils = np.array([p for v, p in pairs if v is not None], dtype=float)
    with _style(lang) as lang:
        name = _name(assessment, indicator, lang)
        title = f"{_t('lorenz', lang)} · {_county_label(c)} · {_t(level, lang)}"
        _needs_cjk(title, name)
        fig = Figure(figsize=(5.5, 5.5), layout="constrained")
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color="#999999", linewidth=1, label=_t("equality", lang))
        if values.size and values.sum() > 0:
            p, v = lorenz_curve(values, pupils)
            ax.plot(p, v, color=_LINE, linewidth=1.8, label=name)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(_t("population", lang))
        ax.set_ylabel(_t("share", lang))
        ax.legend(loc="upper left", frameon=False, fontsize=8)
        ax.set_title(title, fontsize=10)
    return fig


def plot_trend(
    entries: list[dict[str, Any]],
    *,
    county: str | None = None,
    level: str = "primary",
    lang: str = "zh",
) -> Figure:
    """The CV of each indicator over the years (from :func:`eduequity.trend.trend`), with
    the threshold."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    chosen = [e for e in entries if e["level"] == level]
    if county is not None:
        chosen = [e for e in chosen if e["county_code"] == county]
    if not chosen:
        raise ConfigurationError(
            f"no trend for county {county!r}, level {level!r}",
            message_code="no_trend" if county is not None else "no_trend_any",
            message_params={"county": county, "level": level},
        )
    code = chosen[0]["county_code"]
    chosen = [e for e in chosen if e["county_code"] == code]
    with _style(lang) as lang:
        title = f"{_t('trend', lang)} · {code} · {_t(level, lang)}"
        labels = [str(e.get(lang) or e["indicator"]) for e in chosen]
        _needs_cjk(title, *labels)
        fig = Figure(figsize=(10, 4.5), layout="constrained")
        ax = fig.add_subplot()
        for e, label in zip(chosen, labels, strict=True):
            pts = [(y, v) for y, v in zip(e["years"], e["cv"], strict=True) if v is not None]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
        limit = next((e["threshold"] for e in chosen if e["threshold"] is not None), None)
        if limit is not None:
            ax.axhline(
                limit, color=_MISSED, linewidth=1.5, label=f"{_t('threshold', lang)} ≤ {limit:g}"
            )
        ax.set_xticks(sorted({y for e in chosen for y in e["years"]}))
        ax.set_ylabel(_t("cv", lang))
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title, fontsize=10)
    return fig


def figure_svg(fig: Figure) -> str:
    """The figure as SVG text, deterministic (no date, fixed ids), text kept as text."""
    mpl: Any = require("matplotlib", "plot")
    buf = io.StringIO()
    with (
        mpl.rc_context({"svg.hashsalt": "eduequity", "svg.fonttype": "none"}),
        warnings.catch_warnings(),
    ):
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()

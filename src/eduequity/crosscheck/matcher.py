"""``crosscheck()``: whose CVs are these, and does the verdict flip?

For every figure of the other system: ours (the standard's definition, from
:func:`eduequity.evaluate`), theirs, the difference, and the conventions that reproduce
theirs, tried alone and in pairs of different axes. Per county and level the conventions
that reproduce the most of their figures are the explanation; the verdicts (ours, the one
their figures imply under the standard's thresholds, the one they state) show whether it
flips.

A figure reproduces theirs when ``|theirs − value| <= atol + rtol · |value|``. The
defaults, ``atol = 0.0005`` and ``rtol = 0.001``, accept a figure printed to three decimals
(as published tables print CVs) and a mean to 0.1 %; rounding to 2 decimals is then told
apart from the standard's unrounded value, rounding to 4 decimals only where it is exact
and changes a verdict (or with a tighter tolerance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from eduequity.crosscheck.conventions import CONVENTIONS, Convention, Recipe
from eduequity.crosscheck.figures import TheirFigure, read_figures
from eduequity.crosscheck.recompute import (
    Key,
    LevelFigures,
    Recomputer,
    cv_indicators,
    cv_rules,
    verdict_of_figures,
)
from eduequity.crosscheck.result import CrossCheck, FigureCheck, LevelCheck, Reproduction
from eduequity.errors import ConfigurationError
from eduequity.io import load_schools
from eduequity.rules import load_rule_set
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["DEFAULT_ATOL", "DEFAULT_RTOL", "crosscheck"]

DEFAULT_RTOL = 1e-3
DEFAULT_ATOL = 5e-4
_EXACT = 1e-9

Combo = tuple[Convention, ...]


_KIND_ZH = {"cv": "差异系数", "mean": "均值", "composite": "综合差异系数"}  # for messages

@dataclass(frozen=True)
class _Wanted:
    """One of their figures to compare: kind, indicator, their value, its row."""

    kind: str
    indicator: str | None
    theirs: float
    row: int


def crosscheck(
    their_figures: Any,
    schools: Any,
    standard: str | RuleSet = "cn-2017-quality",
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    conventions: Sequence[Convention] = CONVENTIONS,
    pairs: bool = True,
) -> CrossCheck:
    """Check another system's figures against ``standard``, county by county.

    Parameters
    ----------
    their_figures
        Their table (a path to CSV/xlsx/JSON, a DataFrame, records; see
        :func:`~eduequity.crosscheck.read_figures`).
    schools
        The school data (anything :func:`eduequity.evaluate` takes).
    standard
        A bundled rule-set id, a rule-set file or a loaded :class:`RuleSet`.
    rtol, atol
        The tolerance ``|theirs − value| <= atol + rtol · |value|`` (defaults 0.001 and
        0.0005: a figure printed to three decimals agrees).
    conventions
        The catalogue to try (default :data:`~eduequity.crosscheck.CONVENTIONS`).
    pairs
        Also try every pair of conventions of different axes (default).

    Returns
    -------
    CrossCheck

    Examples
    --------
    >>> import eduequity as eq
    >>> a = eq.evaluate(eq.load_example(), "cn-2012-basic")
    >>> c = a.counties[0]
    >>> books = c.levels["primary"].indicators["books_per_student"].cv
    >>> r = crosscheck([{"county_code": c.county_code, "level": "primary",
    ...                  "indicator": "生均图书册数", "cv": round(books, 3)}],
    ...                eq.load_example(), "cn-2012-basic")
    >>> r.agrees, r.levels[0].figures[0].agrees
    (True, True)
    """
    if rtol < 0 or atol < 0:
        raise ConfigurationError(
            f"rtol and atol must be >= 0, got rtol={rtol}, atol={atol}",
            message_code="crosscheck_tolerance", message_params={"rtol": rtol, "atol": atol},
        )
    rs = load_rule_set(standard)
    theirs = read_figures(their_figures)
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    wanted_codes = {f.county_code for f in theirs.figures}
    subset = table.select(np.isin(table["county_code"], sorted(wanted_codes)))
    years: dict[str, list[int]] = {}
    for code, data_year in subset.counties():
        years.setdefault(code, []).append(data_year)

    unmatched: list[dict[str, Any]] = []
    groups: dict[Key, list[TheirFigure]] = {}
    indicators = set(cv_indicators(rs))
    for f in theirs.figures:
        reason = None
        year = f.year
        if f.county_code not in years:
            reason = f"the school data have no county {f.county_code}"
        elif year is None:
            if len(years[f.county_code]) > 1:
                listed = ", ".join(map(str, years[f.county_code]))
                reason = f"county {f.county_code} has years {listed} in the data: give a year"
            else:
                year = years[f.county_code][0]
        elif year not in years[f.county_code]:
            reason = f"the school data have no year {year} for county {f.county_code}"
        if reason is None and f.indicator is not None and f.indicator not in indicators:
            reason = f"{f.indicator} is not an indicator of the CV rules of {rs.id}"
        given = (f.cv, f.mean, f.composite, f.passed)
        if reason is None and f.indicator is not None and all(v is None for v in given):
            reason = "the row gives no figure"
        if reason is not None or year is None:
            unmatched.append({**f.to_dict(), "reason": reason})
            continue
        groups.setdefault((f.county_code, year, f.level), []).append(f)

    rec = Recomputer(subset, rs)
    combos = _combos(rec.standard, rs, conventions, pairs)
    levels: list[LevelCheck] = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2] != "primary")):
        ours = rec.figures(rec.standard, key)
        if ours is None:
            for f in groups[key]:
                reason = f"the school data have no {key[2]} sections in county {key[0]}"
                unmatched.append({**f.to_dict(), "reason": reason})
            continue
        wanted, stated = _wanted(groups[key], theirs.source)
        check = _check_level(rec, rs, key, wanted, stated, ours, combos, rtol, atol)
        levels.append(check)
    base = rec.base
    std = base.standard
    return CrossCheck(
        {"id": std.id, "revision": std.revision, "digest": std.digest,
         "title_zh": std.title_zh, "title_en": std.title_en},
        theirs.source,
        table.source,
        rtol,
        atol,
        tuple(c for c in conventions if c.apply(rec.standard, rs) is not None),
        tuple(levels),
        tuple(unmatched),
        tuple(f"column {c!r} of {theirs.source} is not used" for c in theirs.ignored_columns),
    )  # fmt: skip


def _combos(
    standard: Recipe, rs: RuleSet, conventions: Sequence[Convention], pairs: bool
) -> list[tuple[Combo, Recipe]]:
    """The standard, then each applicable convention, then each pair of different axes."""
    out: list[tuple[Combo, Recipe]] = [((), standard)]
    singles = [(c, r) for c in conventions if (r := c.apply(standard, rs)) is not None]
    out.extend(((c,), r) for c, r in singles)
    if pairs:
        for (a, ra), (b, _) in combinations(singles, 2):
            if a.axis == b.axis:
                continue
            both = b.apply(ra, rs)
            if both is not None:
                out.append(((a, b), both))
    return out


def _wanted(figures: list[TheirFigure], source: str) -> tuple[list[_Wanted], bool | None]:
    """Their figures of one county and level, each once (a conflict is an error)."""
    from eduequity.crosscheck.errors import FiguresError

    out: dict[tuple[str, str | None], _Wanted] = {}
    stated: tuple[bool, int] | None = None

    def put(kind: str, indicator: str | None, value: float | None, row: int) -> None:
        if value is None:
            return
        key = (kind, indicator)
        if key in out and out[key].theirs != value:
            raise FiguresError(
                f"{kind} of {indicator or 'the composite'} given twice "
                f"({out[key].theirs} in row {out[key].row}, {value} here)",
                file=source, row=row, column=kind, value=value,
                code="given_twice" if indicator else "composite_twice",
                facts={"kind": {"zh": _KIND_ZH.get(kind, kind), "en": kind},
                       "indicator": indicator, "first": out[key].theirs,
                       "first_row": out[key].row},
            )  # fmt: skip
        out.setdefault(key, _Wanted(kind, indicator, value, row))

    for f in figures:
        if f.indicator is not None:
            put("cv", f.indicator, f.cv, f.row)
            put("mean", f.indicator, f.mean, f.row)
        put("composite", None, f.composite, f.row)
        if f.passed is not None:
            if stated is not None and stated[0] != f.passed:
                raise FiguresError(
                    f"passed given as {stated[0]} in row {stated[1]} and {f.passed} here",
                    file=source, row=f.row, column="passed", value=f.passed,
                    code="passed_twice",
                    facts={"first": {"zh": "是" if stated[0] else "否", "en": stated[0]},
                           "now": {"zh": "是" if f.passed else "否", "en": f.passed},
                           "first_row": stated[1]},
                )  # fmt: skip
            stated = (f.passed, f.row)
    order = {"cv": 0, "mean": 1, "composite": 2}
    ranked = sorted(out.values(), key=lambda w: (order[w.kind], w.row))
    return ranked, None if stated is None else stated[0]


def _value(figures: LevelFigures | None, w: _Wanted) -> float | None:
    if figures is None:
        return None
    if w.kind == "composite":
        return figures.composite
    table = figures.cv if w.kind == "cv" else figures.mean
    return table.get(w.indicator or "")


def _check_level(
    rec: Recomputer,
    rs: RuleSet,
    key: Key,
    wanted: list[_Wanted],
    stated: bool | None,
    ours: LevelFigures,
    combos: list[tuple[Combo, Recipe]],
    rtol: float,
    atol: float,
) -> LevelCheck:
    def close(value: float | None, theirs: float) -> bool:
        return value is not None and abs(theirs - value) <= atol + rtol * abs(value)

    def exact(value: float | None, theirs: float) -> bool:
        return value is not None and abs(theirs - value) <= _EXACT * max(1.0, abs(value))

    code, year, level = key
    # their figures under the standard's rules: their CVs, their composite or their mean
    their_cv = {w.indicator or "": w.theirs for w in wanted if w.kind == "cv"}
    their_composite = next((w.theirs for w in wanted if w.kind == "composite"), None)
    rules = [r for r in cv_rules(rs) if r.aggregate == "mean"]
    if their_composite is None and rules and all(i in their_cv for i in rules[0].indicators):
        given = [their_cv[i] for i in rules[0].indicators]
        their_composite = sum(given) / len(given)
    implied = verdict_of_figures(rs, level, their_cv, their_composite)
    their_verdict = stated if stated is not None else implied

    ours_values = [_value(ours, w) for w in wanted]
    scored = []
    per_combo: list[list[float | None]] = []
    for order, (combo, recipe) in enumerate(combos):
        figs = ours if not combo else rec.figures(recipe, key)
        values = [_value(figs, w) for w in wanted]
        per_combo.append(values)
        score = sum(close(v, w.theirs) for v, w in zip(values, wanted, strict=True))
        n_exact = sum(exact(v, w.theirs) for v, w in zip(values, wanted, strict=True))
        error = sum(abs(w.theirs - v) for v, w in zip(values, wanted, strict=True) if v is not None)
        verdict = None if figs is None else figs.verdict
        verdict_match = their_verdict is not None and verdict == their_verdict
        scored.append(((score, verdict_match, -len(combo), n_exact, -error, -order), order))
    best = max(scored)[1]
    best_combo, _ = combos[best]
    best_figs = ours if not best_combo else rec.figures(combos[best][1], key)

    checks: list[FigureCheck] = []
    ids = [c for c, _ in combos]
    for j, w in enumerate(wanted):
        mine = ours_values[j]
        agrees = close(mine, w.theirs)
        found: list[tuple[bool, float, int, Reproduction]] = []
        alone: set[str] = set()
        for order, combo in enumerate(ids):
            v = per_combo[order][j]
            if not combo or v is None:
                continue
            moves = mine is None or not exact(v, mine)
            hit = exact(v, w.theirs) if agrees else close(v, w.theirs)
            if not (hit and moves):
                continue
            names = tuple(c.id for c in combo)
            if len(combo) > 1 and any(n in alone for n in names):
                continue  # one of the pair reproduces it alone
            if len(combo) == 1:
                alone.add(names[0])
            rep = Reproduction(names, v, exact(v, w.theirs))
            found.append((not rep.exact, abs(w.theirs - v), order, rep))
        found.sort(key=lambda t: t[:3])
        name = _names(rs, w)
        checks.append(
            FigureCheck(
                w.kind, w.indicator, name[0], name[1], w.row, mine, w.theirs, agrees,
                None if mine is not None else _undefined(ours, w, rs),
                tuple(t[3] for t in found),
            )
        )  # fmt: skip
    county = rec.county(rec.standard, code, year)
    return LevelCheck(
        code,
        "" if county is None else county.county_name,
        year,
        level,
        tuple(checks),
        ours.verdict,
        implied,
        stated,
        best_combo,
        scored[best][0][0],
        None if best_figs is None else best_figs.verdict,
    )


def _names(rs: RuleSet, w: _Wanted) -> tuple[str, str]:
    if w.kind == "composite":
        return "综合差异系数", "composite CV"
    ind = rs.indicator(w.indicator or "")
    if w.kind == "mean":
        return f"{ind.zh}（均值）", f"{ind.en} (mean)"
    return ind.zh, ind.en


def _undefined(ours: LevelFigures, w: _Wanted, rs: RuleSet) -> str:
    if w.kind == "composite":
        if not any(r.aggregate == "mean" for r in cv_rules(rs)):
            return f"{rs.id} has no composite CV: each CV is tested"
        return "a CV of the composite is undefined"
    return ours.reason.get(w.indicator or "", "undefined")

"""Columnar results: one tidy table per grain, straight from a :class:`Run`'s arrays.

:func:`columns` gives, for each of ``counties``, ``levels``, ``indicators``, ``rules``,
``sections``, ``misses`` and ``exclusions``, a dict of equal-length numpy columns, built
without a Python object per school; :meth:`~eduequity.assessment.Assessment.to_frames` and
``to_arrow`` wrap them. Column names and values are the JSON's (docs/assessment.md):
verdicts are ``True`` / ``False`` / ``None`` (an object column), statuses the JSON
strings, undefined numbers NaN (``null`` in Arrow and Parquet).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.codes import ExclusionCode
from eduequity.errors import ConfigurationError
from eduequity.evaluation.run import Run
from eduequity.metrics.thresholds import floor_value
from eduequity.rules.schema import CountyCVRule
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, STATUSES, UNDECIDED

__all__ = ["GRAINS", "columns", "in_order", "miss_columns", "section_columns"]

GRAINS = ("counties", "levels", "indicators", "rules", "sections", "misses", "exclusions")
Columns = dict[str, NDArray[Any]]
_BOOL = np.array([False, True, None, None], dtype=object)  # index: code → verdict (−1, −2 last)
_STATUS = np.array([STATUSES[c] for c in (FAIL, PASS, NOT_APPLICABLE, UNDECIDED)], dtype=object)


def _verdicts(codes: NDArray[np.integer[Any]]) -> NDArray[np.object_]:
    """Codes as ``True`` / ``False`` / ``None``."""
    out: NDArray[np.object_] = _BOOL[codes.astype(np.intp)]  # −1, −2 index from the end
    return out


def _statuses(codes: NDArray[np.integer[Any]]) -> NDArray[np.object_]:
    out: NDArray[np.object_] = _STATUS[codes.astype(np.intp)]
    return out


def columns(run: Run, grains: Iterable[str] | None = None) -> dict[str, Columns]:
    """Every grain of ``run`` as columns (see the module docstring), or only ``grains``
    (the others are not built: ``misses`` is the largest by far)."""
    wanted = set(GRAINS if grains is None else grains)
    unknown = sorted(wanted - set(GRAINS))
    if unknown:
        raise ConfigurationError(
            f"grains: expected some of {', '.join(GRAINS)}, got {', '.join(unknown)}"
        )
    code = np.array([k[0] for k in run.keys], dtype=str)
    year = np.array([k[1] for k in run.keys], dtype=np.int64)
    out: dict[str, Columns] = {
        "counties": {
            "county_code": code,
            "county_name": np.array([run.names[k] for k in run.keys], dtype=str),
            "year": year,
            "passed": _verdicts(run.counties),
            "status": _statuses(run.counties),
        }
    }
    # groups g = county·2 + level that have sections: the levels of the JSON
    g = np.flatnonzero([m.size > 0 for m in run.members])
    county, level = g // 2, np.asarray(C.LEVELS)[g % 2]
    levels: Columns = {
        "county_code": code[county],
        "year": year[county],
        "level": level,
        "passed": _verdicts(run.levels[g]),
    }
    composite = [r for r in run.rs.rules if isinstance(r, CountyCVRule) and r.aggregate == "mean"]
    if composite:
        arrays = run.cv_rules[composite[-1].id]
        assert arrays.composite is not None
        has = ~np.isnan(arrays.threshold[g])
        levels["composite_cv"] = np.where(has, arrays.composite[g], np.nan)
        levels["composite_cv_threshold"] = arrays.threshold[g]
        passed = _verdicts(arrays.verdict[g])
        passed[~has | bool(arrays.missing_columns)] = None
        levels["composite_cv_passed"] = passed
    out["levels"] = levels
    if "indicators" in wanted:
        out["indicators"] = _indicators(run, g, code, year, level)
    if "rules" in wanted:
        out["rules"] = _rules(run, code, year)
    if "sections" in wanted:
        out["sections"] = section_columns(run, code, year)
    if "misses" in wanted:
        out["misses"] = miss_columns(run, code, year)
        del out["misses"]["_position"]
    if "exclusions" in wanted:
        out["exclusions"] = _exclusions(run, code, year)
    return {name: out[name] for name in GRAINS if name in wanted}


def _indicators(
    run: Run, g: NDArray[np.intp], code: NDArray[np.str_], year: NDArray[np.int64], level: Any
) -> Columns:
    parts: list[Columns] = []
    seen: set[str] = set()
    for rule in run.rs.rules:
        if not isinstance(rule, CountyCVRule):
            continue
        arrays = run.cv_rules[rule.id]
        for ind in rule.indicators:
            if ind in seen:
                continue
            seen.add(ind)
            iv, table = run.indicators[ind], run.cvs[ind]
            cv = arrays.cv[ind][g]
            reason = np.where(np.isnan(cv), table.reason[g], "")
            if iv.missing_columns:
                reason[:] = f"columns not given: {', '.join(iv.missing_columns)}"
            each = (rule.aggregate == "each") & ~np.isnan(arrays.threshold[g])
            cv_passed = _verdicts(arrays.passed[ind][g])
            cv_passed[~each] = None
            parts.append(
                {
                    "county_code": code[g // 2],
                    "year": year[g // 2],
                    "level": level,
                    "indicator": np.full(g.size, ind, dtype=object),
                    "mean": np.full(g.size, np.nan) if iv.missing_columns else table.mean[g],
                    "cv": cv,
                    "cv_undefined_reason": reason.astype(object),
                    "cv_threshold": np.where(each, arrays.threshold[g], np.nan),
                    "cv_passed": cv_passed,
                    "n_schools": table.n_schools[g],
                    "students": table.students[g],
                    "rule": np.full(g.size, rule.id, dtype=object),
                }
            )
    return _concat(parts, ("county_code", "year", "level", "indicator", "cv"))


def _rules(run: Run, code: NDArray[np.str_], year: NDArray[np.int64]) -> Columns:
    parts = []
    for rule in run.rs.rules:
        codes = run.rules[rule.id]
        parts.append(
            {
                "county_code": code,
                "year": year,
                "part": np.full(code.size, rule.part, dtype=object),
                "id": np.full(code.size, rule.id, dtype=object),
                "kind": np.full(code.size, rule.kind, dtype=object),
                "passed": _verdicts(codes),
                "status": _statuses(codes),
            }
        )
    return _concat(parts, ("county_code", "year", "part", "id", "passed"))


def in_order(run: Run, groups: range | None = None) -> NDArray[np.intp]:
    """The sections of ``groups`` (county·2 + level; all by default), county by county and
    level by level as the JSON lists them, each group's in table order."""
    chosen = run.members if groups is None else [run.members[g] for g in groups]
    return np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.intp)


def section_columns(
    run: Run,
    code: NDArray[np.str_],
    year: NDArray[np.int64],
    *,
    codes: bool = False,
    order: NDArray[np.intp] | None = None,
) -> Columns:
    """The ``sections`` grain, county by county, of the sections ``order`` (all by
    default, see :func:`in_order`); with ``codes``, each per-school rule's verdict codes
    too (``_code:<rule>``, which tell "does not apply" from "undecided")."""
    s, t = run.sections, run.table
    at = in_order(run) if order is None else order
    rows = s.row[at]
    county = run.group[at] // 2
    out: Columns = {
        "county_code": code[county],
        "year": year[county],
        "level": s.level[at],
        "school_id": s.school_id[at],
        "school_name": t["school_name"][rows],
        "school_type": t["school_type"][rows],
        "location": t["location"][rows],
        "students": s.values["students"][at],
        "passed": _verdicts(run.sections_passed[at]),
    }
    for ind, iv in run.indicators.items():
        out[ind] = iv.values[at]
    for rule_id, check in run.checks.items():
        out[f"rule:{rule_id}"] = _verdicts(check.verdict[at])
        if codes:
            out[f"_code:{rule_id}"] = check.verdict[at]
    for ind, held in _thresholds(run, at).items():
        out[f"threshold:{ind}"] = held
    return out


MISS_COLUMNS = (
    "county_code",
    "year",
    "level",
    "school_id",
    "rule",
    "part",
    "indicator",
    "comparison",
    "value",
    "threshold",
    "shortfall",
    "shortfall_total",
    "floor_value",
    "shortfall_to_floor",
    "shortfall_to_floor_total",
    "total_unit",
    "below_floor",
    "tolerated",
    "reason",
    "reference",
)


def _thresholds(run: Run, at: NDArray[np.intp]) -> dict[str, NDArray[np.float64]]:
    """Per indicator, the threshold each section ``at`` is held to: the first per-school
    rule that names the indicator and applies to the section (NaN where none does), as
    each section's ``thresholds`` in the ``/1`` JSON."""
    out: dict[str, NDArray[np.float64]] = {}
    for check in run.checks.values():
        applies = check.verdict[at] != NOT_APPLICABLE
        for item, column in zip(check.rule.items, check.threshold_columns, strict=True):
            held = out.setdefault(item.indicator, np.full(at.size, np.nan))
            given = column[at]
            take = applies & np.isnan(held) & ~np.isnan(given)
            held[take] = given[take]
    return out


def miss_columns(
    run: Run,
    code: NDArray[np.str_],
    year: NDArray[np.int64],
    keys: tuple[str, ...] = MISS_COLUMNS,
    order: NDArray[np.intp] | None = None,
) -> Columns:
    """The ``misses`` grain's columns ``keys`` for the sections ``order`` (all by
    default, see :func:`in_order`), in the order of the JSON (county, level, section, then
    rule and item), and ``_position``: the place of each miss's section in ``order``.
    (A nation has about a million misses: only the columns asked for are built.)"""
    county = run.group // 2
    chosen = in_order(run) if order is None else order
    parts: list[Columns] = []
    kinds: list[dict[str, str]] = []  # per (rule, item): its text fields, gathered at the end
    for check in run.checks.values():
        k = check.check
        if k is None:
            continue
        rule = check.rule
        for j, item in enumerate(rule.items):
            threshold = check.threshold_columns[j]
            missed = check.misses_any[chosen] & ~np.isnan(threshold[chosen])
            missed &= ~k.met[chosen, j]
            place = np.flatnonzero(missed)  # in ``chosen``
            if not place.size:
                continue
            at = chosen[place]
            value = check.value_columns[j][at]
            floor = np.full(at.size, np.nan)
            to_floor = np.full(at.size, np.nan)
            below = np.full(at.size, -1, dtype=np.int8)  # −1: no floor (None)
            if rule.floor is not None:
                floor = floor_value(threshold[at], rule.floor, item.comparison)
                to_floor = k.shortfall_to_floor[at, j]
                below = (np.isnan(value) | (to_floor > 0)).astype(np.int8)
            up = item.comparison == "at_least"
            short = "below standard" if up else "above standard"
            iv = run.indicators[item.indicator]
            none = np.full(at.size, np.nan)
            parts.append(
                {
                    "_section": at,
                    "_place": place,
                    "_kind": np.full(at.size, len(kinds), dtype=np.intp),
                    "value": value,
                    "threshold": threshold[at],
                    "shortfall": k.shortfall[at, j],
                    "shortfall_total": iv.totals(at, k.shortfall[at, j]) if up else none,
                    "floor_value": floor,
                    "shortfall_to_floor": to_floor,
                    "shortfall_to_floor_total": iv.totals(at, to_floor) if up else none,
                    "_below": below,
                    "tolerated": check.verdict[at] == PASS,
                    "_missing": np.isnan(value),
                }
            )
            kinds.append(
                {
                    "rule": rule.id,
                    "part": rule.part,
                    "indicator": item.indicator,
                    "comparison": item.comparison,
                    "reason": short,
                    "reference": item.reference or rule.reference,
                    "total_unit": iv.total_unit,
                }
            )
    fields = ("rule", "part", "indicator", "comparison")
    if not parts:
        empty = np.zeros(0, dtype=object)
        return {**{n: empty for n in keys}, "_position": np.zeros(0, dtype=np.intp)}
    # as the JSON lists them: county, level, section, then rule and item (kinds in order)
    at = np.concatenate([p["_section"] for p in parts])
    kind = np.concatenate([p["_kind"] for p in parts])
    place = np.concatenate([p["_place"] for p in parts])
    by = np.lexsort((kind, place))
    at, kind, place = at[by], kind[by], place[by]

    def column(name: str) -> NDArray[Any]:
        out: NDArray[Any] = np.concatenate([p[name] for p in parts])[by]
        return out

    def text(name: str) -> NDArray[np.object_]:
        out: NDArray[np.object_] = np.array([kd[name] for kd in kinds], dtype=object)[kind]
        return out

    def reason() -> NDArray[np.object_]:
        out = text("reason")
        out[column("_missing")] = "missing value"
        return out

    built: dict[str, Any] = {
        "county_code": lambda: code[county[at]],
        "year": lambda: year[county[at]],
        "level": lambda: run.sections.level[at],
        "school_id": lambda: run.sections.school_id[at],
        "below_floor": lambda: np.array([False, True, None], dtype=object)[
            column("_below").astype(np.intp)
        ],
        "reason": reason,
        **{name: (lambda name=name: text(name)) for name in (*fields, "reference", "total_unit")},
    }
    out = {name: built[name]() if name in built else column(name) for name in keys}
    out["_position"] = place
    return out


def _exclusions(run: Run, code: NDArray[np.str_], year: NDArray[np.int64]) -> Columns:
    """Exclusions then merges, county by county (as each county's ``excluded[]``)."""
    s, t = run.sections, run.table
    rows = np.concatenate([s.exclusion_rows, s.merge_rows])
    n_ex = s.exclusion_rows.size
    fields = list(zip(*s.exclusion_fields, strict=True)) or [(), (), ()]
    merged = ExclusionCode.TEACHING_POINT_MERGED
    level = np.array([*fields[0], *["primary"] * s.merge_rows.size], dtype=object)
    codes = np.array([*fields[1], *[merged.value] * s.merge_rows.size], dtype=object)
    reason = np.array(
        [*fields[2], *["teaching point merged into its parent"] * s.merge_rows.size],
        dtype=object,
    )
    parent = np.full(rows.size, "", dtype=object)
    parent[n_ex:] = t["parent_school_id"][s.merge_rows]
    order = np.concatenate(run.excluded) if run.excluded else np.zeros(0, dtype=np.intp)
    out: Columns = {
        "county_code": t["county_code"][rows],
        "year": t["year"][rows].astype(np.int64),
        "school_id": t["school_id"][rows],
        "level": level,
        "code": codes,
        "reason": reason,
        "parent_school_id": parent,
    }
    assert code.size == year.size == len(run.excluded)
    return {k: v[order] for k, v in out.items()}


def _concat(parts: list[Columns], names: tuple[str, ...]) -> Columns:
    if not parts:
        return {k: np.zeros(0, dtype=object) for k in names}
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}

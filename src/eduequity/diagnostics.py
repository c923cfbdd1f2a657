"""Why a CV is high: each school's weight in it, and the CV without it.

For every county, level and CV indicator of a standard, :func:`cv_diagnostics` lists the
schools ordered by how much the CV falls without them (``cv − cv_without``, computed in
one vectorised pass by :func:`~eduequity.metrics.leave_one_out_cv`, equal to recomputing),
with their share of the weighted squared deviations: the schools to act on first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from eduequity.evaluation.special import special_case_values
from eduequity.indicators import SectionColumns, compute_indicator
from eduequity.io import load_schools
from eduequity.metrics import grouped_cv, leave_one_out_cv, variance_shares
from eduequity.metrics.grouped import group_index
from eduequity.rules.loader import load_rule_set
from eduequity.rules.schema import CountyCVRule, RuleSet
from eduequity.sections import build_sections
from eduequity.table import SchoolTable

__all__ = ["cv_diagnostics"]


def cv_diagnostics(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    *,
    top: int | None = None,
) -> list[dict[str, Any]]:
    """One entry per county, year, level and CV indicator (JSON-ready).

    Each entry: ``cv`` and ``schools``, every section with a value, largest drop first:
    ``school_id``, ``value``, ``students``, ``cv_without`` (``None`` when undefined),
    ``cv_change`` (``cv − cv_without``: positive when the school raises the CV) and
    ``variance_share``. ``top`` keeps the first so many schools of each entry.

    Examples
    --------
    >>> from eduequity import load_example
    >>> d = cv_diagnostics(load_example(), "cn-2017-quality", top=1)
    >>> first = d[0]
    >>> first["level"], first["indicator"], first["schools"][0]["cv_change"] > 0
    ('junior', 'key_teachers_per_100_students', True)
    """
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    rs = load_rule_set(standard)
    sections = build_sections(table, rs.scope.policy())
    columns = SectionColumns(table, sections, rs.columns)
    students = sections.values["students"]
    keys = (sections.county_code, sections.year, sections.level)
    indicators = sorted({i for r in rs.rules if isinstance(r, CountyCVRule) for i in r.indicators})
    out: list[dict[str, Any]] = []
    computed = {i: compute_indicator(rs.indicator(i), columns) for i in indicators}
    _, for_cv = special_case_values(rs, computed, columns)  # as the county CVs see them
    for ind_id in indicators:
        iv = for_cv[ind_id]
        ok = ~np.isnan(iv.values)
        if not ok.any():
            continue
        x, w = iv.values[ok], students[ok]
        groups = tuple(k[ok] for k in keys)
        gi = group_index(groups)
        stat = grouped_cv(x, gi, w)
        without = leave_one_out_cv(x, w, gi.codes)
        shares = variance_shares(x, w, gi.codes)
        ids = sections.school_id[ok]
        for g in range(gi.n_groups):
            members = np.flatnonzero(gi.codes == g)
            cv = float(stat.value[g])
            rows: list[dict[str, Any]] = []
            for i in members.tolist():
                cw = float(without[i])
                rows.append(
                    {
                        "school_id": str(ids[i]),
                        "value": float(x[i]),
                        "students": float(w[i]),
                        "cv_without": cw if np.isfinite(cw) else None,
                        "cv_change": cv - cw if np.isfinite(cw) and np.isfinite(cv) else None,
                        "variance_share": float(shares[i]),
                    }
                )
            rows.sort(key=_largest_drop_first)
            out.append(
                {
                    "county_code": str(gi.keys[0][g]),
                    "year": int(gi.keys[1][g]),
                    "level": str(gi.keys[2][g]),
                    "indicator": ind_id,
                    "cv": cv if np.isfinite(cv) else None,
                    "schools": rows[:top] if top is not None else rows,
                }
            )
    out.sort(key=lambda e: (e["county_code"], e["year"], e["level"], -(e["cv"] or 0.0)))
    return out


def _largest_drop_first(row: dict[str, Any]) -> float:
    change = row["cv_change"]
    return -float(change) if change is not None else float("inf")

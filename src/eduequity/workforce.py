"""The figures of a county report: the teaching workforce and oversized classes.

:func:`workforce_profile` counts full-time teachers by age band (≤ 35, 36–45, ≥ 46), title
(senior, intermediate, junior and below) and degree (postgraduate, bachelor, associate,
below), with each band's share of the teachers and the qualification rate (学历达标率),
per school and per county, from the optional workforce columns. :func:`class_sizes` counts
大班额 (56–65 pupils) and 超大班额 (66 or more) classes per school and county. Columns the
table lacks are reported as such, not as zeros.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.table import SchoolTable

__all__ = ["class_sizes", "workforce_profile"]

BANDS: dict[str, tuple[str, ...]] = {
    "age": ("teachers_age_35_under", "teachers_age_36_45", "teachers_age_46_over"),
    "title": ("teachers_title_senior", "teachers_title_intermediate", "teachers_title_junior"),
    "degree": (
        "teachers_degree_postgraduate",
        "teachers_degree_bachelor",
        "teachers_degree_associate",
        "teachers_degree_below",
    ),
}


def _teachers(table: SchoolTable) -> NDArray[np.float64]:
    both = np.vstack([table["teachers_primary"], table["teachers_junior"]])
    total: NDArray[np.float64] = np.nansum(both, axis=0)
    total[np.isnan(both).all(axis=0)] = np.nan
    return total


def _block(values: dict[str, float], teachers: float) -> dict[str, Any]:
    out: dict[str, Any] = {"teachers": teachers}
    for group, columns in BANDS.items():
        present = [c for c in columns if c in values]
        if not present:
            continue
        out[group] = {
            c: {
                "count": values[c],
                "share": values[c] / teachers if teachers and np.isfinite(values[c]) else None,
            }
            for c in present
        }
    if "teachers_degree_qualified" in values:
        q = values["teachers_degree_qualified"]
        out["qualification_rate"] = q / teachers if teachers and np.isfinite(q) else None
    return out


def workforce_profile(table: SchoolTable) -> dict[str, Any]:
    """Counts and shares per school and per county-year (JSON-ready).

    Examples
    --------
    >>> from eduequity import load_schools
    >>> t = load_schools([{"school_id": "S", "school_type": "primary", "county_code": "100001",
    ...     "year": 2025, "students_primary": 400, "teachers_primary": 20,
    ...     "teachers_age_35_under": 8, "teachers_age_36_45": 7, "teachers_age_46_over": 5,
    ...     "teachers_degree_qualified": 19}])
    >>> p = workforce_profile(t)
    >>> p["counties"][0]["age"]["teachers_age_35_under"], p["counties"][0]["qualification_rate"]
    ({'count': 8.0, 'share': 0.4}, 0.95)
    """
    columns = [c for group in BANDS.values() for c in group] + ["teachers_degree_qualified"]
    given = [c for c in columns if c in table.present]
    teachers = _teachers(table)
    schools = []
    for i in range(len(table)):
        values = {c: float(table[c][i]) for c in given}
        schools.append(
            {
                "county_code": str(table["county_code"][i]),
                "year": int(table["year"][i]),
                "school_id": str(table["school_id"][i]),
                **_block(values, float(teachers[i])),
            }
        )
    counties = []
    for code, year in table.counties():
        rows = (table["county_code"] == code) & (table["year"] == year)
        values = {c: float(np.nansum(table[c][rows])) for c in given}
        counties.append(
            {
                "county_code": code,
                "year": year,
                **_block(values, float(np.nansum(teachers[rows]))),
            }
        )
    return {
        "missing_columns": [c for c in columns if c not in given],
        "counties": counties,
        "schools": schools,
    }


def class_sizes(table: SchoolTable) -> dict[str, Any]:
    """大班额 and 超大班额 classes per school (those with any) and per county-year.

    Examples
    --------
    >>> from eduequity import load_schools
    >>> t = load_schools([{"school_id": "S", "school_type": "primary", "classes": 30,
    ...     "large_classes": 4, "very_large_classes": 1}])
    >>> class_sizes(t)["counties"][0]["large_classes"], class_sizes(t)["counties"][0]["share"]
    (4.0, 0.16666666666666666)
    """
    columns = ("large_classes", "very_large_classes")
    missing = [c for c in columns if c not in table.present]
    if len(missing) == len(columns):
        return {"missing_columns": missing, "counties": [], "schools": []}
    large = np.nan_to_num(table["large_classes"])
    very = np.nan_to_num(table["very_large_classes"])
    classes = table["classes"]
    schools = [
        {
            "county_code": str(table["county_code"][i]),
            "year": int(table["year"][i]),
            "school_id": str(table["school_id"][i]),
            "large_classes": float(large[i]),
            "very_large_classes": float(very[i]),
        }
        for i in np.flatnonzero((large > 0) | (very > 0)).tolist()
    ]
    counties = []
    for code, year in table.counties():
        rows = (table["county_code"] == code) & (table["year"] == year)
        total = float(np.nansum(classes[rows])) if "classes" in table.present else float("nan")
        n = float(large[rows].sum() + very[rows].sum())
        counties.append(
            {
                "county_code": code,
                "year": year,
                "large_classes": float(large[rows].sum()),
                "very_large_classes": float(very[rows].sum()),
                "share": n / total if total > 0 else None,
            }
        )
    return {"missing_columns": missing, "counties": counties, "schools": schools}

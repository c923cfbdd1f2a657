"""A data audit before filing: values a bureau should look at, each naming school, column
and value.

Checks (all per county, year and level, on per-pupil values of the resource columns and
teachers):

- ``unit_10k_suspected``: a value about 10 000 times smaller or larger than the county's
  median, the mark of 万元 entered where 元 is expected (or the reverse);
- ``outlier``: a value both unusual, a robust z-score ``|ln x − median| / (1.4826 · MAD)``
  of the logarithms above ``z_max`` (default 5; per-pupil values vary by factors, not by
  amounts), and far, more than ``factor`` (default 5) times above or below the county's
  median: typing errors (× 10, × 100) rather than schools that are merely poorer or richer,
  which the evaluation itself reports;
- ``jump``: a school's value changing by more than ``jump_factor`` (default 3) between two
  consecutive years of the table;
- the data rules of the loader (negative values, subsets above totals, …): a table that
  fails them is audited as those findings.

Nothing is changed: the audit only reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.metrics.grouped import group_index
from eduequity.sections import ScopePolicy, build_sections
from eduequity.table import SchoolTable

__all__ = ["AuditFinding", "audit"]

# Per-pupil values audited: the shared resources and the teacher counts of each level.
_AUDITED = (
    "teaching_aux_area_m2",
    "sports_ground_area_m2",
    "equipment_value_yuan",
    "teaching_computers",
    "books",
    "multimedia_classrooms",
    "teachers",
)


@dataclass(frozen=True)
class AuditFinding:
    """One value to look at."""

    code: str
    county_code: str
    year: int
    school_id: str
    level: str
    column: str
    value: float
    message: str
    context: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "county_code": self.county_code,
            "year": self.year,
            "school_id": self.school_id,
            "level": self.level,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "context": dict(self.context),
        }

    def text(self, lang: str = "en") -> str:
        """The finding as a sentence in ``lang`` (``en`` is :attr:`message`).

        Examples
        --------
        >>> f = AuditFinding("jump", "999901", 2025, "S1", "primary", "books", 90.0,
        ...                  "…", {"previous": 20.0, "previous_year": 2024, "ratio": 4.5,
        ...                        "limit": 3.0})
        >>> where, what = f.text("zh").split("：")
        >>> where
        '县 999901（2025），学校 S1，小学，图书册数'
        >>> what
        '2025 年生均 90，2024 年为 20（× 4.50，超过 3 倍）'
        """
        if lang != "zh":
            return self.message
        from eduequity import _columns as cols

        x = self.context
        stem = self.column.removesuffix(f"_{self.level}")
        name = cols.BY_ID[self.column].zh if self.column in cols.BY_ID else self.column
        unit = cols.BY_ID[stem].unit if stem in cols.BY_ID else "人"
        level = {"primary": "小学", "junior": "初中"}.get(self.level, self.level)
        head = f"县 {self.county_code}（{self.year}），学校 {self.school_id}，{level}，{name}："
        if self.code == "jump":
            return head + (
                f"{self.year} 年生均 {self.value:.6g}，{x['previous_year']:.0f} 年为 "
                f"{x['previous']:.6g}（× {x['ratio']:.2f}，超过 {x['limit']:g} 倍）"
            )
        what = f"生均 {self.value:.6g} {unit}，是县中位数 {x['median']:.6g} 的 {x['ratio']:.2g} 倍"
        if self.code == "unit_10k_suspected":
            return head + what + "：疑为万元误填为元，或相反"
        return head + what + f"（对数稳健 z 值 {x['z']:.1f} > {x['limit']:g}）"


def audit(
    table: SchoolTable,
    *,
    z_max: float = 5.0,
    factor: float = 5.0,
    jump_factor: float = 3.0,
    min_schools: int = 5,
) -> list[AuditFinding]:
    """Findings in a validated table, sorted by county, year, school and column.

    ``min_schools``: a county level with fewer sections is not screened for outliers (a
    median of three says little).

    Examples
    --------
    >>> from eduequity import load_example
    >>> audit(load_example())
    []
    """
    sections = build_sections(table, ScopePolicy(teaching_points={"mode": "keep"}))
    out: list[AuditFinding] = []
    if len(sections) == 0:
        return out
    gi = group_index((sections.county_code, sections.year, sections.level))
    pupils = sections.values["students"]
    for column in _AUDITED:
        per_pupil = sections.values[column] / pupils
        out += _screen(
            sections, gi.codes, gi.n_groups, per_pupil, column, (z_max, factor), min_schools
        )
        out += _jumps(sections, per_pupil, column, jump_factor)
    out.sort(key=lambda f: (f.county_code, f.year, f.school_id, f.column, f.code))
    return out


def _screen(
    sections: Any,
    codes: NDArray[np.intp],
    n_groups: int,
    x: NDArray[np.float64],
    column: str,
    limits: tuple[float, float],
    min_schools: int,
) -> list[AuditFinding]:
    """Median and MAD of the logarithms per group (sorted once), then the values far from
    them. Zero or missing values are not screened."""
    ok = np.isfinite(x) & (x > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_log = np.where(ok, np.log(np.where(ok, x, 1.0)), np.nan)
    order = np.lexsort((x_log, codes))
    order = order[ok[order]]
    sorted_codes = codes[order]
    starts = np.searchsorted(sorted_codes, np.arange(n_groups))
    ends = np.searchsorted(sorted_codes, np.arange(n_groups), side="right")
    median = np.full(n_groups, np.nan)
    mad = np.full(n_groups, np.nan)
    for g in np.flatnonzero(ends - starts >= min_schools).tolist():
        values = x_log[order[starts[g] : ends[g]]]
        m = float(np.median(values))
        median[g] = m
        mad[g] = float(np.median(np.abs(values - m)))
    found = []
    unit = C.BY_ID[column].unit if column in C.BY_ID else "人"
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = x / np.exp(median[codes])
        z = np.abs(x_log - median[codes]) / (1.4826 * mad[codes])
    ten_k = ok & ((ratio < 3e-4) | (ratio > 3e3))
    z_max, factor = limits
    far = ok & ~ten_k & (z > z_max) & ((ratio > factor) | (ratio < 1 / factor))
    for i in np.flatnonzero(ten_k | far).tolist():
        g = int(codes[i])
        what = "per pupil"
        if ten_k[i]:
            code = "unit_10k_suspected"
            text = (
                f"{x[i]:.6g} {unit} {what} is {ratio[i]:.2g} × the county median "
                f"{np.exp(median[g]):.6g}: 万元 entered as 元, or the reverse?"
            )
        else:
            code = "outlier"
            text = (
                f"{x[i]:.6g} {unit} {what} is {ratio[i]:.2g} × the county median "
                f"{np.exp(median[g]):.6g} (robust z of the logarithm {z[i]:.1f} > {z_max:g})"
            )
        context = {"ratio": float(ratio[i]), "median": float(np.exp(median[g]))}
        if code == "outlier":
            context.update(z=float(z[i]), limit=z_max)
        found.append(_finding(sections, i, code, column, float(x[i]), text, context))
    return found


def _jumps(sections: Any, x: NDArray[np.float64], column: str, factor: float) -> list[AuditFinding]:
    """A school-level value changing more than ``factor`` between consecutive years."""
    key_ids = np.char.add(np.char.add(sections.county_code, "|"), sections.school_id)
    key = np.char.add(np.char.add(key_ids, "|"), sections.level)
    order = np.lexsort((sections.year, key))
    k, y, v = key[order], sections.year[order], x[order]
    same = (k[1:] == k[:-1]) & (y[1:] == y[:-1] + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = v[1:] / v[:-1]
    jump = same & np.isfinite(change) & ((change > factor) | (change < 1 / factor))
    found = []
    for j in np.flatnonzero(jump).tolist():
        i = int(order[j + 1])
        text = (
            f"{v[j + 1]:.6g} per pupil in {int(y[j + 1])} against {v[j]:.6g} in {int(y[j])} "
            f"(× {change[j]:.2f}, more than a factor {factor:g})"
        )
        context = {"previous": float(v[j]), "previous_year": float(y[j]),
                   "ratio": float(change[j]), "limit": factor}  # fmt: skip
        found.append(_finding(sections, i, "jump", column, float(v[j + 1]), text, context))
    return found


def _finding(
    sections: Any, i: int, code: str, column: str, value: float, text: str,
    context: dict[str, float],
) -> AuditFinding:
    school, level = str(sections.school_id[i]), str(sections.level[i])
    county, year = str(sections.county_code[i]), int(sections.year[i])
    name = column if column != "teachers" else f"teachers_{level}"
    message = f"county {county} ({year}), school {school}, {level}, column {name}: {text}"
    return AuditFinding(code, county, year, school, level, name, value, message, context)

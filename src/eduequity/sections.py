"""From schools to sections: scope, the combined-school split, teaching points.

Each section of a combined school (九年一贯制, 十二年一贯制, 完全中学) becomes a school of its
level; its shared resources are apportioned by weighted enrollment. Teaching points (教学点)
are excluded, merged into their parent's primary section, or kept when large enough. Every
unit left out or merged is reported with its reason; nothing is dropped silently. The
policies that say how (:class:`ScopePolicy` and its parts) are declared in
:mod:`eduequity.scope`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity._lookup import find_rows
from eduequity.codes import ExclusionCode
from eduequity.scope import ScopePolicy, SplitWeights, TeachingPointPolicy
from eduequity.table import SchoolTable

__all__ = [
    "Exclusion",
    "Merge",
    "ScopePolicy",
    "Sections",
    "SplitWeights",
    "TeachingPointPolicy",
    "build_sections",
]

Level = Literal["primary", "junior"]


@dataclass(frozen=True)
class Exclusion:
    """A school (or one of its sections) left out, and why."""

    school_id: str
    county_code: str
    year: int
    level: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "school_id": self.school_id,
            "county_code": self.county_code,
            "year": self.year,
            "level": self.level,
            "code": self.code,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Merge:
    """A teaching point merged into its parent's primary section."""

    school_id: str
    parent_school_id: str
    county_code: str
    year: int
    students: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "school_id": self.school_id,
            "parent_school_id": self.parent_school_id,
            "county_code": self.county_code,
            "year": self.year,
            "level": "primary",
            "students": self.students,
            "reason": "teaching point merged into its parent",
        }


@dataclass(frozen=True)
class Sections:
    """School sections of both levels, as columns.

    ``values`` holds, per section: the seven shared resources (apportioned), ``students``
    and the level's teacher columns under their stem names (``teachers``,
    ``qualified_teachers``, …). ``row`` points back into the table.
    """

    level: NDArray[np.str_]
    school_id: NDArray[np.str_]
    county_code: NDArray[np.str_]
    year: NDArray[np.int64]
    row: NDArray[np.intp]
    share: NDArray[np.float64]
    values: dict[str, NDArray[np.float64]]
    exclusion_rows: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, np.intp))
    exclusion_fields: tuple[tuple[str, str, str], ...] = ()  # (level, code, reason) each
    merge_rows: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, np.intp))
    _table: SchoolTable | None = None

    @cached_property
    def excluded(self) -> list[Exclusion]:
        """Every school or section left out, with its code and reason (built on first use:
        ``exclusion_rows`` and ``exclusion_fields`` hold the same, compactly)."""
        if self._table is None or not self.exclusion_fields:
            return []
        t, rows = self._table, self.exclusion_rows
        return [
            Exclusion(i, c, y, level, code, reason)
            for i, c, y, (level, code, reason) in zip(
                t["school_id"][rows].tolist(),
                t["county_code"][rows].tolist(),
                t["year"][rows].tolist(),
                self.exclusion_fields,
                strict=True,
            )
        ]

    @cached_property
    def merged(self) -> list[Merge]:
        """Every teaching point merged into its parent (built on first use)."""
        if self._table is None or not self.merge_rows.size:
            return []
        t, rows = self._table, self.merge_rows
        return [
            Merge(*fields)
            for fields in zip(
                t["school_id"][rows].tolist(),
                t["parent_school_id"][rows].tolist(),
                t["county_code"][rows].tolist(),
                t["year"][rows].tolist(),
                np.nan_to_num(t["students_primary"][rows]).astype(np.int64).tolist(),
                strict=True,
            )
        ]

    def __len__(self) -> int:
        return int(self.level.shape[0])

    def mask(self, level: Level) -> NDArray[np.bool_]:
        """Sections of one level."""
        mask: NDArray[np.bool_] = np.equal(self.level, level)
        return mask


def build_sections(table: SchoolTable, policy: ScopePolicy | None = None) -> Sections:
    """Turn a table of schools into primary and junior sections.

    Examples
    --------
    The split example of data-format.md: 166 primary, 210 junior students, 23 226 books.

    >>> from eduequity import load_schools
    >>> t = load_schools([{"school_id": "S", "school_type": "nine_year", "students_primary": 166,
    ...                    "students_junior": 210, "books": 23226}])
    >>> s = build_sections(t)
    >>> [round(b, 2) for b in s.values["books"].tolist()]
    [9711.63, 13514.37]
    """
    policy = policy or ScopePolicy()
    n = len(table)
    types = table["school_type"]
    ids = table["school_id"]
    county = table["county_code"]
    year = table["year"]
    excluded_rows: list[NDArray[np.intp]] = []
    excluded_fields: list[tuple[str, str, str]] = []

    def exclude(rows: NDArray[np.intp], level: str, code: str, reason: str | list[str]) -> None:
        reasons = [reason] * rows.shape[0] if isinstance(reason, str) else reason
        excluded_rows.append(np.asarray(rows, dtype=np.intp))
        excluded_fields.extend(zip(repeat(level), repeat(code), reasons))

    students = {s: np.nan_to_num(table[f"students_{s}"]) for s in C.SECTIONS}
    of_type = {kind: types == kind for kind in C.TYPE_SECTIONS}  # compared once each
    in_scope = np.ones(n, dtype=bool)
    if not policy.include_private:
        out = np.flatnonzero(table["ownership"] == "private")
        exclude(out, "all", ExclusionCode.PRIVATE_OUT_OF_SCOPE, "private school out of scope")
        in_scope[out] = False
    if not policy.include_special:
        out = np.flatnonzero(of_type["special"])
        exclude(
            out, "all", ExclusionCode.SPECIAL_OUT_OF_SCOPE, "special-education school out of scope"
        )
        in_scope[out] = False

    # Shares of the shared resources per section.
    shares = {lv: np.zeros(n) for lv in C.LEVELS}
    for kind, sections in C.TYPE_SECTIONS.items():
        rows = of_type[kind]
        if not rows.any():
            continue
        if len(sections) == 1:
            shares[sections[0]][rows] = 1.0 if sections[0] in C.LEVELS else 0.0
            continue
        if policy.split is None:
            n_sections = sum((students[s] > 0).astype(int) for s in sections)
            single = rows & (n_sections <= 1)
            for lv in C.LEVELS:
                if lv in sections:
                    shares[lv][single & (students[lv] > 0)] = 1.0
            multi = np.flatnonzero(rows & (n_sections > 1) & in_scope)
            exclude(
                multi,
                "all",
                ExclusionCode.SPLIT_DISABLED,
                "combined school with several sections and the split disabled",
            )
            in_scope[multi] = False
            continue
        weights = policy.split.for_type("nine_year" if kind == "special" else kind)
        denom = sum(weights[s] * students[s] for s in sections if s in weights)
        with np.errstate(divide="ignore", invalid="ignore"):
            for lv in C.LEVELS:
                if lv in sections:
                    part = np.where(denom > 0, weights[lv] * students[lv] / denom, 0.0)
                    shares[lv][rows] = part[rows]

    # Teaching points.
    tp = of_type["teaching_point"] & in_scope
    tp_mode = policy.teaching_points
    merge_into: dict[int, int] = {}
    if tp.any():
        if tp_mode.mode == "exclude":
            exclude(
                np.flatnonzero(tp),
                "primary",
                ExclusionCode.TEACHING_POINT_EXCLUDED,
                "teaching point excluded by policy",
            )
            in_scope[tp] = False
        elif tp_mode.mode == "keep":
            small = np.flatnonzero(tp & (students["primary"] < tp_mode.min_students))
            exclude(
                small,
                "primary",
                ExclusionCode.TEACHING_POINT_TOO_SMALL,
                f"teaching point under {tp_mode.min_students} students",
            )
            in_scope[small] = False
        else:
            merge_into = _find_parents(table, np.flatnonzero(tp), in_scope, students, exclude)
            in_scope[np.flatnonzero(tp)] = False

    # One section per (row, level) with students.
    parts: list[tuple[str, NDArray[np.intp]]] = []
    for lv in C.LEVELS:
        allowed = np.zeros(n, dtype=bool)
        for kind, sections in C.TYPE_SECTIONS.items():
            if lv in sections:
                allowed |= of_type[kind]
        has = allowed & in_scope & (students[lv] > 0) & (shares[lv] > 0)
        empty = np.flatnonzero(allowed & in_scope & (students[lv] <= 0))
        exclude(empty, lv, ExclusionCode.NO_STUDENTS, f"no {lv} students")
        parts.append((lv, np.flatnonzero(has)))

    rows = np.concatenate([p for _, p in parts]).astype(np.intp)
    level = np.concatenate([np.full(p.shape[0], lv) for lv, p in parts])
    share = np.concatenate([shares[lv][p] for lv, p in parts])
    values: dict[str, NDArray[np.float64]] = {
        "students": np.concatenate([students[lv][p] for lv, p in parts])
    }
    for res in C.SHARED_RESOURCE_IDS:
        values[res] = table[res][rows] * share
    for stem, _ in C.TEACHER_STEMS:
        values[stem] = np.concatenate([table[f"{stem}_{lv}"][p] for lv, p in parts])

    merged = _apply_merges(table, merge_into, rows, level, values, students)
    return Sections(
        level,
        ids[rows],
        county[rows],
        year[rows],
        rows,
        share,
        values,
        np.concatenate(excluded_rows) if excluded_rows else np.zeros(0, dtype=np.intp),
        tuple(excluded_fields),
        merged,
        table,
    )


def _find_parents(
    table: SchoolTable,
    tps: NDArray[np.intp],
    in_scope: NDArray[np.bool_],
    students: dict[str, NDArray[np.float64]],
    exclude: Any,
) -> dict[int, int]:
    """Parent row of each mergeable teaching point; the others are excluded with a reason."""
    ids, county, year = table["school_id"], table["county_code"], table["year"]
    parents = table["parent_school_id"]
    pids = parents[tps]
    p = find_rows((ids, county, year), (pids, county[tps], year[tps]))
    no_parent = pids == ""
    not_found = ~no_parent & (p < 0)
    known = np.maximum(p, 0)
    out_of_scope = (p >= 0) & (~in_scope[known] | (table["school_type"][known] == "teaching_point"))
    no_primary = (p >= 0) & ~out_of_scope & (students["primary"][known] <= 0)
    for mask, code, text in (
        (
            no_parent,
            ExclusionCode.TEACHING_POINT_WITHOUT_PARENT,
            "teaching point without parent_school_id",
        ),
        (
            not_found,
            ExclusionCode.PARENT_NOT_FOUND,
            "parent school {} not found in the same county and year",
        ),
        (out_of_scope, ExclusionCode.PARENT_OUT_OF_SCOPE, "parent school {} is out of scope"),
        (
            no_primary,
            ExclusionCode.PARENT_WITHOUT_PRIMARY,
            "parent school {} has no primary section",
        ),
    ):
        if mask.any():
            exclude(tps[mask], "primary", code, [text.format(pid) for pid in pids[mask].tolist()])
    ok = (p >= 0) & ~out_of_scope & ~no_primary
    return dict(zip(tps[ok].tolist(), p[ok].tolist(), strict=True))


def _apply_merges(
    table: SchoolTable,
    merge_into: dict[int, int],
    rows: NDArray[np.intp],
    level: NDArray[np.str_],
    values: dict[str, NDArray[np.float64]],
    students: dict[str, NDArray[np.float64]],
) -> NDArray[np.intp]:
    """Add each teaching point into its parent's primary section; return their rows."""
    if not merge_into:
        return np.zeros(0, dtype=np.intp)
    tps = np.fromiter(merge_into.keys(), dtype=np.intp)
    parent_rows = np.fromiter((merge_into[int(t)] for t in tps), dtype=np.intp)
    # primary sections come first and in row order: find each parent's by binary search
    primary = np.flatnonzero(level == "primary")
    targets = primary[np.searchsorted(rows[primary], parent_rows)]
    np.add.at(values["students"], targets, students["primary"][tps])
    for res in C.SHARED_RESOURCE_IDS:
        _add_keeping_nan(values[res], targets, table[res][tps])
    for stem, _ in C.TEACHER_STEMS:
        _add_keeping_nan(values[stem], targets, table[f"{stem}_primary"][tps])
    return tps


def _add_keeping_nan(
    target: NDArray[np.float64], at: NDArray[np.intp], add: NDArray[np.float64]
) -> None:
    """Add ``add`` into ``target[at]``; a missing value on either side counts as 0 when the
    other side has one, and stays missing when both are missing."""
    was_missing = np.isnan(target)
    received = np.zeros(target.shape[0], dtype=bool)
    received[at[~np.isnan(add)]] = True
    base = np.nan_to_num(target)
    np.add.at(base, at, np.nan_to_num(add))
    base[was_missing & ~received] = np.nan
    target[:] = base

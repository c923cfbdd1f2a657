"""Checks of a rule set beyond its schema: duplicate ids, references between its parts
(parts, inputs, columns, indicators, flags) and thresholds inside their indicator's range;
pydantic errors turned into ``(file, key, message)`` with the file's own keys.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from eduequity import _columns as C
from eduequity.rules.schema import (
    ColumnDef,
    CountyCVRule,
    CountyEvidenceRule,
    CountyInputRule,
    FlagDef,
    IndicatorDef,
    InputDef,
    PartDef,
    Rule,
    RuleSet,
    SchoolRule,
    VetoRule,
)

__all__ = [
    "BY_ID",
    "check_entries",
    "cross_check",
    "duplicate_ids",
    "problems_of",
    "used_indicators",
]

_RULE_KINDS = (
    "school_threshold",
    "school_k_of_n",
    "county_cv",
    "county_input",
    "county_evidence",
    "veto",
)
# Columns an indicator may name besides the canonical numeric columns and declared ones.
_SPECIAL_COLUMNS = ("students", *(stem for stem, _ in C.TEACHER_STEMS))
_NUMERIC_KINDS = ("int", "count", "number", "bool")
BY_ID = ("parts", "columns", "inputs", "indicators", "flag_defs")
"""The lists of a file whose entries are keyed (and merged over a parent) by id."""

_ENTRY_SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "parts": TypeAdapter(PartDef),
    "flag_defs": TypeAdapter(FlagDef),
    "columns": TypeAdapter(ColumnDef),
    "inputs": TypeAdapter(InputDef),
    "indicators": TypeAdapter(IndicatorDef),
    "rules": TypeAdapter(Rule),
}


def duplicate_ids(name: str, raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    problems = []
    for key in (*BY_ID, "rules"):
        seen: set[str] = set()
        for i, entry in enumerate(raw.get(key, [])):
            if not isinstance(entry, dict) or "id" not in entry:
                problems.append((name, f"{key}[{i}]", "every entry needs an id"))
                continue
            if entry["id"] in seen:
                problems.append((name, f"{key}[{i}].id", f"duplicate id {entry['id']!r}"))
            seen.add(entry["id"])
    return problems


def check_entries(name: str, raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each entry of the file's own lists against its schema, so that errors carry the
    file's own positions (``rules[2]``), not those of the merged set."""
    problems: list[tuple[str, str, str]] = []
    for key, schema in _ENTRY_SCHEMAS.items():
        for i, entry in enumerate(raw.get(key, [])):
            try:
                schema.validate_python(entry)
            except ValidationError as exc:
                problems += problems_of(name, exc, raw, prefix=(key, i))
    return problems


def used_indicators(rules: Iterable[Any]) -> set[str]:
    used: set[str] = set()
    for r in rules:
        if not isinstance(r, dict):
            continue
        for item in r.get("items", []) or []:
            if isinstance(item, dict) and isinstance(item.get("indicator"), str):
                used.add(item["indicator"])
        for ind in r.get("indicators", []) or []:
            if isinstance(ind, str):
                used.add(ind)
    return used


def cross_check(
    rs: RuleSet, name: str, unknown: set[str], catalog_ids: Iterable[str]
) -> list[tuple[str, str, str]]:
    """References between the parts of a resolved set (``catalog_ids``: the bundled
    indicator catalog, named in messages about an unknown indicator)."""
    problems: list[tuple[str, str, str]] = []
    parts = {p.id for p in rs.parts}
    inputs = {i.id: i for i in rs.inputs}
    declared = {c.id for c in rs.columns}
    canonical = {c.id for c in C.CANONICAL if c.kind in _NUMERIC_KINDS}
    allowed_columns = canonical | declared | set(_SPECIAL_COLUMNS)
    known_indicators = sorted(set(catalog_ids) | {i.id for i in rs.indicators})
    indicators = {i.id: i for i in rs.indicators}

    def add(key: str, message: str) -> None:
        problems.append((name, key, message))

    for fd in rs.flag_defs:
        if fd.id not in rs.flags:
            add(f"flag_defs[id={fd.id}]", f"documents flag {fd.id!r}, which [flags] lacks")
        for j, addition in enumerate(fd.adds):
            where = f"flag_defs[id={fd.id}].adds[{j}]"
            if addition.indicator not in indicators:
                add(where, f"unknown indicator {addition.indicator!r}")
            for col in (*addition.columns, *addition.when):
                if col not in C.BY_ID and col not in declared:
                    add(where, f"unknown column {col!r}: not a column of the school table")
    for i, lp in enumerate(rs.level_parts):
        if lp not in parts:
            add(f"level_parts[{i}]", f"unknown part {lp!r} (parts: {', '.join(sorted(parts))})")
    for col in sorted(declared & set(C.BY_ID)):
        add(f"columns[id={col}]", f"{col!r} is a canonical column; declare only extra columns")
    for ind in rs.indicators:
        for col in ind.columns():
            if col not in allowed_columns:
                add(
                    f"indicators[id={ind.id}]",
                    f"unknown column {col!r}: not a canonical column of the school table "
                    "and not declared under [[columns]]",
                )
    for rule in rs.rules:
        key = f"rules[id={rule.id}]"
        if rule.part not in parts:
            add(f"{key}.part", f"unknown part {rule.part!r} (parts: {', '.join(sorted(parts))})")
        names: tuple[str, ...] = ()
        if isinstance(rule, SchoolRule):
            names = tuple(item.indicator for item in rule.items)
            flag = rule.unknown_items_flag
            if flag is not None and flag not in rs.flags:
                add(
                    f"{key}.unknown_items_flag",
                    f"unknown flag {flag!r} (flags: {', '.join(rs.flags) or 'none'})",
                )
            for j, item in enumerate(rule.items):
                item_ind = indicators.get(item.indicator)
                for k, th in enumerate(item.thresholds):
                    where = f"{key}.items[{j}].thresholds[{k}]"
                    if th.flag is not None and th.flag not in rs.flags:
                        add(
                            f"{where}.flag",
                            f"unknown flag {th.flag!r} (flags: {', '.join(rs.flags) or 'none'})",
                        )
                    if item_ind is not None and not _within(th.value, item_ind.min, item_ind.max):
                        add(
                            f"{where}.value",
                            f"{th.value:g} is outside the range of {item_ind.id} "
                            f"({_range_text(item_ind.min, item_ind.max)})",
                        )
        elif isinstance(rule, CountyCVRule):
            names = rule.indicators
        elif isinstance(rule, CountyInputRule | CountyEvidenceRule | VetoRule):
            spec = inputs.get(rule.input)
            want = "number" if isinstance(rule, CountyInputRule) else "bool"
            if spec is None:
                add(f"{key}.input", f"unknown input {rule.input!r}: declare it under [[inputs]]")
            elif spec.type != want:
                add(f"{key}.input", f"input {rule.input!r} is {spec.type}; this rule needs {want}")
            elif isinstance(rule, CountyInputRule) and not _within(rule.value, spec.min, spec.max):
                add(
                    f"{key}.value",
                    f"{rule.value:g} is outside the range of input {spec.id} "
                    f"({_range_text(spec.min, spec.max)})",
                )
        for ind_id in names:
            if ind_id in unknown:
                add(
                    f"{key}",
                    f"unknown indicator {ind_id!r} (known: {', '.join(known_indicators)})",
                )
    return problems


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (
        math.isfinite(value) and (low is None or value >= low) and (high is None or value <= high)
    )


def _range_text(low: float | None, high: float | None) -> str:
    lo = "−∞" if low is None else f"{low:g}"
    hi = "∞" if high is None else f"{high:g}"
    return f"{lo} to {hi}"


def problems_of(
    name: str, exc: ValidationError, raw: Any, prefix: tuple[int | str, ...] = ()
) -> list[tuple[str, str, str]]:
    """pydantic errors as (file, key, message); an error on a list left empty by the
    failure of its items (``too_short`` above a deeper error) is dropped as noise."""
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    out = []
    for err, loc in zip(errors, locs, strict=True):
        deeper = any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
        if err["type"] == "too_short" and deeper:
            continue
        out.append((name, _key((*prefix, *loc), raw), err["msg"]))
    return out


def _key(loc: tuple[int | str, ...], raw: Any) -> str:
    """``('rules', 3, 'school_k_of_n', 'floor')`` → ``rules[3] (id 'x').floor``."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts.append(f" (id {node['id']!r})")
            continue
        if step in _RULE_KINDS and not (isinstance(node, dict) and step in node):
            continue  # the discriminator's tag, not a key of the file
        parts.append(f".{step}" if parts else step)
        node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)

"""Checks of a rule set beyond its schema: duplicate ids, references between its parts
(parts, inputs, columns, indicators, flags) and thresholds inside their indicator's range;
pydantic errors turned into ``(file, key, message)`` with the file's own keys.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from eduequity import _columns as C
from eduequity.errors import Problem
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
    problems: list[tuple[str, str, str]] = []
    for key in (*BY_ID, "rules"):
        seen: set[str] = set()
        for i, entry in enumerate(raw.get(key, [])):
            if not isinstance(entry, dict) or "id" not in entry:
                problems.append(
                    Problem(name, f"{key}[{i}]", "every entry needs an id", "rs.needs_id")
                )
                continue
            if entry["id"] in seen:
                problems.append(
                    Problem(name, f"{key}[{i}].id", f"duplicate id {entry['id']!r}",
                            "rs.duplicate_id", {"id": entry["id"]})
                )  # fmt: skip
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

    def add(key: str, message: str, code: str, **params: Any) -> None:
        problems.append(Problem(name, key, message, f"rs.{code}", params))

    for fd in rs.flag_defs:
        if fd.id not in rs.flags:
            add(f"flag_defs[id={fd.id}]", f"documents flag {fd.id!r}, which [flags] lacks",
                "flag_undeclared", flag=fd.id)  # fmt: skip
        for j, addition in enumerate(fd.adds):
            where = f"flag_defs[id={fd.id}].adds[{j}]"
            if addition.indicator not in indicators:
                add(where, f"unknown indicator {addition.indicator!r}", "unknown_indicator",
                    indicator=addition.indicator)  # fmt: skip
            for col in (*addition.columns, *addition.when):
                if col not in C.BY_ID and col not in declared:
                    add(where, f"unknown column {col!r}: not a column of the school table",
                        "unknown_table_column", column=col)  # fmt: skip
    for i, lp in enumerate(rs.level_parts):
        if lp not in parts:
            add(f"level_parts[{i}]", f"unknown part {lp!r} (parts: {', '.join(sorted(parts))})",
                "unknown_part", part=lp, parts=sorted(parts))  # fmt: skip
    for col in sorted(declared & set(C.BY_ID)):
        add(f"columns[id={col}]", f"{col!r} is a canonical column; declare only extra columns",
            "canonical_column", column=col)  # fmt: skip
    for ind in rs.indicators:
        for col in ind.columns():
            if col not in allowed_columns:
                add(
                    f"indicators[id={ind.id}]",
                    f"unknown column {col!r}: not a canonical column of the school table "
                    "and not declared under [[columns]]",
                    "unknown_indicator_column", column=col,
                )  # fmt: skip
    for rule in rs.rules:
        key = f"rules[id={rule.id}]"
        if rule.part not in parts:
            add(f"{key}.part", f"unknown part {rule.part!r} (parts: {', '.join(sorted(parts))})",
                "unknown_part", part=rule.part, parts=sorted(parts))  # fmt: skip
        names: tuple[str, ...] = ()
        if isinstance(rule, SchoolRule):
            names = tuple(item.indicator for item in rule.items)
            flag = rule.unknown_items_flag
            if flag is not None and flag not in rs.flags:
                add(
                    f"{key}.unknown_items_flag",
                    f"unknown flag {flag!r} (flags: {', '.join(rs.flags) or 'none'})",
                    "unknown_flag", flag=flag, flags=list(rs.flags),
                )  # fmt: skip
            for j, item in enumerate(rule.items):
                item_ind = indicators.get(item.indicator)
                for k, th in enumerate(item.thresholds):
                    where = f"{key}.items[{j}].thresholds[{k}]"
                    if th.flag is not None and th.flag not in rs.flags:
                        add(
                            f"{where}.flag",
                            f"unknown flag {th.flag!r} (flags: {', '.join(rs.flags) or 'none'})",
                            "unknown_flag", flag=th.flag, flags=list(rs.flags),
                        )  # fmt: skip
                    if item_ind is not None and not _within(th.value, item_ind.min, item_ind.max):
                        add(
                            f"{where}.value",
                            f"{th.value:g} is outside the range of {item_ind.id} "
                            f"({_range_text(item_ind.min, item_ind.max)})",
                            "outside_range", **_range_params(th.value, item_ind.id,
                                                             item_ind.min, item_ind.max),
                        )  # fmt: skip
        elif isinstance(rule, CountyCVRule):
            names = rule.indicators
        elif isinstance(rule, CountyInputRule | CountyEvidenceRule | VetoRule):
            spec = inputs.get(rule.input)
            want = "number" if isinstance(rule, CountyInputRule) else "bool"
            if spec is None:
                add(f"{key}.input", f"unknown input {rule.input!r}: declare it under [[inputs]]",
                    "unknown_input", input=rule.input)  # fmt: skip
            elif spec.type != want:
                add(f"{key}.input", f"input {rule.input!r} is {spec.type}; this rule needs {want}",
                    "input_type", input=rule.input, type=spec.type, want=want)  # fmt: skip
            elif isinstance(rule, CountyInputRule) and not _within(rule.value, spec.min, spec.max):
                add(
                    f"{key}.value",
                    f"{rule.value:g} is outside the range of input {spec.id} "
                    f"({_range_text(spec.min, spec.max)})",
                    "outside_range", **_range_params(rule.value, spec.id, spec.min, spec.max),
                )  # fmt: skip
        for ind_id in names:
            if ind_id in unknown:
                add(
                    f"{key}",
                    f"unknown indicator {ind_id!r} (known: {', '.join(known_indicators)})",
                    "unknown_indicator_known", indicator=ind_id, known=known_indicators,
                )  # fmt: skip
    return problems


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (
        math.isfinite(value) and (low is None or value >= low) and (high is None or value <= high)
    )


def _range_params(
    value: float, name: str, low: float | None, high: float | None
) -> dict[str, str]:
    lo = "−∞" if low is None else f"{low:g}"
    hi = "∞" if high is None else f"{high:g}"
    return {"value": f"{value:g}", "name": name, "low": lo, "high": hi}


def _range_text(low: float | None, high: float | None) -> str:
    lo = "−∞" if low is None else f"{low:g}"
    hi = "∞" if high is None else f"{high:g}"
    return f"{lo} to {hi}"


def problems_of(
    name: str, exc: ValidationError, raw: Any, prefix: tuple[int | str, ...] = ()
) -> list[tuple[str, str, str]]:
    """pydantic errors as (file, key, message); an error on a list left empty by the
    failure of its items (``too_short`` above a deeper error) is dropped as noise.

    Each is a :class:`~eduequity.errors.Problem` coded ``pyd.<type>`` with pydantic's
    context and the input, or, for a check of the schema's own, by the code its
    :class:`~eduequity.errors.ConfigurationError` carries."""
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    out: list[tuple[str, str, str]] = []
    for err, loc in zip(errors, locs, strict=True):
        deeper = any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
        if err["type"] == "too_short" and deeper:
            continue
        ctx = dict(err.get("ctx") or {})
        cause = ctx.get("error")
        code = getattr(cause, "message_code", None)
        if code is not None:
            params = dict(getattr(cause, "message_params", {}))
        else:
            code = f"pyd.{err['type']}"
            params = {k: _plain(v) for k, v in ctx.items()}
            params["input"] = _plain(err.get("input"))
            if err["type"] in ("literal_error", "enum"):  # pydantic's "'a' or 'b'": the values
                expected = str(ctx.get("expected", ""))
                params["expected"] = re.findall(r"'([^']*)'", expected) or [expected]
        key = _key((*prefix, *loc), raw)
        out.append(Problem(name, key, err["msg"], code, params))
    return out


def _plain(value: Any) -> Any:
    """A value of pydantic's context as a sentence prints it (a dict as its keys)."""
    if isinstance(value, dict):
        return ", ".join(map(str, value))
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


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

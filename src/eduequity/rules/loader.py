"""Reading rule-set files: TOML in, a validated and resolved :class:`RuleSet` out.

Resolution: a file that ``extends`` another (a bundled id or a path relative to the file)
is merged over its parent: metadata from the child; ``flags`` and ``scope`` key by key;
``parts``, ``columns``, ``inputs``, ``indicators`` and ``rules`` by id (the child's entry
replaces the parent's, new ones are added); ``remove`` deletes parent rules. The indicator
catalog is the bundled ``catalog.toml`` plus the set's own indicators; the resolved set
keeps those its rules use. Every problem is reported with the file and the key.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from eduequity import _columns as C
from eduequity.errors import RuleSetError
from eduequity.rules.schema import (
    ColumnDef,
    CountyCVRule,
    CountyEvidenceRule,
    CountyInputRule,
    IndicatorDef,
    InputDef,
    PartDef,
    Rule,
    RuleSet,
    SchoolRule,
    VetoRule,
)

__all__ = ["bundled_rule_sets", "catalog_indicators", "load_rule_set", "rule_set_digest"]

_META = ("id", "revision", "title_zh", "title_en", "document", "effective", "status", "sources")
_BY_ID = ("parts", "columns", "inputs", "indicators")
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


class _FileSchema(BaseModel):
    """One file as written: keys checked, values left to the resolved schema."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    revision: int
    title_zh: str
    title_en: str
    document: str
    effective: Any = None
    status: str
    sources: list[Any]
    notes: str = ""
    extends: str | None = None
    remove: list[str] = Field(default_factory=list)
    level_parts: list[Any] | None = None
    flags: dict[str, Any] = Field(default_factory=dict)
    scope: dict[str, Any] | None = None
    parts: list[dict[str, Any]] = Field(default_factory=list)
    columns: list[dict[str, Any]] = Field(default_factory=list)
    inputs: list[dict[str, Any]] = Field(default_factory=list)
    indicators: list[dict[str, Any]] = Field(default_factory=list)
    rules: list[dict[str, Any]] = Field(default_factory=list)


_ENTRY_SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "parts": TypeAdapter(PartDef),
    "columns": TypeAdapter(ColumnDef),
    "inputs": TypeAdapter(InputDef),
    "indicators": TypeAdapter(IndicatorDef),
    "rules": TypeAdapter(Rule),
}


class _Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    catalog_revision: int
    indicators: tuple[IndicatorDef, ...]


def _data_dir() -> Path:
    return Path(str(resources.files("eduequity.rules") / "data"))


def bundled_rule_sets() -> list[str]:
    """Ids of the rule sets shipped with eduequity, sorted.

    >>> bundled_rule_sets()[:2]
    ['cn-2012-basic', 'cn-2017-quality']
    """
    return sorted(p.stem for p in (_data_dir() / "sets").glob("*.toml"))


@lru_cache(maxsize=1)
def _catalog() -> tuple[IndicatorDef, ...]:
    path = _data_dir() / "catalog.toml"
    raw = _read_toml(path)
    try:
        return _Catalog.model_validate(raw).indicators
    except ValidationError as exc:
        raise RuleSetError(_problems(str(path), exc, raw)) from None


def catalog_indicators() -> tuple[IndicatorDef, ...]:
    """The bundled indicator catalog."""
    return _catalog()


def load_rule_set(standard: str | Path | RuleSet) -> RuleSet:
    """A rule set by bundled id (``"cn-2017-quality"``) or file path, resolved and checked.

    Raises
    ------
    RuleSetError
        The file cannot be read or is invalid; the message names the file, key and problem.

    Examples
    --------
    >>> rs = load_rule_set("cn-2017-quality")
    >>> rs.id, rs.revision, rs.scope.teaching_points.min_students
    ('cn-2017-quality', 1, 50)
    """
    if isinstance(standard, RuleSet):
        return standard
    ref = str(standard)
    if ref in bundled_rule_sets():
        return _load_bundled(ref)
    return _load_resolved(_locate(ref, base=None))


@lru_cache(maxsize=16)
def _load_bundled(set_id: str) -> RuleSet:
    """Bundled sets are immutable package data: resolve each once."""
    return _load_resolved(_data_dir() / "sets" / f"{set_id}.toml")


def _load_resolved(path: Path) -> RuleSet:
    raw, lineage = _resolve_raw(path, seen=())
    raw = dict(raw)
    raw.pop("extends", None)
    raw.pop("remove", None)
    raw["lineage"] = lineage
    own = {i["id"]: i for i in raw.get("indicators", []) if isinstance(i, dict) and "id" in i}
    catalog = {i.id: i.model_dump() for i in _catalog()}
    catalog.update(own)
    used = _used_indicators(raw.get("rules", []))
    raw["indicators"] = [catalog[i] for i in sorted(used) if i in catalog]
    name = str(path)
    try:
        rs = RuleSet.model_validate(raw)
    except ValidationError as exc:
        raise RuleSetError(_problems(name, exc, raw)) from None
    problems = _cross_check(rs, name, used - catalog.keys())
    if problems:
        raise RuleSetError(problems)
    return rs


def rule_set_digest(rule_set: RuleSet) -> str:
    """``sha256:…`` of the resolved set's canonical JSON: equal digests, equal rules.

    >>> rule_set_digest(load_rule_set("cn-2012-basic")).startswith("sha256:")
    True
    """
    doc = rule_set.model_dump(mode="json")
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _locate(ref: str, base: Path | None) -> Path:
    bundled = _data_dir() / "sets" / f"{ref}.toml"
    if ref in bundled_rule_sets():
        return bundled
    candidate = Path(ref) if base is None else base / ref
    if candidate.is_file():
        return candidate.resolve()
    known = ", ".join(bundled_rule_sets())
    where = f" (relative to {base})" if base is not None else ""
    raise RuleSetError(
        [(ref, "", f"no such rule set: neither a bundled id ({known}) nor a file{where}")]
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError([(str(path), "", f"not valid TOML: {exc}")]) from None
    except OSError as exc:
        raise RuleSetError([(str(path), "", f"cannot read: {exc.strerror}")]) from None


def _resolve_raw(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], list[str]]:
    if path in seen:
        chain = " -> ".join(str(p) for p in (*seen, path))
        raise RuleSetError([(str(path), "extends", f"circular extends: {chain}")])
    raw = _read_toml(path)
    try:
        _FileSchema.model_validate(raw)
    except ValidationError as exc:
        raise RuleSetError(_problems(str(path), exc, raw)) from None
    problems = _duplicate_ids(str(path), raw) or _check_entries(str(path), raw)
    if problems:
        raise RuleSetError(problems)
    parent_ref = raw.get("extends")
    if parent_ref is None:
        if raw.get("remove"):
            raise RuleSetError([(str(path), "remove", "only a set that extends another removes")])
        return raw, [str(raw["id"])]
    try:
        parent_path = _locate(parent_ref, base=path.parent)
    except RuleSetError as exc:
        raise RuleSetError([(str(path), "extends", m) for _, _, m in exc.problems]) from None
    parent, lineage = _resolve_raw(parent_path, (*seen, path))
    return _merge(parent, raw, str(path)), [*lineage, str(raw["id"])]


def _merge(parent: dict[str, Any], child: dict[str, Any], name: str) -> dict[str, Any]:
    out: dict[str, Any] = {k: child[k] for k in (*_META, "notes") if k in child}
    out["level_parts"] = child.get("level_parts", parent.get("level_parts"))
    out["flags"] = {**parent.get("flags", {}), **child.get("flags", {})}
    scope = dict(parent.get("scope") or {})
    scope.update(child.get("scope") or {})
    out["scope"] = scope
    for key in _BY_ID:
        merged = {e["id"]: e for e in parent.get(key, [])}
        merged.update({e["id"]: e for e in child.get(key, [])})
        out[key] = list(merged.values())
    rules = {r["id"]: r for r in parent.get("rules", [])}
    for i, rid in enumerate(child.get("remove", [])):
        if rid not in rules:
            known = ", ".join(rules) or "none"
            raise RuleSetError(
                [(name, f"remove[{i}]", f"no rule {rid!r} in the parent set (rules: {known})")]
            )
        del rules[rid]
    rules.update({r["id"]: r for r in child.get("rules", [])})
    out["rules"] = list(rules.values())
    return out


def _duplicate_ids(name: str, raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    problems = []
    for key in (*_BY_ID, "rules"):
        seen: set[str] = set()
        for i, entry in enumerate(raw.get(key, [])):
            if not isinstance(entry, dict) or "id" not in entry:
                problems.append((name, f"{key}[{i}]", "every entry needs an id"))
                continue
            if entry["id"] in seen:
                problems.append((name, f"{key}[{i}].id", f"duplicate id {entry['id']!r}"))
            seen.add(entry["id"])
    return problems


def _check_entries(name: str, raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each entry of the file's own lists against its schema, so that errors carry the
    file's own positions (``rules[2]``), not those of the merged set."""
    problems: list[tuple[str, str, str]] = []
    for key, schema in _ENTRY_SCHEMAS.items():
        for i, entry in enumerate(raw.get(key, [])):
            try:
                schema.validate_python(entry)
            except ValidationError as exc:
                problems += _problems(name, exc, raw, prefix=(key, i))
    return problems


def _used_indicators(rules: Iterable[Any]) -> set[str]:
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


def _cross_check(rs: RuleSet, name: str, unknown: set[str]) -> list[tuple[str, str, str]]:
    """References between the parts of a resolved set."""
    problems: list[tuple[str, str, str]] = []
    parts = {p.id for p in rs.parts}
    inputs = {i.id: i for i in rs.inputs}
    declared = {c.id for c in rs.columns}
    canonical = {c.id for c in C.CANONICAL if c.kind in _NUMERIC_KINDS}
    allowed_columns = canonical | declared | set(_SPECIAL_COLUMNS)
    known_indicators = sorted({i.id for i in _catalog()} | {i.id for i in rs.indicators})

    def add(key: str, message: str) -> None:
        problems.append((name, key, message))

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
            for j, item in enumerate(rule.items):
                for k, th in enumerate(item.thresholds):
                    if th.flag is not None and th.flag not in rs.flags:
                        add(
                            f"{key}.items[{j}].thresholds[{k}].flag",
                            f"unknown flag {th.flag!r} (flags: {', '.join(rs.flags) or 'none'})",
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
        for ind_id in names:
            if ind_id in unknown:
                add(
                    f"{key}",
                    f"unknown indicator {ind_id!r} (known: {', '.join(known_indicators)})",
                )
    return problems


def _problems(
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

"""Reading rule-set files: TOML in, a validated and resolved :class:`RuleSet` out.

Resolution: a file that ``extends`` another (a bundled id, or a file inside the extending
file's folder or the folder the caller names as ``extends_dir``) is merged over its parent:
metadata from the child; ``flags`` and ``scope`` key by key; ``parts``, ``columns``,
``inputs``, ``indicators``, ``flag_defs`` and ``rules`` by id (the child's entry replaces the
parent's, new ones are added); ``remove`` deletes parent rules. The indicator catalog is the
bundled ``catalog.toml`` plus the set's own indicators; the resolved set keeps those its
rules use. Every problem is reported with the file and the key: a file that is not UTF-8,
nested too deeply, an ``extends`` chain longer than :data:`MAX_EXTENDS` or circular, a path
outside the allowed folders, a threshold that is not a finite number in its indicator's
range. Retired bundled ids (``aliases.toml``) still load, with a
:class:`DeprecatedRuleSetWarning`.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eduequity.errors import Problem, RuleSetError
from eduequity.rules.checks import (
    BY_ID,
    check_entries,
    cross_check,
    duplicate_ids,
    problems_of,
    used_indicators,
)
from eduequity.rules.files import (
    DeprecatedRuleSetWarning,
    bundled_aliases,
    bundled_rule_sets,
    data_dir,
    locate,
    read_toml,
    resolve_alias,
)
from eduequity.rules.schema import IndicatorDef, RuleSet

__all__ = [
    "MAX_EXTENDS",
    "DeprecatedRuleSetWarning",
    "bundled_aliases",
    "bundled_rule_sets",
    "catalog_indicators",
    "load_rule_set",
    "rule_set_digest",
]

MAX_EXTENDS = 32
"""The longest ``extends`` chain accepted (files above the one loaded)."""
_META = (
    "id",
    "revision",
    "kind",
    "title_zh",
    "title_en",
    "document",
    "year",
    "effective",
    "status",
    "sources",
)


class _FileSchema(BaseModel):
    """One file as written: keys checked, values left to the resolved schema."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    revision: int
    kind: str | None = None
    title_zh: str
    title_en: str
    document: str = ""
    year: Any = None
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
    flag_defs: list[dict[str, Any]] = Field(default_factory=list)
    rules: list[dict[str, Any]] = Field(default_factory=list)


class _Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    catalog_revision: int
    indicators: tuple[IndicatorDef, ...]


@lru_cache(maxsize=1)
def _catalog() -> tuple[IndicatorDef, ...]:
    path = data_dir() / "catalog.toml"
    raw = read_toml(path)
    try:
        return _Catalog.model_validate(raw).indicators
    except ValidationError as exc:
        raise RuleSetError(problems_of(str(path), exc, raw)) from None


def catalog_indicators() -> tuple[IndicatorDef, ...]:
    """The bundled indicator catalog."""
    return _catalog()


def load_rule_set(
    standard: str | Path | RuleSet, *, extends_dir: str | Path | None = None
) -> RuleSet:
    """A rule set by bundled id (``"cn-2017-quality"``) or file path, resolved and checked.

    Parameters
    ----------
    standard
        A bundled id, a path to a TOML file, or a :class:`RuleSet` (returned as is). A
        retired bundled id (:func:`bundled_aliases`) loads its replacement with a
        :class:`DeprecatedRuleSetWarning`.
    extends_dir
        A folder whose files ``extends`` may also name (besides bundled ids and files inside
        the extending file's own folder). Paths that resolve anywhere else are refused.

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
    if not isinstance(standard, Path):
        ref = resolve_alias(ref, stacklevel=3)
    if ref in bundled_rule_sets():
        return _load_bundled(ref)
    extra = None if extends_dir is None else Path(extends_dir).resolve()
    return _load_resolved(locate(ref, base=None), extra)


@lru_cache(maxsize=16)
def _load_bundled(set_id: str) -> RuleSet:
    """Bundled sets are immutable package data: resolve each once."""
    return _load_resolved(data_dir() / "sets" / f"{set_id}.toml", None)


def _load_resolved(path: Path, extends_dir: Path | None) -> RuleSet:
    raw, lineage = _resolve_raw(path, seen=(), extends_dir=extends_dir)
    raw = dict(raw)
    raw.pop("extends", None)
    raw.pop("remove", None)
    raw["lineage"] = lineage
    own = {i["id"]: i for i in raw.get("indicators", []) if isinstance(i, dict) and "id" in i}
    catalog = {i.id: i.model_dump() for i in _catalog()}
    catalog.update(own)
    used = used_indicators(raw.get("rules", []))
    raw["indicators"] = [catalog[i] for i in sorted(used) if i in catalog]
    name = str(path)
    try:
        rs = RuleSet.model_validate(raw)
    except ValidationError as exc:
        raise RuleSetError(problems_of(name, exc, raw)) from None
    problems = cross_check(rs, name, used - catalog.keys(), (i.id for i in _catalog()))
    if problems:
        raise RuleSetError(problems)
    return rs


def rule_set_digest(rule_set: RuleSet) -> str:
    """``sha256:…`` of the resolved set's canonical JSON: equal digests, equal rules.

    >>> rule_set_digest(load_rule_set("cn-2012-basic")).startswith("sha256:")
    True
    """
    doc = _without_later_defaults(rule_set.model_dump(mode="json"))
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# Keys the schema gained after digests were first published: left out of the digest while
# they hold their default, so a set that does not use them keeps its digest.
_LATER_KEYS: dict[str, object] = {
    "rural_small_school": None,
    "max_class_size_below": None,
    "migrant_share_above": None,
    "adds": [],
}


def _without_later_defaults(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {
            k: _without_later_defaults(v)
            for k, v in doc.items()
            if not (k in _LATER_KEYS and v == _LATER_KEYS[k])
        }
    if isinstance(doc, list):
        return [_without_later_defaults(v) for v in doc]
    return doc


def _resolve_raw(
    path: Path, seen: tuple[Path, ...], extends_dir: Path | None = None
) -> tuple[dict[str, Any], list[str]]:
    if path in seen:
        chain = " -> ".join(str(p) for p in (*seen, path))
        raise RuleSetError(
            [Problem(str(path), "extends", f"circular extends: {chain}", "rs.circular",
                     {"chain": chain})]
        )  # fmt: skip
    if len(seen) > MAX_EXTENDS:
        raise RuleSetError(
            [
                Problem(
                    str(seen[0]),
                    "extends",
                    f"the extends chain is longer than {MAX_EXTENDS} files "
                    f"(stopped at {path.name})",
                    "rs.chain_too_long",
                    {"max": MAX_EXTENDS, "name": path.name},
                )
            ]
        )
    raw = read_toml(path)
    try:
        _FileSchema.model_validate(raw)
    except ValidationError as exc:
        raise RuleSetError(problems_of(str(path), exc, raw)) from None
    problems = duplicate_ids(str(path), raw) or check_entries(str(path), raw)
    if problems:
        raise RuleSetError(problems)
    parent_ref = raw.get("extends")
    if parent_ref is None:
        if raw.get("remove"):
            raise RuleSetError(
                [Problem(str(path), "remove", "only a set that extends another removes",
                         "rs.remove_without_extends")]
            )  # fmt: skip
        return raw, [str(raw["id"])]
    try:
        parent_ref = resolve_alias(parent_ref, stacklevel=6)
        parent_path = locate(parent_ref, base=path.parent, extends_dir=extends_dir)
    except RuleSetError as exc:
        raise RuleSetError(
            [Problem(str(path), "extends", p[2], getattr(p, "code", None), getattr(p, "params", {}))
             for p in exc.problems]
        ) from None  # fmt: skip
    parent, lineage = _resolve_raw(parent_path, (*seen, path), extends_dir)
    return _merge(parent, raw, str(path)), [*lineage, str(raw["id"])]


def _merge(parent: dict[str, Any], child: dict[str, Any], name: str) -> dict[str, Any]:
    out: dict[str, Any] = {k: child[k] for k in (*_META, "notes") if k in child}
    out["level_parts"] = child.get("level_parts", parent.get("level_parts"))
    out["flags"] = {**parent.get("flags", {}), **child.get("flags", {})}
    scope = dict(parent.get("scope") or {})
    scope.update(child.get("scope") or {})
    out["scope"] = scope
    for key in BY_ID:
        merged = {e["id"]: e for e in parent.get(key, [])}
        merged.update({e["id"]: e for e in child.get(key, [])})
        out[key] = list(merged.values())
    rules = {r["id"]: r for r in parent.get("rules", [])}
    for i, rid in enumerate(child.get("remove", [])):
        if rid not in rules:
            known = ", ".join(rules) or "none"
            raise RuleSetError(
                [Problem(name, f"remove[{i}]",
                         f"no rule {rid!r} in the parent set (rules: {known})",
                         "rs.remove_unknown", {"rule": rid, "known": list(rules)})]
            )  # fmt: skip
        del rules[rid]
    rules.update({r["id"]: r for r in child.get("rules", [])})
    out["rules"] = list(rules.values())
    return out

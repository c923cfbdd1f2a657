"""Rule-set files on disk: the bundled folder, retired ids, where a reference points and
reading one file safely (UTF-8 only, nesting bounded, no recursion to exhaust).

Nothing here validates a set's content; :mod:`eduequity.rules.loader` does.
"""

from __future__ import annotations

import tomllib
import warnings
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eduequity.errors import RuleSetError

__all__ = [
    "MAX_DEPTH",
    "DeprecatedRuleSetWarning",
    "bundled_aliases",
    "bundled_rule_sets",
    "data_dir",
    "locate",
    "read_toml",
    "resolve_alias",
]

MAX_DEPTH = 32
"""How deeply a rule file's tables and arrays may nest (the bundled sets need 6)."""


class DeprecatedRuleSetWarning(FutureWarning):
    """A retired bundled id was loaded: it still works for one release; use the new id.

    A :class:`FutureWarning` (shown by default, as pandas does for user-facing
    deprecations), so notebooks and command lines see it.
    """


def data_dir() -> Path:
    return Path(str(resources.files("eduequity.rules") / "data"))


def bundled_rule_sets() -> list[str]:
    """Ids of the rule sets shipped with eduequity, sorted (retired ids not included: see
    :func:`bundled_aliases`).

    Examples
    --------
    >>> bundled_rule_sets()[:2]
    ['cn-2012-basic', 'cn-2017-quality']
    """
    return sorted(p.stem for p in (data_dir() / "sets").glob("*.toml"))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, dict[str, str]]:
    path = data_dir() / "aliases.toml"
    raw = read_toml(path)
    table = raw.get("aliases", {})
    known = set(bundled_rule_sets())
    problems = [
        (str(path), f"aliases.{old}", f"target {entry.get('target')!r} is not a bundled set")
        for old, entry in table.items()
        if not isinstance(entry, dict) or entry.get("target") not in known
    ]
    if problems:
        raise RuleSetError(problems)
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in table.items()}


def bundled_aliases() -> dict[str, str]:
    """Retired bundled ids and the set each now loads (with a deprecation warning).

    >>> bundled_aliases()["cn-anhui-2013"]
    'example-school-plan-2013'
    """
    return {old: entry["target"] for old, entry in sorted(_aliases().items())}


def resolve_alias(ref: str, stacklevel: int) -> str:
    entry = _aliases().get(ref)
    if entry is None:
        return ref
    warnings.warn(
        f"rule set {ref!r} is deprecated and will be removed in the next release: "
        f"it now loads {entry['target']!r}. {entry.get('reason', '')}".rstrip(),
        DeprecatedRuleSetWarning,
        stacklevel=stacklevel,
    )
    return entry["target"]


def locate(ref: str, base: Path | None, extends_dir: Path | None = None) -> Path:
    """The file a reference names: a bundled id, else (from the command line or the API,
    ``base`` None) any path, else (from ``extends``) a file inside ``base`` or
    ``extends_dir``."""
    bundled = data_dir() / "sets" / f"{ref}.toml"
    if ref in bundled_rule_sets():
        return bundled
    if base is None:
        candidate = Path(ref)
        if candidate.is_file():
            return candidate.resolve()
    else:
        roots = [base.resolve()] + ([extends_dir] if extends_dir is not None else [])
        for root in roots:
            candidate = (root / ref).resolve()
            if not candidate.is_relative_to(root):
                continue
            if candidate.is_file():
                return candidate
        inside = any((root / ref).resolve().is_relative_to(root) for root in roots)
        if not inside:
            where = " or ".join(str(r) for r in roots)
            raise RuleSetError(
                [
                    (
                        ref,
                        "",
                        f"refused: extends names a bundled id or a file inside {where}; "
                        f"{ref!r} resolves outside (pass extends_dir= to allow a folder)",
                    )
                ]
            )
    known = ", ".join(bundled_rule_sets())
    where = f" (relative to {base})" if base is not None else ""
    raise RuleSetError(
        [(ref, "", f"no such rule set: neither a bundled id ({known}) nor a file{where}")]
    )


def read_toml(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise RuleSetError([(name, "", "is a directory, not a rule-set file")]) from None
    except OSError as exc:
        raise RuleSetError([(name, "", f"cannot read: {exc.strerror}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RuleSetError(
            [
                (
                    name,
                    "",
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}): "
                    "save the file as UTF-8 (a GBK file must be converted)",
                )
            ]
        ) from None
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError([(name, "", f"not valid TOML: {exc}")]) from None
    except RecursionError:
        raise RuleSetError(
            [(name, "", f"nested too deeply: rule files nest at most {MAX_DEPTH} levels")]
        ) from None
    depth = _depth(raw)
    if depth > MAX_DEPTH:
        raise RuleSetError(
            [(name, "", f"nested {depth} levels deep: rule files nest at most {MAX_DEPTH}")]
        )
    return raw


def _depth(value: object) -> int:
    """How deeply tables and arrays nest (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Iterable[object] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((c, level + 1) for c in children)
    return deepest

"""Rule-set files on disk: the bundled folder, retired ids, where a reference points and
reading one file safely (UTF-8 only, nesting bounded, no recursion to exhaust).

Nothing here validates a set's content; :mod:`eduequity.rules.loader` does.
"""

from __future__ import annotations

import re
import tomllib
import warnings
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eduequity.errors import Coded, Problem, RuleSetError

__all__ = [
    "MAX_DEPTH",
    "DeprecatedRuleSetWarning",
    "bundled_aliases",
    "bundled_rule_sets",
    "data_dir",
    "locate",
    "read_toml",
    "resolve_alias",
    "syntax_position",
]

MAX_DEPTH = 32
"""How deeply a rule file's tables and arrays may nest (the bundled sets need 6)."""


class DeprecatedRuleSetWarning(Coded, FutureWarning):
    """A retired bundled id was loaded: it still works for one release; use the new id.

    A :class:`FutureWarning` (shown by default, as pandas does for user-facing
    deprecations), so notebooks and command lines see it. Its ``message_code`` and
    ``message_params`` (:class:`~eduequity.errors.Coded`: the retired id, its target and
    the reason in Chinese) let the command line say it in Chinese, as errors are.
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
        Problem(
            str(path), f"aliases.{old}", f"target {entry.get('target')!r} is not a bundled set",
            "rs.bad_alias", {"target": entry.get("target") if isinstance(entry, dict) else None},
        )
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
    said = DeprecatedRuleSetWarning(
        f"rule set {ref!r} is deprecated and will be removed in the next release: "
        f"it now loads {entry['target']!r}. {entry.get('reason', '')}".rstrip(),
        message_code="rs.deprecated",
        message_params={"old": ref, "target": entry["target"],
                        "reason": {"zh": entry.get("reason_zh", ""),
                                   "en": entry.get("reason", "")}},
    )  # fmt: skip
    warnings.warn(said, stacklevel=stacklevel)
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
                    Problem(
                        ref,
                        "",
                        f"refused: extends names a bundled id or a file inside {where}; "
                        f"{ref!r} resolves outside (pass extends_dir= to allow a folder)",
                        "rs.outside",
                        {"where": [str(r) for r in roots], "ref": ref},
                    )
                ]
            )
    known = ", ".join(bundled_rule_sets())
    where = f" (relative to {base})" if base is not None else ""
    raise RuleSetError(
        [
            Problem(
                ref, "", f"no such rule set: neither a bundled id ({known}) nor a file{where}",
                "rs.no_such_rule_set" if base is None else "rs.no_such_rule_set_in",
                {"known": bundled_rule_sets(), "base": str(base)},
            )
        ]
    )  # fmt: skip


def read_toml(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise RuleSetError(
            [Problem(name, "", "is a directory, not a rule-set file", "rs.a_directory")]
        ) from None
    except OSError as exc:
        raise RuleSetError(
            [Problem(name, "", f"cannot read: {exc.strerror}", "rs.unreadable",
                     {"errno": exc.errno})]
        ) from None  # fmt: skip
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RuleSetError(
            [
                Problem(
                    name,
                    "",
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}): "
                    "save the file as UTF-8 (a GBK file must be converted)",
                    "rs.not_utf8",
                    {"byte": f"{data[exc.start]:02x}", "line": line},
                )
            ]
        ) from None
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        at, col = syntax_position(exc, text)
        raise RuleSetError(
            [Problem(name, "", f"not valid TOML: {exc}", "rs.not_toml", {"line": at, "col": col})]
        ) from None
    except RecursionError:
        raise RuleSetError(
            [Problem(name, "", f"nested too deeply: rule files nest at most {MAX_DEPTH} levels",
                     "rs.too_deep", {"max": MAX_DEPTH})]
        ) from None  # fmt: skip
    depth = _depth(raw)
    if depth > MAX_DEPTH:
        raise RuleSetError(
            [Problem(name, "", f"nested {depth} levels deep: rule files nest at most {MAX_DEPTH}",
                     "rs.too_deep_n", {"depth": depth, "max": MAX_DEPTH})]
        )  # fmt: skip
    return raw


def syntax_position(exc: ValueError, text: str) -> tuple[int, int]:
    """The line and column (from 1) of a JSON or TOML syntax error in ``text``.

    ``json`` gives them as attributes, ``tomllib`` (before Python 3.14) only at the end of
    its message, as ``(at line L, column C)`` or ``(at end of document)``: then, and for
    an error that says neither, the end of ``text``.

    >>> import tomllib
    >>> for doc in ("a = 1\\nb = ?", "a = 1\\nb = "):
    ...     try:
    ...         tomllib.loads(doc)
    ...     except tomllib.TOMLDecodeError as exc:
    ...         print(syntax_position(exc, doc))
    (2, 5)
    (2, 5)
    """
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if isinstance(line, int) and isinstance(col, int):
        return line, col
    m = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
    if m:
        return int(m.group(1)), int(m.group(2))
    last = text.split("\n")
    return len(last), len(last[-1]) + 1


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

"""An error as a person reads it, in Chinese or English, from its code and parameters.

Every error a command can meet is said from its structure, never by translating its
English text: an :class:`~eduequity.errors.EduequityError` by its ``message_code`` and
``message_params`` (the catalogue's ``e.<code>``, :mod:`eduequity.report.labels`), a
rule-set file's problems each by its :class:`~eduequity.errors.Problem` code
(``e.rs.<code>``, pydantic's by their type, ``e.pyd.<type>``), an ``OSError`` by its
errno (in English the system's own words stay). An error without a code has no sentence
(``None``): its English message is then all there is.

>>> from eduequity.errors import ConfigurationError
>>> exc = ConfigurationError("x", message_code="split_needs_html")
>>> error_text(exc, "zh")
'--split 写出的是 html 文件：请加 --format html --output 文件夹'
>>> error_text(ConfigurationError("an error without a code"), "zh") is None
True
"""

from __future__ import annotations

import errno
from collections.abc import Mapping, Sequence
from typing import Any

from eduequity.errors import LINES, DataValidationError, EduequityError, RuleSetError
from eduequity.report.labels import MESSAGES, check_lang, text

__all__ = ["error_text", "problem_text"]


def error_text(exc: BaseException, lang: str) -> str | None:
    """The sentence of ``exc`` in ``lang``; ``None`` when it has no code to say it from."""
    check_lang(lang)
    if isinstance(exc, KeyboardInterrupt):
        return text("e.interrupted", lang)
    if isinstance(exc, DataValidationError):
        return text("dp.refused", lang, file=exc.source, n=len(exc.errors))
    if isinstance(exc, RuleSetError) and getattr(exc, "message_code", None) is None:
        lines = [problem_text(p, lang) for p in exc.problems]
        return None if not lines or None in lines else "\n".join(str(x) for x in lines)
    if isinstance(exc, OSError) and not isinstance(exc, EduequityError):
        return _os_text(exc, lang) if lang == "zh" else None  # English: the system's words
    code = getattr(exc, "message_code", None)
    params: Mapping[str, Any] = getattr(exc, "message_params", None) or {}
    if not code:
        return None
    if code == LINES:
        said = [_say(str(c), p, lang) for c, p in params.get("lines", ())]
        return None if not said or None in said else "\n".join(str(x) for x in said)
    return _say(str(code), params, lang)


def problem_text(problem: Sequence[str], lang: str) -> str | None:
    """One problem of a rule-set file: ``file: key: sentence`` in ``lang``, ``None``
    without a code."""
    code = getattr(problem, "code", None)
    if not code:
        return None
    body = _say(code, getattr(problem, "params", {}), lang, prefix="e.")
    if body is None:
        return None
    file, key = problem[0], problem[1]
    if key:
        return text("e.rs.where_key", lang, file=file, key=key, text=body)
    return text("e.rs.where", lang, file=file, text=body)


def _say(code: str, params: Mapping[str, Any], lang: str, prefix: str = "e.") -> str | None:
    key = f"{prefix}{code}"
    if key not in MESSAGES:
        return None
    fields = {k: _shown(k, v, lang) for k, v in params.items()}
    try:
        return text(key, lang, **fields)
    except (KeyError, IndexError, ValueError):
        return None  # an error raised without the facts its sentence needs


_LEVELS = ("primary", "junior", "senior")


def _shown(key: str, v: Any, lang: str) -> Any:
    """A parameter as sentences print it: a fact given in each language (``{"zh": …,
    "en": …}``: a column by the file's header or its id) in the language, a phrase
    ``(code, params)`` said in the language (the place of a line), a list joined in the
    language, a level (``level``, ``levels``) by its name in the language, an ``errno``
    by the system's reason."""
    if isinstance(v, Mapping) and set(v) == {"zh", "en"}:
        return _shown(key, v[lang], lang)
    if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Mapping):
        return _say(str(v[0]), v[1], lang) or ""
    if isinstance(v, list | tuple | set | frozenset):
        items = sorted(v, key=str) if isinstance(v, set | frozenset) else v
        if key == "levels":
            items = [_shown("level", x, lang) for x in items]
        return text("list_sep", lang).join(str(x) for x in items)
    if key == "errno":  # the system's reason, in the language
        return text(_ERRNO.get(v, "e.os.other"), lang, errno="?" if v is None else v)
    if key == "level" and v in _LEVELS and lang == "zh":
        return text(str(v), lang) if str(v) in MESSAGES else v
    return v


_ERRNO = {
    errno.ENOENT: "e.os.no_such_file",
    errno.EISDIR: "e.os.a_directory",
    errno.ENOTDIR: "e.os.not_a_directory",
    errno.EACCES: "e.os.permission",
    errno.EPERM: "e.os.permission",
    errno.ENOSPC: "e.os.disk_full",
}


def _os_text(exc: OSError, lang: str) -> str:
    key = _ERRNO.get(exc.errno or -1, "e.os.other")
    body = text(key, lang, errno=exc.errno)
    if exc.filename is None:
        return body
    return text("e.os.file", lang, file=exc.filename, text=body)

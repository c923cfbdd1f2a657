"""What the command line does with bad input and interrupts: exit codes, the defects on
stderr, or the ``eduequity.error/1`` document on stdout with ``--format json``.

Bad input is every :class:`~eduequity.errors.EduequityError` and every ``OSError`` of a
file the command reads or writes (missing, a folder, no permission, a full disk): exit 2,
never a traceback. Anything else is a bug of eduequity and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NoReturn

from eduequity.contract.error import ERROR_FORMAT, error_document, error_message
from eduequity.defects import Defect
from eduequity.errors import ConfigurationError, DataValidationError, EduequityError

__all__ = [
    "ERROR_FORMAT",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_PASSED",
    "EXIT_OK",
    "EXIT_PIPE",
    "ArgumentParser",
    "UsageError",
    "error_document",
    "message_lang",
    "print_defects",
    "reader_gone",
    "refused_line",
    "report_error",
    "report_interrupt",
    "said",
    "speaking_warnings",
]

EXIT_OK = 0
EXIT_NOT_PASSED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away


class UsageError(ConfigurationError):
    """A command line argparse refuses (unknown option, bad choice, missing value)."""

    error_code = "usage_error"

    def __init__(
        self,
        message: str,
        usage: str = "",
        *,
        message_code: str | None = None,
        message_params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, message_code=message_code, message_params=message_params)
        self.usage = usage


class ArgumentParser(argparse.ArgumentParser):
    """argparse that raises :class:`UsageError` instead of exiting, so that a bad option
    with ``--format json`` still gives the error document (exit 2 as argparse's own),
    with the code and facts of argparse's sentence (:func:`usage_code`)."""

    def error(self, message: str) -> NoReturn:
        code, params = usage_code(message)
        raise UsageError(
            f"{self.prog}: {message}", self.format_usage(),
            message_code=code, message_params={"prog": self.prog, **params},
        )  # fmt: skip


# argparse's own sentences (its gettext message ids, as Python 3.11–3.13 write them),
# each with the code of its sentence in the catalogue: argparse gives only the text.
_ARGPARSE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern, re.DOTALL))
    for code, pattern in (
        ("invalid_choice", r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)"),
        ("invalid_int", r"invalid int value: (?P<value>.*)"),
        ("invalid_float", r"invalid float value: (?P<value>.*)"),
        ("invalid_value", r"invalid \S+ value: (?P<value>.*)"),
        ("unrecognized", r"unrecognized arguments: (?P<args>.*)"),
        ("required", r"the following arguments are required: (?P<args>.*)"),
        ("expected_one", r"expected one argument"),
        ("expected_some", r"expected at least one argument"),
        ("ambiguous", r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
        ("not_allowed_with", r"not allowed with argument (?P<other>.*)"),
        ("ignored_value", r"ignored explicit argument (?P<value>.*)"),
    )
)


def usage_code(message: str) -> tuple[str | None, dict[str, object]]:
    """The catalogue code (``usage.*``) and facts of an argparse message; ``(None, {})``
    for a sentence argparse may add in a later version.

    >>> usage_code("argument --format: invalid choice: 'x' (choose from 'text', 'json')")
    ('usage.invalid_choice', {'option': '--format', 'value': 'x', 'choices': ['text', 'json']})
    >>> usage_code("unrecognized arguments: --year 2025")
    ('usage.unrecognized', {'args': '--year 2025'})
    """
    option, sep, rest = message.partition(": ")
    params: dict[str, object] = {}
    if sep and option.startswith("argument "):
        params["option"] = option.removeprefix("argument ")
    else:
        rest = message
    for code, pattern in _ARGPARSE:
        m = pattern.fullmatch(rest)
        if m is None:
            continue
        found = {k: v for k, v in m.groupdict().items() if v is not None}
        if "value" in found:
            found["value"] = _unquoted(found["value"])
        if "choices" in found:
            found["choices"] = [_unquoted(c) for c in found["choices"].split(", ")]
            if params.get("option") == "COMMAND":
                code = "invalid_command"
        if "matches" in found:
            found["matches"] = [c.strip() for c in found["matches"].split(",")]
        return f"usage.{code}", {**params, **found}
    return None, {}


def _unquoted(text: str) -> str:
    """A value as argparse quotes it (``'x'``), unquoted."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def report_error(exc: Exception, argv: Sequence[str]) -> int:
    """Print ``exc`` as bad input and return 2; re-raise anything that is not bad input."""
    if not isinstance(exc, EduequityError | OSError):
        raise exc
    lang = message_lang(argv)
    if wants_json(argv):
        _print_json(error_document(exc))
    elif isinstance(exc, DataValidationError):
        print_defects(exc.defects, lang)
        print(refused_line(exc, lang), file=sys.stderr)
    else:
        if isinstance(exc, UsageError) and exc.usage:
            usage = exc.usage  # argparse's, headed "usage: "
            if lang == "zh":
                usage = _say("e.usage.usage", lang) + usage.removeprefix("usage: ")
            sys.stderr.write(usage)
        prefix = "error: " if lang is None else _say("dp.error", lang)
        print(f"{prefix}{said(exc, lang)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def reader_gone() -> int:
    """stdout's reader closed it (``eduequity … | head``): nothing is wrong with the input,
    so nothing is said; stdout is pointed at the null device so that Python's own flush at
    exit does not fail again. Returns 141."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_PIPE


def report_interrupt(argv: Sequence[str]) -> int:
    """Ctrl-C: one line on stderr (and the error document with ``--format json``); 130."""
    if wants_json(argv):
        _print_json(error_document(KeyboardInterrupt()))
    print(f"eduequity: {said(KeyboardInterrupt(), message_lang(argv))}", file=sys.stderr)
    return EXIT_INTERRUPTED


def wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json`` (read before parsing succeeds)."""
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--format" and i + 1 < len(items) and items[i + 1] == "json":
            return True
        if item == "--format=json":
            return True
    return False


def message_lang(argv: Sequence[str]) -> str | None:
    """The language the command line asks for with ``--lang zh|en`` (read before parsing
    succeeds); ``None`` when not given: messages on stderr then stay as they always were.

    >>> message_lang(["validate", "a.csv", "--lang", "zh"]), message_lang(["--lang=en"])
    ('zh', 'en')
    >>> message_lang(["validate", "a.csv"]) is None
    True
    """
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--":
            break
        if item == "--lang" and i + 1 < len(items) and items[i + 1] in ("zh", "en"):
            return items[i + 1]
        if item in ("--lang=zh", "--lang=en"):
            return item.partition("=")[2]
    return None


def print_defects(
    defects: Sequence[Defect],
    lang: str | None = None,
    rule_name: Callable[[str], str] | None = None,
) -> None:
    """Each defect on a line of stderr, with its severity: in ``lang`` from its code and
    fields (the file's own row numbers and headers), or its message when ``lang`` is
    ``None``."""
    if lang is None:
        for d in defects:
            print(f"{d.severity}: {d.message}", file=sys.stderr)
        return
    from eduequity.report.defect_text import defect_text

    for d in defects:
        print(defect_text(d, lang, rule_name=rule_name), file=sys.stderr)


def refused_line(exc: DataValidationError, lang: str | None) -> str:
    """The closing line of refused data: ``a.csv: 2 error(s); the data were refused``."""
    if lang is None:
        return error_message(exc)
    return _say("dp.refused", lang, file=exc.source, n=len(exc.errors))


def said(exc: BaseException, lang: str | None) -> str:
    """An error's sentence: in Chinese (``lang="zh"``) from its code and parameters
    (:func:`eduequity.report.error_text.error_text`); otherwise its message, the English
    with every fact the error holds (also for an error without a code)."""
    if lang != "zh":
        return error_message(exc)
    from eduequity.report.error_text import error_text

    return error_text(exc, lang) or error_message(exc)


@contextlib.contextmanager
def speaking_warnings(lang: str | None) -> Iterator[None]:
    """Within the block, a warning with a code (``message_code``, as
    :class:`~eduequity.rules.DeprecatedRuleSetWarning` has) is printed on stderr in
    ``lang`` like the defects (``警告：…``); any other warning, and every warning without
    ``--lang`` (``lang`` None), as Python prints it."""
    if lang is None:
        yield
        return
    from eduequity.report.error_text import error_text

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:  # fmt: skip
        sentence = error_text(message, lang) if isinstance(message, Warning) else None
        if sentence is None:
            shown(message, category, filename, lineno, file, line)
            return
        print(_say("dp.warning", lang) + sentence, file=file or sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield


def _say(message_id: str, lang: str, **fields: Any) -> str:
    from eduequity.report.labels import text

    return text(message_id, lang, **fields)


def _print_json(doc: dict[str, Any]) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
    sys.stdout.flush()

"""What the command line does with bad input and interrupts: exit codes, the defects on
stderr, or the ``eduequity.error/1`` document on stdout with ``--format json``.

Bad input is every :class:`~eduequity.errors.EduequityError` and every ``OSError`` of a
file the command reads or writes (missing, a folder, no permission, a full disk): exit 2,
never a traceback. Anything else is a bug of eduequity and keeps its traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from eduequity.defects import Defect
from eduequity.errors import (
    ConfigurationError,
    CountyInputError,
    DataError,
    DataValidationError,
    EduequityError,
    MetricInputError,
    RuleSetError,
    StandardNotMetError,
    UndefinedMetricError,
)

__all__ = [
    "ERROR_FORMAT",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_PASSED",
    "EXIT_OK",
    "ArgumentParser",
    "UsageError",
    "error_document",
    "report_error",
    "report_interrupt",
]

EXIT_OK = 0
EXIT_NOT_PASSED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

ERROR_FORMAT = "eduequity.error/1"

# Most specific first: the first class an error is an instance of gives its code.
_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (DataValidationError, "data_invalid"),
    (DataError, "data_error"),
    (RuleSetError, "rule_set_invalid"),
    (CountyInputError, "county_inputs_invalid"),
    (ConfigurationError, "configuration_error"),
    (UndefinedMetricError, "metric_undefined"),
    (MetricInputError, "metric_input_invalid"),
    (StandardNotMetError, "standard_not_met"),
    (FileNotFoundError, "file_not_found"),
    (IsADirectoryError, "is_a_directory"),
    (NotADirectoryError, "not_a_directory"),
    (PermissionError, "permission_denied"),
    (OSError, "os_error"),
    (EduequityError, "error"),
)


class UsageError(ConfigurationError):
    """A command line argparse refuses (unknown option, bad choice, missing value)."""

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


class ArgumentParser(argparse.ArgumentParser):
    """argparse that raises :class:`UsageError` instead of exiting, so that a bad option
    with ``--format json`` still gives the error document (exit 2 as argparse's own)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}", self.format_usage())


def error_document(exc: BaseException) -> dict[str, Any]:
    """The ``eduequity.error/1`` document of an error (JSON-ready).

    Examples
    --------
    >>> doc = error_document(FileNotFoundError(2, "No such file or directory", "a.csv"))
    >>> doc["format"], doc["error"]["code"], doc["error"]["file"], doc["defects"]
    ('eduequity.error/1', 'file_not_found', 'a.csv', [])
    """
    code = "interrupted" if isinstance(exc, KeyboardInterrupt) else _code(exc)
    defects: list[dict[str, Any]] = []
    file: str | None = None
    if isinstance(exc, DataValidationError):
        defects = [_defect(d) for d in exc.defects]
        file = exc.source
    elif isinstance(exc, RuleSetError):
        defects = [
            {
                "severity": "error", "code": "rule_set_invalid",
                "message": f"{key}: {text}" if key else text, "file": where, "row": None,
                "school": None, "column": None, "value": None, "key": key or None,
            }
            for where, key, text in exc.problems
        ]  # fmt: skip
        file = exc.problems[0][0] if exc.problems else None
    elif isinstance(exc, OSError):
        file = None if exc.filename is None else str(exc.filename)
    else:  # an error that names its file (``source``, ``file`` or ``path``), where it does
        keys = ("source", "file", "path")
        named = next((getattr(exc, k) for k in keys if getattr(exc, k, None)), None)
        file = None if named is None else str(named)
    return {
        "format": ERROR_FORMAT,
        "error": {
            "type": type(exc).__name__,
            "code": code,
            "message": message(exc),
            "file": file,
        },
        "defects": defects,
    }


def message(exc: BaseException) -> str:
    """One readable sentence (or the defects' lines) for an error."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted: nothing was written"
    if isinstance(exc, DataValidationError):
        return f"{exc.source}: {len(exc.errors)} error(s); the data were refused"
    if isinstance(exc, OSError) and not isinstance(exc, EduequityError):
        what = exc.strerror or str(exc) or type(exc).__name__
        if exc.errno == errno.ENOSPC:
            what = "no space left on the device; the previous file is unchanged"
        return f"{exc.filename}: {what}" if exc.filename is not None else what
    return str(exc)


def report_error(exc: Exception, argv: Sequence[str]) -> int:
    """Print ``exc`` as bad input and return 2; re-raise anything that is not bad input."""
    if not isinstance(exc, EduequityError | OSError):
        raise exc
    if wants_json(argv):
        _print_json(error_document(exc))
    elif isinstance(exc, DataValidationError):
        print_defects(exc.defects)
        print(message(exc), file=sys.stderr)
    else:
        if isinstance(exc, UsageError) and exc.usage:
            sys.stderr.write(exc.usage)
        print(f"error: {message(exc)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def report_interrupt(argv: Sequence[str]) -> int:
    """Ctrl-C: one line on stderr (and the error document with ``--format json``); 130."""
    if wants_json(argv):
        _print_json(error_document(KeyboardInterrupt()))
    print(f"eduequity: {message(KeyboardInterrupt())}", file=sys.stderr)
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


def print_defects(defects: Sequence[Defect]) -> None:
    """Each defect on a line of stderr, with its severity."""
    for d in defects:
        print(f"{d.severity}: {d.message}", file=sys.stderr)


def _defect(d: Defect) -> dict[str, Any]:
    raw = d.to_dict()
    value = raw["value"]
    if isinstance(value, float) and not math.isfinite(value):
        value = repr(value)  # JSON has no inf or NaN: the value as text ('inf', 'nan')
    return {
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "file": d.source,
        "row": d.row,
        "school": d.school_id,
        "column": d.column,
        "value": value,
    }


def _code(exc: BaseException) -> str:
    if isinstance(exc, UsageError):
        return "usage_error"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "disk_full"
    return next((code for cls, code in _CODES if isinstance(exc, cls)), "error")


def _print_json(doc: dict[str, Any]) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
    sys.stdout.flush()

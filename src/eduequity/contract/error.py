"""The error document ``eduequity.error/1``: what a system gets instead of a result when
the input cannot be used (the command line's ``--format json`` with exit 2, the service's
422 responses). Built in one place, :func:`error_document`, for both.

Its defects name what a person reads in the text: ``file``, ``row``, ``school``,
``column``, ``value``, ``code`` (and ``key`` for a rule file's key).
"""

from __future__ import annotations

import errno
import math
from typing import Any, Literal

from eduequity.contract._base import Contract, absent, absent_or_null
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

__all__ = ["ERROR_FORMAT", "ErrorDoc", "error_document", "error_message"]

ERROR_FORMAT = "eduequity.error/1"

# Most specific first: the first class an error is an instance of gives its code. An
# exception class may name its own with an ``error_code`` attribute.
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


class ErrorInfo(Contract):
    """What went wrong, for a machine (``type``, ``code``) and a person (``message``)."""

    type: str
    """The exception's class name, e.g. ``DataValidationError``, ``RuleSetError``."""
    message: str
    code: str | None = absent()
    """A stable machine code of the kind of error (e.g. ``data_invalid``, ``disk_full``)."""
    file: str | None = absent_or_null()
    """The file the error concerns, where one does."""
    message_zh: str | None = absent()
    """The message in Chinese, said from the error's code and parameters (absent for an
    error that has none); ``message`` stays the English one."""


class ErrorDefect(Contract):
    """One defect of the input, as the text lists it."""

    severity: Literal["error", "warning"]
    code: str
    """A stable machine code, e.g. ``negative_value``, ``rule_set_invalid``."""
    message: str
    file: str | None
    """The file (or ``records`` / ``DataFrame``) the defect is in."""
    row: int | None
    """The CSV line (header = 1), xlsx row, or 0-based record position; null for the file."""
    school: str | None
    column: str | None
    value: Any
    """The offending value (a JSON scalar; inf and NaN as text)."""
    key: str | None = absent()
    """For a rule file: the key (e.g. ``rules[3].threshold``)."""
    message_zh: str | None = absent()
    """The sentence in Chinese, naming the column by the file's own header and the row by
    the file's own number (a defect of school data), or a rule file's problem with its
    file and key; ``message`` stays the English one."""


class ErrorDoc(Contract):
    """Input that cannot be used: the error and, for bad data or a bad rule file, every
    defect found."""

    format: Literal["eduequity.error/1"]
    error: ErrorInfo
    defects: list[ErrorDefect]
    """Every defect (errors and warnings, in source order); empty when the error is not
    about a file's content (an unknown standard, a missing file)."""


def error_document(exc: BaseException) -> dict[str, Any]:
    """The ``eduequity.error/1`` document of an exception (JSON-ready).

    Examples
    --------
    >>> import eduequity as eq
    >>> try:
    ...     eq.load_schools([{"school_id": "S1", "school_type": "primary",
    ...                       "students_primary": -5}])
    ... except eq.DataValidationError as exc:
    ...     doc = error_document(exc)
    >>> doc["format"], doc["error"]["type"], doc["error"]["code"]
    ('eduequity.error/1', 'DataValidationError', 'data_invalid')
    >>> d = doc["defects"][0]
    >>> d["code"], d["row"], d["school"], d["column"], d["value"]
    ('negative_value', 0, 'S1', 'students_primary', -5)
    >>> d["message_zh"]
    'records：第 1 条记录（位置 0，学校 S1）“小学在校生数”：不能为负数，填的是 -5'
    >>> doc = error_document(FileNotFoundError(2, "No such file or directory", "a.csv"))
    >>> doc["error"]["code"], doc["error"]["file"], doc["defects"]
    ('file_not_found', 'a.csv', [])
    """
    from eduequity.report.error_text import error_text, problem_text  # words: reports

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
                **_zh(problem_text(problem, "zh")),
            }
            for problem in exc.problems
            for where, key, text in [problem]
        ]  # fmt: skip
        file = exc.problems[0][0] if exc.problems else None
    elif isinstance(exc, OSError):
        file = None if exc.filename is None else str(exc.filename)
    else:  # an error that names its file (``source``, ``file`` or ``path``), where it does
        keys = ("source", "file", "path")
        named = next((getattr(exc, k) for k in keys if getattr(exc, k, None)), None)
        if named is None:  # or the file its sentence names (e.g. a county-inputs file)
            named = (getattr(exc, "message_params", None) or {}).get("file")
        file = None if named is None else str(named)
        if getattr(exc, "row", None) is not None or getattr(exc, "column", None):
            value = getattr(exc, "value", None)  # an error located in its file: one defect
            defects = [{
                "severity": "error", "code": code, "message": error_message(exc),
                "file": file, "row": getattr(exc, "row", None), "school": None,
                "column": getattr(exc, "column", None),
                "value": _scalar(value), **_zh(error_text(exc, "zh")),
            }]  # fmt: skip
    return {
        "format": ERROR_FORMAT,
        "error": {"type": type(exc).__name__, "code": code, "message": error_message(exc),
                  "file": file, **_zh(error_text(exc, "zh"))},
        "defects": defects,
    }  # fmt: skip


def _zh(message: str | None) -> dict[str, str]:
    """``message_zh`` where the error has a sentence in Chinese (absent otherwise)."""
    return {} if message is None else {"message_zh": message}


def error_message(exc: BaseException) -> str:
    """One readable sentence for an error."""
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


def _scalar(value: Any) -> Any:
    """A value as a JSON scalar: inf and NaN as text ('inf', 'nan'; JSON has neither),
    anything but a number or a string as its text."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value if value is None or isinstance(value, int | float | str) else str(value)


def _defect(d: Defect) -> dict[str, Any]:
    from eduequity.report.defect_text import defect_text  # the words live with the reports

    value = _scalar(d.to_dict()["value"])
    return {
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "file": d.source,
        "row": d.row,
        "school": d.school_id,
        "column": d.column,
        "value": value,
        "message_zh": defect_text(d, "zh", severity=False),
    }


def _code(exc: BaseException) -> str:
    own = getattr(type(exc), "error_code", None)
    if isinstance(own, str):
        return own
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "disk_full"
    return next((code for cls, code in _CODES if isinstance(exc, cls)), "error")

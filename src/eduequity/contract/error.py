"""The error document ``eduequity.error/1``: what a system gets instead of a result when
the input cannot be used (the command line's ``--format json`` with exit 2, the service's
422 responses)."""

from __future__ import annotations

import math
from typing import Any, Literal

from eduequity.contract._base import Contract, DefectDoc, absent, absent_or_null
from eduequity.errors import DataValidationError

__all__ = ["ERROR_FORMAT", "ErrorDoc", "error_document"]

ERROR_FORMAT = "eduequity.error/1"


class ErrorInfo(Contract):
    """What went wrong, for a machine (``type``) and a person (``message``)."""

    type: str
    """The exception's class name, e.g. ``DataValidationError``, ``RuleSetError``,
    ``CountyInputError``, ``ConfigurationError``."""
    message: str
    code: str | None = absent()
    """A stable machine code of the kind of error (e.g. ``data_invalid``), where given."""
    file: str | None = absent_or_null()
    """The file the error concerns, where one does."""


class ErrorDoc(Contract):
    """Input that cannot be used: the error and, for bad data, every defect found."""

    format: Literal["eduequity.error/1"]
    error: ErrorInfo
    defects: list[DefectDoc]
    """Every defect of the data (errors and warnings, in source order); empty when the
    error is not about the school data (an unknown standard, bad county inputs)."""


def error_document(exc: BaseException) -> dict[str, Any]:
    """The ``eduequity.error/1`` document of an exception.

    A :class:`~eduequity.errors.DataValidationError` gives its defects, each with its
    source, row, school, column, value and code; any other error an empty list.

    Examples
    --------
    >>> import eduequity as eq
    >>> try:
    ...     eq.load_schools([{"school_id": "S1", "school_type": "primary",
    ...                       "students_primary": -5}])
    ... except eq.DataValidationError as exc:
    ...     doc = error_document(exc)
    >>> doc["format"], doc["error"]["type"]
    ('eduequity.error/1', 'DataValidationError')
    >>> d = doc["defects"][0]
    >>> d["code"], d["row"], d["school_id"], d["column"], d["value"]
    ('negative_value', 0, 'S1', 'students_primary', -5)
    >>> error_document(eq.ConfigurationError("--flag x: expected NAME=on"))["defects"]
    []
    >>> try:
    ...     eq.load_schools([{"school_id": "S1", "school_type": "primary",
    ...                       "students_primary": float("inf")}])
    ... except eq.DataValidationError as exc:
    ...     print(error_document(exc)["defects"][0]["value"])
    inf
    """
    defects = exc.defects if isinstance(exc, DataValidationError) else ()
    return {
        "format": ERROR_FORMAT,
        "error": {"type": type(exc).__name__, "message": str(exc)},
        "defects": [_json_ready(d.to_dict()) for d in defects],
    }


def _json_ready(defect: dict[str, Any]) -> dict[str, Any]:
    """JSON has no inf or NaN: such a value is given as its text (``'inf'``, ``'nan'``)."""
    value = defect["value"]
    if isinstance(value, float) and not math.isfinite(value):
        return {**defect, "value": repr(value)}
    return defect

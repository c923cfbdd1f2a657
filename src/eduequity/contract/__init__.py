"""The published JSON contracts: pydantic models of every JSON document eduequity gives,
and the JSON Schema (draft 2020-12) generated from them, shipped in the package.

=============  =============================  =========================================
name           contract                       given by
=============  =============================  =========================================
assessment     ``eduequity.assessment/2``     ``Assessment.to_dict()``, ``evaluate``
assessment-v1  ``eduequity.assessment/1``     ``to_dict(1)``, ``evaluate --contract 1``
error          ``eduequity.error/1``          ``--format json`` on bad input, HTTP 422
batch          ``eduequity.batch/1``          ``evaluate`` of several files or a folder
plan           ``eduequity.plan/1``           ``Plan.to_dict()``, ``plan``
whatif         ``eduequity.whatif/1``         ``WhatIf.to_dict()``, ``whatif``
trend          ``eduequity.trend/1``          ``trend``
audit          ``eduequity.audit/1``          ``audit``
validate       ``eduequity.validate/1``       ``validate`` (valid data)
summary        ``eduequity.summary/1``        ``summary``
standards      ``eduequity.standards/1``      ``rules list``, ``GET /standards``
monitor        ``eduequity.monitor/1``        ``Monitoring.to_dict()``, ``monitor``
collect        ``eduequity.collect/1``        ``Collected.to_dict()``, ``collect``
rectification  ``eduequity.rectification/1``  ``Register.to_dict()``, ``rectify``
survey         ``eduequity.survey/1``         ``SurveyResult.to_dict()``, ``survey``
teachers       ``eduequity.teachers/1``       ``RosterResult.to_dict()``, ``teachers``
crosscheck     ``eduequity.crosscheck/1``     ``CrossCheck.to_dict()``, ``crosscheck``
=============  =============================  =========================================

Documents may carry keys a later version adds (``additionalProperties`` is true); a
consumer ignores keys it does not know. A key declared here is never dropped within a
version.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from eduequity.contract.error import ERROR_FORMAT, error_document
from eduequity.errors import ConfigurationError

__all__ = ["ERROR_FORMAT", "error_document", "schema", "schema_names", "validate"]

_NAMES = (
    "assessment",
    "assessment-v1",
    "error",
    "batch",
    "plan",
    "whatif",
    "trend",
    "audit",
    "validate",
    "summary",
    "standards",
    "monitor",
    "collect",
    "rectification",
    "survey",
    "teachers",
    "crosscheck",
)


def schema_names() -> tuple[str, ...]:
    """The names of the published schemas.

    Examples
    --------
    >>> schema_names()[:3]
    ('assessment', 'assessment-v1', 'error')
    """
    return _NAMES


def schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema of contract ``name`` (a fresh dict each call).

    Examples
    --------
    >>> s = schema("assessment")
    >>> s["title"], s["properties"]["format"]["const"]
    ('eduequity.assessment/2', 'eduequity.assessment/2')
    >>> schema("nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    eduequity.errors.ConfigurationError: no schema 'nope': assessment, assessment-v1, error, ...
    """
    if name not in _NAMES:
        raise ConfigurationError(
            f"no schema {name!r}: {', '.join(_NAMES)}",
            message_code="no_schema", message_params={"name": name, "known": list(_NAMES)},
        )  # fmt: skip
    text = resources.files("eduequity.contract").joinpath(f"schemas/{name}.json").read_text(
        encoding="utf-8"
    )
    doc: dict[str, Any] = json.loads(text)
    return doc


def validate(document: Any, name: str, *, strict: bool = False) -> None:
    """Check ``document`` against schema ``name``; raise ``jsonschema.ValidationError``
    (the best match of all errors) when it does not conform. Needs the ``schema`` extra.

    ``strict``: also refuse keys the schema does not declare (the published schemas let
    a later version add keys; a test suite checks that nothing undeclared slipped in).

    Examples
    --------
    >>> doc = {"format": "eduequity.error/1", "error": {"type": "DataError",
    ...        "message": "bad"}, "defects": []}
    >>> validate(doc, "error")
    >>> validate(dict(doc, note="later"), "error")
    >>> from jsonschema import ValidationError
    >>> try:
    ...     validate(dict(doc, note="later"), "error", strict=True)
    ... except ValidationError as exc:
    ...     print(exc.message)
    Additional properties are not allowed ('note' was unexpected)
    >>> try:
    ...     validate({"format": "eduequity.error/1", "defects": []}, "error")
    ... except ValidationError as exc:
    ...     print(exc.message)
    'error' is a required property
    """
    from eduequity._optional import require

    jsonschema = require("jsonschema", "schema")
    s = schema(name)
    validator = jsonschema.Draft202012Validator(_closed(s) if strict else s)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        raise error


def _closed(node: Any) -> Any:
    """The schema with every object that lists its properties closed to others."""
    if isinstance(node, list):
        return [_closed(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _closed(v) for k, v in node.items()}
    if "properties" in out and out.get("additionalProperties") is True:
        out["additionalProperties"] = False
    return out

"""The work of each endpoint, over the public API only, free of the web framework.

Each operation takes :class:`~eduequity.service.inputs.Inputs` and gives a :class:`Reply`
(status, media type, body); it keeps nothing between calls, so any number may run at
once in worker threads. An :class:`~eduequity.errors.EduequityError` is bad input: the
caller turns it into the ``eduequity.error/1`` document with status 422.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import eduequity as eq
from eduequity.assessment import Assessment
from eduequity.errors import ConfigurationError
from eduequity.service.inputs import Inputs

__all__ = ["OPERATIONS", "Reply", "json_reply", "standards_document"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(doc: Any, status: int = 200) -> Reply:
    """A JSON answer (UTF-8 characters kept; never NaN)."""
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False)
    return Reply(status, "application/json", text.encode("utf-8"))


def _flags(inputs: Inputs) -> dict[str, bool]:
    flags = inputs.options.get("flags") or {}
    if not isinstance(flags, Mapping) or not all(isinstance(v, bool) for v in flags.values()):
        raise ConfigurationError(
            'flags: expected an object of true/false, e.g. {"name": true}',
            message_code="svc.flags",
        )
    return {str(k): v for k, v in flags.items()}


def _report(a: Assessment, inputs: Inputs) -> Reply:
    stem = Path(a.source).stem or "report"
    plots = bool(inputs.options.get("plots", True))
    if inputs.format == "json":
        text = a.to_json(indent=None, contract=inputs.options.get("contract", 2))
        return Reply(200, "application/json", text.encode("utf-8"))
    if inputs.format == "html":
        html = a.to_html(lang=inputs.lang, plots=plots)
        return Reply(200, "text/html; charset=utf-8", html.encode())
    if inputs.format == "md":
        return Reply(200, "text/markdown; charset=utf-8", a.to_markdown(lang=inputs.lang).encode())
    if inputs.format == "text":
        return Reply(200, "text/plain; charset=utf-8", a.to_text(lang=inputs.lang).encode())
    with tempfile.TemporaryDirectory(prefix="eduequity-") as folder:
        path = Path(folder) / "report.xlsx"
        a.to_xlsx(path, lang=inputs.lang)
        data = path.read_bytes()
    disposition = f"attachment; filename=\"{stem}-{a.standard.id}.xlsx\""
    return Reply(200, XLSX, data, {"content-disposition": disposition})


def evaluate(inputs: Inputs) -> Reply:
    """``POST /evaluate``: the assessment (``eduequity.assessment/2``, or ``/1`` with
    option ``contract`` 1), or the report in
    ``format`` (html, xlsx, md, text)."""
    flags = _flags(inputs)
    with inputs.opened() as (table, county_inputs):
        assessment = eq.evaluate(table, inputs.standard, county_inputs, flags=flags)
    return _report(assessment, inputs)


def validate(inputs: Inputs) -> Reply:
    """``POST /validate``: the document of ``eduequity validate --format json``."""
    with inputs.opened() as (table, _):
        pass
    return json_reply(
        {
            "valid": True,
            "source": table.source,
            "schools": len(table),
            "counties": [{"county_code": c, "year": y} for c, y in table.counties()],
            "warnings": [w.to_dict() for w in table.warnings],
        }
    )


def plan(inputs: Inputs) -> Reply:
    """``POST /plan``: the least-cost plan (``Plan.to_dict()``)."""
    costs = inputs.options.get("costs")
    if costs is not None:
        if not isinstance(costs, Mapping):
            raise ConfigurationError(
                "costs: expected an object of yuan per unit", message_code="svc.costs_type"
            )
        try:
            costs = {str(k): float(v) for k, v in costs.items()}
        except (TypeError, ValueError):
            raise ConfigurationError(
                "costs: must be numbers (yuan per unit)", message_code="svc.costs_numbers"
            ) from None
    budget = inputs.options.get("budget")
    if budget is not None:
        try:
            budget = float(budget)
        except (TypeError, ValueError):
            raise ConfigurationError(
                f"budget {budget!r}: expected yuan, a number",
                message_code="svc.budget_number", message_params={"value": budget},
            ) from None  # fmt: skip
        if not math.isfinite(budget) or budget < 0:
            raise ConfigurationError(
                f"budget {budget!r}: expected yuan, 0 or more",
                message_code="svc.budget_range", message_params={"value": budget},
            )  # fmt: skip
    with inputs.opened() as (table, _):
        result = eq.plan(
            table,
            inputs.standard,
            costs=costs,
            transfers=bool(inputs.options.get("transfers", False)),
            budget=budget,
        )
    return json_reply(result.to_dict())


def whatif(inputs: Inputs) -> Reply:
    """``POST /whatif``: the verdict before and after ``changes`` (``WhatIf.to_dict()``)."""
    changes = inputs.options.get("changes")
    if not isinstance(changes, list) or not changes:
        raise ConfigurationError(
            'changes: expected a list of changes, e.g. [{"close": "SCHOOL_ID"}]',
            message_code="svc.changes_list",
        )
    if not all(isinstance(c, Mapping) for c in changes):
        raise ConfigurationError(
            "changes: each change is an object (add, move, close, merge)",
            message_code="svc.change_object",
        )
    with inputs.opened() as (table, county_inputs):
        result = eq.whatif(table, changes, inputs.standard, county_inputs)
    return json_reply(result.to_dict())


OPERATIONS: dict[str, Callable[[Inputs], Reply]] = {
    "evaluate": evaluate,
    "validate": validate,
    "plan": plan,
    "whatif": whatif,
}


def standards_document() -> dict[str, Any]:
    """``GET /standards``: the document of ``eduequity rules list --format json``.

    Examples
    --------
    >>> doc = standards_document()
    >>> [s["id"] for s in doc["rule_sets"]][:2]
    ['cn-2012-basic', 'cn-2017-quality']
    """
    from eduequity.rules.listing import describe_rule_sets

    return {"rule_sets": describe_rule_sets()}

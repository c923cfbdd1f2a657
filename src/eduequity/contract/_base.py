"""The pieces every contract shares: the model base, verdicts, levels and defects."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Contract", "DefectDoc", "Level", "Status", "Verdict", "absent", "absent_or_null"]

Verdict = bool | None
"""``true`` passed, ``false`` failed, ``null`` not assessed."""

Level = Literal["primary", "junior"]
Status = Literal["passed", "failed", "not_assessed", "not_applicable"]


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def _not_null(schema: dict[str, Any]) -> None:
    """The key may be missing; when it is there, its value is not null."""
    schema.pop("default", None)
    options = [s for s in schema.pop("anyOf", []) if s != {"type": "null"}]
    if len(options) == 1:
        schema.update(options[0])
    elif options:
        schema["anyOf"] = options


def absent() -> Any:
    """A key that only some documents carry, never null when present (the model's
    ``None`` stands for "absent")."""
    return Field(None, json_schema_extra=_not_null)


def absent_or_null() -> Any:
    """A key that only some documents carry, possibly null when present."""
    return Field(None, json_schema_extra=_drop_default)


class Contract(BaseModel):
    """Base of the contract models: documents may carry keys a later version adds
    (``additionalProperties`` is true), never fewer than declared."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True, frozen=True)


class DefectDoc(Contract):
    """A finding about input data (``Defect.to_dict()``): an error refuses the data, a
    warning keeps them."""

    severity: Literal["error", "warning"]
    code: str
    """A stable machine code, e.g. ``negative_value``."""
    message: str
    """A sentence naming source, row, school, column and value."""
    source: str | None
    """The file name, or ``records`` / ``DataFrame`` / ``county inputs``."""
    row: int | None
    """The CSV line (header = 1), xlsx row, or 0-based record position; null for the file."""
    school_id: str | None
    column: str | None
    value: Any
    """The offending value (a JSON scalar; other values as their repr)."""

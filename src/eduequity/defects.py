"""Findings about input data: one record per defect, with a stable code and a sentence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Defect", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Defect:
    """One problem found in school data.

    Attributes
    ----------
    severity
        ``"error"`` (the data are refused) or ``"warning"`` (kept, but reported).
    code
        A stable machine code, e.g. ``"negative_value"``.
    message
        A sentence naming the source, row, school, column and value.
    source
        File name or ``"records"`` / ``"DataFrame"``.
    row
        Row in the source: the line number of a CSV file (the header is line 1), the
        spreadsheet row of an xlsx sheet, the 0-based position of a record or DataFrame
        row; ``None`` for file-level defects.
    school_id, column, value
        What the defect concerns, where known.
    """

    severity: Severity
    code: str
    message: str
    source: str | None = None
    row: int | None = None
    school_id: str | None = None
    column: str | None = None
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the value as text when it is not a JSON scalar)."""
        d = asdict(self)
        if not isinstance(d["value"], str | int | float | bool | type(None)):
            d["value"] = repr(d["value"])
        return d

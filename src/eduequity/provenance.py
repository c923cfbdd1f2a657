"""Where a county input came from: a value with its provenance.

A county input is a number or a yes/no. One computed from records (a survey, a teacher
roster, student scores) can say how it was obtained: a :class:`CountyInput` holds the
value and its :class:`Provenance`. :func:`eduequity.evaluate` accepts one wherever it
accepts a number; :func:`eduequity.county_inputs.read_county_inputs` takes the value out for
the rules (which see numbers only) and keeps the provenance for the assessment, where
``CountyResult.provenance`` (JSON: the county's ``provenance`` key, by input id) and the
reports show it.

In a JSON, TOML or service body an input with provenance is written
``{"value": 87.2, "provenance": {"source": "survey", "method": "wilson", ...}}``; a plain
number stays a plain number.

Interval bounds are in the input's own unit (percentage points for a ``%`` input), like the
value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["METHODS", "SOURCES", "CountyInput", "Provenance", "county_inputs_file"]

SOURCES = ("survey", "roster", "scores", "form", "given")
"""How a figure was obtained: from survey responses, a teacher roster, student scores, the
statistics forms, or given by the county as is."""

METHODS = ("wilson", "design_based", "count", "icc", "cv_of_means")
"""The computation: a rate with Wilson's interval (simple random sample) or a design-based
one (strata and weights); a count over a count; a school-gap reading (intraclass
correlation, or CV of the school means)."""

_INTS = ("n_valid", "n_invalid", "n_dont_know", "numerator", "denominator")
_FLOATS = ("low", "high", "confidence")
_TEXTS = ("method", "scheme", "dont_know", "file", "note")


@dataclass(frozen=True)
class Provenance:
    """How one county input was obtained (every field but ``source`` optional).

    Attributes
    ----------
    source
        One of :data:`SOURCES`.
    method
        One of :data:`METHODS`, when computed.
    low, high, confidence
        The interval about the value (in its unit) and its level (0.95).
    n_valid, n_invalid, n_dont_know
        Records counted, records refused (incomplete, duplicate), and "don't know" answers.
    numerator, denominator
        The counts behind a rate (satisfied of counted; teachers rotated of eligible, …).
    scheme, dont_know
        The survey scheme's id, and how "don't know" was treated (``exclude`` /
        ``unsatisfied``).
    file, note
        The records' source, and a remark (e.g. "not verified against an official text").

    Examples
    --------
    >>> p = Provenance("roster", "count", numerator=50, denominator=400)
    >>> p.to_dict()
    {'source': 'roster', 'method': 'count', 'numerator': 50, 'denominator': 400}
    >>> Provenance.from_dict(p.to_dict()) == p
    True
    """

    source: str
    method: str | None = None
    low: float | None = None
    high: float | None = None
    confidence: float | None = None
    n_valid: int | None = None
    n_invalid: int | None = None
    n_dont_know: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    scheme: str | None = None
    dont_know: str | None = None
    file: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, in declaration order."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        """Read the JSON form; a ``ValueError`` names the key and value at fault.

        >>> Provenance.from_dict({"source": "survey", "n_valid": 1.5})
        Traceback (most recent call last):
        ...
        ValueError: provenance n_valid: expected a whole number >= 0, got 1.5
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"provenance: expected a table, got {data!r}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"provenance: unknown keys {unknown} (known: {', '.join(sorted(known))})"
            )
        source = data.get("source")
        if source not in SOURCES:
            raise ValueError(f"provenance source: expected one of {SOURCES}, got {source!r}")
        method = data.get("method")
        if method is not None and method not in METHODS:
            raise ValueError(f"provenance method: expected one of {METHODS}, got {method!r}")
        out: dict[str, Any] = {"source": source}
        for key, raw in data.items():
            if raw is None or key == "source":
                continue
            if key in _INTS:
                if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0 \
                        or not float(raw).is_integer():  # fmt: skip
                    raise ValueError(f"provenance {key}: expected a whole number >= 0, got {raw!r}")
                out[key] = int(raw)
            elif key in _FLOATS:
                if isinstance(raw, bool) or not isinstance(raw, int | float) \
                        or not math.isfinite(raw):  # fmt: skip
                    raise ValueError(f"provenance {key}: expected a number, got {raw!r}")
                out[key] = float(raw)
            elif key in _TEXTS:
                if not isinstance(raw, str):
                    raise ValueError(f"provenance {key}: expected text, got {raw!r}")
                out[key] = raw
        p = cls(**out)
        if p.low is not None and p.high is not None and p.low > p.high:
            raise ValueError(f"provenance: low {p.low:g} is above high {p.high:g}")
        if p.confidence is not None and not 0 < p.confidence < 1:
            raise ValueError(
                f"provenance confidence: expected a level between 0 and 1 (e.g. 0.95), "
                f"got {p.confidence:g}"
            )
        return p


@dataclass(frozen=True)
class CountyInput:
    """A county input's value with its provenance: accepted wherever a number is.

    Examples
    --------
    >>> x = CountyInput(87.2, Provenance("survey", "wilson", 85.1, 89.0, 0.95, n_valid=1204))
    >>> float(x), x.to_dict()["provenance"]["n_valid"]
    (87.2, 1204)
    >>> CountyInput.from_dict(x.to_dict()) == x
    True
    """

    value: float | bool
    provenance: Provenance

    def __float__(self) -> float:
        return float(self.value)

    def to_dict(self) -> dict[str, Any]:
        """``{"value": …, "provenance": {…}}``, the form county-input files take."""
        return {"value": self.value, "provenance": self.provenance.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CountyInput:
        """Read ``{"value": …, "provenance": {…}}`` (the value not checked here: the rule
        set's input declaration checks it)."""
        unknown = sorted(set(data) - {"value", "provenance"})
        if unknown:
            raise ValueError(f"unknown keys {unknown} beside value and provenance")
        if "value" not in data:
            raise ValueError("a table with provenance needs a value")
        prov = data.get("provenance")
        if prov is None:
            raise ValueError("a table with a value needs a provenance (or give the number)")
        return cls(data["value"], Provenance.from_dict(prov))


def is_sourced(raw: Any) -> bool:
    """Whether a county input as given carries provenance (a :class:`CountyInput`, or a
    table with ``value``)."""
    return isinstance(raw, CountyInput) or (isinstance(raw, Mapping) and "value" in raw)


def county_inputs_file(
    county_code: str | None, inputs: Mapping[str, CountyInput], year: int | None = None
) -> list[dict[str, Any]]:
    """``inputs`` in the county-inputs file form ``[{"county_code": …, "inputs": {…}}]``
    that ``evaluate --county-inputs`` reads (with ``"year"`` when given: the inputs are
    then that school year's only), ``[]`` when the county is not known.

    >>> (entry,) = county_inputs_file("510101", {"x": CountyInput(1.0, Provenance("given"))}, 2025)
    >>> entry["county_code"], entry["year"], entry["inputs"]["x"]["value"]
    ('510101', 2025, 1.0)
    """
    if county_code is None:
        return []
    entry: dict[str, Any] = {"county_code": county_code}
    if year is not None:
        entry["year"] = year
    entry["inputs"] = {k: v.to_dict() for k, v in inputs.items()}
    return [entry]

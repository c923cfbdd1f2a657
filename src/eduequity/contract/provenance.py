"""How a county input was obtained (``eduequity.provenance``), as the assessment's county
``provenance`` key and the county-inputs file form carry it."""

from __future__ import annotations

from typing import Any, Literal

from eduequity.contract._base import Contract, absent

__all__ = ["CountyInputsEntry", "ProvenanceDoc"]


class ProvenanceDoc(Contract):
    """How one county input was obtained; every key but ``source`` only when known."""

    source: Literal["survey", "roster", "scores", "form", "given"]
    """Survey responses, a teacher roster, student scores, the statistics forms, or given
    by the county as is."""
    method: Literal["wilson", "design_based", "count", "icc", "cv_of_means"] | None = absent()
    """A rate with Wilson's interval (simple random sample) or a design-based one (strata
    and weights), a count over a count, or a school-gap reading."""
    low: float | None = absent()
    """The interval's lower bound, in the input's unit (percentage points for a %)."""
    high: float | None = absent()
    """The interval's upper bound, in the input's unit."""
    confidence: float | None = absent()
    """The interval's level (0.95)."""
    n_valid: int | None = absent()
    """Records counted (valid responses, with don't-knows; teachers; students)."""
    n_invalid: int | None = absent()
    """Records refused (incomplete, duplicate)."""
    n_dont_know: int | None = absent()
    """Answers of "don't know"."""
    numerator: int | None = absent()
    """The count the rate is made of (satisfied; teachers rotated, certified, trained)."""
    denominator: int | None = absent()
    """The count it is over (responses counted; eligible, rotated or all teachers)."""
    scheme: str | None = absent()
    """The survey scheme's id."""
    dont_know: Literal["exclude", "unsatisfied"] | None = absent()
    """How "don't know" was treated."""
    file: str | None = absent()
    """Where the records came from."""
    note: str | None = absent()
    """A remark (e.g. a definition not verified against an official text)."""


class SourcedInputDoc(Contract):
    """A county input with its provenance, in a county-inputs file."""

    value: Any
    provenance: ProvenanceDoc


class CountyInputsEntry(Contract):
    """One county's inputs in the county-inputs file form (``evaluate --county-inputs``)."""

    county_code: str
    year: int | None = absent()
    """The school year the inputs are for (absent: every year of the county)."""
    inputs: dict[str, SourcedInputDoc]
    """By input id."""

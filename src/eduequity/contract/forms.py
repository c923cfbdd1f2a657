"""The documents of the filled forms: what ``collect`` made of them
(``eduequity.collect/1``) and the rectification register (``eduequity.rectification/1``)."""

from __future__ import annotations

from typing import Literal

from eduequity.contract._base import Contract

__all__ = ["CollectDoc", "RectificationDoc"]

FormValue = str | float | bool | None
"""A form's value: text, a number, yes/no (``true``/``false``), or null."""


# ------------------------------------------------------------------------------- collect


class FormDefectDoc(Contract):
    """A defect of one form: file, item number, item, value, and why."""

    file: str
    item_no: int | None
    """The item's number on the form; null for the form as a whole."""
    item: str
    """The item's Chinese name (empty for the form as a whole)."""
    value: FormValue
    """The value as written (other values as their text)."""
    reason: str
    severity: Literal["error", "warning"]
    """An error returns the form; a warning keeps it."""
    code: str
    """A stable machine code, e.g. ``not_a_number``."""


class FormStatusDoc(Contract):
    """One form in the review log."""

    file: str
    kind: Literal["school", "county"]
    key: str
    """The school code of a school form, the county code of a county form."""
    status: Literal["accepted", "returned"]
    defects: list[FormDefectDoc]


class DerivationInputDoc(Contract):
    """A form item a derived value was computed from."""

    item_no: int
    item: str
    value: FormValue
    """Null when the form left it empty."""


class DerivationDoc(Contract):
    """One derived value: where, what, its formula and its inputs."""

    scope: str
    """The school code, or the county code for a county input."""
    name: str
    """The column or county input it gives."""
    value: float | None
    """Null when the inputs do not give it."""
    formula: str
    inputs: list[DerivationInputDoc]


class CollectDoc(Contract):
    """``eduequity collect --format json`` / ``Collected.to_dict()``."""

    format: Literal["eduequity.collect/1"]
    schools: int
    """Schools in the table made of the accepted school forms."""
    county_inputs: dict[str, dict[str, float]]
    """County code → the county inputs the forms give (empty when none)."""
    log: list[FormStatusDoc]
    """Every form read, accepted or returned."""
    derivations: list[DerivationDoc]


# ------------------------------------------------------------------------- rectification


class RegisterItemDoc(Contract):
    """One gap to close, with its stable id."""

    item_id: str
    """County, level, school and indicator, or the county rule; never a row number."""
    county_code: str
    year: int
    part: str
    """The part of the standard the check belongs to."""
    rule: str
    level: Literal["primary", "junior", ""]
    """Empty for a county rule."""
    school_id: str
    """Empty for a county item."""
    school_name: str
    indicator: str
    """Empty for a county rule."""
    value: float | None
    standard: float | None
    """The threshold or per-school standard."""
    shortfall: float | None
    unit: str
    description_zh: str
    description_en: str
    measure: str
    """The planned additions, when a plan was given."""
    cost: float | None
    """Their cost in yuan; null without a plan."""
    owner: str
    deadline: str
    notes: str
    status: Literal["new", "open", "closed"]
    """``closed``: missed last year, met now; ``open``: missed then and now."""
    previous_shortfall: float | None
    """Last year's shortfall of an open or closed item."""
    regression: bool
    """A new item that was met last year."""


class CountsDoc(Contract):
    """How many items are new, open, closed, and how many new ones are regressions."""

    new: int
    open: int
    closed: int
    regressions: int


class RectificationDoc(Contract):
    """``eduequity rectify --format json`` / ``Register.to_dict()``."""

    format: Literal["eduequity.rectification/1"]
    standard: str
    counts: CountsDoc
    items: list[RegisterItemDoc]
    """The new and open items, then the closed ones."""
    scope: dict[str, Literal["met", "missed", "undecided"]]
    """Every check looked at: item id → its state now."""

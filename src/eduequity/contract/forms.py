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
    """The form workbook."""
    item_no: int | None
    """The item's number on the form; null for the form as a whole."""
    item: str
    """The item's Chinese name (empty for the form as a whole)."""
    value: FormValue
    """The value as written (other values as their text)."""
    reason: str
    """Why, in a sentence."""
    severity: Literal["error", "warning"]
    """An error returns the form; a warning keeps it."""
    code: str
    """A stable machine code, e.g. ``not_a_number``."""


class FormStatusDoc(Contract):
    """One form in the review log."""

    file: str
    """The form workbook."""
    kind: Literal["school", "county"]
    """A school form or the county form."""
    key: str
    """The school code of a school form, the county code of a county form."""
    status: Literal["accepted", "returned"]
    """``returned`` when a defect is an error; the school is then not in the table."""
    defects: list[FormDefectDoc]
    """Errors and warnings, with item numbers."""


class DerivationInputDoc(Contract):
    """A form item a derived value was computed from."""

    item_no: int
    """The item's number on the form."""
    item: str
    """The item's Chinese name."""
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
    """How it is computed from the items, as text."""
    inputs: list[DerivationInputDoc]
    """The items it is computed from."""


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
    """Every value computed from form items (school columns, county inputs)."""


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
    """The rule id of the standard."""
    level: Literal["primary", "junior", ""]
    """Empty for a county rule."""
    school_id: str
    """Empty for a county item."""
    school_name: str
    indicator: str
    """Empty for a county rule."""
    value: float | None
    """The value now; null when not given."""
    standard: float | None
    """The threshold or per-school standard."""
    shortfall: float | None
    """How far the value is from the standard; null when not a number."""
    unit: str
    """The indicator's unit (empty for a county rule)."""
    description_zh: str
    """What is wrong, in Chinese."""
    description_en: str
    """What is wrong, in English."""
    measure: str
    """The planned additions, when a plan was given."""
    cost: float | None
    """Their cost in yuan; null without a plan."""
    owner: str
    """Who is to close it (typed in by the bureau, kept from last year)."""
    deadline: str
    """By when (typed in by the bureau)."""
    notes: str
    """Free notes (typed in by the bureau)."""
    status: Literal["new", "open", "closed"]
    """``closed``: missed last year, met now; ``open``: missed then and now."""
    previous_shortfall: float | None
    """Last year's shortfall of an open or closed item."""
    regression: bool
    """A new item that was met last year."""


class CountsDoc(Contract):
    """How many items are new, open, closed, and how many new ones are regressions."""

    new: int
    """Items missed now and not last year."""
    open: int
    """Items missed last year and now."""
    closed: int
    """Items missed last year, met now."""
    regressions: int
    """New items that were met last year."""


class RectificationDoc(Contract):
    """``eduequity rectify --format json`` / ``Register.to_dict()``."""

    format: Literal["eduequity.rectification/1"]
    standard: str
    """The rule set id."""
    counts: CountsDoc
    items: list[RegisterItemDoc]
    """The new and open items, then the closed ones."""
    scope: dict[str, Literal["met", "missed", "undecided"]]
    """Every check looked at: item id → its state now."""

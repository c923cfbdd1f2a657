"""The errors of a cross-check: figures that cannot be read, and figures that disagree.

::

    EduequityError
    ├── DataError (ValueError)
    │   └── FiguresError              another system's figures that cannot be used
    └── CVMismatchError (AssertionError)   raised by assert_cvs_match()
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from eduequity.errors import DataError, EduequityError

if TYPE_CHECKING:
    from eduequity.crosscheck.result import CrossCheck

__all__ = ["CVMismatchError", "FiguresError"]


class FiguresError(DataError):
    """Another system's figures that cannot be used as given.

    Attributes
    ----------
    file, row, column, value
        Where the problem is (``None`` where it does not apply); the message names them.

    ``code`` and ``facts`` name the sentence of the catalogue (``e.fig.<code>``) it is
    said from in another language, after its place (a record of a JSON file, a list or a
    DataFrame by its ordinal from 1 and its position from 0, as its row counts from 0).

    >>> from eduequity.report.error_text import error_text
    >>> exc = FiguresError("expected a number, got 'x'", file="a.csv", row=3,
    ...                    column="差异系数", value="x", code="not_a_number")
    >>> str(exc)
    "a.csv, row 3, column 差异系数: expected a number, got 'x'"
    >>> error_text(exc, "zh")
    'a.csv：第 3 行“差异系数”：应填数字，填的是“x”'
    >>> error_text(exc, "en") == str(exc)
    True
    """

    error_code = "figures_invalid"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        code: str | None = None,
        facts: Mapping[str, Any] | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        where = ", ".join(
            part
            for part in (
                file or "",
                f"row {row}" if row is not None else "",
                f"column {column}" if column else "",
            )
            if part
        )
        said = None
        if code is not None:
            facts = {"value": value, **(facts or {})}  # a value said in each language wins
            first = facts.pop("first_row", None)
            if isinstance(first, int):  # the row of an earlier figure, counted as this one's
                facts["first_at"] = _at("fig.first.", _positions(file), first, {"row": first})
            said = {"place": _place(file, row, column), "text": (f"fig.{code}", facts)}
        super().__init__(
            f"{where}: {message}" if where else message,
            message_code=None if said is None else "fig.said", message_params=said,
        )


def _positions(file: str | None) -> bool:
    """Whether the rows of ``file`` are positions from 0 (records, a DataFrame, JSON)."""
    return file in ("records", "DataFrame") or str(file or "").lower().endswith(".json")


def _place(file: str | None, row: int | None, column: str | None) -> Any:
    """The phrase of where a problem is: ``fig.at.<f|r|p|c...>`` (p: a record by its
    ordinal and position, in Chinese; its English names the row as it always did)."""
    head = ("f" if file else "") + ("" if row is None else "r")
    tail = "c" if column else ""
    facts = {"file": file, "row": row, "column": column}
    if row is None:
        return f"fig.at.{head + tail or 'none'}", facts
    return _at(f"fig.at.{head.removesuffix('r')}", _positions(file), row, facts, tail)


def _at(prefix: str, positions: bool, row: int, facts: dict[str, Any], tail: str = "") -> Any:
    """A row's phrase, or a record's (its ordinal and position) in Chinese and its row in
    English."""
    row_phrase = (f"{prefix}r{tail}", facts)
    if not positions:
        return row_phrase
    return {"zh": (f"{prefix}p{tail}", {**facts, "n": row + 1}), "en": row_phrase}


class CVMismatchError(EduequityError, AssertionError):
    """Another system's figures disagree with the standard's (``assert_cvs_match``).

    ``account`` is the readable account (which figures move, which convention explains
    them, which verdicts flip); ``result`` the full :class:`CrossCheck`.
    """

    def __init__(self, account: str, result: CrossCheck) -> None:
        self.account = account
        self.result = result
        super().__init__(account)

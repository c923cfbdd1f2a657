"""The errors of a cross-check: figures that cannot be read, and figures that disagree.

::

    EduequityError
    ├── DataError (ValueError)
    │   └── FiguresError              another system's figures that cannot be used
    └── CVMismatchError (AssertionError)   raised by assert_cvs_match()
"""

from __future__ import annotations

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
        super().__init__(f"{where}: {message}" if where else message)


class CVMismatchError(EduequityError, AssertionError):
    """Another system's figures disagree with the standard's (``assert_cvs_match``).

    ``account`` is the readable account (which figures move, which convention explains
    them, which verdicts flip); ``result`` the full :class:`CrossCheck`.
    """

    def __init__(self, account: str, result: CrossCheck) -> None:
        self.account = account
        self.result = result
        super().__init__(account)

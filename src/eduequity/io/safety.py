"""Cells that stay text: spreadsheet and CSV outputs neutralise formula injection.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
read as a formula by Excel or LibreOffice (OWASP, "CSV Injection"). In a workbook such a
text is written as a string cell, never a formula; in CSV it is prefixed with ``'``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "looks_like_formula", "set_text"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet would read as a formula.

    >>> looks_like_formula('=HYPERLINK("x")'), looks_like_formula("-1"), looks_like_formula(-1)
    (True, True, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """A value for a CSV cell: formula-like text prefixed with ``'``, the rest unchanged.

    >>> csv_cell("=1+1"), csv_cell("示例县"), csv_cell(2.5)
    ("'=1+1", '示例县', 2.5)
    """
    return f"'{value}" if looks_like_formula(value) else value


def set_text(cell: Any, value: object) -> None:
    """Put ``value`` in an openpyxl cell; text always as a string cell (never a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too

"""Record files in a query engine: their headers mapped onto a layout as in memory.

The in-memory readers fold each header (NFKC, no spaces, lower case) and look it up among
the layout's aliases, so ``学校`` is ``school``; :func:`open_records` does the same with the
column names the engine reports, and gives each canonical name its quoted column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eduequity.engine import Source, open_source
from eduequity.errors import DataError
from eduequity.records.reading import _fold

__all__ = ["mapped_columns", "open_records"]


def open_records(
    data: Any,
    engine: Any,
    table: str | None,
    layout: Mapping[str, tuple[str, ...]],
    required: Sequence[str],
) -> tuple[Source, dict[str, str]]:
    """The source, and ``{canonical name: quoted column}`` for the columns it has.

    Columns outside the layout keep their own names (``school_2025`` is ``school_2025``).

    Examples
    --------
    >>> import sqlite3
    >>> con = sqlite3.connect(":memory:")
    >>> _ = con.execute('CREATE TABLE t ("学校" TEXT, "成绩" REAL)')
    >>> _, cols = open_records(None, con, "t", {"school": ("学校",), "score": ("成绩",)},
    ...                        ("school",))
    >>> cols
    {'school': '"学校"', 'score': '"成绩"'}
    """
    source = open_source(data, engine, table)
    cols = mapped_columns(source, layout)
    missing = [c for c in required if c not in cols]
    if missing:
        found = ", ".join(source.columns())
        raise DataError(
            f"{source.name}: missing column(s) {', '.join(missing)}; found {found}",
            message_code="rec_missing_columns",
            message_params={"file": source.name, "missing": missing,
                            "found": list(source.columns())},
        )  # fmt: skip
    return source, cols


def mapped_columns(
    source: Source, layout: Mapping[str, tuple[str, ...]], relation: str | None = None
) -> dict[str, str]:
    """``{canonical name: quoted column}`` of the source (or of another ``relation`` of
    its engine)."""
    lookup = {_fold(h): col for col, aliases in layout.items() for h in (col, *aliases)}
    cols: dict[str, str] = {}
    seen: dict[str, str] = {}
    for header in source.columns(relation):
        col = lookup.get(_fold(header), header.strip())
        if col in seen:
            name = relation or source.name
            raise DataError(
                f"{name}: columns {seen[col]!r} and {header!r} are both {col}",
                message_code="rec_same_column",
                message_params={"file": name, "first": seen[col], "second": header,
                                "column": col},
            )  # fmt: skip
        seen[col] = header
        cols[col] = source.dialect.quote(header)
    return cols

"""Where the header is: title rows above it found and skipped with a note, or ``header_row``.

Bureau sheets often carry a title (``XX县2025年义务教育学校基本情况表``) and a unit line
above the header. The header is the first of the first rows that names a required column
or at least two known columns; rows above it are reported as skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eduequity import _columns as C
from eduequity._validate import header_target
from eduequity.defects import Defect
from eduequity.errors import DataError

# How many leading rows are searched for the header.
HEADER_SEARCH_ROWS = 30


def column_letter(j: int) -> str:
    """Spreadsheet letters of the 0-based column ``j``: 0 → A, 26 → AA."""
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def find_header(
    head: Sequence[Sequence[Any]],
    numbers: Sequence[int],
    *,
    header_row: int | None,
    mapping: Mapping[str, str] | None,
    where: str,
    source: str,
) -> tuple[int, list[Defect], str]:
    """The position in ``head`` of the header row, notes, and a sketch of the rows looked at.

    ``head`` are the first non-blank rows, ``numbers`` their row numbers as the user sees
    them (1-based); ``header_row`` (a row number) overrides the search.
    """
    sketch = _sketch(head, numbers)
    if header_row is not None:
        if header_row not in numbers:
            raise DataError(
                f"{where}: header_row={header_row} is not a non-blank row among the first "
                f"{len(numbers)} (rows {numbers[0] if numbers else '-'}–"
                f"{numbers[-1] if numbers else '-'})",
                message_code="header_row_not_found",
                message_params={"file": where, "row": header_row, "n": len(numbers),
                                "first": numbers[0] if numbers else "-",
                                "last": numbers[-1] if numbers else "-"},
            )  # fmt: skip
        return list(numbers).index(header_row), [], sketch
    user = {C.normalise_header(k): v for k, v in (mapping or {}).items()}
    lookup = C.header_lookup()
    for k, row in enumerate(head[:HEADER_SEARCH_ROWS]):
        targets = {header_target(cell_text(v), user, lookup) for v in row if cell_text(v)}
        targets.discard(None)
        if targets & set(C.REQUIRED) or len(targets) >= 2:
            if k == 0:
                return 0, [], sketch
            skipped = "; ".join(
                f"row {numbers[i]}: {' '.join(cell_text(v) for v in head[i] if cell_text(v))!r}"
                for i in range(k)
            )
            note = Defect(
                "warning", "title_rows_skipped",
                f"{where}: the header is row {numbers[k]}; the rows above it were skipped "
                f"({skipped}); pass header_row= (--header-row) to choose another",
                source, numbers[k],
                params={
                    "header_row": numbers[k],
                    "skipped": [
                        (numbers[i], " ".join(cell_text(v) for v in head[i] if cell_text(v)))
                        for i in range(k)
                    ],
                },
            )
            return k, [note], sketch
    return 0, [], sketch


def names_required(row: Sequence[Any], mapping: Mapping[str, str] | None) -> bool:
    """Whether ``row`` names every required column (a header without doubt)."""
    return set(C.REQUIRED) <= set(_targets(row, mapping))


def position(row: Sequence[Any], column: str, mapping: Mapping[str, str] | None) -> int | None:
    """The place in ``row`` of the first header naming ``column`` (a column id)."""
    return next((j for j, t in enumerate(_targets(row, mapping)) if t == column), None)


def _targets(row: Sequence[Any], mapping: Mapping[str, str] | None) -> list[str | None]:
    user = {C.normalise_header(k): v for k, v in (mapping or {}).items()}
    lookup = C.header_lookup()
    return [header_target(cell_text(v), user, lookup) for v in row]


def sketch_rows(
    head: Sequence[Sequence[Any]], numbers: Sequence[int]
) -> list[tuple[int, list[str], bool]]:
    """The first three rows looked at for the header: row number, its first six filled
    cells, whether it has more."""
    out = []
    for row, number in zip(head[:3], numbers[:3], strict=False):
        filled = [cell_text(v) for v in row if cell_text(v)]
        out.append((number, filled[:6], len(filled) > 6))
    return out


def _sketch(head: Sequence[Sequence[Any]], numbers: Sequence[int]) -> str:
    """``rows looked at for the header: row 1: 'a', 'b', …`` for the first three rows."""
    parts = [
        f"row {number}: " + ", ".join(repr(c) for c in cells) + (", …" if more else "")
        for number, cells, more in sketch_rows(head, numbers)
    ]
    return "rows looked at for the header: " + "; ".join(parts) if parts else ""

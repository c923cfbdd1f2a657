"""Notebook views: short html with inline styles (some Jupyter front ends drop ``<style>``).

``Assessment._repr_html_`` calls :func:`eduequity.report.html.repr_html`;
``SchoolTable._repr_html_`` calls :func:`table_html`. Both are imported inside the methods,
so the result and the table never import the report at module level.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from eduequity.report.labels import text

if TYPE_CHECKING:
    from eduequity.table import SchoolTable

__all__ = ["table_html"]

_TYPES = ("primary", "junior", "nine_year", "twelve_year", "complete_secondary",
          "teaching_point", "special")  # fmt: skip
_TH = "border:1px solid #ddd;padding:.2rem .5rem;background:#f4f6f8;text-align:left"
_TD = "border:1px solid #ddd;padding:.2rem .5rem;text-align:right"
_TD_LEFT = "border:1px solid #ddd;padding:.2rem .5rem;text-align:left"
_MAX_ROWS = 30


def table_html(table: SchoolTable, lang: str = "zh") -> str:
    """The table in a notebook: schools per county and year and per school type.

    Up to 30 counties are listed (then a line says how many more); the source and the
    number of warnings head the view.

    >>> from eduequity import load_example
    >>> view = table_html(load_example(), "en")
    >>> "<th" in view and "primary school" in view and "<style" not in view
    True
    """
    codes = table["county_code"].tolist()
    years = table["year"].tolist()
    types = table["school_type"].tolist()
    names = table["county_name"].tolist()
    counts: Counter[tuple[str, int, str]] = Counter(
        (str(c), int(y), str(t)) for c, y, t in zip(codes, years, types, strict=True)
    )
    name_of = {str(c): str(n) for c, n in zip(codes, names, strict=True) if n}
    present = [t for t in _TYPES if any(k[2] == t for k in counts)]
    present += sorted({k[2] for k in counts} - set(present))
    keys = sorted({(k[0], k[1]) for k in counts})

    def label(t: str) -> str:
        key = f"type.{t}"
        from eduequity.report.labels import MESSAGES

        return text(key, lang) if key in MESSAGES else t

    head = "".join(
        f'<th style="{_TH}">{escape(h)}</th>'
        for h in (text("county", lang), text("year", lang), *map(label, present),
                  text("schools_n", lang))
    )  # fmt: skip
    rows = []
    for code, year in keys[:_MAX_ROWS]:
        cells = [counts.get((code, year, t), 0) for t in present]
        place = f"{code} {name_of.get(code, '')}".strip()
        rows.append(
            f'<tr><td style="{_TD_LEFT}">{escape(place)}</td><td style="{_TD}">{year}</td>'
            + "".join(f'<td style="{_TD}">{n:,}</td>' for n in cells)
            + f'<td style="{_TD}"><b>{sum(cells):,}</b></td></tr>'
        )
    more = ""
    if len(keys) > _MAX_ROWS:
        more = f"<p>… +{escape(text('n_counties', lang, n=f'{len(keys) - _MAX_ROWS:,}'))}</p>"
    summary = (
        f"<p><b>SchoolTable</b> · {escape(text('n_schools', lang, n=f'{len(table):,}'))} · "
        f"{escape(text('n_counties', lang, n=f'{len(keys):,}'))} · "
        f"<code>{escape(table.source)}</code>"
        f" · {escape(text('warnings', lang))} {len(table.warnings)}</p>"
    )
    return (
        f'<div>{summary}<table style="border-collapse:collapse;font-size:.85rem">'
        f"<tr>{head}</tr>{''.join(rows)}</table>{more}</div>"
    )

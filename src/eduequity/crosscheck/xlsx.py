"""The cross-check as an Excel workbook (needs the ``excel`` extra: openpyxl).

Sheets: the summary (one row per county and level: verdicts, flip, explanation, account),
the figures (ours, theirs, difference, the conventions that reproduce theirs) and the
figures not compared. Numbers are stored unrounded. A text cell that starts with ``=``,
``+``, ``-`` or ``@`` is stored as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduequity.crosscheck.account import LABELS, verdict_word

if TYPE_CHECKING:
    from eduequity.crosscheck.result import CrossCheck

__all__ = ["write_xlsx"]

def write_xlsx(result: CrossCheck, path: str | Path, lang: str = "zh") -> None:
    """Write the workbook to ``path`` (atomically: whole or not at all)."""
    from eduequity._optional import require
    from eduequity.io.atomic import atomic_path

    openpyxl = require("openpyxl", "excel")
    lab = LABELS["zh" if lang == "zh" else "en"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lab["summary"]
    _row(ws, [lab["standard"], result.standard["id"], f"r{result.standard['revision']}"])
    _row(ws, [lab["theirs_source"], result.source, lab["data"], result.data_source])
    _row(ws, [lab["tolerance"], "atol", result.atol, "rtol", result.rtol])
    _row(ws, [])
    _row(ws, [lab["county"], lab["name"], lab["year"], lab["level"], lab["our_verdict"],
              lab["implied_verdict"], lab["stated_verdict"], lab["flips"], lab["explained_by"],
              lab["account"]])  # fmt: skip
    for lv in result.levels:
        stated = None if lv.stated_verdict is None else verdict_word(lv.stated_verdict, lang)
        flips = lv.flips or lv.stated_flips
        _row(ws, [lv.county_code, lv.county_name, lv.year, lab[lv.level],
                  verdict_word(lv.our_verdict, lang), verdict_word(lv.implied_verdict, lang),
                  stated, lab["yes"] if flips else lab["no"],
                  " + ".join(c.id for c in lv.explanation), lv.account(lang)])  # fmt: skip
    ws = wb.create_sheet(lab["figures"])
    _row(ws, [lab["county"], lab["name"], lab["year"], lab["level"], lab["row"], lab["kind"], "id",
              lab["figure"], lab["ours"], lab["theirs"], lab["difference"], lab["agrees"],
              lab["explained_by"]])  # fmt: skip
    for lv in result.levels:
        for f in lv.figures:
            reps = "; ".join(" + ".join(r.conventions) for r in f.reproduced_by)
            _row(ws, [lv.county_code, lv.county_name, lv.year, lab[lv.level], f.row, lab[f.kind],
                      f.indicator or "composite", f.name(lang), f.ours, f.theirs, f.difference,
                      lab["yes"] if f.agrees else lab["no"], reps])  # fmt: skip
    ws = wb.create_sheet(lab["unmatched"])
    _row(ws, [lab["row"], lab["county"], lab["year"], lab["level"], "id", lab["reason"]])
    for u in result.unmatched:
        _row(ws, [u["row"], u["county_code"], u["year"], u["level"], u["indicator"] or "",
                  u["reason"]])  # fmt: skip
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _row(ws: Any, values: list[Any]) -> None:
    """Append a row; text that a spreadsheet would read as a formula stays text."""
    from eduequity.io.safety import set_text

    ws.append(values)
    for cell in ws[ws.max_row]:
        set_text(cell, cell.value)

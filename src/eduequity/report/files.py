"""Reports written to files: one html file, or one per county plus an index.

Every file is written atomically (:mod:`eduequity.io.atomic`): an interrupted run leaves
the previous report intact and no partial file behind.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from eduequity.io.atomic import write_atomic
from eduequity.report.html import county_page, render_html

if TYPE_CHECKING:
    from eduequity.assessment import Assessment

__all__ = ["county_file_name", "write_report"]

_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]")


def county_file_name(county_code: str, year: int) -> str:
    """The file of one county in a split report: ``<code>-<year>.html`` (characters other
    than letters, digits, ``_.-`` replaced by ``_``).

    >>> county_file_name("330106", 2025)
    '330106-2025.html'
    """
    return f"{_UNSAFE.sub('_', county_code)}-{year}.html"


def write_report(
    assessment: Assessment,
    path: str | Path,
    *,
    lang: str = "zh",
    plots: bool = True,
    split: bool = False,
) -> list[Path]:
    """Write the html report; return the files written.

    ``split=False``: one file at ``path`` (an overview of every county's verdict, linked to
    one section per county). ``split=True``: ``path`` is a folder (created if needed) with
    ``index.html`` (the overview, linking to each county's file) and one file per county
    named by :func:`county_file_name`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from eduequity import evaluate, load_example
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "report"
    >>> [p.name for p in write_report(evaluate(load_example()), folder, split=True)]
    ['index.html', '999901-2025.html']
    """
    target = Path(path)
    if not split:
        write_atomic(target, render_html(assessment, lang=lang, plots=plots))
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    index = render_html(
        assessment, lang=lang, plots=plots, links=lambda c: county_file_name(c.county_code, c.year)
    )
    written = [target / "index.html"]
    write_atomic(written[0], index)
    for c in assessment.counties:
        out = target / county_file_name(c.county_code, c.year)
        write_atomic(out, county_page(assessment, c, lang=lang, plots=plots, index="index.html"))
        written.append(out)
    return written

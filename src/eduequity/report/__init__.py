"""Renderings of an :class:`~eduequity.assessment.Assessment` for people: text, Markdown,
html (with charts; one file or one per county) and Excel, in Chinese or English.

The report reads the result; the result imports this package only inside its methods.
"""

from eduequity.report.files import write_report
from eduequity.report.html import render_html, repr_html
from eduequity.report.text import failure_lines, render_markdown, render_text
from eduequity.report.xlsx import write_xlsx

__all__ = [
    "failure_lines",
    "render_html",
    "render_markdown",
    "render_text",
    "repr_html",
    "write_report",
    "write_xlsx",
]

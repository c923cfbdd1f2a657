"""Renderings of an :class:`~eduequity.assessment.Assessment` for people: text, Markdown,
html (with plots) and Excel."""

from eduequity.report.html import render_html
from eduequity.report.text import failure_lines, render_markdown, render_text
from eduequity.report.xlsx import write_xlsx

__all__ = ["failure_lines", "render_html", "render_markdown", "render_text", "write_xlsx"]

"""Renderings of an :class:`~eduequity.assessment.Assessment` for people."""

from eduequity.report.text import failure_lines, render_markdown, render_text

__all__ = ["failure_lines", "render_markdown", "render_text"]

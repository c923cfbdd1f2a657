"""Former home of the plots, kept so that ``from eduequity.plots import …`` still works:
the functions live in :mod:`eduequity.report.plots`."""

from eduequity.report.plots import (
    cjk_font,
    figure_svg,
    label_language,
    plot_cvs,
    plot_lorenz,
    plot_school_values,
    plot_trend,
)

__all__ = [
    "cjk_font",
    "figure_svg",
    "label_language",
    "plot_cvs",
    "plot_lorenz",
    "plot_school_values",
    "plot_trend",
]

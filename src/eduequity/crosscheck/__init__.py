"""Cross-check another system's figures: whose CVs are these, and does the verdict flip?

:func:`crosscheck` compares another system's CVs (and composites, means, verdicts) with the
standard's, county by county, and finds the conventions that reproduce theirs (unweighted
CVs, the sample SD, the 2017 CVs averaged, combined schools not split, …: the catalogue
:data:`CONVENTIONS`); :func:`assert_cvs_match` is the same for a test suite. See
docs/explain-conventions.md and docs/howto-vendor-crosscheck.md.
"""

from eduequity.crosscheck.assertion import assert_cvs_match
from eduequity.crosscheck.conventions import CONVENTIONS, Convention, Recipe, convention
from eduequity.crosscheck.errors import CVMismatchError, FiguresError
from eduequity.crosscheck.figures import TheirFigure, TheirFigures, read_figures
from eduequity.crosscheck.matcher import DEFAULT_ATOL, DEFAULT_RTOL, crosscheck
from eduequity.crosscheck.result import (
    CROSSCHECK_FORMAT,
    CrossCheck,
    FigureCheck,
    LevelCheck,
    Reproduction,
)

__all__ = [
    "CONVENTIONS",
    "CROSSCHECK_FORMAT",
    "DEFAULT_ATOL",
    "DEFAULT_RTOL",
    "CVMismatchError",
    "Convention",
    "CrossCheck",
    "FigureCheck",
    "FiguresError",
    "LevelCheck",
    "Recipe",
    "Reproduction",
    "TheirFigure",
    "TheirFigures",
    "assert_cvs_match",
    "convention",
    "crosscheck",
    "read_figures",
]

"""``eduequity crosscheck THEIRS DATA --standard ID``: the command of a cross-check.

``register(subparsers)`` adds the parser; ``run(args)`` returns 0 when the cross-check ran
(whatever it found). Bad input (their figures, the data, the standard, the options, a file
that cannot be read or written) raises; the command line reports it as for every command:
exit 2, the message on stderr and, with ``--format json``, the ``eduequity.error/1``
document on stdout.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eduequity.errors import ConfigurationError

__all__ = ["EXIT_OK", "register", "run"]

EXIT_OK = 0

_HELP = "compare another system's CVs with the standard's: which convention, does it flip"


def register(subparsers: Any) -> None:
    """Add the ``crosscheck`` command to an argparse ``add_subparsers()`` object.

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="eduequity")
    >>> register(p.add_subparsers(dest="command"))
    >>> a = p.parse_args(["crosscheck", "theirs.csv", "schools.csv", "--standard",
    ...                   "cn-2012-basic", "--format", "json"])
    >>> a.command, a.theirs, a.standard, a.format, a.lang, a.func is run
    ('crosscheck', 'theirs.csv', 'cn-2012-basic', 'json', 'zh', True)
    """
    from eduequity.crosscheck.matcher import DEFAULT_ATOL, DEFAULT_RTOL

    c = subparsers.add_parser(
        "crosscheck", help=_HELP, description=_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  eduequity crosscheck vendor-cvs.xlsx schools.csv --standard "
               "cn-2017-quality\n  eduequity crosscheck theirs.json schools.csv --standard "
               "cn-2012-basic --format json\n",
    )  # fmt: skip
    c.add_argument("theirs", metavar="THEIRS", help="their figures: CSV, xlsx or JSON")
    c.add_argument("data", metavar="DATA", help="the school data: CSV, xlsx or JSON")
    c.add_argument("--standard", required=True, help="bundled rule-set id or rule-set file")
    c.add_argument(
        "--format", choices=("text", "json", "md", "xlsx"), default="text",
        help="output format (xlsx needs --output)",
    )  # fmt: skip
    c.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of text and md")
    c.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    c.add_argument(
        "--rtol", type=float, default=DEFAULT_RTOL,
        help=f"relative tolerance (default {DEFAULT_RTOL:g})",
    )  # fmt: skip
    c.add_argument(
        "--atol", type=float, default=DEFAULT_ATOL,
        help=f"absolute tolerance (default {DEFAULT_ATOL:g})",
    )  # fmt: skip
    c.add_argument("--encoding", help="CSV encoding of DATA (default: UTF-8, then GBK)")
    c.add_argument("--sheet", help="xlsx sheet of THEIRS (default: the first)")
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the cross-check the arguments ask for; 0 when done. Bad input raises an
    :class:`~eduequity.errors.EduequityError`, which the command line reports (exit 2, and
    the ``eduequity.error/1`` document with ``--format json``)."""
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from eduequity.crosscheck.figures import read_figures
    from eduequity.crosscheck.matcher import crosscheck
    from eduequity.io import load_schools
    from eduequity.io.atomic import write_atomic

    fmt = getattr(args, "format", "text")
    output = getattr(args, "output", None)
    if fmt == "xlsx" and not output:
        raise ConfigurationError(
            "--format xlsx needs --output FILE",
            message_code="format_needs_output", message_params={"format": "xlsx"},
        )
    theirs = read_figures(args.theirs, sheet=getattr(args, "sheet", None))
    schools = load_schools(args.data, encoding=getattr(args, "encoding", None))
    result = crosscheck(
        theirs,
        schools,
        args.standard,
        rtol=_option(args, "rtol"),
        atol=_option(args, "atol"),
    )
    lang = getattr(args, "lang", "zh")
    if fmt == "xlsx":
        assert output is not None  # checked above
        result.to_xlsx(output, lang)
        return EXIT_OK
    if fmt == "json":
        text = result.to_json() + "\n"
    elif fmt == "md":
        text = result.to_markdown(lang)
    else:
        text = result.to_text(lang)
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _default(name: str) -> float:
    from eduequity.crosscheck import matcher

    return float(matcher.DEFAULT_RTOL if name == "rtol" else matcher.DEFAULT_ATOL)


def _option(args: argparse.Namespace, name: str) -> float:
    value = getattr(args, name, None)
    return _default(name) if value is None else float(value)

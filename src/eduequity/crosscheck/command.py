"""``eduequity crosscheck THEIRS DATA --standard ID``: the command of a cross-check.

``register(subparsers)`` adds the parser; ``run(args)`` returns the exit code: 0 when the
cross-check ran (whatever it found), 2 for bad input (their figures, the data, the
standard, the options, a file that cannot be read or written). On bad input the message
goes to stderr and, with ``--format json``, an ``eduequity.error/1`` document to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eduequity.errors import ConfigurationError, DataValidationError, EduequityError

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "register", "run"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2

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
    """Run the cross-check the arguments ask for; 0 when done, 2 for bad input."""
    try:
        return _run(args)
    except (EduequityError, OSError) as exc:
        _report(exc, args)
        return EXIT_BAD_INPUT


def _run(args: argparse.Namespace) -> int:
    from eduequity.crosscheck.figures import read_figures
    from eduequity.crosscheck.matcher import crosscheck
    from eduequity.io import load_schools
    from eduequity.io.atomic import write_atomic

    fmt = getattr(args, "format", "text")
    output = getattr(args, "output", None)
    if fmt == "xlsx" and not output:
        raise ConfigurationError("--format xlsx needs --output FILE")
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


def _report(exc: BaseException, args: argparse.Namespace) -> None:
    """The error on stderr; with ``--format json`` also the error document on stdout."""
    from eduequity.crosscheck.errors import FiguresError

    message = str(exc)
    if isinstance(exc, OSError) and not isinstance(exc, EduequityError):
        message = f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc)
    if isinstance(exc, DataValidationError):
        for d in exc.defects:
            print(f"{d.severity}: {d.message}", file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)
    if getattr(args, "format", "text") != "json":
        return
    defects: list[dict[str, Any]] = []
    file = None
    if isinstance(exc, FiguresError):
        file = exc.file
        defects.append({"severity": "error", "code": "figures_invalid", "message": message,
                        "file": exc.file, "row": exc.row, "school": None, "column": exc.column,
                        "value": None if exc.value is None else str(exc.value)})  # fmt: skip
    elif isinstance(exc, DataValidationError):
        file = exc.source
        defects = [
            {"severity": d.severity, "code": d.code, "message": d.message, "file": d.source,
             "row": d.row, "school": d.school_id, "column": d.column,
             "value": d.to_dict().get("value")}
            for d in exc.defects
        ]  # fmt: skip
    elif isinstance(exc, OSError):
        file = None if exc.filename is None else str(exc.filename)
    doc = {
        "format": "eduequity.error/1",
        "error": {"type": type(exc).__name__, "code": _code(exc), "message": message,
                  "file": file},
        "defects": defects,
    }  # fmt: skip
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _code(exc: BaseException) -> str:
    from eduequity.crosscheck.errors import FiguresError
    from eduequity.errors import DataError, RuleSetError

    for cls, code in (
        (FiguresError, "figures_invalid"),
        (DataValidationError, "data_invalid"),
        (DataError, "data_error"),
        (RuleSetError, "rule_set_invalid"),
        (ConfigurationError, "configuration_error"),
        (FileNotFoundError, "file_not_found"),
        (OSError, "os_error"),
    ):
        if isinstance(exc, cls):
            return code
    return "error"

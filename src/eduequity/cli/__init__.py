"""The ``eduequity`` command (also ``python -m eduequity``): thin over the public API.

stdout carries only the requested output (with ``--format json`` exactly one JSON
document, on bad input too); diagnostics and progress go to stderr. Exit codes: 0 success
(``evaluate``: evaluated, whatever the verdict; ``audit``: clean), 1 ``evaluate --strict``
when a county does not pass, or ``audit`` with findings, 2 bad input (data, rule set,
county inputs, options, a file that cannot be read or written), 130 interrupted (Ctrl-C),
141 when the reader of stdout went away (``… | head``: nothing more is said).

On bad input the text formats list the defects on stderr; ``--format json`` prints one
``eduequity.error/1`` document on stdout: ``{"format": "eduequity.error/1", "error":
{"type", "code", "message", "file", "message_zh"}, "defects": [{"severity", "code",
"message", "file", "row", "school", "column", "value", "message_zh"}]}`` (a rule file's
problems add ``key``, the place in the file; ``message_zh`` is the sentence in Chinese,
said from the error's code and facts: absent for an error that has none).
Every file a command writes (``--output``, ``--adjusted-data``, ``--plot``, xlsx) is
written whole or not at all: a full disk or an interrupt leaves the previous file as it
was and no partial file.

Batch: ``eduequity evaluate`` takes several PATHs or a folder (its ``.csv``, ``.xlsx`` and
``.json`` files, by name) and gives **one result per file** in one process; a refused file
does not stop the others. ``--format json`` prints one ``eduequity.batch/1`` document,
``{"format": "eduequity.batch/1", "results": [{"file", "exit_code", "assessment"} or
{"file", "exit_code": 2, "error": <eduequity.error/1>}]}``; text and md print the reports
one after the other under a heading naming the file; ``--output FOLDER`` writes
``FOLDER/<stem>.<format>`` per file (needed for html and xlsx). The exit code is the worst
of the files. One result per file rather than one combined result: each county's file
keeps its own source, warnings and verdict, and a caller maps results back to files
without re-grouping counties.

Text and Markdown outputs speak ``--lang zh`` (default) or ``--lang en``; JSON is the same
in both. When ``--lang`` is given, the warnings and errors on stderr speak it too, naming
each column by the header of the user's file and each row by its number in the file
(without ``--lang`` they keep their English messages). Under ``--lang zh`` every error
reads in Chinese: a bad option, a rule-set file's problems, county inputs, a file that
cannot be read, each said from its code and facts (``--lang en`` prints the English
message as it is). Progress (batch evaluation,
plans) is shown on stderr only when it is a terminal, and never with ``--quiet``.

Each command group is a module with ``register(subparsers)``; ``eduequity.cli.COMMANDS`` lists them
in the order of ``eduequity --help``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Protocol, cast

from eduequity.cli import data, evaluate, plan, rules, trend
from eduequity.cli._common import Subparsers
from eduequity.cli._errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NOT_PASSED,
    EXIT_OK,
    EXIT_PIPE,
    ArgumentParser,
    error_document,
    message_lang,
    reader_gone,
    report_error,
    report_interrupt,
    speaking_warnings,
)
from eduequity.cli.data import summarise
from eduequity.cli.rules import describe_rule_set
from eduequity.contract import command as schema_command
from eduequity.crosscheck import command as crosscheck_command
from eduequity.forms import command as forms_commands
from eduequity.monitor import command as monitor_command
from eduequity.records import command as records_commands
from eduequity.service import command as serve_command

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_PASSED",
    "EXIT_OK",
    "EXIT_PIPE",
    "Command",
    "build_parser",
    "describe_rule_set",
    "error_document",
    "main",
    "summarise",
]


class Command(Protocol):
    """A command module: ``register`` adds its parser(s), each with ``set_defaults(func=run)``
    where ``run(args: argparse.Namespace) -> int`` returns the exit code."""

    def register(self, subparsers: Subparsers, /) -> None: ...


#: The command modules in the order of ``eduequity --help``; a package that adds a command
#: (its own module with ``register``) is appended here.
COMMANDS: list[Command] = [
    data,
    evaluate,
    trend,
    monitor_command,
    plan,
    forms_commands,
    records_commands,
    crosscheck_command,
    rules,
    schema_command,
    serve_command,
]

_EXAMPLES = """\
examples:
  eduequity validate schools.xlsx
  eduequity evaluate --example --lang en
  eduequity evaluate schools.csv --format html --output report.html
  eduequity evaluate counties/ --format json --output results.json
  eduequity plan schools.csv --format md --adjusted-data planned.csv
  eduequity whatif schools.csv --add 330106003,teaching_aux_area_m2,300
  eduequity trend years.csv --plot cv.svg
  eduequity rules show cn-2017-quality
"""


def build_parser(commands: Sequence[Command] | None = None) -> argparse.ArgumentParser:
    """The parser of every command in ``commands`` (default :data:`COMMANDS`)."""
    from eduequity import __version__

    p = ArgumentParser(
        prog="eduequity",
        description="Equity of compulsory-education resources across schools.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--version", action="version", version=f"eduequity {__version__}",
        help="print the version and exit",
    )  # fmt: skip
    sub = cast(Subparsers, p.add_subparsers(dest="command", metavar="COMMAND"))
    for module in COMMANDS if commands is None else commands:
        module.register(sub)
    return p


def _parser() -> argparse.ArgumentParser:
    """The full parser (the reference page of the command line is generated from it)."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_BAD_INPUT
        args.message_lang = message_lang(args_list)  # stderr speaks --lang when given
        run: Callable[[argparse.Namespace], int] = args.func
        with speaking_warnings(args.message_lang):
            return run(args)
    except KeyboardInterrupt:
        return report_interrupt(args_list)
    except BrokenPipeError:
        return reader_gone()
    except Exception as exc:  # report_error re-raises what is not bad input
        return report_error(exc, args_list)

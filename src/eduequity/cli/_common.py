"""What the commands share: the data arguments and loading, ``--format``/``--lang``/
``--quiet``, writing outputs (atomically, naming the file on failure) and progress."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from eduequity.cli._errors import EXIT_BAD_INPUT, EXIT_NOT_PASSED, EXIT_OK, print_defects
from eduequity.errors import DataError
from eduequity.io.atomic import atomic_path, write_atomic

if TYPE_CHECKING:
    from eduequity.defects import Defect
    from eduequity.table import SchoolTable

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NOT_PASSED",
    "EXIT_OK",
    "Progress",
    "add_data_arguments",
    "add_format",
    "add_lang",
    "examples",
    "load",
    "output_file",
    "say",
    "write_file",
    "write_json",
]

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_data_arguments(
    parser: argparse.ArgumentParser, what: str = "schools", *, several: bool = False
) -> None:
    """PATH (or several, or a folder, with ``several``) or --example, and how to read it."""
    if several:
        parser.add_argument(
            "path", nargs="*", metavar="PATH",
            help=f"CSV, xlsx or JSON files of {what}, or folders of them",
        )  # fmt: skip
    else:
        parser.add_argument("path", nargs="?", help=f"CSV, xlsx or JSON file of {what}")
    parser.add_argument("--example", action="store_true", help="use the embedded example county")
    parser.add_argument("--encoding", help="CSV encoding (default: UTF-8, then GBK)")
    parser.add_argument("--sheet", help="xlsx sheet (default: the first)")
    parser.add_argument(
        "--header-row", type=int, metavar="N",
        help="the spreadsheet row (1 = first) holding the column headers (default: found)",
    )  # fmt: skip
    parser.add_argument(
        "--quiet", action="store_true", help="no warnings or progress on stderr"
    )


def examples(*lines: str) -> dict[str, Any]:
    """``add_parser`` keywords for an epilog listing example command lines, as written."""
    text = "examples:\n" + "\n".join(f"  {line}" for line in lines)
    return {"epilog": text, "formatter_class": argparse.RawDescriptionHelpFormatter}


def add_format(parser: argparse.ArgumentParser, *choices: str, help: str = "output format") -> None:
    """``--format`` with ``text`` first and the default."""
    parser.add_argument("--format", choices=("text", *choices), default="text", help=help)


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang zh|en`` for the text and Markdown outputs (JSON is the same in both)."""
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh",
        help="language of the text and md outputs and, when given, of the warnings and "
        "errors on stderr (JSON is language-neutral)",
    )  # fmt: skip


def load(args: argparse.Namespace, path: str | None = None, **options: Any) -> SchoolTable:
    """The table of ``PATH`` (or ``path``) or the embedded example, read as the options say.

    ``--header-row`` and ``strict`` reach :func:`~eduequity.io.load_schools` only when
    given, so that a loader without them still serves every other call.
    """
    from eduequity.examples import load_example
    from eduequity.io import load_schools

    given = path if path is not None else _single_path(args)
    if args.example and given:
        raise DataError("give a PATH or --example, not both", message_code="path_and_example")
    if not args.example and not given:
        raise DataError(
            "give a PATH of school data, or --example for the embedded county",
            message_code="no_path",
        )
    if args.example:
        return load_example()
    kwargs: dict[str, Any] = {"encoding": args.encoding, "sheet": args.sheet}
    if getattr(args, "header_row", None) is not None:
        kwargs["header_row"] = args.header_row
    kwargs.update({k: v for k, v in options.items() if v})
    return load_schools(given, **kwargs)


def _single_path(args: argparse.Namespace) -> str | None:
    path = args.path
    if isinstance(path, list):
        if len(path) > 1:
            raise DataError(
                f"give one PATH here, not {len(path)}", message_code="one_path",
                message_params={"n": len(path)},
            )  # fmt: skip
        return path[0] if path else None
    return str(path) if path is not None else None


@contextlib.contextmanager
def output_file(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write ``target`` through (renamed over it when complete); an
    ``OSError`` names ``target`` when the system did not."""
    try:
        with atomic_path(target) as tmp:
            yield tmp
    except OSError as exc:
        if exc.filename is None or str(exc.filename).endswith(".tmp"):
            exc.filename = str(target)
        raise


def write_file(target: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``target`` atomically (an ``OSError`` names ``target``)."""
    try:
        write_atomic(target, data)
    except OSError as exc:
        if exc.filename is None or str(exc.filename).endswith(".tmp"):
            exc.filename = str(target)
        raise


def wrote(args: argparse.Namespace, target: str | os.PathLike[str]) -> None:
    """Say on stderr which file was written (unless ``--quiet``), in the language
    ``--lang`` asked for (``args.message_lang``; as always without it)."""
    say(args, "cli.wrote", target=target)


def say(args: argparse.Namespace, message_id: str, **fields: Any) -> None:
    """Say a line of the catalogue on stderr (unless ``--quiet``), in the language
    ``--lang`` asked for (``args.message_lang``), English without it."""
    if getattr(args, "quiet", False):
        return
    from eduequity.report.labels import text

    lang = getattr(args, "message_lang", None) or "en"
    print(text(message_id, lang, **fields), file=sys.stderr)


def dumps(doc: Any) -> str:
    """A JSON document as the CLI prints it: indented, UTF-8 characters kept, never NaN."""
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_json(doc: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(dumps(doc))


def warn(
    args: argparse.Namespace,
    defects: Sequence[Defect],
    rule_name: Callable[[str], str] | None = None,
) -> None:
    """The warnings of a table or an assessment on stderr (unless ``--quiet``), in the
    language ``--lang`` asked for (``args.message_lang``), or as their messages."""
    if getattr(args, "quiet", False):
        return
    print_defects(defects, getattr(args, "message_lang", None), rule_name)


class Progress:
    """A one-line counter on stderr (``evaluate 3/20 a.csv``), redrawn in place.

    Shown only when stderr is a terminal and ``--quiet`` is not given, so logs, pipes and
    tests see nothing. A counter rather than a bar library: the work is counted in files
    or counties, a handful to a few thousand, and a dependency would cost the import time
    an embedding system pays on every call.
    """

    def __init__(self, label: str, total: int, *, quiet: bool = False) -> None:
        self.label = label
        self.total = total
        self.done = 0
        stream = sys.stderr
        self.active = not quiet and total > 1 and bool(getattr(stream, "isatty", bool)())

    def step(self, what: str = "") -> None:
        """One more item done (``what`` names it)."""
        self.done += 1
        if self.active:
            text = f"{self.label} {self.done}/{self.total} {what}"[:78]
            sys.stderr.write("\r" + text.ljust(78))
            sys.stderr.flush()

    def close(self) -> None:
        """Clear the line."""
        if self.active:
            sys.stderr.write("\r" + " " * 78 + "\r")
            sys.stderr.flush()

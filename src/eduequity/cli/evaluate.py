"""``eduequity evaluate``: one file, or a batch of files and folders in one process.

With one PATH (or ``--example``) the report goes to stdout or ``--output FILE``. With
several PATHs, or a folder (its ``.csv``, ``.xlsx`` and ``.json`` files, sorted by name),
every file is evaluated on its own, **one result per file**, so that a caller pays the
start-up once and a refused file does not stop the others:

- ``--format json`` without ``--output``: one ``eduequity.batch/1`` document on stdout,
  ``{"format": "eduequity.batch/1", "results": [{"file", "exit_code", "assessment"} or
  {"file", "exit_code": 2, "error": <eduequity.error/1 document>}]}``;
- ``--format text|md`` without ``--output``: the reports one after the other, each under a
  heading naming its file (a refused file's defects go to stderr);
- ``--output FOLDER`` (any format; needed for html and xlsx): one report per file,
  ``FOLDER/<file stem>.<format>`` (json: the assessment, or the error document of a refused
  file), each written atomically.

The exit code is the worst of the files: 2 if any was refused, else 1 under ``--strict``
if a county does not pass, else 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from eduequity.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_PASSED,
    EXIT_OK,
    Progress,
    Subparsers,
    add_data_arguments,
    dumps,
    examples,
    load,
    output_file,
    say,
    warn,
    write_file,
    wrote,
)
from eduequity.cli._errors import error_document, print_defects, refused_line, said
from eduequity.contract.error import error_message
from eduequity.errors import ConfigurationError, DataError, DataValidationError, EduequityError
from eduequity.report.labels import text

__all__ = ["BATCH_FORMAT", "expand_paths", "register", "run"]

BATCH_FORMAT = "eduequity.batch/1"
_SUFFIXES = (".csv", ".xlsx", ".json")
ONE_PAGE = 100  # county-years an html page holds before ``--split`` is suggested
_EXT = {"text": "txt", "json": "json", "md": "md", "html": "html", "xlsx": "xlsx",
        "parquet": "parquet", "csv-dir": "csv"}  # the last two: folders of tables


def register(subparsers: Subparsers) -> None:
    """Add ``evaluate``."""
    text = "evaluate counties against a standard (exit 0 whatever the verdict)"
    e = subparsers.add_parser(
        "evaluate", help=text, description=text,
        **examples(
            "eduequity evaluate schools.xlsx --standard cn-2012-basic --lang en",
            "eduequity evaluate schools.csv --county-inputs inputs.toml --format html "
            "--output report.html",
            "eduequity evaluate counties/ --format json --output results/  # one per file",
            "eduequity evaluate a.csv b.csv --strict --format json",
            "eduequity evaluate schools.csv --county-inputs survey.json "
            "--county-inputs teachers.json",
        ),
    )  # fmt: skip
    add_data_arguments(e, several=True)
    e.add_argument(
        "--standard",
        default="cn-2017-quality",
        help="bundled rule-set id or rule-set file (default: cn-2017-quality)",
    )
    e.add_argument(
        "--county-inputs",
        action="append",
        metavar="FILE",
        help="JSON, TOML or CSV file of county inputs; repeat it to put several together "
        "(e.g. the JSON of `eduequity survey --county CODE` and of `eduequity teachers`)",
    )
    e.add_argument(
        "--format",
        choices=("text", "json", "md", "html", "xlsx", "parquet", "csv-dir"),
        default="text",
        help="report format (xlsx needs --output FILE; parquet and csv-dir, one table per "
        "grain, need --output FOLDER)",
    )
    e.add_argument(
        "--lang", choices=("zh", "en"), default="zh",
        help="language of the report (and, when given, of the messages on stderr)",
    )  # fmt: skip
    e.add_argument(
        "--output",
        help="write the report to this file instead of stdout (a batch: to this folder)",
    )
    e.add_argument(
        "--strict", action="store_true", help="exit 1 unless every county passes every part"
    )
    e.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="NAME=on|off",
        help="set a rule-set flag, e.g. room_area_relaxation=on",
    )
    e.add_argument(
        "--contract", type=int, choices=(1, 2), default=2,
        help="json: eduequity.assessment/2 (compact, the default) or /1 (each section's "
        "thresholds and passed rules, each failure's rule text)",
    )
    e.add_argument(
        "--split", action="store_true",
        help="html: one file per county and an index, in the folder --output names",
    )  # fmt: skip
    e.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate one table, or each file of a batch."""
    flags = _flags(args.flag)
    if args.split and (args.format != "html" or not args.output):
        raise ConfigurationError(
            "--split writes html files: give --format html --output FOLDER",
            message_code="split_needs_html",
        )
    paths = list(args.path or [])
    if args.example or (len(paths) == 1 and not Path(paths[0]).is_dir()):
        return _single(args, flags)
    if not paths:
        raise DataError(
            "give a PATH of school data, or --example for the embedded county",
            message_code="no_path",
        )
    return _batch(args, flags, expand_paths(paths))


def _flags(items: list[str]) -> dict[str, bool]:
    flags = {}
    for item in items:
        name, _, value = item.partition("=")
        if value not in ("on", "off"):
            raise DataError(
                f"--flag {item}: expected NAME=on or NAME=off",
                message_code="bad_flag", message_params={"item": item},
            )  # fmt: skip
        flags[name] = value == "on"
    return flags


def _evaluate(args: argparse.Namespace, flags: dict[str, bool], path: str | None = None) -> Any:
    from eduequity.evaluate import evaluate

    given = args.county_inputs or []
    inputs = given[0] if len(given) == 1 else given or None
    assessment = evaluate(load(args, path), args.standard, inputs, flags=flags)
    lang = getattr(args, "message_lang", None)
    if lang is not None and not args.quiet:
        from eduequity.report.names import Names

        warn(args, assessment.warnings, Names(assessment, lang).rule)
    else:
        warn(args, assessment.warnings)
    return assessment


def _single(args: argparse.Namespace, flags: dict[str, bool]) -> int:
    assessment = _evaluate(args, flags)
    if args.split:
        from eduequity.report.files import write_report

        for written in write_report(assessment, args.output, lang=args.lang, split=True):
            wrote(args, str(written))
    elif args.format in ("xlsx", "parquet", "csv-dir"):
        if not args.output:
            raise DataError(
                f"--format {args.format} writes files: give --output",
                message_code="format_needs_output", message_params={"format": args.format},
            )  # fmt: skip
        _write_report(assessment, args.format, args.lang, args.output, args.contract)
        wrote(args, args.output)
    elif args.output:
        _write_report(assessment, args.format, args.lang, args.output, args.contract)
        wrote(args, args.output)
        n = len(assessment.counties)
        if args.format == "html" and n > ONE_PAGE:
            mb = round(Path(args.output).stat().st_size / 1e6)
            say(args, "cli.one_page_of_many", target=args.output, n=f"{n:,}", mb=f"{mb:,}")
    elif args.format == "json":
        _json_to(assessment, None, args.contract)
    else:
        sys.stdout.write(_render(assessment, args.format, args.lang, args.contract))
    return _strict_exit(args, assessment)


def _render(assessment: Any, fmt: str, lang: str, contract: int = 2) -> str:
    if fmt == "json":
        return str(assessment.to_json(indent=2, contract=contract)) + "\n"
    if fmt == "html":
        return str(assessment.to_html(lang=lang))
    if fmt == "md":
        return str(assessment.to_markdown(lang=lang))
    return str(assessment.to_text(lang=lang))


def _write_report(
    assessment: Any, fmt: str, lang: str, target: str | os.PathLike[str], contract: int = 2
) -> None:
    """The report in ``fmt`` written atomically to ``target``."""
    if fmt in ("parquet", "csv-dir"):
        assessment.write(target, format="parquet" if fmt == "parquet" else "csv")
    elif fmt == "xlsx":
        with output_file(target) as tmp:
            assessment.to_xlsx(tmp, lang=lang)
    elif fmt == "json":
        _json_to(assessment, target, contract)
    else:
        write_file(target, _render(assessment, fmt, lang))


def _json_to(
    assessment: Any, target: str | os.PathLike[str] | None, contract: int = 2
) -> None:
    """The assessment's JSON to stdout (``None``) or ``target``, streamed county by county."""
    if target is None:
        assessment.to_json(dest=sys.stdout, indent=2, contract=contract)
        sys.stdout.write("\n")
        return
    with output_file(target) as tmp:
        assessment.to_json(dest=tmp, indent=2, contract=contract)


def _strict_exit(args: argparse.Namespace, assessment: Any) -> int:
    if args.strict and not all(v is True for v in assessment.county_verdicts().values()):
        return EXIT_NOT_PASSED
    return EXIT_OK


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; a folder becomes its ``.csv``, ``.xlsx`` and ``.json`` files, sorted.

    A folder without any is refused, naming it.
    """
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.iterdir()
                if f.suffix.lower() in _SUFFIXES and f.is_file() and not f.name.startswith(".")
            )  # fmt: skip
            if not found:
                raise DataError(
                    f"{given}: a folder without .csv, .xlsx or .json files",
                    message_code="empty_folder", message_params={"folder": given},
                )  # fmt: skip
            out += found
        else:
            out.append(given)
    return out


def _batch(args: argparse.Namespace, flags: dict[str, bool], files: list[str]) -> int:
    folder = Path(args.output) if args.output else None
    if folder is None and args.format in ("html", "xlsx", "parquet", "csv-dir"):
        raise DataError(
            f"--format {args.format} of several files: give --output FOLDER",
            message_code="batch_needs_folder", message_params={"format": args.format},
        )  # fmt: skip
    if folder is not None:
        if folder.exists() and not folder.is_dir():
            raise DataError(
                f"--output {folder}: several files need a folder, not a file",
                message_code="output_not_folder", message_params={"folder": str(folder)},
            )  # fmt: skip
        stems = [Path(f).stem for f in files]
        twice = sorted({s for s in stems if stems.count(s) > 1})
        if twice:
            raise DataError(
                f"files with the same name would write the same report: {twice}",
                message_code="same_stems", message_params={"stems": twice},
            )  # fmt: skip
        folder.mkdir(parents=True, exist_ok=True)
    progress = Progress("evaluate", len(files), quiet=args.quiet)
    results: list[dict[str, Any]] = []
    texts: list[str] = []
    worst = EXIT_OK
    try:
        for file in files:
            try:
                assessment = _evaluate(args, flags, file)
            except (EduequityError, OSError) as exc:
                worst = EXIT_BAD_INPUT
                results.append({"file": file, "exit_code": EXIT_BAD_INPUT,
                                "error": error_document(exc)})  # fmt: skip
                _report_refused(file, exc, args, folder)
                progress.step(Path(file).name)
                continue
            code = _strict_exit(args, assessment)
            worst = max(worst, code)
            if folder is not None:
                target = folder / f"{Path(file).stem}.{_EXT[args.format]}"
                _write_report(assessment, args.format, args.lang, target, args.contract)
                wrote(args, target)
            elif args.format == "json":
                doc = assessment.to_dict(args.contract)
                results.append({"file": file, "exit_code": code, "assessment": doc})
            else:
                head = f"# {file}\n\n" if args.format == "md" else f"== {file} ==\n"
                texts.append(head + _render(assessment, args.format, args.lang, args.contract))
            progress.step(Path(file).name)
    finally:
        progress.close()
    if folder is None:
        if args.format == "json":
            sys.stdout.write(dumps({"format": BATCH_FORMAT, "results": results}))
        else:
            sys.stdout.write("\n".join(texts))
    return worst


def _report_refused(
    file: str, exc: BaseException, args: argparse.Namespace, folder: Path | None
) -> None:
    """A refused file of a batch: its defects on stderr, and its error document in the
    folder when reports go to one as JSON."""
    lang = getattr(args, "message_lang", None)
    if isinstance(exc, DataValidationError):
        print_defects(exc.defects, lang)
    if lang is None:
        print(f"error: {file}: {error_message(exc)}", file=sys.stderr)
    elif isinstance(exc, DataValidationError):
        print(refused_line(exc, lang), file=sys.stderr)
    else:
        shown = said(exc, lang) if getattr(exc, "message_code", None) else (
            f"{file}: {error_message(exc)}"
        )
        print(f"{text('dp.error', lang)}{shown}", file=sys.stderr)
    if folder is not None and args.format == "json":
        write_file(folder / f"{Path(file).stem}.json", dumps(error_document(exc)))

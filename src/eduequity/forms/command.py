"""The forms loop on the command line: ``template``, ``collect``, ``forms``, ``rectify``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from eduequity.io.atomic import write_atomic

if TYPE_CHECKING:
    from eduequity.assessment import Assessment
    from eduequity.table import SchoolTable

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the four commands of the county's data loop."""
    raw = argparse.RawDescriptionHelpFormatter
    t = subparsers.add_parser(
        "template", help="write a blank school or county form (xlsx)", formatter_class=raw,
        epilog="examples:\n  eduequity template school -o 学校填报表.xlsx\n"
               "  eduequity template school --schools schools.csv -o forms/\n",
    )  # fmt: skip
    t.add_argument("kind", choices=("school", "county"), help="which form")
    t.add_argument("--standard", default="cn-2017-quality",
                   help="the items this standard needs (default cn-2017-quality)")
    t.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the form")
    t.add_argument("--schools", metavar="FILE",
                   help="school table: one pre-filled workbook per school, in the -o folder")
    t.add_argument("-o", "--output", required=True, metavar="PATH",
                   help="the workbook (or, with --schools, the folder) to write")
    t.set_defaults(func=_template)

    c = subparsers.add_parser(
        "collect", help="read filled forms into a school table and county inputs",
        formatter_class=raw,
        epilog="examples:\n  eduequity collect returns/ -o schools.csv "
               "--county-inputs-out inputs.json\n",
    )  # fmt: skip
    c.add_argument("paths", nargs="+", metavar="FOLDER_OR_FILE", help="filled form workbooks")
    c.add_argument("-o", "--output", metavar="FILE", help="the school table (CSV) to write")
    c.add_argument("--county-inputs-out", metavar="FILE", help="the county inputs (JSON)")
    c.add_argument("--log", metavar="FILE",
                   help="the review log (CSV; default collect.log.csv beside --output)")
    c.add_argument("--county-code", help="for school forms without a county form")
    c.add_argument("--year", type=int, help="for school forms without a county form")
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="what to print (default text)")
    c.add_argument("--lang", choices=("zh", "en"),
                   help="language of the text printed and of the errors on stderr "
                   "(default: the English summary)")
    c.set_defaults(func=_collect)

    f = subparsers.add_parser(
        "forms", help="the application tables (申报表) filled from the data",
        formatter_class=raw,
        epilog="examples:\n  eduequity forms schools.csv --standard cn-2012-basic -o 申报表.xlsx\n",
    )  # fmt: skip
    f.add_argument("path", help="school data (CSV, xlsx or JSON)")
    f.add_argument("--standard", default="cn-2017-quality", help="rule-set id or file")
    f.add_argument("--county-inputs", help="JSON, TOML or CSV file of county inputs")
    f.add_argument("--format", choices=("xlsx", "html"), default="xlsx",
                   help="workbook or html page (default xlsx)")
    f.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    f.add_argument("--lang", choices=("zh", "en"),
                   help="language of the errors on stderr (the tables are in Chinese)")
    f.set_defaults(func=_forms)

    r = subparsers.add_parser(
        "rectify", help="the rectification register (整改台账), followed year to year",
        formatter_class=raw,
        epilog="examples:\n  eduequity rectify schools-2024.csv --plan -o 整改台账-2024.xlsx\n"
               "  eduequity rectify --previous 整改台账-2024.xlsx schools-2025.csv "
               "-o 整改台账-2025.xlsx\n",
    )  # fmt: skip
    r.add_argument("path", help="school data of this year")
    r.add_argument("--standard", default="cn-2017-quality", help="rule-set id or file")
    r.add_argument("--county-inputs", help="JSON, TOML or CSV file of county inputs")
    r.add_argument("--plan", action="store_true",
                   help="add each school's least-cost measures and their cost")
    r.add_argument("--previous", metavar="FILE", help="last year's register (xlsx)")
    r.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the workbook")
    r.add_argument("--format", choices=("xlsx", "json"), default="xlsx",
                   help="workbook or JSON (default xlsx)")
    r.add_argument("-o", "--output", metavar="FILE", help="file to write (JSON: stdout)")
    r.set_defaults(func=_rectify)


def _template(args: argparse.Namespace) -> int:
    from eduequity.forms.template import write_template
    from eduequity.io import load_schools
    from eduequity.rules import load_rule_set

    rs = load_rule_set(args.standard)
    if not args.schools:
        write_template(args.kind, args.output, standard=rs, lang=args.lang)
        return 0
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    for rec in load_schools(args.schools).to_dicts():
        name = f"{rec['school_id']}.xlsx"
        write_template("school", folder / name, standard=rs, lang=args.lang, school=rec)
    return 0


def _collect(args: argparse.Namespace) -> int:
    from eduequity.forms.collect import collect

    got = collect(args.paths, county_code=args.county_code, year=args.year)
    if args.output and got.schools is not None:
        got.schools.to_csv(args.output)
    log = args.log or (str(Path(args.output).with_name("collect.log.csv")) if args.output else None)
    if log:
        write_atomic(log, got.log_csv())
    if args.county_inputs_out:
        doc = {"counties": [{"county_code": k, "inputs": v} for k, v in got.county_inputs.items()]}
        write_atomic(args.county_inputs_out, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if args.format == "json":
        sys.stdout.write(json.dumps(got.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.lang == "zh":
        from eduequity.forms.text import collected_lines

        sys.stdout.write("".join(f"{line}\n" for line in collected_lines(got, args.lang)))
    else:
        accepted = sum(1 for f in got.log if f.status == "accepted")
        sys.stdout.write(f"{len(got.log)} forms: {accepted} accepted, "
                         f"{len(got.returned)} returned\n")  # fmt: skip
        for f in got.returned:
            for d in f.defects:
                if d.severity == "error":
                    sys.stdout.write(f"  {f.file}: 第{d.item_no}项 {d.item} {d.value!r}: "
                                     f"{d.reason}\n")  # fmt: skip
    return 0 if not got.returned else 1


def _assess(args: argparse.Namespace) -> tuple[SchoolTable, Assessment]:
    from eduequity.evaluate import evaluate
    from eduequity.io import load_schools

    table = load_schools(args.path)
    return table, evaluate(table, args.standard, args.county_inputs)


def _forms(args: argparse.Namespace) -> int:
    from eduequity.forms.official import application_tables

    table, a = _assess(args)
    tables = application_tables(a, table)
    if len(tables) != 1:
        from eduequity.errors import DataError

        raise DataError(f"{args.path}: {len(tables)} counties or years; the 申报表 is one "
                        "county's: give one county and year per file",
                        message_code="forms_one_county",
                        message_params={"file": args.path, "n": len(tables)})  # fmt: skip
    if args.format == "html":
        write_atomic(args.output, tables[0].to_html())
    else:
        tables[0].write_xlsx(args.output)
    return 0


def _rectify(args: argparse.Namespace) -> int:
    from eduequity.forms.register import rectification
    from eduequity.forms.register_xlsx import read_register

    table, a = _assess(args)
    plan = None
    if args.plan:
        from eduequity.planning import plan as make_plan

        plan = make_plan(table, args.standard)
    previous = read_register(args.previous) if args.previous else None
    reg = rectification(a, plan, previous=previous)
    if args.format == "json":
        text = json.dumps(reg.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
        return 0
    if not args.output:
        from eduequity.errors import ConfigurationError

        raise ConfigurationError(
            "rectify --format xlsx needs -o FILE", message_code="rectify_needs_output"
        )
    reg.to_xlsx(args.output, lang=args.lang)
    return 0

"""The ``eduequity`` command (also ``python -m eduequity``): thin over the public API.

stdout carries only the requested output (with ``--format json`` exactly one JSON
document); diagnostics go to stderr. Exit codes: 0 success, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from eduequity.defects import Defect
from eduequity.errors import DataError, DataValidationError, EduequityError
from eduequity.examples import load_example
from eduequity.io import load_schools
from eduequity.sections import build_sections
from eduequity.table import SchoolTable

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    handler = {"validate": _validate, "summary": _summary}[args.command]
    try:
        return handler(args)
    except DataValidationError as exc:
        _print_defects(exc.defects, sys.stderr)
        errors = len(exc.errors)
        print(f"{exc.source}: {errors} error(s); the data were refused", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (DataError, EduequityError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="eduequity",
        description="Equity of compulsory-education resources across schools.",
    )
    sub = p.add_subparsers(dest="command")
    for name, text in (
        ("validate", "check a school table; exit 0 when valid, 2 when not"),
        ("summary", "summarise a validated school table: counties, sections, exclusions"),
    ):
        c = sub.add_parser(name, help=text, description=text)
        c.add_argument("path", nargs="?", help="CSV, xlsx or JSON file of schools")
        c.add_argument("--example", action="store_true", help="use the embedded example county")
        c.add_argument("--format", choices=("text", "json"), default="text")
        c.add_argument("--encoding", help="CSV encoding (default: UTF-8, then GBK)")
        c.add_argument("--sheet", help="xlsx sheet (default: the first)")
    return p


def _load(args: argparse.Namespace) -> SchoolTable:
    if args.example == bool(args.path):
        raise DataError("give a PATH or --example (one of them)")
    if args.example:
        return load_example()
    return load_schools(args.path, encoding=args.encoding, sheet=args.sheet)


def _validate(args: argparse.Namespace) -> int:
    table = _load(args)
    _print_defects(table.warnings, sys.stderr)
    if args.format == "json":
        doc = {
            "valid": True,
            "source": table.source,
            "schools": len(table),
            "counties": [{"county_code": c, "year": y} for c, y in table.counties()],
            "warnings": [w.to_dict() for w in table.warnings],
        }
        _write_json(doc)
    else:
        print(f"{table.source}: valid, {len(table)} schools, {len(table.warnings)} warning(s)")
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    table = _load(args)
    _print_defects(table.warnings, sys.stderr)
    sections = build_sections(table)
    doc = summarise(table)
    doc["sections"] = {
        lv: {
            "count": int((sections.level == lv).sum()),
            "students": float(sections.values["students"][sections.level == lv].sum()),
        }
        for lv in ("primary", "junior")
    }
    doc["excluded"] = [e.to_dict() for e in sections.excluded]
    doc["merged"] = [m.to_dict() for m in sections.merged]
    if args.format == "json":
        _write_json(doc)
        return EXIT_OK
    print(f"{table.source}: {len(table)} schools in {len(doc['counties'])} county-year(s)")
    for c in doc["counties"]:
        print(
            f"  county {c['county_code']} ({c['county_name']}), year {c['year']}: "
            f"{c['schools']} schools"
        )
    print("  by type: " + ", ".join(f"{k} {v}" for k, v in doc["by_type"].items()))
    for lv, s in doc["sections"].items():
        print(f"  {lv} sections: {s['count']} with {s['students']:.0f} students")
    for e in doc["excluded"]:
        print(f"  excluded {e['school_id']} ({e['level']}): {e['reason']}")
    for m in doc["merged"]:
        print(f"  merged {m['school_id']} into {m['parent_school_id']} ({m['students']} students)")
    return EXIT_OK


def summarise(table: SchoolTable) -> dict[str, Any]:
    """Counts per county-year and school type (JSON-ready)."""
    counties = []
    for code, year in table.counties():
        rows = (table["county_code"] == code) & (table["year"] == year)
        names = sorted(set(table["county_name"][rows].tolist()) - {""})
        counties.append(
            {
                "county_code": code,
                "county_name": ", ".join(names) or None,
                "year": year,
                "schools": int(rows.sum()),
            }
        )
    by_type = dict(sorted(Counter(table["school_type"].tolist()).items()))
    return {
        "source": table.source,
        "schools": len(table),
        "counties": counties,
        "by_type": by_type,
        "warnings": [w.to_dict() for w in table.warnings],
    }


def _print_defects(defects: Sequence[Defect], stream: TextIO) -> None:
    for d in defects:
        print(f"{d.severity}: {d.message}", file=stream)


def _write_json(doc: dict[str, Any]) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")

"""``eduequity validate`` and ``eduequity summary``: is the table readable, and what is in it."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING, Any

from eduequity.cli._common import (
    EXIT_OK,
    Subparsers,
    add_data_arguments,
    add_format,
    add_lang,
    examples,
    load,
    warn,
    write_json,
)
from eduequity.cli.labels import exclusion_reason, level_name, say, type_name

if TYPE_CHECKING:
    from eduequity.table import SchoolTable

__all__ = ["register", "run_summary", "run_validate", "summarise"]


def register(subparsers: Subparsers) -> None:
    """Add ``validate`` and ``summary``."""
    text = "check a school table; exit 0 when valid, 2 when not"
    v = subparsers.add_parser(
        "validate", help=text, description=text,
        **examples("eduequity validate schools.xlsx --sheet 2025",
                   "eduequity validate bureau.xlsx --header-row 3 --strict --format json"),
    )  # fmt: skip
    add_data_arguments(v)
    v.add_argument(
        "--strict", action="store_true",
        help="unknown column headers are errors, not warnings",
    )  # fmt: skip
    add_format(v, "json")
    add_lang(v)
    v.set_defaults(func=run_validate)
    text = "summarise a validated school table: counties, sections, exclusions"
    s = subparsers.add_parser(
        "summary", help=text, description=text,
        **examples("eduequity summary schools.csv", "eduequity summary --example --lang en"),
    )  # fmt: skip
    add_data_arguments(s)
    add_format(s, "json")
    add_lang(s)
    s.set_defaults(func=run_summary)


def run_validate(args: argparse.Namespace) -> int:
    """Load the table (``--strict``: unknown headers refused); report it valid or its defects."""
    table = load(args, strict=args.strict)
    warn(args, table.warnings)
    if args.format == "json":
        doc = {
            "valid": True,
            "source": table.source,
            "schools": len(table),
            "counties": [{"county_code": c, "year": y} for c, y in table.counties()],
            "warnings": [w.to_dict() for w in table.warnings],
        }
        write_json(doc)
    else:
        print(
            say(args.lang, "valid", source=table.source, schools=len(table),
                warnings=len(table.warnings))
        )  # fmt: skip
    return EXIT_OK


def run_summary(args: argparse.Namespace) -> int:
    """Counties, school types, sections and what was left out or merged."""
    from eduequity.sections import build_sections

    table = load(args)
    warn(args, table.warnings)
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
        write_json(doc)
        return EXIT_OK
    lang = args.lang
    lines = [
        say(lang, "summary_head", source=table.source, schools=len(table),
            counties=len(doc["counties"]))
    ]  # fmt: skip
    for c in doc["counties"]:
        lines.append(
            say(lang, "summary_county", code=c["county_code"], name=c["county_name"],
                year=c["year"], schools=c["schools"])
        )  # fmt: skip
    sep = "，" if lang == "zh" else ", "
    types = sep.join(f"{type_name(lang, k)} {v}" for k, v in doc["by_type"].items())
    lines.append(say(lang, "by_type", types=types))
    for lv, s in doc["sections"].items():
        lines.append(
            say(lang, "sections", level=level_name(lang, lv), count=s["count"],
                students=s["students"])
        )  # fmt: skip
    for e in doc["excluded"]:
        lines.append(
            say(lang, "excluded", school=e["school_id"], level=level_name(lang, e["level"]),
                reason=exclusion_reason(lang, e["code"], e["reason"]))
        )  # fmt: skip
    for m in doc["merged"]:
        lines.append(
            say(lang, "merged", school=m["school_id"], parent=m["parent_school_id"],
                students=m["students"])
        )  # fmt: skip
    print("\n".join(lines))
    return EXIT_OK


def summarise(table: SchoolTable) -> dict[str, Any]:
    """Counts per county-year and school type (JSON-ready).

    Examples
    --------
    >>> from eduequity import load_example
    >>> doc = summarise(load_example())
    >>> doc["schools"], [c["county_code"] for c in doc["counties"]]
    (40, ['999901'])
    """
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

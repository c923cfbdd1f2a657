"""``eduequity plan`` and ``eduequity whatif``: what it takes to pass, and what a change
would do."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from eduequity.cli._common import (
    EXIT_OK,
    Progress,
    Subparsers,
    add_data_arguments,
    add_format,
    add_lang,
    examples,
    load,
    output_file,
    write_json,
    wrote,
)
from eduequity.cli.labels import column_name, level_name, say, status
from eduequity.errors import DataError

__all__ = ["plan_lines", "register", "run_plan", "run_whatif", "whatif_lines"]


def register(subparsers: Subparsers) -> None:
    """Add ``plan`` and ``whatif``."""
    text = "least-cost additions per school for every county to pass the resource part"
    pl = subparsers.add_parser(
        "plan", help=text, description=text,
        **examples("eduequity plan schools.csv --format md --adjusted-data planned.csv",
                   "eduequity plan schools.csv --transfers --budget 2000000"),
    )  # fmt: skip
    add_data_arguments(pl)
    pl.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    pl.add_argument("--costs", help="TOML or JSON of yuan per unit, keys as data/costs.toml")
    add_format(pl, "json", "md")
    add_lang(pl)
    pl.add_argument("--adjusted-data", help="write the table with the plan applied (CSV)")
    pl.add_argument(
        "--transfers", action="store_true", help="move teachers between schools, hire none"
    )
    pl.add_argument("--budget", type=float, help="yuan per county: as many schools as it allows")
    pl.set_defaults(func=run_plan)
    text = "apply changes (add, move, close, merge) and show the new verdict and what moved"
    wi = subparsers.add_parser(
        "whatif", help=text, description=text,
        **examples("eduequity whatif schools.csv --add 330106003,teaching_aux_area_m2,300",
                   "eduequity whatif schools.csv --merge 330106010,330106003 --format json"),
    )  # fmt: skip
    add_data_arguments(wi)
    wi.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    wi.add_argument(
        "--add", action="append", default=[], metavar="ID,COLUMN,AMOUNT",
        help="add AMOUNT to COLUMN of school ID, e.g. 330106003,teaching_aux_area_m2,300",
    )  # fmt: skip
    wi.add_argument(
        "--move", action="append", default=[], metavar="FROM,TO,COLUMN,AMOUNT",
        help="move AMOUNT of COLUMN from school FROM to school TO, e.g. A,B,teachers_primary,2",
    )  # fmt: skip
    wi.add_argument(
        "--close", action="append", default=[], metavar="ID",
        help="close school ID (it leaves the table)",
    )  # fmt: skip
    wi.add_argument(
        "--merge", action="append", default=[], metavar="ID,INTO_ID",
        help="merge school ID into INTO_ID (pupils, resources and teachers added)",
    )  # fmt: skip
    wi.add_argument("--changes", help="a JSON list of changes (see eduequity.whatif)")
    add_format(wi, "json")
    add_lang(wi)
    wi.set_defaults(func=run_whatif)


def _costs(path: str | None) -> dict[str, float] | None:
    import tomllib

    if not path:
        return None
    from eduequity.rules.files import syntax_position

    text = _utf8(path)
    is_json = Path(path).suffix.lower() == ".json"
    try:
        raw = json.loads(text) if is_json else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        line, col = syntax_position(exc, text)
        raise DataError(
            f"{path}: cannot read costs: {exc}", message_code="costs_unreadable",
            message_params={"file": path, "kind": "JSON" if is_json else "TOML",
                            "line": line, "col": col},
        ) from None  # fmt: skip
    try:
        return {str(k): float(v) for k, v in raw.items()}
    except (AttributeError, TypeError, ValueError):
        raise DataError(
            f"{path}: costs must be numbers (yuan per unit)",
            message_code="costs_not_numbers", message_params={"file": path},
        ) from None  # fmt: skip


def run_plan(args: argparse.Namespace) -> int:
    """Solve the plan; write the adjusted table if asked; print the plan."""
    from eduequity.planning import plan

    costs = _costs(args.costs)
    table = load(args)
    bar = Progress("plan", len(table.counties()), quiet=args.quiet)

    def step(round_: int, county: str) -> None:
        bar.label = f"plan, round {round_}:"
        bar.step(county)
        if bar.done == bar.total:
            bar.done = 0

    try:
        result = plan(table, args.standard, costs=costs, transfers=args.transfers,
                      budget=args.budget, progress=step)  # fmt: skip
    finally:
        bar.close()
    if args.adjusted_data:
        with output_file(args.adjusted_data) as tmp:
            result.adjusted.to_csv(tmp)
        wrote(args, args.adjusted_data)
    if args.format == "json":
        write_json(result.to_dict())
        return EXIT_OK
    print("\n".join(plan_lines(result, args.lang, md=args.format == "md")))
    return EXIT_OK


def plan_lines(result: Any, lang: str, *, md: bool = False) -> list[str]:
    """A plan as text (or Markdown) lines in ``lang``."""
    head = say(lang, "plan_head", standard=result.standard)
    lines = [f"# {head}" if md else head]
    for c in result.counties:
        county = say(lang, "plan_county", code=c.county_code, year=c.year, cost=c.total_cost,
                     before=status(lang, c.passed_before), after=status(lang, c.passed_after))
        lines.append(f"\n## {county}\n" if md else county)  # fmt: skip
        if md and c.additions:
            lines += [say(lang, "plan_table"), "|---|---|---|---:|---:|"]
        for a in c.additions:
            column = column_name(lang, a.column)
            if md:
                lines.append(
                    f"| {a.school_id} | {level_name(lang, a.level)} | {column} | "
                    f"{a.amount:,.2f} {a.unit} | {a.cost:,.0f} |"
                )
            else:
                lines.append(
                    say(lang, "plan_addition", school=a.school_id, column=column,
                        amount=a.amount, unit=a.unit, cost=a.cost)
                )  # fmt: skip
        notes = c.notes_zh if lang == "zh" else c.notes
        lines += [say(lang, "plan_note", note=n) for n in notes]
    lines.append(say(lang, "plan_total", total=result.total_cost))
    return lines


def _utf8(path: str) -> str:
    """The text of ``path``, refused (naming the byte and its line) unless UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")  # a BOM (Notepad's) is not the text's
    except UnicodeDecodeError as exc:
        line, byte = data[: exc.start].count(b"\n") + 1, f"{data[exc.start]:02x}"
        raise DataError(
            f"{path}: not UTF-8 text (byte 0x{byte} on line {line}): save the file as UTF-8",
            message_code="text_not_utf8",
            message_params={"file": path, "byte": byte, "line": line},
        ) from None


def _changes(args: argparse.Namespace) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    if args.changes:
        text = _utf8(args.changes)
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            from eduequity.rules.files import syntax_position

            line, col = syntax_position(exc, text)
            raise DataError(
                f"{args.changes}: not a JSON list of changes: {exc}",
                message_code="changes_not_json",
                message_params={"file": args.changes, "line": line, "col": col},
            ) from None
        if not isinstance(loaded, list):
            raise DataError(
                f"{args.changes}: not a JSON list of changes",
                message_code="changes_not_list", message_params={"file": args.changes},
            )  # fmt: skip
        changes += loaded

    def parts(text: str, n: int, what: str) -> list[str]:
        items = [p.strip() for p in text.split(",")]
        if len(items) != n:
            raise DataError(
                f"--{what} {text}: expected {n} comma-separated fields",
                message_code="change_fields", message_params={"what": what, "text": text, "n": n},
            )  # fmt: skip
        return items

    for text in args.add:
        school, column, amount = parts(text, 3, "add")
        changes.append({"add": {"school_id": school, "column": column, "amount": amount}})
    for text in args.move:
        source, target, column, amount = parts(text, 4, "move")
        changes.append({"move": {"from": source, "to": target, "column": column, "amount": amount}})
    changes += [{"close": school} for school in args.close]
    for text in args.merge:
        source, target = parts(text, 2, "merge")
        changes.append({"merge": {"school": source, "into": target}})
    if not changes:
        raise DataError(
            "give changes: --add, --move, --close, --merge or --changes FILE",
            message_code="no_changes",
        )
    return changes


def run_whatif(args: argparse.Namespace) -> int:
    """Apply the changes; print the verdicts, CVs and schools that moved."""
    from eduequity.whatif import whatif

    changes = _changes(args)
    result = whatif(load(args), changes, args.standard)
    if args.format == "json":
        write_json(result.to_dict())
        return EXIT_OK
    print("\n".join(whatif_lines(result, args.lang)))
    return EXIT_OK


def whatif_lines(result: Any, lang: str) -> list[str]:
    """What moved, as text lines in ``lang`` (indicators by name)."""
    std = result.after.standard
    lines = []
    for d in result.differences():
        lines.append(
            say(lang, "whatif_county", code=d["county_code"], year=d["year"],
                before=status(lang, d["passed_before"]), after=status(lang, d["passed_after"]))
        )  # fmt: skip
        for c in d["cvs"]:
            before = "—" if c["before"] is None else f"{c['before']:.3f}"
            after = "—" if c["after"] is None else f"{c['after']:.3f}"
            lines.append(
                say(lang, "whatif_cv", level=level_name(lang, c["level"]),
                    indicator=std.name(c["indicator"], lang), before=before, after=after)
            )  # fmt: skip
        for s in d["schools"]:
            state = (
                say(lang, "closed")
                if s["gone"]
                else f"{status(lang, s['before'])} → {status(lang, s['after'])}"
            )
            lines.append(
                say(lang, "whatif_school", school=s["school_id"],
                    level=level_name(lang, s["level"]), state=state)
            )  # fmt: skip
    return lines

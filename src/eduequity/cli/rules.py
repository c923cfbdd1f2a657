"""``eduequity rules list|show|validate``: the bundled rule sets and rule-set files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from eduequity.cli._common import EXIT_OK, Subparsers, add_format, examples, write_json

if TYPE_CHECKING:
    from eduequity.rules.schema import RuleSet

__all__ = ["describe_rule_set", "register", "run"]


def register(subparsers: Subparsers) -> None:
    """Add ``rules`` and its ``list``, ``show`` and ``validate``."""
    r = subparsers.add_parser(
        "rules", help="list, show and validate rule sets",
        description="list, show and validate rule sets",
        **examples("eduequity rules list", "eduequity rules show cn-2017-quality",
                   "eduequity rules validate my-province.toml"),
    )  # fmt: skip
    rsub = r.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    rl = rsub.add_parser("list", help="the bundled rule sets", description="the bundled rule sets")
    add_format(rl, "json")
    rs = rsub.add_parser(
        "show", help="a rule set's rules and thresholds",
        description="a rule set's rules and thresholds",
    )  # fmt: skip
    rs.add_argument("standard", help="bundled id or rule-set file")
    add_format(rs, "json")
    text = "check a rule-set file; exit 0 when valid, 2 when not"
    rv = rsub.add_parser("validate", help=text, description=text)
    rv.add_argument("file", help="the rule-set file (TOML)")
    add_format(rv, "json")
    r.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List, show or validate rule sets."""
    from eduequity.rules import load_rule_set, rule_set_digest

    if args.rules_command == "list":
        from eduequity.rules.listing import describe_rule_sets, format_rule_sets

        records = describe_rule_sets()
        if args.format == "json":
            write_json({"rule_sets": records})
        else:
            sys.stdout.write(format_rule_sets(records))
        return EXIT_OK
    if args.rules_command == "show":
        rs = load_rule_set(args.standard)
        if args.format == "json":
            write_json({"digest": rule_set_digest(rs), "rule_set": rs.model_dump(mode="json")})
        else:
            sys.stdout.write(describe_rule_set(rs))
        return EXIT_OK
    rs = load_rule_set(Path(args.file))
    if args.format == "json":
        write_json({"valid": True, "file": args.file, "id": rs.id, "revision": rs.revision,
                    "status": rs.status, "rules": len(rs.rules), "digest": rule_set_digest(rs)})
        return EXIT_OK
    print(
        f"{args.file}: valid rule set {rs.id} r{rs.revision} ({rs.status}), "
        f"{len(rs.rules)} rules, {rule_set_digest(rs)}"
    )
    return EXIT_OK


def describe_rule_set(rs: RuleSet) -> str:
    """A readable listing of a rule set: parts, rules, thresholds and references."""
    from eduequity.rules import rule_set_digest
    from eduequity.rules.schema import CountyCVRule, SchoolRule

    lines = [
        f"{rs.id} r{rs.revision} ({rs.status}) — {rs.title_zh}",
        f"  {rs.title_en}",
        f"  document: {rs.document}; built from: {' > '.join(rs.lineage)}",
        f"  digest: {rule_set_digest(rs)}",
        f"  scope: private {'in' if rs.scope.include_private else 'out'}, special "
        f"{'in' if rs.scope.include_special else 'out'}, teaching points "
        f"{rs.scope.teaching_points.mode}"
        + (
            f" (≥ {rs.scope.teaching_points.min_students} students)"
            if rs.scope.teaching_points.mode == "keep"
            else ""
        ),
        f"  level verdict from: {', '.join(rs.level_parts)}",
    ]
    for part in rs.parts:
        lines.append(f"\n[{part.id}] {part.zh} / {part.en}")
        for rule in (r for r in rs.rules if r.part == part.id):
            lines.append(f"  {rule.id} ({rule.kind}, {rule.certainty}): {rule.reference}")
            if isinstance(rule, SchoolRule):
                if rule.kind == "school_k_of_n":
                    floor = f", floor {rule.floor:g}" if rule.floor is not None else ""
                    lines.append(
                        f"    at most {rule.allowed_failures} of {len(rule.items)} may fail{floor}"
                    )
                for item in rule.items:
                    sign = "≥" if item.comparison == "at_least" else "≤"
                    ths = "; ".join(
                        " ".join(f"{k}={v}" for k, v in th.conditions().items())
                        + f" {sign} {th.written or f'{th.value:g}'}"
                        for th in item.thresholds
                    )
                    lines.append(f"    {item.indicator}: {ths.strip()}")
            elif isinstance(rule, CountyCVRule):
                ths = ", ".join(f"{t.level} ≤ {t.value:g}" for t in rule.thresholds)
                what = "mean of the CVs" if rule.aggregate == "mean" else "CV of each"
                lines.append(f"    {what} of {', '.join(rule.indicators)}: {ths}")
            else:
                lines.append(f"    input: {rule.input}")
    return "\n".join(lines) + "\n"

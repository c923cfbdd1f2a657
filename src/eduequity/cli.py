"""The ``eduequity`` command (also ``python -m eduequity``): thin over the public API.

stdout carries only the requested output (with ``--format json`` exactly one JSON
document); diagnostics go to stderr. Exit codes: 0 success (``evaluate``: evaluated,
whatever the verdict; ``audit``: clean), 1 ``evaluate --strict`` when a county does not
pass, or ``audit`` with findings, 2 bad input (data, rule set, county inputs, options).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from eduequity.assessment import Assessment
from eduequity.defects import Defect
from eduequity.errors import DataError, DataValidationError, EduequityError
from eduequity.evaluate import evaluate
from eduequity.examples import load_example
from eduequity.io import load_schools
from eduequity.rules import bundled_rule_sets, load_rule_set, rule_set_digest
from eduequity.rules.schema import CountyCVRule, RuleSet, SchoolRule
from eduequity.sections import build_sections
from eduequity.table import SchoolTable

EXIT_OK = 0
EXIT_NOT_PASSED = 1
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    handler = {
        "validate": _validate,
        "summary": _summary,
        "evaluate": _evaluate,
        "rules": _rules,
        "audit": _audit,
        "plan": _plan,
        "trend": _trend,
        "whatif": _whatif,
    }[args.command]
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
        _data_arguments(c)
        c.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    text = "evaluate counties against a standard (exit 0 whatever the verdict)"
    e = sub.add_parser("evaluate", help=text, description=text)
    _data_arguments(e)
    e.add_argument(
        "--standard",
        default="cn-2017-quality",
        help="bundled rule-set id or rule-set file (default: cn-2017-quality)",
    )
    e.add_argument("--county-inputs", help="JSON, TOML or CSV file of county inputs")
    e.add_argument(
        "--format",
        choices=("text", "json", "md", "html", "xlsx"),
        default="text",
        help="report format (xlsx needs --output)",
    )
    e.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report")
    e.add_argument("--output", help="write the report to this file instead of stdout")
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
    text = "audit a school table before filing: exit 0 when clean, 1 with findings"
    a = sub.add_parser("audit", help=text, description=text)
    _data_arguments(a)
    a.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    text = "least-cost additions per school for every county to pass the resource part"
    pl = sub.add_parser("plan", help=text, description=text)
    _data_arguments(pl)
    pl.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    pl.add_argument("--costs", help="TOML or JSON of yuan per unit, keys as data/costs.toml")
    pl.add_argument("--format", choices=("text", "json", "md"), default="text", help="output")
    pl.add_argument("--adjusted-data", help="write the table with the plan applied (CSV)")
    pl.add_argument(
        "--transfers", action="store_true", help="move teachers between schools, hire none"
    )
    pl.add_argument("--budget", type=float, help="yuan per county: as many schools as it allows")
    text = "how each CV and each standard's count of schools move over the years"
    tr = sub.add_parser("trend", help=text, description=text)
    _data_arguments(tr, "several years")
    tr.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    tr.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    tr.add_argument("--plot", help="write a plot of the CVs over the years (.svg or .png)")
    tr.add_argument("--county", help="the county of the plot (default: the first)")
    tr.add_argument("--level", choices=("primary", "junior"), default="primary")
    text = "apply changes (add, move, close, merge) and show the new verdict and what moved"
    wi = sub.add_parser("whatif", help=text, description=text)
    _data_arguments(wi)
    wi.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    wi.add_argument("--add", action="append", default=[], metavar="ID,COLUMN,AMOUNT")
    wi.add_argument("--move", action="append", default=[], metavar="FROM,TO,COLUMN,AMOUNT")
    wi.add_argument("--close", action="append", default=[], metavar="ID")
    wi.add_argument("--merge", action="append", default=[], metavar="ID,INTO_ID")
    wi.add_argument("--changes", help="a JSON list of changes (see eduequity.whatif)")
    wi.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    r = sub.add_parser("rules", help="list, show and validate rule sets")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    rl = rsub.add_parser("list", help="the bundled rule sets")
    rl.add_argument("--format", choices=("text", "json"), default="text")
    rs = rsub.add_parser("show", help="a rule set's rules and thresholds")
    rs.add_argument("standard", help="bundled id or rule-set file")
    rs.add_argument("--format", choices=("text", "json"), default="text")
    rv = rsub.add_parser("validate", help="check a rule-set file; exit 0 when valid, 2 when not")
    rv.add_argument("file")
    return p


def _data_arguments(parser: argparse.ArgumentParser, what: str = "schools") -> None:
    """PATH or --example, and how to read the file."""
    parser.add_argument("path", nargs="?", help=f"CSV, xlsx or JSON file of {what}")
    parser.add_argument("--example", action="store_true", help="use the embedded example county")
    parser.add_argument("--encoding", help="CSV encoding (default: UTF-8, then GBK)")
    parser.add_argument("--sheet", help="xlsx sheet (default: the first)")


def _load(args: argparse.Namespace) -> SchoolTable:
    if args.example and args.path:
        raise DataError("give a PATH or --example, not both")
    if not args.example and not args.path:
        raise DataError("give a PATH of school data, or --example for the embedded county")
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


def _evaluate(args: argparse.Namespace) -> int:
    table = _load(args)
    flags = {}
    for item in args.flag:
        name, _, value = item.partition("=")
        if value not in ("on", "off"):
            raise DataError(f"--flag {item}: expected NAME=on or NAME=off")
        flags[name] = value == "on"
    assessment = evaluate(table, args.standard, args.county_inputs, flags=flags)
    _print_defects(assessment.warnings, sys.stderr)
    if args.format == "xlsx":
        if not args.output:
            raise DataError("--format xlsx writes a workbook: give --output FILE.xlsx")
        assessment.to_xlsx(args.output, lang=args.lang)
        print(f"wrote {args.output}", file=sys.stderr)
        return _strict_exit(args, assessment)
    if args.format == "json":
        text = assessment.to_json(indent=2) + "\n"
    elif args.format == "html":
        text = assessment.to_html(lang=args.lang)
    elif args.format == "md":
        text = assessment.to_markdown(lang=args.lang)
    else:
        text = assessment.to_text(lang=args.lang)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return _strict_exit(args, assessment)


def _strict_exit(args: argparse.Namespace, assessment: Assessment) -> int:
    if args.strict and not all(v is True for v in assessment.county_verdicts().values()):
        return EXIT_NOT_PASSED
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    """Findings are the audit's output (stdout); data the loader refuses are findings too."""
    from eduequity.audit import audit

    try:
        table = _load(args)
    except DataValidationError as exc:
        findings = [d.to_dict() for d in exc.errors]
        source = exc.source
    else:
        findings = [f.to_dict() for f in audit(table)]
        source = table.source
    if args.format == "json":
        _write_json({"source": source, "clean": not findings, "findings": findings})
    else:
        for f in findings:
            print(f"{f['code']}: {f['message']}")
        print(f"{source}: {len(findings)} finding(s)" if findings else f"{source}: clean")
    return EXIT_NOT_PASSED if findings else EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    import tomllib

    from eduequity.planning import plan

    costs = None
    if args.costs:
        text = Path(args.costs).read_text(encoding="utf-8")
        try:
            raw = json.loads(text) if args.costs.endswith(".json") else tomllib.loads(text)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            raise DataError(f"{args.costs}: cannot read costs: {exc}") from None
        try:
            costs = {str(k): float(v) for k, v in raw.items()}
        except (TypeError, ValueError):
            raise DataError(f"{args.costs}: costs must be numbers (yuan per unit)") from None
    result = plan(
        _load(args), args.standard, costs=costs, transfers=args.transfers, budget=args.budget
    )
    if args.adjusted_data:
        result.adjusted.to_csv(args.adjusted_data)
        print(f"wrote {args.adjusted_data}", file=sys.stderr)
    if args.format == "json":
        _write_json(result.to_dict())
        return EXIT_OK
    md = args.format == "md"
    lines = [f"# Plan: {result.standard}" if md else f"plan for {result.standard}"]
    for c in result.counties:
        head = (
            f"county {c.county_code} ({c.year}): {c.total_cost:,.0f} yuan; resource part "
            f"before {c.passed_before}, after {c.passed_after}"
        )
        lines.append(f"\n## {head}\n" if md else head)
        if md and c.additions:
            lines += ["| school | level | column | amount | cost |", "|---|---|---|---:|---:|"]
        for a in c.additions:
            if md:
                lines.append(
                    f"| {a.school_id} | {a.level} | {a.column} | {a.amount:,.2f} {a.unit} | "
                    f"{a.cost:,.0f} |"
                )
            else:
                lines.append(
                    f"  {a.school_id} {a.column}: {a.amount:+,.2f} {a.unit} ({a.cost:,.0f} yuan)"
                )
        lines += [f"  note: {n}" for n in c.notes]
    lines.append(f"total: {result.total_cost:,.0f} yuan")
    print("\n".join(lines))
    return EXIT_OK


def _trend(args: argparse.Namespace) -> int:
    from eduequity.trend import trend

    entries = trend(_load(args), args.standard)
    if args.plot:
        from eduequity.plots import plot_trend

        fig = plot_trend(entries, county=args.county, level=args.level)
        fig.savefig(args.plot, metadata={"Date": None} if args.plot.endswith(".svg") else None)
        print(f"wrote {args.plot}", file=sys.stderr)
    if args.format == "json":
        _write_json({"standard": args.standard, "trends": entries})
        return EXIT_OK
    if not entries:
        print("no county has two years or more")
    for e in entries:
        cvs = ", ".join(
            f"{y} {'—' if v is None else f'{v:.3f}'}"
            for y, v in zip(e["years"], e["cv"], strict=True)
        )
        pace = e["years_to_target"]
        tail = "" if pace is None else f"; years to target {pace:g}"
        print(f"{e['county_code']} {e['level']} {e['indicator']}: {cvs}{tail}")
        for r in e["regressions"]:
            print(f"  regression {r}")
    return EXIT_OK


def _whatif(args: argparse.Namespace) -> int:
    from eduequity.whatif import whatif

    changes: list[dict[str, Any]] = []
    if args.changes:
        try:
            changes += json.loads(Path(args.changes).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DataError(f"{args.changes}: not a JSON list of changes: {exc}") from None

    def parts(text: str, n: int, what: str) -> list[str]:
        items = [p.strip() for p in text.split(",")]
        if len(items) != n:
            raise DataError(f"--{what} {text}: expected {n} comma-separated fields")
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
        raise DataError("give changes: --add, --move, --close, --merge or --changes FILE")
    result = whatif(_load(args), changes, args.standard)
    if args.format == "json":
        _write_json(result.to_dict())
        return EXIT_OK
    for d in result.differences():
        print(
            f"county {d['county_code']} ({d['year']}): {d['passed_before']} -> {d['passed_after']}"
        )
        for c in d["cvs"]:
            before = "—" if c["before"] is None else f"{c['before']:.3f}"
            after = "—" if c["after"] is None else f"{c['after']:.3f}"
            print(f"  CV {c['level']} {c['indicator']}: {before} -> {after}")
        for s in d["schools"]:
            state = "closed" if s["gone"] else f"{s['before']} -> {s['after']}"
            print(f"  school {s['school_id']} ({s['level']}): {state}")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.rules_command == "list":
        sets = [load_rule_set(i) for i in bundled_rule_sets()]
        if args.format == "json":
            _write_json(
                {
                    "rule_sets": [
                        {
                            "id": s.id,
                            "revision": s.revision,
                            "status": s.status,
                            "document": s.document,
                            "title_zh": s.title_zh,
                            "title_en": s.title_en,
                            "extends": s.lineage[-2] if len(s.lineage) > 1 else None,
                            "digest": rule_set_digest(s),
                        }
                        for s in sets
                    ]
                }
            )
        else:
            for s in sets:
                print(f"{s.id:<20} r{s.revision}  {s.status:<8}  {s.document}  {s.title_zh}")
        return EXIT_OK
    if args.rules_command == "show":
        rs = load_rule_set(args.standard)
        if args.format == "json":
            _write_json({"digest": rule_set_digest(rs), "rule_set": rs.model_dump(mode="json")})
        else:
            sys.stdout.write(describe_rule_set(rs))
        return EXIT_OK
    rs = load_rule_set(Path(args.file))
    print(
        f"{args.file}: valid rule set {rs.id} r{rs.revision} ({rs.status}), "
        f"{len(rs.rules)} rules, {rule_set_digest(rs)}"
    )
    return EXIT_OK


def describe_rule_set(rs: RuleSet) -> str:
    """A readable listing of a rule set: parts, rules, thresholds and references."""
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

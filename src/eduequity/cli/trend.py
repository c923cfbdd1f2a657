"""``eduequity audit`` and ``eduequity trend``: a table's values to look at, and how its
CVs move over the years."""

from __future__ import annotations

import argparse
from typing import Any

from eduequity.cli._common import (
    EXIT_NOT_PASSED,
    EXIT_OK,
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
from eduequity.cli.labels import level_name, say
from eduequity.errors import DataValidationError

__all__ = ["register", "run_audit", "run_trend"]


def register(subparsers: Subparsers) -> None:
    """Add ``audit`` and ``trend``."""
    text = "audit a school table before filing: exit 0 when clean, 1 with findings"
    a = subparsers.add_parser(
        "audit", help=text, description=text,
        **examples("eduequity audit schools.xlsx", "eduequity audit schools.csv --format json"),
    )  # fmt: skip
    add_data_arguments(a)
    add_format(a, "json")
    add_lang(a)
    a.set_defaults(func=run_audit)
    text = "how each CV and each standard's count of schools move over the years"
    tr = subparsers.add_parser(
        "trend", help=text, description=text,
        **examples("eduequity trend years.csv --lang en",
                   "eduequity trend years.csv --plot cv.svg --county 330106 --level junior"),
    )  # fmt: skip
    add_data_arguments(tr, "several years")
    tr.add_argument("--standard", default="cn-2017-quality", help="bundled id or rule-set file")
    add_format(tr, "json")
    add_lang(tr)
    tr.add_argument("--plot", help="write a plot of the CVs over the years (.svg or .png)")
    tr.add_argument("--county", help="the county of the plot (default: the first)")
    tr.add_argument(
        "--level", choices=("primary", "junior"), default="primary",
        help="the level of the plot",
    )  # fmt: skip
    tr.set_defaults(func=run_trend)


def run_audit(args: argparse.Namespace) -> int:
    """Findings are the audit's output (stdout); data the loader refuses are findings too."""
    from eduequity.audit import audit

    texts: list[str]
    try:
        table = load(args)
    except DataValidationError as exc:
        from eduequity.report.defect_text import defect_text

        findings = [d.to_dict() for d in exc.errors]
        texts = [f"{d.code}: {defect_text(d, args.lang, severity=False)}" for d in exc.errors]
        source = exc.source
    else:
        found = audit(table)
        findings = [f.to_dict() for f in found]
        texts = [f"{f.code}: {f.text(args.lang)}" for f in found]
        source = table.source
    if args.format == "json":
        write_json({"source": source, "clean": not findings, "findings": findings})
    else:
        for line in texts:
            print(line)
        key = "audit_findings" if findings else "audit_clean"
        print(say(args.lang, key, source=source, n=len(findings)))
    return EXIT_NOT_PASSED if findings else EXIT_OK


def run_trend(args: argparse.Namespace) -> int:
    """Per county, level and indicator: the CV of each year, the pace, the regressions."""
    from eduequity.trend import trend

    entries = trend(load(args), args.standard)
    if args.plot:
        from eduequity.plots import plot_trend

        fig = plot_trend(entries, county=args.county, level=args.level)
        kind = "svg" if args.plot.lower().endswith(".svg") else "png"
        with output_file(args.plot) as tmp:
            fig.savefig(tmp, format=kind, metadata={"Date": None} if kind == "svg" else None)
        wrote(args, args.plot)
    if args.format == "json":
        write_json({"standard": args.standard, "trends": entries})
        return EXIT_OK
    print("\n".join(trend_lines(entries, args.lang, _names(args.standard, args.lang))))
    return EXIT_OK


def trend_lines(entries: list[dict[str, Any]], lang: str, names: dict[str, str]) -> list[str]:
    """The text of :func:`eduequity.trend.trend`'s entries in ``lang``."""
    if not entries:
        return [say(lang, "no_trend")]
    sep = "，" if lang == "zh" else ", "
    lines = []
    for e in entries:
        cvs = sep.join(
            f"{y} {'—' if v is None else f'{v:.3f}'}"
            for y, v in zip(e["years"], e["cv"], strict=True)
        )
        pace = e["years_to_target"]
        tail = "" if pace is None else say(lang, "trend_tail", years=pace)
        indicator = e["indicator"]
        if lang == "zh":
            indicator = f"{names.get(indicator, indicator)}（{indicator}）"
        level = level_name(lang, e["level"]) if lang == "zh" else e["level"]
        lines.append(
            say(lang, "trend_line", code=e["county_code"], level=level, indicator=indicator,
                cvs=cvs, tail=tail)
        )  # fmt: skip
        for d in e.get("regression_details", []):
            lines.append(say(lang, d["kind"], **d))
    return lines


def _names(standard: str, lang: str) -> dict[str, str]:
    """Indicator id → name in ``lang`` of the standard's indicators."""
    from eduequity.rules import load_rule_set

    rs = load_rule_set(standard)
    return {i.id: (i.zh if lang == "zh" else i.en) for i in rs.indicators}

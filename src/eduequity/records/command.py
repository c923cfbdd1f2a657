"""``eduequity survey FILE`` and ``eduequity teachers FILE``: county inputs from records."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import Any

from eduequity.io.atomic import write_atomic

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``survey`` and ``teachers``."""
    raw = argparse.RawDescriptionHelpFormatter
    s = subparsers.add_parser(
        "survey", help="social recognition from survey responses, with its interval",
        formatter_class=raw,
        epilog="examples:\n  eduequity survey 问卷.csv --format json -o survey.json\n"
               "  eduequity survey 问卷.csv --county 510101 --format json -o survey.json"
               "  # then: evaluate --county-inputs survey.json\n",
    )  # fmt: skip
    s.add_argument("path", help="one row per response (CSV or xlsx)")
    s.add_argument("--dont-know", choices=("exclude", "unsatisfied"), default="exclude",
                   help="leave 不了解 out of the rate (default) or count it as not satisfied")
    s.add_argument("--min-valid", type=int, help="the sample must hold this many valid answers")
    _common(s)
    s.set_defaults(func=_survey)

    t = subparsers.add_parser(
        "teachers", help="rotation, certificates and training from a teacher roster",
        formatter_class=raw,
        epilog="examples:\n  eduequity teachers 教师名册.xlsx --format json\n"
               "  eduequity teachers 名册.csv --county 510101 --format json -o t.json\n",
    )  # fmt: skip
    t.add_argument("path", help="one row per teacher (CSV or xlsx)")
    t.add_argument("--previous", metavar="FILE",
                   help="last year's roster: a teacher whose school changed has rotated")
    _common(t)
    t.set_defaults(func=_teachers)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--county", metavar="CODE",
                   help="the county of the records: the JSON then also holds its county "
                        "inputs with their provenance, a file evaluate --county-inputs reads")
    p.add_argument("--year", type=int, metavar="YEAR",
                   help="with --county: the school year the records are of (the county "
                        "inputs then apply to that year only; default every year)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="(default text)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def _emit(args: argparse.Namespace, doc: dict[str, Any], text: str) -> int:
    out = json.dumps(doc, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else text
    if args.output:
        write_atomic(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


def _survey(args: argparse.Namespace) -> int:
    from eduequity.records.survey import SurveyScheme, survey
    from eduequity.report.labels import text

    scheme = SurveyScheme(dont_know=args.dont_know, min_valid=args.min_valid)
    r = replace(survey(args.path, scheme=scheme, county_code=args.county), year=args.year)
    lang = args.lang
    lines = [r.provenance(lang)]
    lines.append(text("survey.invalid", lang, n=sum(len(v) for v in r.invalid.values())))
    for group, rate in r.by_group.items():
        if rate.rate is not None:
            pct = f"{rate.rate * 100:.1f}"
            lines.append(text("survey.group", lang, group=group or "—", pct=pct,
                              sat=rate.satisfied, n=rate.n))  # fmt: skip
    checks = iter(r.sample_checks.values())  # in the order _sample_checks states them

    def mark() -> str:
        return text("survey.met" if next(checks) else "survey.not_met", lang)

    if scheme.min_valid is not None:
        lines.append(text("survey.min_valid", lang, n=scheme.min_valid, mark=mark()))
    for group, share in scheme.min_group_share.items():
        lines.append(text("survey.min_share", lang, group=group, share=f"{share * 100:g}",
                          mark=mark()))  # fmt: skip
    return _emit(args, r.to_dict(), "\n".join(lines) + "\n")


def _teachers(args: argparse.Namespace) -> int:
    from eduequity.records.teachers import teachers
    from eduequity.report.labels import text
    from eduequity.report.provenance import inline_name, sourced_text
    from eduequity.rules import load_rule_set

    r = replace(teachers(args.path, previous=args.previous, county_code=args.county),
                year=args.year)
    inputs = {i.id: i for i in load_rule_set("cn-2017-quality").inputs}  # the inputs' names
    lines = [text("prov.roster_head", args.lang, n=r.teachers)]
    for key, given in r.county_inputs().items():
        name = getattr(inputs[key], args.lang)
        name = name if args.lang == "zh" else inline_name(name)
        lines.append(sourced_text(name, given, "%", args.lang))
    return _emit(args, r.to_dict(), "\n".join(lines) + "\n")

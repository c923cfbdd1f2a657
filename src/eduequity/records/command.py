"""``eduequity survey FILE`` and ``eduequity teachers FILE``: county inputs from records."""

from __future__ import annotations

import argparse
import json
import sys
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

    scheme = SurveyScheme(dont_know=args.dont_know, min_valid=args.min_valid)
    r = survey(args.path, scheme=scheme, county_code=args.county)
    zh = args.lang == "zh"
    lines = [r.provenance(args.lang)]
    invalid = sum(len(v) for v in r.invalid.values())
    lines.append(f"无效答卷 {invalid} 份" if zh else f"{invalid} invalid responses")
    for group, rate in r.by_group.items():
        if rate.rate is not None:
            lines.append(f"  {group or '—'}: {rate.rate * 100:.1f}% ({rate.satisfied}/{rate.n})")
    for check, ok in r.sample_checks.items():
        mark = ("符合" if ok else "不符合") if zh else ("met" if ok else "not met")
        lines.append(f"  {check}: {mark}")
    return _emit(args, r.to_dict(), "\n".join(lines) + "\n")


def _teachers(args: argparse.Namespace) -> int:
    from eduequity.records.teachers import teachers

    r = teachers(args.path, previous=args.previous, county_code=args.county)
    ci = {k: v.value for k, v in r.county_inputs().items()}
    zh = args.lang == "zh"
    names = {
        "teacher_rotation_pct": ("教师交流轮岗比例", "teachers rotated"),
        "key_teachers_among_rotated_pct": ("轮岗教师中骨干教师比例", "key teachers among rotated"),
        "teacher_certificate_pct": ("教师持证上岗率", "teachers with a certificate"),
        "teacher_training_completion_pct": ("培训满360学时比例", "360 training hours in 5 years"),
    }  # fmt: skip
    lines = [f"{'专任教师' if zh else 'teachers'}: {r.teachers}"]
    lines += [f"{names[k][0 if zh else 1]}: {v:.1f}%" for k, v in ci.items()]
    return _emit(args, r.to_dict(), "\n".join(lines) + "\n")

"""``eduequity monitor PATHS...``: many counties over many years, in one report."""

from __future__ import annotations

import argparse
import sys

from eduequity.io.atomic import write_atomic
from eduequity.monitor.changes import NoiseTolerance
from eduequity.monitor.margins import Bands
from eduequity.monitor.run import monitor

__all__ = ["register", "run"]

_EPILOG = """examples:
  eduequity monitor schools-2024.csv schools-2025.csv --by prefecture --format html -o m.html
  eduequity monitor province.csv --standard cn-2012-basic --format json
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``monitor`` command."""
    p = subparsers.add_parser(
        "monitor",
        help="many counties over many years: margins, warnings, rankings, changes",
        description="Evaluate every county and year of the files and set them side by side.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="school files (one per year, or one with a year column) or a folder")
    p.add_argument("--standard", default="cn-2017-quality",
                   help="bundled rule-set id or rule file (default cn-2017-quality)")
    p.add_argument("--by", choices=("county", "prefecture", "province"), default="county",
                   help="grain of the roll-ups and the between/within analysis")
    p.add_argument("--within", metavar="PREFIX",
                   help="keep only counties whose code starts with PREFIX")
    p.add_argument("--amber", type=float, default=0.10, metavar="SHARE",
                   help="amber warning below this share of the threshold (default 0.10)")
    p.add_argument("--noise", type=float, default=0.005, metavar="STEP",
                   help="a CV change below this is no change (default 0.005)")
    p.add_argument("--format", choices=("text", "json", "md", "html"), default="text",
                   help="output format (default text)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="language of text, md and html (default zh)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=run)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run ``monitor``; errors propagate to the CLI's handler (exit 2)."""
    paths = args.paths[0] if len(args.paths) == 1 else list(args.paths)
    m = monitor(
        paths,
        args.standard,
        by=args.by,
        within=args.within,
        bands=Bands(amber_share=args.amber),
        tolerance=NoiseTolerance(absolute=args.noise),
    )
    if args.format == "json":
        text = m.to_json()
    elif args.format == "md":
        text = m.to_markdown(lang=args.lang)
    elif args.format == "html":
        text = m.to_html(lang=args.lang)
    else:
        text = m.to_text(lang=args.lang)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0

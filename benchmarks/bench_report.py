"""Reports: how long they take and how large they are, for a county and a province.

Run: ``python benchmarks/bench_report.py [--counties 100] [--repeat 3]``. Prints, for the
example county and for a synthetic province (``national.py``'s generator), the time to
render each report in absolute seconds and as a ratio to the time of ``evaluate()`` on the
same table (``evaluate``: the verdicts; ``+ results``: also every county's result objects,
which each report reads), and the sizes. Exits 1 when a goal is missed:

- the example county's html ≤ 3 s and ≤ 1 MB;
- a province of 100 counties in one html report ≤ 60 s and ≤ 15 MB; split into one file per
  county plus an index, also ≤ 60 s.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
from pathlib import Path

import eduequity as eq
import national
from bench_metrics import best
from eduequity.report import render_html, render_markdown, write_report, write_xlsx


def measure(table: eq.SchoolTable, name: str, repeat: int, folder: Path) -> list[tuple]:
    t_eval = best(lambda: eq.evaluate(table, "cn-2017-quality"), repeat)
    # evaluate() decides every county in arrays and builds a county's result objects when
    # first asked for; every report asks for all of them
    t_build = best(lambda: list(eq.evaluate(table, "cn-2017-quality").counties), repeat)

    def html() -> str:
        # a fresh assessment each time: building the county results is part of the report
        return render_html(eq.evaluate(table, "cn-2017-quality"))

    t_html = best(html, repeat) - t_eval
    size_html = len(html().encode("utf-8"))
    t_md = best(lambda: render_markdown(eq.evaluate(table, "cn-2017-quality")), repeat) - t_eval
    out = folder / f"{name}.xlsx"
    t_xlsx = best(lambda: write_xlsx(eq.evaluate(table, "cn-2017-quality"), out), 1) - t_eval
    split = folder / f"{name}-split"
    t_split = best(
        lambda: write_report(eq.evaluate(table, "cn-2017-quality"), split, split=True), 1
    )
    t_split -= t_eval
    size_split = sum(p.stat().st_size for p in split.iterdir())
    return [
        (name, "evaluate", t_eval, 1.0, None),
        (name, "+ results", t_build, t_build / t_eval, None),
        (name, "html", t_html, t_html / t_eval, size_html),
        (name, "markdown", t_md, t_md / t_eval, None),
        (name, "xlsx", t_xlsx, t_xlsx / t_eval, out.stat().st_size),
        (name, "html split", t_split, t_split / t_eval, size_split),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''}, "
          f"Python {platform.python_version()}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "province.csv"
        national.write_csv(national.make_national(args.counties), path)
        province = eq.load_schools(path)
        print(f"province: {len(province):,} schools, {len(province.counties())} counties")
        rows = measure(eq.load_example(), "example", args.repeat, folder)
        rows += measure(province, f"{args.counties} counties", 1, folder)
    print(f"\n{'table':14} {'report':11} {'time':>9} {'× evaluate':>11} {'size':>10}")
    for name, what, t, ratio, size in rows:
        shown = "" if size is None else f"{size / 1e6:8.2f} MB"
        print(f"{name:14} {what:11} {t:8.3f}s {ratio:10.1f}× {shown:>10}")
    got = {(r[0], r[1]): r for r in rows}
    big = f"{args.counties} counties"
    goals = [
        ("example html time (s)", got[("example", "html")][2], 3.0),
        ("example html size (MB)", got[("example", "html")][4] / 1e6, 1.0),
        (f"{big} html time (s)", got[(big, "html")][2], 60.0),
        (f"{big} html size (MB)", got[(big, "html")][4] / 1e6, 15.0),
        (f"{big} split time (s)", got[(big, "html split")][2], 60.0),
    ]
    ok = True
    print()
    for label, value, goal in goals:
        ok &= value <= goal
        print(f"goal: {label:30} {value:8.3f} (≤ {goal}){'' if value <= goal else '  MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

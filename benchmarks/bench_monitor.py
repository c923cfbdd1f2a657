"""Monitoring: many counties over two years, against the evaluations it is made of.

Run: ``python benchmarks/bench_monitor.py [--counties 100] [--by county] [--repeat 3]
[--cli]``. Builds two years of a synthetic province or nation (``national.py``'s generator,
two seeds, the second year 2026), loads them, and prints, each the best of ``--repeat``
(warm):

- ``evaluate`` of both years (2017 standard): the floor monitoring cannot go below;
- ``monitor()`` of both years from the loaded tables (it evaluates them itself), grouped
  ``--by`` county, prefecture or province (prefectures: one regional analysis per
  prefecture, year, level and indicator, the most of them);
- ``to_dict()`` and ``to_json()`` of the result, and ``json.dumps`` of the same dict with
  the options ``to_json`` promises (the text it must equal, written by the standard
  library);

and the ratios of ``monitor()`` to the evaluations and of ``to_json()`` to ``json.dumps``.
With ``--cli`` it also runs ``eduequity monitor A.csv B.csv --by BY --format json -o
out.json`` once in a fresh process (load, evaluate, monitor, write) and prints its time
and, on Linux, its peak resident memory. ``--counties 2900`` is the nation (about 210 000
schools a year).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eduequity as eq
import national
from bench_metrics import best
from eduequity.monitor import monitor


def write_years(folder: Path, counties: int) -> list[Path]:
    paths = []
    for year, seed in ((2025, 20261125), (2026, 20261126)):
        cols = national.make_national(counties, seed)
        cols["year"] = np.full(cols["school_id"].shape[0], year)
        path = folder / f"schools-{year}.csv"
        national.write_csv(cols, path)
        paths.append(path)
    return paths


def cli(paths: list[Path], out: Path, by: str) -> tuple[float, float | None]:
    """Seconds and peak RSS (MB, Linux only) of ``eduequity monitor`` in a fresh process."""
    code = (
        "import resource, sys\n"
        "from eduequity.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "raise SystemExit(rc)\n"
    )
    args = ["monitor", *map(str, paths), "--by", by, "--format", "json", "-o", str(out)]
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode:
        raise SystemExit(done.stderr)
    last = done.stderr.strip().splitlines()[-1:]
    peak = float(last[0]) / 1024 if last and platform.system() == "Linux" else None
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--by", choices=("county", "prefecture", "province"), default="county",
                        help="grain of the roll-ups and the regional analysis")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time the CLI end to end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_years(folder, args.counties)
        years = [eq.load_schools(p) for p in paths]
        schools = sum(len(t) for t in years)
        print(f"{args.counties} counties x 2 years, {schools:,} schools "
              f"({platform.machine()}, Python {platform.python_version()})")  # fmt: skip
        t_eval = best(lambda: [eq.evaluate(t, "cn-2017-quality") for t in years], args.repeat)
        t_mon = best(lambda: monitor(years, "cn-2017-quality", by=args.by), args.repeat)
        m = monitor(years, "cn-2017-quality", by=args.by)
        t_dict = best(m.to_dict, args.repeat)
        t_json = best(m.to_json, args.repeat)
        doc = m.to_dict()
        stdlib = best(lambda: json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False),
                      args.repeat)  # fmt: skip
        text = m.to_json()
        same = text == json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
        print(f"  evaluate both years   {t_eval:8.3f} s")
        print(f"  monitor(by={args.by})  {t_mon:8.3f} s   {t_mon / t_eval:5.1f} x evaluate")
        print(f"  to_dict()             {t_dict:8.3f} s")
        print(f"  to_json()             {t_json:8.3f} s   {len(text) / 1e6:.1f} MB, "
              f"{t_json / (t_dict + stdlib):4.2f} x to_dict() + json.dumps "
              f"({stdlib:.3f} s), the same text: {same}")  # fmt: skip
        if args.cli:
            seconds, peak = cli(paths, folder / "monitor.json", args.by)
            rss = f", peak RSS {peak:.0f} MB" if peak is not None else ""
            print(f"  eduequity monitor (CLI, JSON) {seconds:.2f} s{rss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

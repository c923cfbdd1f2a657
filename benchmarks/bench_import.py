"""Import time: ``import eduequity`` against ``import numpy, pydantic`` (its two dependencies).

Run: ``python benchmarks/bench_import.py [--runs 15]``. Each statement is run in a fresh
interpreter under ``python -X importtime``; the time of a statement is the sum of the
cumulative times of the top-level lines of the report (those the interpreter's own start-up
does not import), and each side is the best of ``--runs`` (a busy machine only ever adds
time). Prints both and their ratio, the slowest eduequity modules of the best run, and
exits 1 when the ratio exceeds the gate (1.5). For information it also times ``from
eduequity import evaluate`` (what a program that evaluates pays before its first call: the
evaluation modules, not the rule-set validators, which pydantic builds when a rule set is
first loaded).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

GATE = 1.5
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtime(statement: str, startup: frozenset[str]) -> tuple[float, list[tuple[int, str]]]:
    """Seconds ``statement`` spends importing in a fresh interpreter (modules in ``startup``
    left out), and the report's (self µs, module) rows."""
    src = Path(__file__).resolve().parent.parent / "src"
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    total, rows = 0, []
    for line in proc.stderr.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        self_us, cumulative, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        rows.append((self_us, name))
        if indent == 1 and name not in startup:  # top level: imported by the statement
            total += cumulative
    return total / 1e6, rows


def best(statement: str, startup: frozenset[str], runs: int) -> tuple[float, list[tuple[int, str]]]:
    return min((importtime(statement, startup) for _ in range(runs)), key=lambda r: r[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    startup = frozenset(name for _, name in importtime("pass", frozenset())[1])
    base, _ = best("import numpy, pydantic", startup, args.runs)
    ours, rows = best("import eduequity", startup, args.runs)
    ratio = ours / base
    print(f"import numpy, pydantic  {base * 1e3:8.1f} ms (best of {args.runs})")
    print(f"import eduequity        {ours * 1e3:8.1f} ms (best of {args.runs})")
    print(
        f"ratio                   {ratio:8.2f}   gate {GATE}{'' if ratio <= GATE else '  MISSED'}"
    )
    full, _ = best("from eduequity import evaluate", startup, args.runs)
    print(f"from eduequity import evaluate {full * 1e3:8.1f} ms, {full / base:.2f} × (no gate)")
    own = sorted((r for r in rows if r[1].startswith("eduequity")), reverse=True)[:8]
    print("slowest eduequity modules (self time, best run):")
    for self_us, name in own:
        print(f"  {self_us / 1e3:7.1f} ms  {name}")
    return 0 if ratio <= GATE else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Student scores at scale: the in-memory path against DuckDB reading Parquet.

    python benchmarks/bench_records.py [ROWS ...]     (default 1e6 and 1e7)

Writes a seeded table of student scores (3 subjects, 2 000 schools) as Parquet, then times
``school_gap`` in memory (from a pandas DataFrame) and with ``engine="duckdb"`` (from the
Parquet file, so the rows never enter Python), with the peak resident memory of each run in
a fresh process. The two results are checked equal to 1e-9.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CHILD = r"""
import json, resource, sys, time
import pandas as pd
from eduequity.records import school_gap
path, mode = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if mode == "memory":
    g = school_gap(pd.read_parquet(path))
else:
    g = school_gap(path, engine="duckdb")
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak,
                  "icc": {k: v.icc for k, v in g.items()}}))
"""


def make(rows: int, path: Path, seed: int = 7) -> None:
    import pandas as pd

    rng = np.random.default_rng(seed)
    school = rng.integers(0, 2000, rows)
    effect = rng.normal(0, 6, 2000)[school]
    pd.DataFrame({
        "student_id": np.arange(rows),
        "school": np.char.add("S", school.astype(str)),
        "subject": np.array(["语文", "数学", "科学"])[rng.integers(0, 3, rows)],
        "score": np.clip(rng.normal(70, 12, rows) + effect, 0, 100).round(1),
    }).to_parquet(path)  # fmt: skip


def run(path: Path, mode: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> int:
    sizes = [int(float(a)) for a in sys.argv[1:]] or [10**6, 10**7]
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            path = Path(tmp) / f"scores-{rows}.parquet"
            t = time.perf_counter()
            make(rows, path)
            print(f"{rows:>11,} rows written in {time.perf_counter() - t:.1f} s "
                  f"({path.stat().st_size / 1e6:.0f} MB Parquet)")  # fmt: skip
            mem, duck = run(path, "memory"), run(path, "duckdb")
            for subj, icc in mem["icc"].items():  # type: ignore[attr-defined]
                assert abs(icc - duck["icc"][subj]) < 1e-9, (subj, icc)  # type: ignore[index]
            ratio = float(duck["seconds"]) / float(mem["seconds"])  # type: ignore[arg-type]
            print(f"  in memory: {mem['seconds']:.2f} s, peak {mem['peak_mb']:.0f} MB")
            print(f"  duckdb:    {duck['seconds']:.2f} s, peak {duck['peak_mb']:.0f} MB "
                  f"({ratio:.2f}× the in-memory time)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

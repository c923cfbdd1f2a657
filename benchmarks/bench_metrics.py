"""Metric speed against baselines measured in the same run (issue: metrics core).

Gates (ratios, not absolute times):
- weighted CV at 10⁶ values        ≤ 2.0 × ``np.std(x) / np.mean(x)``
- weighted Gini at 10⁶ values      ≤ 1.3 × ``np.argsort(x)``
- grouped CV over 3 000 groups     ≤ 5.0 × one ungrouped weighted CV over the same values,
  units in random order and sorted by group

- weighted Gini by size, 10³ to 10⁷ units: ``gini()`` ≤ the plain formula (the same
  function sorting with ``np.argsort`` at every size) wherever ``gini()`` sorts keys that
  carry the index (from 4 096 units on): the trick stays only while it wins at every size.
  ``np.argsort`` alone is printed beside them; ``--no-sizes`` skips this table.

Run: ``python benchmarks/bench_metrics.py [--repeat N] [--n N] [--no-sizes]``. Each timing
is the minimum over ``--repeat`` runs after a warm-up (the least disturbed run on a shared
machine); a measure and its baseline run in turn within each repeat, so that a disturbance
hits both alike. Exits 1 when a gate is missed.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from eduequity.metrics import coefficient_of_variation, gini, grouped_cv, inequality

Row = tuple[str, float, str, float, float]


def best_times(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The least time of each function over ``repeat`` runs after a warm-up, the functions
    run in turn within each repeat."""
    for fn in fns.values():
        fn()
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def best(fn: Callable[[], object], repeat: int) -> float:
    """The least time of ``fn`` over ``repeat`` runs after a warm-up."""
    return best_times({"fn": fn}, repeat)["fn"]


def gini_without_keys(x: np.ndarray, w: np.ndarray) -> float:
    """``gini(x, w)`` sorted by ``np.argsort`` at every size: the plain formula, with the
    same checks and sums, that the key sort must beat."""
    saved = inequality._KEYED_FROM
    inequality._KEYED_FROM = x.shape[0] + 1
    try:
        return gini(x, w)
    finally:
        inequality._KEYED_FROM = saved


GINI_SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)


def measure_gini_sizes(repeat: int) -> list[tuple[int, float, float, float]]:
    """(n, argsort, plain, gini) at each of GINI_SIZES; fewer repeats when large."""
    rng = np.random.default_rng(20251127)
    rows = []
    for n in GINI_SIZES:
        x = rng.lognormal(1.5, 0.4, n)
        w = rng.integers(20, 2500, n).astype(np.float64)
        reps = min(repeat * 10, max(3, repeat * 100_000 // n))
        t = best_times(
            {
                "argsort": partial(np.argsort, x),
                "plain": partial(gini_without_keys, x, w),
                "gini": partial(gini, x, w),
            },
            reps,
        )
        rows.append((n, t["argsort"], t["plain"], t["gini"]))
    return rows


def print_gini_sizes(rows: list[tuple[int, float, float, float]]) -> bool:
    """Print the Gini-by-size table; return whether ``gini`` beats the plain formula at
    every size where it sorts keys (below, both run the same code)."""
    print(f"{'units':>10} {'np.argsort':>12} {'plain':>12} {'gini':>12} "
          f"{'gini/argsort':>13} {'gini/plain':>11}")  # fmt: skip
    ok_all = True
    for n, t_arg, t_plain, t_gini in rows:
        keyed = n >= inequality._KEYED_FROM
        ok = not keyed or t_gini <= t_plain
        ok_all &= ok
        note = "" if ok else "  MISSED"
        if not keyed:
            note = "  (same code: argsort below 4 096 units)"
        print(f"{n:>10,} {t_arg * 1e3:10.3f}ms {t_plain * 1e3:10.3f}ms {t_gini * 1e3:10.3f}ms "
              f"{t_gini / t_arg:13.2f} {t_gini / t_plain:11.2f}{note}")  # fmt: skip
    return ok_all


def measure(n: int = 1_000_000, groups: int = 3_000, repeat: int = 30) -> list[Row]:
    """(measure, time, baseline name, baseline time, gate) for each gate."""
    rng = np.random.default_rng(20251125)
    x = rng.lognormal(1.5, 0.4, n)  # per-student values
    w = rng.integers(20, 2500, n).astype(np.float64)  # enrollments
    codes = rng.integers(0, groups, n)

    by_group = np.sort(codes)  # a table sorted by county: long runs of one group
    # each measure in turn with its baseline, so that a disturbance hits both alike
    t = best_times(
        {
            "std": lambda: np.std(x) / np.mean(x),
            "cv": lambda: coefficient_of_variation(x, w),
            "grouped": lambda: grouped_cv(x, codes, w),
            "sorted": lambda: grouped_cv(x, by_group, w),
        },
        repeat,
    )
    t |= best_times({"argsort": lambda: np.argsort(x), "gini": lambda: gini(x, w)}, repeat)
    t_std, t_cv, t_argsort, t_gini = t["std"], t["cv"], t["argsort"], t["gini"]
    t_grouped, t_sorted = t["grouped"], t["sorted"]
    return [
        ("weighted CV", t_cv, "np.std/np.mean", t_std, 2.0),
        ("weighted Gini", t_gini, "np.argsort", t_argsort, 1.3),
        (f"grouped CV ({groups} groups)", t_grouped, "ungrouped weighted CV", t_cv, 5.0),
        ("  units sorted by group", t_sorted, "ungrouped weighted CV", t_cv, 5.0),
    ]


def measure_other_data(n: int = 1_000_000, repeat: int = 30) -> list[Row]:
    """The Gini on values with many ties (whole numbers), where ``np.argsort`` itself is
    twice as fast: printed for information, outside the gates (gate column 0)."""
    rng = np.random.default_rng(20251126)
    x = rng.integers(0, 100, n).astype(np.float64)
    w = rng.integers(20, 2500, n).astype(np.float64)
    t = best_times({"argsort": lambda: np.argsort(x), "gini": lambda: gini(x, w)}, repeat)
    t_argsort, t_gini = t["argsort"], t["gini"]
    return [("weighted Gini, whole numbers", t_gini, "np.argsort", t_argsort, 0.0)]


def print_rows(rows: list[Row]) -> bool:
    """Print the ratio table; return whether every gate is met."""
    print(f"{'measure':34} {'time':>10} {'baseline':>24} {'time':>10} {'ratio':>7} {'gate':>6}")
    ok_all = True
    for name, t, base_name, t_base, gate in rows:
        ratio = t / t_base
        ok = gate == 0 or ratio <= gate  # gate 0: for information
        ok_all &= ok
        shown = f"{gate:5.1f}" if gate else "    -"
        print(f"{name:34} {t * 1e3:8.2f}ms {base_name:>24} {t_base * 1e3:8.2f}ms "
              f"{ratio:7.2f} {shown}{'' if ok else '  MISSED'}")  # fmt: skip
    return ok_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-sizes", action="store_true", help="skip the Gini by size")
    args = parser.parse_args()
    print(f"eduequity metric benchmark: n = {args.n:,}, best of {args.repeat}")
    print(f"machine: {platform.machine()} {platform.processor() or ''}, "
          f"Python {platform.python_version()}, numpy {np.__version__}")  # fmt: skip
    ok = print_rows(measure(args.n, args.groups, args.repeat))
    print("\nother data (not gated):")
    print_rows(measure_other_data(args.n, args.repeat))
    if not args.no_sizes:
        print("\nweighted Gini by size (gate: gini <= plain at every size):")
        ok &= print_gini_sizes(measure_gini_sizes(args.repeat))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

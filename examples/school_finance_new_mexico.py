"""School-finance equity measures on real data: New Mexico's districts, fiscal 1998.

Run from anywhere: ``python examples/school_finance_new_mexico.py``. The data are those of
Zuni Public School District No. 89 v. Department of Education (2007): revenue per pupil and
membership (pupils) of 89 districts. The federal test of 34 CFR 222.162 compares the 95th
and 5th pupil percentiles after leaving out the districts below the 5th and above the 95th.
"""

from __future__ import annotations

import csv
from pathlib import Path

from eduequity.metrics import (
    coefficient_of_variation,
    disparity_test,
    federal_range_ratio,
    gini,
    mcloone,
    restricted_range,
    verstegen,
)

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "zuni_new_mexico_fy1998.csv"


def main() -> dict[str, float]:
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    revenue = [float(r["Revenue"]) for r in rows]
    pupils = [float(r["Mem"]) for r in rows]
    out = {
        "districts": float(len(rows)),
        "restricted_range": restricted_range(revenue, pupils),
        "federal_range_ratio": federal_range_ratio(revenue, pupils),
        "mcloone": mcloone(revenue, pupils),
        "verstegen": verstegen(revenue, pupils),
        "gini": gini(revenue, pupils),
        "cv": coefficient_of_variation(revenue, pupils),
    }
    test = disparity_test(revenue, pupils)
    for k, v in out.items():
        print(f"{k:22} {v:,.4f}")
    print(f"disparity test: {test}")
    return out


if __name__ == "__main__":
    main()

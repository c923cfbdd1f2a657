"""The official CV (差异系数) of two indicators in the example county, per level.

Run from anywhere: ``python examples/example_county_cv.py``.
"""

from __future__ import annotations

import eduequity as eq
from eduequity.metrics import coefficient_of_variation, ratio_of_totals


def main() -> dict[str, dict[str, float]]:
    sections = eq.build_sections(eq.load_example())
    v = sections.values
    out: dict[str, dict[str, float]] = {}
    for level in ("primary", "junior"):
        m = sections.mask(level)
        students = v["students"][m]
        area = v["teaching_aux_area_m2"][m] - v["indoor_sports_area_m2"][m]
        out[level] = {
            "teaching_area_mean": ratio_of_totals(area, students),
            "teaching_area_cv": coefficient_of_variation(area / students, students),
            "books_cv": coefficient_of_variation(v["books"][m] / students, students),
        }
        print(
            f"{level}: {int(m.sum())} sections, teaching area per student "
            f"{out[level]['teaching_area_mean']:.2f} m², CV {out[level]['teaching_area_cv']:.3f}; "
            f"books CV {out[level]['books_cv']:.3f}"
        )
    for e in sections.excluded:
        print(f"excluded {e.school_id}: {e.reason}")
    return out


if __name__ == "__main__":
    main()

"""Hand-built counties and another system's figures computed by hand (numpy, the formulas
of the standards folder), never by eduequity: a test comparing the two can fail."""

from __future__ import annotations

from typing import Any

import numpy as np

# indicator → (numerator column or teacher stem, scale); denominators are the pupils
IND_2012: dict[str, tuple[str, float]] = {
    "teaching_area_per_student": ("teaching_aux_area_m2", 1),
    "sports_area_per_student": ("sports_ground_area_m2", 1),
    "equipment_value_per_student": ("equipment_value_yuan", 1),
    "computers_per_100_students": ("teaching_computers", 100),
    "books_per_student": ("books", 1),
    "teachers_per_student": ("teachers", 1),
    "qualified_teachers_per_student": ("qualified_teachers", 1),
    "senior_title_teachers_per_student": ("senior_title_teachers", 1),
}
IND_2017: dict[str, tuple[str, float]] = {
    "qualified_teachers_per_100_students": ("qualified_teachers", 100),
    "key_teachers_per_100_students": ("key_teachers", 100),
    "pe_art_teachers_per_100_students": ("pe_art_teachers", 100),
    "teaching_area_per_student": ("teaching_aux_area_m2", 1),
    "sports_area_per_student": ("sports_ground_area_m2", 1),
    "equipment_value_per_student": ("equipment_value_yuan", 1),
    "multimedia_classrooms_per_100_students": ("multimedia_classrooms", 100),
}
STEMS = ("teachers", "qualified_teachers", "senior_title_teachers", "key_teachers",
         "pe_art_teachers")  # fmt: skip
SPLIT = {"primary": 1.0, "junior": 1.1}  # data-format.md: nine-year primary : junior

# The worked example of docs/explain-conventions.md: five primary schools, teaching and
# auxiliary area per student; weighted CV 0.515, unweighted 0.489.
FIVE_P = [700, 400, 500, 900, 300]
FIVE_AREA = [1050, 1800, 4500, 4500, 1350]


def cv(x: Any, w: Any = None, ddof: int = 0) -> float:
    """cv.md: X̄ = Σ P X / Σ P, S = sqrt(Σ P (X − X̄)² / (Σ P − ddof)), CV = S / X̄."""
    x = np.asarray(x, dtype=float)
    w = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    m = (w * x).sum() / w.sum()
    return float(np.sqrt((w * (x - m) ** 2).sum() / (w.sum() - ddof)) / m)


def mean(x: Any, w: Any = None) -> float:
    x = np.asarray(x, dtype=float)
    w = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    return float((w * x).sum() / w.sum())


def school(sid: str, kind: str = "primary", code: str = "100001", **cols: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"school_id": sid, "county_code": code, "year": 2025,
                           "school_type": kind, "indoor_sports_area_m2": 0}  # fmt: skip
    rec.update(cols)
    return rec


def five_county(area_a: float = 1050, code: str = "100001") -> list[dict[str, Any]]:
    """Five primary schools; three indicators vary, the four teacher and room ones do not
    (5 qualified, 1 key, 1 PE/art teacher and 2 rooms per 100 pupils everywhere)."""
    sports = [8, 10, 9, 8, 12]  # m² per pupil
    equipment = [2000, 2500, 3000, 2200, 2000]  # yuan per pupil
    out = []
    for k, p in enumerate(FIVE_P):
        out.append(
            school(
                f"S{k}", code=code, students_primary=p,
                teaching_aux_area_m2=area_a if k == 0 else FIVE_AREA[k],
                sports_ground_area_m2=sports[k] * p, equipment_value_yuan=equipment[k] * p,
                teachers_primary=p // 15, qualified_teachers_primary=p // 20,
                senior_title_teachers_primary=p // 30, key_teachers_primary=p // 100,
                pe_art_teachers_primary=p // 100, multimedia_classrooms=p // 50,
                teaching_computers=p // 10, books=p * 30,
            )
        )  # fmt: skip
    return out


def units(
    records: list[dict[str, Any]],
    level: str,
    how: str = "split",
    weights: dict[str, float] = SPLIT,
) -> list[tuple[float, dict[str, float]]]:
    """(pupils, totals) of the units a system counts in ``level``.

    ``split``: a nine-year school's section (shared resources × w·P_level / Σ w·P, its
    level's teachers), ``whole``: the whole school in each level it has pupils in,
    ``pooled``: every school once, whatever ``level``.
    """
    out = []
    for r in records:
        p = {lv: float(r.get(f"students_{lv}", 0) or 0) for lv in SPLIT}
        if how == "pooled" or (how == "whole" and p[level] > 0):
            totals = {k: float(v) for k, v in r.items() if isinstance(v, int | float)}
            for stem in STEMS:
                totals[stem] = sum(float(r.get(f"{stem}_{lv}", 0)) for lv in SPLIT)
            out.append((p["primary"] + p["junior"], totals))
        elif how == "split" and p[level] > 0:
            share = weights[level] * p[level] / sum(weights[lv] * p[lv] for lv in SPLIT)
            totals = {k: float(v) * share for k, v in r.items() if isinstance(v, int | float)}
            for stem in STEMS:
                totals[stem] = float(r.get(f"{stem}_{level}", 0))
            out.append((p[level], totals))
    return out


def their_cvs(
    population: list[tuple[float, dict[str, float]]],
    indicators: dict[str, tuple[str, float]],
    *,
    weighted: bool = True,
    ddof: int = 0,
) -> dict[str, float]:
    """Each indicator's CV over the units, as another system computes it."""
    out = {}
    for ind, (col, scale) in indicators.items():
        x = [scale * t.get(col, 0.0) / p for p, t in population]
        w = [p for p, _ in population] if weighted else None
        out[ind] = cv(x, w, ddof)
    return out


def rows(
    cvs: dict[str, float], level: str = "primary", code: str = "100001", **extra: Any
) -> list[dict[str, Any]]:
    """Their table: one row per indicator (``extra`` repeated on each)."""
    return [{"county_code": code, "year": 2025, "level": level, "indicator": ind, "cv": v,
             **extra} for ind, v in cvs.items()]  # fmt: skip

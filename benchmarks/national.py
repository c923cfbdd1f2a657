"""A seeded synthetic nation: about 2 900 counties and 200 000 school sections.

``python benchmarks/national.py OUT.csv [--counties N] [--seed S]`` writes the canonical
school table in English columns. Every school type occurs: primary and junior schools,
nine- and twelve-year schools, complete secondary schools, teaching points (each with a
parent primary school), special schools; about a tenth private. Enrollments are lognormal by
type; resources per pupil are lognormal around the 2017 standards with a county-level
factor, so that counties differ in level and in spread; teacher subsets never exceed their
totals. The numbers are synthetic: they have the shapes of real data, not its values.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

# Schools per county by type: (mean count, lognormal median pupils per section, sigma).
TYPES = {
    "primary": (44, 420, 0.8),
    "junior": (12, 900, 0.5),
    "nine_year": (5, 500, 0.5),
    "twelve_year": (0.4, 600, 0.4),
    "complete_secondary": (1.2, 900, 0.4),
    "teaching_point": (9, 45, 0.6),
    "special": (0.6, 80, 0.4),
}
LOCATIONS = np.array(["urban", "town", "rural"])
# Per-pupil medians (m², yuan, per 100 pupils): near the 2017 primary standards, on purpose.
PER_PUPIL = {
    "teaching_aux_area_m2": 5.0,
    "sports_ground_area_m2": 8.0,
    "equipment_value_yuan": 2300.0,
    "teaching_computers": 0.13,
    "books": 32.0,
    "multimedia_classrooms": 0.026,
}


def make_national(n_counties: int = 2900, seed: int = 20261125) -> dict[str, np.ndarray]:
    """The nation's school table as columns (numpy arrays, NaN or "" where not given)."""
    rng = np.random.default_rng(seed)
    kinds, counties = [], []
    for kind, (mean, _, _) in TYPES.items():
        counts = rng.poisson(mean, n_counties)
        kinds.append(np.repeat(np.array([kind]), counts.sum()))
        counties.append(np.repeat(np.arange(n_counties), counts))
    kind = np.concatenate(kinds)
    county = np.concatenate(counties)
    order = np.lexsort((kind, county))
    kind, county = kind[order], county[order]
    n = kind.shape[0]
    code = np.char.add("", (110000 + county * 7).astype(str))
    serial = np.arange(n) - np.searchsorted(county, county)  # index within the county
    school_id = np.char.add(np.char.add(code, "S"), np.char.zfill(serial.astype(str), 4))

    def pupils(k: str) -> np.ndarray:
        _, median, sigma = TYPES[k]
        return np.maximum(1, np.round(rng.lognormal(np.log(median), sigma, n))).astype(float)

    students = {lv: np.full(n, np.nan) for lv in ("primary", "junior", "senior")}
    for k in TYPES:
        m = kind == k
        if k in ("primary", "teaching_point"):
            students["primary"][m] = pupils(k)[m]
        elif k == "junior":
            students["junior"][m] = pupils(k)[m]
        elif k in ("nine_year", "special"):
            students["primary"][m] = pupils(k)[m]
            students["junior"][m] = np.round(students["primary"][m] * 0.55)
        elif k == "twelve_year":
            students["primary"][m] = pupils(k)[m]
            students["junior"][m] = np.round(students["primary"][m] * 0.5)
            students["senior"][m] = np.round(students["primary"][m] * 0.4)
        else:  # complete secondary
            students["junior"][m] = pupils(k)[m]
            students["senior"][m] = np.round(students["junior"][m] * 1.1)
    total = np.nansum(np.vstack(list(students.values())), axis=0)
    county_level = rng.lognormal(0.0, 0.15, n_counties)[county]
    county_spread = rng.uniform(0.1, 0.45, n_counties)[county]
    cols: dict[str, np.ndarray] = {
        "school_id": school_id,
        "school_name": np.char.add("学校", school_id),
        "county_code": code,
        "county_name": np.char.add("县", code),
        "year": np.full(n, 2025),
        "school_type": kind,
        "parent_school_id": np.full(n, "", dtype=object),
        "ownership": np.where(rng.random(n) < 0.1, "private", "public"),
        "location": LOCATIONS[rng.integers(0, 3, n)],
        "students_primary": students["primary"],
        "students_junior": students["junior"],
        "students_senior": students["senior"],
    }
    for col, median in PER_PUPIL.items():
        factor = county_level * rng.lognormal(0.0, county_spread)
        value = total * median * factor
        counts = col in ("teaching_computers", "books", "multimedia_classrooms")
        cols[col] = np.round(value) if counts else np.round(value, 2)
    indoor = cols["teaching_aux_area_m2"] * rng.uniform(0, 0.15, n)
    cols["indoor_sports_area_m2"] = np.round(indoor, 2)
    for lv in ("primary", "junior"):
        p = students[lv]
        teachers = np.round(p * rng.uniform(0.045, 0.085, n))
        teachers = np.where(p > 0, np.maximum(teachers, 1), np.nan)
        cols[f"teachers_{lv}"] = teachers
        for stem, share in (("qualified_teachers", 0.7), ("senior_title_teachers", 0.45),
                            ("key_teachers", 0.15), ("pe_art_teachers", 0.14)):  # fmt: skip
            cols[f"{stem}_{lv}"] = np.floor(teachers * rng.uniform(0.5, 1.2, n) * share)
            cols[f"{stem}_{lv}"] = np.minimum(cols[f"{stem}_{lv}"], teachers)
    cols["classes"] = np.maximum(1, np.round(total / 42))
    cols["max_class_size"] = np.round(rng.uniform(30, 60, n))
    cols["music_rooms"] = np.ceil(cols["classes"] / 12) * (rng.random(n) < 0.8)
    cols["art_rooms"] = np.ceil(cols["classes"] / 12) * (rng.random(n) < 0.8)
    # teaching points belong to a primary school of their county
    points = np.flatnonzero(kind == "teaching_point")
    primary = np.flatnonzero(kind == "primary")
    first = np.searchsorted(county[primary], county[points])
    nearest = primary[np.minimum(first, primary.shape[0] - 1)]
    has = (first < primary.shape[0]) & (county[nearest] == county[points])
    parents = cols["parent_school_id"]
    parents[points[has]] = school_id[primary[first[has]]]
    return cols


def write_csv(cols: dict[str, np.ndarray], path: Path) -> None:
    names = list(cols)
    columns = []
    for name in names:
        arr = cols[name]
        if arr.dtype.kind == "f":
            text = np.where(np.isnan(arr), "", np.char.mod("%.15g", np.nan_to_num(arr)))
        else:
            text = arr.astype(str)
        columns.append(text.tolist())
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        writer.writerows(zip(*columns, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--counties", type=int, default=2900)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    cols = make_national(args.counties, args.seed)
    write_csv(cols, Path(args.out))
    print(f"{args.out}: {cols['school_id'].shape[0]:,} schools in {args.counties:,} counties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

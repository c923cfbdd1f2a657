"""Generate the embedded example county (synthetic) with a fixed seed.

Run from anywhere: ``python examples/make_example_county.py [OUT.csv]``; by default it
rewrites ``src/eduequity/data/example_county.csv``. The county, its schools and every value
are invented: realistic magnitudes, no real school.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

HEADERS = {  # the Chinese headers a bureau's export carries, with units in brackets
    "school_id": "学校标识码",
    "school_name": "学校名称",
    "county_code": "区县代码",
    "county_name": "区县名称",
    "year": "学年",
    "school_type": "学校类型",
    "parent_school_id": "所属学校标识码",
    "ownership": "办学性质",
    "location": "城乡类型",
    "students_primary": "小学在校生数",
    "students_junior": "初中在校生数",
    "students_senior": "高中在校生数",
    "teaching_aux_area_m2": "教学及辅助用房面积(平方米)",
    "indoor_sports_area_m2": "室内体育用房面积(平方米)",
    "sports_ground_area_m2": "运动场地面积(平方米)",
    "equipment_value_10k_yuan": "教学仪器设备资产值(万元)",
    "teaching_computers": "教学用计算机台数(台)",
    "books": "图书册数(册)",
    "multimedia_classrooms": "网络多媒体教室间数(间)",
    "teachers_primary": "小学专任教师数",
    "qualified_teachers_primary": "小学高于规定学历专任教师数",
    "senior_title_teachers_primary": "小学中级及以上职称专任教师数",
    "key_teachers_primary": "小学县级及以上骨干教师数",
    "pe_art_teachers_primary": "小学体育、音乐、美术专任教师数",
    "teachers_junior": "初中专任教师数",
    "qualified_teachers_junior": "初中高于规定学历专任教师数",
    "senior_title_teachers_junior": "初中中级及以上职称专任教师数",
    "key_teachers_junior": "初中县级及以上骨干教师数",
    "pe_art_teachers_junior": "初中体育、音乐、美术专任教师数",
    "classes": "班级数",
    "max_class_size": "最大班额",
    "music_rooms": "音乐专用教室数",
    "art_rooms": "美术专用教室数",
    "built_year": "建校年份",
    "boarding": "是否寄宿制",
}
TYPE_ZH = {
    "primary": "小学",
    "junior": "初中",
    "nine_year": "九年一贯制",
    "twelve_year": "十二年一贯制",
    "complete_secondary": "完全中学",
    "teaching_point": "教学点",
    "special": "特殊教育学校",
}
LOC_ZH = {"urban": "城区", "town": "镇区", "rural": "乡村"}
# (type, location, ownership, primary, junior, senior, quality) — quality scales resources
PLAN = [
    ("primary", "urban", "public", 1850, 0, 0, 1.0),
    ("primary", "urban", "public", 1420, 0, 0, 1.1),
    ("primary", "urban", "public", 1210, 0, 0, 0.95),
    ("primary", "urban", "private", 960, 0, 0, 1.3),
    ("primary", "urban", "public", 1680, 0, 0, 0.9),
    ("primary", "town", "public", 880, 0, 0, 1.0),
    ("primary", "town", "public", 760, 0, 0, 1.05),
    ("primary", "town", "public", 640, 0, 0, 0.85),
    ("primary", "town", "private", 420, 0, 0, 1.2),
    ("primary", "town", "public", 590, 0, 0, 1.0),
    ("primary", "rural", "public", 310, 0, 0, 1.0),
    ("primary", "rural", "public", 240, 0, 0, 0.8),
    ("primary", "rural", "public", 188, 0, 0, 1.1),
    ("primary", "rural", "public", 156, 0, 0, 0.75),
    ("primary", "rural", "public", 132, 0, 0, 1.2),
    ("primary", "rural", "public", 274, 0, 0, 0.9),
    ("primary", "rural", "public", 205, 0, 0, 1.0),
    ("primary", "rural", "public", 98, 0, 0, 1.3),
    ("primary", "town", "public", 702, 0, 0, 0.95),
    ("primary", "urban", "public", 1530, 0, 0, 1.0),
    ("junior", "urban", "public", 0, 1620, 0, 1.0),
    ("junior", "urban", "public", 0, 1380, 0, 1.1),
    ("junior", "urban", "private", 0, 820, 0, 1.25),
    ("junior", "town", "public", 0, 940, 0, 0.95),
    ("junior", "town", "public", 0, 760, 0, 1.0),
    ("junior", "rural", "public", 0, 410, 0, 0.85),
    ("junior", "rural", "public", 0, 365, 0, 1.05),
    ("junior", "town", "public", 0, 655, 0, 0.9),
    ("nine_year", "town", "public", 520, 380, 0, 1.0),
    ("nine_year", "rural", "public", 166, 210, 0, 0.9),
    ("nine_year", "rural", "public", 240, 190, 0, 1.1),
    ("nine_year", "urban", "public", 980, 760, 0, 1.0),
    ("twelve_year", "urban", "public", 720, 610, 540, 1.05),
    ("complete_secondary", "urban", "public", 0, 1180, 1350, 1.0),
    ("complete_secondary", "town", "public", 0, 690, 820, 0.9),
    ("teaching_point", "rural", "public", 37, 0, 0, 0.8),
    ("teaching_point", "rural", "public", 64, 0, 0, 0.9),
    ("special", "town", "public", 86, 54, 0, 1.4),
    ("primary", "rural", "public", 120, 0, 0, 0.7),
    ("junior", "rural", "public", 0, 290, 0, 0.8),
]
# Per-student baselines (primary, junior) around which schools vary.
BASE = {
    "teaching": (5.4, 7.0),
    "sports": (9.0, 12.0),
    "equipment": (2600.0, 3300.0),
    "computers": (14.0, 18.0),
    "books": (32.0, 45.0),
    "multimedia": (2.8, 2.9),
}


def generate(seed: int = 20250901) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    parent_for_tp = "999901B012"
    for k, (kind, loc, own, p, j, s, q) in enumerate(PLAN, start=1):
        sid = f"999901{'T' if kind == 'teaching_point' else 'B'}{k:03d}"
        students = p + j  # compulsory pupils, for sizing the building

        def vary(scale: float = 0.12, q: float = q) -> float:
            return float(q * rng.lognormal(0.0, scale))

        def mix(key: str, share_j: float = j / max(p + j, 1)) -> float:
            return BASE[key][0] * (1 - share_j) + BASE[key][1] * share_j

        teaching = mix("teaching") * (p + j) * vary() + 6.0 * s
        indoor = teaching * 0.08 * vary(0.3) if students > 150 else 0.0
        row: dict[str, object] = {
            "school_id": sid,
            "school_name": f"示例县第{k}学校（虚构）",
            "county_code": "999901",
            "county_name": "示例县",
            "year": 2025,
            "school_type": TYPE_ZH[kind],
            "parent_school_id": parent_for_tp if kind == "teaching_point" else "",
            "ownership": "民办" if own == "private" else "公办",
            "location": LOC_ZH[loc],
            "students_primary": p or "",
            "students_junior": j or "",
            "students_senior": s or "",
            "teaching_aux_area_m2": round(teaching + indoor, 1),
            "indoor_sports_area_m2": round(indoor, 1),
            "sports_ground_area_m2": round(mix("sports") * (p + j) * vary(0.25) + 8 * s, 1),
            "equipment_value_10k_yuan": round(
                mix("equipment") * (p + j) * vary(0.2) / 1e4 + 0.3 * s / 10, 2
            ),
            "teaching_computers": int(mix("computers") * (p + j) / 100 * vary(0.2) + 0.1 * s),
            "books": int(mix("books") * (p + j) * vary(0.15) + 50 * s),
            "multimedia_classrooms": max(1, round(mix("multimedia") * (p + j) / 100 * vary(0.15))),
            "classes": max(1, int(np.ceil((p + j + s) / 42))),
            "built_year": int(rng.integers(1975, 2020)),
            "boarding": "是" if loc == "rural" and kind != "teaching_point" else "否",
        }
        row["max_class_size"] = int(min(58, (p + j + s) / row["classes"] + rng.integers(0, 8)))  # type: ignore[operator]
        row["music_rooms"] = max(0 if kind == "teaching_point" else 1, row["classes"] // 14)  # type: ignore[operator]
        row["art_rooms"] = row["music_rooms"]
        for level, n in (("primary", p), ("junior", j)):
            if n == 0:
                for stem in (
                    "teachers",
                    "qualified_teachers",
                    "senior_title_teachers",
                    "key_teachers",
                    "pe_art_teachers",
                ):
                    row[f"{stem}_{level}"] = ""
                continue
            ratio = (1 / 16.5 if level == "primary" else 1 / 12.5) * (1.25 if n < 200 else 1.0)
            t = max(2, round(n * ratio * vary(0.08)))
            row[f"teachers_{level}"] = t
            row[f"qualified_teachers_{level}"] = min(t, round(t * min(0.98, 0.78 * vary(0.1))))
            row[f"senior_title_teachers_{level}"] = min(t, round(t * 0.45 * vary(0.2)))
            row[f"key_teachers_{level}"] = min(t, round(n * 0.013 * vary(0.35)))
            row[f"pe_art_teachers_{level}"] = min(t, round(n * 0.0125 * vary(0.25)))
        rows.append(row)
    return rows


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    out = Path(argv[1]) if len(argv) > 1 else here.parent / "src/eduequity/data/example_county.csv"
    rows = generate()
    with open(out, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS.values())
        for row in rows:
            writer.writerow(row[k] for k in HEADERS)
    print(f"wrote {len(rows)} synthetic schools to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

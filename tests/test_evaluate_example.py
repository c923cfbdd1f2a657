"""The example county under both national standards, against an independent computation.

The reference below reads the CSV with the standard library and applies the standards
folder's rules step by step in plain Python (scope, split weights, merge, per-student
values, the enrollment-weighted CV, 6 of 7 with the 85 % floor), sharing no code with the
library.
"""

from __future__ import annotations

import csv
import math
from typing import Any

import pytest

from eduequity import evaluate, example_path

RESOURCES = {
    "area": "教学及辅助用房面积(平方米)",
    "indoor": "室内体育用房面积(平方米)",
    "ground": "运动场地面积(平方米)",
    "equipment_10k": "教学仪器设备资产值(万元)",
    "computers": "教学用计算机台数(台)",
    "books": "图书册数(册)",
    "multimedia": "网络多媒体教室间数(间)",
}
TEACHERS = {
    "teachers": "专任教师数",
    "qualified": "高于规定学历专任教师数",
    "senior": "中级及以上职称专任教师数",
    "key": "县级及以上骨干教师数",
    "pe_art": "体育、音乐、美术专任教师数",
}
LEVEL_ZH = {"primary": "小学", "junior": "初中", "senior": "高中"}
WEIGHTS = {"primary": 1.0, "junior": 1.1, "senior": 1.32}
COMPLETE = {"junior": 1.0, "senior": 1.2}


def f(text: str) -> float:
    return float(text) if text.strip() else 0.0


def reference_sections(*, include_private: bool, tp: str) -> dict[str, dict[str, dict[str, Any]]]:
    """Sections by level and school id, each with pupils and resource totals."""
    with example_path().open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, dict[str, dict[str, Any]]] = {"primary": {}, "junior": {}}
    points = []
    for r in rows:
        kind = r["学校类型"]
        if kind == "特殊教育学校" or (r["办学性质"] == "民办" and not include_private):
            continue
        if kind == "教学点":
            points.append(r)
            continue
        pupils = {lv: f(r[f"{zh}在校生数"]) for lv, zh in LEVEL_ZH.items()}
        weights = COMPLETE if kind == "完全中学" else WEIGHTS
        denom = sum(w * pupils[lv] for lv, w in weights.items())
        for lv in ("primary", "junior"):
            if pupils[lv] <= 0:
                continue
            share = weights[lv] * pupils[lv] / denom
            sec = {k: f(r[h]) * share for k, h in RESOURCES.items()}
            sec.update({k: f(r[LEVEL_ZH[lv] + h]) for k, h in TEACHERS.items()})
            sec["pupils"] = pupils[lv]
            out[lv][r["学校标识码"]] = sec
    for r in points:
        pupils = f(r["小学在校生数"])
        values = {k: f(r[h]) for k, h in RESOURCES.items()}
        values.update({k: f(r["小学" + h]) for k, h in TEACHERS.items()})
        if tp == "keep" and pupils >= 50:
            out["primary"][r["学校标识码"]] = {**values, "pupils": pupils}
        elif tp == "merge":
            parent = out["primary"][r["所属学校标识码"]]
            for k, v in values.items():
                parent[k] += v
            parent["pupils"] += pupils
    return out


def indicators_2017(s: dict[str, Any]) -> dict[str, float]:
    p = s["pupils"]
    return {
        "qualified_teachers_per_100_students": 100 * s["qualified"] / p,
        "key_teachers_per_100_students": 100 * s["key"] / p,
        "pe_art_teachers_per_100_students": 100 * s["pe_art"] / p,
        "teaching_area_per_student": (s["area"] - s["indoor"]) / p,
        "sports_area_per_student": (s["ground"] + s["indoor"]) / p,
        "equipment_value_per_student": s["equipment_10k"] * 10000 / p,
        "multimedia_classrooms_per_100_students": 100 * s["multimedia"] / p,
    }


def indicators_2012(s: dict[str, Any]) -> dict[str, float]:
    p = s["pupils"]
    return {
        "teaching_area_per_student": (s["area"] - s["indoor"]) / p,
        "sports_area_per_student": (s["ground"] + s["indoor"]) / p,
        "equipment_value_per_student": s["equipment_10k"] * 10000 / p,
        "computers_per_100_students": 100 * s["computers"] / p,
        "books_per_student": s["books"] / p,
        "teachers_per_student": s["teachers"] / p,
        "qualified_teachers_per_student": s["qualified"] / p,
        "senior_title_teachers_per_student": s["senior"] / p,
    }


def official_cv(values: list[float], pupils: list[float]) -> float:
    total = sum(pupils)
    mean = sum(p * x for p, x in zip(pupils, values, strict=True)) / total
    var = sum(p * (x - mean) ** 2 for p, x in zip(pupils, values, strict=True)) / total
    return math.sqrt(var) / mean


STANDARD_2017 = {
    "primary": [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3],
    "junior": [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4],
}


def test_2017_cvs_and_school_verdicts_match_the_reference() -> None:
    ref = reference_sections(include_private=True, tp="keep")
    level_results = evaluate(example_path(), "cn-2017-quality").counties[0].levels
    for lv in ("primary", "junior"):
        sections = ref[lv]
        got = level_results[lv]
        assert {s.school_id for s in got.schools} == set(sections)
        values = {sid: indicators_2017(s) for sid, s in sections.items()}
        pupils = [s["pupils"] for s in sections.values()]
        for ind in indicators_2017(next(iter(sections.values()))):
            expected = official_cv([v[ind] for v in values.values()], pupils)
            assert got.indicators[ind].cv == pytest.approx(expected, rel=1e-12), (lv, ind)
        expected_pass = {}
        for sid, v in values.items():
            met = [x >= t for x, t in zip(v.values(), STANDARD_2017[lv], strict=True)]
            floor_ok = all(
                m or x >= 0.85 * t
                for m, x, t in zip(met, v.values(), STANDARD_2017[lv], strict=True)
            )
            expected_pass[sid] = sum(met) >= 6 and floor_ok
        got_pass = {s.school_id: s.passed for s in got.schools}
        assert got_pass == expected_pass
        assert got.passed is (
            all(expected_pass.values()) and all(got.indicators[i].cv_passed for i in got.indicators)
        )
    # the example county is made to fail somewhere: some schools pass, some do not
    verdicts = [s.passed for lv in level_results.values() for s in lv.schools]
    assert True in verdicts
    assert False in verdicts


def test_2012_composite_matches_the_reference() -> None:
    ref = reference_sections(include_private=False, tp="merge")
    levels = evaluate(example_path(), "cn-2012-basic").counties[0].levels
    for lv in ("primary", "junior"):
        sections = ref[lv]
        values = {sid: indicators_2012(s) for sid, s in sections.items()}
        pupils = [s["pupils"] for s in sections.values()]
        cvs = [
            official_cv([v[ind] for v in values.values()], pupils)
            for ind in indicators_2012(next(iter(sections.values())))
        ]
        composite = levels[lv].composite
        assert composite is not None
        assert composite.value == pytest.approx(sum(cvs) / 8, rel=1e-12)
        assert {s.school_id for s in levels[lv].schools} == set(sections)
        merged = next(s for s in levels["primary"].schools if s.school_id == "999901B012")
        assert merged.students == ref["primary"]["999901B012"]["pupils"] == 240 + 37 + 64

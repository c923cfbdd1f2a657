"""--lang on every command that reports: text and md in one language, JSON the same in both."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import eduequity as eq
from eduequity.cli import main

ADD = ["--add", "999901B014,teaching_aux_area_m2,300", "--close", "999901B001"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = 0) -> str:
    assert main([*argv, "--quiet"]) == code
    return capsys.readouterr().out


def _latin_words(text: str, *allowed: str) -> list[str]:
    """Words of two or more Latin letters left once ids, codes and names are taken out."""
    for a in allowed:
        text = text.replace(a, "")
    text = re.sub(r"（[a-z0-9_]+）", "", text)  # an indicator id in brackets after its name
    return re.findall(r"[A-Za-z]{2,}", text)


def test_validate_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["validate", "--example"], capsys) == (
        "example_county.csv: 有效，40 所学校，0 条警告\n"
    )
    assert _run(["validate", "--example", "--lang", "en"], capsys) == (
        "example_county.csv: valid, 40 schools, 0 warning(s)\n"
    )
    zh = _run(["summary", "--example"], capsys).splitlines()
    assert zh[0] == "example_county.csv: 40 所学校，1 个县·学年"
    assert zh[1] == "  县 999901（示例县），学年 2025：40 所学校"
    assert zh[3] == "  小学学段：26 个，学生 17092 人"
    assert "  未纳入 999901B038（全校）：特殊教育学校，不在评估范围" in zh
    assert "  999901T036 并入 999901B012（学生 37 人）" in zh
    assert _latin_words("\n".join(zh), "example_county.csv") == []
    en = _run(["summary", "--example", "--lang", "en"], capsys).splitlines()
    assert en[3] == "  primary sections: 26 with 17092 students"
    assert "  excluded 999901B038 (whole school): special-education school, out of scope" in en


def test_plan_in_both_languages_and_json_alike(capsys: pytest.CaptureFixture[str]) -> None:
    budget = ["plan", "--example", "--budget", "100000"]
    zh = _run(budget, capsys).splitlines()
    en = _run([*budget, "--lang", "en"], capsys).splitlines()
    assert zh[0] == "方案：cn-2017-quality"
    assert en[0] == "plan for cn-2017-quality"
    doc = json.loads(_run([*budget, "--format", "json"], capsys))
    county = doc["counties"][0]
    total = county["total_cost"]
    assert zh[1] == (
        f"县 999901（2025）：{total:,.0f} 元；资源配置 调整前 未达标，调整后 未达标"
    )
    assert en[1] == (
        f"county 999901 (2025): {total:,.0f} yuan; resource part before failed, after failed"
    )
    best, sections = re.findall(r"(\d+) of (\d+)", county["notes"][0])[0]
    note = f"  说明：在 100,000 元预算内：{sections} 个学校学段中有 {best} 个达到校际标准"
    assert any(line.startswith(note) for line in zh)
    assert county["notes_zh"][0].startswith("在 100,000 元预算内")
    assert zh[-1] == f"合计：{doc['total_cost']:,.0f} 元"
    assert en[-1] == f"total: {doc['total_cost']:,.0f} yuan"
    assert _latin_words("\n".join(zh), "cn-2017-quality") == []
    assert json.loads(_run([*budget, "--format", "json", "--lang", "en"], capsys)) == doc
    md = _run([*budget, "--format", "md"], capsys)
    assert md.startswith("# 方案：cn-2017-quality\n\n## 县 999901（2025）")
    assert "| 学校 | 学段 | 项目 | 数量 | 费用（元） |" in md


def test_whatif_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    zh = _run(["whatif", "--example", *ADD], capsys).splitlines()
    en = _run(["whatif", "--example", *ADD, "--lang", "en"], capsys).splitlines()
    doc = json.loads(_run(["whatif", "--example", *ADD, "--format", "json"], capsys))
    d = doc["counties"][0]
    cv = next(c for c in d["cvs"] if c["indicator"] == "teaching_area_per_student"
              and c["level"] == "primary")  # fmt: skip
    assert zh[0] == "县 999901（2025）：未达标 → 未达标"
    assert en[0] == "county 999901 (2025): failed -> failed"
    assert f"  差异系数 小学 生均教学及辅助用房面积：{cv['before']:.3f} → {cv['after']:.3f}" in zh
    assert (
        f"  CV primary Teaching and auxiliary floor area per student: {cv['before']:.3f} -> "
        f"{cv['after']:.3f}"
    ) in en
    assert zh[-1] == "  学校 999901B001（小学）：已撤销"
    assert en[-1] == "  school 999901B001 (primary): closed"
    assert _latin_words("\n".join(zh)) == []


def _years(tmp_path: Path) -> Path:
    base: dict[str, Any] = {
        "school_type": "primary", "county_code": "100001", "location": "urban",
        "students_primary": 100, "teachers_primary": 6, "qualified_teachers_primary": 5,
        "key_teachers_primary": 1, "pe_art_teachers_primary": 1, "teaching_aux_area_m2": 450,
        "indoor_sports_area_m2": 0, "equipment_value_yuan": 200_000, "multimedia_classrooms": 3,
    }  # fmt: skip
    rows = [
        {**base, "school_id": school, "year": year, "sports_ground_area_m2": area * 100}
        for year, pair in ((2023, (34, 6)), (2024, (36, 4)))
        for school, area in zip("AB", pair, strict=True)
    ]
    path = tmp_path / "years.csv"
    eq.load_schools(rows).to_csv(path)
    return path


def test_trend_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # CV of two equal-weight values a, b is (a − b) / (a + b): 28/40 = 0.7, then 32/40 = 0.8
    path = str(_years(tmp_path))
    zh = _run(["trend", path], capsys).splitlines()
    en = _run(["trend", path, "--lang", "en"], capsys).splitlines()
    i = zh.index(
        "县 100001 小学 生均体育运动场馆面积（sports_area_per_student）：2023 0.700，2024 0.800"
    )
    assert zh[i + 1] == "  退步 2024：差异系数由 0.700 升至 0.800"
    j = en.index("100001 primary sports_area_per_student: 2023 0.700, 2024 0.800")
    assert en[j + 1] == "  regression 2024: CV rose from 0.700 to 0.800"
    assert _latin_words("\n".join(zh)) == []
    doc = json.loads(_run(["trend", path, "--format", "json"], capsys))
    entry = next(e for e in doc["trends"] if e["indicator"] == "sports_area_per_student")
    assert entry["regression_details"] == [
        {"kind": "cv_rose", "year": 2024, "before": pytest.approx(0.7),
         "after": pytest.approx(0.8)}
    ]  # fmt: skip
    assert entry["regressions"] == ["2024: CV rose from 0.700 to 0.800"]


def test_audit_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = eq.load_example().to_dicts()
    school = next(r for r in rows if r["school_id"] == "999901B002")
    school["equipment_value_yuan"] = school["equipment_value_yuan"] / 10_000  # 万元 as 元
    path = tmp_path / "wan.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    doc = json.loads(_run(["audit", str(path), "--format", "json"], capsys, 1))
    finding = next(f for f in doc["findings"] if f["code"] == "unit_10k_suspected")
    assert (finding["school_id"], finding["column"]) == ("999901B002", "equipment_value_yuan")
    x = finding["context"]
    assert x["ratio"] == pytest.approx(finding["value"] / x["median"])
    zh = _run(["audit", str(path)], capsys, 1).splitlines()
    assert (
        f"unit_10k_suspected: 县 999901（2025），学校 999901B002，小学，教学仪器设备资产值："
        f"生均 {finding['value']:.6g} 元，是县中位数 {x['median']:.6g} 的 {x['ratio']:.2g} 倍："
        "疑为万元误填为元，或相反"
    ) in zh
    assert zh[-1] == f"wan.json: {len(doc['findings'])} 个问题"
    en = _run(["audit", str(path), "--lang", "en"], capsys, 1).splitlines()
    assert f"unit_10k_suspected: {finding['message']}" in en
    assert en[-1] == f"wan.json: {len(doc['findings'])} finding(s)"


def test_audit_of_refused_data_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    bad = Path(__file__).parents[1] / "data" / "bad" / "several_defects.csv"
    zh = _run(["audit", str(bad)], capsys, 1).splitlines()
    assert zh == [
        "unknown_school_type: several_defects.csv：第 4 行（学校 S3）“学校类型”：“unknown”"
        "不是可用的学校类型；可填：小学、初中、九年一贯制、十二年一贯制、完全中学、教学点、"
        "特殊教育学校",
        "negative_value: several_defects.csv：第 2 行（学校 S1）“教学及辅助用房面积”："
        "不能为负数，填的是 -1500",
        "subset_exceeds_total: several_defects.csv：第 3 行（学校 S2）"
        "“小学高于规定学历专任教师数”：30 超过“小学专任教师数”（20）",
        "several_defects.csv: 3 个问题",
    ]

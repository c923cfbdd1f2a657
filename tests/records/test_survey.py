"""survey(): invalid rows, don't-knows, two groups; rates and Wilson bounds by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.records import SurveyScheme, survey


def _rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # parents: 40 satisfied, 8 not, 2 don't know; students: 27 satisfied, 3 not
    answers = {"家长": ["满意"] * 30 + ["非常满意"] * 10 + ["一般"] * 8 + ["不了解"] * 2,
               "学生": [5] * 27 + [2] * 3}  # fmt: skip
    k = 0
    for group, given in answers.items():
        for a in given:
            rows.append({"respondent_id": f"r{k}", "group": group, "school": "一小", "answer": a})
            k += 1
    rows.append({"respondent_id": "r0", "group": "家长", "school": "一小", "answer": "满意"})
    rows.append({"respondent_id": "x", "group": "教师", "school": "一小", "answer": ""})
    rows.append({"respondent_id": "y", "group": "教师", "school": "一小", "answer": "很好"})
    return rows


def _wilson(x: int, n: int) -> tuple[float, float]:
    z = 1.959963984540054
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_counts_rates_and_bounds() -> None:
    r = survey(_rows())
    assert (r.responses, r.valid, r.dont_know) == (83, 80, 2)
    # record positions: r0 again at 80, the empty answer at 81, the unreadable one at 82
    assert r.invalid == {"duplicate": [80], "incomplete": [81, 82]}
    assert (r.overall.satisfied, r.overall.n) == (67, 78)
    assert r.overall.rate == pytest.approx(67 / 78)
    lo, hi = _wilson(67, 78)
    assert (r.overall.low, r.overall.high) == (pytest.approx(lo), pytest.approx(hi))
    assert r.by_group["家长"].rate == pytest.approx(40 / 48)
    assert r.by_group["学生"].rate == pytest.approx(27 / 30)
    assert {k: v.value for k, v in r.county_inputs().items()} == {
        "social_recognition_pct": pytest.approx(6700 / 78)
    }
    # don't know counted as not satisfied
    r2 = survey(_rows(), scheme=SurveyScheme(dont_know="unsatisfied"))
    assert r2.overall.rate == pytest.approx(67 / 80)


def test_sample_rules_are_the_schemes() -> None:
    r = survey(_rows(), scheme=SurveyScheme(min_valid=100, min_group_share={"家长": 0.5}))
    assert r.sample_checks == {"at least 100 valid responses": False,
                               "家长 at least 50% of valid responses": True}  # fmt: skip


def test_stratified_design() -> None:
    rows = []
    for k in range(100):
        rows.append({"respondent_id": k, "answer": "满意" if k < 80 else "不满意",
                     "stratum": "城", "weight": 0.6})  # fmt: skip
    for k in range(100, 150):
        rows.append({"respondent_id": k, "answer": "满意" if k < 145 else "不满意",
                     "stratum": "乡", "weight": 0.4})  # fmt: skip
    r = survey(rows)
    p = 0.6 * 0.8 + 0.4 * 0.9
    half = 1.959963984540054 * math.sqrt(0.36 * 0.16 / 100 + 0.16 * 0.09 / 50)
    assert r.overall.rate == pytest.approx(p)
    assert (r.overall.low, r.overall.high) == (pytest.approx(p - half), pytest.approx(p + half))
    assert r.design.startswith("stratified")


def test_chinese_headers_from_a_csv_and_evaluate(tmp_path: Path) -> None:
    path = tmp_path / "问卷.csv"
    lines = ["答卷编号,群体,学校,满意度"] + [f"{k},家长,一小,{'满意' if k < 9 else '不满意'}"
                                             for k in range(10)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = survey(path)
    assert r.overall.rate == pytest.approx(0.9)
    a = eq.evaluate(eq.load_example(), "cn-2017-quality",
                    county_inputs={"999901": r.county_inputs()})  # fmt: skip
    rule = next(x for x in a.counties[0].parts["social_recognition"].rules)
    assert rule.passed is True
    assert r.provenance("zh") == "社会认可度 90.0 %（95 % 置信区间 59.6–98.2），来自 10 份有效问卷"


def test_bad_input_names_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("respondent_id,answer,stratum,weight\n1,满意,城,x\n", encoding="utf-8")
    with pytest.raises(eq.DataError, match=r"s\.csv, row 2, column weight: not a number"):
        survey(path)
    with pytest.raises(eq.DataError, match="missing column"):
        survey([{"id": 1}])

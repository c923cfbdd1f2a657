"""Figures computed from records flow into evaluate with their provenance: the assessment
keeps it (``CountyResult.provenance``, the county's ``provenance`` key in the JSON) and
every report shows it under the input's rule; plain numbers work as before."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import eduequity as eq
from eduequity.cli import main
from eduequity.contract import schema
from eduequity.provenance import CountyInput, Provenance
from eduequity.records import school_gap, survey, teachers
from eduequity.report import render_html, render_markdown, render_text

COUNTY = "999901"
# 40 非常满意 + 45 满意 + 10 一般 + 5 不满意 = 100 counted, 85 satisfied; 8 不了解 (valid, left
# out of the rate); 2 empty answers and 1 repeated id are invalid.
ANSWERS = [("非常满意", 40), ("满意", 45), ("一般", 10), ("不满意", 5), ("不了解", 8)]
ZH = ("社会认可度 85.0 %（95 % 置信区间 76.7–90.7），来自 108 份有效问卷"
      "（无效问卷 3 份；“不了解” 8 份未计入）")  # fmt: skip
EN = ("social recognition 85.0 % (95 % CI 76.7–90.7), from 108 valid responses "
      "(3 invalid; 8 don't know left out)")  # fmt: skip


def _wilson(x: int, n: int) -> tuple[float, float]:
    """Wilson's bounds written out: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n)."""
    z = 1.959963984540054
    p = x / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return ((centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n))


def _survey_csv(folder: Path) -> Path:
    lines = ["答卷编号,群体,学校,满意度"]
    k = 0
    for answer, n in ANSWERS:
        for _ in range(n):
            lines.append(f"R{k:03d},{'家长' if k % 2 else '学生'},一小,{answer}")
            k += 1
    lines += ["R900,家长,一小,", "R901,学生,二小,", "R000,家长,一小,满意"]
    path = folder / "问卷.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_the_survey_gives_its_rate_with_provenance(tmp_path: Path) -> None:
    r = survey(_survey_csv(tmp_path))
    x = r.county_inputs()["social_recognition_pct"]
    lo, hi = _wilson(85, 100)
    assert x.value == pytest.approx(85.0)
    p = x.provenance
    assert (p.source, p.method, p.confidence) == ("survey", "wilson", 0.95)
    assert (p.low, p.high) == (pytest.approx(100 * lo), pytest.approx(100 * hi))
    assert (round(p.low, 2), round(p.high, 2)) == (76.72, 90.69)
    assert (p.n_valid, p.n_invalid, p.n_dont_know) == (108, 3, 8)
    assert (p.numerator, p.denominator, p.dont_know) == (85, 100, "exclude")
    assert r.provenance("zh") == ZH
    assert r.provenance("en") == EN


def test_survey_to_evaluate_keeps_the_interval_in_the_json_and_the_reports(
    tmp_path: Path,
) -> None:
    r = survey(_survey_csv(tmp_path))
    a = eq.evaluate(eq.load_example(), "cn-2017-quality", {COUNTY: r.county_inputs()})
    c = a.counties[0]
    assert c.inputs["social_recognition_pct"] == pytest.approx(85.0)  # the rules saw a number
    assert c.parts["social_recognition"].passed is True
    doc = json.loads(a.to_json())
    jsonschema.Draft202012Validator(schema("assessment")).validate(doc)
    prov = doc["counties"][0]["provenance"]["social_recognition_pct"]
    lo, hi = _wilson(85, 100)
    assert (prov["low"], prov["high"]) == (pytest.approx(100 * lo), pytest.approx(100 * hi))
    assert (prov["n_valid"], prov["n_invalid"], prov["denominator"]) == (108, 3, 100)
    assert doc["counties"][0]["inputs"]["social_recognition_pct"] == pytest.approx(85.0)
    assert f"      {ZH}\n" in render_text(a, lang="zh")
    assert f"      {EN}\n" in render_text(a, lang="en")
    assert ZH in render_markdown(a, lang="zh")
    assert '<div class="provenance">' + EN.replace("'", "&#x27;") + "</div>" in render_html(
        a, lang="en"
    )


def test_the_command_line_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "survey.json"
    _run(["survey", str(_survey_csv(tmp_path)), "--county", COUNTY, "--format", "json",
          "-o", str(out)], capsys)  # fmt: skip
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema("survey")).validate(doc)
    assert doc["county_inputs"] == {"social_recognition_pct": pytest.approx(85.0)}  # as before
    assert doc["counties"][0]["county_code"] == COUNTY
    example = str(eq.example_path())
    zh = _run(["evaluate", example, "--county-inputs", str(out)], capsys)
    assert f"      {ZH}\n" in zh
    en = _run(["evaluate", example, "--county-inputs", str(out), "--lang", "en"], capsys)
    assert f"      {EN}\n" in en
    js = json.loads(_run(["evaluate", example, "--county-inputs", str(out), "--format", "json"],
                         capsys))  # fmt: skip
    jsonschema.Draft202012Validator(schema("assessment")).validate(js)
    prov = js["counties"][0]["provenance"]["social_recognition_pct"]
    assert (round(prov["low"], 4), round(prov["high"], 4), prov["n_valid"]) == (
        # centre (0.85 + z²/200) / (1 + z²/100) = 0.837052, half-width 0.069888
        76.7164, 90.694, 108
    )


def _roster() -> list[dict[str, Any]]:
    # eligible: 1, 2, 3, 5 (4 of 5); rotated among them: 1 and 5; key among those: 1.
    # certificates: all but 3 (4 of 5); 360 hours: 1, 2, 4, 5 (4 of 5)
    rows = [("1", "是", "是", "是", 400, "一小", "二小"),
            ("2", "否", "是", "是", 360, "一小", "一小"),
            ("3", "否", "是", "否", 120, "二小", "二小"),
            ("4", "是", "否", "是", 380, "二小", "一小"),
            ("5", "否", "是", "是", 360, "二小", "一小")]  # fmt: skip
    return [{"teacher_id": t, "school": y2, "subject": "语文", "is_key_teacher": key,
             "eligible_for_rotation": elig, "certificate": cert, "training_hours_5y": hours,
             "school_2024": y1, "school_2025": y2}
            for t, key, elig, cert, hours, y1, y2 in rows]  # fmt: skip


def test_a_roster_gives_the_counts_behind_each_rate(tmp_path: Path) -> None:
    r = teachers(_roster(), county_code=COUNTY)
    ci = r.county_inputs()
    got = {k: (v.value, v.provenance.numerator, v.provenance.denominator) for k, v in ci.items()}
    assert got == {
        "teacher_rotation_pct": (50.0, 2, 4),
        "key_teachers_among_rotated_pct": (50.0, 1, 2),
        "teacher_certificate_pct": (80.0, 4, 5),
        "teacher_training_completion_pct": (80.0, 4, 5),
    }
    assert {v.provenance.source for v in ci.values()} == {"roster"}
    path = tmp_path / "teachers.json"
    path.write_text(json.dumps(r.to_dict(), ensure_ascii=False), encoding="utf-8")
    jsonschema.Draft202012Validator(schema("teachers")).validate(r.to_dict())
    survey_json = tmp_path / "survey.json"
    s = survey(_survey_csv(tmp_path), county_code=COUNTY)
    survey_json.write_text(json.dumps(s.to_dict(), ensure_ascii=False), encoding="utf-8")
    a = eq.evaluate(eq.load_example(), "cn-2017-quality", [survey_json, path])
    c = a.counties[0]
    assert sorted(c.provenance) == sorted([*ci, "social_recognition_pct"])
    text = render_text(a, lang="zh")
    assert "      教师交流轮岗比例 50.0 %（4 人中 2 人），来自教师名册（5 名教师）\n" in text
    assert "      专任教师持证上岗率 80.0 %（5 人中 4 人），来自教师名册（5 名教师）\n" in text
    en = render_text(a, lang="en")
    assert "      eligible teachers rotated this year 50.0 % (2 of 4), from the teacher " \
           "roster (5 teachers)\n" in en  # fmt: skip
    # one input from two files is an error naming both
    with pytest.raises(eq.CountyInputError, match="input social_recognition_pct: also given by"):
        eq.evaluate(eq.load_example(), "cn-2017-quality", [survey_json, survey_json])


def test_the_school_gap_as_a_county_input() -> None:
    rows = [{"school": s, "subject": "数学", "score": v}
            for s, v in (("A", 60), ("A", 70), ("B", 80), ("B", 90))]  # fmt: skip
    gap = school_gap(rows)["数学"]
    with pytest.raises(eq.ConfigurationError, match="definition"):
        gap.county_inputs("mean")
    ci = gap.county_inputs("cv_of_means")
    # school means 65 and 85, 2 pupils each: mean 75, SD 10, CV 10 / 75
    assert ci["between_school_difference_rate"].value == pytest.approx(10 / 75)
    a = eq.evaluate(eq.load_example(), "cn-2017-quality", {COUNTY: ci})
    assert a.counties[0].provenance["between_school_difference_rate"].method == "cv_of_means"
    assert ("      国家义务教育质量监测校际差异率 0.133（校均分差异系数，定义未经官方文本核实），"
            "来自 4 名学生的成绩\n") in render_text(a, lang="zh")  # fmt: skip


def test_the_file_form_and_plain_numbers(tmp_path: Path) -> None:
    plain = eq.evaluate(eq.load_example(), "cn-2017-quality",
                        {COUNTY: {"social_recognition_pct": 85.0}})  # fmt: skip
    c = plain.counties[0]
    assert c.provenance == {}
    assert "provenance" not in c.to_dict()
    assert c.inputs == {"social_recognition_pct": 85.0}
    given = {"value": 85.0, "provenance": {"source": "survey", "method": "design_based",
                                           "low": 80.5, "high": 89.5, "confidence": 0.95,
                                           "n_valid": 1204}}  # fmt: skip
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps({"counties": [{"county_code": COUNTY,
                                              "inputs": {"social_recognition_pct": given}}]}),
                    encoding="utf-8")  # fmt: skip
    a = eq.evaluate(eq.load_example(), "cn-2017-quality", path)
    assert a.counties[0].inputs == c.inputs  # the rules see the same number
    assert a.counties[0].parts["social_recognition"].passed is True
    assert a.counties[0].provenance["social_recognition_pct"] == Provenance.from_dict(
        given["provenance"]
    )
    assert ("社会认可度 85.0 %（95 % 置信区间 80.5–89.5，按分层权重），来自 1,204 份有效问卷"
            in render_text(a, lang="zh"))  # fmt: skip
    # a CountyInput object in Python gives the same
    b = eq.evaluate(eq.load_example(), "cn-2017-quality",
                    {COUNTY: {"social_recognition_pct": CountyInput.from_dict(given)}})
    assert b.to_dict()["counties"] == a.to_dict()["counties"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"value": 90, "provenance": {"source": "guess"}}, "provenance source: expected one"),
        ({"value": 90, "provenance": {"source": "survey", "n_valid": -1}}, "n_valid: expected"),
        ({"value": 90, "provenance": {"source": "survey", "colour": 1}}, "unknown keys"),
        ({"value": 90}, "needs a provenance"),
        ({"value": 120, "provenance": {"source": "survey"}}, "must be <= 100, got 120"),
    ],
)
def test_bad_provenance_names_county_and_input(given: dict[str, Any], message: str) -> None:
    with pytest.raises(eq.CountyInputError,
                       match=f"county {COUNTY}, input social_recognition_pct: .*{message}"):
        eq.evaluate(eq.load_example(), "cn-2017-quality",
                    {COUNTY: {"social_recognition_pct": given}})  # fmt: skip


def test_a_survey_document_without_its_county_says_how(tmp_path: Path) -> None:
    path = tmp_path / "survey.json"
    path.write_text(json.dumps(survey(_survey_csv(tmp_path)).to_dict()), encoding="utf-8")
    with pytest.raises(eq.CountyInputError, match=r"names no county.*--county CODE"):
        eq.evaluate(eq.load_example(), "cn-2017-quality", path)


def test_the_workbook_has_a_sources_column(tmp_path: Path) -> None:
    import openpyxl

    from eduequity.report import write_xlsx

    r = survey(_survey_csv(tmp_path))
    a = eq.evaluate(eq.load_example(), "cn-2017-quality", {COUNTY: r.county_inputs()})
    write_xlsx(a, tmp_path / "zh.xlsx", lang="zh")
    rows = list(openpyxl.load_workbook(tmp_path / "zh.xlsx").worksheets[0].values)
    header = next(row for row in rows if row and row[0] == "县")
    col = header.index("县级数据来源")
    county = next(row for row in rows if row and row[0] == COUNTY)
    assert county[col] == ZH


def test_the_contract_names_the_sources_and_methods_the_model_accepts() -> None:
    from typing import get_args

    from eduequity.contract.provenance import ProvenanceDoc
    from eduequity.provenance import METHODS, SOURCES

    assert get_args(ProvenanceDoc.model_fields["source"].annotation) == SOURCES
    method = ProvenanceDoc.model_fields["method"].annotation
    assert tuple(a for a in get_args(get_args(method)[0])) == METHODS


def test_a_roster_without_a_column_gives_no_rate_from_it() -> None:
    from eduequity.records import teachers

    roster = [
        {"teacher_id": i, "school": "A", "subject": "数学", "is_key_teacher": "否",
         "eligible_for_rotation": "是", "training_hours_5y": 400, "rotated": "是" if i else "否"}
        for i in range(4)
    ]  # fmt: skip
    inputs = teachers(roster).county_inputs()  # no certificate column: no certificate rate
    assert "teacher_certificate_pct" not in inputs
    assert inputs["teacher_training_completion_pct"].value == 100.0
    assert inputs["teacher_rotation_pct"].value == 75.0  # 3 of 4 eligible rotated


def test_a_survey_of_one_year_applies_to_that_year_only(tmp_path: Path) -> None:
    survey_csv = tmp_path / "s.csv"
    rows = [f"{k},家长,一小,{'满意' if k < 90 else '不满意'}" for k in range(100)]
    survey_csv.write_text("答卷编号,群体,学校,满意度\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "survey.json"
    argv = ["survey", str(survey_csv), "--county", "999901", "--year", "2024", "--format", "json"]
    assert main([*argv, "--output", str(out)]) == 0
    entry = json.loads(out.read_text(encoding="utf-8"))["counties"][0]
    assert (entry["county_code"], entry["year"]) == ("999901", 2024)
    table = eq.load_example()
    a = eq.evaluate(table, county_inputs=str(out))  # the example's year is 2025
    assert "provenance" not in a.to_dict()["counties"][0]
    assert "social_recognition_pct" not in a.to_dict()["counties"][0]["inputs"]
    assert main(["survey", str(survey_csv), "--county", "999901", "--year", "2025",
                 "--format", "json", "--output", str(out)]) == 0  # fmt: skip
    applied = eq.evaluate(table, county_inputs=str(out)).to_dict()["counties"][0]
    assert applied["inputs"]["social_recognition_pct"] == 90.0
    assert applied["provenance"]["social_recognition_pct"]["n_valid"] == 100

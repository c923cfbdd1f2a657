"""One language per report: the zh and en reports of the example county and of a
three-county file, markup stripped, hold no raw rule id and no word of the other language
outside the names of schools and places."""

from __future__ import annotations

import re
from typing import Any

import pytest
from _counties import markdown_text, page_text, three_counties

from eduequity import evaluate, load_example, load_schools
from eduequity.assessment import Assessment
from eduequity.report import render_html, render_markdown, render_text

INPUTS = {
    "999902": {
        "layout_planning": False,
        "teacher_pay_vs_civil_servants_pct": 90,
        "admission_by_exam": True,
        # with its provenance: the line under the rule speaks the report's language too
        "social_recognition_pct": {
            "value": 99,
            "provenance": {"source": "survey", "method": "design_based", "low": 97.5,
                           "high": 99.6, "confidence": 0.95, "n_valid": 1204, "n_invalid": 3,
                           "n_dont_know": 8, "dont_know": "exclude"},
        },
        "teacher_rotation_pct": {
            "value": 12.5,
            "provenance": {"source": "roster", "method": "count", "numerator": 50,
                           "denominator": 400, "n_valid": 450},
        },
    }
}
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def assessments(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Assessment]:
    folder = tmp_path_factory.mktemp("three")
    table = load_schools(three_counties(folder))
    return {
        "example-2017": evaluate(load_example(), "cn-2017-quality"),
        "example-2012": evaluate(load_example(), "cn-2012-basic"),
        "three-2017": evaluate(table, "cn-2017-quality", INPUTS),
        "three-2012": evaluate(table, "cn-2012-basic"),
    }


def _names(a: Assessment) -> list[str]:
    """Names of schools and places, and ids of schools: they stay as given."""
    out: set[str] = {a.standard.document}
    for c in a.counties:
        out |= {c.county_code, c.county_name}
        for level in c.levels.values():
            for s in level.schools:
                out |= {s.school_id, s.school_name}
        for e in c.excluded:
            out |= {str(e["school_id"]), str(e.get("parent_school_id", ""))}
    return sorted((n for n in out if n), key=len, reverse=True)


def _ids(a: Assessment) -> set[str]:
    ids: set[str] = set(a.standard.indicators)
    for c in a.counties:
        for p in c.parts.values():
            ids.add(p.id)
            for r in p.rules:
                ids.add(r.id)
                if "input" in r.detail:
                    ids.add(str(r.detail["input"]))
                ids |= {str(x) for x in r.detail.get("missing_columns", ())}
        for e in c.excluded:
            ids.add(str(e.get("code", "")))
    ids.discard("")
    return ids


def _render(a: Assessment, kind: str, lang: str) -> str:
    if kind == "html":
        return page_text(render_html(a, lang=lang))
    if kind == "md":
        return markdown_text(render_markdown(a, lang=lang))
    return markdown_text(render_text(a, lang=lang))


def _without_names(text: str, a: Assessment) -> str:
    for n in _names(a):
        text = text.replace(n, " ")
    return text


@pytest.mark.parametrize("kind", ["html", "md", "text"])
@pytest.mark.parametrize("which", ["example-2017", "example-2012", "three-2017", "three-2012"])
def test_chinese_report_is_chinese(assessments: dict[str, Any], which: str, kind: str) -> None:
    a = assessments[which]
    text = _without_names(_render(a, kind, "zh"), a)
    assert _CJK.search(text)  # the check can see Chinese at all
    assert _LATIN_WORD.findall(text) == []
    found = [i for i in _ids(a) if re.search(rf"(?<![\w]){re.escape(i)}(?![\w])", text)]
    assert found == []


@pytest.mark.parametrize("kind", ["html", "md", "text"])
@pytest.mark.parametrize("which", ["example-2017", "example-2012", "three-2017", "three-2012"])
def test_english_report_is_english(assessments: dict[str, Any], which: str, kind: str) -> None:
    a = assessments[which]
    text = _without_names(_render(a, kind, "en"), a)
    assert "coefficient of variation" in text
    assert _CJK.findall(text) == []
    # an id that is one English word (a part called "government") reads as English
    found = [
        i for i in _ids(a) if "_" in i and re.search(rf"(?<![\w]){re.escape(i)}(?![\w])", text)
    ]
    assert found == []


def test_the_checks_can_fail(assessments: dict[str, Any]) -> None:
    a = assessments["example-2017"]
    text = _without_names(page_text("<p>resource_cv 未达标 CV</p>"), a)
    assert _LATIN_WORD.findall(text) == ["resource", "cv", "CV"]
    assert _CJK.findall(text) == ["未", "达", "标"]


def test_reasons_in_words(assessments: dict[str, Any]) -> None:
    """The 原因 cells of issue 15, as a county official now reads them."""
    page = render_markdown(assessments["example-2017"])
    assert "学校7项指标（至少6项达标）：43 所学校中 26 所未达标" in page
    assert "缺少县级数据：科学规划学校布局、城乡学校“四统一”" in page
    assert "school_resource_indicators" not in page
    assert "layout_planning" not in page
    three = render_markdown(assessments["three-2017"], lang="en")
    assert (
        "Average teacher pay as a share of average local civil-servant pay: 90%, "
        "standard ≥ 100%" in three
    )
    assert "School layout planning in place: not shown" in three
    assert "Admission by examination occurred (veto)" in three

"""Notebook views: the assessment's and the table's short html, with inline styles."""

from __future__ import annotations

import re

from eduequity import evaluate, load_example, load_schools
from eduequity.report.html import repr_html
from eduequity.report.notebook import table_html


def _cells(view: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", view)
    return [re.findall(r"<t[hd][^>]*>(?:<b>)?(.*?)(?:</b>)?</t[hd]>", r) for r in rows]


def test_table_view_counts_schools_per_county_and_type() -> None:
    table = load_example()
    view = table_html(table)
    assert "<style" not in view
    head, row = _cells(view)
    assert head[:4] == ["县", "学年", "小学", "初中"]
    types = table["school_type"].tolist()
    kinds = ("primary", "junior", "nine_year", "twelve_year", "complete_secondary",
             "teaching_point", "special")  # fmt: skip
    expected = [types.count(t) for t in kinds]
    assert row == ["999901 示例县", "2025", *map(str, expected), str(len(types))]
    assert sum(expected) == 40
    assert "40 所学校 · 1 个县（学年）" in view


def test_table_view_lists_thirty_counties_then_says_how_many_more() -> None:
    rows = [
        {"school_id": f"S{i}", "school_type": "primary", "county_code": f"{100000 + i}",
         "year": 2025, "students_primary": 100}
        for i in range(35)
    ]  # fmt: skip
    view = table_html(load_schools(rows), "en")
    assert len(_cells(view)) == 1 + 30
    assert "… +5 county-years" in view
    assert "35 schools · 35 county-years" in view


def test_assessment_view_in_english() -> None:
    view = repr_html(evaluate(load_example()), "en")
    assert "<style" not in view
    assert "Counties: 1 (0 passed, 1 failed, 0 not assessed)" in view
    assert 'style="display:inline-block' in view

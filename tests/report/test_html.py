"""The html report: self-contained, deterministic, every number and verdict in it."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest

from eduequity import evaluate, load_example
from eduequity.report import render_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("img", "script") and a.get("src"):
            self.srcs.append(str(a["src"]))
        if tag == "link" and a.get("href"):
            self.links.append(str(a["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def assessment():  # type: ignore[no-untyped-def]
    return evaluate(load_example(), "cn-2017-quality")


def test_self_contained_with_embedded_svg_plots(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment)
    p = _Collect()
    p.feed(page)
    assert p.links == []
    assert p.srcs  # plots are there ...
    assert all(s.startswith("data:image/svg+xml;base64,") for s in p.srcs)  # ... and inline
    # 2 levels × (CV chart + 7 school-value charts + Lorenz curve)
    assert len(p.srcs) == 2 * (1 + 7 + 1)
    svg = base64.b64decode(p.srcs[0].split(",", 1)[1]).decode("utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    assert "http://" not in page.replace("http://www.w3.org", "")  # no remote resource


def test_deterministic_and_chinese_by_default(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment)
    assert page == render_html(evaluate(load_example(), "cn-2017-quality"))
    assert '<html lang="zh-CN">' in page
    assert "县域义务教育优质均衡发展督导评估办法" in page
    assert "差异系数" in page
    assert "999901 示例县 · 2025" in page


def test_numbers_verdicts_and_misses(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment, plots=False)
    level = assessment.counties[0].levels["primary"]
    cv = level.indicators["teaching_area_per_student"].cv
    assert f'<td class="num">{cv:.3f}</td>' in page
    # a school that misses teaching area below the floor: its cell is marked as a miss
    bad = next(s for s in level.schools if s.school_id == "999901B014")
    value = bad.values["teaching_area_per_student"]
    assert re.search(rf'<td class="num miss" title="标准 4.5">{value:,.2f}</td>', page), (
        "the missed value is highlighted with its standard"
    )
    assert '<span class="badge failed">未达标</span>' in page


def test_english(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment, lang="en", plots=False)
    assert '<html lang="en">' in page
    assert "coefficient of variation" in page
    assert "Teaching and auxiliary floor area per student" in page
    assert "未达标" not in page


def test_jupyter_view_and_markdown_in_english(assessment) -> None:  # type: ignore[no-untyped-def]
    view = assessment._repr_html_()
    assert view.startswith("<p><b>cn-2017-quality</b> r1</p><table>")
    assert '<span class="badge failed">未达标</span>' in view
    md = assessment.to_markdown(lang="en")
    assert "| indicator | mean | coefficient of variation | threshold | verdict |" in md
    assert "Teaching and auxiliary floor area per student" in md

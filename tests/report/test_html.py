"""The html report: self-contained, deterministic, every number, verdict and miss in it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from eduequity import evaluate, load_example
from eduequity.report import render_html
from eduequity.report.html import repr_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []
        self.links: list[str] = []
        self.svgs = 0
        self.svg_text: list[str] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("img", "script") and a.get("src"):
            self.srcs.append(str(a["src"]))
        if tag == "link" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "svg":
            self.svgs += 1
            self._in_svg += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1

    def handle_data(self, data: str) -> None:
        if self._in_svg:
            self.svg_text.append(data)


@pytest.fixture(scope="module")
def assessment():  # type: ignore[no-untyped-def]
    return evaluate(load_example(), "cn-2017-quality")


def test_self_contained_with_inline_svg_charts(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment)
    p = _Collect()
    p.feed(page)
    assert p.links == []
    assert p.srcs == []
    # 2 levels × (CV chart + 7 school-value charts)
    assert p.svgs == 2 * (1 + 7)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    # text in the charts is text: school names, the labelled standard, the unit
    text = "\n".join(p.svg_text)
    assert "示例县第14学校（虚构）" in text
    assert "标准 4.5 m²" in text
    assert "生均教学仪器设备值 (元)" in text
    assert len(page.encode("utf-8")) < 1_000_000


def test_school_chart_sorted_with_threshold(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment)
    level = assessment.counties[0].levels["junior"]
    k = "teaching_area_per_student"
    chart = next(
        m.group(0)
        for m in re.finditer(r"<svg.*?</svg>", page)
        if ">生均教学及辅助用房面积 · 999901 示例县 · 初中</text>" in m.group(0)
    )
    bars = {
        int(y): (float(w), state)
        for state, d in re.findall(r'<path class="bar (\w+)" fill="[^"]+" d="([^"]+)"', chart)
        for y, w in re.findall(r"M\d+ (\d+)h([\d.]+)v14", d)
    }
    widths = [bars[y][0] for y in sorted(bars)]  # top to bottom
    assert len(widths) == len(level.schools)
    assert widths == sorted(widths, reverse=True)
    red = sum(state == "missed" for _, state in bars.values())
    assert red == sum(
        1 for s in level.schools for m in s.failures if m.indicator == k and not m.tolerated
    )
    assert "标准 5.8 m²" in chart


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
    assert f'<td class="n" title="{cv!r}">{cv:.3f}</td>' in page
    # a school that misses teaching area below the floor: its cell is marked as a miss,
    # full precision and the standard in the tooltip
    bad = next(s for s in level.schools if s.school_id == "999901B014")
    value = bad.values["teaching_area_per_student"]
    assert f'<td class="m" title="{value!r}">{value:,.2f}</td>' in page
    assert "<th>生均教学及辅助用房面积 (m²)<br>标准 ≥ 4.5</th>" in page
    # ... and its row says what to mend: value, standard, shortfall, unit
    m = next(m for m in bad.failures if m.indicator == "teaching_area_per_student")
    assert (
        f"<li>生均教学及辅助用房面积 {value:.2f} m²，标准 ≥ 4.5，差 {m.shortfall:.2f} m²，"
        f"且低于下限 {m.floor_value:.2f} m²</li>"
    ) in page
    assert '<span class="badge failed">未达标</span>' in page


def test_tolerated_miss_in_words(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment, plots=False)
    row = next(r for r in page.split("<tr>") if "999901B007" in r)
    assert 'class="t"' in row  # the orange cell
    assert "达标（含容许的未达标项）" in row
    assert "容许的未达标项：生均教学及辅助用房面积 4.47 m²，标准 ≥ 4.5，差 0.0" in row
    assert "（达标 6 项，其余不低于标准的 85%）" in row


def test_rounding_keeps_the_comparison_visible() -> None:
    from eduequity.report.names import fmt_compared

    # 4.4999 misses 4.5: never shown as 4.50; 2.3 meets 2.3 and shows as 2.30
    assert fmt_compared(4.4999, 4.5, "at_least") == "4.4999"
    assert fmt_compared(4.49, 4.5, "at_least") == "4.49"
    assert fmt_compared(2.3, 2.3, "at_least") == "2.30"
    assert fmt_compared(2.2999999, 2.3, "at_least") == "2.2999999"
    assert fmt_compared(0.5000001, 0.5, "at_most", base=3) == "0.5000001"
    assert fmt_compared(0.4996, 0.5, "at_most", base=3) == "0.4996"


def test_english(assessment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(assessment, lang="en", plots=False)
    assert '<html lang="en">' in page
    assert "coefficient of variation" in page
    assert "Teaching and auxiliary floor area per student" in page
    assert "未达标" not in page


def test_notebook_view_has_inline_styles(assessment) -> None:  # type: ignore[no-untyped-def]
    view = repr_html(assessment)
    assert view.startswith("<div><p><b>县域义务教育优质均衡发展督导评估办法（优质均衡）</b>")
    assert "<style" not in view
    assert 'class="' in view
    assert re.search(
        r'<span class="badge failed" style="[^"]*background:#c0392b">未达标</span>', view
    )
    assert "共 1 个县：0 个达标，1 个未达标，0 个未评估" in view
    md = assessment.to_markdown(lang="en")
    assert "| indicator | mean | coefficient of variation | threshold | verdict |" in md
    assert "| Teaching equipment value per student | 2,536.39 yuan | 0.214 | 0.5 | passed |" in md


def test_misses_of_other_parts_are_named_by_part(assessment) -> None:  # type: ignore[no-untyped-def]
    """A school that passes resource allocation but misses music rooms: its row says the
    miss counts against the county's government part, not the school's verdict."""
    page = render_html(assessment, plots=False)
    assert "<th>结论（资源配置）</th>" in page
    row = next(r for r in page.split("<tr>") if "999901B001 " in r)
    assert '<span class="badge passed">达标</span>' in row
    assert (
        '<li class="other"><b>政府保障程度</b>：每12个班音乐专用教室数 0.7500 间，标准 ≥ 1，'
        "差 0.2500 间；"
    ) in row

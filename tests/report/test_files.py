"""Reports of many counties: one file with an overview linked to each county's section, or
one file per county plus an index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _counties import COUNTIES, three_counties

from eduequity import evaluate, load_schools
from eduequity.assessment import Assessment
from eduequity.report import render_html, write_report


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    return evaluate(load_schools(three_counties(tmp_path_factory.mktemp("t"))), "cn-2017-quality")


def test_one_file_links_the_overview_to_each_county(three: Assessment) -> None:
    page = render_html(three)
    links = re.findall(r'<a href="#(c-\d+-\d+)">', page)
    assert links == [f"c-{code}-2025" for code, _, _ in COUNTIES]
    for anchor in links:
        assert page.count(f'<section class="county" id="{anchor}">') == 1
    assert "共 3 个县：0 个达标，3 个未达标，0 个未评估" in page


def test_split_writes_an_index_and_a_file_per_county(three: Assessment, tmp_path: Path) -> None:
    out = tmp_path / "report"
    written = write_report(three, out, split=True, lang="en")
    names = [p.name for p in written]
    assert names == ["index.html", "999901-2025.html", "999902-2025.html", "999903-2025.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)  # no temporary file left
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"#]+)">', index) == names[1:]
    assert "<section" not in index  # the overview only
    county = (out / "999902-2025.html").read_text(encoding="utf-8")
    assert '<a href="index.html">Index</a>' in county
    assert "<title>Report for 999902 乙县</title>" in county
    assert county.count('<section class="county"') == 1
    assert "999901B001" not in county
    assert "999902B001" in county


def test_one_file_written_atomically(three: Assessment, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert write_report(three, out) == [out]
    assert out.read_text(encoding="utf-8") == render_html(three)
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]

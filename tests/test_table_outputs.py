"""A school table written out: CSV cells that look like formulas stay text; notebook html."""

from __future__ import annotations

import csv
from pathlib import Path

import eduequity as eq


def test_to_csv_prefixes_formula_like_text(tmp_path: Path) -> None:
    t = eq.load_schools([{"school_id": "A1", "school_type": "小学", "students_primary": 120,
                          "school_name": '=HYPERLINK("http://x")'}])  # fmt: skip
    path = tmp_path / "out.csv"
    t.to_csv(path)
    with open(path, encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["school_name"] == "'=HYPERLINK(\"http://x\")"
    assert row["students_primary"] == "120"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file left


def test_notebook_html_counts_schools_per_county_and_type() -> None:
    page = eq.load_example()._repr_html_()
    assert "999901" in page
    assert page.startswith("<")

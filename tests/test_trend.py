"""Trends over years: CVs, slopes, years to target, regressions; checked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import eduequity as eq
from eduequity.cli import main
from eduequity.trend import trend

BASE: dict[str, Any] = {
    "school_type": "primary", "county_code": "100001", "location": "urban",
    "students_primary": 100, "teachers_primary": 6, "qualified_teachers_primary": 5,
    "key_teachers_primary": 1, "pe_art_teachers_primary": 1, "teaching_aux_area_m2": 450,
    "indoor_sports_area_m2": 0, "equipment_value_yuan": 200_000,
    "multimedia_classrooms": 3,
}  # fmt: skip


def county(year: int, high: float, low: float) -> list[dict[str, Any]]:
    """Two schools of 100 pupils, sports area per pupil `high` and `low`."""
    return [
        {**BASE, "school_id": "A", "year": year, "sports_ground_area_m2": high * 100},
        {**BASE, "school_id": "B", "year": year, "sports_ground_area_m2": low * 100},
    ]


def test_cv_slope_years_to_target_and_regressions() -> None:
    # CV of two equal-weight values a, b is (a − b) / (a + b):
    # 2023: 35, 5 → 0.75; 2024: 32, 8 → 0.6; 2025: 30, 10 → 0.5
    rows = county(2023, 35, 5) + county(2024, 32, 8) + county(2025, 30, 10)
    entry = next(e for e in trend(rows) if e["indicator"] == "sports_area_per_student")
    assert entry["years"] == [2023, 2024, 2025]
    assert entry["cv"] == pytest.approx([0.75, 0.6, 0.5])
    # least squares through (2023, .75), (2024, .6), (2025, .5): slope −0.125
    assert entry["slope"] == pytest.approx(-0.125)
    assert entry["years_to_target"] == 0.0  # 0.5 meets ≤ 0.50
    # the school at 5 and 8 m² misses the 7.5 standard in 2023 only
    assert entry["meeting"] == [1, 2, 2]
    assert entry["regressions"] == []


def test_a_county_still_above_its_threshold_and_a_regression() -> None:
    rows = county(2023, 34, 6) + county(2024, 36, 4) + county(2025, 33, 7)
    entry = next(e for e in trend(rows) if e["indicator"] == "sports_area_per_student")
    assert entry["cv"] == pytest.approx([0.7, 0.8, 0.65])
    assert entry["slope"] == pytest.approx(-0.025)
    # 0.65 → 0.5 at 0.025 a year: 6 years
    assert entry["years_to_target"] == pytest.approx(6.0)
    assert (
        entry["regressions"]
        == [
            "2024: CV rose from 0.700 to 0.800",
            "2024: schools meeting the standard fell from 1 to 1",
        ][:1]
    )


def test_cli_json_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "years.csv"
    eq.load_schools(county(2023, 35, 5) + county(2024, 32, 8)).to_csv(path)
    plot = tmp_path / "trend.svg"
    assert main(["trend", str(path), "--format", "json", "--plot", str(plot)]) == 0
    doc = json.loads(capsys.readouterr().out)
    entry = next(e for e in doc["trends"] if e["indicator"] == "sports_area_per_student")
    assert entry["cv"] == pytest.approx([0.75, 0.6])
    assert plot.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert main(["trend", str(path), "--lang", "en"]) == 0
    assert (
        "100001 primary sports_area_per_student: 2023 0.750, 2024 0.600" in capsys.readouterr().out
    )


def test_a_change_within_the_tolerance_is_no_regression(tmp_path: Path) -> None:
    import eduequity as eq
    from eduequity.monitor import NoiseTolerance

    rows = eq.load_example().to_dicts()
    # one school's books up by one: the CV moves in its fourth decimal place
    later = [dict(r, year=2026) for r in rows]
    later[0]["books"] = (later[0].get("books") or 0) + 50
    one, two = tmp_path / "a-2025.csv", tmp_path / "b-2026.csv"
    eq.load_schools(rows).to_csv(one)
    eq.load_schools(later).to_csv(two)
    entries = eq.trend([one, two], "cn-2012-basic")  # one file per year
    books = next(e for e in entries if e["indicator"] == "books_per_student"
                 and e["level"] == "primary")  # fmt: skip
    assert books["cv"][0] != books["cv"][1]
    assert abs(books["cv"][1] - books["cv"][0]) < 0.005
    assert books["regressions"] == []
    strict = eq.trend([one, two], "cn-2012-basic", tolerance=NoiseTolerance(0.0, 12))
    books = next(e for e in strict if e["indicator"] == "books_per_student"
                 and e["level"] == "primary")  # fmt: skip
    assert [d["kind"] for d in books["regression_details"]] == (
        ["cv_rose"] if books["cv"][1] > books["cv"][0] else []
    )

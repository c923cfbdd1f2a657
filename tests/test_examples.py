"""The example scripts run, from any directory, and give the numbers the formula gives."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import eduequity as eq

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_county_cv_matches_a_direct_computation(tmp_path: Path) -> None:
    result = runpy.run_path(str(EXAMPLES / "example_county_cv.py"))["main"]()
    s = eq.build_sections(eq.load_example())
    m = s.level == "junior"
    p = s.values["students"][m]
    x = (s.values["teaching_aux_area_m2"][m] - s.values["indoor_sports_area_m2"][m]) / p
    mean = (x * p).sum() / p.sum()
    cv = np.sqrt((p * (x - mean) ** 2).sum() / p.sum()) / mean
    assert result["junior"]["teaching_area_cv"] == pytest.approx(cv, rel=1e-12)
    assert result["junior"]["teaching_area_mean"] == pytest.approx(mean, rel=1e-12)


def test_generator_reproduces_the_shipped_example(tmp_path: Path) -> None:
    out = tmp_path / "county.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_example_county.py"), str(out)],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    assert out.read_bytes() == eq.example_path().read_bytes()


def _run(script: str, *args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-W", "error", str(EXAMPLES / script), *args],
        check=True,
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return done.stdout


def test_example_county_report_writes_every_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = _run("example_county_report.py", str(out), cwd=tmp_path)
    names = sorted(p.name for p in out.iterdir())
    for std in ("cn-2012-basic", "cn-2017-quality"):
        for ext in ("html", "en.html", "md", "json", "xlsx"):
            assert f"example_county_{std}.{ext}" in names
    doc = json.loads((out / "example_county_cn-2012-basic.json").read_text(encoding="utf-8"))
    direct = eq.evaluate(
        eq.load_example(),
        "cn-2012-basic",
        {"999901": {"government_effort_score": 88, "public_satisfaction_pct": 91.5}},
    ).to_dict()
    assert doc == direct
    assert "County 999901 示例县, year 2025: failed" in text


def test_provincial_overlay(tmp_path: Path) -> None:
    text = _run("provincial_overlay.py", str(tmp_path), cwd=tmp_path)
    assert "example-city-2017 r1: built from cn-2017-quality > example-city-2017" in text
    # classes of at most 40 instead of 45/50: more sections fail
    national = eq.evaluate(eq.load_example(), "cn-2017-quality")
    sizes = [
        s.values["max_class_size"]
        for lv in national.counties[0].levels.values()
        for s in lv.schools
    ]
    assert f"city: class-size rule fails {sum(v > 40 for v in sizes)} school sections" in text


def test_province_many_counties(tmp_path: Path) -> None:
    text = _run("province_many_counties.py", str(tmp_path), cwd=tmp_path)
    a = eq.evaluate(tmp_path / "province.csv", "cn-2017-quality")
    assert len(a.counties) == 12
    assert len(text.splitlines()) == 12
    first = a.counties[0]
    cv = first.levels["primary"].indicators["teaching_area_per_student"].cv
    assert f"{first.county_code} {first.county_name}: primary teaching-area CV {cv:.3f}" in text


def test_school_finance_example_matches_the_measures(tmp_path: Path) -> None:
    result = runpy.run_path(str(EXAMPLES / "school_finance_new_mexico.py"))["main"]()
    assert result["districts"] == 89
    # the federal range ratio is the restricted range over the 5th pupil percentile
    assert result["federal_range_ratio"] == pytest.approx(
        result["restricted_range"] / (3278.0 - result["restricted_range"]), rel=1e-12
    )
    assert result["mcloone"] < 1 < result["verstegen"]


def test_the_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its code cells, in order, in one namespace (what a kernel would do)."""
    nb = json.loads((EXAMPLES / "example_county.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "example_county.ipynb", "exec"), namespace)
    assert namespace["county"].passed is False  # type: ignore[attr-defined]
    assert len(namespace["frame"]) == 43  # type: ignore[arg-type]

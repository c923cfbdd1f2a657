"""The example scripts run, from any directory, and give the numbers the formula gives."""

from __future__ import annotations

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

"""The html report in a real browser: headless Chromium renders it without console errors
and the screenshot is not blank.

CI installs Debian's ``chromium`` (see .ci/run); elsewhere the test is skipped when no
Chromium is found, but never under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from eduequity import evaluate, load_example

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def _render(page: Path, shot: Path) -> str:
    assert BROWSER is not None
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--enable-logging=stderr", "--v=0", "--window-size=1280,2000",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert shot.exists(), done.stderr[-2000:]
    return done.stderr


def _console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def browser() -> str:
    if BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("no chromium on this machine (CI installs it)")
    return BROWSER


@pytest.mark.usefixtures("browser")
def test_the_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<html><body><script>console.error('boom')</script></body></html>")
    assert _console_errors(_render(page, tmp_path / "bad.png"))


@pytest.mark.usefixtures("browser")
def test_report_renders_in_chromium(tmp_path: Path) -> None:
    from matplotlib.image import imread

    page = tmp_path / "report.html"
    page.write_text(evaluate(load_example(), "cn-2017-quality").to_html(), encoding="utf-8")
    shot = tmp_path / "report.png"
    log = _render(page, shot)
    assert _console_errors(log) == []
    pixels = imread(shot)[..., :3]
    assert pixels.shape[0] >= 1000
    # not blank: many distinct colours (text, badges, bars), not one background
    assert pixels.std() > 0.05
    colours = np.unique((pixels.reshape(-1, 3) * 255).astype(np.uint8), axis=0)
    assert len(colours) > 50

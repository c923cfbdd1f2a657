"""The html report in a real browser: headless Chromium renders the zh and en reports
without console errors, the charts' text is text in the page, and Chinese draws as
characters, not boxes, even where the page's first font lacks CJK.

CI installs Debian's ``chromium`` (see .ci/run); elsewhere the test is skipped when no
Chromium is found, but never under CI, where a missing browser is a failure. Set
``EDUEQUITY_SCREENSHOTS=<folder>`` to keep the screenshots for a look.
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


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--enable-logging=stderr", "--v=0", *args, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _render(page: Path, shot: Path, size: str = "1280,2000") -> str:
    done = _run(page, f"--window-size={size}", f"--screenshot={shot}")
    assert shot.exists(), done.stderr[-2000:]
    return done.stderr


def _console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    if BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("no chromium on this machine (CI installs it)")
    keep = os.environ.get("EDUEQUITY_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_check_can_fail(shots: Path) -> None:
    page = shots / "bad.html"
    page.write_text("<html><body><script>console.error('boom')</script></body></html>")
    assert _console_errors(_render(page, shots / "bad.png"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_renders_in_chromium(shots: Path, lang: str) -> None:
    from matplotlib.image import imread

    a = evaluate(load_example(), "cn-2017-quality")
    page = shots / f"report-{lang}.html"
    page.write_text(a.to_html(lang=lang), encoding="utf-8")
    shot = shots / f"report-{lang}.png"
    log = _render(page, shot, "1280,4000")
    assert _console_errors(log) == []
    pixels = imread(shot)[..., :3]
    assert pixels.shape[:2] == (4000, 1280)
    # not blank: many distinct colours (text, badges, bars), not one background
    assert pixels.std() > 0.05
    sample = (pixels[::3, ::3].reshape(-1, 3) * 255).astype(np.uint32)
    colours = np.unique(sample[:, 0] << 16 | sample[:, 1] << 8 | sample[:, 2])
    assert len(colours) > 50
    # the bars' red and green are drawn
    red = np.all(np.abs(pixels - np.array([0xC0, 0x39, 0x2B]) / 255) < 0.02, axis=-1)
    green = np.all(np.abs(pixels - np.array([0x3A, 0x7D, 0x44]) / 255) < 0.02, axis=-1)
    assert red.sum() > 2000
    assert green.sum() > 20000
    # the charts' labels are text (the browser draws them with its fonts): the school's
    # name in each of the primary level's 7 school charts, the standard labelled
    html = page.read_text(encoding="utf-8")
    assert html.count(">示例县第14学校（虚构）</text>") == 7
    assert ("标准 4.5 m²" if lang == "zh" else "threshold 4.5 m²") in html


def test_chinese_draws_as_characters_with_a_font_that_lacks_cjk(shots: Path) -> None:
    """DejaVu Sans has no CJK glyphs: the browser falls back to a CJK font for them, so
    the text renders; boxes (unassigned code points) draw differently."""
    from matplotlib.image import imread

    def draw(text: str, name: str) -> np.ndarray:
        page = shots / f"{name}.html"
        page.write_text(
            '<html><body style="margin:0;background:#fff">'
            f"<p style=\"font:40px 'DejaVu Sans';margin:10px\">{text}</p></body></html>",
            encoding="utf-8",
        )
        _render(page, shots / f"{name}.png", "600,120")
        return imread(shots / f"{name}.png")[..., :3]

    chinese = draw("示例县第一学校", "cjk")
    boxes = draw("\u0378\u0379\u0380\u0381\u0382\u0383\u038b", "tofu")
    again = draw("\u0378\u0379\u0380\u0381\u0382\u0383\u038b", "tofu-again")
    assert np.array_equal(boxes, again)  # the comparison is stable
    assert (chinese < 0.5).any()  # something was drawn
    assert not np.array_equal(chinese, boxes)
    assert np.abs(chinese - boxes).mean() > 0.01

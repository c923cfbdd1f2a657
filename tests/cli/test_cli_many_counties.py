"""An html report of many counties in one page says, once written, that ``--split`` exists."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import eduequity.cli.evaluate as evaluate_command
from eduequity.cli import main

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def three_counties(tmp_path_factory: pytest.TempPathFactory) -> Path:
    national = runpy.run_path(str(BENCH / "national.py"))
    path = tmp_path_factory.mktemp("nation") / "nation.csv"
    national["write_csv"](national["make_national"](3, 11), path)
    return path


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (["--lang", "zh"], "{out} 一页包含 3 个县（学年），共 {mb} MB，浏览器打开会很慢；"
         "--split 另写一个索引页，每县一页"),
        ([], "{out} holds 3 county-years in one page ({mb} MB), slow to open in a browser; "
         "--split writes an index and one page per county"),
    ],
)  # fmt: skip
def test_a_page_of_more_counties_than_one_page_holds_suggests_split(
    three_counties: Path, tmp_path: Path, lang: list[str], line: str,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "r.html"
    argv = ["evaluate", str(three_counties), "--format", "html", "--output", str(out), *lang]
    monkeypatch.setattr(evaluate_command, "ONE_PAGE", 3)  # three counties: one page holds them
    assert main(argv) == 0
    assert "--split" not in capsys.readouterr().err
    monkeypatch.setattr(evaluate_command, "ONE_PAGE", 2)
    assert main(argv) == 0
    err = capsys.readouterr().err.splitlines()
    mb = round(out.stat().st_size / 1e6)
    assert err[-1] == line.format(out=out, mb=mb)
    assert main([*argv, "--quiet"]) == 0
    assert capsys.readouterr().err == ""

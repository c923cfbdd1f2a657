"""Batch mode: ``eduequity evaluate`` of several files or a folder, one result per file,
in one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.cli import main


def _county_file(folder: Path, name: str, code: str, **change: object) -> Path:
    """The example county under another code (and with ``change`` to every school)."""
    rows = [dict(r, county_code=code, **change) for r in eq.load_example().to_dicts()]
    path = folder / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def counties(tmp_path: Path) -> Path:
    folder = tmp_path / "counties"
    folder.mkdir()
    _county_file(folder, "b.json", "999902")
    _county_file(folder, "a.json", "999901")
    (folder / "notes.txt").write_text("not data", encoding="utf-8")
    return folder


def test_a_folder_gives_one_result_per_file_in_name_order(
    counties: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(counties), "--format", "json", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    doc = json.loads(captured.out)
    assert doc["format"] == "eduequity.batch/1"
    files = [r["file"] for r in doc["results"]]
    assert files == [str(counties / "a.json"), str(counties / "b.json")]
    for result, code in zip(doc["results"], ("999901", "999902"), strict=True):
        assert result["exit_code"] == 0
        county = result["assessment"]["counties"][0]
        assert (county["county_code"], county["year"], county["passed"]) == (code, 2025, False)
        # the same document the file gives on its own
        assert result["assessment"] == eq.evaluate(result["file"]).to_dict()


def test_a_refused_file_does_not_stop_the_others(
    counties: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _county_file(tmp_path, "bad.json", "999903", students_primary=-1)
    argv = ["evaluate", str(counties / "a.json"), str(bad), str(counties / "b.json")]
    assert main([*argv, "--format", "json", "--quiet", "--strict"]) == 2
    captured = capsys.readouterr()
    results = json.loads(captured.out)["results"]
    assert [r["exit_code"] for r in results] == [1, 2, 1]
    error = results[1]["error"]
    assert error["format"] == "eduequity.error/1"
    assert error["error"]["code"] == "data_invalid"
    assert {d["code"] for d in error["defects"]} == {"negative_value"}
    assert all(d["column"] == "students_primary" and d["value"] == -1 for d in error["defects"])
    assert f"error: {bad}: bad.json: " in captured.err
    # without the bad file: --strict gives 1 (no county passes), else 0
    assert main(["evaluate", str(counties), "--quiet", "--strict", "--format", "json"]) == 1
    capsys.readouterr()


def test_text_reports_one_after_the_other(
    counties: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(counties), "--lang", "en", "--quiet"]) == 0
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if line.startswith("== ")]
    assert heads == [f"== {counties / 'a.json'} ==", f"== {counties / 'b.json'} =="]
    assert "County 999901 示例县, year 2025: failed" in out
    assert "County 999902 示例县, year 2025: failed" in out


def test_reports_to_a_folder(
    counties: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    assert main(["evaluate", str(counties), "--format", "md", "--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    assert "999902" in (out / "b.md").read_text(encoding="utf-8")
    assert capsys.readouterr().err.count("wrote ") == 2
    assert main(["evaluate", str(counties), "--format", "json", "--output", str(out)]) == 0
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["counties"][0]["county_code"] == "999901"
    capsys.readouterr()


def test_batch_refusals(counties: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(counties), "--format", "html"]) == 2
    assert "--format html of several files: give --output FOLDER" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["evaluate", str(empty)]) == 2
    assert f"{empty}: a folder without .csv, .xlsx or .json files" in capsys.readouterr().err
    other = tmp_path / "other"
    other.mkdir()
    _county_file(other, "a.json", "999909")
    argv = ["evaluate", str(counties), str(other), "--format", "md", "--output", str(tmp_path)]
    assert main(argv) == 2
    assert "files with the same name would write the same report: ['a']" in (
        capsys.readouterr().err
    )

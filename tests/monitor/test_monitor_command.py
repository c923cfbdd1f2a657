"""The ``monitor`` command, through a parser built with its ``register``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.monitor.command import register


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eduequity")
    register(p.add_subparsers(dest="command"))
    return p


def _files(tmp_path: Path) -> list[str]:
    rows = eq.load_example().to_dicts()
    paths = []
    for year, scale in ((2024, 1), (2025, 2)):
        later = [dict(r, year=year, books=(r.get("books") or 0) * scale) for r in rows]
        path = tmp_path / f"example-{year}.csv"
        eq.load_schools(later).to_csv(path)
        paths.append(str(path))
    return paths


def test_json_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.json"
    args = _parser().parse_args(["monitor", *_files(tmp_path), "--standard", "cn-2012-basic",
                                 "--format", "json", "-o", str(out)])  # fmt: skip
    assert args.func(args) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["years"] == [2024, 2025]
    # books doubled in every school: the CV does not move
    books = [c for c in doc["changes"] if c["indicator"] == "books_per_student"]
    assert {c["movement"] for c in books} == {"no_change"}
    assert all(abs(c["delta"]) < 1e-12 for c in books)
    assert capsys.readouterr().out == ""


def test_text_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parser().parse_args(["monitor", *_files(tmp_path), "--lang", "en", "--amber", "0.5"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Balanced-development monitoring\n")
    assert "Overview (2025)" in out
    assert "under 50.0% of the threshold" in out

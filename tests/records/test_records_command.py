"""``survey`` and ``teachers`` through a parser built with their ``register``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eduequity.records.command import register


def _run(*argv: str) -> int:
    p = argparse.ArgumentParser(prog="eduequity")
    register(p.add_subparsers(dest="command"))
    args = p.parse_args(list(argv))
    return int(args.func(args))


def test_survey_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.csv"
    rows = [f"{k},家长,一小,{'满意' if k < 17 else '不满意'}" for k in range(20)]
    path.write_text("答卷编号,群体,学校,满意度\n" + "\n".join(rows) + "\n1,家长,一小,满意\n",
                    encoding="utf-8")  # fmt: skip
    assert _run("survey", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    # Wilson for 17 of 20: (0.85 + 1.96²/40 ± 1.96 √(0.1275/20 + 1.96²/1600)) / (1 + 1.96²/20)
    assert out[0] == ("社会认可度 85.0 %（95 % 置信区间 64.0–94.8），来自 20 份有效问卷"
                      "（无效问卷 1 份）")
    assert out[1:] == ["无效问卷 1 份", "  家长：85.0 %（20 份中 17 份满意）"]
    assert _run("survey", str(path), "--min-valid", "30") == 0
    assert capsys.readouterr().out.splitlines()[3] == "  有效问卷不少于 30 份：不符合"
    assert _run("survey", str(path), "--min-valid", "20", "--lang", "en") == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "1 invalid responses", "  家长: 85.0 % (17 of 20 satisfied)",
        "  at least 20 valid responses: met",
    ]  # fmt: skip
    assert _run("survey", str(path), "--format", "json", "--min-valid", "30") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["invalid"] == {"duplicate": [22]}
    assert doc["county_inputs"] == {"social_recognition_pct": pytest.approx(85.0)}
    assert doc["sample_checks"] == {"at least 30 valid responses": False}


def test_teachers_with_previous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, now = tmp_path / "2024.csv", tmp_path / "2025.csv"
    before.write_text("教师编号,学校,是否符合交流条件\n1,A,是\n2,A,是\n3,B,是\n4,B,是\n",
                      encoding="utf-8")  # fmt: skip
    now.write_text("教师编号,学校,是否符合交流条件\n1,B,是\n2,A,是\n3,B,是\n4,B,是\n",
                   encoding="utf-8")  # fmt: skip
    assert _run("teachers", str(now), "--previous", str(before), "--lang", "en") == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "teachers: 4",
        "eligible teachers rotated this year 25.0 % (1 of 4), from the teacher roster (4 teachers)",
    ]

"""The result's outputs (JSON, text, Markdown, xlsx), the assertion and the command."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest
from _county import IND_2017, five_county, rows, their_cvs, units

from eduequity.crosscheck import (
    CONVENTIONS,
    CVMismatchError,
    assert_cvs_match,
    convention,
    crosscheck,
)
from eduequity.crosscheck.command import register, run

TEACHING = "teaching_area_per_student"


def _unweighted() -> list[dict]:
    return rows(their_cvs(units(five_county(), "primary"), IND_2017, weighted=False))


def test_to_dict_is_json_and_deterministic() -> None:
    a = crosscheck(_unweighted(), five_county(), "cn-2017-quality").to_dict()
    b = crosscheck(_unweighted(), five_county(), "cn-2017-quality").to_dict()
    assert json.dumps(a, allow_nan=False, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["format"] == "eduequity.crosscheck/1"
    assert a["standard"]["id"] == "cn-2017-quality"
    assert a["tolerance"] == {"rtol": 0.001, "atol": 0.0005}
    lv = a["levels"][0]
    assert (lv["our_verdict"], lv["implied_verdict"], lv["flips"]) == (False, True, True)
    assert lv["explanation"] == ["unweighted"]
    assert lv["account_en"].startswith("their CVs are unweighted")
    fig = next(f for f in lv["figures"] if f["indicator"] == TEACHING)
    assert fig["difference"] == pytest.approx(fig["theirs"] - fig["ours"])
    assert fig["reproduced_by"][0]["conventions"] == ["unweighted"]
    tried = [c["id"] for c in a["conventions"]]
    assert "private_excluded" in tried
    assert "private_included" not in tried
    assert "composite_mean" in tried


def test_text_and_markdown_in_both_languages() -> None:
    r = crosscheck(_unweighted(), five_county(), "cn-2017-quality")
    en, zh, md = r.to_text("en"), r.to_text("zh"), r.to_markdown("en")
    assert "100001 2025 primary: their CVs are unweighted" in en
    assert "0.5153     0.4889    -0.0263  moves  ← unweighted" in en
    assert "100001 2025 小学: 对方差异系数未按在校生数加权" in zh
    assert "结论翻转: 是" in zh
    assert "| figure | ours | theirs | difference | agrees | reproduced by |" in md
    assert "| Teaching and auxiliary floor area per student | 0.5153 | 0.4889 | -0.0263 |" in md


def test_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    import openpyxl

    data = [{**s, "county_name": "=HYPERLINK(1)"} for s in five_county(code="-100")]
    figures = [{**f, "county_code": "-100"} for f in _unweighted()]
    figures.append({"county_code": "@x", "level": "primary", "indicator": TEACHING, "cv": 1})
    r = crosscheck(figures, data, "cn-2017-quality")
    r.to_xlsx(tmp_path / "cc.xlsx", "en")
    wb = openpyxl.load_workbook(tmp_path / "cc.xlsx")
    assert wb.sheetnames == ["Summary", "Figures", "not compared"]
    summary = list(wb["Summary"].iter_rows(values_only=True))
    assert summary[5][:8] == ("-100", "=HYPERLINK(1)", 2025, "primary", "fails", "passes",
                              None, "yes")  # fmt: skip
    for column in (1, 2):
        assert wb["Summary"].cell(6, column).data_type == "s"
    figs = list(wb["Figures"].iter_rows(values_only=True))
    teaching = next(row for row in figs if row[6] == TEACHING)
    assert teaching[8] == pytest.approx(r.levels[0].figures[3].ours)  # numbers stay numbers
    left = wb["not compared"].cell(2, 2)
    assert left.value == "@x"
    assert left.data_type == "s"


def test_assert_cvs_match_raises_with_the_account() -> None:
    with pytest.raises(CVMismatchError) as info:
        assert_cvs_match(_unweighted(), five_county(), "cn-2017-quality")
    err = info.value
    assert isinstance(err, AssertionError)
    text = str(err)
    assert text.splitlines()[0] == "their CVs do not match cn-2017-quality (records):"
    assert (
        "100001 2025 primary: their CVs are unweighted (Σx/n): 3 of 7 indicators move; "
        "the county fails under the standard but passes on their figures"
    ) in text
    assert "cv teaching_area_per_student: ours 0.515" in text
    assert "← unweighted" in text
    assert err.result.flips[0].county_code == "100001"
    with pytest.raises(CVMismatchError, match="对方差异系数与cn-2017-quality不一致"):
        assert_cvs_match(_unweighted(), five_county(), "cn-2017-quality", lang="zh")
    # a looser tolerance takes every figure as agreeing: the flip still fails it
    with pytest.raises(CVMismatchError) as info:
        assert_cvs_match(_unweighted(), five_county(), "cn-2017-quality", rtol=0.2)
    assert not info.value.result.levels[0].moved
    assert info.value.result.levels[0].flips


def test_a_convention_added_to_the_catalogue_is_tried() -> None:
    from dataclasses import replace

    halved = convention("half", "extra", "对方减半", "theirs are halved",
                        lambda r, rs: replace(r, round_digits=None, mean_factors=(
                            *r.mean_factors, ("books_per_student", 0.5))))  # fmt: skip
    data = five_county()
    figures = [{"county_code": "100001", "level": "primary", "indicator": "books_per_student",
                "cv": 0.0, "mean": 15.0}]  # fmt: skip
    lv = crosscheck(figures, data, "cn-2012-basic", conventions=(*CONVENTIONS, halved)).level(
        "100001", "primary")  # fmt: skip
    assert [c.id for c in lv.explanation] == ["half"]
    assert lv.account("en").startswith("theirs are halved: 1 of 1 indicators move")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eduequity")
    register(p.add_subparsers(dest="command"))
    return p


def _files(tmp_path: Path) -> tuple[str, str]:
    data = tmp_path / "schools.json"
    data.write_text(json.dumps(five_county()), encoding="utf-8")
    theirs = tmp_path / "theirs.csv"
    with open(theirs, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["县区代码", "年份", "学段", "指标", "差异系数"])
        for f in _unweighted():
            w.writerow([f["county_code"], f["year"], "小学", f["indicator"], f["cv"]])
    return str(theirs), str(data)


def test_the_command_writes_json_text_md_and_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs, data = _files(tmp_path)
    args = _parser().parse_args(["crosscheck", theirs, data, "--standard", "cn-2017-quality",
                                 "--format", "json"])  # fmt: skip
    assert args.func(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["source"] == "theirs.csv"
    assert doc["levels"][0]["explanation"] == ["unweighted"]
    args = _parser().parse_args(["crosscheck", theirs, data, "--standard", "cn-2017-quality",
                                 "--lang", "en"])  # fmt: skip
    assert run(args) == 0
    assert "their CVs are unweighted" in capsys.readouterr().out
    out = tmp_path / "cc.md"
    args = _parser().parse_args(["crosscheck", theirs, data, "--standard", "cn-2017-quality",
                                 "--format", "md", "--output", str(out)])  # fmt: skip
    assert run(args) == 0
    assert out.read_text(encoding="utf-8").startswith("# 交叉核对")
    book = tmp_path / "cc.xlsx"
    args = _parser().parse_args(["crosscheck", theirs, data, "--standard", "cn-2017-quality",
                                 "--format", "xlsx", "--output", str(book)])  # fmt: skip
    assert run(args) == 0
    assert book.stat().st_size > 0


def test_the_command_exits_2_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs, data = _files(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("县区代码,学段,指标,差异系数\n100001,高中,生均图书册数,0.3\n", encoding="utf-8")
    from eduequity.cli import main

    assert main(["crosscheck", str(bad), data, "--standard", "cn-2012-basic",
                 "--format", "json"]) == 2  # fmt: skip
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["error"]["code"] == "figures_invalid"
    assert doc["defects"][0]["row"] == 2
    assert doc["defects"][0]["column"] == "学段"
    assert "bad.csv, row 2, column 学段" in doc["error"]["message"]
    from eduequity.contract import validate

    validate(doc, "error", strict=True)  # the one error document, as every command gives
    for argv in (
        ["crosscheck", theirs, data, "--standard", "no-such-set"],
        ["crosscheck", theirs, data, "--standard", "cn-2012-basic", "--format", "xlsx"],
        ["crosscheck", theirs, str(tmp_path / "missing.csv"), "--standard", "cn-2012-basic"],
    ):
        assert main(argv) == 2
        assert "error: " in capsys.readouterr().err


def test_a_mismatch_travels_whole() -> None:
    """Pickled (e.g. back from a worker process) or copied, the error keeps its account
    and its result, whose conventions are plain functions and partials, not closures."""
    import copy
    import pickle

    with pytest.raises(CVMismatchError) as info:
        assert_cvs_match(_unweighted(), five_county(), "cn-2017-quality")
    err = info.value
    for again in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err)):
        assert type(again) is CVMismatchError
        assert str(again) == str(err)
        assert again.account == err.account
        assert [f.county_code for f in again.result.flips] == ["100001"]

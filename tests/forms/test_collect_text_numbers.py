"""The defects a form's values show once derived (bands that do not add up, answers that
contradict the year built or the class sizes, more pupils in the catchment than enrolled)
are said in Chinese with their numbers, as the English reasons give them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.forms._filled import DATA, county, fill, schools

from eduequity.cli import main
from eduequity.forms import collect
from eduequity.forms.text import form_defect_text

pytest.importorskip("openpyxl")


def _returned(tmp_path: Path, **changes: object) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    school = schools()[0]  # 30 classes of 36–40 pupils (item 19), 1 200 pupils, built 2005
    school.update({int(k.removeprefix("item")): v for k, v in changes.items()})
    fill(DATA / "学校填报表格.xlsx", school, folder / "a.xlsx")
    fill(DATA / "区县填报表格.xlsx", county(), folder / "county.xlsx")
    return folder


def test_derived_defects_are_said_with_their_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _returned(tmp_path, item19=33, item5="否", item13=1207, item9="是")
    argv = ["collect", str(folder), "--county-code", "210101", "--year", "2025"]
    assert main([*argv, "--lang", "zh"]) == 1
    form = str(folder / "a.xlsx")
    lines = capsys.readouterr().out.splitlines()
    assert sorted(lines[1:], key=lambda x: int(x.split("第 ")[1].split(" ")[0])) == [
        f"  {form}：第 5 项“是否2010年及之前规划并建成”：与建校时间（2005 年）矛盾（填的是“否”）",
        f"  {form}：第 9 项“是否最大班额低于30人的农村小规模学校”：填的是最大班额不超过 30 人，"
        "但班额各档给出的最大班额为 40 人",
        f"  {form}：第 13 项“家庭住址在划片范围内的在校学生人数（小学）”：划片范围内的学生 "
        "1207 人，多于在校生 1200 人",
        f"  {form}：第 15 项“班级总数”：班额各档之和为 33，而不是 30",
    ]
    for line in lines:
        assert re.findall(r"[A-Za-z]+", line.replace(form, "")) == [], line
    assert main(argv) == 1
    en = capsys.readouterr().out.splitlines()
    assert f"  {form}: 第15项 班级总数 30: the class-size bands add up to 33, not 30" in en
    built = "是否2010年及之前规划并建成 False: disagrees with the year built (2005)"
    assert f"  {form}: 第5项 {built}" in en


def test_rooms_and_the_gymnasium(tmp_path: Path) -> None:
    folder = _returned(tmp_path, item53=5, item47=610, item57=1, item58=2)
    (returned,) = collect(folder).returned
    said = {d.item_no: form_defect_text(d, "zh").split("：", 1)[1] for d in returned.defects}
    assert said[57] == "第 57 项“美术教室总间数”：美术教室各档之和为 2，多于教室总数 1"
    assert said[53] == (
        "第 53 项“音乐教室总间数”：有 2 间音乐教室小于 61 平方米，低于表中的每一档："
        "最小面积按 0 平方米计"
    )
    assert said[47] == (
        "第 47 项“学校体育馆面积”：体育馆面积（610 平方米）与室内体育用房面积（600 平方米，"
        "第 46 项）不一致；标准的体育场馆面积按第 46 项计"
    )


def test_the_warnings_of_reading_a_form() -> None:
    from eduequity.forms.reading import FormDefect

    unknown = FormDefect("a.xlsx", None, "", "图书", "unknown item '图书' (序号 70): ignored",
                         "warning", "unknown_item", {"number": 70})  # fmt: skip
    assert form_defect_text(unknown, "zh") == "  a.xlsx：未知的填报项“图书”（序号 70）：已忽略"
    assert form_defect_text(unknown, "en") == "  a.xlsx: " + unknown.reason
    units = {"unit": "元", "expected": "万元"}
    converted = FormDefect("a.xlsx", 61, "经费", 12.5, "given in 元, converted to 万元",
                           "warning", "unit_converted", units)  # fmt: skip
    assert form_defect_text(converted, "zh") == (
        "  a.xlsx：第 61 项“经费”：以“元”填报，已换算为“万元”"
    )

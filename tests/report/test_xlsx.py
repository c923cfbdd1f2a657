"""The workbook: sheets, unrounded numbers, misses marked."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from eduequity import evaluate, load_example


def test_workbook_sheets_values_and_marks(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2017-quality")
    out = tmp_path / "report.xlsx"
    a.to_xlsx(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "指标", "小学", "初中", "未纳入"]
    summary = wb["汇总"]
    rows = [[c.value for c in r] for r in summary.iter_rows()]
    assert rows[5][:4] == ["999901", "示例县", 2025, "未达标"]
    ind = wb["指标"]
    cvs = {(r[2].value, r[3].value): r[7].value for r in ind.iter_rows(min_row=2) if r[3].value}
    level = a.counties[0].levels["primary"]
    assert (
        cvs[("小学", "teaching_area_per_student")]
        == level.indicators["teaching_area_per_student"].cv
    )  # unrounded
    sheet = wb["小学"]
    header = [c.value for c in sheet[1]]
    col = header.index("生均教学及辅助用房面积") + 1
    marks = {
        sheet.cell(r, 3).value: sheet.cell(r, col).fill.fgColor.rgb
        for r in range(2, sheet.max_row + 1)
    }
    assert marks["999901B014"] == "00F8D7D3"  # below the floor: red
    assert marks["999901B007"] == "00FDEBD0"  # its only miss, above the floor: orange
    assert marks["999901B001"] == "00000000"  # meets it
    excluded = [[c.value for c in r] for r in wb["未纳入"].iter_rows(min_row=2)]
    assert excluded[1][:5] == ["999901", 2025, "999901T036", "primary", "teaching_point_too_small"]


def test_cli_needs_an_output_for_xlsx(tmp_path: Path) -> None:
    from eduequity.cli import main

    assert main(["evaluate", "--example", "--format", "xlsx"]) == 2
    out = tmp_path / "r.xlsx"
    assert main(["evaluate", "--example", "--format", "xlsx", "--output", str(out)]) == 0
    assert out.stat().st_size > 0

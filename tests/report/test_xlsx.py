"""The workbook: sheets, unrounded numbers with display formats, misses marked, text that
stays text, frozen and filtered headers, the report's language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from eduequity import ConfigurationError, evaluate, load_example


def test_workbook_sheets_values_and_marks(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2017-quality")
    out = tmp_path / "report.xlsx"
    a.to_xlsx(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "指标", "小学", "初中", "未纳入"]
    summary = wb["汇总"]
    rows = [[c.value for c in r] for r in summary.iter_rows()]
    assert rows[5][:4] == ["999901", "示例县", 2025, "未达标"]
    assert rows[5][-1].startswith("资源配置：学校7项指标（至少6项达标）：43 所学校中 26 所未达标")
    ind = wb["指标"]
    cvs = {(r[2].value, r[3].value): r[7] for r in ind.iter_rows(min_row=2) if r[3].value}
    level = a.counties[0].levels["primary"]
    cell = cvs[("小学", "teaching_area_per_student")]
    assert cell.value == level.indicators["teaching_area_per_student"].cv  # unrounded
    assert cell.number_format == "#,##0.000"  # shown to 3 decimals
    sheet = wb["小学"]
    header = [c.value for c in sheet[1]]
    col = header.index("生均教学及辅助用房面积 (m²)") + 1
    marks = {
        sheet.cell(r, 3).value: sheet.cell(r, col).fill.fgColor.rgb
        for r in range(2, sheet.max_row + 1)
    }
    assert marks["999901B014"] == "00F8D7D3"  # below the floor: red
    assert marks["999901B007"] == "00FDEBD0"  # its only miss, above the floor: orange
    assert marks["999901B001"] == "00000000"  # meets it
    b014 = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == "999901B014")
    assert sheet.cell(b014, 5).value == "小学"
    assert sheet.cell(b014, 6).value == "乡村"
    misses = sheet.cell(b014, len(header)).value
    assert "生均教学及辅助用房面积 3.44 m²，标准 ≥ 4.5，差 1.06 m²" in misses
    for ws in wb.worksheets:
        assert ws.auto_filter.ref is not None
        assert ws.freeze_panes is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    excluded = [[c.value for c in r] for r in wb["未纳入"].iter_rows(min_row=2)]
    assert excluded[1] == [
        "999901",
        2025,
        "999901T036",
        "小学",
        "teaching_point_too_small",
        "学生不足 50 人的教学点",
    ]


def test_english_workbook(tmp_path: Path) -> None:
    a = evaluate(load_example(), "cn-2017-quality")
    out = tmp_path / "report.xlsx"
    a.to_xlsx(out, lang="en")
    wb = openpyxl.load_workbook(out)
    sheet = wb["primary"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["County", "year", "school", "name", "type", "location", "students"]
    assert {sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)} <= {
        "primary school", "nine-year school", "teaching point", "twelve-year school"
    }  # fmt: skip
    assert sheet.cell(2, 6).value in ("urban", "town", "rural")


def test_cli_needs_an_output_for_xlsx(tmp_path: Path) -> None:
    from eduequity.cli import main

    assert main(["evaluate", "--example", "--format", "xlsx"]) == 2
    out = tmp_path / "r.xlsx"
    assert main(["evaluate", "--example", "--format", "xlsx", "--output", str(out)]) == 0
    assert out.stat().st_size > 0


def test_a_level_with_more_sections_than_a_worksheet_holds_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eduequity.cli import main
    from eduequity.report import xlsx

    a = evaluate(load_example())
    n = len(a.counties[0].levels["primary"].schools)  # 27: the example's primary sections
    monkeypatch.setattr(xlsx, "ROWS", n + 1)  # a header and n rows: they fit
    a.to_xlsx(tmp_path / "fits.xlsx")
    assert (tmp_path / "fits.xlsx").exists()
    monkeypatch.setattr(xlsx, "ROWS", n)
    with pytest.raises(ConfigurationError, match=f"'primary' would have {n} rows"):
        a.to_xlsx(tmp_path / "r.xlsx", lang="en")
    assert not (tmp_path / "r.xlsx").exists()
    out = str(tmp_path / "c.xlsx")
    assert main(["evaluate", "--example", "--format", "xlsx", "--output", out, "--lang", "zh"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"错误：工作表“小学”将有 {n} 行学校，超过一个工作表最多可容纳的 {n - 1} 行："
        "请改写 Parquet 或 CSV 表（a.write()，或 --format parquet / csv-dir）"
    )

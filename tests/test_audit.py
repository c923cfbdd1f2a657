"""The audit finds errors planted in a clean table, and nothing in the clean table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.audit import audit
from eduequity.cli import main

BAD = Path(__file__).parent / "data" / "bad"


def test_the_clean_example_has_no_findings() -> None:
    assert audit(eq.load_example()) == []


def test_planted_errors_are_found_and_named() -> None:
    records = eq.load_example().to_dicts()
    by_id = {r["school_id"]: r for r in records}
    by_id["999901B001"]["equipment_value_yuan"] /= 10_000  # 万元 keyed as 元
    by_id["999901B006"]["books"] *= 40  # a typing error
    later = [dict(r, year=2026) for r in eq.load_example().to_dicts()]
    next(r for r in later if r["school_id"] == "999901B021")["sports_ground_area_m2"] *= 4
    findings = audit(eq.load_schools(records + later))
    got = {(f.code, f.year, f.school_id, f.column) for f in findings}
    assert got == {
        ("unit_10k_suspected", 2025, "999901B001", "equipment_value_yuan"),
        ("outlier", 2025, "999901B006", "books"),
        ("jump", 2026, "999901B021", "sports_ground_area_m2"),
        # B001 and B006 are back to normal in 2026: their values jump back
        ("jump", 2026, "999901B001", "equipment_value_yuan"),
        ("jump", 2026, "999901B006", "books"),
    }
    unit = next(f for f in findings if f.code == "unit_10k_suspected")
    assert unit.value == pytest.approx(509.54 / 1850)  # 509.54 万元 keyed as 元, 1850 pupils
    assert unit.message.startswith(
        "county 999901 (2025), school 999901B001, primary, column equipment_value_yuan: 0.275427"
    )
    jump = next(f for f in findings if f.school_id == "999901B021")
    assert "(× 4.00, more than a factor 3)" in jump.message


def test_cli_exit_codes_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--example", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "example_county.csv: clean\n"
    assert main(["audit", str(BAD / "several_defects.csv"), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["clean"] is False
    with pytest.raises(eq.DataValidationError) as info:
        eq.load_schools(BAD / "several_defects.csv")
    assert [f["message"] for f in doc["findings"]] == [d.message for d in info.value.errors]
    assert len(doc["findings"]) == 3
    assert main(["audit", "/no/such/file.csv"]) == 2

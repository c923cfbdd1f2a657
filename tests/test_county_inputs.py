"""County inputs: forms, checks and warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from eduequity import CountyInputError, load_rule_set, read_county_inputs

RS = load_rule_set("cn-2012-basic")


def test_the_accepted_forms_agree(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(
        "county_code,year,government_effort_score,public_satisfaction_pct\n"
        "510101,2025,88,91.5\n510101,,80,\n",
        encoding="utf-8",
    )
    (tmp_path / "in.toml").write_text(
        '[[counties]]\ncounty_code = "510101"\nyear = 2025\n'
        "inputs = { government_effort_score = 88, public_satisfaction_pct = 91.5 }\n"
        '[[counties]]\ncounty_code = "510101"\ninputs = { government_effort_score = 80 }\n',
        encoding="utf-8",
    )
    docs = [
        tmp_path / "in.csv",
        tmp_path / "in.toml",
        {
            "counties": [
                {"county_code": "510101", "year": 2025,
                 "inputs": {"government_effort_score": 88, "public_satisfaction_pct": 91.5}},
                {"county_code": "510101", "inputs": {"government_effort_score": 80}},
            ]
        },
    ]  # fmt: skip
    for doc in docs:
        ci, warnings = read_county_inputs(doc, RS)
        assert warnings == []
        assert ci.for_county("510101", 2025) == {
            "government_effort_score": 88.0,
            "public_satisfaction_pct": 91.5,
        }
        # a year without its own entry gets the county-wide inputs
        assert ci.for_county("510101", 2024) == {"government_effort_score": 80.0}
        assert ci.for_county("999999", 2025) == {}


def test_bad_values_are_errors_naming_county_and_input() -> None:
    with pytest.raises(CountyInputError) as info:
        read_county_inputs({"510101": {"public_satisfaction_pct": "high"}}, RS)
    assert str(info.value) == (
        "county inputs: county 510101, input public_satisfaction_pct: expected a number, got 'high'"
    )
    with pytest.raises(CountyInputError, match="must be <= 100, got 120"):
        read_county_inputs({"510101": {"public_satisfaction_pct": 120}}, RS)
    rs17 = load_rule_set("cn-2017-quality")
    with pytest.raises(CountyInputError, match="input falsified_data: expected yes/no"):
        read_county_inputs({"510101": {"falsified_data": "maybe"}}, rs17)
    ok, _ = read_county_inputs({"510101": {"falsified_data": "否", "layout_planning": "是"}}, rs17)
    assert ok.for_county("510101", 2025) == {"falsified_data": False, "layout_planning": True}


def test_unknown_inputs_and_fractions_are_warnings() -> None:
    ci, warnings = read_county_inputs(
        {"510101": {"satisfaction": 90, "public_satisfaction_pct": 0.9}}, RS
    )
    assert [w.code for w in warnings] == ["unknown_input", "looks_like_fraction"]
    assert warnings[0].message == (
        "county inputs: county 510101, input satisfaction: not used by cn-2012-basic; ignored"
    )
    assert ci.for_county("510101", 2025) == {"public_satisfaction_pct": 0.9}

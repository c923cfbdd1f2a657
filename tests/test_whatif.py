"""What-if changes: the new verdict and what moved."""

from __future__ import annotations

import json
from typing import Any

import pytest

import eduequity as eq
from _schools import AT_STANDARD
from eduequity.cli import main
from eduequity.whatif import whatif


def table() -> eq.SchoolTable:
    return eq.load_schools(
        [
            {**AT_STANDARD, "school_id": "GOOD"},
            {
                **AT_STANDARD,
                "school_id": "POOR",
                "teaching_aux_area_m2": 3000,
                "key_teachers_primary": 5,
            },
        ]
    )


def test_adding_what_is_missing_makes_the_county_pass_its_resource_part() -> None:
    # POOR: 3.0 m² (below the 3.825 floor) and 0.5 key teachers per 100: both must come
    w = whatif(
        table(),
        [
            {"add": {"school_id": "POOR", "column": "teaching_aux_area_m2", "amount": 1500}},
            {"add": {"school_id": "POOR", "column": "key_teachers_primary", "amount": 5}},
        ],
    )
    before = w.before.counties[0].parts["resource_allocation"].passed
    after = w.after.counties[0].parts["resource_allocation"].passed
    assert (before, after) == (False, True)
    (d,) = w.differences()
    assert {"school_id": "POOR", "level": "primary", "before": False, "after": True,
            "gone": False} in d["schools"]  # fmt: skip
    # key teachers are teachers too: 60 + 5
    assert w.table["teachers_primary"].tolist() == [60.0, 65.0]


def test_moving_keeps_the_county_total_and_closing_or_merging_removes_a_school() -> None:
    w = whatif(
        table(),
        [{"move": {"from": "GOOD", "to": "POOR", "column": "key_teachers_primary", "amount": 3}}],
    )
    assert w.table["key_teachers_primary"].tolist() == [7.0, 8.0]
    assert w.table["teachers_primary"].sum() == 120.0
    closed = whatif(table(), [{"close": "POOR"}])
    assert closed.table["school_id"].tolist() == ["GOOD"]
    assert closed.after.counties[0].parts["resource_allocation"].passed is True
    merged = whatif(table(), [{"merge": {"school": "POOR", "into": "GOOD"}}])
    assert merged.table["students_primary"].tolist() == [2000.0]
    assert merged.table["teaching_aux_area_m2"].tolist() == [7500.0]


def test_bad_changes_are_refused_clearly() -> None:
    with pytest.raises(eq.ConfigurationError, match="no school 'NOPE' in the table"):
        whatif(table(), [{"close": "NOPE"}])
    with pytest.raises(eq.ConfigurationError, match="would become -5 \\(below 0\\)"):
        whatif(table(), [{"add": {"school_id": "POOR", "column": "key_teachers_primary",
                                  "amount": -10}}])  # fmt: skip
    with pytest.raises(eq.ConfigurationError, match="column 'school_type' cannot be changed"):
        whatif(table(), [{"add": {"school_id": "POOR", "column": "school_type", "amount": 1}}])


def test_cli(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    table().to_csv(path)
    argv = ["whatif", str(path), "--add", "POOR,teaching_aux_area_m2,1500",
            "--add", "POOR,key_teachers_primary,5", "--format", "json"]  # fmt: skip
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counties"][0]["schools"][0]["after"] is True
    assert main(["whatif", str(path)]) == 2

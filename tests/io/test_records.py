"""Records, JSON and mapping=: list or dict values, deep nesting, unknown targets."""

from __future__ import annotations

from pathlib import Path

import pytest

import eduequity as eq
from eduequity.errors import ConfigurationError, DataError, DataValidationError


def test_list_and_dict_values_are_refused_naming_the_key() -> None:
    records = [
        {"school_id": "S1", "school_type": "primary", "books": [1, 2]},
        {"school_id": "S2", "school_type": "primary", "school_name": {"zh": "二小"}},
    ]
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(records)
    assert [(d.code, d.row, d.column, d.message) for d in info.value.errors] == [
        (
            "not_a_scalar", 0, "books",
            "records, row 0, column books: expected one value, got a list",
        ),
        (
            "not_a_scalar", 1, "school_name",
            "records, row 1, column school_name: expected one value, got a dict",
        ),
    ]  # fmt: skip


def test_deeply_nested_json_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"schools": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(DataError, match=r"deep\.json: JSON nested too deeply"):
        eq.load_schools(path)


def test_json_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    data = '[{"school_id": "S1", "school_type": "小学", "school_name": "某县一中"}]'.encode("gbk")
    path.write_bytes(data)
    with pytest.raises(DataError, match=r"gbk\.json: JSON must be UTF-8"):
        eq.load_schools(path)


def test_mapping_to_an_unknown_column_names_it() -> None:
    records = [{"school_id": "S1", "school_type": "primary", "在校学生": 12}]
    with pytest.raises(ConfigurationError) as info:
        eq.load_schools(records, mapping={"在校学生": "student_primary"})
    assert str(info.value) == (
        "mapping={'在校学生': 'student_primary'}: 'student_primary' is not a column of the "
        "school table; did you mean students_primary?"
    )
    table = eq.load_schools(records, mapping={"在校学生": "students_primary"})
    assert table["students_primary"].tolist() == [12.0]


def test_booleans_and_huge_integers_in_number_columns() -> None:
    records = [
        {"school_id": "S1", "school_type": "primary", "students_primary": True},
        {"school_id": "S2", "school_type": "primary", "books": 2**60},
        {"school_id": "S3", "school_type": "primary", "books": "1_000"},
        {"school_id": "S4", "school_type": "primary", "books": "1,234", "classes": " 12 "},
    ]
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(records)
    assert [(d.code, d.row, d.value) for d in info.value.errors] == [
        ("not_a_number", 0, True),
        ("not_exact", 1, 2**60),
        ("not_a_number", 2, "1_000"),
    ]
    good = eq.load_schools(records[3:])
    assert (good["books"].tolist(), good["classes"].tolist()) == ([1234.0], [12.0])


def test_total_row_in_records_is_one_error_for_its_row() -> None:
    records = [
        {"school_id": "S1", "school_type": "primary", "students_primary": 300},
        {"school_id": "", "school_name": "总计", "school_type": "", "students_primary": 300},
    ]
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(records)
    assert [(d.code, d.row) for d in info.value.errors] == [("total_row", 1)]


@pytest.mark.parametrize(
    ("column", "cell", "total"),
    [
        ("school_name", "合计", True),
        ("school_name", "全县合计", True),
        ("school_name", "小计（城区）", True),
        ("county_name", "总 计", True),
        ("school_id", "Subtotal", True),
        ("school_id", "TOTAL", True),
        ("school_type", "合计", True),
        ("school_name", "  总计  ", True),
        ("school_name", "会计学校", False),  # 计 inside a name
        ("school_name", "会计", False),
        ("school_name", "计", False),
        ("school_name", "School", False),  # ends like "total" (l), is not
        ("school_name", "totals", False),
        ("school_name", "", False),
    ],
)
def test_total_row_spellings(column: str, cell: str, total: bool) -> None:
    school = {"school_id": "S2", "school_type": "primary", "students_primary": 30}
    records = [{"school_id": "S1", "school_type": "primary", "students_primary": 300},
               {**school, column: cell}]  # fmt: skip
    if not total:
        if column == "school_name":
            assert eq.load_schools(records)["school_name"].tolist() == ["", cell.strip()]
        return
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(records)
    assert [(d.code, d.row, d.value) for d in info.value.errors] == [
        ("total_row", 1, cell.strip())
    ]

"""DataFrames and Arrow tables: nullable and Arrow-backed dtypes read natively, <NA> is a
missing value, polars and pyarrow accepted, numbers arrive as numpy arrays."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import eduequity as eq
from eduequity.errors import DataError, DataValidationError
from eduequity.io.frames import read_frame

pd = pytest.importorskip("pandas")

ROWS = {
    "school_id": ["S1", "S2", "S3"],
    "school_type": ["primary", "primary", "junior"],
    "students_primary": [300, None, None],
    "students_junior": [None, None, 500],
    "teaching_aux_area_m2": [1500.5, 900.0, None],
    "boarding": [True, None, False],
    "school_name": ["一小", None, "一中"],
}
EXPECTED = {
    "school_id": ["S1", "S2", "S3"],
    "students_primary": [300.0, None, None],
    "students_junior": [None, None, 500.0],
    "teaching_aux_area_m2": [1500.5, 900.0, None],
    "boarding": [1.0, None, 0.0],
    "school_name": ["一小", "", "一中"],
}


def _frame(kind: str) -> Any:
    nullable = {
        "school_id": pd.array(ROWS["school_id"], dtype="string"),
        "school_type": pd.array(ROWS["school_type"], dtype="string"),
        "students_primary": pd.array(ROWS["students_primary"], dtype="Int64"),
        "students_junior": pd.array(ROWS["students_junior"], dtype="Int64"),
        "teaching_aux_area_m2": pd.array(ROWS["teaching_aux_area_m2"], dtype="Float64"),
        "boarding": pd.array(ROWS["boarding"], dtype="boolean"),
        "school_name": pd.array(ROWS["school_name"], dtype="string"),
    }
    if kind == "nullable":
        return pd.DataFrame(nullable)
    if kind == "convert_dtypes":
        return pd.DataFrame(ROWS).convert_dtypes()
    if kind == "object":
        return pd.DataFrame(ROWS, dtype=object)
    pa = pytest.importorskip("pyarrow")
    table = pa.table(ROWS)
    if kind == "arrow_backed":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if kind == "pyarrow":
        return table
    pl = pytest.importorskip("polars")
    return pl.from_arrow(table)


def _plain(values: np.ndarray) -> list[Any]:
    if values.dtype.kind == "f":
        return [None if np.isnan(v) else v for v in values.tolist()]
    return values.tolist()


@pytest.mark.parametrize(
    "kind", ["nullable", "convert_dtypes", "object", "arrow_backed", "pyarrow", "polars"]
)
def test_every_frame_kind_reads_the_same_table(kind: str) -> None:
    table = eq.load_schools(_frame(kind))
    for column, expected in EXPECTED.items():
        assert _plain(table[column]) == expected, column
    assert "<NA>" not in table["school_name"].tolist()
    assert table.rows.tolist() == [0, 1, 2]


def test_na_school_id_is_missing_not_the_text_na() -> None:
    frame = pd.DataFrame(
        {"school_id": pd.array(["S1", None], dtype="string"), "school_type": ["primary"] * 2}
    )
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(frame)
    assert [(d.code, d.row) for d in info.value.errors] == [("missing_school_id", 1)]


@pytest.mark.parametrize("kind", ["nullable", "pyarrow", "polars"])
def test_numeric_columns_come_as_numpy_floats(kind: str) -> None:
    raw = read_frame(_frame(kind))
    cells = dict(zip(raw.headers, raw.columns, strict=True))
    column = cells["teaching_aux_area_m2"]
    assert isinstance(column, np.ndarray)
    assert column.dtype == np.float64
    assert np.isnan(column[2])


def test_boolean_column_in_a_count_is_refused() -> None:
    frame = pd.DataFrame({"school_id": ["S1"], "school_type": ["primary"], "books": [True]})
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(frame)
    assert [d.message for d in info.value.errors] == [
        "DataFrame, row 0, school S1, column books: expected a number, got True"
    ]


def test_duplicate_column_names_are_refused() -> None:
    frame = pd.DataFrame([["S1", "primary", "junior"]], columns=["school_id", "school_type"] * 1
                         + ["school_type"])
    with pytest.raises(DataError, match=r"'school_type' at columns 1 and 2"):
        eq.load_schools(frame)


def test_integers_too_large_for_a_float_are_refused() -> None:
    frame = pd.DataFrame(
        {"school_id": ["S1"], "school_type": ["primary"], "books": [2**60 + 1]}
    )
    with pytest.raises(DataValidationError) as info:
        eq.load_schools(frame)
    assert info.value.errors[0].code == "not_exact"

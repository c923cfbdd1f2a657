"""Hypothesis laws of the readers: only an EduequityError or a correct table comes out."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import eduequity as eq
from eduequity.errors import EduequityError

HEADERS = ["school_id", "school_type", "students_primary", "year", "boarding", "学校类型", "备注"]
CELLS = st.one_of(
    st.sampled_from(["S1", "S2", "primary", "小学", "300", "1,234", "1,5", "true", "是", "", '"',
                     "2025", "1e20", "-3", "nan", "合计", "\r", "\n", ",", "inf", "<NA>"]),
    st.text(max_size=6),
)


def _check_table(table: eq.SchoolTable, n_rows: int) -> None:
    assert 0 < len(table) <= n_rows
    assert (table["school_id"] != "").all()
    assert (table["school_type"] != "").all()
    students = table["students_primary"]
    assert not np.isinf(students).any()
    assert (np.isnan(students) | (students >= 0)).all()


@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5),
    st.lists(st.lists(CELLS, max_size=6), max_size=5),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_csv_text_gives_an_error_or_a_correct_table(
    header: list[str], rows: list[list[str]], newline: str
) -> None:
    text = newline.join([",".join(header), *(",".join(r) for r in rows)]) + newline
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            table = eq.load_schools(path)
        except EduequityError:
            return
    _check_table(table, max(1, len(rows)))


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers()),
)


@given(st.lists(st.dictionaries(st.sampled_from(HEADERS), VALUES, max_size=5), max_size=5))
def test_records_give_an_error_or_a_correct_table(records: list[dict[str, Any]]) -> None:
    try:
        table = eq.load_schools(records)
    except EduequityError:
        return
    _check_table(table, len(records))

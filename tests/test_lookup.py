"""Rows found by (school id, county, year): the numpy lookup equals a dict, collisions too."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduequity import _lookup
from eduequity._lookup import find_rows

_ID = st.text(alphabet="AB1é中", min_size=1, max_size=5)
_KEY = st.tuples(_ID, st.sampled_from(["01", "002", "3"]), st.sampled_from([2024, 2025]))


def _columns(keys: list[tuple[str, str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids, county, year = zip(*keys, strict=True) if keys else ((), (), ())
    return np.array(ids, dtype=str), np.array(county, dtype=str), np.array(year, dtype=np.int64)


def _oracle(table: list[tuple[str, str, int]], wanted: list[tuple[str, str, int]]) -> list[int]:
    index = {key: row for row, key in enumerate(table)}  # the last row wins, as in a dict
    return [index.get(key, -1) for key in wanted]


@settings(max_examples=150, deadline=None)
@given(st.lists(_KEY, min_size=1, max_size=40), st.lists(_KEY, max_size=20), st.booleans())
def test_find_rows_equals_a_dict(
    table: list[tuple[str, str, int]], extra: list[tuple[str, str, int]], weak_hash: bool
) -> None:
    wanted = table[::2] + extra  # keys present and keys perhaps absent
    if weak_hash:  # every key shares one hash: the candidates are compared one by one
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_lookup, "_hash", lambda ids, *_: np.zeros(ids.shape[0], np.uint64))
            got = find_rows(_columns(table), _columns(wanted))
    else:
        got = find_rows(_columns(table), _columns(wanted))
    assert got.tolist() == _oracle(table, wanted)


def test_widths_differ_between_table_and_wanted() -> None:
    """A short id looked up through a wider column (and the reverse) still matches."""
    table = _columns([("S1", "510101", 2025), ("S22", "510101", 2025)])
    wide = (np.array(["S1", "S333333"]), np.array(["510101", "510101"]), np.array([2025, 2025]))
    assert find_rows(table, wide).tolist() == [0, -1]
    assert find_rows(wide, table).tolist() == [0, -1]


def test_nothing_to_find() -> None:
    empty = _columns([])
    assert find_rows(_columns([("A", "01", 2025)]), empty).tolist() == []
    assert find_rows(empty, _columns([("A", "01", 2025)])).tolist() == [-1]


def test_object_arrays_are_read_as_text() -> None:
    table = (np.array(["S1", "S22"], dtype=object), np.array(["01", "01"]), np.array([1, 1]))
    wanted = (np.array(["S22"], dtype=object), np.array(["01"], dtype=object), np.array([1]))
    assert find_rows(table, wanted).tolist() == [1]

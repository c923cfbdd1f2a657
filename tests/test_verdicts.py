"""The verdict vocabulary: codes, "all of" on arrays and scalars, names outside."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from eduequity.verdicts import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    STATUSES,
    UNDECIDED,
    Verdict,
    code_of,
    combine,
    combine_code,
    combine_codes,
    from_readings,
    status_of,
    status_of_code,
    verdict_of,
)

CODES = (PASS, FAIL, UNDECIDED, NOT_APPLICABLE)


def test_codes_are_the_enum_values() -> None:
    assert [int(v) for v in Verdict] == [1, 0, -1, -2]
    assert (Verdict.PASS, Verdict.FAIL, Verdict.UNDECIDED, Verdict.NOT_APPLICABLE) == CODES


@pytest.mark.parametrize("n", [1, 2, 3])
def test_array_and_scalar_all_of_agree_with_the_rule_in_words(n: int) -> None:
    rows = list(itertools.product(CODES, repeat=n))
    got = combine_codes(np.array(rows, dtype=np.int8).T).tolist()
    for row, code in zip(rows, got, strict=True):
        applicable = [c for c in row if c != NOT_APPLICABLE]
        want = (
            NOT_APPLICABLE
            if not applicable
            else FAIL
            if FAIL in applicable
            else UNDECIDED
            if UNDECIDED in applicable
            else PASS
        )
        assert code == want == combine_code(row), row
        if applicable:  # the bool form ignores what does not apply
            assert combine(verdict_of(c) for c in applicable) == verdict_of(want)


def test_a_failure_beats_an_undecided_item() -> None:
    assert combine_codes(np.array([[FAIL], [UNDECIDED]])).tolist() == [FAIL]
    assert combine_codes(np.array([[UNDECIDED], [FAIL]])).tolist() == [FAIL]
    assert combine([None, False]) is False


def test_no_items_do_not_apply() -> None:
    assert combine_codes(np.zeros((0, 3), dtype=np.int8)).tolist() == [NOT_APPLICABLE] * 3
    assert combine_code([]) == NOT_APPLICABLE
    assert combine([]) is None


def test_two_readings_of_a_k_of_n_rule() -> None:
    strict = np.array([True, False, False])
    lenient = np.array([True, True, False])
    assert from_readings(strict, lenient).tolist() == [PASS, UNDECIDED, FAIL]


def test_names_outside() -> None:
    assert [verdict_of(c) for c in CODES] == [True, False, None, None]
    assert [code_of(v) for v in (True, False, None)] == [PASS, FAIL, UNDECIDED]
    assert [status_of_code(c) for c in CODES] == [
        "passed",
        "failed",
        "not_assessed",
        "not_applicable",
    ]
    assert set(STATUSES.values()) == {"passed", "failed", "not_assessed", "not_applicable"}
    assert status_of(False) == "failed"
    assert status_of(True, applicable=False) == "not_applicable"

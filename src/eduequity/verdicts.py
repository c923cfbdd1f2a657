"""The one verdict vocabulary: codes, how they combine, and what they are called outside.

A verdict is three-valued, plus "does not apply". Inside the evaluation every verdict is a
small integer code held in ``int8`` arrays (:class:`Verdict`); the result objects show it
as ``True`` / ``False`` / ``None`` (:func:`verdict_of`) and the JSON contract as a status
string (:func:`status_of`, :func:`status_of_code`).

========================  ====  ============  ==================
meaning                   code  bool | None   JSON status
========================  ====  ============  ==================
passed                     1    ``True``      ``"passed"``
failed                     0    ``False``     ``"failed"``
undecided / not assessed  -1    ``None``      ``"not_assessed"``
not applicable            -2    ``None``      ``"not_applicable"``
========================  ====  ============  ==================

"All of" (:func:`combine_codes`, :func:`combine`) is the only way verdicts combine: failed
if any fails, else undecided if any is undecided, else passed if any applies, else not
applicable. A k-of-n rule with a floor (:mod:`eduequity.metrics.thresholds` counts the
items) is decided from two readings of the same values, the missing ones counted as unmet
and as met (:func:`from_readings`).

This module imports nothing of eduequity: every layer may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "FAIL",
    "NOT_APPLICABLE",
    "PASS",
    "STATUSES",
    "UNDECIDED",
    "Status",
    "Verdict",
    "code_of",
    "combine",
    "combine_code",
    "combine_codes",
    "from_readings",
    "status_of",
    "status_of_code",
    "verdict_of",
]

CodeArray = NDArray[np.int8]
Status = Literal["passed", "failed", "not_assessed", "not_applicable"]


class Verdict(IntEnum):
    """The verdict codes (their values are stored in ``int8`` arrays)."""

    PASS = 1
    FAIL = 0
    UNDECIDED = -1
    NOT_APPLICABLE = -2


PASS, FAIL, UNDECIDED, NOT_APPLICABLE = 1, 0, -1, -2  # Verdict's values, for array code

STATUSES: dict[int, Status] = {
    PASS: "passed",
    FAIL: "failed",
    UNDECIDED: "not_assessed",
    NOT_APPLICABLE: "not_applicable",
}


def combine_codes(codes: NDArray[np.integer[Any]]) -> CodeArray:
    """Codes combined ("all of") down the first axis of a matrix.

    FAIL if any fails, else UNDECIDED if any is, else PASS if any applies, else
    NOT_APPLICABLE (also for an empty first axis).

    >>> combine_codes(np.array([[1, 1, -2, -2], [0, -1, 1, -2]])).tolist()
    [0, -1, 1, -2]
    """
    codes = np.asarray(codes)
    if codes.shape[0] == 0:
        return np.full(codes.shape[1:], NOT_APPLICABLE, dtype=np.int8)
    # "all of" is the minimum in the order FAIL < UNDECIDED < PASS < NOT_APPLICABLE
    rank = np.array([3, 1, 0, 2], dtype=np.int8)  # index: code + 2 → rank
    code_at = np.array([FAIL, UNDECIDED, PASS, NOT_APPLICABLE], dtype=np.int8)  # rank → code
    ranks: NDArray[np.int8] = rank[codes.astype(np.intp) + 2]
    out: CodeArray = code_at[ranks.min(axis=0)]
    return out


def combine_code(codes: Iterable[int]) -> int:
    """:func:`combine_codes` of a few scalar codes.

    >>> combine_code([PASS, NOT_APPLICABLE]), combine_code([UNDECIDED, FAIL]), combine_code([])
    (1, 0, -2)
    """
    seen = set(codes)
    for code in (FAIL, UNDECIDED, PASS):
        if code in seen:
            return code
    return NOT_APPLICABLE


def combine(verdicts: Iterable[bool | None]) -> bool | None:
    """Three-valued "all of" over verdicts: False if any fails, else None if any is
    undecided or there are none, else True.

    >>> combine([True, None]), combine([True, False, None]), combine([True, True]), combine([])
    (None, False, True, None)
    """
    seen = list(verdicts)
    if any(v is False for v in seen):
        return False
    if not seen or any(v is None for v in seen):
        return None
    return True


def from_readings(strict: NDArray[np.bool_], lenient: NDArray[np.bool_]) -> CodeArray:
    """Codes from two readings of a rule: passed with every missing value counted as unmet
    (``strict``) and with every missing value counted as met (``lenient``).

    Passing the strict reading passes; failing the lenient one fails; otherwise a missing
    value could decide either way: undecided.

    >>> from_readings(np.array([True, False, False]), np.array([True, True, False])).tolist()
    [1, -1, 0]
    """
    out: CodeArray = np.where(strict, PASS, np.where(lenient, UNDECIDED, FAIL)).astype(np.int8)
    return out


def verdict_of(code: int) -> bool | None:
    """A code as ``True`` / ``False`` / ``None`` (undecided or not applicable).

    >>> verdict_of(PASS), verdict_of(FAIL), verdict_of(UNDECIDED), verdict_of(NOT_APPLICABLE)
    (True, False, None, None)
    """
    return True if code == PASS else False if code == FAIL else None


def code_of(verdict: bool | None) -> int:
    """``True`` / ``False`` / ``None`` as a code (``None`` is undecided).

    >>> code_of(True), code_of(False), code_of(None)
    (1, 0, -1)
    """
    return PASS if verdict is True else FAIL if verdict is False else UNDECIDED


def status_of(passed: bool | None, applicable: bool = True) -> Status:
    """The JSON status of a verdict.

    >>> status_of(True), status_of(None), status_of(None, applicable=False)
    ('passed', 'not_assessed', 'not_applicable')
    """
    if not applicable:
        return "not_applicable"
    return "passed" if passed is True else "failed" if passed is False else "not_assessed"


def status_of_code(code: int) -> Status:
    """The JSON status of a code.

    >>> status_of_code(FAIL), status_of_code(NOT_APPLICABLE)
    ('failed', 'not_applicable')
    """
    return STATUSES[int(code)]

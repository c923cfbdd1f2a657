"""``assert_cvs_match``: for a vendor's test suite, another system's CVs against the
standard's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eduequity.crosscheck.conventions import CONVENTIONS, Convention
from eduequity.crosscheck.errors import CVMismatchError
from eduequity.crosscheck.matcher import DEFAULT_ATOL, DEFAULT_RTOL, crosscheck
from eduequity.crosscheck.result import CrossCheck
from eduequity.rules.schema import RuleSet

__all__ = ["assert_cvs_match"]


def assert_cvs_match(
    their_figures: Any,
    schools: Any,
    standard: str | RuleSet = "cn-2017-quality",
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    lang: str = "en",
    conventions: Sequence[Convention] = CONVENTIONS,
) -> CrossCheck:
    """Assert that ``their_figures`` agree with the standard's for ``schools``.

    Passes (returning the :class:`CrossCheck`) when every figure agrees within
    ``|theirs − ours| <= atol + rtol · |ours|``, no verdict flips and every figure could be
    compared. Otherwise raises :class:`CVMismatchError` (an ``AssertionError``) whose
    message is the account of each county and level that does not agree: which figures
    move, the conventions that reproduce them, and whether the verdict flips.

    Examples
    --------
    >>> import eduequity as eq
    >>> try:
    ...     assert_cvs_match([{"county_code": "999901", "level": "primary",
    ...                        "indicator": "books_per_student", "cv": 0.9}],
    ...                      eq.load_example(), "cn-2012-basic")
    ... except AssertionError as exc:
    ...     print(str(exc).splitlines()[0])
    their CVs do not match cn-2012-basic (records):
    """
    result = crosscheck(
        their_figures, schools, standard, rtol=rtol, atol=atol, conventions=conventions
    )
    if result.agrees:
        return result
    zh = lang == "zh"
    head = (
        f"对方差异系数与{result.standard['id']}不一致（{result.source}）："
        if zh
        else f"their CVs do not match {result.standard['id']} ({result.source}):"
    )
    lines = [head]
    for lv in result.levels:
        if lv.agrees:
            continue
        lines.append(f"  {lv.county_code} {lv.year} {lv.level}: {lv.account(lang)}")
        for f in lv.moved:
            reps = "; ".join(" + ".join(r.conventions) for r in f.reproduced_by[:3])
            ours = "undefined" if f.ours is None else f"{f.ours:.6g}"
            tail = f" ← {reps}" if reps else ""
            lines.append(f"    {f.kind} {f.indicator or 'composite'}: ours {ours}, "
                         f"theirs {f.theirs:.6g}{tail}")  # fmt: skip
    for u in result.unmatched:
        lines.append(f"  row {u['row']}: not compared: {u['reason']}")
    raise CVMismatchError("\n".join(lines), result)

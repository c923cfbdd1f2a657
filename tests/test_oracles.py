"""The oracles of tests/_oracles.py, checked by hand (an oracle must be right first)."""

from __future__ import annotations

from _oracles import NA, all_of, compare, pairwise_gini


def test_all_of_in_words() -> None:
    assert all_of([True, None, False]) is False
    assert all_of([True, None]) is None
    assert all_of([True, NA]) is True
    assert all_of([NA, NA]) == NA
    assert all_of([]) == NA


def test_compare_as_the_rule_files_word_it() -> None:
    assert compare(0.5, "at_most", 0.5, inclusive=True) is True
    assert compare(0.5, "at_most", 0.5, inclusive=False) is False
    assert compare(85.0, "at_least", 85.0, inclusive=True) is True
    assert compare(1.0, "equal", 1.0, inclusive=True) is True


def test_the_gini_oracle() -> None:
    # 1, 2, 3, 4 unweighted: ΣΣ|xi − xj| = 20, / (2 · 16 · 2.5) = 0.25
    assert pairwise_gini([1.0, 2.0, 3.0, 4.0], [1.0] * 4) == 0.25
    # 1 (weight 3) and 2 (weight 1): 2·3·1·1 / (2 · 16 · 1.25) = 0.15
    assert abs(pairwise_gini([1.0, 2.0], [3.0, 1.0]) - 0.15) < 1e-15

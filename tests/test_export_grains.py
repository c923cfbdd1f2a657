"""``export.tables(assessment, grains)``: only the grains asked for, the same columns."""

from __future__ import annotations

import numpy as np
import pytest

import eduequity as eq
from eduequity.errors import ConfigurationError
from eduequity.export import tables


def test_only_the_grains_asked_for_with_the_same_columns() -> None:
    a = eq.evaluate(eq.load_example(), "cn-2017-quality")
    every = tables(a)
    some = tables(a, ("sections", "counties"))
    assert list(some) == ["counties", "sections"]  # in the order of GRAINS
    for grain, cols in some.items():
        assert list(cols) == list(every[grain])
        for name, column in cols.items():
            assert column.dtype == every[grain][name].dtype
            assert np.array_equal(column, every[grain][name], equal_nan=column.dtype.kind == "f")
    # one row per school section of the county results
    listed = [s.school_id for lv in a.counties[0].levels.values() for s in lv.schools]
    assert some["sections"]["school_id"].tolist() == listed


def test_an_unknown_grain_is_refused() -> None:
    a = eq.evaluate(eq.load_example(), "cn-2017-quality")
    with pytest.raises(ConfigurationError, match=r"expected some of counties, .* got schools"):
        tables(a, ["counties", "schools"])

"""Errors travel whole: copied, or pickled back from a worker process, an error keeps its
class, message, code, params and the facts its subclass holds."""

from __future__ import annotations

import copy
import pickle

import pytest

import eduequity as eq
from eduequity.errors import Problem, RuleSetError, UndefinedMetricError


def _bad_table() -> eq.DataValidationError:
    try:
        eq.load_schools([{"school_id": "S1"}])
    except eq.DataValidationError as exc:
        return exc
    raise AssertionError("the table was not refused")


def _pickled(exc: BaseException) -> BaseException:
    again: BaseException = pickle.loads(pickle.dumps(exc))
    return again


@pytest.mark.parametrize("travel", [copy.copy, copy.deepcopy, _pickled])
def test_errors_keep_what_they_hold(travel: object) -> None:
    problem = Problem("a.toml", "id", "field required", "pyd.missing", {"x": 1})
    errors = [
        eq.ConfigurationError("--split: give --output", message_code="split_needs_html"),
        RuleSetError([problem, ("b.toml", "", "no such file")]),
        UndefinedMetricError("the mean is zero", reason="zero_mean"),
        _bad_table(),
    ]
    for exc in errors:
        again = travel(exc)  # type: ignore[operator]
        assert type(again) is type(exc)
        assert str(again) == str(exc)
        assert again.message_code == exc.message_code
        assert again.message_params == exc.message_params
    rs = travel(errors[1])  # type: ignore[operator]
    assert rs.problems == errors[1].problems
    assert (rs.problems[0].code, rs.problems[0].params) == ("pyd.missing", {"x": 1})
    assert travel(errors[2]).reason == "zero_mean"  # type: ignore[operator]
    table = travel(errors[3])  # type: ignore[operator]
    assert table.defects == errors[3].defects
    assert [d.column for d in table.errors] == [d.column for d in errors[3].errors]

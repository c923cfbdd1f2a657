"""A pytest plugin (registered under the ``pytest11`` entry point): fixtures for test
suites that check data against the standards.

- ``eduequity_example``: the embedded example county as a :class:`SchoolTable`;
- ``meets_standard``: :func:`eduequity.testing.assert_meets_standard`.

Nothing is imported until a fixture is used, so the plugin costs nothing otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def eduequity_example() -> Any:
    """The synthetic example county (示例县, 40 schools)."""
    from eduequity.examples import load_example

    return load_example()


@pytest.fixture
def meets_standard() -> Callable[..., None]:
    """``meets_standard(table, "cn-2017-quality", inputs, parts=[...])`` asserts, with an
    account of every failure."""
    from eduequity.testing import assert_meets_standard

    return assert_meets_standard

"""Fixtures of the service tests: an in-process client, the example as upload bytes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

import eduequity as eq
from eduequity.service import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture(scope="session")
def example_csv() -> bytes:
    return eq.example_path().read_bytes()

"""The gallery's generated files (workbooks, odd bytes), built once per test session."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture(scope="session")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every generated gallery file (see tests/data/bad/make_gallery.py)."""
    pytest.importorskip("openpyxl")
    spec = importlib.util.spec_from_file_location("make_gallery", BAD / "make_gallery.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("gallery")
    module.build(folder)
    return folder


@pytest.fixture(scope="session")
def gallery_file(gallery: Path) -> Callable[[str], Path]:
    """A gallery file by name: committed under tests/data/bad, or generated."""

    def find(name: str) -> Path:
        committed = BAD / name
        return committed if committed.exists() else gallery / name

    return find

"""Lazy imports of optional dependencies, with the extra that brings each."""

from __future__ import annotations

import importlib
from types import ModuleType

from eduequity.errors import ConfigurationError


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigurationError(
            f"{module} is needed for this; install it with: pip install 'eduequity[{extra}]'",
            message_code="needs_extra", message_params={"module": module, "extra": extra},
        ) from exc

"""Parity indices: a focal group's value relative to a reference group's."""

from __future__ import annotations

from eduequity.errors import MetricInputError, UndefinedMetricError

__all__ = ["adjusted_parity_index", "is_parity", "parity_index"]


def parity_index(focal: float, reference: float) -> float:
    """``focal / reference`` (e.g. rural over urban per-student value).

    Examples
    --------
    >>> parity_index(4.5, 5.0)
    0.9
    """
    if reference == 0:
        raise UndefinedMetricError("parity index: the reference value is zero", "zero_reference")
    if focal < 0 or reference < 0:
        raise MetricInputError(f"parity index: values must be >= 0, got {focal!r}, {reference!r}")
    return float(focal) / float(reference)


def adjusted_parity_index(ratio: float) -> float:
    """Adjusted parity index, symmetric around 1 and bounded by 2.

    ``ratio`` when ``ratio <= 1``, otherwise ``2 − 1 / ratio``.

    Examples
    --------
    >>> adjusted_parity_index(0.8), adjusted_parity_index(1.25)
    (0.8, 1.2)
    """
    if ratio < 0:
        raise MetricInputError(f"adjusted parity index: ratio must be >= 0, got {ratio!r}")
    return float(ratio) if ratio <= 1 else 2.0 - 1.0 / float(ratio)


def is_parity(index: float, *, lower: float = 0.97, upper: float = 1.03) -> bool:
    """Whether a parity index lies in the parity band (0.97–1.03 by convention), inclusive.

    Examples
    --------
    >>> is_parity(0.97), is_parity(1.031)
    (True, False)
    """
    return lower <= index <= upper

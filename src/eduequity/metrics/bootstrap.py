"""Seeded, reproducible bootstrap confidence intervals over schools for any measure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from eduequity.errors import ConfigurationError, UndefinedMetricError
from eduequity.metrics._arrays import as_values, as_weights

__all__ = ["BootstrapResult", "bootstrap_ci"]


@dataclass(frozen=True)
class BootstrapResult:
    """A percentile bootstrap interval.

    Attributes
    ----------
    estimate
        The measure on the data as given.
    low, high
        The interval's bounds.
    confidence
        Its nominal coverage.
    n_resamples
        Resamples drawn.
    n_undefined
        Resamples on which the measure was undefined (left out of the interval, counted
        here rather than dropped silently).
    seed
        The seed that reproduces the interval.
    """

    estimate: float
    low: float
    high: float
    confidence: float
    n_resamples: int
    n_undefined: int
    seed: int


def bootstrap_ci(
    measure: Callable[..., float],
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    **options: Any,
) -> BootstrapResult:
    """Percentile bootstrap interval of ``measure(values, weights, **options)``.

    Schools (units) are resampled with replacement, each keeping its own weight; the
    generator is ``numpy.random.default_rng(seed)``, so the same seed gives the same
    interval on every machine.

    Examples
    --------
    >>> from eduequity.metrics import coefficient_of_variation
    >>> r = bootstrap_ci(coefficient_of_variation, [5.0, 25 / 6, 5.0, 16 / 3],
    ...                  [120, 480, 300, 900], n_resamples=200, seed=1)
    >>> round(r.estimate, 6), r.low <= r.estimate <= r.high, r.n_resamples
    (0.098595, True, 200)
    """
    if n_resamples < 1:
        raise ConfigurationError(f"n_resamples: must be >= 1, got {n_resamples}")
    if not 0 < confidence < 1:
        raise ConfigurationError(f"confidence: must lie in (0, 1), got {confidence}")
    x = as_values(values)
    w = as_weights(weights, x.shape[0])
    estimate = float(measure(x, w, **options))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.shape[0], size=(n_resamples, x.shape[0]))
    stats: list[float] = []
    undefined = 0
    for row in idx:
        try:
            stats.append(float(measure(x[row], None if w is None else w[row], **options)))
        except UndefinedMetricError:
            undefined += 1
    if not stats:
        raise UndefinedMetricError(
            "bootstrap: the measure was undefined on every resample", reason="all_undefined"
        )
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(np.asarray(stats), [tail, 1.0 - tail])
    return BootstrapResult(
        estimate, float(low), float(high), confidence, n_resamples, undefined, seed
    )

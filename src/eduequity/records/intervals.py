"""Confidence intervals for a rate: Wilson's for a simple random sample, and a stratified one.

Wilson (1927): with ``n`` responses, ``x`` satisfied, ``p = x / n`` and ``z = Φ⁻¹(0.975)``,

.. math::

    \\frac{p + z^2/2n \\pm z\\sqrt{p(1-p)/n + z^2/4n^2}}{1 + z^2/n}

For a stratified sample with stratum weights ``W_h`` (their share of the population) the
rate is ``p = Σ W_h p_h`` and its variance ``Σ W_h² p_h (1 − p_h) / n_h`` (each stratum a
simple random sample, with replacement); the interval is ``p ± z √var``, clipped to [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy.special import ndtri

__all__ = ["Z95", "stratified_interval", "wilson_interval"]

Z95 = float(ndtri(0.975))


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for ``successes`` of ``n``.

    Examples
    --------
    >>> lo, hi = wilson_interval(85, 100)
    >>> round(lo, 4), round(hi, 4)
    (0.7672, 0.9069)
    """
    if n <= 0:
        return (math.nan, math.nan)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def stratified_interval(
    strata: Sequence[tuple[float, int, int]], z: float = Z95
) -> tuple[float, float, float]:
    """The rate and its interval from ``(weight, successes, n)`` per stratum.

    Weights are the strata's shares of the population (they are normalised here).

    Examples
    --------
    >>> p, lo, hi = stratified_interval([(0.6, 80, 100), (0.4, 45, 50)])
    >>> round(p, 4), round(lo, 4), round(hi, 4)
    (0.84, 0.7824, 0.8976)
    """
    total = sum(w for w, _, n in strata if n > 0)
    if total <= 0:
        return (math.nan, math.nan, math.nan)
    p = 0.0
    var = 0.0
    for w, x, n in strata:
        if n <= 0:
            continue
        share = w / total
        ph = x / n
        p += share * ph
        var += share * share * ph * (1 - ph) / n
    half = z * math.sqrt(var)
    return (p, max(0.0, p - half), min(1.0, p + half))

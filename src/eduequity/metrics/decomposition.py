"""Between/within decomposition of generalized entropy (and so of Theil T and L) by group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from eduequity.errors import UndefinedMetricError
from eduequity.metrics.grouped import GroupIndex, grouped_generalized_entropy
from eduequity.metrics.inequality import generalized_entropy

__all__ = ["Decomposition", "ge_decomposition", "theil_decomposition"]


@dataclass(frozen=True)
class Decomposition:
    """``total = between + within`` for one GE(α).

    Attributes
    ----------
    total, between, within
        The index over all units; of the group means (every unit at its group's mean);
        and the weighted sum of the groups' own indices.
    alpha
        The GE parameter.
    """

    total: float
    between: float
    within: float
    alpha: float

    @property
    def between_share(self) -> float:
        """Share of the total due to differences between groups (0 when total is 0)."""
        return self.between / self.total if self.total > 0 else 0.0


def ge_decomposition(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
    *,
    alpha: float = 1.0,
) -> Decomposition:
    """Decompose GE(α) into between-group and within-group parts.

    Notes
    -----
    With group pupil shares ``f_g = W_g / W`` and mean ratios ``r_g = μ_g / μ``:

    .. math::

        GE = \\underbrace{GE(\\{μ_g\\}, \\{W_g\\})}_{between}
             + \\underbrace{\\sum_g f_g\\, r_g^{\\alpha}\\, GE_g}_{within}

    For α = 1 (Theil T) the within weights are the groups' value shares ``f_g r_g``; for
    α = 0 (Theil L) the pupil shares ``f_g``.

    Examples
    --------
    >>> d = ge_decomposition([1.0, 1.0, 3.0, 3.0], [0, 0, 1, 1], alpha=0)
    >>> round(d.total, 6) == round(d.between, 6), d.within
    (True, 0.0)
    """
    stats = grouped_generalized_entropy(values, groups, weights, alpha=alpha)
    if np.isnan(stats.value).any():
        raise UndefinedMetricError("decomposition: a group has a zero mean", reason="zero_mean")
    total = generalized_entropy(values, weights, alpha=alpha)
    tw = stats.total_weight
    keep = tw > 0
    f = tw[keep] / tw[keep].sum()
    mu_g = stats.mean[keep]
    mu = float(np.dot(f, mu_g))
    between = generalized_entropy(mu_g, f, alpha=alpha)
    within = float(np.dot(f * (mu_g / mu) ** float(alpha), stats.value[keep]))
    return Decomposition(total=total, between=between, within=within, alpha=float(alpha))


def theil_decomposition(
    values: ArrayLike,
    groups: ArrayLike | tuple[ArrayLike, ...] | GroupIndex,
    weights: ArrayLike | None = None,
) -> Decomposition:
    """Theil T between/within decomposition (GE(1)); see :func:`ge_decomposition`.

    Examples
    --------
    >>> d = theil_decomposition([1.0, 3.0, 1.0, 3.0], ["a", "a", "b", "b"])
    >>> d.between, round(d.within - d.total, 12)
    (0.0, 0.0)
    """
    return ge_decomposition(values, groups, weights, alpha=1.0)

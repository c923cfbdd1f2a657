"""The per-group sums behind the grouped forms: weighted means and variances of every group
in one pass about a shared pilot, with two passes (scaled where needed) for the groups
that need them. Private to :mod:`eduequity.metrics.grouped`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from eduequity.metrics._arrays import (
    HUGE,
    PILOT_FAR,
    TINY,
    FloatArray,
    as_values,
    as_weights,
    pilot_mean,
)

if TYPE_CHECKING:  # the type only: grouped.py imports this module
    from eduequity.metrics.grouped import GroupIndex

# Units per block: the block buffers stay in cache and no 10⁶-element temporary is made.
_BLOCK = 1 << 16


class GroupMoments(NamedTuple):
    """Per group: the mean, the variance of the values scaled by ``scale`` (a power of two,
    1 unless the plain sums would leave the range of float64), unit count, total weight.
    The standard deviation is ``sqrt(var) / scale``, the CV ``sqrt(var) / (mean · scale)``."""

    mean: FloatArray
    var: FloatArray
    scale: FloatArray
    n_units: NDArray[np.int64]
    total_weight: FloatArray


def grouped_moments(
    x: FloatArray, w: FloatArray | None, gi: GroupIndex, *, ddof: float
) -> GroupMoments:
    """Per group: mean, scaled variance (divisor Σw − ddof), unit count and total weight.

    One pass, as for :func:`coefficient_of_variation`: the sums of ``d = x − c`` and ``d²``
    (weighted) about a pilot ``c``, the weighted mean of a sample of units, give each
    group's mean ``c + Σ w d / Σ w`` and ``Σ w (x − mean)² = Σ w d² − (Σ w d)² / Σ w``,
    exact in exact arithmetic. Rounding costs about ``(mean − c)² / var`` times the machine
    epsilon: the groups whose mean lies more than eight standard deviations from the pilot
    (and groups without spread) get the classical two passes over their own units. Groups
    whose sums overflow, or whose values or weights are so small that their squares may
    underflow, get those two passes on their values and weights scaled by powers of two
    (exactly) into ``[0.5, 1)``.
    """
    acc = _Accumulator(gi)
    c = pilot_mean(x, w)
    s1, s2 = np.zeros(gi.n_groups), np.zeros(gi.n_groups)

    def deviations(lo: int, hi: int, out: list[FloatArray]) -> None:
        """``w d²`` and ``w d`` of units ``lo:hi``."""
        squares, firsts = out
        np.subtract(x[lo:hi], c, out=squares)
        if w is None:
            np.copyto(firsts, squares)
        else:
            np.multiply(squares, w[lo:hi], out=firsts)
        squares *= firsts

    with np.errstate(invalid="ignore", over="ignore", under="ignore"):  # looked at below
        if w is None:
            tw = gi.counts.astype(np.float64)
        else:
            tw = np.zeros(gi.n_groups)
            acc.add_array(tw, w)
        acc.add([s2, s1], deviations)
    finite = np.isfinite(s1) & np.isfinite(s2) & np.isfinite(tw)
    if not finite.all():
        as_values(x)  # NaN or inf: raise naming the position
        as_weights(w, x.shape[0])  # (finite values whose sums overflow are scaled below)
    if not tw.sum() > 0:
        as_weights(w, x.shape[0])
    weighed = tw > 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        shift = np.where(weighed & finite, s1 / tw, 0.0)
        ss = np.maximum(s2 - s1 * shift, 0.0)
        far = weighed & finite & (shift * shift * tw >= PILOT_FAR * ss)
    mean = np.where(weighed, c + shift, 0.0)
    if far.any():  # the classical two passes, over those groups' units alone
        units = np.flatnonzero(far[gi.codes])
        codes, xu = gi.codes[units], x[units]
        wu = None if w is None else w[units]
        with np.errstate(over="ignore", invalid="ignore"):  # (overflow: scaled below)
            own = np.bincount(codes, weights=xu if wu is None else wu * xu, minlength=gi.n_groups)
            mean[far] = own[far] / tw[far]
            d = xu - mean[codes]
            d *= d
            if wu is not None:
                d *= wu
        ss[far] = np.bincount(codes, weights=d, minlength=gi.n_groups)[far]
    scale = np.ones(gi.n_groups)
    with np.errstate(invalid="ignore"):
        small = (np.abs(mean) < _SMALL) | (tw < _SMALL)
        overflowed = ~(finite & np.isfinite(mean) & np.isfinite(ss)) | (ss > HUGE)
        tiny = (ss < TINY) | (ss < TINY * tw)  # the sum, or the mean d², below TINY
        rescale = weighed & (overflowed | (tiny & small))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = np.where(tw > ddof, ss / (tw - ddof), np.nan)
    if rescale.any():
        _scaled_two_passes(x, w, gi, rescale, ddof, GroupMoments(mean, var, scale, gi.counts, tw))
    return GroupMoments(mean, var, scale, gi.counts, tw)


# Groups whose mean or total weight lies below this may have had terms of Σ w (x − mean)²
# underflow (when that sum, or its mean over the weight, is below TINY): they are redone
# in a scaled form.
_SMALL = 2.0**-300


def _scaled_two_passes(
    x: FloatArray,
    w: FloatArray | None,
    gi: GroupIndex,
    groups: NDArray[np.bool_],
    ddof: float,
    out: GroupMoments,
) -> None:
    """Redo, in ``out``, the moments of ``groups`` on their values scaled by ``kx`` and
    their weights by ``kw``, the powers of two that bring each group's ``max |x|`` and
    ``max w`` into ``[0.5, 1)``; ``out.scale`` gets ``kx``."""
    units = np.flatnonzero(groups[gi.codes])
    codes, xu = gi.codes[units], x[units]
    peak = np.zeros(gi.n_groups)
    np.maximum.at(peak, codes, np.abs(xu))
    kx = _powers_of_two(peak)
    xu = xu * kx[codes]
    if w is None:
        kw = np.ones(gi.n_groups)
        wu = np.ones_like(xu)
    else:
        heaviest = np.zeros(gi.n_groups)
        np.maximum.at(heaviest, codes, w[units])
        kw = _powers_of_two(heaviest)
        wu = w[units] * kw[codes]
    scaled_tw = np.bincount(codes, weights=wu, minlength=gi.n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled_mean = np.bincount(codes, weights=wu * xu, minlength=gi.n_groups) / scaled_tw
    d = xu - scaled_mean[codes]
    d *= d
    d *= wu
    scaled_ss = np.bincount(codes, weights=d, minlength=gi.n_groups)
    divisor = scaled_tw - kw * ddof  # kw (Σ w − ddof)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out.mean[groups] = scaled_mean[groups] / kx[groups]
        out.var[groups] = np.where(divisor > 0, scaled_ss / divisor, np.nan)[groups]
    out.scale[groups] = kx[groups]


def _powers_of_two(peaks: FloatArray) -> FloatArray:
    """Per entry, the power of two that brings it into ``[0.5, 1)`` (1 for zero)."""
    _, exponent = np.frexp(peaks)
    out: FloatArray = np.ldexp(1.0, -exponent)
    return out


class _Accumulator:
    """Adds per-unit quantities into their groups, block by block (the blocks' buffers stay
    in cache; no n-element temporary). Units in long runs of one group (a table sorted by
    county) are summed run by run with ``numpy.add.reduceat``: adding into the same group
    unit after unit with ``numpy.add.at`` waits on the previous addition every time."""

    def __init__(self, gi: GroupIndex) -> None:
        self.codes = gi.codes
        self.starts = gi.run_starts

    def add_array(self, acc: FloatArray, values: FloatArray) -> None:
        """``acc[group] += value`` for every unit."""
        if self.starts is None:
            np.add.at(acc, self.codes, values)
        else:
            np.add.at(acc, self.codes[self.starts], np.add.reduceat(values, self.starts))

    def add(
        self, accs: list[FloatArray], fill: Callable[[int, int, list[FloatArray]], object]
    ) -> None:
        """``accs[k][group] += value_k`` for every unit, the values of units ``lo:hi``
        written by ``fill(lo, hi, blocks)``, one block per accumulator."""
        n = self.codes.shape[0]
        buffers = [np.empty(min(n, _BLOCK)) for _ in accs]
        for lo in range(0, n, _BLOCK):
            hi = min(lo + _BLOCK, n)
            blocks = [b[: hi - lo] for b in buffers]
            fill(lo, hi, blocks)
            if self.starts is None:
                for a, block in zip(accs, blocks, strict=True):
                    np.add.at(a, self.codes[lo:hi], block)
                continue
            inside = self.starts[np.searchsorted(self.starts, lo, side="right") :]
            local = np.concatenate(([0], inside[: np.searchsorted(inside, hi)] - lo))
            for a, block in zip(accs, blocks, strict=True):
                np.add.at(a, self.codes[lo + local], np.add.reduceat(block, local))

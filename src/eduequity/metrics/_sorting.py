"""Sorting values together with their weights, exactly and faster than ``argsort``.

``numpy.argsort`` of float64 is several times slower than ``numpy.sort`` of 64-bit
integers. For non-negative floats the IEEE bit pattern orders like the value, so we sort
one uint64 key per unit: the value's bits with the low ``k`` bits replaced by the unit's
index (``k = bit_length(n − 1)``). The sort then carries the index along. Values that
differ only in those low bits (relative difference below about ``2**(k − 52)``) can come
out of order; such runs are found (two binary searches each) and re-sorted exactly, so the
result always equals a true sort by value. The keys are built block by block (no
n-element temporaries); for large inputs the gathers by the sorted indices, bound by random
memory access, run in two halves on two threads. Keys and sorted values share one
allocation, and the sorted weights take the place of the sorted indices.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from eduequity.metrics._arrays import FloatArray


def sort_with_weights(x: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return ``(x, w)`` reordered so that ``x`` is ascending.

    ``x`` should be finite and ``>= 0``. Whether it is can be read from the result: a
    negative, NaN or infinite value has the largest key, so it ends up last; when the last
    value is finite and ``>= 0`` every value is (and only then is the order exact).
    """
    n = x.shape[0]
    k = max((n - 1).bit_length(), 1)
    # One allocation for the keys and the sorted values: freed together, the block stays
    # below the allocator's trim threshold and is reused by the next call without page
    # faults (two blocks of n would be returned to the system and faulted in again).
    buf = np.empty(2 * n)
    key, xs = _keys(x, k, out=buf[:n].view(np.uint64)), buf[n:]
    key.sort()
    key &= np.uint64((1 << k) - 1)
    order = key.view(np.int64)
    # The weights go where the order was (no second n-element array): each block of the
    # order is copied out before the gathers overwrite it.
    ws = key.view(np.float64)

    def gather(lo: int, hi: int) -> np.ndarray:
        """Values and weights of sorted positions lo..hi; where the values descend."""
        block = np.empty(min(_GATHER_BLOCK, hi - lo), dtype=np.int64)
        for a in range(lo, hi, _GATHER_BLOCK):
            b = min(a + _GATHER_BLOCK, hi)
            at = block[: b - a]
            np.copyto(at, order[a:b])
            np.take(x, at, out=xs[a:b], mode="clip")  # indices from the sort: valid
            np.take(w, at, out=ws[a:b], mode="clip")
        return lo + np.flatnonzero(xs[lo + 1 : hi] < xs[lo : hi - 1])

    descents = _in_halves(gather, n)
    h = n // 2
    if len(descents) == 2 and xs[h] < xs[h - 1]:  # across the cut between the halves
        descents.append(np.array([h - 1]))
    bad = np.sort(np.concatenate(descents))
    last = xs[-1]
    if bad.size and np.isfinite(last) and last >= 0:
        _resort_runs(xs, ws, k, bad)
    return xs, ws


def weighted_gini_sums(x: FloatArray, w: FloatArray) -> tuple[float, float, float, float] | None:
    """``(Σ w, Σ w x, Σ w x (2 C − w − W), min w)`` over the units sorted by value, with
    ``C`` the running sum of the weights, or ``None`` when some value is negative, NaN or
    infinite (the caller then words the error).
    """
    xs, ws = sort_with_weights(x, w)
    if not (np.isfinite(xs[-1]) and xs[-1] >= 0):
        return None

    total_w, lowest, total_xw = float(ws.sum()), float(ws.min()), float(np.dot(xs, ws))
    xs *= ws  # in place: xs becomes x·w and ws the running sum of the weights
    sum_xw2 = float(np.dot(xs, ws))
    np.cumsum(ws, out=ws)
    xw_c = float(np.dot(xs, ws))
    num = 2.0 * xw_c - sum_xw2 - total_w * total_xw
    return total_w, total_xw, num, lowest


# From this many units on, the gathers by the sorted indices run in two halves on two
# threads (numpy releases the GIL in ``take``): they are bound by random memory access,
# which a second core overlaps.
_THREADED_FROM = 1 << 16

# Sorted positions per block of a gather: the block's copy of the order stays in cache.
_GATHER_BLOCK = 1 << 15

T = TypeVar("T")


def _in_halves(fn: Callable[[int, int], T], n: int) -> list[T]:
    """``[fn(0, n)]``, or ``[fn(0, h), fn(h, n)]`` with the second on a thread of its own."""
    if n < _THREADED_FROM:
        return [fn(0, n)]
    h = n // 2
    second: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            second.append(fn(h, n))
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    helper = threading.Thread(target=run)
    helper.start()
    try:
        first = fn(0, h)
    finally:
        helper.join()
    if errors:
        raise errors[0]
    return [first, second[0]]


# Units per block when building keys: the block's temporaries stay in cache and no
# n-element index array is made.
_BLOCK = 8192


def _keys(x: FloatArray, k: int, out: np.ndarray | None = None) -> np.ndarray:
    """``bits(x) >> k << k | index`` per unit, block by block (``+ 0.0`` turns -0.0 into 0.0)."""
    n = x.shape[0]
    shift = np.uint64(k)
    key = np.empty(n, dtype=np.uint64) if out is None else out
    as_float = key.view(np.float64)
    base = np.arange(min(n, _BLOCK), dtype=np.uint64)
    index = np.empty_like(base)
    for lo in range(0, n, _BLOCK):
        hi = min(lo + _BLOCK, n)
        block = key[lo:hi]
        np.add(x[lo:hi], 0.0, out=as_float[lo:hi])
        block >>= shift
        block <<= shift
        np.add(base[: hi - lo], np.uint64(lo), out=index[: hi - lo])
        block |= index[: hi - lo]
    return key


def _resort_runs(xs: FloatArray, ws: FloatArray, k: int, bad: np.ndarray) -> None:
    """Sort, in place, the runs of equal truncated keys that hold an inversion.

    The truncated keys of ``xs`` (its bits above the low ``k``) are non-decreasing, so the
    run holding position ``b`` spans the values whose bits lie in ``[T << k, (T + 1) << k)``
    with ``T`` the truncated key of ``xs[b]``: two binary searches find it, without a pass
    over the whole array.
    """
    if xs[0] == 0:  # -0.0 has the sign bit set: make the bit patterns monotone again
        xs[: np.searchsorted(xs, 0.0, side="right")] = 0.0
    bits = xs.view(np.uint64)
    shift = np.uint64(k)
    low = (bits[bad] >> shift) << shift
    starts = np.searchsorted(bits, low, side="left")
    ends = np.searchsorted(bits, low + (np.uint64(1) << shift), side="left")
    starts, first = np.unique(starts, return_index=True)
    ends = ends[first]
    lengths = ends - starts
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    idx = offsets + np.arange(int(lengths.sum()))
    run_of = np.repeat(np.arange(starts.size), lengths)
    sub = idx[np.lexsort((xs[idx], run_of))]
    xs[idx], ws[idx] = xs[sub], ws[sub]

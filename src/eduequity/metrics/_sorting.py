"""Sorting values together with their weights, exactly and faster than ``argsort``.

``numpy.argsort`` of float64 is several times slower than ``numpy.sort`` of 64-bit
integers. For non-negative floats the IEEE bit pattern orders like the value, so we sort
one uint64 key per unit: the value's bits with the low ``k`` bits replaced by the unit's
index (``k = bit_length(n − 1)``). The sort then carries the index along. Values that
differ only in those low bits (relative difference below about ``2**(k − 52)``) can come
out of order; such runs are found (two binary searches each) and re-sorted exactly, so the
result always equals a true sort by value. The keys are built block by block (no
n-element temporaries) and the two gathers by the sorted indices, bound by random memory
access, run on two threads for large inputs.
"""

from __future__ import annotations

import threading

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
    key = _keys(x, k)
    key.sort()
    key &= np.uint64((1 << k) - 1)
    xs, ws = _gather(key.view(np.int64), x, w)
    last = xs[-1]
    if not (np.isfinite(last) and last >= 0):
        return xs, ws
    bad = np.flatnonzero(xs[1:] < xs[:-1])
    if bad.size:
        _resort_runs(xs, ws, k, bad)
    return xs, ws


# Units per block when building keys: the block's temporaries stay in cache and no
# n-element index array is made.
_BLOCK = 8192


def _keys(x: FloatArray, k: int) -> np.ndarray:
    """``bits(x) >> k << k | index`` per unit, block by block (``+ 0.0`` turns -0.0 into 0.0)."""
    n = x.shape[0]
    shift = np.uint64(k)
    key = np.empty(n, dtype=np.uint64)
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


# From this many units on, the two gathers run on two threads (numpy releases the GIL
# in ``take``): each is bound by random memory access, which a second core overlaps.
_THREADED_FROM = 1 << 16


def _gather(order: np.ndarray, x: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``(x[order], w[order])``."""
    if order.shape[0] < _THREADED_FROM:
        return x[order], w[order]
    ws = np.empty(w.shape[0])
    helper = threading.Thread(target=np.take, args=(w, order), kwargs={"out": ws, "mode": "clip"})
    helper.start()
    try:
        xs = np.take(x, order, mode="clip")  # indices come from the sort: always valid
    finally:
        helper.join()
    return xs, ws


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

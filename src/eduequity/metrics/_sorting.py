"""Sorting values together with their weights, exactly and faster than ``argsort``.

``numpy.argsort`` of float64 is several times slower than ``numpy.sort``. For non-negative
floats the IEEE bit pattern orders like the value, so we sort one uint64 key per unit: the
value's bits with the low ``k`` bits replaced by the unit's index (``k = bit_length(n −
1)``). The sort then carries the index along, and the weights are gathered by it; the
values themselves are sorted by ``numpy.sort`` at the same time on a second thread.
Distinct values whose keys agree above the index bits (they differ by less than about
``2**(k − 52)`` relatively) are ordered by index, not value: such runs are found in one
pass over the sorted values and put in value order exactly, so the weights always follow a
true sort by value (equal values may come in any order). The keys are built block by
block (no n-element temporaries); for large inputs the two sorts, the gather (bound by
random memory access) and the running sums run on two threads. Keys, sorted values and
scratch share one allocation, and the sorted weights take the place of the sorted indices.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from eduequity.metrics._arrays import FloatArray


def sort_with_weights(x: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray] | None:
    """Return ``(x, w)`` reordered so that ``x`` is ascending, or ``None`` when some value
    is negative, NaN or infinite (the sort shows it: such values come first or last).
    """
    return _sort_into(x, w, np.empty(3 * x.shape[0]))


def _sort_into(
    x: FloatArray, w: FloatArray, buf: FloatArray
) -> tuple[FloatArray, FloatArray] | None:
    """:func:`sort_with_weights` in ``buf`` (at least ``3n``): the sorted weights in
    ``buf[:n]``, where the keys were, the sorted values in ``buf[n:2n]``; ``buf[2n:3n]``
    is scratch.

    The values are sorted as they are (``numpy.sort``, on a second thread while the keys
    sort on the first) and only the weights are gathered by the keys' order: one random
    memory access per unit instead of two. Where the keys order a run of near-equal values
    by index instead of value (see the module docstring), the run is put in value order
    before the gather. One allocation for everything: freed together, the block stays below
    the allocator's trim threshold and is reused by the next call without page faults.
    """
    n = x.shape[0]
    k = max((n - 1).bit_length(), 1)
    key, xs, scratch = buf[:n].view(np.uint64), buf[n : 2 * n], buf[2 * n : 3 * n]
    np.copyto(xs, x)

    def keys_sorted() -> None:
        _keys(x, k, key)
        key.sort()

    def values_sorted() -> np.ndarray | None:
        """Sort the values; then the positions whose right neighbour is a distinct value
        agreeing above the index bits (the keys put such runs in index order: equal values
        need nothing). ``None`` when some value is negative, NaN or infinite."""
        xs.sort()
        if not (xs[0] >= 0 and np.isfinite(xs[-1])):
            return None
        if xs[0] == 0:  # -0.0 has the sign bit set: make the bit patterns monotone again
            xs[: np.searchsorted(xs, 0.0, side="right")] = 0.0
        apart = scratch[: n - 1].view(np.uint64)
        np.bitwise_xor(bits[1:], bits[:-1], out=apart)
        apart -= np.uint64(1)  # equal neighbours (0) wrap around to the largest value
        return np.flatnonzero(apart < np.uint64((1 << k) - 1))

    bits = xs.view(np.uint64)
    _, near = _both(keys_sorted, values_sorted, n >= _THREADED_FROM)  # on two threads
    if near is None:
        return None
    key &= np.uint64((1 << k) - 1)
    order = key.view(np.int64)
    if near.size:
        _order_runs(order, x, bits, k, near)
    ws = key.view(np.float64)  # the weights overwrite the order, block by block

    def gather(lo: int, hi: int) -> None:
        block = np.empty(min(_GATHER_BLOCK, hi - lo), dtype=np.int64)
        for a in range(lo, hi, _GATHER_BLOCK):
            b = min(a + _GATHER_BLOCK, hi)
            at = block[: b - a]
            np.copyto(at, order[a:b])
            np.take(w, at, out=ws[a:b], mode="clip")  # indices from the sort: valid

    _in_halves(gather, n)
    return xs, ws


def _order_runs(
    order: np.ndarray, x: FloatArray, bits: np.ndarray, k: int, near: np.ndarray
) -> None:
    """Put in value order, in place, the run of ``order`` around each position of ``near``.

    ``bits`` are the sorted values' bit patterns, non-decreasing. The run holding position
    ``b`` spans the values whose bits lie in ``[T << k, (T + 1) << k)`` with ``T`` the
    truncated bits of position ``b``: two binary searches find it, without a pass over the
    whole array.
    """
    shift = np.uint64(k)
    low = (bits[near] >> shift) << shift
    starts = np.searchsorted(bits, low, side="left")
    ends = np.searchsorted(bits, low + (np.uint64(1) << shift), side="left")
    starts, first = np.unique(starts, return_index=True)
    ends = ends[first]
    lengths = ends - starts
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    at = offsets + np.arange(int(lengths.sum()))
    run = np.repeat(np.arange(starts.size), lengths)
    units = order[at]
    order[at] = units[np.lexsort((x[units] + 0.0, run))]


def weighted_gini_sums(x: FloatArray, w: FloatArray) -> tuple[float, float, float, float] | None:
    """``(Σ w, Σ w x, Σ w x (2 C − w − W), min w)`` over the units sorted by value, with
    ``C`` the running sum of the weights, or ``None`` when some value is negative, NaN or
    infinite (the caller then words the error).
    """
    n = x.shape[0]
    buf = np.empty(3 * n)  # keys, then weights | values | running sums of the weights
    sorted_ = _sort_into(x, w, buf)
    if sorted_ is None:
        return None
    xs, ws = sorted_
    total_w, lowest, total_xw = float(ws.sum()), float(ws.min()), _dot(xs, ws)
    xs *= ws  # in place: xs becomes x·w
    sum_xw2 = _dot(xs, ws)
    # Σ xw·C: the running sums of each half on a thread of its own (into a separate array:
    # numpy's in-place cumsum does not run in parallel); the second half's running sums
    # then lack the first half's total.
    c = buf[2 * n :]
    firsts = _in_halves(lambda lo, hi: float(np.cumsum(ws[lo:hi], out=c[lo:hi])[-1]), n)
    xw_c = _dot(xs, c)
    if len(firsts) == 2:
        xw_c += firsts[0] * float(xs[n // 2 :].sum())
    num = 2.0 * xw_c - sum_xw2 - total_w * total_xw
    return total_w, total_xw, num, lowest


def _dot(a: FloatArray, b: FloatArray) -> float:
    """``Σ a·b`` without BLAS: a threaded BLAS call leaves its worker threads spinning for
    a while after it returns, and on two cores they take the core our own threads need."""
    return float(np.einsum("i,i->", a, b))


# From this many units on, the two sorts, the gather by the sorted indices and the running
# sums run on two threads (numpy releases the GIL in ``sort``, ``take`` and ``cumsum``):
# a second core overlaps the sorts, the random memory access of the gather and the chain
# of dependent additions of the running sums.
_THREADED_FROM = 1 << 16

# Sorted positions per block of a gather: the block's copy of the order stays in cache.
_GATHER_BLOCK = 1 << 15

T = TypeVar("T")
U = TypeVar("U")


def _in_halves(fn: Callable[[int, int], T], n: int) -> list[T]:
    """``[fn(0, n)]``, or ``[fn(0, h), fn(h, n)]`` on two threads for large ``n``."""
    if n < _THREADED_FROM:
        return [fn(0, n)]
    h = n // 2
    return list(_both(lambda: fn(0, h), lambda: fn(h, n), True))


def _both(first: Callable[[], T], second: Callable[[], U], threaded: bool) -> tuple[T, U]:
    """``(first(), second())``, the second on a thread of its own when ``threaded``
    (its exception, if any, re-raised here)."""
    if not threaded:
        return first(), second()
    out: list[U] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            out.append(second())
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    helper = threading.Thread(target=run)
    helper.start()
    try:
        result = first()
    finally:
        helper.join()
    if errors:
        raise errors[0]
    return result, out[0]


# Units per block when building keys: the block's temporaries stay in cache and no
# n-element index array is made.
_BLOCK = 8192


def _keys(x: FloatArray, k: int, key: np.ndarray) -> None:
    """``key = bits(x) >> k << k | index``, block by block (``+ 0.0`` turns -0.0 into 0.0)."""
    n = x.shape[0]
    shift = np.uint64(k)
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

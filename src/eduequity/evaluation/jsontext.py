"""The JSON text of a county's school sections, written straight from a :class:`Run`'s arrays.

:func:`county_text` gives the text ``json.dumps(build_county(run, k).to_dict(), indent=…)``
would give, the same bytes, without building a
:class:`~eduequity.results.SchoolResult` or a :class:`~eduequity.results.Miss` per section:
the county's small parts (indicators, parts, rules) are built and encoded as before, and
each level's ``schools[]`` is written from column arrays. Every miss of the run is
computed once, as columns (:class:`_Misses`), and encoded in one pass. Floats are written
with ``repr`` (the shortest text that reads back the same double, as :mod:`json` does);
an undefined number is ``null``, never NaN.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity import _columns as C
from eduequity.evaluation.run import Run
from eduequity.verdicts import NOT_APPLICABLE, PASS

__all__ = ["SchoolsWriter", "county_text"]

_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]
_MARK = "\x00schools:{}\x00"
_VERDICT = {1: "true", 0: "false", -1: "null", -2: "null"}  # codes, as JSON


def _float(x: float) -> str:
    """A finite double as JSON (NaN and ±inf are refused, as ``allow_nan=False`` does)."""
    if x != x or x in (math.inf, -math.inf):
        raise ValueError(f"Out of range float values are not JSON compliant: {x!r}")
    return float.__repr__(x)


def _num(x: float) -> str:
    """A double or ``null`` (NaN, ±inf), as :func:`~eduequity.results.num` gives it."""
    return "null" if x != x or x in (math.inf, -math.inf) else float.__repr__(x)


class _Layout:
    """Separators for one ``indent`` at each depth (``None``: one line, as :mod:`json`)."""

    def __init__(self, indent: int | None) -> None:
        self.indent = indent

    def nl(self, depth: int) -> str:
        return "" if self.indent is None else "\n" + " " * (self.indent * depth)

    def obj(self, pairs: list[str], depth: int) -> str:
        """``{…}`` of encoded ``"key": value`` pairs whose keys sit at ``depth + 1``."""
        if not pairs:
            return "{}"
        if self.indent is None:
            return "{" + ", ".join(pairs) + "}"
        inner = self.nl(depth + 1)
        return "{" + inner + ("," + inner).join(pairs) + self.nl(depth) + "}"

    def arr(self, items: list[str], depth: int) -> str:
        if not items:
            return "[]"
        if self.indent is None:
            return "[" + ", ".join(items) + "]"
        inner = self.nl(depth + 1)
        return "[" + inner + ("," + inner).join(items) + self.nl(depth) + "]"


@dataclass(frozen=True)
class _Misses:
    """Every miss of the run as encoded JSON objects, ordered by section, then rule and item
    (the order of ``failures[]``); ``start[i]:start[i + 1]`` are section ``i``'s."""

    text: list[str]
    start: NDArray[np.intp]


class SchoolsWriter:
    """Writes the ``schools[]`` of any group of ``run`` (misses computed once, lazily)."""

    def __init__(self, run: Run, indent: int | None) -> None:
        self.run = run
        self.layout = _Layout(indent)
        self.names = [_enc(k) for k in run.indicators]
        self.rules = [
            (_enc(rid), check, [(_enc(it.indicator), it.indicator) for it in check.rule.items])
            for rid, check in run.checks.items()
        ]

    @cached_property
    def misses(self) -> _Misses:
        return self._misses(depth=6)

    def _misses(self, depth: int) -> _Misses:
        """Each miss as ``{…}`` with its keys at ``depth + 1`` (a county's schools[]'s
        failures[] items sit at depth 6 of the county's text)."""
        run, lay = self.run, self.layout
        n = len(run.sections)
        chunks: list[tuple[NDArray[np.intp], NDArray[np.intp], list[str]]] = []
        kind = 0
        for _, check in run.checks.items():
            k = check.check
            if k is None:
                kind += len(check.rule.items)
                continue
            rule = check.rule
            applies = check.verdict != NOT_APPLICABLE
            for j, item in enumerate(rule.items):
                kind += 1
                threshold = check.threshold_columns[j]
                at = np.flatnonzero(
                    applies & check.misses_any & ~np.isnan(threshold) & ~k.met[:, j]
                )
                if not at.size:
                    continue
                value = check.value_columns[j][at]
                thr = threshold[at]
                short = k.shortfall[at, j]
                up = item.comparison == "at_least"
                iv = run.indicators[item.indicator]
                scale = iv.indicator.scale

                def total(amount: NDArray[np.float64], up: bool = up) -> NDArray[np.float64]:
                    if not up:
                        return np.full(amount.size, np.nan)
                    if iv.denominator is None:
                        return amount / scale
                    with np.errstate(invalid="ignore", over="ignore"):
                        return amount * iv.denominator[at] / scale

                if rule.floor is not None:
                    floor_v = thr * rule.floor if up else thr / rule.floor
                    to_floor = k.shortfall_to_floor[at, j]
                    below = np.where(np.isnan(value) | (to_floor > 0), "true", "false").tolist()
                else:
                    floor_v = to_floor = np.full(at.size, np.nan)
                    below = ["null"] * at.size
                tolerated = np.where(check.verdict[at] == PASS, "true", "false").tolist()
                why = _enc("below standard" if up else "above standard")
                reason = [_enc("missing value") if m else why for m in np.isnan(value).tolist()]
                head = [
                    f'"rule": {_enc(rule.id)}',
                    f'"part": {_enc(rule.part)}',
                    f'"indicator": {_enc(item.indicator)}',
                    f'"comparison": {_enc(item.comparison)}',
                ]
                unit = f'"total_unit": {_enc(iv.total_unit)}'
                ref = f'"reference": {_enc(item.reference or rule.reference)}'
                cols = zip(
                    value.tolist(),
                    thr.tolist(),
                    short.tolist(),
                    total(short).tolist(),
                    floor_v.tolist(),
                    to_floor.tolist(),
                    total(to_floor).tolist(),
                    below,
                    tolerated,
                    reason,
                    strict=True,
                )
                texts = [
                    lay.obj(
                        [
                            *head,
                            f'"value": {_num(v)}',
                            f'"threshold": {_float(t)}',
                            f'"shortfall": {_num(s)}',
                            f'"shortfall_total": {_num(st)}',
                            f'"floor_value": {_num(fv)}',
                            f'"shortfall_to_floor": {_num(tf)}',
                            f'"shortfall_to_floor_total": {_num(tft)}',
                            unit,
                            f'"below_floor": {b}',
                            f'"tolerated": {tol}',
                            f'"reason": {r}',
                            ref,
                        ],
                        depth,
                    )
                    for v, t, s, st, fv, tf, tft, b, tol, r in cols
                ]
                chunks.append((at, np.full(at.size, kind, dtype=np.intp), texts))
        if not chunks:
            return _Misses([], np.zeros(n + 1, dtype=np.intp))
        section = np.concatenate([c[0] for c in chunks])
        kinds = np.concatenate([c[1] for c in chunks])
        texts = [t for c in chunks for t in c[2]]
        order = np.lexsort((kinds, section))
        start = np.searchsorted(section[order], np.arange(n + 1))
        return _Misses([texts[o] for o in order.tolist()], start)

    def schools(self, members: NDArray[np.intp], depth: int = 3) -> str:
        """``schools[]`` of the sections ``members`` (the array closes at ``depth``)."""
        run, lay = self.run, self.layout
        s, t = run.sections, run.table
        if not members.size:
            return "[]"
        rows = s.row[members]
        strings = [
            [_enc(x) for x in col.tolist()]
            for col in (
                s.school_id[members],
                t["school_name"][rows],
                t["school_type"][rows],
                t["location"][rows],
            )
        ]
        students = s.values["students"][members].tolist()
        values = [run.indicators[k].values[members].tolist() for k in run.indicators]
        passed = run.sections_passed[members].tolist()
        checks = [
            (
                rid,
                check.verdict[members].tolist(),
                [(key, c[members].tolist()) for (key, _), c in zip(items, check.threshold_columns,
                                                                   strict=True)],
                [ind for _, ind in items],
            )
            for rid, check, items in self.rules
        ]
        misses = self.misses
        d1 = depth + 2
        out = []
        for j, i in enumerate(members.tolist()):
            rules: list[str] = []
            thresholds: dict[str, str] = {}
            for rid, codes, columns, _ in checks:
                code = codes[j]
                if code == NOT_APPLICABLE:
                    continue
                for key, col in columns:
                    x = col[j]
                    if x == x and key not in thresholds:
                        thresholds[key] = _float(x)
                rules.append(f"{rid}: {_VERDICT[code]}")
            pairs = [
                f'"school_id": {strings[0][j]}',
                f'"school_name": {strings[1][j]}',
                f'"school_type": {strings[2][j]}',
                f'"location": {strings[3][j]}',
                f'"students": {_float(students[j])}',
                '"values": '
                + lay.obj([f"{k}: {_num(v[j])}" for k, v in zip(self.names, values, strict=True)],
                          d1),
                '"thresholds": ' + lay.obj([f"{k}: {v}" for k, v in thresholds.items()], d1),
                f'"passed": {_VERDICT[passed[j]]}',
                '"rules": ' + lay.obj(rules, d1),
                '"failures": ' + lay.arr(misses.text[misses.start[i] : misses.start[i + 1]], d1),
            ]
            out.append(lay.obj(pairs, depth + 1))
        return lay.arr(out, depth)


def county_text(run: Run, k: int, writer: SchoolsWriter, indent: int | None) -> str:
    """County ``k`` of ``run`` as JSON text: ``json.dumps(build_county(run, k).to_dict(),
    ensure_ascii=False, indent=indent, allow_nan=False)``, the same bytes."""
    from eduequity.evaluation.build import build_county

    doc: dict[str, Any] = build_county(run, k, schools=False).to_dict()
    for lv in doc["levels"]:
        doc["levels"][lv]["schools"] = _MARK.format(lv)
    text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)
    for li, lv in enumerate(C.LEVELS):
        if lv in doc["levels"]:
            marker = json.dumps(_MARK.format(lv), ensure_ascii=False)
            text = text.replace(marker, writer.schools(run.members[2 * k + li]), 1)
    return text

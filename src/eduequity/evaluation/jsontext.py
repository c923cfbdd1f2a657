"""The JSON text of a county's school sections, written straight from a :class:`Run`'s arrays.

:func:`county_text` gives the text ``json.dumps(build_county(run, k).to_dict(), indent=…)``
would give, the same bytes, without building a
:class:`~eduequity.results.SchoolResult` or a :class:`~eduequity.results.Miss` per section:
the county's small parts (indicators, parts, rules) are built and encoded as before, and
each level's ``schools[]`` is written from column arrays. Every miss of the run is
found once, as columns, and encoded a batch of counties at a time. Floats are written
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
from eduequity.evaluation.engine import SchoolRuleCheck
from eduequity.evaluation.frames import MISS_COLUMNS
from eduequity.evaluation.run import Run
from eduequity.metrics.thresholds import floor_value
from eduequity.verdicts import NOT_APPLICABLE, PASS

__all__ = ["SchoolsWriter", "county_text"]

_enc = json.encoder.encode_basestring
_VERDICT = {1: "true", 0: "false", -1: "null", -2: "null"}  # codes, as JSON


def _float(x: float) -> str:
    """A finite double as JSON (NaN and ±inf are refused, as ``allow_nan=False`` does)."""
    if not math.isfinite(x):
        raise ValueError(f"Out of range float values are not JSON compliant: {x!r}")
    return float.__repr__(x)


def _nums(values: NDArray[np.float64]) -> list[str]:
    """Doubles as JSON, ``null`` for NaN and ±inf (:func:`~eduequity.results.num`)."""
    out = list(map(float.__repr__, values.tolist()))
    bad = ~np.isfinite(values)
    if bad.any():
        for j in np.flatnonzero(bad).tolist():
            out[j] = "null"
    return out


def _floats(values: NDArray[np.float64]) -> list[str]:
    """Finite doubles as JSON (refused otherwise)."""
    if not np.isfinite(values).all():
        bad = values[~np.isfinite(values)][0]
        raise ValueError(f"Out of range float values are not JSON compliant: {bad!r}")
    return list(map(float.__repr__, values.tolist()))


_SCALARS: dict[type, Any] = {
    str: _enc,
    float: _float,
    int: int.__repr__,
    bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null",
}


class Raw(str):
    """Text already encoded, written as it is."""


class _Layout:
    """Separators for one ``indent`` at each depth (``None``: one line, as :mod:`json`)."""

    def __init__(self, indent: int | None) -> None:
        self.indent = indent
        self._nl = ["" if indent is None else "\n" + " " * (indent * d) for d in range(64)]
        self._sep = ["," + nl if indent is not None else ", " for nl in self._nl]

    def nl(self, depth: int) -> str:
        return self._nl[depth] if depth < 64 else "\n" + " " * ((self.indent or 0) * depth)

    def obj(self, pairs: list[str], depth: int) -> str:
        """``{…}`` of encoded ``"key": value`` pairs whose keys sit at ``depth + 1``."""
        if not pairs:
            return "{}"
        if depth >= 63:
            inner = self.nl(depth + 1)
            sep = ("," + inner) if self.indent is not None else ", "
            return "{" + inner + sep.join(pairs) + self.nl(depth) + "}"
        nl = self._nl
        return "{" + nl[depth + 1] + self._sep[depth + 1].join(pairs) + nl[depth] + "}"

    def arr(self, items: list[str], depth: int) -> str:
        if not items:
            return "[]"
        if depth >= 63:
            inner = self.nl(depth + 1)
            sep = ("," + inner) if self.indent is not None else ", "
            return "[" + inner + sep.join(items) + self.nl(depth) + "]"
        nl = self._nl
        return "[" + nl[depth + 1] + self._sep[depth + 1].join(items) + nl[depth] + "]"

    def template(self, keys: list[str], depth: int) -> str:
        """An object of the encoded ``keys`` with ``%s`` for each value (``%`` escaped)."""
        return self.obj([f"{k.replace('%', '%%')}: %s" for k in keys], depth)

    def dumps(self, obj: Any, depth: int) -> str:
        """``obj`` as :func:`json.dumps` writes it at ``depth`` (``ensure_ascii=False``,
        ``allow_nan=False``); :class:`Raw` text is written as it is."""
        if isinstance(obj, str):
            return obj if isinstance(obj, Raw) else _enc(obj)
        if obj is None:
            return "null"
        if obj is True:
            return "true"
        if obj is False:
            return "false"
        if isinstance(obj, float):
            return _float(obj)
        if isinstance(obj, int):
            return int.__repr__(obj)
        if isinstance(obj, dict):
            pairs: list[str] = []
            for k, v in obj.items():
                if type(k) is not str:  # json's own conversion of other keys, below
                    break
                enc = _SCALARS.get(type(v))
                pairs.append(f"{_enc(k)}: {enc(v) if enc else self.dumps(v, depth + 1)}")
            else:
                return self.obj(pairs, depth)
        if isinstance(obj, list | tuple):
            items = []
            for v in obj:
                enc = _SCALARS.get(type(v))
                items.append(enc(v) if enc else self.dumps(v, depth + 1))
            return self.arr(items, depth)
        text = json.dumps(obj, ensure_ascii=False, indent=self.indent, allow_nan=False)
        return text.replace("\n", self.nl(depth)) if self.indent is not None else text


_BATCH = 256  # counties whose misses are encoded together (and held, as text, at once)


@dataclass(frozen=True)
class _Place:
    """Where one item of a per-school rule is missed: ``at`` the sections, in group order
    (``groups`` theirs), ``kind`` the item's place among all rules' items."""

    kind: int
    check: SchoolRuleCheck
    j: int
    at: NDArray[np.intp]
    groups: NDArray[np.intp]


class SchoolsWriter:
    """Writes the ``schools[]`` of any group of ``run`` whose county's text starts at
    ``depth``. The misses are found once, for the whole run, and encoded for
    :data:`_BATCH` counties at a time (only their text is held)."""

    def __init__(self, run: Run, indent: int | None, depth: int = 0) -> None:
        self.run = run
        self.layout = _Layout(indent)
        self.depth = depth
        self.values = self.layout.template([_enc(k) for k in run.indicators], depth + 5)
        self.rules = [
            (_enc(rid), check, [_enc(it.indicator) for it in check.rule.items])
            for rid, check in run.checks.items()
        ]
        self._batch = -1
        self._texts: dict[int, list[str]] = {}

    @cached_property
    def _places(self) -> list[_Place]:
        run = self.run
        out = []
        kind = 0
        for check in run.checks.values():
            k = check.check
            if k is None:
                kind += len(check.rule.items)
                continue
            applies = check.verdict != NOT_APPLICABLE
            for j in range(len(check.rule.items)):
                kind += 1
                threshold = check.threshold_columns[j]
                at = np.flatnonzero(
                    applies & check.misses_any & ~np.isnan(threshold) & ~k.met[:, j]
                )
                order = np.argsort(run.group[at], kind="stable")
                at = at[order]
                out.append(_Place(kind, check, j, at, run.group[at]))
        return out

    def _misses(self, g: int) -> dict[int, list[str]]:
        """Section → its misses as ``{…}`` (in rule and item order), for every section of
        the batch of counties that holds group ``g``; failures[] items sit at depth 6 of
        the county's text."""
        batch = g // (2 * _BATCH)
        if batch == self._batch:
            return self._texts
        self._texts = {}  # the previous batch's text is dropped first
        g0, g1 = batch * 2 * _BATCH, (batch + 1) * 2 * _BATCH
        run, lay = self.run, self.layout
        chunks: list[tuple[NDArray[np.intp], NDArray[np.intp], list[str]]] = []
        for place in self._places:
            lo, hi = np.searchsorted(place.groups, [g0, g1]).tolist()
            if lo == hi:
                continue
            at, check, j, kind = place.at[lo:hi], place.check, place.j, place.kind
            k = check.check
            assert k is not None
            rule = check.rule
            item = rule.items[j]
            threshold = check.threshold_columns[j]
            value = check.value_columns[j][at]
            thr = threshold[at]
            short = k.shortfall[at, j]
            up = item.comparison == "at_least"
            iv = run.indicators[item.indicator]
            scale = iv.indicator.scale
            denominator = None if iv.denominator is None else iv.denominator[at]

            def total(
                amount: NDArray[np.float64],
                up: bool = up,
                d: NDArray[np.float64] | None = denominator,
                scale: float = scale,
            ) -> NDArray[np.float64]:
                if not up:
                    return np.full(amount.size, np.nan)
                with np.errstate(invalid="ignore", over="ignore"):
                    return amount / scale if d is None else amount * d / scale

            if rule.floor is not None:
                floor_v = floor_value(thr, rule.floor, item.comparison)
                to_floor = k.shortfall_to_floor[at, j]
                below = np.where(np.isnan(value) | (to_floor > 0), "true", "false").tolist()
            else:
                floor_v = to_floor = np.full(at.size, np.nan)
                below = ["null"] * at.size
            tolerated = np.where(check.verdict[at] == PASS, "true", "false").tolist()
            why = _enc("below standard" if up else "above standard")
            reason = [_enc("missing value") if m else why for m in np.isnan(value).tolist()]
            const = {
                '"rule"': _enc(rule.id),
                '"part"': _enc(rule.part),
                '"indicator"': _enc(item.indicator),
                '"comparison"': _enc(item.comparison),
                '"total_unit"': _enc(iv.total_unit),
                '"reference"': _enc(item.reference or rule.reference),
            }
            keys = [f'"{x}"' for x in MISS_COLUMNS[4:]]  # a failure: a misses row, unplaced
            fixed = {k: v.replace("%", "%%") for k, v in const.items()}
            # the constant values baked in; the variable ones stay %s
            tmpl = lay.obj([f"{k}: {fixed.get(k, '%s')}" for k in keys], self.depth + 6)
            cols = zip(
                _nums(value),
                _floats(thr),
                _nums(short),
                _nums(total(short)),
                _nums(floor_v),
                _nums(to_floor),
                _nums(total(to_floor)),
                below,
                tolerated,
                reason,
                strict=True,
            )
            texts = [tmpl % row for row in cols]
            chunks.append((at, np.full(at.size, kind, dtype=np.intp), texts))
        if not chunks:
            self._batch = batch
            return self._texts
        section = np.concatenate([c[0] for c in chunks])
        kinds = np.concatenate([c[1] for c in chunks])
        texts = [t for c in chunks for t in c[2]]
        order = np.lexsort((kinds, section))
        section = section[order]
        bounds = np.flatnonzero(np.diff(section)) + 1
        starts = [0, *bounds.tolist()]
        ends = [*bounds.tolist(), section.size]
        ordered = [texts[o] for o in order.tolist()]
        self._texts = {
            sec: ordered[a:b]
            for sec, a, b in zip(section[starts].tolist(), starts, ends, strict=True)
        }
        self._batch = batch
        return self._texts

    def schools(self, g: int) -> str:
        """``schools[]`` of the sections of group ``g``."""
        members = self.run.members[g]
        run, lay = self.run, self.layout
        depth = self.depth + 3
        s, t = run.sections, run.table
        if not members.size:
            return "[]"
        rows = s.row[members]
        ids, names, types, locations = (
            list(map(_enc, col.tolist()))
            for col in (
                s.school_id[members],
                t["school_name"][rows],
                t["school_type"][rows],
                t["location"][rows],
            )
        )
        students = _floats(s.values["students"][members])
        columns = [_nums(iv.values[members]) for iv in run.indicators.values()]
        values = (
            [self.values % row for row in zip(*columns, strict=True)]
            if columns
            else ["{}"] * members.size
        )
        passed = run.sections_passed[members].tolist()
        checks = [
            (
                rid,
                check.verdict[members].tolist(),
                [(key, c[members]) for key, c in zip(items, check.threshold_columns, strict=True)],
            )
            for rid, check, items in self.rules
        ]
        thresholds_of = [
            (rid, codes, [(key, col.tolist()) for key, col in columns])
            for rid, codes, columns in checks
        ]
        misses = self._misses(g)
        none: list[str] = []
        d1 = depth + 2
        school = lay.template(
            [f'"{x}"' for x in ("school_id", "school_name", "school_type", "location",
                                "students", "values", "thresholds", "passed", "rules",
                                "failures")],
            depth + 1,
        )  # fmt: skip
        out = []
        for j, i in enumerate(members.tolist()):
            rules: list[str] = []
            thresholds: dict[str, str] = {}
            for rid, codes, cols in thresholds_of:
                code = codes[j]
                if code == NOT_APPLICABLE:
                    continue
                for key, col in cols:
                    x = col[j]
                    if x == x and key not in thresholds:
                        thresholds[key] = _float(x)
                rules.append(f"{rid}: {_VERDICT[code]}")
            out.append(
                school
                % (
                    ids[j],
                    names[j],
                    types[j],
                    locations[j],
                    students[j],
                    values[j],
                    lay.obj([f"{k}: {v}" for k, v in thresholds.items()], d1),
                    _VERDICT[passed[j]],
                    lay.obj(rules, d1),
                    lay.arr(misses.get(i, none), d1),
                )
            )
        return lay.arr(out, depth)


def county_text(run: Run, k: int, writer: SchoolsWriter) -> str:
    """County ``k`` of ``run`` as JSON text: ``json.dumps(build_county(run, k).to_dict(),
    ensure_ascii=False, indent=…, allow_nan=False)``, the same bytes, its lines indented
    as at ``writer.depth``."""
    from eduequity.evaluation.build import build_county

    doc: dict[str, Any] = build_county(run, k, schools=False).to_dict()
    for li, lv in enumerate(C.LEVELS):
        if lv in doc["levels"]:
            doc["levels"][lv]["schools"] = Raw(writer.schools(2 * k + li))
    return writer.layout.dumps(doc, writer.depth)

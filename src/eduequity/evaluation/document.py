"""The compact contract ``eduequity.assessment/2``: each county's document, from a run's arrays.

``/2`` holds what ``/1`` holds, with what every county repeated said once (docs/assessment.md,
"/1 and /2"):

- an indicator of a level carries its numbers; its labels (``zh``, ``en``, ``unit``) are in
  ``standard.indicators``;
- a per-school rule of a county carries its counts; the sections it fails are those whose
  ``rules`` say so;
- a section carries its values, its verdict, the rules it does not pass (``rules``: ``false``
  or ``null``; a rule it passes or that does not apply is not listed) and its failures. The
  thresholds it passed are in the ``sections`` table of :meth:`Assessment.to_frames` (and
  in ``/1``); a failure carries its own threshold;
- a failure carries its numbers; what the rule item says (``part``, ``comparison``,
  ``reference``, ``floor``) is in ``standard.rules``.

:func:`compact_county` turns a ``/1`` county into ``/2``: that is the definition.
:class:`CountyDocuments` builds the same ``/2`` county straight from the arrays, the
sections and failures from the columns of :mod:`eduequity.evaluation.frames` (one county
at a time, never a result object per school); a test holds the two equal.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from eduequity import _columns as C
from eduequity.evaluation.build import build_county
from eduequity.evaluation.frames import in_order, miss_columns, section_columns
from eduequity.evaluation.run import Run
from eduequity.results import RuleResult
from eduequity.verdicts import FAIL, UNDECIDED

__all__ = ["BATCH", "FAILURE_KEYS", "CountyDocuments", "compact_county"]

BATCH = 256  # counties whose columns are gathered at once

_LABELS = ("zh", "en", "unit")
_LISTINGS = ("failed_schools", "undecided_schools")
_SECTION_DROPS = ("thresholds",)
_FAILURE_DROPS = ("part", "comparison", "floor_value", "reference")
FAILURE_KEYS = (
    "rule",
    "indicator",
    "value",
    "threshold",
    "shortfall",
    "shortfall_total",
    "shortfall_to_floor",
    "shortfall_to_floor_total",
    "total_unit",
    "below_floor",
    "tolerated",
    "reason",
)
_SECTION_KEYS = ("school_id", "school_name", "school_type", "location", "students")


def compact_county(county: dict[str, Any]) -> dict[str, Any]:
    """A ``/1`` county document as ``/2`` (a new dict; ``county`` is left as it is).

    >>> one = {"levels": {"primary": {"indicators": {"books": {"zh": "图书", "en": "Books",
    ...     "unit": "册", "mean": 30.0, "cv": 0.2}}, "schools": [{"school_id": "S1",
    ...     "thresholds": {"books": 25.0}, "passed": True, "rules": {"r": True, "s": None},
    ...     "failures": []}]}}, "parts": {"p": {"rules": [{"id": "r", "n_failed": 0,
    ...     "failed_schools": [], "undecided_schools": []}]}}}
    >>> two = compact_county(one)
    >>> two["levels"]["primary"]["indicators"]["books"]
    {'mean': 30.0, 'cv': 0.2}
    >>> two["levels"]["primary"]["schools"]
    [{'school_id': 'S1', 'passed': True, 'rules': {'s': None}, 'failures': []}]
    >>> two["parts"]["p"]["rules"]
    [{'id': 'r', 'n_failed': 0}]
    """
    levels = {}
    for lv, level in county["levels"].items():
        levels[lv] = {
            **level,
            "indicators": {
                k: {f: v for f, v in ind.items() if f not in _LABELS}
                for k, ind in level["indicators"].items()
            },
            "schools": [_compact_section(s) for s in level["schools"]],
        }
    parts = {
        pid: {
            **part,
            "rules": [
                {k: v for k, v in r.items() if k not in _LISTINGS} for r in part["rules"]
            ],
        }
        for pid, part in county["parts"].items()
    }
    return {**county, "levels": levels, "parts": parts}


def _compact_section(section: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in section.items() if k not in _SECTION_DROPS}
    out["rules"] = {k: v for k, v in section["rules"].items() if v is not True}
    out["failures"] = [
        {k: v for k, v in f.items() if k not in _FAILURE_DROPS} for f in section["failures"]
    ]
    return out


class CountyDocuments:
    """The ``/2`` documents of a run's counties, each built when asked for (``docs[k]``)
    from the run's columns: ``compact_county(build_county(run, k).to_dict())``, without a
    result object per school. The columns are gathered for :data:`BATCH` counties at a
    time (a nation of two million schools has ten million misses), and only that batch's
    are held."""

    def __init__(self, run: Run, *, nan: bool = False) -> None:
        self.run = run
        # NaN kept as a float (``nan=True``) for an encoder that writes it as null, else None
        self._numbers = _floats if nan else _nulls
        self.code = np.array([k[0] for k in run.keys], dtype=str)
        self.year = np.array([k[1] for k in run.keys], dtype=np.int64)
        self.values = list(run.indicators)
        self._batch = -1
        self._shared: dict[str, RuleResult] = {}  # see build_county

    def _gather(self, batch: int) -> None:
        """The columns of the sections and misses of counties ``batch · BATCH`` onwards."""
        run = self.run
        groups = range(2 * BATCH * batch, min(2 * BATCH * (batch + 1), len(run.members)))
        order = in_order(run, groups)
        self.sections = s = section_columns(run, self.code, self.year, codes=True, order=order)
        self.misses = miss_columns(run, self.code, self.year, FAILURE_KEYS, order=order)
        sizes = np.array([run.members[g].size for g in groups], dtype=np.intp)
        self.group0 = groups.start
        self.group_start = np.concatenate([[0], np.cumsum(sizes)])  # in ``order``
        # misses are in section order too: where each section's failures start
        per_section = np.bincount(self.misses["_position"], minlength=order.size)
        self.miss_start = np.concatenate([[0], np.cumsum(per_section)])
        # the rules a section does not pass: sections share few combinations of them, so
        # each combination's ``rules`` is built once (``self.combos``) and each section
        # holds the index of its own (``self.combo``)
        self.combo, self.combos = _listed_rules(s, list(run.checks), order.size)
        self._batch = batch

    def __getitem__(self, k: int) -> dict[str, Any]:
        if k // BATCH != self._batch:
            self._gather(k // BATCH)
        county = build_county(self.run, k, schools=False, listings=False, shared=self._shared)
        doc = compact_county(county.to_dict())
        for li, lv in enumerate(C.LEVELS):
            if lv in doc["levels"]:
                doc["levels"][lv]["schools"] = self._schools(2 * k + li - self.group0)
        return doc

    def _schools(self, g: int) -> list[dict[str, Any]]:
        """``schools[]`` of the batch's ``g``-th group."""
        a, b = int(self.group_start[g]), int(self.group_start[g + 1])
        s = self.sections
        fixed = zip(*(s[key][a:b].tolist() for key in _SECTION_KEYS), strict=True)
        values = zip(*(self._numbers(s[key][a:b]) for key in self.values), strict=True)
        passed = s["passed"][a:b].tolist()
        combos = self.combos
        rules = self.combo[a:b].tolist()
        failures = self._failures(int(self.miss_start[a]), int(self.miss_start[b]))
        starts = (self.miss_start[a : b + 1] - self.miss_start[a]).tolist()
        names = self.values
        out = []
        for j, (head, row) in enumerate(zip(fixed, values, strict=True)):
            doc = dict(zip(_SECTION_KEYS, head, strict=True))
            doc["values"] = dict(zip(names, row, strict=True))
            doc["passed"] = passed[j]
            doc["rules"] = combos[rules[j]].copy()
            doc["failures"] = failures[starts[j] : starts[j + 1]]
            out.append(doc)
        return out

    def _failures(self, a: int, b: int) -> list[dict[str, Any]]:
        m, num = self.misses, self._numbers
        return [
            {
                "rule": rule,
                "indicator": indicator,
                "value": value,
                "threshold": threshold,
                "shortfall": shortfall,
                "shortfall_total": total,
                "shortfall_to_floor": to_floor,
                "shortfall_to_floor_total": to_floor_total,
                "total_unit": unit,
                "below_floor": below,
                "tolerated": tolerated,
                "reason": reason,
            }
            for (
                rule, indicator, value, threshold, shortfall, total, to_floor, to_floor_total,
                unit, below, tolerated, reason,
            ) in zip(
                m["rule"][a:b].tolist(),
                m["indicator"][a:b].tolist(),
                num(m["value"][a:b]),
                num(m["threshold"][a:b]),
                num(m["shortfall"][a:b]),
                num(m["shortfall_total"][a:b]),
                num(m["shortfall_to_floor"][a:b]),
                num(m["shortfall_to_floor_total"][a:b]),
                m["total_unit"][a:b].tolist(),
                m["below_floor"][a:b].tolist(),
                m["tolerated"][a:b].tolist(),
                m["reason"][a:b].tolist(),
                strict=True,
            )
        ]  # fmt: skip


def _listed_rules(
    sections: dict[str, np.ndarray[Any, Any]], checks: list[str], n: int
) -> tuple[np.ndarray[Any, Any], list[dict[str, bool | None]]]:
    """Each section's combination of the rules it fails (``False``) or cannot be judged
    on (``None``), as an index into the combinations' ``rules`` dicts. A section's
    combination is a number, two bits per rule (1: failed, 2: undecided), which numpy
    finds the distinct ones of; a standard with more than 31 per-school rules uses
    as many numbers as it needs."""
    words = [checks[i : i + 31] for i in range(0, len(checks), 31)] or [[]]
    keys = np.zeros((n, len(words)), dtype=np.int64)
    for w, rules in enumerate(words):
        for j, rid in enumerate(rules):
            code = sections[f"_code:{rid}"]
            keys[:, w] |= ((code == FAIL) * 1 + (code == UNDECIDED) * 2).astype(np.int64) << 2 * j
    if len(words) == 1:
        unique, combo = np.unique(keys[:, 0], return_inverse=True)
        unique = unique[:, None]
    else:
        unique, combo = np.unique(keys, axis=0, return_inverse=True)
    combos = []
    for row in unique.tolist():
        listed: dict[str, bool | None] = {}
        for rules, key in zip(words, row, strict=True):
            for j, rid in enumerate(rules):
                bits = (key >> 2 * j) & 3
                if bits:
                    listed[rid] = False if bits == 1 else None
        combos.append(listed)
    return combo.reshape(-1), combos


def _floats(values: np.ndarray[Any, Any]) -> list[Any]:
    """Numbers as Python values, NaN kept (for an encoder that writes it as ``null``)."""
    listed: list[Any] = values.tolist()
    return listed


def _nulls(values: np.ndarray[Any, Any]) -> list[Any]:
    """Numbers as Python values, NaN and ±inf as ``None`` (as :func:`~eduequity.results.num`)."""
    listed: list[Any] = values.tolist()
    if values.dtype.kind == "f":
        bad = ~np.isfinite(values)
        if bad.any():
            for j in np.flatnonzero(bad).tolist():
                listed[j] = None
    return listed

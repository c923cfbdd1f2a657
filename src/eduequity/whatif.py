"""What if: apply changes to a table (add a building, move teachers, close or merge a
school) and see the new verdict and what moved.

Changes are plain dicts (JSON-ready), applied in order:

- ``{"add": {"school_id": ..., "column": ..., "amount": ...}}``;
- ``{"move": {"from": ..., "to": ..., "column": ..., "amount": ...}}`` (moving qualified,
  senior-title, key or PE/art teachers moves them among the teachers too);
- ``{"close": school_id}``: the school leaves the table;
- ``{"merge": {"school": A, "into": B}}``: A's pupils, shared resources and teachers are
  added to B, and A leaves.

A school id may be written ``COUNTY:ID`` when the table holds several counties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduequity import _columns as C
from eduequity.assessment import Assessment
from eduequity.errors import ConfigurationError
from eduequity.evaluate import evaluate
from eduequity.io import load_schools
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["WhatIf", "whatif"]

_SUBSETS = C.TEACHER_SUBSETS
_ADDABLE = (
    *(c.id for c in C.ENROLLMENT),
    *C.SHARED_RESOURCE_IDS,
    *(c.id for c in C.TEACHER_COLUMNS),
)


@dataclass(frozen=True)
class WhatIf:
    """The assessments before and after, the changed table, and what moved."""

    before: Assessment
    after: Assessment
    table: SchoolTable
    changes: tuple[Mapping[str, Any], ...]

    def differences(self) -> list[dict[str, Any]]:
        """Per county: verdict before and after, CVs that moved, schools whose verdict
        changed."""
        out = []
        after = {(c.county_code, c.year): c for c in self.after.counties}
        for b in self.before.counties:
            a = after.get((b.county_code, b.year))
            if a is None:
                continue
            cvs = []
            for lv, level in b.levels.items():
                new_level = a.levels.get(lv)
                if new_level is None:
                    continue
                for k, ind in level.indicators.items():
                    new = new_level.indicators.get(k)
                    if new is not None and new.cv != ind.cv:
                        cvs.append({"level": lv, "indicator": k, "before": ind.cv,
                                    "after": new.cv})  # fmt: skip
            schools = []
            for lv, level in b.levels.items():
                new_by_id = {s.school_id: s for s in a.levels[lv].schools} if lv in a.levels else {}
                for s in level.schools:
                    n = new_by_id.get(s.school_id)
                    verdict_after = None if n is None else n.passed
                    if n is None or n.passed != s.passed:
                        schools.append({"school_id": s.school_id, "level": lv,
                                        "before": s.passed, "after": verdict_after,
                                        "gone": n is None})  # fmt: skip
            out.append(
                {
                    "county_code": b.county_code,
                    "year": b.year,
                    "passed_before": b.passed,
                    "passed_after": a.passed,
                    "cvs": cvs,
                    "schools": schools,
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard": self.after.standard.id,
            "changes": [dict(c) for c in self.changes],
            "counties": self.differences(),
        }


def whatif(
    schools: SchoolTable | str | Path | Any,
    changes: Sequence[Mapping[str, Any]],
    standard: str | Path | RuleSet = "cn-2017-quality",
    county_inputs: Any = None,
) -> WhatIf:
    """Apply ``changes`` and evaluate before and after.

    Examples
    --------
    >>> from eduequity import load_example
    >>> w = whatif(load_example(), [{"add": {"school_id": "999901B014",
    ...                                      "column": "teaching_aux_area_m2", "amount": 300}}])
    >>> d = w.differences()[0]
    >>> [c["indicator"] for c in d["cvs"]]
    ['teaching_area_per_student']
    """
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    records = table.to_dicts()
    for change in changes:
        _apply(records, change)
    changed = load_schools(records)
    return WhatIf(
        evaluate(table, standard, county_inputs),
        evaluate(changed, standard, county_inputs),
        changed,
        tuple(changes),
    )


def _find(records: list[dict[str, Any]], ref: str) -> int:
    county, _, school = ref.rpartition(":")
    hits = [
        i
        for i, r in enumerate(records)
        if r["school_id"] == school and (not county or r.get("county_code") == county)
    ]
    if not hits:
        raise ConfigurationError(
            f"no school {ref!r} in the table",
            message_code="no_such_school", message_params={"school": ref},
        )  # fmt: skip
    if len(hits) > 1:
        raise ConfigurationError(
            f"school {ref!r} is in several counties: write COUNTY:ID",
            message_code="school_in_several", message_params={"school": ref},
        )  # fmt: skip
    return hits[0]


def _number(change: Mapping[str, Any], key: str) -> float:
    try:
        return float(change[key])
    except (KeyError, TypeError, ValueError):
        raise ConfigurationError(
            f"{key}: expected a number in {dict(change)}",
            message_code="change_not_number", message_params={"key": key, "change": dict(change)},
        ) from None  # fmt: skip


def _column(name: Any) -> str:
    if name not in _ADDABLE:
        raise ConfigurationError(
            f"column {name!r} cannot be changed here (enrollment, shared resources or teachers)",
            message_code="column_not_changeable", message_params={"column": name},
        )  # fmt: skip
    return str(name)


def add_to_school(rec: dict[str, Any], column: str, amount: float) -> None:
    """Add ``amount`` to ``column`` of one school record, in place.

    A teacher subset (qualified, senior-title, key, PE/art) also counts among the
    teachers of its section. A value that would fall below 0 is refused.
    """
    value = (rec.get(column) or 0) + amount
    if value < 0:
        raise ConfigurationError(
            f"school {rec['school_id']}, column {column}: would become {value:g} (below 0)",
            message_code="change_below_zero",
            message_params={"school": rec["school_id"], "column": column, "value": f"{value:g}"},
        )
    rec[column] = value
    for stem in _SUBSETS:
        if column.startswith(stem + "_"):
            level = column[len(stem) + 1 :]
            add_to_school(rec, f"teachers_{level}", amount)


def _field(kind: str, body: Any, key: str) -> str:
    """The school a change of ``kind`` names under ``key``."""
    if not isinstance(body, Mapping) or key not in body:
        raise ConfigurationError(
            f"a change {kind!r} names its school under {key!r}: {body!r}",
            message_code="change_field", message_params={"kind": kind, "key": key,
                                                         "body": repr(body)},
        )  # fmt: skip
    return str(body[key])


def _apply(records: list[dict[str, Any]], change: Mapping[str, Any]) -> None:
    if len(change) != 1:
        raise ConfigurationError(
            f"a change has one key (add, move, close, merge): {dict(change)}",
            message_code="change_keys", message_params={"change": dict(change)},
        )  # fmt: skip
    ((kind, body),) = change.items()
    if kind in ("add", "move", "merge") and not isinstance(body, Mapping):
        raise ConfigurationError(
            f"a change {kind!r} is an object of its fields: {body!r}",
            message_code="change_body", message_params={"kind": kind, "body": repr(body)},
        )  # fmt: skip
    if kind == "close":
        del records[_find(records, str(body))]
    elif kind == "add":
        school = records[_find(records, _field(kind, body, "school_id"))]
        add_to_school(school, _column(body.get("column")), _number(body, "amount"))
    elif kind == "move":
        amount = _number(body, "amount")
        column = _column(body.get("column"))
        add_to_school(records[_find(records, _field(kind, body, "from"))], column, -amount)
        add_to_school(records[_find(records, _field(kind, body, "to"))], column, amount)
    elif kind == "merge":
        source = records[_find(records, _field(kind, body, "school"))]
        target = records[_find(records, _field(kind, body, "into"))]
        for column in _ADDABLE:
            if source.get(column):
                target[column] = (target.get(column) or 0) + source[column]
        records.remove(source)
    else:
        raise ConfigurationError(
            f"unknown change {kind!r}: add, move, close or merge",
            message_code="unknown_change", message_params={"kind": kind},
        )  # fmt: skip

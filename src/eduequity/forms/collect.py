"""``collect()``: filled school and county forms in, one school table and county inputs out.

Every form is in the review log with a status: ``accepted``, or ``returned`` with its
defects (form file, item number, item, value, reason), the same defects ``validate`` gives
for the school table, so nothing is dropped silently. A returned form's school is not in the
table; the log says why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduequity.errors import DataError, DataValidationError
from eduequity.forms.derive import Derivation, county_inputs, school_record
from eduequity.forms.reading import FormDefect, FormValues, read_form
from eduequity.io import load_schools
from eduequity.table import SchoolTable

__all__ = ["Collected", "FormStatus", "collect"]


@dataclass(frozen=True)
class FormStatus:
    """One form in the review log."""

    file: str
    kind: str
    key: str
    status: str
    defects: tuple[FormDefect, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "kind": self.kind, "key": self.key, "status": self.status,
                "defects": [d.to_dict() for d in self.defects]}  # fmt: skip


@dataclass(frozen=True)
class Collected:
    """The result of :func:`collect`."""

    schools: SchoolTable | None
    county_inputs: dict[str, dict[str, float]]
    log: tuple[FormStatus, ...]
    derivations: tuple[Derivation, ...] = field(default=())

    @property
    def returned(self) -> list[FormStatus]:
        return [f for f in self.log if f.status == "returned"]

    def log_csv(self) -> str:
        """The review log as CSV: one row per defect, or per form without one."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["file", "kind", "key", "status", "severity", "item_no", "item", "value",
                    "reason"])  # fmt: skip
        for f in self.log:
            if not f.defects:
                w.writerow([f.file, f.kind, f.key, f.status, "", "", "", "", ""])
            for d in f.defects:
                w.writerow([f.file, f.kind, f.key, f.status, d.severity, d.item_no, d.item,
                            d.value, d.reason])  # fmt: skip
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "eduequity.collect/1",
            "schools": 0 if self.schools is None else len(self.schools),
            "county_inputs": self.county_inputs,
            "log": [f.to_dict() for f in self.log],
            "derivations": [d.to_dict() for d in self.derivations],
        }


def collect(
    sources: str | Path | Iterable[str | Path],
    *,
    county_code: str | None = None,
    year: int | None = None,
) -> Collected:
    """Read every form of ``sources`` (files, or folders of ``.xlsx`` files).

    Parameters
    ----------
    sources
        Form workbooks, or folders holding them (read in name order).
    county_code, year
        For school forms, which carry neither: taken from the county form when there is
        exactly one, else these must be given.

    Returns
    -------
    Collected
        ``schools`` is ``None`` when no school form was accepted.

    Raises
    ------
    DataError
        When no form is found, or the county and year cannot be told.
    """
    paths = _paths(sources)
    forms = [read_form(p) for p in paths]
    counties = [f for f in forms if f.kind == "county"]
    schools = [f for f in forms if f.kind == "school"]
    county_form = counties[0] if len(counties) == 1 else None
    if len(counties) > 1:
        raise DataError(
            f"{len(counties)} county forms ({', '.join(f.file for f in counties)}): collect "
            "one county at a time",
            message_code="collect_counties",
            message_params={"n": len(counties), "files": [f.file for f in counties]},
        )
    code = county_code or (str(county_form.values.get(2, "")) if county_form else "") or None
    when = year or (county_form.values.get(3) if county_form else None)
    if code is None or when is None:
        raise DataError("the school forms carry no county code or year: give a county form, "
                        "or county_code= and year=", message_code="collect_no_county")  # fmt: skip
    records: list[tuple[FormValues, dict[str, Any]]] = []
    derivations: list[Derivation] = []
    for f in schools:
        rec, derived = school_record(f, code, int(when))
        derivations += derived
        if f.accepted:
            _validate_alone(f, rec)
        if f.accepted:
            records.append((f, rec))
    table = None
    if records:
        try:
            table = load_schools([r for _, r in records])
        except DataValidationError as exc:  # defects across forms, e.g. a school code twice
            for d in exc.defects:
                if d.severity == "error" and d.row is not None:
                    f = records[d.row][0]
                    f.error(None, d.value, d.message, d.code, d)
            records = [(f, r) for f, r in records if f.accepted]
            table = load_schools([r for _, r in records]) if records else None
    accepted = [f for f in schools if f.accepted]
    inputs, notes = county_inputs(county_form, accepted, code)
    derivations += notes
    log = [
        FormStatus(f.file, f.kind, _key(f), "accepted" if f.accepted else "returned",
                   tuple(f.defects))
        for f in forms
    ]  # fmt: skip
    return Collected(table, {code: inputs} if inputs else {}, tuple(log), tuple(derivations))


def _validate_alone(form: FormValues, record: dict[str, Any]) -> None:
    """The school table's own checks, on this form's record alone."""
    try:
        load_schools([record])
    except DataValidationError as exc:
        for d in exc.defects:
            if d.severity == "error":
                form.error(None, d.value, d.message, d.code, d)


def _key(f: FormValues) -> str:
    return str(f.values.get(3 if f.kind == "school" else 2, ""))


def _paths(sources: str | Path | Iterable[str | Path]) -> list[Path]:
    items: Sequence[str | Path] = [sources] if isinstance(sources, str | Path) else list(sources)
    out: list[Path] = []
    for s in items:
        p = Path(s)
        if p.is_dir():
            out += sorted(x for x in p.iterdir() if x.suffix.lower() == ".xlsx"
                          and not x.name.startswith("~$"))  # fmt: skip
        elif p.exists():
            out.append(p)
        else:
            raise DataError(
                f"{p}: no such file or folder",
                message_code="no_such_path", message_params={"file": str(p)},
            )  # fmt: skip
    if not out:
        raise DataError("no form workbook (.xlsx) found", message_code="collect_no_forms")
    return out

"""The 2017 teacher items from a roster, and staffing against a norm.

One row per teacher: ``teacher_id``, ``school``, ``subject``, ``is_key_teacher``,
``eligible_for_rotation``, ``certificate``, ``training_hours_5y``; and either ``rotated``
(yes/no) or one school column per year (``school_2024``, ``school_2025``, …): a teacher
rotated when the school changed between the last two years.

- rotation: rotated eligible teachers over eligible teachers (the 2017 standard: ≥ 10 %),
  and key teachers among those rotated (≥ 20 %);
- the share of teachers with a certificate (100 %) and with 360 training hours in five
  years (100 %);
- staffing: staff needed per school from a norm given as data, against the roster's
  headcount; and subjects a school has no teacher of (结构性缺编).

The default norm is the national unified urban/rural staffing norm of 2014 (中央编办发〔2014〕
72号): primary 1:19, junior 1:13.5 students per staff member, as restated in the issue that
asked for this; it counts all staff (教职工), so a roster of teachers alone reads as a
larger shortage than the staff's. Provinces may set their own: pass a :class:`StaffingNorm`.

:meth:`RosterResult.county_inputs` gives the four rates with their provenance (the counts
each is made of), which :func:`eduequity.evaluate` keeps in the assessment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from eduequity.errors import DataError
from eduequity.provenance import CountyInput, Provenance, county_inputs_file
from eduequity.records.reading import Records, read_records, value_error

__all__ = ["RosterResult", "StaffingNorm", "teachers"]

LAYOUT: dict[str, tuple[str, ...]] = {
    "teacher_id": ("教师编号", "工号", "身份证号"),
    "school": ("学校", "学校名称", "学校代码"),
    "subject": ("学科", "任教学科"),
    "is_key_teacher": ("是否骨干教师", "骨干教师"),
    "eligible_for_rotation": ("是否符合交流条件", "符合交流条件"),
    "certificate": ("是否持有教师资格证", "教师资格证"),
    "training_hours_5y": ("近5年培训学时", "培训学时"),
    "rotated": ("是否交流轮岗", "交流轮岗"),
}
_YES = {"是", "yes", "y", "true", "1", "有"}
_NO = {"否", "no", "n", "false", "0", "无", ""}
_YEAR_COL = re.compile(r"^school_(\d{4})$")


@dataclass(frozen=True)
class StaffingNorm:
    """Students per staff member, per level, with the norm's source and certainty.

    :meth:`national` reads the bundled national norm (``records/data/staffing-2014.toml``);
    a province's own is built from its numbers.

    Examples
    --------
    >>> n = StaffingNorm.national()
    >>> n.primary, n.junior
    (19.0, 13.5)
    """

    primary: float
    junior: float
    source: str
    certainty: str

    @classmethod
    def national(cls) -> StaffingNorm:
        """The 2014 national unified norm, with its source and certainty, from the data file."""
        import tomllib
        from importlib import resources

        text = resources.files("eduequity.records").joinpath("data/staffing-2014.toml")
        data = tomllib.loads(text.read_text(encoding="utf-8"))
        return cls(float(data["primary"]), float(data["junior"]), str(data["source"]),
                   str(data["certainty"]))  # fmt: skip


@dataclass(frozen=True)
class SchoolStaffing:
    """One school: staff needed by the norm, teachers on the roster, subjects missing."""

    school: str
    needed: float
    on_roster: int
    missing_subjects: tuple[str, ...]

    @property
    def surplus(self) -> float:
        """Headcount minus need: negative is a shortage."""
        return self.on_roster - self.needed

    def to_dict(self) -> dict[str, Any]:
        return {
            "school": self.school,
            "needed": self.needed,
            "on_roster": self.on_roster,
            "surplus": self.surplus,
            "missing_subjects": list(self.missing_subjects),
        }


NEEDS = {  # county input → the roster columns it is counted from
    "teacher_rotation_pct": ("eligible_for_rotation",),
    "key_teachers_among_rotated_pct": ("eligible_for_rotation", "is_key_teacher"),
    "teacher_certificate_pct": ("certificate",),
    "teacher_training_completion_pct": ("training_hours_5y",),
}


def missing_columns(given: Iterable[str]) -> tuple[str, ...]:
    """The columns of :data:`NEEDS` not among ``given``."""
    have = set(given)
    return tuple(sorted({c for cols in NEEDS.values() for c in cols} - have))


@dataclass(frozen=True)
class RosterResult:
    """The teacher items of one roster."""

    source: str
    teachers: int
    eligible: int
    rotated: int
    key_rotated: int
    certified: int
    trained_360: int
    by_school_subject: dict[str, dict[str, int]]
    staffing: tuple[SchoolStaffing, ...] = ()
    norm: StaffingNorm = field(default_factory=StaffingNorm.national)
    county_code: str | None = None
    year: int | None = None  # the school year of the roster, when said (else every year)
    missing: tuple[str, ...] = ()  # the roster's columns of NEEDS not given

    def county_inputs(self) -> dict[str, CountyInput]:
        """The county inputs of :func:`eduequity.evaluate` that the roster gives, each with
        its provenance: the count over the count it is (an input whose denominator is 0,
        or whose column the roster lacks, is left out: a missing column is not a 0 %)."""
        pairs = {
            "teacher_rotation_pct": (self.rotated, self.eligible),
            "key_teachers_among_rotated_pct": (self.key_rotated, self.rotated),
            "teacher_certificate_pct": (self.certified, self.teachers),
            "teacher_training_completion_pct": (self.trained_360, self.teachers),
        }
        return {
            k: CountyInput(num / den * 100, Provenance("roster", "count", n_valid=self.teachers,
                                                       numerator=num, denominator=den,
                                                       file=self.source))
            for k, (num, den) in pairs.items()
            if den and not set(NEEDS[k]) & set(self.missing)
        }  # fmt: skip

    def counties(self) -> list[dict[str, Any]]:
        """The county-inputs file form ``[{"county_code": …, "inputs": {…}}]`` when the
        county is known (``county_code``), else ``[]``."""
        return county_inputs_file(self.county_code, self.county_inputs(), self.year)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "eduequity.teachers/1",
            "source": self.source,
            "teachers": self.teachers,
            "eligible": self.eligible,
            "rotated": self.rotated,
            "key_rotated": self.key_rotated,
            "certified": self.certified,
            "trained_360": self.trained_360,
            "county_inputs": {k: v.value for k, v in self.county_inputs().items()},
            **({"counties": self.counties()} if self.county_code is not None else {}),
            "by_school_subject": {k: dict(v) for k, v in self.by_school_subject.items()},
            "staffing": [s.to_dict() for s in self.staffing],
            "norm": {"primary": self.norm.primary, "junior": self.norm.junior,
                     "source": self.norm.source, "certainty": self.norm.certainty},
        }  # fmt: skip


def teachers(
    roster: Any,
    *,
    previous: Any = None,
    students: Mapping[str, tuple[float, float]] | None = None,
    norm: StaffingNorm | None = None,
    required_subjects: Sequence[str] = ("体育", "音乐", "美术"),
    county_code: str | None = None,
    engine: Any = None,
    table: str | None = None,
) -> RosterResult:
    """The rotation, key-teacher, certificate and training shares, and staffing.

    Parameters
    ----------
    roster
        One row per teacher (path, DataFrame or records).
    previous
        Last year's roster: a teacher whose school differs from last year's has rotated
        (instead of a ``rotated`` or ``school_YYYY`` column).
    students
        ``{school: (primary pupils, junior pupils)}`` for the staffing check; without it no
        staffing is computed.
    norm
        Students per staff member (the 2014 national norm by default).
    required_subjects
        Subjects every school needs a teacher of; a school with none is listed.
    county_code
        The county of the roster: with it, ``to_dict()`` carries a ``counties`` list that
        ``evaluate --county-inputs`` reads as is.
    engine
        ``None`` (in memory); ``"duckdb"`` with a CSV or Parquet path or a DuckDB relation
        (``previous`` a path); or a connection with ``table`` (``previous`` a table name).
        The roster is counted there per school and subject
        (:mod:`eduequity.records.teachers_engine`); the result is the same.
    table
        The roster's table or view, for a connection.

    Examples
    --------
    >>> roster = [
    ...     {"teacher_id": 1, "school": "A", "subject": "语文", "is_key_teacher": "是",
    ...      "eligible_for_rotation": "是", "certificate": "是", "training_hours_5y": 400,
    ...      "school_2024": "A", "school_2025": "B"},
    ...     {"teacher_id": 2, "school": "A", "subject": "体育", "is_key_teacher": "否",
    ...      "eligible_for_rotation": "是", "certificate": "否", "training_hours_5y": 120,
    ...      "school_2024": "A", "school_2025": "A"}]
    >>> r = teachers(roster, students={"A": (38, 0)})
    >>> r.county_inputs()["teacher_rotation_pct"].value, r.staffing[0].needed
    (50.0, 2.0)
    >>> p = r.county_inputs()["teacher_certificate_pct"].provenance
    >>> p.numerator, p.denominator
    (1, 2)
    """
    norm = norm or StaffingNorm.national()
    if engine is not None:
        from eduequity.records.teachers_engine import roster_in_engine

        found = roster_in_engine(roster, previous, engine, table, students, norm,
                                 required_subjects)  # fmt: skip
        return replace(found, county_code=county_code)
    rec = read_records(roster, LAYOUT, ("teacher_id", "school"))
    n = len(rec)
    key = _flags(rec, "is_key_teacher")
    eligible = _flags(rec, "eligible_for_rotation")
    cert = _flags(rec, "certificate")
    hours = _numbers(rec, "training_hours_5y")
    moved = _rotated(rec) if previous is None else _moved_since(rec, previous)
    schools = [str(v).strip() for v in rec.columns["school"]]
    subjects = ["" if v is None else str(v).strip() for v in rec.columns.get("subject", [None] * n)]
    by: dict[str, dict[str, int]] = {}
    for sc, su in zip(schools, subjects, strict=True):
        by.setdefault(sc, {})
        by[sc][su] = by[sc].get(su, 0) + 1
    staffing = _staffing(by, students, norm, required_subjects)
    rotated = sum(1 for i in range(n) if moved[i] and eligible[i])
    return RosterResult(
        source=rec.source, teachers=n, eligible=sum(eligible), rotated=rotated,
        key_rotated=sum(1 for i in range(n) if moved[i] and eligible[i] and key[i]),
        certified=sum(cert), trained_360=sum(1 for h in hours if h >= 360),
        by_school_subject=by, staffing=tuple(staffing), norm=norm, county_code=county_code,
        missing=missing_columns(rec.columns),
    )  # fmt: skip


def _staffing(
    by: Mapping[str, Mapping[str, int]],
    students: Mapping[str, tuple[float, float]] | None,
    norm: StaffingNorm,
    required_subjects: Sequence[str],
) -> list[SchoolStaffing]:
    """Need against headcount per school, from the teachers per school and subject."""
    staffing: list[SchoolStaffing] = []
    if students is not None:
        for sc in sorted(set(students) | set(by)):
            p, j = students.get(sc, (0.0, 0.0))
            needed = p / norm.primary + j / norm.junior
            have = sum(by.get(sc, {}).values())
            missing = tuple(s for s in required_subjects if not by.get(sc, {}).get(s))
            staffing.append(SchoolStaffing(sc, needed, have, missing))
    return staffing


def _flags(rec: Records, column: str) -> list[bool]:
    values = rec.columns.get(column)
    if values is None:
        return [False] * len(rec)
    out = []
    for i, v in enumerate(values):
        text = "" if v is None else str(v).strip().lower()
        if isinstance(v, bool):
            out.append(v)
        elif text in _YES:
            out.append(True)
        elif text in _NO:
            out.append(False)
        else:
            raise value_error(f"{rec.where(i)}, column {column}: must be 是 or 否, got {v!r}",
                              "rec_yes_no", rec.place(i), column, rec.header(column),
                              value=v)  # fmt: skip
    return out


def _numbers(rec: Records, column: str) -> list[float]:
    values = rec.columns.get(column)
    if values is None:
        return [0.0] * len(rec)
    out = []
    for i, v in enumerate(values):
        try:
            x = 0.0 if v is None or v == "" else float(v)
        except (TypeError, ValueError):
            raise value_error(f"{rec.where(i)}, column {column}: not a number, got {v!r}",
                              "rec_not_a_number", rec.place(i), column, rec.header(column),
                              value=v) from None  # fmt: skip
        if x < 0 or x != x:
            raise value_error(f"{rec.where(i)}, column {column}: must be ≥ 0, got {v!r}",
                              "rec_negative", rec.place(i), column, rec.header(column),
                              value=v)  # fmt: skip
        out.append(x)
    return out


def _moved_since(rec: Records, previous: Any) -> list[bool]:
    before = read_records(previous, LAYOUT, ("teacher_id", "school"))
    then = {str(t).strip(): str(s).strip()
            for t, s in zip(before.columns["teacher_id"], before.columns["school"], strict=True)}
    ids = [str(t).strip() for t in rec.columns["teacher_id"]]
    now = [str(s).strip() for s in rec.columns["school"]]
    return [t in then and then[t] != s for t, s in zip(ids, now, strict=True)]


def _rotated(rec: Records) -> list[bool]:
    if "rotated" in rec.columns:
        return _flags(rec, "rotated")
    years = sorted((int(m.group(1)), c) for c in rec.columns if (m := _YEAR_COL.match(c)))
    if len(years) < 2:
        raise DataError(f"{rec.source}: needs a rotated column or two school_YYYY columns",
                        message_code="rec_needs_rotated", message_params={"file": rec.source})
    (_, before), (_, after) = years[-2], years[-1]
    a, b = rec.columns[before], rec.columns[after]
    return [x is not None and y is not None and str(x).strip() != str(y).strip()
            for x, y in zip(a, b, strict=True)]  # fmt: skip

"""The between-school gap in student scores (校际差异率), under both candidate definitions.

The 2017 standard asks that, in the national quality monitoring, the 校际差异率 be under 0.15,
but its official definition was not found (standards/national-2017-quality.md, item 9).
:func:`school_gap` computes both readings from one row per student (``student_id``,
``school``, ``subject``, ``score`` or ``level`` Ⅰ–Ⅳ), each **labelled as not verified**:

(a) the between-school share of the score variance, the intraclass correlation by the ANOVA
    estimator: with ``J`` schools, ``N`` students, ``n_j`` per school,

    .. math::

        ICC = \\frac{MSB - MSW}{MSB + (n_0 - 1) MSW}, \\quad
        n_0 = \\frac{N - \\sum_j n_j^2 / N}{J - 1}

    where ``MSB = Σ n_j (ȳ_j − ȳ)² / (J − 1)`` and ``MSW = Σ_j Σ_i (y_ij − ȳ_j)² / (N − J)``;
(b) the pupil-weighted CV (and SD) of the school means on the percentage scale
    (``100 × mean / max_score``).

Both need only each school's count, sum and sum of squares, so the work can run in a query
engine: ``engine="duckdb"`` (a CSV or Parquet path, or a DuckDB relation) or any DB-API
connection with ``table=`` (SQLite shows the query is not DuckDB's alone). One ``GROUP BY``
per grain; only the per-school sums come into Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.engine import sql
from eduequity.errors import ConfigurationError, DataError
from eduequity.metrics import coefficient_of_variation, weighted_std
from eduequity.provenance import CountyInput, Provenance
from eduequity.records.in_engine import open_records
from eduequity.records.reading import Records, read_records, value_error

__all__ = ["GapResult", "SchoolSums", "school_gap", "school_sums"]

LAYOUT: dict[str, tuple[str, ...]] = {
    "student_id": ("学生编号", "学号", "考号"),
    "school": ("学校", "学校名称", "学校代码"),
    "subject": ("学科", "科目"),
    "score": ("成绩", "分数", "得分"),
    "level": ("水平", "等级", "水平等级"),
}
_LEVELS = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4,
           "1": 1, "2": 2, "3": 3, "4": 4}  # fmt: skip
_SHIFT = 0.5  # scores are summed about max_score × 0.5, so the sums of squares stay small
NOT_VERIFIED = "not verified against an official text (standards/national-2017-quality.md, 9)"


@dataclass(frozen=True)
class SchoolSums:
    """Per subject and school: students, Σ(y − c), Σ(y − c)², students at level Ⅲ or above."""

    subject: str
    school: str
    n: int
    s1: float
    s2: float
    at_level_3: int | None
    shift: float


@dataclass(frozen=True)
class GapResult:
    """One subject: school means and both gap readings."""

    subject: str
    schools: int
    students: int
    means: dict[str, float]
    icc: float | None
    cv_of_means: float | None
    sd_of_means_pct: float | None
    share_level_3: float | None
    note: str = NOT_VERIFIED

    def county_inputs(self, definition: str) -> dict[str, CountyInput]:
        """``between_school_difference_rate`` (校际差异率) under the ``definition`` the
        caller chooses (``"icc"`` or ``"cv_of_means"``: neither is verified against an
        official text, so there is no default), with its provenance; ``{}`` when undefined.

        >>> rows = [{"school": s, "subject": "数学", "score": v}
        ...         for s, v in (("A", 60), ("A", 70), ("B", 80), ("B", 90))]
        >>> x = school_gap(rows)["数学"].county_inputs("cv_of_means")
        >>> round(x["between_school_difference_rate"].value, 6)
        0.133333
        """
        if definition not in ("icc", "cv_of_means"):
            raise ConfigurationError(
                f"definition: expected 'icc' or 'cv_of_means', got {definition!r}",
                message_code="gap_definition", message_params={"value": definition},
            )  # fmt: skip
        value = self.icc if definition == "icc" else self.cv_of_means
        if value is None:
            return {}
        prov = Provenance("scores", definition, n_valid=self.students, note=self.note)
        return {"between_school_difference_rate": CountyInput(value, prov)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "schools": self.schools, "students": self.students,
            "means": dict(self.means), "icc": self.icc, "cv_of_means": self.cv_of_means,
            "sd_of_means_pct": self.sd_of_means_pct, "share_level_3": self.share_level_3,
            "note": self.note,
        }  # fmt: skip


def school_gap(
    scores: Any, *, max_score: float = 100.0, engine: Any = None, table: str | None = None
) -> dict[str, GapResult]:
    """The gap per subject (see the module for both definitions).

    Parameters
    ----------
    scores
        Records (path, DataFrame, list of dicts) in memory; with ``engine``, a CSV or
        Parquet path, a DuckDB relation, or (with ``table``) a table of the connection.
    max_score
        The full score, for the percentage scale of (b).
    engine
        ``None`` (in memory), ``"duckdb"``, or a DB-API connection (DuckDB, SQLite, …).
    table
        The table or view holding the scores, for a connection.

    Examples
    --------
    >>> rows = [{"student_id": i, "school": s, "subject": "数学", "score": v}
    ...         for i, (s, v) in enumerate([("A", 60), ("A", 70), ("B", 80), ("B", 90)])]
    >>> g = school_gap(rows)["数学"]
    >>> g.means, round(g.icc, 6), round(g.cv_of_means, 6)
    ({'A': 65.0, 'B': 85.0}, 0.777778, 0.133333)
    """
    sums = school_sums(scores, max_score=max_score, engine=engine, table=table)
    by_subject: dict[str, list[SchoolSums]] = {}
    for s in sums:
        by_subject.setdefault(s.subject, []).append(s)
    return {subj: _gap(subj, rows, max_score) for subj, rows in sorted(by_subject.items())}


def _gap(subject: str, rows: list[SchoolSums], max_score: float) -> GapResult:
    rows = [r for r in rows if r.n > 0]
    n = np.array([r.n for r in rows], dtype=np.float64)
    s1 = np.array([r.s1 for r in rows])
    s2 = np.array([r.s2 for r in rows])
    c = rows[0].shift if rows else 0.0
    big_n, j = float(n.sum()), len(rows)
    means_c = s1 / n
    means = means_c + c
    grand_c = float(s1.sum() / big_n) if big_n else math.nan
    icc = None
    if j >= 2 and big_n > j:
        ssb = float((n * (means_c - grand_c) ** 2).sum())
        ssw = float((s2 - s1 * s1 / n).sum())
        msb, msw = ssb / (j - 1), max(ssw, 0.0) / (big_n - j)
        n0 = (big_n - float((n * n).sum()) / big_n) / (j - 1)
        denom = msb + (n0 - 1) * msw
        icc = (msb - msw) / denom if denom > 0 else None
    pct = means * 100.0 / max_score
    cv = sd = None
    if j >= 1 and pct.mean() > 0:
        cv = coefficient_of_variation(pct, n)
        sd = weighted_std(pct, n)
    levels = [r.at_level_3 for r in rows]
    share = None
    if None not in levels and big_n:
        share = sum(x for x in levels if x is not None) / big_n
    by_school = {r.school: float(m) for r, m in zip(rows, means, strict=True)}
    return GapResult(subject, j, int(big_n), by_school, icc, cv, sd, share)


def school_sums(
    scores: Any, *, max_score: float = 100.0, engine: Any = None, table: str | None = None
) -> list[SchoolSums]:
    """The sufficient statistics per subject and school, in memory or in an engine."""
    c = max_score * _SHIFT
    if engine is None:
        return _sums_in_memory(scores, c)
    source, cols = open_records(scores, engine, table, LAYOUT, ("school", "subject"))
    if "score" not in cols and "level" not in cols:
        raise DataError(f"{source.name}: needs a score or a level column",
                        message_code="rec_needs_score", message_params={"file": source.name})
    d = source.dialect
    if "level" in cols:
        known = sorted(set(_LEVELS) | {k.lower() for k in _LEVELS})
        bad = source.rows(sql.bad_values(source.relation, cols["level"], known, d, cols["school"]))
        if bad:
            school, raw = bad[0]
            at = ("rec.at.school", {"file": source.name, "school": school})
            raise value_error(f"{source.name}, school {school}, column level: must be Ⅰ–Ⅳ, "
                              f"got {raw!r}", "rec_level", at, "level", d.unquote(cols["level"]),
                              value=raw)  # fmt: skip
    at3 = [k for k, v in _LEVELS.items() if v >= 3]
    out = []
    rows = source.rows(sql.school_sums(source.relation, cols, c, d, at3))
    for subj, school, n, s1, s2, lowest, lv3 in sorted(rows, key=lambda r: (str(r[0]), str(r[1]))):
        if lowest is not None and not float(lowest) >= 0:
            at = ("rec.at.school_subject", {"file": source.name, "school": school,
                                            "subject": subj})  # fmt: skip
            raise value_error(f"{source.name}, school {school}, subject {subj}, column score: "
                              f"must be finite and ≥ 0, got {lowest!r}", "rec_not_finite", at,
                              "score", value=lowest)  # fmt: skip
        out.append(SchoolSums(str(subj), str(school), int(n), float(s1 or 0.0),
                              float(s2 or 0.0), None if lv3 is None else int(lv3), c))  # fmt: skip
    return out


def _sums_in_memory(scores: Any, c: float) -> list[SchoolSums]:
    rec = read_records(scores, LAYOUT, ("school", "subject"))
    if "score" not in rec.columns and "level" not in rec.columns:
        raise DataError(f"{rec.source}: needs a score or a level column",
                        message_code="rec_needs_score", message_params={"file": rec.source})
    keys, group = _groups(rec.columns["subject"], rec.columns["school"])
    k = len(keys)
    if "score" in rec.columns:
        y = _scores(rec)
        given = ~np.isnan(y)
        d = np.where(given, y - c, 0.0)
        n = np.bincount(group, weights=given.astype(np.float64), minlength=k).astype(np.float64)
        s1 = np.bincount(group, weights=d, minlength=k).astype(np.float64)
        s2 = np.bincount(group, weights=d * d, minlength=k).astype(np.float64)
    else:
        n = np.bincount(group, minlength=k).astype(np.float64)
        s1 = s2 = np.zeros(k)
    lv3: NDArray[np.float64] | None = None
    if "level" in rec.columns:
        lv3 = np.bincount(group, weights=_level3(rec), minlength=k).astype(np.float64)
    out = []
    for j, (subj, school) in enumerate(keys):
        at3 = None if lv3 is None else int(lv3[j])
        out.append(SchoolSums(subj, school, int(n[j]), float(s1[j]), float(s2[j]), at3, c))
    return out


def _groups(subjects: Any, schools: Any) -> tuple[list[tuple[str, str]], NDArray[np.intp]]:
    """The (subject, school) pairs in sorted order, and each record's pair index."""
    a_codes, a_names = _factorise(subjects)
    b_codes, b_names = _factorise(schools)
    pairs, group = np.unique(a_codes * len(b_names) + b_codes, return_inverse=True)
    keys = [(a_names[int(p) // len(b_names)], b_names[int(p) % len(b_names)]) for p in pairs]
    order = sorted(range(len(keys)), key=lambda j: keys[j])
    rank = np.empty(len(keys), dtype=np.intp)
    rank[order] = np.arange(len(keys))
    return [keys[j] for j in order], rank[group.ravel()]


def _factorise(values: Any) -> tuple[NDArray[np.intp], list[str]]:
    """Codes and names of a column of labels (a missing label reads ``"None"``); pandas'
    hash table when pandas is there, else numpy's sort."""
    try:
        import pandas as pd
    except ImportError:
        text = np.asarray([str(v) for v in values])
        names, codes = np.unique(text, return_inverse=True)
        return codes.ravel().astype(np.intp), [str(x) for x in names]
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    return np.asarray(codes, dtype=np.intp), [str(x) for x in uniques]


def _scores(rec: Records) -> NDArray[np.float64]:
    raw = rec.columns["score"]
    if isinstance(raw, np.ndarray) and raw.dtype == np.float64:
        y = raw
        bad = np.flatnonzero(np.isinf(y) | (y < 0))
        if len(bad):
            i = int(bad[0])
            raise value_error(f"{rec.where(i)}, column score: must be finite and ≥ 0, got "
                              f"{y[i]!r}", "rec_not_finite", rec.place(i), "score",
                              rec.header("score"), value=y[i])  # fmt: skip
        return y
    try:
        y = np.array([np.nan if v is None or v == "" else v for v in raw], dtype=np.float64)
    except (TypeError, ValueError):
        for i, v in enumerate(raw):
            try:
                float(v if v not in (None, "") else "nan")
            except (TypeError, ValueError):
                raise value_error(f"{rec.where(i)}, column score: not a number, got {v!r}",
                                  "rec_not_a_number", rec.place(i), "score",
                                  rec.header("score"), value=v) from None  # fmt: skip
        raise
    bad = np.flatnonzero(np.isinf(y) | (y < 0))
    if len(bad):
        i = int(bad[0])
        raise value_error(f"{rec.where(i)}, column score: must be finite and ≥ 0, got "
                          f"{raw[i]!r}", "rec_not_finite", rec.place(i), "score",
                          rec.header("score"), value=raw[i])  # fmt: skip
    return y


def _level3(rec: Records) -> NDArray[np.float64]:
    out = np.zeros(len(rec))
    for i, raw in enumerate(rec.columns["level"]):
        if raw is None or raw == "":
            continue
        lvl = _LEVELS.get(str(raw).strip())
        if lvl is None:
            raise value_error(f"{rec.where(i)}, column level: must be Ⅰ–Ⅳ, got {raw!r}",
                              "rec_level", rec.place(i), "level", rec.header("level"),
                              value=raw)  # fmt: skip
        out[i] = lvl >= 3
    return out

"""Every query of the engine path, in the SQL that DuckDB, SQLite, PostgreSQL and Spark share.

Each function returns the text of one statement over ``src`` (what ``FROM`` takes: a table,
a view, or a table function such as ``read_parquet('…')``). Columns come in ``cols``, a
map from the canonical name (``school``, ``answer``, …) to the source's own column,
already quoted by the :class:`Dialect`; a canonical name that is absent is a column the
source does not have. Only aggregates leave the engine: one ``GROUP BY`` per grain, plus
the rows that are refused (an invalid survey response) or the first bad value (to name it
in an error).

The dialect differs in three spellings only: the type a value is cast to in order to
compare it as text (``VARCHAR``; Spark's ``STRING``), how identifiers are quoted (``"…"``;
Spark's backquotes), and how rows are numbered (``ROW_NUMBER() OVER ()``; Spark needs an
order, ``monotonically_increasing_id()``).

Examples
--------
>>> print(school_sums("t", {"subject": '"subject"', "school": '"school"',
...                         "score": '"score"'}, 50.0, COMMON))  # doctest: +NORMALIZE_WHITESPACE
SELECT "subject" AS subject, "school" AS school, COUNT("score") AS n,
SUM("score" - 50.0) AS s1, SUM(("score" - 50.0) * ("score" - 50.0)) AS s2,
MIN("score") AS lowest, NULL AS at_level_3 FROM t GROUP BY "subject", "school"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "COMMON",
    "SPARK",
    "Dialect",
    "bad_values",
    "first_value",
    "is_yes",
    "moments_about",
    "moments_two_pass",
    "moved_between",
    "negative_values",
    "previous_conflicts",
    "previous_join",
    "roster_cells",
    "school_sums",
    "survey_cells",
    "survey_invalid",
]


@dataclass(frozen=True)
class Dialect:
    """The spellings that differ between engines.

    Examples
    --------
    >>> COMMON.quote('a"b'), SPARK.quote("group"), COMMON.unquote('"a""b"')
    ('"a""b"', '`group`', 'a"b')
    """

    name: str
    text: str = "VARCHAR"
    quote_char: str = '"'
    row_number: str = "ROW_NUMBER() OVER ()"

    def quote(self, name: str) -> str:
        """``name`` as an identifier (its quote characters doubled)."""
        q = self.quote_char
        return q + name.replace(q, q + q) + q

    def unquote(self, identifier: str) -> str:
        """The name an identifier of :meth:`quote` stands for (the table's own header)."""
        q = self.quote_char
        if len(identifier) >= 2 and identifier[0] == identifier[-1] == q:
            return identifier[1:-1].replace(q + q, q)
        return identifier

    def as_text(self, expr: str) -> str:
        """``expr`` as trimmed text (NULL stays NULL)."""
        return f"TRIM(CAST({expr} AS {self.text}))"


COMMON = Dialect("common")
SPARK = Dialect(
    "spark",
    text="STRING",
    quote_char="`",
    row_number="ROW_NUMBER() OVER (ORDER BY monotonically_increasing_id())",
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(_literal(v) for v in values) + ")"


def _keys(cols: Mapping[str, str], names: Sequence[str]) -> tuple[str, str]:
    """The ``SELECT`` list and the ``GROUP BY`` list of grouping columns."""
    return (", ".join(f"{cols[n]} AS {n}" for n in names), ", ".join(cols[n] for n in names))


# --- student scores -------------------------------------------------------------------------


def school_sums(
    src: str, cols: Mapping[str, str], c: float, d: Dialect, levels: Sequence[str] = ()
) -> str:
    """Per subject and school: scores given, Σ(y − c), Σ(y − c)², the lowest score, and the
    students whose level is one of ``levels`` (when the source has a ``level`` column)."""
    score, shift = cols.get("score"), repr(float(c))
    if score is None:
        moments = "COUNT(*) AS n, 0.0 AS s1, 0.0 AS s2, 0.0 AS lowest"
    else:
        dev = f"({score} - {shift})"
        moments = (f"COUNT({score}) AS n, SUM({score} - {shift}) AS s1, "
                   f"SUM({dev} * {dev}) AS s2, MIN({score}) AS lowest")  # fmt: skip
    level = "NULL AS at_level_3"
    if "level" in cols:
        level = (f"SUM(CASE WHEN {d.as_text(cols['level'])} IN {_in(levels)} "
                 "THEN 1 ELSE 0 END) AS at_level_3")  # fmt: skip
    select, group = _keys(cols, ("subject", "school"))
    return f"SELECT {select}, {moments}, {level} FROM {src} GROUP BY {group}"


def bad_values(src: str, column: str, allowed: Sequence[str], d: Dialect, label: str) -> str:
    """The first value of ``column`` (with ``label``, an expression naming its record) that
    is neither empty nor one of ``allowed`` (compared as trimmed lower-case text)."""
    text = f"LOWER({d.as_text(column)})"
    return (f"SELECT {label}, {column} FROM {src} WHERE {column} IS NOT NULL "
            f"AND {text} <> '' AND {text} NOT IN {_in(allowed)} LIMIT 1")  # fmt: skip


def distinct_texts(src: str, column: str, d: Dialect, limit: int = 2) -> str:
    """Up to ``limit`` distinct non-empty trimmed texts of ``column`` (e.g. whether a
    survey's ``county_code`` column names one county)."""
    text = f"TRIM({d.as_text(column)})"
    return (f"SELECT DISTINCT {text} FROM {src} WHERE {column} IS NOT NULL "
            f"AND {text} <> '' LIMIT {int(limit)}")  # fmt: skip


def negative_values(src: str, column: str, label: str) -> str:
    """The first value of ``column`` (with ``label``) below zero."""
    return f"SELECT {label}, {column} FROM {src} WHERE CAST({column} AS DOUBLE) < 0 LIMIT 1"


# --- surveys --------------------------------------------------------------------------------


def _survey_judged(src: str, cols: Mapping[str, str], labels: Mapping[str, int],
                   position: str, d: Dialect) -> str:  # fmt: skip
    """``WITH`` clauses: each response's row, id, group, school, answer code and reason."""
    answer = f"CAST({cols['answer']} AS {d.text})"
    for blank in (" ", "\t", "\u3000", "\r", "\n"):
        answer = f"REPLACE({answer}, {_literal(blank)}, '')"
    spelled = dict(labels)
    for k in range(6):  # codes as text, as integers or as reals
        spelled.update({str(k): k, f"{k}.0": k})
    spelled["-0.0"] = 0
    code = "CASE " + answer + " " + " ".join(
        f"WHEN {_literal(t)} THEN {k}" for t, k in spelled.items()) + " END"  # fmt: skip

    def text(name: str) -> str:
        return f"COALESCE({d.as_text(cols[name])}, '')" if name in cols else "''"

    stratum = text("stratum") if "stratum" in cols else "NULL"
    weight = f"CAST({cols['weight']} AS DOUBLE)" if "weight" in cols else "NULL"
    return (
        f"WITH base AS (SELECT {position} AS pos, {text('respondent_id')} AS rid, "
        f"{text('group')} AS grp, {text('school')} AS school, {code} AS code, "
        f"{stratum} AS stratum, {weight} AS weight FROM {src}), "
        "firsts AS (SELECT rid, MIN(pos) AS first_pos FROM base WHERE rid <> '' GROUP BY rid), "
        "judged AS (SELECT base.pos, base.grp, base.school, base.code, base.stratum, "
        "base.weight, CASE WHEN base.code IS NULL THEN 'incomplete' "
        "WHEN base.pos > firsts.first_pos THEN 'duplicate' ELSE '' END AS reason "
        "FROM base LEFT JOIN firsts ON base.rid = firsts.rid) "
    )


def survey_invalid(src: str, cols: Mapping[str, str], labels: Mapping[str, int],
                   position: str, d: Dialect) -> str:  # fmt: skip
    """The invalid responses: reason and row, in row order.

    A response is incomplete when its answer reads as no code; a duplicate when its
    respondent id (not empty) was given on an earlier row, whatever that row held.
    """
    return (_survey_judged(src, cols, labels, position, d)
            + "SELECT reason, pos FROM judged WHERE reason <> '' ORDER BY pos")  # fmt: skip


def survey_cells(src: str, cols: Mapping[str, str], labels: Mapping[str, int],
                 position: str, d: Dialect) -> str:  # fmt: skip
    """The valid responses counted per group, school, stratum, weight and answer code."""
    return (_survey_judged(src, cols, labels, position, d)
            + "SELECT grp, school, stratum, weight, code, COUNT(*) AS n FROM judged "
            "WHERE reason = '' GROUP BY grp, school, stratum, weight, code")  # fmt: skip


# --- teacher rosters ------------------------------------------------------------------------


def is_yes(expr: str, yes: Sequence[str], d: Dialect) -> str:
    """The condition that ``expr`` reads as one of ``yes`` (trimmed, lower case)."""
    return f"LOWER({d.as_text(expr)}) IN {_in(yes)}"


def _flag(expr: str | None, yes: Sequence[str], d: Dialect) -> str:
    """1 for a yes, 0 for anything else (the bad values are looked for apart)."""
    if expr is None:
        return "0"
    return f"CASE WHEN {is_yes(expr, yes, d)} THEN 1 ELSE 0 END"


def roster_cells(
    src: str,
    cols: Mapping[str, str],
    moved: str,
    yes: Sequence[str],
    d: Dialect,
    *,
    join: str = "",
    hours_needed: float = 360.0,
) -> str:
    """Per school and subject: teachers, eligible, rotated eligible, key teachers among
    them, certified, and trained ``hours_needed`` hours.

    ``moved`` is a condition on a row (its school changed, or its rotated flag is yes);
    ``join`` a clause joining last year's roster (``prev``) for it.
    """
    key, eligible = _flag(cols.get("is_key_teacher"), yes, d), _flag(
        cols.get("eligible_for_rotation"), yes, d)  # fmt: skip
    cert = _flag(cols.get("certificate"), yes, d)
    hours = cols.get("training_hours_5y")
    trained = "0"
    if hours is not None:
        trained = f"CASE WHEN CAST({hours} AS DOUBLE) >= {float(hours_needed)!r} THEN 1 ELSE 0 END"
    rotated = f"CASE WHEN {moved} THEN {eligible} ELSE 0 END"
    school = f"COALESCE({d.as_text(cols['school'])}, 'None')"
    subject = f"COALESCE({d.as_text(cols['subject'])}, '')" if "subject" in cols else "''"
    return (
        f"SELECT {school} AS school, {subject} AS subject, COUNT(*) AS teachers, "
        f"SUM({eligible}) AS eligible, SUM({rotated}) AS rotated, "
        f"SUM({rotated} * {key}) AS key_rotated, SUM({cert}) AS certified, "
        f"SUM({trained}) AS trained FROM {src} {join} GROUP BY {school}, {subject}"
    )


def moved_between(before: str, after: str, d: Dialect) -> str:
    """A teacher moved: both years' schools given, and not the same."""
    a, b = d.as_text(before), d.as_text(after)
    return f"({before} IS NOT NULL AND {after} IS NOT NULL AND {a} <> {b})"


def previous_join(
    prev: str, prev_id: str, prev_school: str, cols: Mapping[str, str], d: Dialect
) -> tuple[str, str]:
    """The join of last year's roster (one row per teacher id) and the condition that a
    teacher on it has changed school."""
    pid = d.as_text(prev_id)
    sub = (f"(SELECT {pid} AS eduequity_pid, MIN({d.as_text(prev_school)}) AS eduequity_pschool "
           f"FROM {prev} GROUP BY {pid})")  # fmt: skip
    join = f"LEFT JOIN {sub} AS prev ON prev.eduequity_pid = {d.as_text(cols['teacher_id'])}"
    moved = (f"(prev.eduequity_pid IS NOT NULL AND "
             f"prev.eduequity_pschool <> {d.as_text(cols['school'])})")  # fmt: skip
    return join, moved


def previous_conflicts(prev: str, prev_id: str, prev_school: str, d: Dialect) -> str:
    """A teacher id that last year's roster gives two schools (the first found)."""
    pid, school = d.as_text(prev_id), d.as_text(prev_school)
    return (f"SELECT {pid}, MIN({school}), MAX({school}) FROM {prev} GROUP BY {pid} "
            f"HAVING MIN({school}) <> MAX({school}) LIMIT 1")  # fmt: skip


# --- grouped moments of a school table -------------------------------------------------------


def first_value(src: str, value: str) -> str:
    """One value of ``value`` (the pilot the sums are taken about)."""
    return f"SELECT {value} FROM {src} WHERE {value} IS NOT NULL LIMIT 1"


def moments_about(
    src: str, value: str, weight: str | None, keys: Sequence[str], c: float
) -> str:
    """Per group (keys in order): units, values given, weights given, the lowest weight,
    Σw, Σw(x − c), Σw(x − c)², the lowest and highest value of positive weight: one
    ``GROUP BY``."""
    w = "1.0" if weight is None else weight
    dev = f"({value} - {float(c)!r})"
    group = ", ".join(keys)
    return (
        f"SELECT {group}, COUNT(*) AS units, COUNT({value}) AS given, COUNT({w}) AS weighed, "
        f"MIN({w}) AS lightest, SUM({w}) AS tw, SUM({w} * {dev}) AS s1, "
        f"SUM({w} * {dev} * {dev}) AS s2, MIN(CASE WHEN {w} > 0 THEN {value} END) AS low, "
        f"MAX(CASE WHEN {w} > 0 THEN {value} END) AS high "
        f"FROM {src} GROUP BY {group} ORDER BY {group}"
    )


def moments_two_pass(src: str, value: str, weight: str | None, keys: Sequence[str]) -> str:
    """Per group: its weighted mean ``m`` (first pass), then Σw(x − m) and Σw(x − m)²
    about it (second pass), for groups whose mean lies far from the pilot."""
    w = "1.0" if weight is None else weight
    on = " AND ".join(f"src.{k} = m.k{i}" for i, k in enumerate(keys))
    names = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
    group = ", ".join(keys)
    out = ", ".join(f"m.k{i}" for i in range(len(keys)))
    dev = f"(src.{value} - m.mean)"
    sw = w if weight is None else f"src.{w}"
    return (
        f"WITH m AS (SELECT {names}, SUM({w} * {value}) / NULLIF(SUM({w}), 0) AS mean FROM {src} "
        f"GROUP BY {group}) SELECT {out}, m.mean, SUM({sw} * {dev}) AS s1, "
        f"SUM({sw} * {dev} * {dev}) AS s2 FROM {src} AS src JOIN m ON {on} "
        f"GROUP BY {out}, m.mean ORDER BY {out}"
    )

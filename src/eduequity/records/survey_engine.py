"""A survey judged and counted in a query engine (``survey(..., engine=...)``).

Two statements run there (:func:`eduequity.engine.sql.survey_invalid` and
:func:`~eduequity.engine.sql.survey_cells`), over the responses numbered once: the invalid
rows with their reasons, and the valid responses counted per group, school, stratum and
answer code. Only those come into Python, where the rates, intervals and sample checks are
worked out by the code the in-memory path uses. Rows are named as in memory: a CSV's line
(the header is row 1; DuckDB skips blank lines, so a file with blank lines is numbered
from its first rows on as if they were not there), otherwise the 0-based position.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from eduequity.engine import sql
from eduequity.errors import DataError
from eduequity.records.in_engine import open_records
from eduequity.records.intervals import stratified_interval
from eduequity.records.reading import value_error
from eduequity.records.survey import (
    DESIGNS,
    LABELS,
    LAYOUT,
    Rate,
    SurveyResult,
    SurveyScheme,
    _rate,
    _sample_checks,
)

__all__ = ["survey_in_engine"]

Cell = tuple[str, str, str | None, float | None, int, int]  # group, school, stratum, w, code, n


def survey_in_engine(responses: Any, scheme: SurveyScheme, engine: Any,
                     table: str | None) -> SurveyResult:  # fmt: skip
    """:func:`eduequity.records.survey` with the responses in ``engine``."""
    source, cols = open_records(responses, engine, table, LAYOUT, ("respondent_id", "answer"))
    if "stratum" in cols and "weight" not in cols:
        raise DataError(f"{source.name}: a stratum column needs a weight column (each stratum's "
                        "share of the population)", message_code="rec_stratum_needs_weight",
                        message_params={"file": source.name})  # fmt: skip
    with source.numbered() as src:
        args = (src.relation, cols, LABELS, src.position, src.dialect)
        invalid: dict[str, list[int]] = {}
        for reason, row in src.rows(sql.survey_invalid(*args)):
            invalid.setdefault(str(reason), []).append(int(row))
        cells: list[Cell] = [
            (str(g), str(s), None if h is None else str(h), None if w is None else float(w),
             int(code), int(n))
            for g, s, h, w, code, n in src.rows(sql.survey_cells(*args))
        ]  # fmt: skip
        county = None  # the county_code column's one value, when it holds one (as in memory)
        if "county_code" in cols:
            found = src.rows(sql.distinct_texts(src.relation, cols["county_code"], src.dialect))
            county = str(found[0][0]) if len(found) == 1 else None
    valid = sum(c[5] for c in cells)
    counted = [c for c in cells if c[4] != 0 or scheme.dont_know == "unsatisfied"]
    # (satisfied, counted) per group and per school, in one pass over the cells
    tally: dict[tuple[int, str], list[int]] = {}
    for c in cells:
        for key in ((0, c[0]), (1, c[1])):
            tally.setdefault(key, [0, 0])
    for c in counted:
        for key in ((0, c[0]), (1, c[1])):
            tally[key][0] += c[5] if c[4] in scheme.satisfied else 0
            tally[key][1] += c[5]
    overall = _rate(sum(c[5] for c in counted if c[4] in scheme.satisfied),
                    sum(c[5] for c in counted))  # fmt: skip
    method = "wilson"
    if "stratum" in cols:
        overall, method = _stratified(source.name, counted, scheme), "design_based"
    per_group: Counter[str] = Counter()
    for c in cells:
        per_group[c[0]] += c[5]

    def rates(axis: int) -> dict[str, Rate]:
        return {k: _rate(*tally[(a, k)]) for a, k in sorted(tally) if a == axis}

    return SurveyResult(
        source.name, valid + sum(len(v) for v in invalid.values()), valid,
        sum(c[5] for c in cells if c[4] == 0), invalid, overall, rates(0), rates(1),
        _sample_checks(scheme, valid, per_group), DESIGNS[method], method, scheme, county,
    )  # fmt: skip


def _stratified(name: str, counted: list[Cell], scheme: SurveyScheme) -> Rate:
    strata: dict[str, list[Any]] = {}
    for _, _, stratum, w, code, n in counted:
        if w is None:
            at = ("rec.at.stratum", {"file": name, "stratum": stratum})
            raise value_error(f"{name}, stratum {stratum!r}, column weight: a weight is missing",
                              "rec_weight_missing", at, "weight")  # fmt: skip
        cell = strata.setdefault(str(stratum), [w, 0, 0])
        if cell[0] != w:
            raise value_error(f"{name}, column weight: stratum {stratum!r} has weights "
                              f"{cell[0]} and {w}; give each stratum one weight",
                              "rec_two_weights", ("rec.at.file", {"file": name}), "weight",
                              stratum=stratum, first=cell[0], second=w)  # fmt: skip
        cell[1] += n if code in scheme.satisfied else 0
        cell[2] += n
    p, lo, hi = stratified_interval([(c[0], int(c[1]), int(c[2])) for c in strata.values()])
    return Rate(sum(int(c[1]) for c in strata.values()), sum(int(c[2]) for c in strata.values()),
                p, lo, hi)  # fmt: skip

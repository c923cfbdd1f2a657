"""survey(..., engine=): counted in DuckDB and in SQLite, equal to memory (by hand, and on
random data)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _engines import duckdb_relation, sqlite_table
from eduequity.errors import DataError
from eduequity.records import SurveyScheme, survey

pytest.importorskip("duckdb")

Z = 1.959963984540054

# rows 2..8 of the file: parents 2 satisfied and 1 not; a student satisfied, then the same
# respondent again (a duplicate), a student who does not know, an empty answer
HAND = [
    ("1", "家长", "一小", "非常满意"), ("2", "家长", "一小", "满意"),
    ("3", "家长", "二小", "不满意"), ("4", "学生", "二小", "满意"),
    ("4", "学生", "二小", "不满意"), ("5", "学生", "一小", "不了解"), ("6", "学生", "一小", ""),
]  # fmt: skip


def _wilson(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _csv(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _dicts(rows: list[tuple[str, ...]]) -> list[dict[str, Any]]:
    keys = ("respondent_id", "group", "school", "answer")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def test_a_small_survey_by_hand_in_duckdb_and_sqlite(tmp_path: Path) -> None:
    path = _csv(tmp_path / "survey.csv", HAND, ("答卷编号", "群体", "学校", "满意度"))
    for r in (survey(path, engine="duckdb"), survey(None, engine=sqlite_table(_dicts(HAND)),
                                                    table="t")):  # fmt: skip
        assert (r.responses, r.valid, r.dont_know) == (7, 5, 1)
        # the duplicate is the second response of respondent 4 (row 6 of the file, 4th
        # record of the table); the empty answer the last
        assert r.invalid == ({"duplicate": [6], "incomplete": [8]} if r.source.endswith(".csv")
                             else {"duplicate": [4], "incomplete": [6]})  # fmt: skip
        assert (r.overall.satisfied, r.overall.n) == (3, 4)  # don't know left out
        assert (r.overall.low, r.overall.high) == pytest.approx(_wilson(3, 4), rel=1e-12)
        assert {g: (x.satisfied, x.n) for g, x in r.by_group.items()} == {
            "家长": (2, 3), "学生": (1, 1)}  # fmt: skip
        assert {s: (x.satisfied, x.n) for s, x in r.by_school.items()} == {
            "一小": (2, 2), "二小": (1, 2)}  # fmt: skip
    unsure = survey(path, engine="duckdb", scheme=SurveyScheme(dont_know="unsatisfied"))
    assert (unsure.overall.satisfied, unsure.overall.n) == (3, 5)
    assert unsure.by_group["学生"].rate == pytest.approx(1 / 2)


def test_strata_and_sample_rules_in_the_engine() -> None:
    rows = [{"respondent_id": str(k), "group": "家长" if k % 2 else "学生", "school": "A",
             "answer": "满意" if k % 3 else "不满意", "stratum": "城" if k < 6 else "乡",
             "weight": 0.6 if k < 6 else 0.4} for k in range(10)]  # fmt: skip
    scheme = SurveyScheme(min_valid=8, min_group_share={"家长": 0.6})
    mem, lite = survey(rows, scheme=scheme), survey(None, engine=sqlite_table(rows), table="t",
                                                    scheme=scheme)  # fmt: skip
    # 城: rows 0..5, satisfied 1, 2, 4, 5 (4 of 6); 乡: rows 6..9, satisfied 7, 8 (2 of 4)
    p = 0.6 * 4 / 6 + 0.4 * 2 / 4
    half = Z * math.sqrt(0.36 * (4 / 6) * (2 / 6) / 6 + 0.16 * 0.25 / 4)
    assert lite.overall.rate == pytest.approx(p, rel=1e-12)
    assert (lite.overall.low, lite.overall.high) == pytest.approx((p - half, p + half), rel=1e-12)
    assert lite.design == mem.design == "stratified (weights per stratum)"
    assert lite.sample_checks == mem.sample_checks == {
        "at least 8 valid responses": True,
        "家长 at least 60% of valid responses": False,
    }
    rows[3]["weight"] = 0.5
    with pytest.raises(DataError, match="stratum '城' has weights"):
        survey(None, engine=sqlite_table(rows), table="t")


def _same(a: Any, b: Any) -> None:
    da, db = a.to_dict(), b.to_dict()
    da.pop("source"), db.pop("source")
    rates = ("overall", "by_group", "by_school")
    rest_a = {k: v for k, v in da.items() if k not in rates}
    rest_b = {k: v for k, v in db.items() if k not in rates}
    assert json.dumps(rest_a, sort_keys=True) == json.dumps(rest_b, sort_keys=True)  # NaN too

    def flat(d: dict[str, Any]) -> dict[str, Any]:
        out = {"overall": d["overall"]}
        out.update({f"g:{k}": v for k, v in d["by_group"].items()})
        out.update({f"s:{k}": v for k, v in d["by_school"].items()})
        return out

    fa, fb = flat(da), flat(db)
    assert fa.keys() == fb.keys()
    for k, ra in fa.items():
        rb = fb[k]
        assert (ra["satisfied"], ra["n"]) == (rb["satisfied"], rb["n"]), k
        for f in ("rate", "low", "high"):
            assert (ra[f] is None) == (rb[f] is None), (k, f)
            if ra[f] is not None:
                assert rb[f] == pytest.approx(ra[f], rel=1e-9, abs=1e-12, nan_ok=True), (k, f)


ANSWERS = ["非常满意", "满意", "一般", "不满意", "非常不满意", "不了解", " 满 意 ", "5", "0", "3",
           "", "很好", "6", "不清楚"]  # fmt: skip
response = st.fixed_dictionaries({
    "respondent_id": st.sampled_from(["", *map(str, range(12))]),
    "group": st.sampled_from(["学生", "家长", "教师", "其他"]),
    "school": st.sampled_from(["一小", "二小", "三中"]),
    "answer": st.one_of(st.none(), st.sampled_from(ANSWERS)),
})  # fmt: skip
schemes = st.builds(SurveyScheme, satisfied=st.sampled_from([frozenset({5, 4}), frozenset({5})]),
                    dont_know=st.sampled_from(["exclude", "unsatisfied"]))  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(response, min_size=1, max_size=60), schemes, st.booleans())
def test_engines_equal_memory_on_random_surveys(
    rows: list[dict[str, Any]], scheme: SurveyScheme, stratified: bool
) -> None:
    if stratified:
        for r in rows:
            r["stratum"], r["weight"] = ("城", 0.7) if r["school"] == "三中" else ("乡", 0.3)
    mem = survey(rows, scheme=scheme)
    _same(mem, survey(None, engine=sqlite_table(rows), table="t", scheme=scheme))
    types = {"respondent_id": "VARCHAR", "group": "VARCHAR", "school": "VARCHAR",
             "answer": "VARCHAR"}  # fmt: skip
    if stratified:
        types.update(stratum="VARCHAR", weight="DOUBLE")
    _same(mem, survey(duckdb_relation(rows, types), engine="duckdb", scheme=scheme))


def test_engine_refusals(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing column"):
        survey(None, engine=sqlite_table([{"respondent_id": 1}]), table="t")
    with pytest.raises(DataError, match="not a file"):
        survey(tmp_path / "none.csv", engine="duckdb")


def test_a_county_code_column_names_the_county_in_the_engine_too(tmp_path: Path) -> None:
    rows = [{"respondent_id": str(i), "group": "家长", "school": "一小",
             "answer": "满意", "county_code": "510101"} for i in range(3)]  # fmt: skip
    mixed = [*rows, {**rows[0], "respondent_id": "9", "county_code": "510102"}]
    for data, want in ((rows, "510101"), (mixed, None)):
        got = survey(None, engine=sqlite_table(data), table="t")
        assert got.county_code == survey(data).county_code == want
    named = survey(None, engine=sqlite_table(mixed), table="t", county_code="510199")
    assert named.county_code == "510199"

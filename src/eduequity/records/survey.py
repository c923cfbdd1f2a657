"""Social recognition (社会认可度) from the survey responses themselves.

One row per response, with these columns:

- ``respondent_id``;
- ``group``: 学生, 家长, 教师, 校长, 人大代表, 政协委员 or 其他;
- ``school`` (or area);
- ``answer``: 非常满意, 满意, 一般, 不满意, 非常不满意 or 不了解; or a code 5..1, with
  0 for "don't know";
- optionally ``county_code``, ``stratum`` and ``weight``.

A response is *invalid* when its answer is empty or unreadable (``incomplete``) or its
respondent id was seen before (``duplicate``: the first response counts, later ones do not).
The rate is satisfied over the valid responses that expressed a view: by default "don't
know" is left out of the denominator (``dont_know="exclude"``); ``"unsatisfied"`` counts it
as not satisfied. Which answers count as satisfied is the scheme's (非常满意 and 满意 by
default). The 2017 standard asks ≥ 85 % but publishes no survey method: the sample rules
(``min_valid``, ``min_group_share``) are the caller's, empty by default.

:meth:`SurveyResult.county_inputs` gives ``social_recognition_pct`` with its provenance
(interval, method, valid, invalid and "don't know" counts, scheme): given to
:func:`eduequity.evaluate`, the assessment keeps it and the reports show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from eduequity.errors import DataError
from eduequity.provenance import CountyInput, Provenance, county_inputs_file
from eduequity.records.intervals import stratified_interval, wilson_interval
from eduequity.records.reading import Records, read_records, value_error

__all__ = ["Rate", "SurveyResult", "SurveyScheme", "survey"]

LAYOUT: dict[str, tuple[str, ...]] = {
    "respondent_id": ("答卷编号", "问卷编号", "受访者编号", "编号", "id"),
    "group": ("群体", "受访群体", "类别", "身份"),
    "school": ("学校", "学校名称", "地区"),
    "answer": ("答案", "满意度", "评价", "回答"),
    "county_code": ("区县代码", "县区代码"),
    "stratum": ("层", "分层", "城乡"),
    "weight": ("权重",),
}
LABELS: dict[str, int] = {"非常满意": 5, "满意": 4, "一般": 3, "基本满意": 3, "不满意": 2,
                          "非常不满意": 1, "不了解": 0, "不清楚": 0, "说不清": 0}  # fmt: skip
GROUPS = ("学生", "家长", "教师", "校长", "人大代表", "政协委员", "其他")


@dataclass(frozen=True)
class SurveyScheme:
    """How responses are counted and what the sample must hold (all the caller's);
    ``id`` names the scheme in the provenance of the rate."""

    satisfied: frozenset[int] = frozenset({5, 4})
    dont_know: Literal["exclude", "unsatisfied"] = "exclude"
    min_valid: int | None = None
    min_group_share: Mapping[str, float] = field(default_factory=dict)
    id: str | None = None


@dataclass(frozen=True)
class Rate:
    """A satisfaction rate with its 95 % interval."""

    satisfied: int
    n: int
    rate: float | None
    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"satisfied": self.satisfied, "n": self.n, "rate": self.rate, "low": self.low,
                "high": self.high}  # fmt: skip


@dataclass(frozen=True)
class SurveyResult:
    """Counts, rates and checks of one survey (one county, or all responses given)."""

    source: str
    responses: int
    valid: int
    dont_know: int
    invalid: dict[str, list[int]]  # reason → the rows
    overall: Rate
    by_group: dict[str, Rate]
    by_school: dict[str, Rate]
    sample_checks: dict[str, bool]
    design: str
    method: str = "wilson"
    scheme: SurveyScheme = field(default_factory=SurveyScheme)
    county_code: str | None = None
    year: int | None = None  # the school year of the records, when said (else every year)

    def county_inputs(self) -> dict[str, CountyInput]:
        """``{"social_recognition_pct": rate × 100}`` with its provenance, for
        :func:`eduequity.evaluate` (``county_inputs={county_code: …}``); ``{}`` without a
        rate.

        Examples
        --------
        >>> rows = [{"respondent_id": i, "group": "家长", "school": "A",
        ...          "answer": "满意" if i < 85 else "不满意"} for i in range(100)]
        >>> x = survey(rows).county_inputs()["social_recognition_pct"]
        >>> x.value, round(x.provenance.low, 2), round(x.provenance.high, 2)
        (85.0, 76.72, 90.69)
        """
        r = self.overall
        if r.rate is None or r.low is None or r.high is None:
            return {}
        invalid = sum(len(v) for v in self.invalid.values())
        prov = Provenance(
            "survey", self.method, r.low * 100, r.high * 100, 0.95, n_valid=self.valid,
            n_invalid=invalid, n_dont_know=self.dont_know, numerator=r.satisfied,
            denominator=r.n, scheme=self.scheme.id, dont_know=self.scheme.dont_know,
            file=self.source,
        )  # fmt: skip
        return {"social_recognition_pct": CountyInput(r.rate * 100, prov)}

    def provenance(self, lang: str = "zh") -> str:
        """One sentence saying where the rate came from (as the reports say it).

        Examples
        --------
        >>> rows = [{"respondent_id": i, "group": "家长", "school": "A",
        ...          "answer": "满意" if i < 85 else "不满意"} for i in range(100)]
        >>> survey(rows).provenance("en")
        'social recognition 85.0 % (95 % CI 76.7–90.7), from 100 valid responses'
        """
        from eduequity.report.labels import text
        from eduequity.report.provenance import sourced_text

        got = self.county_inputs().get("social_recognition_pct")
        if got is None:
            return text("prov.no_rate", lang)
        return sourced_text(text("prov.social_recognition", lang), got, "%", lang)

    def counties(self) -> list[dict[str, Any]]:
        """The county-inputs file form ``[{"county_code": …, "inputs": {…}}]`` when the
        county is known (``county_code``), else ``[]``."""
        return county_inputs_file(self.county_code, self.county_inputs(), self.year)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "eduequity.survey/1",
            "source": self.source,
            "responses": self.responses,
            "valid": self.valid,
            "dont_know": self.dont_know,
            "invalid": {k: list(v) for k, v in self.invalid.items()},
            "overall": self.overall.to_dict(),
            "by_group": {k: v.to_dict() for k, v in self.by_group.items()},
            "by_school": {k: v.to_dict() for k, v in self.by_school.items()},
            "sample_checks": dict(self.sample_checks),
            "design": self.design,
            "county_inputs": {k: v.value for k, v in self.county_inputs().items()},
            **({"counties": self.counties()} if self.county_code is not None else {}),
        }


def survey(
    responses: Any,
    *,
    scheme: SurveyScheme | None = None,
    county_code: str | None = None,
    engine: Any = None,
    table: str | None = None,
) -> SurveyResult:
    """Validity, satisfaction rates and intervals of a survey.

    ``county_code`` names the county surveyed (by default the ``county_code`` column's
    value, when it holds one); with it, ``to_dict()`` carries a ``counties`` list that
    ``evaluate --county-inputs`` reads as is.

    With ``engine`` (``"duckdb"`` and a CSV or Parquet path or a DuckDB relation, or a
    connection and ``table``), the responses are judged and counted there
    (:mod:`eduequity.records.survey_engine`); the result is the same.

    Examples
    --------
    >>> rows = [{"respondent_id": 1, "group": "家长", "school": "A", "answer": "满意"},
    ...         {"respondent_id": 2, "group": "家长", "school": "A", "answer": "不了解"},
    ...         {"respondent_id": 3, "group": "学生", "school": "B", "answer": 2},
    ...         {"respondent_id": 3, "group": "学生", "school": "B", "answer": 5},
    ...         {"respondent_id": 4, "group": "教师", "school": "B", "answer": ""}]
    >>> r = survey(rows)
    >>> r.valid, r.dont_know, sorted(r.invalid.items()), r.overall.satisfied, r.overall.n
    (3, 1, [('duplicate', [3]), ('incomplete', [4])], 1, 2)
    """
    scheme = scheme or SurveyScheme()
    if engine is not None:
        from eduequity.records.survey_engine import survey_in_engine

        found = survey_in_engine(responses, scheme, engine, table)
        return found if county_code is None else replace(found, county_code=county_code)
    rec = read_records(responses, LAYOUT, ("respondent_id", "answer"))
    codes, invalid = _answers(rec)
    valid = [i for i, c in enumerate(codes) if c is not None]
    dont_know = sum(1 for i in valid if codes[i] == 0)

    def rate_of(rows: list[int]) -> Rate:
        counted = [i for i in rows if codes[i] != 0 or scheme.dont_know == "unsatisfied"]
        sat = sum(1 for i in counted if codes[i] in scheme.satisfied)
        return _rate(sat, len(counted))

    groups = _column(rec, "group")
    schools = _column(rec, "school")
    overall = rate_of(valid)
    method = "wilson"
    if "stratum" in rec.columns:
        overall, method = _stratified(rec, codes, valid, scheme), "design_based"
    design = DESIGNS[method]
    by_group = {g: rate_of(rows) for g, rows in sorted(_split(valid, groups).items())}
    by_school = {s: rate_of(rows) for s, rows in sorted(_split(valid, schools).items())}
    checks = _sample_checks(scheme, len(valid), Counter(groups[i] for i in valid))
    if county_code is None:
        found_codes = {c for c in _column(rec, "county_code") if c}
        county_code = found_codes.pop() if len(found_codes) == 1 else None
    return SurveyResult(rec.source, len(rec), len(valid), dont_know, invalid, overall, by_group,
                        by_school, checks, design, method, scheme, county_code)  # fmt: skip


DESIGNS = {  # the interval's method → how the sample is described
    "wilson": "simple random sample (Wilson)",
    "design_based": "stratified (weights per stratum)",
}


def _split(rows: list[int], keys: list[str]) -> dict[str, list[int]]:
    """The rows of each key, in one pass (a scan per school would grow as rows × schools)."""
    out: dict[str, list[int]] = {}
    for i in rows:
        out.setdefault(keys[i], []).append(i)
    return out


def _rate(satisfied: int, n: int) -> Rate:
    if n == 0:
        return Rate(0, 0, None, None, None)
    lo, hi = wilson_interval(satisfied, n)
    return Rate(satisfied, n, satisfied / n, lo, hi)


def _sample_checks(
    scheme: SurveyScheme, valid: int, per_group: Mapping[str, int]
) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if scheme.min_valid is not None:
        checks[f"at least {scheme.min_valid} valid responses"] = valid >= scheme.min_valid
    for g, share in scheme.min_group_share.items():
        got = per_group.get(g, 0) / valid if valid else 0.0
        checks[f"{g} at least {share:.0%} of valid responses"] = got >= share
    return checks


def _column(rec: Records, name: str) -> list[str]:
    values = rec.columns.get(name)
    if values is None:
        return [""] * len(rec)
    return ["" if v is None else str(v).strip() for v in values]


def _answers(rec: Records) -> tuple[list[int | None], dict[str, list[int]]]:
    codes: list[int | None] = []
    invalid: dict[str, list[int]] = {}
    seen: set[str] = set()
    ids = _column(rec, "respondent_id")
    for i, raw in enumerate(rec.columns["answer"]):
        code = _code(raw)
        rid = ids[i]
        if code is None:
            invalid.setdefault("incomplete", []).append(rec.rows[i])
        elif rid and rid in seen:
            invalid.setdefault("duplicate", []).append(rec.rows[i])
            code = None
        if rid:
            seen.add(rid)
        codes.append(code)
    return codes, invalid


def _code(raw: Any) -> int | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return int(raw) if float(raw).is_integer() and 0 <= raw <= 5 else None
    text = "".join(str(raw).split())
    if text in LABELS:
        return LABELS[text]
    if text.isdigit() and 0 <= int(text) <= 5:
        return int(text)
    return None


def _stratified(rec: Records, codes: list[int | None], valid: list[int],
                scheme: SurveyScheme) -> Rate:  # fmt: skip
    strata = _column(rec, "stratum")
    weights = rec.columns.get("weight")
    if weights is None:
        raise DataError(f"{rec.source}: a stratum column needs a weight column (each stratum's "
                        "share of the population)", message_code="rec_stratum_needs_weight",
                        message_params={"file": rec.source})  # fmt: skip
    cells: dict[str, list[Any]] = {}
    for i in valid:
        if codes[i] == 0 and scheme.dont_know == "exclude":
            continue
        try:
            w = float(weights[i])
        except (TypeError, ValueError):
            raise value_error(
                f"{rec.where(i)}, column weight: not a number, got {weights[i]!r}",
                "rec_not_a_number", rec.place(i), "weight", rec.header("weight"),
                value=weights[i],
            ) from None
        cell = cells.setdefault(strata[i], [w, 0, 0])
        if cell[0] != w:
            raise value_error(f"{rec.where(i)}, column weight: stratum {strata[i]!r} has "
                              f"weights {cell[0]} and {w}; give each stratum one weight",
                              "rec_two_weights", rec.place(i), "weight", rec.header("weight"),
                              stratum=strata[i], first=cell[0], second=w)  # fmt: skip
        cell[1] += codes[i] in scheme.satisfied
        cell[2] += 1
    sat = sum(int(c[1]) for c in cells.values())
    n = sum(int(c[2]) for c in cells.values())
    p, lo, hi = stratified_interval([(c[0], int(c[1]), int(c[2])) for c in cells.values()])
    return Rate(sat, n, p, lo, hi)

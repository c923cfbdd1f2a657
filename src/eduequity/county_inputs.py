"""County inputs: the figures and yes/no items a county supplies (satisfaction, vetoes, …).

Accepted forms, from Python or a file (JSON, TOML or CSV):

- ``{"counties": [{"county_code": "510101", "year": 2025, "inputs": {...}}, ...]}``
  (``year`` optional: the inputs then hold for every year of the county);
- a list of such records, or of flat records ``{"county_code": ..., "year": ..., "<input>": ...}``
  (one CSV row per county and year has this shape);
- a mapping ``{"510101": {"<input>": value, ...}}``.

Values are checked against the rule set's input declarations: a wrong type or a value out of
range is an error naming county, input and value; an input the set does not use is a
warning (one file may serve several standards); a percentage given as a fraction (0 < value
≤ 1 for a ``%`` input) is a warning.

A value may carry its provenance (:mod:`eduequity.provenance`): a
:class:`~eduequity.provenance.CountyInput`, or in a file ``{"value": 87.2, "provenance":
{...}}``. The value is taken out here, once: the rules see numbers only, and
:meth:`CountyInputs.provenance_for` gives the provenance to the assessment.

A document of ``eduequity survey`` or ``eduequity teachers`` (``--format json``) that names
its county carries a ``counties`` list in this form, so it can be given as is.
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eduequity.codes import DefectCode
from eduequity.defects import Defect
from eduequity.errors import LINES, CountyInputError
from eduequity.provenance import CountyInput, Provenance, is_sourced
from eduequity.rules.schema import InputDef, RuleSet

__all__ = ["CountyInputs", "csv_records", "read_county_inputs"]

Value = float | bool
_KEYS = ("county_code", "year")
_YES = {"true", "yes", "y", "1", "是", "有"}
_NO = {"false", "no", "n", "0", "否", "无"}


class CountyInputs:
    """Validated inputs, looked up by county and year."""

    def __init__(
        self,
        by_key: Mapping[tuple[str, int | None], dict[str, Value]],
        source: str,
        provenance: Mapping[tuple[str, int | None], dict[str, Provenance]] | None = None,
    ):
        self._by_key = dict(by_key)
        self._provenance = dict(provenance or {})
        self.source = source

    def provenance_for(self, county_code: str, year: int) -> dict[str, Provenance]:
        """The provenance of the inputs :meth:`for_county` gives, for those that have one
        (an input of ``year`` given as a plain number drops the provenance of the same
        input given for every year).

        >>> from eduequity.provenance import Provenance
        >>> p = Provenance("survey")
        >>> ci = CountyInputs({("999901", None): {"x": 90.0, "y": 1.0},
        ...                    ("999901", 2025): {"x": 91.0}}, "example",
        ...                   {("999901", None): {"x": p, "y": p}})
        >>> ci.provenance_for("999901", 2025) == {"y": p}, ci.provenance_for("999901", 2024)["x"]
        (True, Provenance(source='survey', method=None, low=None, high=None, confidence=None, \
n_valid=None, n_invalid=None, n_dont_know=None, numerator=None, denominator=None, scheme=None, \
dont_know=None, file=None, note=None))
        """
        if not self._provenance:
            return {}
        overridden = self._by_key.get((county_code, year), {})
        every = self._provenance.get((county_code, None), {})
        return {
            **{k: p for k, p in every.items() if k not in overridden},
            **self._provenance.get((county_code, year), {}),
        }

    def for_county(self, county_code: str, year: int) -> dict[str, Value]:
        """Inputs for every year of the county, overridden by those of ``year``."""
        return {
            **self._by_key.get((county_code, None), {}),
            **self._by_key.get((county_code, year), {}),
        }

    def for_counties(self, keys: Sequence[tuple[str, int]]) -> dict[int, dict[str, Value]]:
        """``{k: for_county(*keys[k])}`` for the counties that have inputs (the others have
        none): a nation without inputs costs nothing.

        >>> ci = CountyInputs({("999901", None): {"x": 1.0}}, "example")
        >>> ci.for_counties([("999902", 2025), ("999901", 2025)])
        {1: {'x': 1.0}}
        """
        codes = {code for code, _ in self._by_key}
        if not codes:
            return {}
        return {
            k: self.for_county(code, year)
            for k, (code, year) in enumerate(keys)
            if code in codes and ((code, None) in self._by_key or (code, year) in self._by_key)
        }

    def __len__(self) -> int:
        return len(self._by_key)


def read_county_inputs(
    source: str | Path | Mapping[str, Any] | Sequence[Mapping[str, Any]]
    | Sequence[str | Path] | None,
    rule_set: RuleSet,
) -> tuple[CountyInputs, list[Defect]]:
    """Read and check county inputs against ``rule_set``; return them and the warnings.

    ``source`` may also be a list of files (a survey's, a roster's, the county's own): a
    county's inputs from each are put together, and one input given by two files is an
    error naming both.

    Examples
    --------
    >>> from eduequity.rules import load_rule_set
    >>> rs = load_rule_set("cn-2012-basic")
    >>> ci, warnings = read_county_inputs({"999901": {"public_satisfaction_pct": 91.5}}, rs)
    >>> ci.for_county("999901", 2025), warnings
    ({'public_satisfaction_pct': 91.5}, [])
    """
    if source is None:
        return CountyInputs({}, "none"), []
    files: list[tuple[str, Any]]
    if isinstance(source, str | Path):
        files = [(str(source), _read_file(Path(source)))]
    elif isinstance(source, Sequence) and source and all(
        isinstance(x, str | Path) for x in source
    ):
        paths = [Path(x) for x in source if isinstance(x, str | Path)]
        files = [(str(x), _read_file(x)) for x in paths]
    else:
        files = [("county inputs", source)]
    specs = {i.id: i for i in rule_set.inputs}
    by_key: dict[tuple[str, int | None], dict[str, Value]] = {}
    provenance: dict[tuple[str, int | None], dict[str, Provenance]] = {}
    given_by: dict[tuple[str, int | None, str], str] = {}  # (county, year, input) → file
    warnings: list[Defect] = []
    errors: list[str] = []
    said: list[tuple[str, dict[str, Any]]] = []  # the code and facts of each error's line

    def refuse(line: str, code: str, **params: Any) -> None:
        errors.append(line)
        said.append((f"ci.{code}", {"where": place, **params}))

    for name, data in files:
        seen: set[tuple[str, int | None]] = set()
        for rec_no, (county, year, values) in enumerate(_records(data, name)):
            where = f"{name}: county {county}" + (f", year {year}" if year is not None else "")
            place = (
                ("ci.where", {"file": name, "county": county}) if year is None
                else ("ci.where_year", {"file": name, "county": county, "year": year})
            )  # fmt: skip
            if (county, year) in seen:
                refuse(f"{where}: given twice", "twice")
                continue
            seen.add((county, year))
            clean = by_key.setdefault((county, year), {})
            for key, given in values.items():
                try:
                    raw, prov = _unwrap(given)
                except ValueError as exc:
                    refuse(f"{where}, input {key}: {exc}", "bad_sourced", input=key)
                    continue
                spec = specs.get(key)
                if spec is None:
                    warnings.append(
                        Defect(
                            "warning",
                            DefectCode.UNKNOWN_INPUT,
                            f"{where}, input {key}: not used by {rule_set.id}; ignored",
                            name,
                            rec_no,
                            None,
                            key,
                            raw,
                            params={"county": county, "input": key, "rule_set": rule_set.id},
                        )
                    )
                    continue
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue  # blank: not supplied
                earlier = given_by.get((county, year, key))
                if earlier is not None:
                    refuse(f"{where}, input {key}: also given by {earlier}", "also_given",
                           input=key, other=earlier)  # fmt: skip
                    continue
                given_by[(county, year, key)] = name
                try:
                    clean[key] = _convert(raw, spec)
                    if prov is not None:
                        provenance.setdefault((county, year), {})[key] = prov
                except _BadValueError as exc:
                    refuse(f"{where}, input {key}: {exc}", exc.code, input=key, **exc.params)
                    continue
                v = clean[key]
                if spec.unit == "%" and not isinstance(v, bool) and 0 < v <= 1:
                    warnings.append(
                        Defect(
                            "warning",
                            DefectCode.LOOKS_LIKE_FRACTION,
                            f"{where}, input {key}: {v} looks like a fraction; "
                            "percentages are written 0–100",
                            name,
                            rec_no,
                            None,
                            key,
                            v,
                            params={"county": county, "input": key},
                        )
                    )
    if errors:
        raise CountyInputError(
            "\n".join(errors), message_code=LINES, message_params={"lines": said}
        )
    return CountyInputs(by_key, ", ".join(n for n, _ in files), provenance), warnings


def _unwrap(raw: Any) -> tuple[Any, Provenance | None]:
    """The value and provenance of an input as given (a number has none)."""
    if isinstance(raw, CountyInput):
        return raw.value, raw.provenance
    if is_sourced(raw):
        given = CountyInput.from_dict(raw)
        return given.value, given.provenance
    return raw, None


def csv_records(lines: Iterable[str], file: str) -> list[dict[str, Any]]:
    """The rows of a county-inputs CSV (one county a row) as dicts; a row the csv module
    cannot read (e.g. a cell over its field limit) is refused with its line.

    >>> csv_records(["county_code,teacher_pay_vs_civil_servants_pct", "330106,101"], "a.csv")
    [{'county_code': '330106', 'teacher_pay_vs_civil_servants_pct': '101'}]
    """
    reader = csv.DictReader(lines)
    try:
        return list(reader)
    except csv.Error as exc:
        line = reader.reader.line_num  # the line being read (DictReader's own lags one)
        raise CountyInputError(
            f"{file}: cannot read county inputs: CSV line {line}: {exc}",
            message_code="ci.bad_csv", message_params={"file": file, "line": line},
        ) from None  # fmt: skip


def _read_file(path: Path) -> Any:
    try:
        if path.suffix.lower() == ".json":
            return json.loads(path.read_text(encoding="utf-8-sig"))
        if path.suffix.lower() == ".toml":
            with path.open("rb") as fh:
                return tomllib.load(fh)
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                return csv_records(fh, str(path))
    except CountyInputError:
        raise
    except (OSError, ValueError) as exc:
        raise CountyInputError(
            f"{path}: cannot read county inputs: {exc}", **_unreadable(path, exc)
        ) from None
    raise CountyInputError(
        f"{path}: county inputs must be .json, .toml or .csv",
        message_code="ci.suffix", message_params={"file": str(path)},
    )


def _unreadable(path: Path, exc: OSError | ValueError) -> dict[str, Any]:
    """The code and facts of a county-inputs file that cannot be read."""
    from eduequity.rules.files import syntax_position

    file = str(path)
    if isinstance(exc, OSError):
        return {"message_code": "ci.cannot_open",
                "message_params": {"file": file, "errno": exc.errno}}  # fmt: skip
    if isinstance(exc, UnicodeDecodeError):
        return {"message_code": "ci.not_utf8", "message_params": {"file": file}}
    kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
    if kind == "TOML" and not isinstance(exc, tomllib.TOMLDecodeError):
        kind = "CSV"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        text = ""
    line, col = syntax_position(exc, text)
    return {"message_code": "ci.bad_syntax",
            "message_params": {"file": file, "kind": kind, "line": line, "col": col}}  # fmt: skip


def _records(data: Any, name: str) -> list[tuple[str, int | None, dict[str, Any]]]:
    if isinstance(data, Mapping) and "counties" not in data and str(data.get("format", "")) in (
        "eduequity.survey/1",
        "eduequity.teachers/1",
    ):
        raise CountyInputError(
            f"{name}: this {data['format']} document names no county; give the county "
            "(eduequity survey/teachers --county CODE) to make it a county-inputs file",
            message_code="ci.no_county", message_params={"file": name, "format": data["format"]},
        )  # fmt: skip
    if isinstance(data, Mapping) and "counties" in data:
        data = data["counties"]
    out: list[tuple[str, int | None, dict[str, Any]]] = []
    if isinstance(data, Mapping):
        for county, values in data.items():
            if not isinstance(values, Mapping):
                raise CountyInputError(
                    f"{name}: county {county}: expected a table of inputs",
                    message_code="ci.not_a_table",
                    message_params={"file": name, "county": str(county)},
                )
            out.append((str(county), None, dict(values)))
        return out
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise CountyInputError(
            f"{name}: expected a list of counties or a mapping",
            message_code="ci.not_a_list", message_params={"file": name},
        )  # fmt: skip
    for i, rec in enumerate(data):
        if not isinstance(rec, Mapping) or not str(rec.get("county_code") or "").strip():
            raise CountyInputError(
                f"{name}: entry {i}: needs a county_code",
                message_code="ci.no_county_code", message_params={"file": name, "entry": i},
            )  # fmt: skip
        county = str(rec["county_code"]).strip()
        year_raw = rec.get("year")
        try:
            year = None if year_raw in (None, "") else int(year_raw)
        except (TypeError, ValueError):
            raise CountyInputError(
                f"{name}: county {county}: year {year_raw!r} is not a year",
                message_code="ci.bad_year",
                message_params={"file": name, "county": county, "year": year_raw},
            ) from None
        if "inputs" in rec:
            values = rec["inputs"]
            if not isinstance(values, Mapping):
                raise CountyInputError(
                    f"{name}: county {county}: inputs must be a table",
                    message_code="ci.inputs_not_table",
                    message_params={"file": name, "county": county},
                )
        else:
            values = {k: v for k, v in rec.items() if k not in _KEYS}
        out.append((county, year, dict(values)))
    return out


def _convert(raw: Any, spec: InputDef) -> Value:
    if spec.type == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise _BadValueError(
            f"expected yes/no (true/false, 是/否, 1/0), got {raw!r}", "not_yes_no", value=raw
        )
    if isinstance(raw, bool):
        raise _BadValueError(f"expected a number, got {raw!r}", "not_a_number", value=raw)
    try:
        v = float(str(raw).replace(",", "").replace("%", "").strip())
    except ValueError:
        raise _BadValueError(f"expected a number, got {raw!r}", "not_a_number", value=raw) from None
    if v != v or v in (float("inf"), float("-inf")):
        raise _BadValueError(f"expected a finite number, got {raw!r}", "not_finite", value=raw)
    if spec.min is not None and v < spec.min:
        raise _BadValueError(f"must be >= {spec.min:g}, got {v:g}", "below_min",
                        min=f"{spec.min:g}", value=f"{v:g}")  # fmt: skip
    if spec.max is not None and v > spec.max:
        raise _BadValueError(f"must be <= {spec.max:g}, got {v:g}", "above_max",
                        max=f"{spec.max:g}", value=f"{v:g}")  # fmt: skip
    return v


class _BadValueError(ValueError):
    """A value an input cannot take, with the code and facts of its sentence."""

    def __init__(self, message: str, code: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

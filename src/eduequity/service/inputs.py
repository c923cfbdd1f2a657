"""What a request asks for, read and checked before any work: the schools (an uploaded
file or JSON records), the standard, the county inputs and the options.

Nothing here touches the web framework: :func:`from_json` takes a decoded JSON body,
:func:`from_form` the fields and files of a multipart form. A client names only bundled
standards and sends county inputs as data, never a path: the service reads no file of its
host on a client's behalf.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduequity.assessment import contract_of
from eduequity.county_inputs import csv_records
from eduequity.errors import ConfigurationError, CountyInputError, DataError
from eduequity.io import load_schools
from eduequity.rules import bundled_rule_sets
from eduequity.table import SchoolTable

__all__ = ["DEFAULT_STANDARD", "FORMATS", "LANGS", "Inputs", "from_form", "from_json"]

DEFAULT_STANDARD = "cn-2017-quality"
LANGS = ("zh", "en")
FORMATS = ("json", "html", "xlsx", "md", "text")
_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json")
_INPUT_SUFFIXES = (".json", ".toml", ".csv")
_KNOWN = {
    "records", "standard", "county_inputs", "lang", "format", "changes", "costs", "budget",
    "transfers", "flags", "encoding", "sheet", "plots", "contract",
}  # fmt: skip


@dataclass(frozen=True)
class Upload:
    """A file sent with the request: its (sanitised) name and its bytes."""

    name: str
    data: bytes

    def parsed(self) -> Any:
        """A county-inputs file as data: JSON, TOML, or CSV records (one county a row)."""
        try:
            text = self.data.decode("utf-8-sig")
            suffix = Path(self.name).suffix.lower()
            if suffix == ".json":
                return json.loads(text)
            if suffix == ".toml":
                return tomllib.loads(text)
            return csv_records(io.StringIO(text, newline=""), self.name)
        except CountyInputError:
            raise
        except (UnicodeDecodeError, ValueError) as exc:
            raise CountyInputError(
                f"{self.name}: cannot read county inputs: {exc}", **self._unreadable(exc)
            ) from None

    def _unreadable(self, exc: ValueError) -> dict[str, Any]:
        """The code and facts of a county-inputs upload that cannot be read."""
        from eduequity.rules.files import syntax_position

        if isinstance(exc, UnicodeDecodeError):
            return {"message_code": "ci.not_utf8", "message_params": {"file": self.name}}
        suffix = Path(self.name).suffix.lower()
        kind = {".json": "JSON", ".toml": "TOML"}.get(suffix, "CSV")
        line, col = syntax_position(exc, self.data.decode("utf-8-sig", "replace"))
        facts = {"file": self.name, "kind": kind, "line": line, "col": col}
        return {"message_code": "ci.bad_syntax", "message_params": facts}


@dataclass(frozen=True)
class Inputs:
    """One request's inputs. ``schools`` is a list of records or an :class:`Upload`."""

    schools: list[dict[str, Any]] | Upload
    standard: str = DEFAULT_STANDARD
    county_inputs: Any = None
    lang: str = "zh"
    format: str = "json"
    options: dict[str, Any] = field(default_factory=dict)

    @contextlib.contextmanager
    def opened(self) -> Iterator[tuple[SchoolTable, Any]]:
        """The school table and the county inputs (as data).

        An upload is written to a private temporary folder under its own (sanitised)
        name, so that messages name the client's file; the folder is removed after.
        """
        county_inputs = self.county_inputs
        if isinstance(county_inputs, Upload):
            county_inputs = county_inputs.parsed()
        if isinstance(self.schools, list):
            yield load_schools(self.schools), county_inputs
            return
        with tempfile.TemporaryDirectory(prefix="eduequity-") as folder:
            path = Path(folder) / self.schools.name
            path.write_bytes(self.schools.data)
            table = load_schools(
                path, encoding=self.options.get("encoding"), sheet=self.options.get("sheet")
            )
            yield table, county_inputs


def file_name(name: str | None, default: str, allowed: tuple[str, ...]) -> str:
    """A safe file name for an upload: the base name, unusual characters replaced; its
    suffix must be one the loader reads.

    Examples
    --------
    >>> file_name("../../etc/县 2025.csv", "upload.csv", (".csv",))
    '县_2025.csv'
    >>> file_name(None, "upload.csv", (".csv",))
    'upload.csv'
    """
    base = Path((name or "").replace("\\", "/")).name.strip()
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".") or default
    if Path(base).suffix.lower() not in allowed:
        expected = [s[1:] for s in allowed]
        raise DataError(
            f"{base}: unsupported file type (expected {', '.join(expected)})",
            message_code="svc.file_type", message_params={"file": base, "expected": expected},
        )
    return base[-120:]


def from_json(body: Any) -> Inputs:
    """Inputs from a JSON body ``{"records": [...], "standard": ..., "county_inputs": ...}``.

    Examples
    --------
    >>> i = from_json({"records": [{"school_id": "S1", "school_type": "primary"}]})
    >>> i.standard, i.lang, i.format
    ('cn-2017-quality', 'zh', 'json')
    >>> from_json({"records": "/etc/passwd"})
    Traceback (most recent call last):
    ...
    eduequity.errors.DataError: records: expected a list of school objects
    """
    if not isinstance(body, Mapping):
        raise DataError(
            "the JSON body must be an object with 'records'", message_code="svc.body_not_object"
        )
    unknown = sorted(set(body) - _KNOWN)
    if unknown:
        raise ConfigurationError(
            f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KNOWN))}",
            message_code="svc.unknown_keys",
            message_params={"unknown": unknown, "known": sorted(_KNOWN)},
        )
    records = body.get("records")
    if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
        raise DataError(
            "records: expected a list of school objects", message_code="svc.records_not_list"
        )
    return _inputs([dict(r) for r in records], body, body.get("county_inputs"))


def from_form(fields: Mapping[str, str], files: Mapping[str, tuple[str | None, bytes]]) -> Inputs:
    """Inputs from a multipart form: the ``file`` upload and text fields (``county_inputs``
    as JSON text or an uploaded .json/.toml/.csv file; ``changes``, ``costs``, ``flags``
    as JSON text)."""
    if "file" not in files:
        raise DataError(
            "no file: send the school table as the multipart field 'file'",
            message_code="svc.no_file",
        )
    name, data = files["file"]
    upload = Upload(file_name(name, "upload.csv", _SUFFIXES), data)
    raw: dict[str, Any] = {k: v for k, v in fields.items() if v != ""}
    for key in ("changes", "costs", "flags"):
        if key in raw:
            raw[key] = _json_field(key, raw[key])
    for key in ("transfers", "plots"):
        if key in raw:
            raw[key] = raw[key].lower() in ("1", "true", "on", "yes")
    county_inputs: Any = None
    if "county_inputs" in files and files["county_inputs"][1]:
        inputs_name, inputs_data = files["county_inputs"]
        county_inputs = Upload(
            file_name(inputs_name, "inputs.json", _INPUT_SUFFIXES), inputs_data
        )
    elif "county_inputs" in raw:
        county_inputs = _json_field("county_inputs", raw["county_inputs"])
    return _inputs(upload, raw, county_inputs)


def _json_field(key: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        from eduequity.rules.files import syntax_position

        line, col = syntax_position(exc, text)
        raise ConfigurationError(
            f"{key}: not JSON: {exc}", message_code="svc.field_not_json",
            message_params={"key": key, "line": line, "col": col},
        ) from None  # fmt: skip


def _inputs(schools: list[dict[str, Any]] | Upload, raw: Mapping[str, Any], ci: Any) -> Inputs:
    standard = raw.get("standard") or DEFAULT_STANDARD
    if standard not in bundled_rule_sets():
        known = list(bundled_rule_sets())
        raise ConfigurationError(
            f"standard {standard!r}: not a bundled rule set ({', '.join(known)})",
            message_code="svc.standard", message_params={"standard": standard, "known": known},
        )  # fmt: skip
    if ci is not None and not isinstance(ci, Mapping | list | Upload):
        raise ConfigurationError(
            "county_inputs: expected an object or a list of records",
            message_code="svc.county_inputs_type",
        )
    lang = raw.get("lang") or "zh"
    if lang not in LANGS:
        raise ConfigurationError(
            f"lang {lang!r}: expected zh or en", message_code="svc.lang",
            message_params={"value": lang},
        )  # fmt: skip
    fmt = raw.get("format") or "json"
    if fmt not in FORMATS:
        raise ConfigurationError(
            f"format {fmt!r}: expected one of {', '.join(FORMATS)}", message_code="svc.format",
            message_params={"value": fmt, "known": list(FORMATS)},
        )  # fmt: skip
    options = {k: raw[k] for k in ("changes", "costs", "budget", "transfers", "flags",
                                   "encoding", "sheet", "plots")
               if raw.get(k) is not None}  # fmt: skip
    contract = raw.get("contract", 2)  # a form field's text, or a JSON body's number
    options["contract"] = contract_of(int(contract) if contract in ("1", "2") else contract)
    return Inputs(schools, str(standard), ci, str(lang), str(fmt), options)

"""Records and JSON: a list of dicts (or :class:`~eduequity.models.School`), or a JSON file
of such a list or of ``{"format": "eduequity.schools/1", "schools": [...]}``.

A value that is a list or a dict is refused naming its key; JSON nested too deeply for
the parser is refused as such (never a ``RecursionError``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eduequity._validate import RawTable
from eduequity.defects import RECORDS, Defect
from eduequity.errors import DataError
from eduequity.table import TABLE_FORMAT

__all__ = ["read_json", "read_records"]

_SCALARS = (str, int, float, bool, type(None))


def read_records(records: Sequence[Any], source: str = RECORDS) -> RawTable:
    """The columns of a list of mappings, keys in order of first appearance."""
    dicts: list[Mapping[str, Any]] = []
    # a pydantic model (a School) exists only once pydantic is imported: not imported here
    pydantic = sys.modules.get("pydantic")
    for i, rec in enumerate(records):
        if pydantic is not None and isinstance(rec, pydantic.BaseModel):
            dicts.append(rec.model_dump(exclude_none=True))
        elif isinstance(rec, Mapping):
            dicts.append(rec)
        else:
            raise DataError(
                f"{source}, row {i}: expected a mapping, got {type(rec).__name__}",
                message_code="not_a_mapping",
                message_params={"file": source, "n": i + 1, "row": i, "kind": type(rec).__name__},
            )  # fmt: skip
    keys: dict[str, None] = {}
    for d in dicts:
        keys.update(dict.fromkeys(d))
    notes: list[Defect] = []
    columns = []
    for key in keys:
        cells = np.empty(len(dicts), dtype=object)
        for i, d in enumerate(dicts):
            v = d.get(key)
            if isinstance(v, list | tuple | dict | set):
                kind = type(v).__name__
                notes.append(
                    Defect(
                        "error", "not_a_scalar",
                        f"{source}, row {i}, column {key}: expected one value, got a {kind}",
                        source, i, None, str(key), repr(v)[:80], params={"kind": kind},
                        positions=True,
                    )
                )
                v = None
            cells[i] = v
        columns.append(cells)
    return RawTable(
        source=source,
        headers=[str(k) for k in keys],
        columns=columns,
        rows=np.arange(len(dicts), dtype=np.int64),
        places=[f"key {str(k)!r}" for k in keys],
        notes=notes,
        positions=True,
    )


def read_json(path: Path) -> RawTable:
    """The records of a JSON file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path.name}: JSON must be UTF-8 ({exc})",
            message_code="json_not_utf8", message_params={"file": path.name},
        ) from None  # fmt: skip
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path.name}: invalid JSON: {exc}", message_code="json_invalid",
            message_params={"file": path.name, "line": exc.lineno, "col": exc.colno},
        ) from None  # fmt: skip
    except RecursionError:
        raise DataError(
            f"{path.name}: JSON nested too deeply to be school records",
            message_code="json_too_deep", message_params={"file": path.name},
        ) from None  # fmt: skip
    if isinstance(doc, dict) and doc.get("format") not in (None, TABLE_FORMAT):
        raise DataError(
            f"{path.name}: unknown format {doc.get('format')!r}",
            message_code="json_format", message_params={"file": path.name,
                                                        "format": doc.get("format")},
        )  # fmt: skip
    records = doc.get("schools") if isinstance(doc, dict) else doc
    if not isinstance(records, list):
        raise DataError(
            f"{path.name}: expected a list of schools or {{'schools': [...]}}",
            message_code="json_not_a_list", message_params={"file": path.name},
        )  # fmt: skip
    return read_records(records, path.name)

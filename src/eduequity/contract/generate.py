"""JSON Schema (draft 2020-12) from the contract models, and the shipped schema files.

``python -m eduequity.contract.generate`` rewrites ``contract/schemas/*.json``; a test
checks that the shipped files equal what this module generates, so they cannot drift.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from eduequity.contract.assessment import AssessmentDoc
from eduequity.contract.assessment2 import AssessmentDoc2
from eduequity.contract.crosscheck import CrossCheckDoc
from eduequity.contract.error import ErrorDoc
from eduequity.contract.forms import CollectDoc, RectificationDoc
from eduequity.contract.monitor import MonitorDoc
from eduequity.contract.outputs import (
    AuditDoc,
    BatchDoc,
    PlanDoc,
    StandardsDoc,
    SummaryDoc,
    TrendDoc,
    ValidateDoc,
    WhatIfDoc,
)
from eduequity.contract.records import SurveyDoc, TeachersDoc
from eduequity.io.atomic import write_atomic

__all__ = ["CONTRACTS", "SCHEMA_DIR", "generate", "schema_text", "write_schemas"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# name -> (model, contract id, what gives the document)
CONTRACTS: dict[str, tuple[type[BaseModel], str, str]] = {
    "assessment": (
        AssessmentDoc2,
        "eduequity.assessment/2",
        "Assessment.to_dict(), eduequity evaluate --format json, POST /evaluate",
    ),
    "assessment-v1": (
        AssessmentDoc,
        "eduequity.assessment/1",
        "Assessment.to_dict(contract=1), eduequity evaluate --format json --contract 1",
    ),
    "error": (ErrorDoc, "eduequity.error/1", "--format json on bad input (exit 2), HTTP 422"),
    "batch": (
        BatchDoc,
        "eduequity.batch/1",
        "eduequity evaluate PATH PATH... (or a folder) --format json",
    ),
    "plan": (
        PlanDoc,
        "eduequity.plan/1",
        "Plan.to_dict(), eduequity plan --format json, POST /plan",
    ),
    "whatif": (
        WhatIfDoc,
        "eduequity.whatif/1",
        "WhatIf.to_dict(), eduequity whatif --format json, POST /whatif",
    ),
    "trend": (TrendDoc, "eduequity.trend/1", "eduequity trend --format json"),
    "audit": (AuditDoc, "eduequity.audit/1", "eduequity audit --format json"),
    "validate": (
        ValidateDoc,
        "eduequity.validate/1",
        "eduequity validate --format json, POST /validate",
    ),
    "summary": (SummaryDoc, "eduequity.summary/1", "eduequity summary --format json"),
    "standards": (
        StandardsDoc,
        "eduequity.standards/1",
        "eduequity rules list --format json, GET /standards",
    ),
    "monitor": (
        MonitorDoc,
        "eduequity.monitor/1",
        "Monitoring.to_dict(), eduequity monitor --format json",
    ),
    "collect": (
        CollectDoc,
        "eduequity.collect/1",
        "Collected.to_dict(), eduequity collect --format json",
    ),
    "rectification": (
        RectificationDoc,
        "eduequity.rectification/1",
        "Register.to_dict(), eduequity rectify --format json",
    ),
    "survey": (
        SurveyDoc,
        "eduequity.survey/1",
        "SurveyResult.to_dict(), eduequity survey --format json",
    ),
    "teachers": (
        TeachersDoc,
        "eduequity.teachers/1",
        "RosterResult.to_dict(), eduequity teachers --format json",
    ),
    "crosscheck": (
        CrossCheckDoc,
        "eduequity.crosscheck/1",
        "CrossCheck.to_dict(), eduequity crosscheck --format json",
    ),
}


class _Generator(GenerateJsonSchema):
    """Draft 2020-12 with ``$schema`` and ``$id``; no titles made up from field names."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def generate(name: str) -> dict[str, Any]:
    """The JSON Schema of contract ``name``, built from its pydantic model.

    Examples
    --------
    >>> s = generate("error")
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["$id"], s["required"]
    ('urn:eduequity:error/1', ['format', 'error', 'defects'])
    """
    model, contract, _ = CONTRACTS[name]
    body = model.model_json_schema(schema_generator=_Generator)
    return {
        "$schema": DRAFT,
        "$id": "urn:" + contract.replace(".", ":", 1),
        "title": contract,
        **{k: v for k, v in body.items() if k != "title"},
    }


def schema_text(name: str) -> str:
    """The shipped file's text: the schema as indented JSON, keys in model order."""
    return json.dumps(generate(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every contract's schema as ``folder/NAME.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in CONTRACTS:
        path = folder / f"{name}.json"
        write_atomic(path, schema_text(name))
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description="regenerate the shipped JSON Schema files")
    parser.add_argument("folder", nargs="?", default=str(SCHEMA_DIR))
    args = parser.parse_args()
    for path in write_schemas(Path(args.folder)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

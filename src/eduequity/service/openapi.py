"""The service's OpenAPI 3.1 document, built from the published contract schemas, and a
plain page that lists it (``GET /docs``, nothing loaded from elsewhere)."""

from __future__ import annotations

from html import escape
from typing import Any

import eduequity
from eduequity.contract import schema, schema_names
from eduequity.service.inputs import DEFAULT_STANDARD, FORMATS, LANGS

__all__ = ["docs_page", "openapi_document"]

_OPERATIONS = {
    "evaluate": (
        "assessment",
        "Evaluate every county and year against a standard",
        "The assessment (`eduequity.assessment/2`; `/1` with `contract` 1), or with "
        "`format` the report as html, xlsx, md or text.",
    ),
    "validate": ("validate", "Check a school table", "Valid data: counts and warnings."),
    "plan": (
        "plan",
        "Least-cost additions for every county to pass the resource part",
        "Options: `costs` (yuan per unit), `budget` (yuan per county), `transfers`.",
    ),
    "whatif": (
        "whatif",
        "The verdict before and after changes",
        "`changes`: a list of `{add}`, `{move}`, `{close}`, `{merge}` (see eduequity.whatif).",
    ),
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_response(name: str, what: str) -> dict[str, Any]:
    return {"description": what, "content": {"application/json": {"schema": _ref(name)}}}


def _request_body(standards: list[str]) -> dict[str, Any]:
    common = {
        "standard": {"type": "string", "enum": standards, "default": DEFAULT_STANDARD},
        "lang": {"type": "string", "enum": list(LANGS), "default": "zh"},
        "format": {"type": "string", "enum": list(FORMATS), "default": "json"},
        "contract": {"type": "integer", "enum": [1, 2], "default": 2,
                     "description": "json: eduequity.assessment/2 (compact) or /1"},
    }  # fmt: skip
    multipart = {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "the school table: .csv, .xlsx or .json"},
            **common,
            "county_inputs": {"type": "string",
                              "description": "JSON text, or a .json/.toml/.csv file"},
            "changes": {"type": "string", "description": "whatif: a JSON list of changes"},
            "costs": {"type": "string", "description": "plan: JSON object, yuan per unit"},
            "budget": {"type": "number", "description": "plan: yuan per county"},
            "transfers": {"type": "boolean", "description": "plan: move teachers, hire none"},
            "flags": {"type": "string", "description": 'JSON object, e.g. {"name": true}'},
            "encoding": {"type": "string", "description": "CSV encoding (default UTF-8, GBK)"},
            "sheet": {"type": "string", "description": "xlsx sheet (default the first)"},
            "plots": {"type": "boolean", "description": "html: include the charts (default)"},
        },
    }  # fmt: skip
    body = {
        "type": "object",
        "required": ["records"],
        "properties": {
            "records": {"type": "array", "items": {"type": "object"},
                        "description": "schools, one object each (data-format.md)"},
            **common,
            "county_inputs": {"type": ["object", "array"]},
            "changes": {"type": "array", "items": {"type": "object"}},
            "costs": {"type": "object", "additionalProperties": {"type": "number"}},
            "budget": {"type": "number"},
            "transfers": {"type": "boolean"},
            "flags": {"type": "object", "additionalProperties": {"type": "boolean"}},
            "plots": {"type": "boolean", "default": True},
        },
    }  # fmt: skip
    return {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": multipart},
            "application/json": {"schema": body},
        },
    }


def openapi_document(standards: list[str]) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service.

    Examples
    --------
    >>> doc = openapi_document(["cn-2017-quality"])
    >>> doc["openapi"], sorted(doc["paths"])[:3]
    ('3.1.0', ['/', '/evaluate', '/health'])
    """
    error = _json_response("error", "bad input: the error document (eduequity.error/1)")
    paths: dict[str, Any] = {}
    for op, (name, summary, description) in _OPERATIONS.items():
        ok = _json_response(name, f"the document of `eduequity {op} --format json`")
        if op == "evaluate":
            ok["content"].update({
                "text/html": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}},
            })  # fmt: skip
        paths[f"/{op}"] = {
            "post": {
                "operationId": op,
                "summary": summary,
                "description": description,
                "requestBody": _request_body(standards),
                "responses": {"200": ok, "413": _json_response("error", "request too large"),
                              "422": error},
            }
        }  # fmt: skip
    paths["/standards"] = {"get": {"operationId": "standards", "summary": "The bundled standards",
                                   "responses": {"200": _json_response("standards", "rule sets")}}}
    paths["/schema/{name}"] = {"get": {
        "operationId": "schema", "summary": "A published JSON Schema",
        "parameters": [{"name": "name", "in": "path", "required": True,
                        "schema": {"type": "string", "enum": list(schema_names())}}],
        "responses": {"200": {"description": "JSON Schema draft 2020-12",
                              "content": {"application/schema+json": {"schema": {}}}},
                      "404": _json_response("error", "no such schema")}}}
    paths["/health"] = {"get": {"operationId": "health", "summary": "Liveness and version",
                                "responses": {"200": {"description": "ok"}}}}
    paths["/"] = {"get": {"operationId": "form", "summary": "The form for people",
                          "responses": {"200": {"description": "html"}}}}  # fmt: skip
    components = {}
    for name in schema_names():
        s = schema(name)
        s.pop("$schema", None)
        components[name] = s
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "eduequity",
            "version": eduequity.__version__,
            "description": "Balanced compulsory education: evaluate counties against the "
            "national and provincial standards. The same JSON as the command line.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": components},
    }


def docs_page(doc: dict[str, Any]) -> str:
    """The OpenAPI document as a readable page: every path, its fields and answers."""
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(doc['info']['title'])} API</title><style>body{{font-family:sans-serif;"
        "max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f6f8fa;padding:0 .2rem}"
        "td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}"
        "table{border-collapse:collapse}</style></head><body>",
        f"<h1>{escape(doc['info']['title'])} {escape(doc['info']['version'])}</h1>",
        f"<p>{escape(doc['info']['description'])} "
        '<a href="/openapi.json">openapi.json</a></p>',
    ]
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            parts.append(f"<h2><code>{method.upper()} {escape(path)}</code></h2>")
            parts.append(f"<p>{escape(op['summary'])}. {escape(op.get('description', ''))}</p>")
            body = op.get("requestBody", {}).get("content", {})
            for media, spec in body.items():
                props = spec["schema"]["properties"]
                rows = "".join(
                    f"<tr><td><code>{escape(k)}</code></td>"
                    f"<td>{escape(str(v.get('type', '')))}</td>"
                    f"<td>{escape(str(v.get('enum', v.get('description', ''))))}</td></tr>"
                    for k, v in props.items()
                )
                parts.append(f"<p>{escape(media)}:</p><table>{rows}</table>")
            answers = []
            for status, r in op["responses"].items():
                refs = [
                    c["schema"]["$ref"].rsplit("/", 1)[-1]
                    for c in r.get("content", {}).values()
                    if "$ref" in c.get("schema", {})
                ]
                link = "".join(f' <a href="/schema/{n}">schema {n}</a>' for n in refs)
                answers.append(f"<li>{status}: {escape(r['description'])}{link}</li>")
            parts.append(f"<ul>{''.join(answers)}</ul>")
    parts.append("</body></html>\n")
    return "".join(parts)

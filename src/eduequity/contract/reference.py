"""The reference page of the published schemas (docs/reference/schemas.md)."""

from __future__ import annotations

from typing import Any

from eduequity.contract import schema, schema_names
from eduequity.contract.generate import CONTRACTS

__all__ = ["schemas_page"]

_FILES = "../../src/eduequity/contract/schemas"


def _type_of(prop: dict[str, Any]) -> str:
    if "const" in prop:
        return f"`{prop['const']}`"
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1].removesuffix("Doc")
    for key in ("anyOf", "oneOf"):
        if key in prop:
            return " or ".join(_type_of(p) for p in prop[key])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    if kind == "object" and isinstance(prop.get("additionalProperties"), dict):
        return f"map of {_type_of(prop['additionalProperties'])}"
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    return str(kind)


def schemas_page(header: str = "") -> str:
    """The page: every schema, what gives it, its file and its top-level keys.

    Examples
    --------
    >>> page = schemas_page()
    >>> "`eduequity.assessment/1`" in page and "schemas/error.json" in page
    True
    """
    lines = [header, "# JSON Schemas"] if header else ["# JSON Schemas"]
    lines += [
        "",
        "Every JSON document eduequity gives has a JSON Schema (draft 2020-12), generated from",
        "the pydantic models in `eduequity.contract` and shipped in the package:",
        "`eduequity schema NAME` prints one, `eduequity.contract.schema(NAME)` returns it,",
        "`eduequity.contract.validate(doc, NAME)` checks a document (extra `schema`), and the",
        "service serves it at `GET /schema/NAME`. Documents may carry keys a later version",
        "adds; a consumer ignores keys it does not know.",
        "",
        "| name | contract | given by |",
        "|---|---|---|",
    ]
    for name in schema_names():
        _, contract, given_by = CONTRACTS[name]
        lines.append(f"| [`{name}`]({_FILES}/{name}.json) | `{contract}` | {given_by} |")
    for name in schema_names():
        s = schema(name)
        lines += ["", f"## {name}", "", *_table(s)]
        for def_name, sub in s.get("$defs", {}).items():
            lines += ["", f"### {name}: {def_name.removesuffix('Doc')}", "", *_table(sub)]
    return "\n".join(lines) + "\n"


def _table(s: dict[str, Any]) -> list[str]:
    lines = [" ".join(s.get("description", "").split()), ""]
    if "properties" not in s:
        return [*lines, f"One of: {_type_of(s)}."]
    lines += ["| key | type | required | what it is |", "|---|---|---|---|"]
    required = set(s.get("required", []))
    for key, prop in s["properties"].items():
        what = " ".join(prop.get("description", "").split())
        mark = "yes" if key in required else "no"
        lines.append(f"| `{key}` | {_type_of(prop)} | {mark} | {what} |")
    return lines

"""A defect or warning as a person reads it, in Chinese or English, from its code and fields.

The sentence is built from the defect's structure (:class:`~eduequity.defects.Defect`:
``code``, ``source``, ``sheet``, ``row``, ``school_id``, ``column``, ``value``,
``params``) through the catalogue (:mod:`eduequity.report.labels`: the place ``dp.*``, the
body ``d.<code>``), never from its English ``message``; a code the catalogue does not know
keeps its message in English and is named by its code in Chinese.

A column is named as the user's file names it: the header that matched it (a table read
with Chinese headers is spoken of with those headers, in both languages); a column the
file does not have, or whose header is its id, by its id in English and by its Chinese
name in Chinese. Rows are the file's (see :class:`~eduequity.defects.Defect`).

>>> from eduequity.defects import Defect
>>> d = Defect("error", "not_a_number", "…", "a.csv", 12, "110101S0003",
...            "students_primary", "12a", headers={"students_primary": "小学在校生数"})
>>> defect_text(d, "zh")
'错误：a.csv：第 12 行（学校 110101S0003）“小学在校生数”：“12a”不是数字'
>>> defect_text(d, "en")
"error: a.csv: row 12 (school 110101S0003), column 小学在校生数: '12a' is not a number"
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from eduequity import _columns as C
from eduequity.report.labels import MESSAGES, check_lang, text

if TYPE_CHECKING:
    from eduequity.defects import Defect

__all__ = ["column_label", "defect_text", "sentence", "template_fields"]

# Codes whose row is not a row of the school table (a record of county inputs) or is
# already named by the sentence: the place shows the file only.
_NO_ROW = frozenset(
    {"title_rows_skipped", "unknown_input", "looks_like_fraction", "unnamed_column"}
)
# Codes whose ``column`` is not a column of the school table, or is named by the sentence.
_NO_COLUMN = frozenset(
    {"unknown_input", "looks_like_fraction", "multiline_cell", "formula_without_value"}
)
_SECTIONS_ZH = {"primary": "小学", "junior": "初中", "senior": "高中"}
_ZH_NAMES = {c.id: c.zh for c in (*C.CANONICAL, *C.INPUT_ONLY)}


def column_label(column: str, lang: str, headers: Mapping[str, str] | None = None) -> str:
    """A column as the user's file names it, else its id (en) or Chinese name (zh).

    >>> column_label("students_primary", "zh"), column_label("students_primary", "en")
    ('小学在校生数', 'students_primary')
    >>> column_label("students_primary", "en", {"students_primary": "小学在校生"})
    '小学在校生'
    """
    header = (headers or {}).get(column, "").strip().lstrip("\ufeff")
    if header and C.normalise_header(header) != column:
        return header
    if check_lang(lang) == "zh":
        return _ZH_NAMES.get(column, column)
    return column


def template_fields(message_id: str, lang: str) -> set[str]:
    """The placeholders of a catalogue message (for tests of the catalogue).

    >>> sorted(template_fields("d.implausible_year", "zh"))
    ['high', 'low', 'value']
    """
    return {f for _, f, _, _ in string.Formatter().parse(MESSAGES[message_id][lang]) if f}


def defect_text(
    d: Defect,
    lang: str,
    *,
    severity: bool = True,
    rule_name: Callable[[str], str] | None = None,
) -> str:
    """One line for a defect: severity, place (file, sheet, row, school, column), sentence.

    ``rule_name`` names a rule (e.g. from the rule set); its id otherwise.
    """
    line = sentence(d, lang, rule_name=rule_name)
    if line is None:
        if lang == "en":
            line = d.message
        else:
            line = _place(d, lang) + text("dp.unknown", lang, code=d.code)
    if severity and d.severity in ("error", "warning"):
        return text(f"dp.{d.severity}", lang) + line
    return line


def sentence(
    d: Defect, lang: str, *, rule_name: Callable[[str], str] | None = None
) -> str | None:
    """The place and sentence of a defect in ``lang``; ``None`` when the catalogue has no
    sentence for its code (or the defect lacks the facts of its sentence)."""
    body = _body(d, check_lang(lang), rule_name)
    return None if body is None else _place(d, lang) + body


def _place(d: Defect, lang: str) -> str:
    out = ""
    if d.source:
        if d.sheet:
            out = text("dp.file_sheet", lang, file=d.source, sheet=d.sheet)
        else:
            out = text("dp.file", lang, file=d.source)
    parts: list[str] = []
    row = None if d.code in _NO_ROW else d.row
    if row is not None:
        if d.row_is_position and d.school_id:
            where = text("dp.record_school", lang, n=row + 1, row=row, school=d.school_id)
        elif d.row_is_position:
            where = text("dp.record", lang, n=row + 1, row=row)
        else:
            where = text("dp.row", lang, row=row)
            if d.school_id:
                where += text("dp.school", lang, school=d.school_id)
        parts.append(where)
        if d.column and d.code not in _NO_COLUMN:
            parts.append(text("dp.column", lang, column=column_label(d.column, lang, d.headers)))
    if parts:
        out += text("dp.sep", lang).join(parts) + text("dp.colon", lang)
    return out


def _body(d: Defect, lang: str, rule_name: Callable[[str], str] | None) -> str | None:
    params = dict(d.params)
    variant = params.pop("variant", None)
    key = f"d.{d.code}.{variant}" if variant else f"d.{d.code}"
    if key not in MESSAGES:
        key = f"d.{d.code}"
    if key not in MESSAGES:
        return None
    fields: dict[str, Any] = {"value": _shown(d.value), "code": d.code}
    for k, v in params.items():
        if k.endswith("_column") and isinstance(v, str):
            fields[k] = column_label(v, lang, d.headers)
        else:
            fields[k] = _shown(v)
    if d.column is not None:
        fields["column"] = column_label(d.column, lang, d.headers)
        fields["column_id"] = d.column
        fields["column_zh"] = _ZH_NAMES.get(d.column, d.column)
    fields.update(_derived(d, lang, params, rule_name))
    try:
        return text(key, lang, **fields)
    except (KeyError, IndexError, ValueError):
        return None  # a defect made without the facts its template needs


def _derived(
    d: Defect, lang: str, params: Mapping[str, Any], rule_name: Callable[[str], str] | None
) -> dict[str, Any]:
    """Fields computed in the language: lists, names of types and levels, hints."""
    sep = text("list_sep", lang)
    out: dict[str, Any] = {}
    if d.code.startswith("unknown_") and d.column in C.ENUMS:
        values = C.ENUMS[d.column]
        out["allowed"] = sep.join(
            v[0] for v in values.values()) if lang == "zh" else ", ".join(values)  # fmt: skip
    if "columns" in params:
        out["columns"] = sep.join(column_label(str(c), lang) for c in params["columns"])
    if "rule" in params:
        out["rule"] = rule_name(str(params["rule"])) if rule_name else str(params["rule"])
    if "type" in params:
        kind = str(params["type"])
        out["type"] = C.SCHOOL_TYPES.get(kind, (kind,))[0] if lang == "zh" else kind
    for key in ("section", "level"):
        if key in params:
            name = str(params[key])
            out[key] = _SECTIONS_ZH.get(name, name) if lang == "zh" else name
    if "suggestion" in params or d.code == "unknown_column":
        hint = params.get("suggestion")
        out["hint"] = text("dp.hint", lang, suggestion=hint) if hint else ""
    if d.code == "missing_column":
        rows = [
            text("dp.looked_row", lang, row=r, cells=sep.join(
                text("dp.quoted", lang, text=c) for c in cells) + ("…" if more else ""))
            for r, cells, more in params.get("looked", ())
        ]  # fmt: skip
        looked = text("clause_sep", lang).join(rows)
        out["looked"] = text("dp.looked", lang, rows=looked) if rows else ""
    if "skipped" in params:
        out["skipped"] = text("clause_sep", lang).join(
            text("dp.skipped", lang, row=r, text=t) for r, t in params["skipped"]
        )
    return out


def _shown(v: Any) -> Any:
    """A value as sentences print it: 300 rather than 300.0, text as given."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return int(v)
    return v

"""The words of the command line's own text outputs, in Chinese and English.

One entry per message, a :meth:`str.format` template in each language; :func:`say` fills
it. Names of schools and places stay as given; ids appear only in code positions.

Examples
--------
>>> say("zh", "valid", source="a.csv", schools=3, warnings=0)
'a.csv: 有效，3 所学校，0 条警告'
>>> say("en", "valid", source="a.csv", schools=3, warnings=0)
'a.csv: valid, 3 schools, 0 warning(s)'
"""

from __future__ import annotations

from typing import Any

from eduequity import _columns as C
from eduequity.report.labels import MESSAGES, text

__all__ = [
    "column_name",
    "defect_text",
    "exclusion_reason",
    "level_name",
    "say",
    "status",
    "type_name",
]


_TYPES_EN = {
    "primary": "primary",
    "junior": "junior secondary",
    "nine_year": "nine-year",
    "twelve_year": "twelve-year",
    "complete_secondary": "complete secondary",
    "teaching_point": "teaching point",
    "special": "special education",
}



def say(lang: str, key: str, **values: Any) -> str:
    """The message ``cli.key`` of the library's one catalogue in ``lang``, filled in."""
    return text(f"cli.{key}", lang, **values)


def status(lang: str, passed: bool | None) -> str:
    """达标 / 未达标 / 未评估 (or passed / failed / not assessed)."""
    key = "passed" if passed is True else "failed" if passed is False else "not_assessed"
    return say(lang, key)


def level_name(lang: str, level: str) -> str:
    """小学 / 初中 (or primary / junior)."""
    return say(lang, level) if f"cli.{level}" in MESSAGES else level


def type_name(lang: str, school_type: str) -> str:
    """A school type in ``lang`` (the Chinese of the statistics forms)."""
    if lang == "zh":
        return C.SCHOOL_TYPES.get(school_type, (school_type,))[0]
    return _TYPES_EN.get(school_type, school_type)


def column_name(lang: str, column: str) -> str:
    """A data column in ``lang``: its Chinese header, or its id in English."""
    if lang == "zh" and column in C.BY_ID:
        return C.BY_ID[column].zh
    return column


def defect_text(lang: str, d: dict[str, Any]) -> str:
    """A loader's defect (its ``to_dict()``) as one line: in English its code and message;
    in Chinese its place (file, 第N行, school, column, value) and its code."""
    if lang != "zh":
        return f"{d['code']}: {d['message']}"
    parts = [
        say("zh", "defect_file", file=d["source"]) if d.get("source") else "",
        say("zh", "defect_row", row=d["row"]) if d.get("row") is not None else "",
        say("zh", "defect_school", school=d["school_id"]) if d.get("school_id") else "",
        say("zh", "defect_column", column=column_name("zh", d["column"]))
        if d.get("column") else "",
        say("zh", "defect_value", value=d["value"]) if d.get("value") is not None else "",
    ]  # fmt: skip
    return "".join(parts) + f"问题代码 {d['code']}"


def exclusion_reason(lang: str, code: str, reason: str) -> str:
    """Why a school was left out, in ``lang``: the report catalogue's words for its code."""
    from eduequity.report.reasons import left_out

    return left_out({"code": code, "reason": reason}, lang)

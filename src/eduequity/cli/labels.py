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

__all__ = [
    "LABELS",
    "column_name",
    "defect_text",
    "exclusion_reason",
    "level_name",
    "say",
    "status",
    "type_name",
]

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        # validate, summary
        "valid": "{source}: 有效，{schools} 所学校，{warnings} 条警告",
        "summary_head": "{source}: {schools} 所学校，{counties} 个县·学年",
        "summary_county": "  县 {code}（{name}），学年 {year}：{schools} 所学校",
        "by_type": "  按类型：{types}",
        "sections": "  {level}学段：{count} 个，学生 {students:.0f} 人",
        "excluded": "  未纳入 {school}（{level}）：{reason}",
        "merged": "  {school} 并入 {parent}（学生 {students} 人）",
        # plan
        "plan_head": "方案：{standard}",
        "plan_county": (
            "县 {code}（{year}）：{cost:,.0f} 元；资源配置 调整前 {before}，调整后 {after}"
        ),
        "plan_addition": "  {school} {column}：{amount:+,.2f} {unit}（{cost:,.0f} 元）",
        "plan_table": "| 学校 | 学段 | 项目 | 数量 | 费用（元） |",
        "plan_note": "  说明：{note}",
        "plan_total": "合计：{total:,.0f} 元",
        # whatif
        "whatif_county": "县 {code}（{year}）：{before} → {after}",
        "whatif_cv": "  差异系数 {level} {indicator}：{before} → {after}",
        "whatif_school": "  学校 {school}（{level}）：{state}",
        "closed": "已撤销",
        # trend
        "no_trend": "没有一个县有两个或更多学年的数据",
        "trend_line": "县 {code} {level} {indicator}：{cvs}{tail}",
        "trend_tail": "；按此速度还需 {years:g} 年达标",
        "cv_rose": "  退步 {year}：差异系数由 {before:.3f} 升至 {after:.3f}",
        "meeting_fell": "  退步 {year}：达标学校由 {before} 所减至 {after} 所",
        # audit
        "audit_clean": "{source}: 未发现问题",
        "audit_findings": "{source}: {n} 个问题",
        "defect_file": "{file}：",
        "defect_row": "第{row}行，",
        "defect_school": "学校 {school}，",
        "defect_column": "列 {column}，",
        "defect_value": "值 {value!r}，",
        # verdicts
        "passed": "达标",
        "failed": "未达标",
        "not_assessed": "未评估",
        "primary": "小学",
        "junior": "初中",
        "all": "全校",
    },
    "en": {
        "valid": "{source}: valid, {schools} schools, {warnings} warning(s)",
        "summary_head": "{source}: {schools} schools in {counties} county-year(s)",
        "summary_county": "  county {code} ({name}), year {year}: {schools} schools",
        "by_type": "  by type: {types}",
        "sections": "  {level} sections: {count} with {students:.0f} students",
        "excluded": "  excluded {school} ({level}): {reason}",
        "merged": "  merged {school} into {parent} ({students} students)",
        "plan_head": "plan for {standard}",
        "plan_county": (
            "county {code} ({year}): {cost:,.0f} yuan; resource part before {before}, "
            "after {after}"
        ),
        "plan_addition": "  {school} {column}: {amount:+,.2f} {unit} ({cost:,.0f} yuan)",
        "plan_table": "| school | level | column | amount | cost (yuan) |",
        "plan_note": "  note: {note}",
        "plan_total": "total: {total:,.0f} yuan",
        "whatif_county": "county {code} ({year}): {before} -> {after}",
        "whatif_cv": "  CV {level} {indicator}: {before} -> {after}",
        "whatif_school": "  school {school} ({level}): {state}",
        "closed": "closed",
        "no_trend": "no county has two years or more",
        "trend_line": "{code} {level} {indicator}: {cvs}{tail}",
        "trend_tail": "; years to target {years:g}",
        "cv_rose": "  regression {year}: CV rose from {before:.3f} to {after:.3f}",
        "meeting_fell": (
            "  regression {year}: schools meeting the standard fell from {before} to {after}"
        ),
        "audit_clean": "{source}: clean",
        "audit_findings": "{source}: {n} finding(s)",
        "passed": "passed",
        "failed": "failed",
        "not_assessed": "not assessed",
        "primary": "primary",
        "junior": "junior",
        "all": "whole school",
    },
}

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
    """The message ``key`` in ``lang``, filled with ``values``."""
    return LABELS[lang][key].format(**values)


def status(lang: str, passed: bool | None) -> str:
    """达标 / 未达标 / 未评估 (or passed / failed / not assessed)."""
    key = "passed" if passed is True else "failed" if passed is False else "not_assessed"
    return LABELS[lang][key]


def level_name(lang: str, level: str) -> str:
    """小学 / 初中 (or primary / junior)."""
    return LABELS[lang].get(level, level)


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
    lab = LABELS["zh"]
    parts = [
        lab["defect_file"].format(file=d["source"]) if d.get("source") else "",
        lab["defect_row"].format(row=d["row"]) if d.get("row") is not None else "",
        lab["defect_school"].format(school=d["school_id"]) if d.get("school_id") else "",
        lab["defect_column"].format(column=column_name("zh", d["column"]))
        if d.get("column") else "",
        lab["defect_value"].format(value=d["value"]) if d.get("value") is not None else "",
    ]  # fmt: skip
    return "".join(parts) + f"问题代码 {d['code']}"


def exclusion_reason(lang: str, code: str, reason: str) -> str:
    """Why a school was left out, in ``lang``: the report catalogue's words for its code."""
    from eduequity.report.reasons import left_out

    return left_out({"code": code, "reason": reason}, lang)

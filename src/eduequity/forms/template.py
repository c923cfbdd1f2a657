"""``write_template()``: the blank vertical forms, for a standard's needs.

The school form holds the 68 items of the Shenyang form, the by-section teacher items a
school of several sections must fill, and, for a standard whose indicators need columns that
form does not ask (2012: books, computers, senior-title teachers), those items too. Each
item has its unit, whether it is required, and data validation in the sheet (是/否 lists,
whole numbers ≥ 0, numbers ≥ 0, the school types). ``schools=`` pre-fills name, code and
type, one workbook per school.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eduequity import _columns as C
from eduequity.forms.catalogue import (
    BASIC_2012_ITEMS,
    COUNTY_ITEMS,
    SECTION_ITEMS,
    SHENYANG_SCHOOL_ITEMS,
    Item,
)
from eduequity.forms.reading import HEADERS
from eduequity.io.atomic import atomic_path
from eduequity.rules.schema import RuleSet

__all__ = ["school_items", "write_template"]

_TYPE_LIST = '"' + ",".join(t[0] for t in C.SCHOOL_TYPES.values()) + '"'
_REQUIRED = {"zh": ("是", "否"), "en": ("yes", "no")}
_CATEGORY_EN = {
    "基本信息": "Basic facts", "学生信息": "Pupils", "班级信息": "Classes",
    "教师学历信息": "Teachers' degrees", "体育艺术教师": "PE and art teachers",
    "教学用房面积": "Teaching floor area", "体育场馆面积": "Sports space",
    "教学设备": "Equipment", "音乐美术教室": "Music and art rooms", "经费信息": "Funds",
    "巩固率数据": "Retention", "分学段教师": "Teachers by section",
    "2012基本均衡": "2012 basic balance", "经费标准": "Funding standards",
    "工资收入": "Pay", "教师交流轮岗": "Teacher rotation", "优质高中招生": "Senior-high quotas",
    "随迁子女": "Migrant children", "残疾儿童入学": "Disabled children",
}  # fmt: skip


def school_items(standard: RuleSet | None = None) -> tuple[Item, ...]:
    """The school form's items for ``standard`` (the 2017 form's, and what else it needs).

    Examples
    --------
    >>> import eduequity as eq
    >>> len(school_items(eq.load_rule_set("cn-2017-quality")))
    74
    >>> len(school_items(eq.load_rule_set("cn-2012-basic")))
    78
    """
    items = (*SHENYANG_SCHOOL_ITEMS, *SECTION_ITEMS)
    if standard is None:
        return items
    have = {i.column for i in items if i.column}
    needed = {c for ind in standard.indicators for c in (*ind.numerator, *ind.denominator)}
    needed = {f"{c}_{lv}" if f"{c}_primary" in C.BY_ID else c for c in needed for lv in C.LEVELS}
    extra = tuple(i for i in BASIC_2012_ITEMS if i.column in needed and i.column not in have)
    return (*items, *extra)


def write_template(
    kind: str,
    path: str | Path,
    *,
    standard: RuleSet | None = None,
    lang: str = "zh",
    school: dict[str, Any] | None = None,
) -> Path:
    """Write one blank (or pre-filled) form: ``kind`` is ``"school"`` or ``"county"``."""
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    items: Sequence[Item] = school_items(standard) if kind == "school" else COUNTY_ITEMS
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学校填报数据" if kind == "school" and lang == "zh" else (
        "区县填报数据" if lang == "zh" else f"{kind} form"
    )
    ws.append(list(HEADERS[lang]))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    lists = {
        "bool": DataValidation(type="list", formula1='"是,否"', allow_blank=True),
        "type": DataValidation(type="list", allow_blank=True, formula1=_TYPE_LIST),
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True),
        "number": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                 allow_blank=True),
    }  # fmt: skip
    for dv in lists.values():
        ws.add_data_validation(dv)
    filled = _prefill(school or {})
    fill = PatternFill("solid", fgColor="FFF2CC")
    for r, item in enumerate(items, start=2):
        text = item.zh if lang == "zh" else item.en
        category = _CATEGORY_EN.get(item.category, item.category) if lang == "en" else item.category
        required = _REQUIRED[lang][0 if item.required else 1]
        ws.append([item.no, category, text, item.unit or None, filled.get(item.no), required,
                   item.note or None])  # fmt: skip
        value_cell = ws.cell(row=r, column=5)
        value_cell.fill = fill
        if item.kind in lists:
            lists[item.kind].add(value_cell)
    for col, width in zip("ABCDEFG", (6, 14, 48, 12, 14, 8, 28), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(str(tmp))
    return target


def _prefill(school: dict[str, Any]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    if school.get("school_name"):
        out[1] = str(school["school_name"])
    if school.get("school_type"):
        st = str(school["school_type"])
        out[2] = C.SCHOOL_TYPES.get(st, (st,))[0]
    if school.get("school_id"):
        out[3] = str(school["school_id"])
    return out

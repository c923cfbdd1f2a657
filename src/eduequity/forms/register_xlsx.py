"""The register as a workbook the bureau fills in, and read back the next year.

Sheet 整改台账 (or ``register``) holds one row per item; the bureau types into the owner
(责任人), deadline (完成时限) and notes (备注) columns. Sheet 评估记录 (``checks``) records every
check the register looked at, so next year's register can tell a regression. Text cells that
start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are written as text, never
as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eduequity.errors import DataError
from eduequity.forms.register import Register, RegisterItem
from eduequity.io.atomic import atomic_path
from eduequity.io.safety import set_text

__all__ = ["COLUMNS", "read_register", "write_register"]

# (field, zh header, en header)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("item_id", "编号", "item id"),
    ("county_code", "区县代码", "county"),
    ("year", "年度", "year"),
    ("part", "部分", "part"),
    ("rule", "规则", "rule"),
    ("level", "学段", "level"),
    ("school_id", "学校代码", "school id"),
    ("school_name", "学校名称", "school"),
    ("indicator", "指标", "indicator"),
    ("value", "现值", "value"),
    ("standard", "标准", "standard"),
    ("shortfall", "差距", "shortfall"),
    ("unit", "单位", "unit"),
    ("description", "问题描述", "what is wrong"),
    ("measure", "整改措施", "measure"),
    ("cost", "预计费用（元）", "cost (yuan)"),
    ("owner", "责任人", "owner"),
    ("deadline", "完成时限", "deadline"),
    ("notes", "备注", "notes"),
    ("status", "状态", "status"),
    ("previous_shortfall", "上年差距", "shortfall last year"),
    ("regression", "退步", "regression"),
)
STATUS_LABELS = {
    "zh": {"new": "新增", "open": "未整改", "closed": "已整改"},
    "en": {"new": "new", "open": "open", "closed": "closed"},
}
_LEVELS = {"zh": {"primary": "小学", "junior": "初中"}, "en": {}}
_SHEETS = {"zh": ("整改台账", "评估记录"), "en": ("register", "checks")}


def write_register(register: Register, path: str | Path, *, lang: str = "zh") -> None:
    """Write ``register`` to ``path`` (atomically)."""
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _SHEETS[lang][0]
    idx = 1 if lang == "zh" else 2
    ws.append([c[idx] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for item in (*register.items, *register.closed):
        row: list[Any] = []
        for name, _, _ in COLUMNS:
            if name == "description":
                row.append(item.description_zh if lang == "zh" else item.description_en)
            elif name == "status":
                row.append(STATUS_LABELS[lang][item.status])
            elif name == "level":
                row.append(_LEVELS[lang].get(item.level, item.level))
            elif name == "regression":
                row.append(("是" if lang == "zh" else "yes") if item.regression else None)
            else:
                row.append(getattr(item, name))
        ws.append(row)
        for cell in ws[ws.max_row]:
            set_text(cell, cell.value)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    checks = wb.create_sheet(_SHEETS[lang][1])
    checks.append(["编号" if lang == "zh" else "item id", "结果" if lang == "zh" else "result"])
    for key, state in sorted(register.scope.items()):
        checks.append([key, state])
    ws.sheet_properties.tabColor = "C00000"
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(str(tmp))


def read_register(path: str | Path) -> Register:
    """Read a register written by :func:`write_register`, with what the bureau typed in.

    Rows are matched to items by the 编号 (item id) column, never by position.

    Raises
    ------
    DataError
        When the workbook has no register sheet or an item lacks its id.
    """
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # a file that is not a workbook
        raise DataError(
            f"{path}: not a readable xlsx workbook ({exc})",
            message_code="xlsx_unreadable", message_params={"file": str(path)},
        ) from exc
    try:
        sheets = {ws.title: ws for ws in wb.worksheets}
        main = next((sheets[n] for n, _ in _SHEETS.values() if n in sheets), None)
        if main is None:
            raise DataError(
                f"{path}: no register sheet (整改台账 or register)",
                message_code="register_no_sheet", message_params={"file": str(path)},
            )  # fmt: skip
        rows = list(main.iter_rows(values_only=True))
        by_header = {h: f for f, zh, en in COLUMNS for h in (zh, en)}
        fields = [by_header.get(str(h).strip()) if h is not None else None for h in rows[0]]
        if "item_id" not in fields:
            raise DataError(
                f"{path}: the register sheet has no 编号 (item id) column",
                message_code="register_no_id", message_params={"file": str(path)},
            )  # fmt: skip
        status_of = {v: k for labels in STATUS_LABELS.values() for k, v in labels.items()}
        items = []
        for r, row in enumerate(rows[1:], start=2):
            rec = {f: v for f, v in zip(fields, row, strict=False) if f}
            if not rec.get("item_id"):
                if any(v is not None for v in row):
                    raise DataError(
                        f"{path}, row {r}: an item without its 编号 (item id)",
                        message_code="register_item_no_id",
                        message_params={"file": str(path), "row": r},
                    )
                continue
            items.append(_item(rec, status_of))
        scope: dict[str, str] = {}
        check = next((sheets[n] for _, n in _SHEETS.values() if n in sheets), None)
        if check is not None:
            for row in list(check.iter_rows(values_only=True))[1:]:
                if row and row[0]:
                    scope[str(row[0])] = str(row[1])
    finally:
        wb.close()
    open_items = tuple(i for i in items if i.status != "closed")
    return Register("", open_items, scope)


def _item(rec: dict[str, Any], status_of: dict[str, str]) -> RegisterItem:
    def text(name: str) -> str:
        v = rec.get(name)
        return "" if v is None else str(v)

    def number(name: str) -> float | None:
        v = rec.get(name)
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    level = {v: k for k, v in _LEVELS["zh"].items()}.get(text("level"), text("level"))
    return RegisterItem(
        item_id=text("item_id"), county_code=text("county_code"),
        year=int(rec.get("year") or 0), part=text("part"), rule=text("rule"), level=level,
        school_id=text("school_id"), school_name=text("school_name"),
        indicator=text("indicator"), value=number("value"), standard=number("standard"),
        shortfall=number("shortfall"), unit=text("unit"), description_zh=text("description"),
        description_en=text("description"), measure=text("measure"), cost=number("cost"),
        owner=text("owner"), deadline=text("deadline"), notes=text("notes"),
        status=status_of.get(text("status"), "open"),  # type: ignore[arg-type]
    )  # fmt: skip

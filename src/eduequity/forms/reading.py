"""Reading one filled vertical form (xlsx) into item values, with the defects found.

A form is found on the first sheet whose header row (within the first 10 rows) holds both
``填报项目`` and ``填报值``. Each later row with an item text is matched to the catalogue by its
folded text (:func:`~eduequity.forms.catalogue.fold`); when the text does not match, the
row's 序号 is tried against the catalogue's number only if the form's own text is empty. A
value is read by its item's kind; a form whose 单位 says 元 where the catalogue expects 万元
(or the other way) is converted, with a note; any other unit is refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduequity.errors import DataError
from eduequity.forms.catalogue import COUNTY_ITEMS, SCHOOL_ITEMS, Item, fold

if TYPE_CHECKING:
    from eduequity.defects import Defect

__all__ = ["HEADERS", "FormDefect", "FormValues", "read_form"]

_YES = {"是", "yes", "y", "true", "1", "有"}
_NO = {"否", "no", "n", "false", "0", "无"}
_UNIT_FACTORS = {("万元", "元"): 1 / 10_000, ("元", "万元"): 10_000.0}


@dataclass(frozen=True)
class FormDefect:
    """A defect of one form: file, item number, item, value, and why.

    ``params`` are the facts its sentence is built from in either language (the
    catalogue's ``form.<code>``), ``defect`` the school table's own defect it stands for,
    if any; neither is part of :meth:`to_dict` nor of equality.
    """

    file: str
    item_no: int | None
    item: str
    value: Any
    reason: str
    severity: str = "error"
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    defect: Defect | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        value = self.value if isinstance(self.value, str | int | float | bool) else (
            None if self.value is None else str(self.value)
        )
        return {"file": self.file, "item_no": self.item_no, "item": self.item, "value": value,
                "reason": self.reason, "severity": self.severity, "code": self.code}  # fmt: skip


@dataclass
class FormValues:
    """What one form says: ``kind`` (``school`` or ``county``) and values by item number."""

    file: str
    kind: str
    items: dict[int, Item]
    values: dict[int, Any] = field(default_factory=dict)
    defects: list[FormDefect] = field(default_factory=list)

    def item(self, no: int) -> Item:
        return self.items[no]

    def error(
        self, no: int | None, value: Any, reason: str, code: str,
        defect: Defect | None = None, **params: Any,
    ) -> None:  # fmt: skip
        name = self.items[no].zh if no is not None and no in self.items else ""
        self.defects.append(
            FormDefect(self.file, no, name, value, reason, "error", code, params, defect)
        )

    def warn(self, no: int | None, value: Any, reason: str, code: str, **params: Any) -> None:
        name = self.items[no].zh if no is not None and no in self.items else ""
        self.defects.append(
            FormDefect(self.file, no, name, value, reason, "warning", code, params)
        )

    @property
    def accepted(self) -> bool:
        return not any(d.severity == "error" for d in self.defects)


_BY_NO: dict[str, dict[int, Item]] = {
    "school": {i.no: i for i in SCHOOL_ITEMS},
    "county": {i.no: i for i in COUNTY_ITEMS},
}
_BY_TEXT: dict[str, dict[str, Item]] = {
    kind: {fold(text): i for i in items for text in (i.zh, i.en)}
    for kind, items in (("school", SCHOOL_ITEMS), ("county", COUNTY_ITEMS))
}
# The header in Chinese (as the Shenyang forms have it) or English (``template --lang en``)
HEADERS: dict[str, tuple[str, ...]] = {
    "zh": ("序号", "类别", "填报项目", "单位", "填报值", "是否必填", "备注说明"),
    "en": ("No.", "Category", "Item", "Unit", "Value", "Required", "Notes"),
}
_HEADER_ALIAS = {fold(en): zh for zh, en in zip(HEADERS["zh"], HEADERS["en"], strict=True)}


def read_form(path: str | Path) -> FormValues:
    """Read one form; defects are kept in the result, never raised.

    Raises
    ------
    DataError
        Only when the file is not a workbook with a form in it.
    """
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise DataError(f"{path}: not a readable xlsx workbook ({exc})") from exc
    try:
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            head = _header(rows)
            if head is not None:
                return _parse(path, rows, head)
    finally:
        wb.close()
    raise DataError(f"{path}: no sheet with the form's header (填报项目 and 填报值 in one row)")


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(rows[:10]):
        cells = {_HEADER_ALIAS.get(fold(v), fold(v)): c for c, v in enumerate(row) if v is not None}
        if "填报项目" in cells and "填报值" in cells:
            return r, {h: cells[h] for h in HEADERS["zh"] if h in cells}
    return None


def _parse(path: Path, rows: list[tuple[Any, ...]], head: tuple[int, dict[str, int]]) -> FormValues:
    start, cols = head
    texts = [fold(row[cols["填报项目"]]) for row in rows[start + 1 :]
             if cols["填报项目"] < len(row) and row[cols["填报项目"]] is not None]  # fmt: skip
    score = {k: sum(t in _BY_TEXT[k] for t in texts) for k in _BY_TEXT}
    kind = max(score, key=lambda k: score[k])
    form = FormValues(str(path), kind, _BY_NO[kind])
    seen: set[int] = set()
    for row in rows[start + 1 :]:
        def cell(h: str, row: tuple[Any, ...] = row) -> Any:
            return row[cols[h]] if h in cols and cols[h] < len(row) else None

        text = cell("填报项目")
        if text is None or not str(text).strip():
            continue
        item = _BY_TEXT[kind].get(fold(text))
        if item is None:
            form.warn(None, text, f"unknown item {str(text)!r} (序号 {cell('序号')}): ignored",
                      "unknown_item", number=cell("序号"))  # fmt: skip
            continue
        if item.no in seen:
            form.error(item.no, text, "the item is given twice", "duplicate_item")
            continue
        seen.add(item.no)
        raw = cell("填报值")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if item.required and not item.only:
                form.error(item.no, None, "required item left empty", "missing_value")
            continue
        value = _convert(form, item, raw)
        if value is None:
            continue
        unit = cell("单位")
        if item.kind == "number" and unit is not None and fold(unit) != fold(item.unit):
            factor = _UNIT_FACTORS.get((fold(item.unit), fold(unit)))
            if factor is None:
                form.error(item.no, raw, f"unit {unit!r}, expected {item.unit!r}", "wrong_unit",
                           unit=unit, expected=item.unit)  # fmt: skip
                continue
            form.warn(item.no, raw, f"given in {unit}, converted to {item.unit}", "unit_converted",
                      unit=unit, expected=item.unit)  # fmt: skip
            value = value * factor
        form.values[item.no] = value
    return form


def _convert(form: FormValues, item: Item, raw: Any) -> Any:
    if item.kind in ("text", "type"):
        text = str(raw).strip()
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        return text
    if item.kind == "bool":
        text = fold(raw).lower() if not isinstance(raw, bool) else ("是" if raw else "否")
        if text in _YES:
            return True
        if text in _NO:
            return False
        form.error(item.no, raw, "must be 是 or 否", "not_yes_no")
        return None
    if isinstance(raw, bool):
        form.error(item.no, raw, "must be a number, got a yes/no value", "not_a_number")
        return None
    try:
        number = float(fold(raw).replace(",", "")) if isinstance(raw, str) else float(raw)
    except ValueError:
        form.error(item.no, raw, "must be a number", "not_a_number")
        return None
    if not math.isfinite(number):
        form.error(item.no, raw, "must be a finite number", "not_finite")
        return None
    if number < 0:
        form.error(item.no, raw, "must be ≥ 0", "negative_value")
        return None
    if item.kind in ("count", "year") and not number.is_integer():
        form.error(item.no, raw, "must be a whole number", "not_whole")
        return None
    if item.kind == "year" and not 1800 <= number <= 2100:
        form.error(item.no, raw, "must be a year between 1800 and 2100", "implausible_year")
        return None
    return int(number) if item.kind in ("count", "year") else number

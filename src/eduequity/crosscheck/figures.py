"""Reading another system's figures: CSV, xlsx, JSON, a DataFrame or records.

One row per county, level and indicator: ``county_code``, ``year`` (optional), ``level``
(``primary``/``junior`` or 小学/初中), ``indicator`` (an id or a name of the indicator
catalogue), ``cv``; optionally ``mean`` (the county mean of the indicator), and per county
and level ``composite`` (综合差异系数) and ``passed`` (是否达标), repeated on each row or
given on a row of their own whose indicator is ``composite`` / 综合差异系数. Chinese headers
(县区代码, 年份, 学段, 指标, 差异系数, 均值, 综合差异系数, 是否达标, …) are accepted.
"""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduequity.crosscheck.errors import FiguresError

__all__ = ["TheirFigure", "TheirFigures", "read_figures"]

FIGURES_FORMAT = "eduequity.their-figures/1"

_HEADERS: dict[str, tuple[str, ...]] = {
    "county_code": ("county_code", "county", "县区代码", "区县代码", "县代码", "县(区)代码",
                    "县（区）代码", "行政区划代码", "区划代码"),
    "county_name": ("county_name", "县区名称", "区县名称", "县区", "区县", "县名"),
    "year": ("year", "年份", "年度", "学年"),
    "level": ("level", "学段"),
    "indicator": ("indicator", "指标", "指标名称", "指标代码", "指标id"),
    "cv": ("cv", "差异系数", "校际差异系数", "单项差异系数"),
    "mean": ("mean", "均值", "平均值", "县域均值", "县域平均值", "生均值"),
    "composite": ("composite", "composite_cv", "综合差异系数"),
    "passed": ("passed", "是否达标", "达标", "是否通过", "结论"),
}  # fmt: skip
_LEVELS = {"primary": "primary", "小学": "primary", "junior": "junior", "初中": "junior"}
_TRUE = {"true", "1", "yes", "y", "是", "达标", "通过", "合格", "passed", "pass"}
_FALSE = {"false", "0", "no", "n", "否", "未达标", "不达标", "未通过", "不合格", "failed", "fail"}
_MISSING = {"", "nan", "na", "n/a", "null", "none", "-", "—", "/"}
_COMPOSITE_NAMES = ("composite", "composite_cv", "综合差异系数")
_ENCODINGS = ("utf-8-sig", "gb18030")


def _fold(text: str) -> str:
    """NFKC, no spaces, lower case: the form headers and names are matched in."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower().lstrip("\ufeff")


_HEADER_OF = {_fold(name): key for key, names in _HEADERS.items() for name in names}


@dataclass(frozen=True)
class TheirFigure:
    """One row of the other system's figures, read and checked.

    ``indicator`` is a catalogue id, or ``None`` for a row that carries only the composite
    and the verdict of its county and level. ``row`` is the file's row (the sheet's or the
    CSV's line; the index for records and DataFrames).
    """

    row: int
    county_code: str
    year: int | None
    level: str
    indicator: str | None
    cv: float | None = None
    mean: float | None = None
    composite: float | None = None
    passed: bool | None = None
    county_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "county_code": self.county_code,
            "year": self.year,
            "level": self.level,
            "indicator": self.indicator,
            "cv": self.cv,
            "mean": self.mean,
            "composite": self.composite,
            "passed": self.passed,
        }


@dataclass(frozen=True)
class TheirFigures:
    """Every row of the other system's figures, and the columns that were not used."""

    figures: tuple[TheirFigure, ...]
    source: str
    ignored_columns: tuple[str, ...] = ()


def read_figures(source: Any, *, sheet: str | None = None) -> TheirFigures:
    """Read another system's figures.

    Parameters
    ----------
    source
        A path (``.csv``, ``.xlsx``, ``.json``), a pandas DataFrame, a list of dicts, or
        :class:`TheirFigures` (returned as is).
    sheet
        The xlsx sheet; by default the first.

    Raises
    ------
    FiguresError
        Naming the file, row, column and value of the first problem.

    Examples
    --------
    >>> f = read_figures([{"县区代码": "999901", "学段": "小学", "指标": "生均图书册数",
    ...                    "差异系数": "0.489", "是否达标": "是"}])
    >>> x = f.figures[0]
    >>> x.county_code, x.level, x.indicator, x.cv, x.passed
    ('999901', 'primary', 'books_per_student', 0.489, True)
    """
    if isinstance(source, TheirFigures):
        return source
    if isinstance(source, str | Path):
        path = Path(source)
        rows, numbers = _read_path(path, sheet)
        return _parse(rows, numbers, path.name)
    if type(source).__name__ == "DataFrame" and hasattr(source, "columns"):
        records = source.to_dict(orient="records")
        return _parse(records, list(range(len(records))), "DataFrame")
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        return _parse(source, list(range(len(source))), "records")
    raise FiguresError(f"cannot read figures from {type(source).__name__}", code="cannot_read",
                       facts={"kind": type(source).__name__})  # fmt: skip


def _read_path(path: Path, sheet: str | None) -> tuple[list[dict[str, Any]], list[int]]:
    if not path.exists():
        raise FiguresError("no such file", file=str(path), code="no_such_file")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            code, facts = "not_utf8", {}
            if isinstance(exc, json.JSONDecodeError):
                code, facts = "not_json", {"line": exc.lineno, "col": exc.colno}
            raise FiguresError(f"invalid JSON: {exc}", file=path.name, code=code,
                               facts=facts) from exc  # fmt: skip
        records = doc.get("figures") if isinstance(doc, dict) else doc
        if not isinstance(records, list):
            raise FiguresError("expected a list of figures or {'figures': [...]}",
                               file=path.name, code="not_a_list")  # fmt: skip
        return records, list(range(len(records)))
    raise FiguresError(f"unsupported file type {suffix!r} (csv, xlsx, json)", file=path.name,
                       code="file_type", facts={"suffix": suffix})  # fmt: skip


def _read_csv(path: Path) -> tuple[list[dict[str, Any]], list[int]]:
    data = path.read_bytes()
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FiguresError("neither UTF-8 nor GBK", file=path.name, code="not_decodable")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise FiguresError("the file is empty", file=path.name, code="empty")
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
            raise FiguresError(
                f"{len(record)} cells but the header has {len(header)} columns",
                file=path.name,
                row=reader.line_num,
                code="long_row",
                facts={"cells": len(record), "width": len(header)},
            )
        rows.append(dict(zip(header, record, strict=False)))
        numbers.append(reader.line_num)
    return rows, numbers


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[dict[str, Any]], list[int]]:
    from eduequity._optional import require

    openpyxl = require("openpyxl", "excel")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise FiguresError(
                f"no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}", file=path.name,
                code="no_sheet", facts={"sheet": sheet, "sheets": list(book.sheetnames)},
            )  # fmt: skip
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        values = ws.iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise FiguresError("the sheet is empty", file=path.name, code="empty_sheet")
        names = ["" if h is None else str(h) for h in header]
        rows: list[dict[str, Any]] = []
        numbers: list[int] = []
        for number, row in enumerate(values, start=2):
            if row is None or all(v is None or str(v).strip() == "" for v in row):
                continue
            rows.append({h: v for h, v in zip(names, row, strict=False) if h.strip()})
            numbers.append(number)
    finally:
        book.close()
    return rows, numbers


# The code of each reason a cell is refused (``e.fig.<code>``), by its words before " (".
_WHY = {
    "a county code is required": "county_required",
    "level must be primary/junior": "bad_level",
    "not an indicator id or name of the catalogue": "unknown_indicator",
    "a composite row gives two values": "two_composites",
    "a year must be a whole number": "year_not_whole",
    "expected a number": "not_a_number",
    "expected a finite number >= 0": "not_finite",
    "expected yes/no": "not_yes_no",
}


def _parse(records: Iterable[Any], numbers: list[int], source: str) -> TheirFigures:
    from eduequity.rules import catalog_indicators

    indicators: dict[str, str] = {}
    for ind in catalog_indicators():
        for name in (ind.id, ind.zh, ind.en):
            indicators[_fold(name)] = ind.id
    composite_names = {_fold(n) for n in _COMPOSITE_NAMES}
    records = list(records)
    listed = {
        _HEADER_OF.get(_fold(str(h))) for rec in records if isinstance(rec, Mapping) for h in rec
    }
    for needed in ("county_code", "level", "indicator"):
        if records and needed not in listed:
            names = " / ".join(_HEADERS[needed][:3])
            raise FiguresError(f"no column {needed} ({names})", file=source, code="no_column",
                               facts={"needed": needed, "names": names})  # fmt: skip
    out: list[TheirFigure] = []
    ignored: dict[str, None] = {}
    for rec, number in zip(records, numbers, strict=True):
        if not isinstance(rec, Mapping):
            raise FiguresError(f"expected a mapping, got {type(rec).__name__}", file=source,
                               row=number, code="not_a_mapping",
                               facts={"kind": type(rec).__name__})  # fmt: skip
        cells: dict[str, tuple[str, Any]] = {}
        for header, value in rec.items():
            key = _HEADER_OF.get(_fold(str(header)))
            if key is None:
                ignored[str(header)] = None
                continue
            if key in cells:
                raise FiguresError(
                    f"columns {cells[key][0]!r} and {header!r} both give {key}",
                    file=source,
                    row=number,
                    code="same_column",
                    facts={"first": cells[key][0], "second": header, "key": key},
                )
            cells[key] = (str(header), value)

        def cell(key: str, number: int = number, cells: dict[str, tuple[str, Any]] = cells) -> Any:
            return cells[key][1] if key in cells else None

        def bad(key: str, why: str, number: int = number,
                cells: dict[str, tuple[str, Any]] = cells,
                **facts: Any) -> FiguresError:  # fmt: skip
            header, value = cells.get(key, (key, None))
            return FiguresError(f"{why}, got {value!r}", file=source, row=number,
                                column=header, value=value, code=_WHY[why.split(" (")[0]],
                                facts={"value": {"zh": "" if value is None else value,
                                                 "en": value}, **facts})  # fmt: skip

        code = _text(cell("county_code"))
        if not code:
            raise bad("county_code", "a county code is required")
        level_text = _fold(_text(cell("level")))
        if level_text not in _LEVELS:
            raise bad("level", "level must be primary/junior (小学/初中)")
        name_text = _text(cell("indicator"))
        folded = _fold(name_text)
        indicator: str | None
        if folded in composite_names:
            indicator = None
        elif folded in indicators:
            indicator = indicators[folded]
        else:
            raise bad("indicator", "not an indicator id or name of the catalogue")
        cv = _number(cell("cv"), lambda why: bad("cv", why))
        if indicator is None:
            composite = cv if cv is not None else None
            cv = None
            given = _number(cell("composite"), lambda why: bad("composite", why))
            if given is not None and composite is not None and given != composite:
                raise bad("composite", f"a composite row gives two values ({composite})",
                          first=composite)  # fmt: skip
            composite = composite if composite is not None else given
        else:
            composite = _number(cell("composite"), lambda why: bad("composite", why))
        year_value = _number(cell("year"), lambda why: bad("year", why))
        if year_value is not None and not float(year_value).is_integer():
            raise bad("year", "a year must be a whole number")
        out.append(
            TheirFigure(
                row=number,
                county_code=code,
                year=None if year_value is None else int(year_value),
                level=_LEVELS[level_text],
                indicator=indicator,
                cv=cv,
                mean=_number(cell("mean"), lambda why: bad("mean", why)),
                composite=composite,
                passed=_flag(cell("passed"), lambda why: bad("passed", why)),
                county_name=_text(cell("county_name")),
            )
        )
    return TheirFigures(tuple(out), source, tuple(ignored))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _number(value: Any, bad: Any) -> float | None:
    """A finite non-negative number, or ``None`` for an empty cell."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise bad("expected a number")
        return None
    if isinstance(value, str):
        text = value.strip()
        if _fold(text) in _MISSING:
            return None
        try:
            number = float(text)
        except ValueError:
            raise bad("expected a number") from None
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise bad("expected a number") from None
        if math.isnan(number):
            return None
    if not math.isfinite(number) or number < 0:
        raise bad("expected a finite number >= 0")
    return number


def _flag(value: Any, bad: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    text = _fold(_text(value))
    if text in _MISSING:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise bad("expected yes/no (是/否, 达标/未达标, true/false)")

"""Filled forms for the forms tests: a small county of four schools, by item number."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl

DATA = Path(__file__).resolve().parents[1] / "data" / "forms"
COUNTY = "210101"
YEAR = 2025


def _school(
    no1: str, kind: str, code: str, p: int, j: int, over: dict[int, Any] | None = None
) -> dict[int, Any]:
    """A school whose values sit comfortably above the 2017 per-school standard."""
    pupils = p + j
    v: dict[int, Any] = {
        1: no1, 2: kind, 3: code, 4: 2005, 5: "是", 6: "是", 7: "否", 8: "否", 9: "否",
        10: p, 11: j, 12: 10, 13: p, 14: j,
        26: round(pupils / 14), 27: 0, 28: 0, 29: 0, 30: 0, 31: 0, 32: 0, 33: 0,
        34: max(1, round(pupils * 0.015)), 35: round(pupils / 14), 36: round(pupils / 14),
        37: max(1, round(pupils * 0.004)), 38: max(1, round(pupils * 0.004)),
        39: max(1, round(pupils * 0.004)), 40: 0,
        45: 6.0 * pupils, 46: 0.5 * pupils, 47: 0.5 * pupils, 48: 11.0 * pupils,
        51: 0.3 * pupils, 52: max(1, round(pupils * 0.03)),
        61: 0.12 * pupils, 62: 0.12 * pupils, 63: 0.007 * pupils,
    }  # fmt: skip
    classes = max(1, round(pupils / 40))
    v.update({15: classes, **{n: 0 for n in range(16, 26)}, 19: classes})
    rooms = -(-classes // 12)
    v.update({53: rooms, 54: rooms, 55: 0, 56: 0, 57: rooms, 58: rooms, 59: 0, 60: 0})
    if p:
        v[28] = round(p / 14 * 0.8)
    if j:
        v[29] = round(j / 14 * 0.8)
    if j:
        v.update({64: 300, 65: 305, 66: 2, 67: 6, 68: 0})
    v.update(over or {})
    return v


def schools() -> list[dict[int, Any]]:
    nine = _school("第九学校", "九年一贯制", "2101010009", 900, 600)
    # by section, as the template asks of a combined school
    nine.update({69: 64, 70: 43, 71: 14, 72: 9, 73: 11, 74: 7})
    nine[26], nine[34] = 107, 23
    nine[37], nine[38], nine[39], nine[40] = 6, 6, 6, 0
    return [
        _school("第一小学", "小学", "2101010001", 1200, 0),
        _school("第二中学", "初中", "2101010002", 0, 1000),
        nine,
        # a rural school of 80 pupils with itinerant PE and art teachers, and equipment of
        # 500 元 per pupil: under the floor of 85 % of 2000, so it fails the per-school rule
        _school("村小", "小学", "2101010004", 80, 0, {8: "是", 41: 1, 42: 1, 51: 4.0}),
    ]


def county() -> dict[int, Any]:
    return {1: "示例区", 2: COUNTY, 3: YEAR, 4: 1150, 5: 1350, 6: 4_200_000, 7: 500,
            8: 9.8, 9: 9.5, 10: 400, 11: 48, 12: 12, 13: 2000, 14: 1100, 15: 450,
            16: 900, 17: 760, 18: 40, 19: 200, 20: 194}  # fmt: skip


def fill(template: Path, values: dict[int, Any], target: Path) -> Path:
    """Copy a form and type ``values`` into its 填报值 column, found by 序号."""
    shutil.copy(template, target)
    wb = openpyxl.load_workbook(target)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        no = row[0].value
        if isinstance(no, int) and no in values:
            row[4].value = values[no]
    wb.save(target)
    return target

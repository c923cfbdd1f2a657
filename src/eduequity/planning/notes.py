"""The sentences a plan adds to a county, in English and Chinese (``CountyPlan.notes`` and
``CountyPlan.notes_zh``).

Examples
--------
>>> en, zh = note("rounds", indicator="books_per_student", name="生均图书", level="primary",
...               level_zh="小学", threshold=0.5, rounds=8)
>>> zh
'生均图书（小学）的差异系数经 8 轮提高最低学校后仍高于 0.5：由最高值学校决定'
"""

from __future__ import annotations

from typing import Any

__all__ = ["LEVEL_ZH", "note"]

LEVEL_ZH = {"primary": "小学", "junior": "初中", "all": "全校"}

_NOTES: dict[str, tuple[str, str]] = {
    "no_value": (
        "school {school} ({level}): {indicator} has no value; fix the data first",
        "学校 {school}（{level_zh}）：{name} 没有数值，请先补全数据",
    ),
    "budget": (
        "within the budget of {budget:,.0f} yuan: {best} of {total} school sections brought "
        "to their per-school standard (CVs not pursued)",
        "在 {budget:,.0f} 元预算内：{total} 个学校学段中有 {best} 个达到校际标准（未追求差异系数）",
    ),
    "infeasible": (
        "no plan reaches the standard with these additions: {reason}",
        "现有可增加的项目无法使该县达到标准",
    ),
    "rounds": (
        "the CV of {indicator} ({level}) is still above {threshold:g} after {rounds} rounds "
        "of raising the lowest schools: the highest values drive it",
        "{name}（{level_zh}）的差异系数经 {rounds} 轮提高最低学校后仍高于 {threshold:g}："
        "由最高值学校决定",
    ),
}


def note(key: str, **values: Any) -> tuple[str, str]:
    """The note ``key`` filled with ``values``: ``(english, chinese)``."""
    en, zh = _NOTES[key]
    return en.format(**values), zh.format(**values)

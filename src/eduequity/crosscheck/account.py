"""The short account of a county and level, in Chinese or English.

"their CVs are unweighted (Σx/n): 3 of 7 indicators move; the county fails under the
standard but passes on their figures".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eduequity.crosscheck.result import LevelCheck

__all__ = ["LABELS", "level_account", "verdict_word"]

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "交叉核对", "standard": "标准", "name": "名称", "theirs_source": "对方数据",
        "data": "学校数据", "tolerance": "容差", "county": "县区", "year": "年份", "level": "学段",
        "primary": "小学", "junior": "初中", "figure": "指标", "ours": "本系统", "theirs": "对方",
        "difference": "差", "agrees": "一致", "moves": "不同", "explained_by": "可由以下口径重现",
        "our_verdict": "按标准", "implied_verdict": "按对方数值", "stated_verdict": "对方结论",
        "flips": "结论翻转", "account": "说明", "unmatched": "未能核对", "reason": "原因",
        "row": "行", "kind": "类别", "cv": "差异系数", "mean": "均值",
        "composite": "综合差异系数", "yes": "是", "no": "否", "conventions": "已尝试的口径",
        "summary": "汇总", "figures": "数值", "all_agree": "对方数值与标准全部一致",
        "none": "无",
    },
    "en": {
        "title": "Cross-check", "standard": "standard", "name": "name",
        "theirs_source": "their figures", "data": "school data", "tolerance": "tolerance",
        "county": "county", "year": "year",
        "level": "level", "primary": "primary", "junior": "junior", "figure": "figure",
        "ours": "ours", "theirs": "theirs", "difference": "difference", "agrees": "agrees",
        "moves": "moves", "explained_by": "reproduced by", "our_verdict": "standard",
        "implied_verdict": "their figures", "stated_verdict": "they state",
        "flips": "flips", "account": "account", "unmatched": "not compared",
        "reason": "reason", "row": "row", "kind": "kind", "cv": "CV", "mean": "mean",
        "composite": "composite CV", "yes": "yes", "no": "no",
        "conventions": "conventions tried", "summary": "Summary", "figures": "Figures",
        "all_agree": "their figures agree with the standard", "none": "none",
    },
}  # fmt: skip


def verdict_word(verdict: bool | None, lang: str) -> str:
    """``passes``/``fails``/``is not decided`` (达标/未达标/无法判定)."""
    if lang == "zh":
        return "达标" if verdict else "无法判定" if verdict is None else "未达标"
    return "passes" if verdict else "is not decided" if verdict is None else "fails"


def level_account(check: LevelCheck, lang: str) -> str:
    """The account of one county and level.

    Examples
    --------
    >>> from eduequity.crosscheck.result import FigureCheck, LevelCheck
    >>> from eduequity.crosscheck.conventions import CONVENTIONS
    >>> f = [FigureCheck("cv", f"i{k}", "", "", k, 0.4, 0.4 + 0.1 * (k < 3), k >= 3)
    ...      for k in range(7)]
    >>> lc = LevelCheck("999901", "", 2024, "primary", tuple(f), False, True, None,
    ...                 (CONVENTIONS[0],), 7, True)
    >>> print(level_account(lc, "en"))
    their CVs are unweighted (Σx/n): 3 of 7 indicators move; the county fails under the standard but passes on their figures
    >>> print(level_account(lc, "zh"))
    对方差异系数未按在校生数加权（Σx/n）：7项指标中3项不同；按标准该县未达标，按对方数值达标
    """  # noqa: E501
    zh = lang == "zh"
    indicators = list(dict.fromkeys(f.indicator for f in check.figures if f.kind != "composite"))
    moved = {f.indicator for f in check.moved if f.kind != "composite"}
    composite_moved = any(f.kind == "composite" for f in check.moved)
    has_composite = any(f.kind == "composite" for f in check.figures)
    n, k = len(indicators), len(moved)
    if check.explanation:
        head = ("，且" if zh else " and ").join(c.zh if zh else c.en for c in check.explanation)
    elif not check.moved:
        head = "对方数值与标准一致" if zh else "their figures agree with the standard"
    else:
        head = (
            "所试口径均不能重现对方数值" if zh else "no convention tried reproduces their figures"
        )
    parts: list[str] = []
    if n:
        if zh:
            parts.append(f"{n}项指标中{k}项不同" if k else f"{n}项指标均一致")
        else:
            parts.append(f"{k} of {n} indicators move")
    if has_composite:
        if zh:
            parts.append("综合差异系数不同" if composite_moved else "综合差异系数一致")
        else:
            parts.append("the composite moves" if composite_moved else "the composite agrees")
    total = len(check.figures)
    if check.explanation and check.explained < total:
        parts.append(
            f"该口径重现{total}个数值中的{check.explained}个"
            if zh
            else f"the convention reproduces {check.explained} of {total} figures"
        )
    ours, implied = check.our_verdict, check.implied_verdict
    if ours is None or implied is None:
        verdict = (
            f"按标准该县{verdict_word(ours, lang)}，按对方数值{verdict_word(implied, lang)}"
            if zh
            else f"the county {verdict_word(ours, lang)} under the standard and "
            f"{verdict_word(implied, lang)} on their figures"
        )
    elif ours != implied:
        verdict = (
            f"按标准该县{verdict_word(ours, lang)}，按对方数值{verdict_word(implied, lang)}"
            if zh
            else f"the county {verdict_word(ours, lang)} under the standard but "
            f"{verdict_word(implied, lang)} on their figures"
        )
    else:
        verdict = (
            f"按标准与按对方数值该县均{verdict_word(ours, lang)}"
            if zh
            else f"the county {verdict_word(ours, lang)} both under the standard and on "
            "their figures"
        )
    stated = check.stated_verdict
    if stated is not None and stated != implied:
        why = ""
        if check.explanation and check.explanation_verdict == stated:
            why = "（与上述口径相符）" if zh else " (as the convention gives)"
        verdict += (
            f"；对方结论为{verdict_word(stated, lang)}{why}"
            if zh
            else f"; they state it {verdict_word(stated, lang)}{why}"
        )
    sep = "；" if zh else "; "
    return f"{head}{'：' if zh else ': '}{sep.join([*parts, verdict])}"

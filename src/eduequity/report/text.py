"""Text and Markdown reports: at a glance whether each county passes and, if not, why.

Numbers are rounded here (CVs to 3 decimals, values to 2) and only here; the JSON keeps
unrounded doubles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eduequity.assessment import Assessment, CountyResult, LevelResult, PartResult

__all__ = [
    "LABELS",
    "failure_lines",
    "fmt_value",
    "headline",
    "labels",
    "render_markdown",
    "render_text",
    "status_text",
]

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "passed": "达标",
        "failed": "未达标",
        "not_assessed": "未评估",
        "not_applicable": "不适用",
        "county": "县",
        "year": "学年",
        "standard": "标准",
        "primary": "小学",
        "junior": "初中",
        "cv": "差异系数",
        "composite": "综合差异系数",
        "threshold": "标准",
        "mean": "均值",
        "schools": "学校",
        "school": "学校",
        "why": "原因",
        "excluded": "未纳入计算",
        "missing_inputs": "缺少县级数据",
        "parts": "各部分",
        "undefined": "无法计算",
        "indicator": "指标",
        "verdict": "结论",
        "misses": "未达标项",
        "no_plots": "未安装 matplotlib（pip install 'eduequity[plot]'），报告不含图表。",
        "warnings": "提示",
        "students": "在校生数",
        "no_rules": "本标准未含此部分的规则（如省定标准，需用省级规则集评估）",
    },
    "en": {
        "passed": "passed",
        "failed": "failed",
        "not_assessed": "not assessed",
        "not_applicable": "not applicable",
        "county": "County",
        "year": "year",
        "standard": "Standard",
        "primary": "primary",
        "junior": "junior",
        "cv": "coefficient of variation",
        "composite": "composite coefficient of variation",
        "threshold": "threshold",
        "mean": "mean",
        "schools": "schools",
        "school": "school",
        "why": "why",
        "excluded": "left out",
        "missing_inputs": "county inputs missing",
        "parts": "parts",
        "undefined": "undefined",
        "indicator": "indicator",
        "verdict": "verdict",
        "misses": "misses",
        "no_plots": "matplotlib is not installed (pip install 'eduequity[plot]'): no plots.",
        "warnings": "Warnings",
        "students": "students",
        "no_rules": "this standard holds no rules for this part (e.g. a province's own standard)",
    },
}


def labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        from eduequity.errors import ConfigurationError

        raise ConfigurationError(f"lang: expected 'zh' or 'en', got {lang!r}")
    return LABELS[lang]


def status_text(passed: bool | None, lab: dict[str, str]) -> str:
    return (
        lab["passed"]
        if passed is True
        else lab["failed"]
        if passed is False
        else lab["not_assessed"]
    )


def _fmt(v: float | None, digits: int = 2) -> str:
    return "—" if v is None else f"{v:,.{digits}f}"


def fmt_value(v: float | None) -> str:
    """An indicator value for display: 2 decimals, 4 below 1 (teachers per pupil ≈ 0.06)."""
    if v is None:
        return "—"
    return f"{v:,.2f}" if abs(v) >= 1 or v == 0 else f"{v:.4f}"


def failure_lines(assessment: Assessment) -> list[str]:
    """Every failed item, one line each (English, for logs and test failures)."""
    out = []
    for c in assessment.counties:
        head = f"county {c.county_code} ({c.year})"
        for lv, level in c.levels.items():
            for ind in level.indicators.values():
                if ind.cv_passed is False:
                    out.append(
                        f"{head} {lv}: CV of {ind.indicator} {ind.cv!r} > {ind.cv_threshold}"
                    )
            comp = level.composite
            if comp is not None and comp.passed is False:
                out.append(f"{head} {lv}: composite CV {comp.value!r} > {comp.threshold}")
            for s in level.schools:
                for m in s.failures:
                    if m.tolerated:
                        continue
                    floor = f" (floor {m.floor_value:g})" if m.floor_value is not None else ""
                    out.append(
                        f"{head} {lv}: school {s.school_id} [{m.part}/{m.rule}] {m.indicator} "
                        f"= {m.value!r}, {m.comparison} {m.threshold:g}{floor}"
                    )
        for p in c.parts.values():
            for r in p.rules:
                if r.passed is False and r.kind not in (
                    "school_threshold",
                    "school_k_of_n",
                    "county_cv",
                ):
                    out.append(f"{head}: [{p.id}/{r.id}] {r.message}")
    return out


def part_reasons(part: PartResult, lab: dict[str, str]) -> str:
    """Why a part is not passed: failed rules' messages, then the inputs not supplied."""
    failed = [f"{r.id}: {r.message}" for r in part.rules if r.passed is False]
    missing = [
        str(r.detail["input"])
        for r in part.rules
        if r.status == "not_assessed" and "input" in r.detail
    ]
    other = [
        f"{r.id}: {r.message}"
        for r in part.rules
        if r.status == "not_assessed" and "input" not in r.detail
    ]
    if missing:
        other.append(f"{lab['missing_inputs']}: {', '.join(missing)}")
    if not part.rules:
        other.append(lab["no_rules"])
    return "; ".join(failed + other)


def render_text(assessment: Assessment, *, lang: str = "zh") -> str:
    """Plain text: a verdict line per county, then what fails and what was not assessed."""
    lab = labels(lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    lines = [f"{lab['standard']}: {std.id} r{std.revision} — {title}"]
    for c in assessment.counties:
        lines.append("")
        lines.extend(_county_text(c, lab, lambda i: std.name(i, lang)))
    return "\n".join(lines) + "\n"


def headline(c: CountyResult, lab: dict[str, str], zh: bool, *, with_name: bool = True) -> str:
    """The verdict and, unless passed, which parts fail and which are not assessed."""
    name = f" {c.county_name}" if c.county_name else ""
    verdict = status_text(c.passed, lab)
    line = f"{lab['county']} {c.county_code}{name}, {lab['year']} {c.year}: {verdict}"
    failed = [p.zh if zh else p.en for p in c.parts.values() if p.passed is False]
    open_ = [p.zh if zh else p.en for p in c.parts.values() if p.status == "not_assessed"]
    why = []
    if failed:
        why.append(f"{lab['failed']}: {', '.join(failed)}")
    if open_:
        why.append(f"{lab['not_assessed']}: {', '.join(open_)}")
    if not with_name:
        return "; ".join(why)
    return line + (f" ({'; '.join(why)})" if why else "")


def _county_text(c: CountyResult, lab: dict[str, str], name: Callable[[str], str]) -> list[str]:
    out = [headline(c, lab, lab is LABELS["zh"])]
    for lv, level in c.levels.items():
        out.append(
            f"  {lab[lv]} ({len(level.schools)} {lab['schools']}): {status_text(level.passed, lab)}"
        )
        comp = level.composite
        if comp is not None:
            out.append(
                f"    {lab['composite']} {_fmt(comp.value, 3)} ≤ {comp.threshold:g}: "
                f"{status_text(comp.passed, lab)}"
            )
        for ind in level.indicators.values():
            if ind.cv_threshold is None and comp is not None:
                continue
            mark = "" if ind.cv_passed is not False else "  ✗"
            cv = _fmt(ind.cv, 3) if ind.cv is not None else lab["undefined"]
            limit = f" ≤ {ind.cv_threshold:g}" if ind.cv_threshold is not None else ""
            out.append(f"    {lab['cv']} {name(ind.indicator)}: {cv}{limit}{mark}")
        for s in level.schools:
            hard = [m for m in s.failures if not m.tolerated]
            if hard:
                what = "; ".join(
                    f"{name(m.indicator)} {fmt_value(m.value)} ({lab['threshold']} {m.threshold:g})"
                    for m in hard
                )
                out.append(f"    ✗ {lab['school']} {s.school_id} {s.school_name}: {what}")
    out.append(f"  {lab['parts']}:")
    missing: list[str] = []
    for p in c.parts.values():
        pname = p.zh if lab is LABELS["zh"] else p.en
        out.append(f"    {pname}: {lab.get(p.status, p.status)}")
        for r in p.rules:
            if r.passed is False:
                out.append(f"      ✗ {r.id}: {r.message}")
            elif r.status == "not_assessed" and "input" in r.detail:
                missing.append(str(r.detail["input"]))
            elif r.status == "not_assessed":
                out.append(f"      ? {r.id}: {r.message}")
    if missing:
        out.append(f"  {lab['missing_inputs']}: {', '.join(missing)}")
    if c.excluded:
        out.append(f"  {lab['excluded']}:")
        for e in c.excluded:
            out.append(f"    {e['school_id']} ({e['level']}): {e['reason']}")
    return out


def render_markdown(assessment: Assessment, *, lang: str = "zh") -> str:
    """Markdown: a verdict table, then per county and level the indicator and school tables."""
    lab = labels(lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    out = [f"# {title}", "", f"{lab['standard']}: `{std.id}` r{std.revision}, `{std.digest}`", ""]
    out += [f"| {lab['county']} | {lab['year']} | {lab['verdict']} |", "|---|---|---|"]
    for c in assessment.counties:
        out.append(f"| {c.county_code} {c.county_name} | {c.year} | {status_text(c.passed, lab)} |")
    for c in assessment.counties:
        out += ["", "## " + headline(c, lab, lang == "zh")]
        for lv, level in c.levels.items():
            out += _level_markdown(lv, level, lab, lambda i: std.name(i, lang))
        out += [
            "",
            f"### {lab['parts']}",
            "",
            f"| | {lab['verdict']} | {lab['why']} |",
            "|---|---|---|",
        ]
        for p in c.parts.values():
            pname = p.zh if lang == "zh" else p.en
            out.append(f"| {pname} | {lab.get(p.status, p.status)} | {part_reasons(p, lab)} |")
        if c.excluded:
            out += ["", f"### {lab['excluded']}", ""]
            out += [f"- {e['school_id']} ({e['level']}): {e['reason']}" for e in c.excluded]
    return "\n".join(out) + "\n"


def _level_markdown(
    lv: str, level: LevelResult, lab: dict[str, str], name: Callable[[str], str]
) -> list[str]:
    out = ["", f"### {lab[lv]}: {status_text(level.passed, lab)}", ""]
    if level.composite is not None:
        comp = level.composite
        verdict = status_text(comp.passed, lab)
        out += [f"{lab['composite']}: {_fmt(comp.value, 3)} (≤ {comp.threshold:g}), {verdict}", ""]
    head = (lab["indicator"], lab["mean"], lab["cv"], lab["threshold"], lab["verdict"])
    out += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---|"]
    for ind in level.indicators.values():
        limit = "—" if ind.cv_threshold is None else f"{ind.cv_threshold:g}"
        verdict = "—" if ind.cv_threshold is None else status_text(ind.cv_passed, lab)
        cv = _fmt(ind.cv, 3) if ind.cv is not None else lab["undefined"]
        mean = fmt_value(ind.mean)
        out.append(f"| {name(ind.indicator)} | {mean} | {cv} | {limit} | {verdict} |")
    out += ["", f"| {lab['school']} | {lab['verdict']} | {lab['misses']} |", "|---|---|---|"]
    for s in level.schools:
        misses = ", ".join(
            f"{name(m.indicator)} {fmt_value(m.value)} / {m.threshold:g}"
            + (" (✓)" if m.tolerated else "")
            for m in s.failures
        )
        out.append(f"| {s.school_id} {s.school_name} | {status_text(s.passed, lab)} | {misses} |")
    return out

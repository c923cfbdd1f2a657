"""Text and Markdown reports: at a glance whether each county passes and, if not, why.

One language per report (``lang="zh"``, the default, or ``"en"``); names of schools and
places stay as given. Numbers are rounded here and only here (CVs to 3 decimals, values to
2, with more digits where rounding would hide how a value compares with its standard); the
JSON keeps unrounded doubles. The Markdown report escapes names, so a school called
``<script>`` stays text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eduequity.report.labels import MESSAGES, labels
from eduequity.report.names import Names, fmt_compared, fmt_number, fmt_threshold, fmt_value
from eduequity.report.provenance import provenance_lines
from eduequity.report.reasons import (
    exclusion_text,
    part_reasons,
    school_summary,
    warning_text,
)

if TYPE_CHECKING:
    from eduequity.assessment import Assessment, CountyResult, LevelResult

__all__ = [
    "LABELS",
    "failure_lines",
    "fmt_value",
    "headline",
    "labels",
    "md_escape",
    "render_markdown",
    "render_text",
    "status_text",
    "verdict_header",
]

LABELS: dict[str, dict[str, str]] = {lang: {k: v[lang] for k, v in MESSAGES.items()}
                                     for lang in ("zh", "en")}  # fmt: skip


def status_text(passed: bool | None, lab: dict[str, str] | Names) -> str:
    key = "passed" if passed is True else "failed" if passed is False else "not_assessed"
    return lab.t(key) if isinstance(lab, Names) else lab[key]


def failure_lines(assessment: Assessment) -> list[str]:
    """Every failed item, one line each (English with ids, for logs and test failures):
    :meth:`Assessment.failures`, kept here for callers of the report package."""
    return assessment.failures()


def part_name(p: object, names: Names) -> str:
    return str(getattr(p, names.lang))


def verdict_header(names: Names) -> str:
    """The school verdict's header: which parts it covers (资源配置 for 2017)."""
    if not names.level_parts:
        return names.t("verdict")
    return names.t("verdict_of", parts=names.join([names.part(p) for p in names.level_parts]))


def headline(c: CountyResult, names: Names, *, with_name: bool = True) -> str:
    """The verdict and, unless passed, which parts fail and which are not assessed.

    The line keeps the same punctuation in both languages (logs and tests grep it).
    """
    name = f" {c.county_name}" if c.county_name else ""
    verdict = status_text(c.passed, names)
    line = f"{names.t('county')} {c.county_code}{name}, {names.t('year')} {c.year}: {verdict}"
    failed = [part_name(p, names) for p in c.parts.values() if p.passed is False]
    open_ = [part_name(p, names) for p in c.parts.values() if p.status == "not_assessed"]
    why = []
    if failed:
        why.append(f"{names.t('failed')}: {', '.join(failed)}")
    if open_:
        why.append(f"{names.t('not_assessed')}: {', '.join(open_)}")
    clauses = "; ".join(why)
    if not with_name:
        return clauses
    return line + (f" ({clauses})" if why else "")


def render_text(assessment: Assessment, *, lang: str = "zh") -> str:
    """Plain text: a verdict line per county, then what fails and what was not assessed.

    >>> from eduequity import evaluate, load_example
    >>> print(render_text(evaluate(load_example()), lang="en").splitlines()[2])
    ... # doctest: +ELLIPSIS
    County 999901 示例县, year 2025: failed (failed: Resource allocation, ...
    """
    names = Names(assessment, lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    lines = [f"{names.t('standard')}{names.t('colon')}`{std.id}` r{std.revision} — {title}"]
    for c in assessment.counties:
        lines.append("")
        lines.extend(_county_text(c, names))
    if assessment.warnings:
        lines += ["", f"{names.t('warnings')}{names.t('colon')}"]
        lines += [f"  - {warning_text(w, names)}" for w in assessment.warnings]
    return "\n".join(lines) + "\n"


def _cv_line(value: float | None, limit: float | None, names: Names) -> str:
    if value is None:
        return names.t("undefined")
    if limit is None:
        return fmt_number(value, 3)
    return fmt_compared(value, limit, "at_most", base=3) + f" ≤ {fmt_threshold(limit)}"


def _county_text(c: CountyResult, names: Names) -> list[str]:
    sep = names.t("colon")
    out = [headline(c, names)]
    for lv, level in c.levels.items():
        out.append(
            f"  {names.level(lv)} ({len(level.schools)} {names.t('schools')}){sep}"
            f"{status_text(level.passed, names)}"
        )
        comp = level.composite
        if comp is not None:
            out.append(
                f"    {names.t('composite')} {_cv_line(comp.value, comp.threshold, names)}{sep}"
                f"{status_text(comp.passed, names)}"
            )
        for ind in level.indicators.values():
            if ind.cv_threshold is None and comp is not None:
                continue
            mark = "" if ind.cv_passed is not False else "  ✗"
            cv = _cv_line(ind.cv, ind.cv_threshold, names)
            out.append(f"    {names.t('cv')} {names.indicator(ind.indicator)}{sep}{cv}{mark}")
        for s in level.schools:
            if s.passed is False:  # the schools the level's verdict fails on
                what = names.t("clause_sep").join(school_summary(s, names).clauses(names))
                out.append(f"    ✗ {names.t('school')} {s.school_id} {s.school_name}{sep}{what}")
    out.append(f"  {names.t('parts')}{sep}")
    for p in c.parts.values():
        why = part_reasons(p, c, names) if p.status != "passed" else ""
        out.append(
            f"    {part_name(p, names)}{sep}{names.t(p.status)}" + (f" ({why})" if why else "")
        )
        out += [f"      {line}" for line in provenance_lines(p, c, names)]
    if c.excluded:
        out.append(f"  {names.t('excluded')}{sep}")
        for e in c.excluded:
            out.append(
                f"    {e['school_id']} ({names.level(str(e['level']))}){sep}"
                f"{exclusion_text(e, names)}"
            )
    return out


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(s: object) -> str:
    """A name as Markdown text: HTML escaped, Markdown's own marks backslashed.

    >>> md_escape("<script>alert(1)</script> | *x*")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*x\\\\*'
    """
    from html import escape

    return _MD_SPECIAL.sub(r"\\\1", escape(str(s), quote=False))


def _md_prose(s: str) -> str:
    """Library text: ids in backticks stay code; the rest escaped."""
    parts = s.split("`")
    return "".join(f"`{p}`" if i % 2 else md_escape(p) for i, p in enumerate(parts))


def render_markdown(assessment: Assessment, *, lang: str = "zh") -> str:
    """Markdown: a verdict table, then per county and level the indicator and school tables.

    >>> from eduequity import evaluate, load_example
    >>> md = render_markdown(evaluate(load_example()), lang="en")
    >>> "| 999901 示例县 | 2025 | failed |" in md
    True
    """
    names = Names(assessment, lang)
    std = assessment.standard
    title = std.title_zh if lang == "zh" else std.title_en
    out = [
        f"# {md_escape(title)}",
        "",
        f"{names.t('standard')}{names.t('colon')}`{std.id}` r{std.revision}, `{std.digest}`",
        "",
    ]
    out += [
        f"| {names.t('county')} | {names.t('year')} | {names.t('verdict')} |",
        "|---|---|---|",
    ]
    for c in assessment.counties:
        out.append(
            f"| {md_escape(c.county_code)} {md_escape(c.county_name)} | {c.year} | "
            f"{status_text(c.passed, names)} |"
        )
    for c in assessment.counties:
        out += ["", "## " + md_escape(headline(c, names))]
        for lv, level in c.levels.items():
            out += _level_markdown(lv, level, names)
        out += [
            "",
            f"### {names.t('parts')}",
            "",
            f"| | {names.t('verdict')} | {names.t('why')} |",
            "|---|---|---|",
        ]
        for p in c.parts.values():
            why = part_reasons(p, c, names) if p.status != "passed" else ""
            cell = names.t("clause_sep").join(
                [_md_prose(why)] * bool(why) + [md_escape(x) for x in provenance_lines(p, c, names)]
            )
            out.append(f"| {md_escape(part_name(p, names))} | {names.t(p.status)} | {cell} |")
        if c.excluded:
            out += ["", f"### {names.t('excluded')}", ""]
            out += [
                f"- {md_escape(e['school_id'])} ({names.level(str(e['level']))})"
                f"{names.t('colon')}{_md_prose(exclusion_text(e, names))}"
                for e in c.excluded
            ]
    if assessment.warnings:
        out += ["", f"## {names.t('warnings')}", ""]
        out += [f"- {_md_prose(warning_text(w, names))}" for w in assessment.warnings]
    return "\n".join(out) + "\n"


def _spaced(unit: str) -> str:
    return unit if unit in ("", "%") else f" {md_escape(unit)}"


def _level_markdown(lv: str, level: LevelResult, names: Names) -> list[str]:
    out = ["", f"### {names.level(lv)}{names.t('colon')}{status_text(level.passed, names)}", ""]
    if level.composite is not None:
        comp = level.composite
        verdict = status_text(comp.passed, names)
        out += [
            f"{names.t('composite')}{names.t('colon')}"
            f"{_cv_line(comp.value, comp.threshold, names)}, {verdict}",
            "",
        ]
    head = [names.t(k) for k in ("indicator", "mean", "cv", "threshold", "verdict")]
    out += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---|"]
    for ind in level.indicators.values():
        limit = "—" if ind.cv_threshold is None else fmt_threshold(ind.cv_threshold)
        verdict = "—" if ind.cv_threshold is None else status_text(ind.cv_passed, names)
        if ind.cv is None:
            cv = names.t("undefined")
        elif ind.cv_threshold is None:
            cv = fmt_number(ind.cv, 3)
        else:
            cv = fmt_compared(ind.cv, ind.cv_threshold, "at_most", base=3)
        out.append(
            f"| {md_escape(names.indicator(ind.indicator))} | "
            f"{fmt_value(ind.mean)}{_spaced(names.indicator_unit(ind.indicator))} | {cv} | "
            f"{limit} | {verdict} |"
        )
    out += [
        "",
        f"| {names.t('school')} | {verdict_header(names)} | {names.t('misses')} |",
        "|---|---|---|",
    ]
    for s in level.schools:
        what = names.t("clause_sep").join(school_summary(s, names).clauses(names))
        verdict = "—" if s.passed is None else status_text(s.passed, names)
        out.append(
            f"| {md_escape(s.school_id)} {md_escape(s.school_name)} | {verdict} | "
            f"{md_escape(what)} |"
        )
    return out

"""The cross-check as text and as Markdown, in Chinese or English."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from eduequity.crosscheck.account import LABELS, verdict_word

if TYPE_CHECKING:
    from eduequity.crosscheck.result import CrossCheck, FigureCheck, LevelCheck

__all__ = ["figure_row", "render_markdown", "render_text"]


def _labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        from eduequity.errors import ConfigurationError

        raise ConfigurationError(f"lang must be zh or en, got {lang!r}")
    return LABELS[lang]


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}" if abs(value) < 100 else f"{value:.2f}"


def _diff(value: float | None) -> str:
    return "—" if value is None else f"{value:+.4f}" if abs(value) < 100 else f"{value:+.2f}"


def figure_row(f: FigureCheck, lang: str) -> list[str]:
    """name, ours, theirs, difference, agrees/moves, the conventions that reproduce it."""
    lab = _labels(lang)
    reps = "; ".join(" + ".join(r.conventions) for r in f.reproduced_by[:3])
    return [
        f.name(lang),
        _num(f.ours),
        _num(f.theirs),
        _diff(f.difference),
        lab["agrees"] if f.agrees else lab["moves"],
        reps,
    ]


def _heading(lv: LevelCheck, lang: str) -> str:
    lab = _labels(lang)
    name = f" {lv.county_name}" if lv.county_name else ""
    return f"{lv.county_code}{name} {lv.year} {lab[lv.level]}"


def _verdicts(lv: LevelCheck, lang: str) -> str:
    lab = _labels(lang)
    sep = "，" if lang == "zh" else ", "
    parts = [
        f"{lab['our_verdict']}: {verdict_word(lv.our_verdict, lang)}",
        f"{lab['implied_verdict']}: {verdict_word(lv.implied_verdict, lang)}",
    ]
    if lv.stated_verdict is not None:
        parts.append(f"{lab['stated_verdict']}: {verdict_word(lv.stated_verdict, lang)}")
    flips = lv.flips or lv.stated_flips
    parts.append(f"{lab['flips']}: {lab['yes'] if flips else lab['no']}")
    return sep.join(parts)


def render_text(result: CrossCheck, lang: str = "zh") -> str:
    """A readable account: per county and level the account, then every figure.

    Examples
    --------
    >>> import eduequity as eq
    >>> from eduequity.crosscheck import crosscheck
    >>> r = crosscheck([{"county_code": "999901", "level": "primary", "indicator":
    ...                  "books_per_student", "cv": 0.9}], eq.load_example(), "cn-2012-basic")
    >>> render_text(r, "en").splitlines()[0]
    'Cross-check: their figures (records) against cn-2012-basic r1'
    """
    lab = _labels(lang)
    std = result.standard
    lines = [
        f"{lab['title']}: {lab['theirs_source']} ({result.source}) "
        f"{'对照' if lang == 'zh' else 'against'} {std['id']} r{std['revision']}",
        f"{lab['tolerance']}: |theirs − ours| ≤ {result.atol:g} + {result.rtol:g}·|ours|",
    ]
    if result.agrees:
        lines.append(lab["all_agree"])
    for lv in result.levels:
        lines += ["", f"{_heading(lv, lang)}: {lv.account(lang)}", f"  {_verdicts(lv, lang)}"]
        rows = [figure_row(f, lang) for f in lv.figures]
        width = max((_width(r[0]) for r in rows), default=0)
        for r in rows:
            tail = f"  ← {r[5]}" if r[5] else ""
            lines.append(f"  {_pad(r[0], width)}  {r[1]:>10} {r[2]:>10} {r[3]:>10}  {r[4]}{tail}")
    if result.unmatched:
        lines += ["", f"{lab['unmatched']}:"]
        lines += [f"  {lab['row']} {u['row']}: {u['reason']}" for u in result.unmatched]
    lines += [f"{w}" for w in result.warnings]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Display width: wide (CJK) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: CrossCheck, lang: str = "zh") -> str:
    """The same, with a table per county and level."""
    lab = _labels(lang)
    std = result.standard
    out = [
        f"# {lab['title']}: {std['id']} r{std['revision']}",
        "",
        f"- {lab['theirs_source']}: `{result.source}`; {lab['data']}: `{result.data_source}`",
        f"- {lab['tolerance']}: atol = {result.atol:g}, rtol = {result.rtol:g}",
        f"- {lab['conventions']}: " + ", ".join(f"`{c.id}`" for c in result.conventions),
    ]
    for lv in result.levels:
        out += ["", f"## {_cell(_heading(lv, lang))}", "", _cell(lv.account(lang)), "",
                _cell(_verdicts(lv, lang)), ""]  # fmt: skip
        out.append(
            f"| {lab['figure']} | {lab['ours']} | {lab['theirs']} | {lab['difference']} | "
            f"{lab['agrees']} | {lab['explained_by']} |"
        )
        out.append("|---|---:|---:|---:|---|---|")
        for f in lv.figures:
            out.append("| " + " | ".join(_cell(c) for c in figure_row(f, lang)) + " |")
    if result.unmatched:
        out += ["", f"## {lab['unmatched']}", ""]
        out += [f"- {lab['row']} {u['row']}: {_cell(str(u['reason']))}" for u in result.unmatched]
    if result.warnings:
        out += [""] + [f"- {_cell(w)}" for w in result.warnings]
    return "\n".join(out) + "\n"

"""Where a county input came from, in words: the line the reports show under its rule.

Built from the county's ``provenance`` (:mod:`eduequity.provenance`), in the words of
:mod:`eduequity.report.labels`. The value is shown as the report shows values against a
standard (one decimal for a percentage, more where rounding would hide how it compares);
the interval's bounds with one decimal, counts with thousands separators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eduequity.report.labels import text
from eduequity.report.names import Names, fmt_compared, fmt_number

if TYPE_CHECKING:
    from eduequity.provenance import CountyInput
    from eduequity.results import CountyResult, PartResult

__all__ = ["inline_name", "provenance_lines", "sourced_text"]


def _count(n: int | None) -> str:
    return fmt_number(None if n is None else float(n), 0)


def sourced_text(
    name: str,
    given: CountyInput,
    unit: str,
    lang: str,
    *,
    threshold: float | None = None,
    comparison: str = "at_least",
    inclusive: bool = True,
) -> str:
    """One county input with how it was obtained.

    Examples
    --------
    >>> from eduequity.provenance import CountyInput, Provenance
    >>> x = CountyInput(87.2, Provenance("survey", "wilson", 85.1, 89.0, 0.95, n_valid=1204))
    >>> sourced_text("社会认可度", x, "%", "zh", threshold=85)
    '社会认可度 87.2 %（95 % 置信区间 85.1–89.0），来自 1,204 份有效问卷'
    >>> sourced_text("social recognition", x, "%", "en")
    'social recognition 87.2 % (95 % CI 85.1–89.0), from 1,204 valid responses'
    """
    p = given.provenance
    digits = 1 if unit == "%" else 3
    v = float(given.value)
    if threshold is not None:
        value = fmt_compared(v, threshold, comparison, inclusive=inclusive, base=digits)
    else:
        value = fmt_number(v, digits)
    shown_unit = f" {unit}" if unit else ""
    fields = {"name": name, "value": value, "unit": shown_unit}
    if p.method in ("icc", "cv_of_means"):
        head = text("prov.gap", lang, method=text(f"prov.{p.method}", lang), **fields)
    elif p.low is not None and p.high is not None:
        key = "prov.interval_design" if p.method == "design_based" else "prov.interval"
        level = fmt_number(100 * (p.confidence if p.confidence is not None else 0.95), 0)
        head = text(key, lang, level=level, low=fmt_number(p.low, digits),
                    high=fmt_number(p.high, digits), **fields)  # fmt: skip
    elif p.numerator is not None and p.denominator is not None:
        head = text("prov.count", lang, num=_count(p.numerator), den=_count(p.denominator),
                    **fields)  # fmt: skip
    else:
        head = text("prov.value", lang, **fields)
    return head + _origin(given, lang)


def _origin(given: CountyInput, lang: str) -> str:
    p = given.provenance
    if p.source == "survey":
        out = text("prov.from_survey", lang, n=_count(p.n_valid)) if p.n_valid is not None else ""
        extra = []
        if p.n_invalid:
            extra.append(text("prov.invalid", lang, n=_count(p.n_invalid)))
        if p.n_dont_know:
            key = "unsatisfied" if p.dont_know == "unsatisfied" else "exclude"
            extra.append(text(f"prov.dont_know_{key}", lang, n=_count(p.n_dont_know)))
        if p.scheme:
            extra.append(text("prov.scheme", lang, scheme=p.scheme))
        if extra:
            out += text("prov.extra", lang, items=text("clause_sep", lang).join(extra))
        return out
    if p.source == "roster":
        return text("prov.from_roster", lang, n=_count(p.n_valid)) if p.n_valid else ""
    if p.source == "scores":
        return text("prov.from_scores", lang, n=_count(p.n_valid)) if p.n_valid else ""
    return text(f"prov.from_{p.source}", lang)


def inline_name(name: str) -> str:
    """An English name inside a line: "Social recognition" → "social recognition" (an
    acronym such as "CV" stays).

    >>> inline_name("Social recognition"), inline_name("CV of means")
    ('social recognition', 'CV of means')
    """
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def provenance_lines(part: PartResult, c: CountyResult, names: Names) -> list[str]:
    """The provenance line of each county input of ``part`` that has one."""
    from eduequity.provenance import CountyInput

    out = []
    for r in part.rules:
        input_id = str(r.detail.get("input", ""))
        prov = c.provenance.get(input_id)
        value = c.inputs.get(input_id)
        if prov is None or not isinstance(value, int | float) or isinstance(value, bool):
            continue
        name = names.input(input_id)
        if names.lang == "en":
            name = inline_name(name)
        threshold = r.detail.get("threshold")
        out.append(
            sourced_text(
                name,
                CountyInput(float(value), prov),
                names.input_unit(input_id),
                names.lang,
                threshold=float(threshold) if isinstance(threshold, int | float) else None,
                comparison=str(r.detail.get("comparison", "at_least")),
                inclusive=bool(r.detail.get("inclusive", True)),
            )
        )
    return out

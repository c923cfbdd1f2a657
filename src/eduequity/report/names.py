"""Names of what an assessment talks about, in one language: indicators, parts, county
inputs, columns and rules, and numbers shown so that their comparison stays visible.

Indicator names come with the assessment; inputs and rules are read from the rule set the
assessment names (a bundled set, or the bundled sets it extends). A rule has no name of
its own: it is named by what it checks (its indicators, or its county input).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eduequity.report.labels import check_lang, text, unit

if TYPE_CHECKING:
    from eduequity.assessment import Assessment

__all__ = [
    "Names",
    "cell_digits",
    "fmt_compared",
    "fmt_number",
    "fmt_value",
    "whole_column",
]


def fmt_number(v: float | None, digits: int = 2) -> str:
    """``v`` with ``digits`` decimals and thousands separators; ``—`` when missing.

    >>> fmt_number(2536.3912), fmt_number(None), fmt_number(0.5, 3)
    ('2,536.39', '—', '0.500')
    """
    if v is None or not math.isfinite(v):
        return "—"
    return f"{v:,.{digits}f}"


def _base_digits(v: float) -> int:
    return 2 if abs(v) >= 1 or v == 0 else 4


def fmt_value(v: float | None, base: int | None = None) -> str:
    """An indicator value for display: 2 decimals, 4 below 1 (teachers per pupil ≈ 0.06),
    none for a whole number; ``base`` fixes the decimals (see :func:`cell_digits`).

    >>> fmt_value(5.2712), fmt_value(0.06321), fmt_value(48.0), fmt_value(5.0, 2)
    ('5.27', '0.0632', '48', '5.00')
    """
    if v is None or not math.isfinite(v):
        return "—"
    if base is not None:
        return fmt_number(v, base)
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return fmt_number(v, _base_digits(v))


def whole_column(values: list[float | None]) -> bool:
    """Whether a column holds whole numbers only (class sizes, school sizes): shown
    without decimals; other columns show every value with 2 (4 below 1).

    >>> whole_column([45.0, 48.0, None]), whole_column([5.0, 4.7])
    (True, False)
    """
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return bool(finite) and all(v == int(v) for v in finite)


def cell_digits(v: float, whole: bool) -> int:
    """The decimals of one value in a column (see :func:`whole_column`).

    >>> cell_digits(5.0, False), cell_digits(0.75, False), cell_digits(48.0, True)
    (2, 4, 0)
    """
    return 0 if whole else _base_digits(v)


def _passes(v: float, threshold: float, comparison: str, inclusive: bool) -> bool:
    if comparison == "at_most":
        return v <= threshold if inclusive else v < threshold
    return v >= threshold if inclusive else v > threshold


def compared_digits(
    v: float, threshold: float, comparison: str, *, inclusive: bool = True, base: int | None = None
) -> int:
    """The fewest decimals (at least ``base``) at which ``v`` rounded compares with
    ``threshold`` as ``v`` does, and differs from it when ``v`` does.

    >>> compared_digits(4.4999, 4.5, "at_least")
    4
    >>> compared_digits(4.47, 4.5, "at_least")
    2
    """
    if base is not None:
        d = base
    else:
        d = 0 if v == int(v) and abs(v) < 1e15 else _base_digits(v)
    want = _passes(v, threshold, comparison, inclusive)
    while d < 12:
        r = round(v, d)
        if _passes(r, threshold, comparison, inclusive) == want and (r != threshold) == (
            v != threshold
        ):
            return d
        d += 1
    return d


def fmt_compared(
    v: float | None,
    threshold: float,
    comparison: str,
    *,
    inclusive: bool = True,
    base: int | None = None,
) -> str:
    """``v`` rounded as usual, but with enough decimals that its comparison with
    ``threshold`` reads as it is: 4.4999 against 4.5 is never shown as 4.50.

    >>> fmt_compared(4.4999, 4.5, "at_least"), fmt_compared(2.3, 2.3, "at_least")
    ('4.4999', '2.30')
    >>> fmt_compared(90.0, 100.0, "at_least"), fmt_compared(45.0001, 45.0, "at_most")
    ('90', '45.0001')
    """
    if v is None or not math.isfinite(v):
        return "—"
    return fmt_number(v, compared_digits(v, threshold, comparison, inclusive=inclusive, base=base))


def fmt_threshold(t: float) -> str:
    """A threshold as the standards print it (``4.5``, ``2000``, ``0.45``).

    >>> fmt_threshold(2000.0), fmt_threshold(0.45)
    ('2000', '0.45')
    """
    return f"{t:g}" if abs(t) < 1e6 else f"{t:,.0f}"


@lru_cache(maxsize=32)
def _rule_set_labels(set_id: str) -> dict[str, Any] | None:
    """Inputs, columns and rules of a bundled set (``None`` when ``set_id`` is not one)."""
    from eduequity.errors import EduequityError
    from eduequity.rules import load_rule_set
    from eduequity.rules.loader import bundled_rule_sets

    if set_id not in bundled_rule_sets():
        return None
    try:
        rs = load_rule_set(set_id)
    except EduequityError:  # pragma: no cover - bundled sets load
        return None
    rules: dict[str, dict[str, Any]] = {}
    for r in rs.rules:
        items = getattr(r, "items", None) or ()
        rules[r.id] = {
            "kind": r.kind,
            "input": getattr(r, "input", None),
            "indicators": tuple(i.indicator for i in items)
            or tuple(getattr(r, "indicators", None) or ()),
            "min_met": getattr(r, "min_met", None),
            "zh": getattr(r, "zh", None),
            "en": getattr(r, "en", None),
        }
    return {
        "inputs": {i.id: {"zh": i.zh, "en": i.en, "unit": i.unit} for i in rs.inputs},
        "columns": {c.id: {"zh": c.zh, "en": c.en, "unit": c.unit} for c in rs.columns},
        "parts": {p.id: {"zh": p.zh, "en": p.en} for p in rs.parts},
        "rules": rules,
        "level_parts": tuple(rs.level_parts),
    }


class Names:
    """The names an assessment's report uses, in ``lang``."""

    def __init__(self, assessment: Assessment, lang: str) -> None:
        self.lang = check_lang(lang)
        std = assessment.standard
        self._indicators = std.indicators
        self._inputs: dict[str, dict[str, str]] = {}
        self._columns: dict[str, dict[str, str]] = {}
        self._parts: dict[str, dict[str, str]] = {}
        self._rules: dict[str, dict[str, Any]] = {}
        self.level_parts: tuple[str, ...] = ()
        for set_id in (*std.lineage, std.id):
            found = _rule_set_labels(set_id)
            if found is not None:
                self._inputs.update(found["inputs"])
                self._columns.update(found["columns"])
                self._parts.update(found["parts"])
                self._rules.update(found["rules"])
                self.level_parts = found["level_parts"]

    def t(self, message_id: str, **fields: Any) -> str:
        """A catalogue message in the report's language."""
        return text(message_id, self.lang, **fields)

    def join(self, items: list[str]) -> str:
        return self.t("list_sep").join(items)

    def indicator(self, indicator_id: str) -> str:
        found = self._indicators.get(indicator_id)
        if found and found.get(self.lang):
            return found[self.lang]
        return self.column(indicator_id)

    def indicator_unit(self, indicator_id: str) -> str:
        return unit(self._indicators.get(indicator_id, {}).get("unit", ""), self.lang)

    def part(self, part_id: str) -> str:
        found = self._parts.get(part_id)
        return found[self.lang] if found else self._code(part_id)

    def input(self, input_id: str) -> str:
        found = self._inputs.get(input_id)
        return found[self.lang] if found else self._code(input_id)

    def input_unit(self, input_id: str) -> str:
        return unit(self._inputs.get(input_id, {}).get("unit", ""), self.lang)

    def column(self, column_id: str) -> str:
        found = self._columns.get(column_id)
        if found:
            return found[self.lang]
        if self.lang == "zh":
            from eduequity._columns import BY_ID

            col = BY_ID.get(column_id)
            if col is not None:
                return col.zh
            return self._code(column_id)
        return _humane(column_id)

    def rule(self, rule_id: str, indicators: tuple[str, ...] = ()) -> str:
        """What a rule checks, in words: its own name, its input, or its indicators."""
        r = self._rules.get(rule_id, {})
        if r.get(self.lang):
            return str(r[self.lang])
        if r.get("input"):
            return self.input(str(r["input"]))
        inds = tuple(r.get("indicators") or ()) or indicators
        if r.get("kind") == "school_k_of_n" and r.get("min_met") is not None:
            return self.t("rule_k_of_n", n=len(inds), k=r["min_met"])
        if r.get("kind") == "county_cv":
            return self.t("cv")
        if inds:
            return self.join([self.indicator(i) for i in inds])
        return self.t("rule_unnamed")

    def rule_indicators(self, rule_id: str) -> tuple[str, ...]:
        return tuple(self._rules.get(rule_id, {}).get("indicators") or ())

    def school_type(self, code: str) -> str:
        key = f"type.{code}"
        return self.t(key) if key in _known() else code

    def location(self, code: str) -> str:
        key = f"loc.{code}"
        return self.t(key) if key in _known() else code

    def level(self, code: str) -> str:
        return self.t(code) if code in ("primary", "junior", "all") else code

    @staticmethod
    def _code(identifier: str) -> str:
        # an id without a name: marked as code (``…`` in text; the renderers keep it so)
        return f"`{identifier}`"


_SUFFIXES = {"_m2": " (m²)", "_yuan": " (yuan)", "_10k_yuan": " (10k yuan)", "_pct": " (%)"}


def _humane(identifier: str) -> str:
    """An English column id read as words: ``min_music_room_area_m2`` → ``min music room
    area (m²)``."""
    tail = ""
    for suffix, shown in _SUFFIXES.items():
        if identifier.endswith(suffix):
            identifier, tail = identifier[: -len(suffix)], shown
            break
    return identifier.replace("_", " ") + tail


def _known() -> dict[str, dict[str, str]]:
    from eduequity.report.labels import MESSAGES

    return MESSAGES

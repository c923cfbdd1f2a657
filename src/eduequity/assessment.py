"""The result of :func:`eduequity.evaluate`: every number, threshold, verdict and school.

:class:`Assessment` holds the standard applied and the counties (their result classes are
in :mod:`eduequity.results`, and importable from here too). The classes only store what
the evaluation computed; ``to_dict()`` gives the JSON contract (unrounded doubles; an
undefined number is ``null`` with a reason beside it, never NaN). Verdicts are ``True``
(passed), ``False`` (failed) or ``None`` (not assessed), as :mod:`eduequity.verdicts`
names them. The result knows nothing of its renderers: the methods that render
(``to_text``, ``to_html``, ...) import :mod:`eduequity.report` when called.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from eduequity.defects import Defect
from eduequity.errors import StandardNotMetError
from eduequity.results import (
    CompositeResult,
    CountyResult,
    IndicatorResult,
    LevelResult,
    Miss,
    PartResult,
    RuleResult,
    SchoolResult,
    StandardInfo,
    county_failures,
    num,
)
from eduequity.verdicts import combine, status_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ASSESSMENT_FORMAT",
    "ASSESSMENT_FORMATS",
    "Assessment",
    "CompositeResult",
    "CountyResult",
    "IndicatorResult",
    "LevelResult",
    "Miss",
    "PartResult",
    "RuleResult",
    "SchoolResult",
    "StandardInfo",
    "contract_of",
    "num",
    "status_of",
]

ASSESSMENT_FORMATS = {1: "eduequity.assessment/1", 2: "eduequity.assessment/2"}
ASSESSMENT_FORMAT = ASSESSMENT_FORMATS[2]  # what to_dict() and to_json() write by default
Contract = Literal[1, 2]


def contract_of(contract: object) -> Contract:
    """``contract`` checked: 1 (``eduequity.assessment/1``) or 2 (``/2``), as an int.

    >>> contract_of(2)
    2
    >>> contract_of(True)
    Traceback (most recent call last):
    ...
    eduequity.errors.ConfigurationError: contract: expected 1 or 2, got True
    """
    if type(contract) is int and contract in (1, 2):
        return 1 if contract == 1 else 2
    from eduequity.errors import ConfigurationError

    raise ConfigurationError(
        f"contract: expected 1 or 2, got {contract!r}",
        message_code="contract", message_params={"value": contract},
    )


@dataclass(frozen=True)
class Assessment:
    """Counties evaluated against one standard.

    Use ``to_dict()`` / ``to_json()`` for systems, ``to_text()`` / ``to_markdown()`` for
    people, ``raise_for_failures()`` in test suites. ``counties`` builds each county's
    result when first asked for; ``county_verdicts()`` gives every verdict without that.
    """

    standard: StandardInfo
    counties: Sequence[CountyResult]
    source: str
    warnings: tuple[Defect, ...] = ()
    keys: tuple[tuple[str, int], ...] = ()
    verdicts: tuple[bool | None, ...] = ()

    @property
    def passed(self) -> bool | None:
        """All counties pass (``None`` when none fails but some part is not assessed)."""
        return combine(self.county_verdicts().values())

    def county_verdicts(self) -> dict[tuple[str, int], bool | None]:
        """``(county_code, year) → passed`` for every county, without building the county
        results (cheap for a nation)."""
        if len(self.keys) == len(self.counties):
            return dict(zip(self.keys, self.verdicts, strict=True))
        return {(c.county_code, c.year): c.passed for c in self.counties}

    def to_dict(self, contract: Contract = 2) -> dict[str, Any]:
        """The JSON contract as Python values: ``eduequity.assessment/2`` (compact, the
        default) or ``/1`` (docs/assessment.md says how they differ)."""
        from eduequity.export import county_dicts

        out = self.to_dict_head(contract)
        out["counties"] = list(county_dicts(self, contract_of(contract)))
        return out

    def to_dict_head(self, contract: Contract = 2) -> dict[str, Any]:
        """:meth:`to_dict` with ``counties`` empty (what streaming writes around them)."""
        standard = self.standard.to_dict()
        if contract_of(contract) == 2:
            standard["rules"] = copy.deepcopy(self.standard.rules)
        return {
            "format": ASSESSMENT_FORMATS[contract],
            "standard": standard,
            "source": self.source,
            "passed": self.passed,
            "counties": [],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @overload
    def to_json(
        self, dest: None = None, *, indent: int | None = 2, contract: Contract = 2
    ) -> str: ...

    @overload
    def to_json(
        self, dest: str | Path | IO[str] | IO[bytes], *, indent: int | None = 2,
        contract: Contract = 2,
    ) -> None: ...

    def to_json(
        self,
        dest: str | Path | IO[str] | IO[bytes] | None = None,
        *,
        indent: int | None = 2,
        contract: Contract = 2,
    ) -> str | None:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept; never NaN).

        Without ``dest`` the text is returned. With a path (written atomically) or an open
        file (text or binary), it is streamed there county by county, never built whole in
        memory: the same bytes, for a nation of any size. ``contract=1`` writes
        ``eduequity.assessment/1`` as :func:`json.dumps` did (``", "`` and ``": "``
        separators); ``/2`` is written by :func:`eduequity.jsonbytes.encode` (no spaces in
        the compact form).
        """
        from eduequity.export import stream_json

        contract = contract_of(contract)
        if contract == 1 and isinstance(indent, str) and dest is None:  # json's own way
            import json

            return json.dumps(self.to_dict(1), ensure_ascii=False, indent=indent)
        if indent is not None and (type(indent) is not int or indent < 0):
            from eduequity.errors import ConfigurationError

            raise ConfigurationError(f"indent: expected None or a whole number ≥ 0, got {indent!r}")
        if dest is None:
            buf = io.StringIO()
            stream_json(self, buf, indent, contract)
            return buf.getvalue()
        if isinstance(dest, str | Path):
            from eduequity.io.atomic import atomic_path

            with atomic_path(dest) as tmp:
                if contract == 1:
                    with open(tmp, "w", encoding="utf-8") as text:
                        stream_json(self, text, indent, contract)
                else:
                    with open(tmp, "wb") as binary:
                        stream_json(self, binary, indent, contract)
        else:
            stream_json(self, dest, indent, contract)
        return None

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """One tidy table per grain (needs the ``pandas`` extra), from the evaluation's
        arrays: ``counties``, ``levels``, ``indicators``, ``rules``, ``sections``,
        ``misses``, ``exclusions`` (columns in docs/assessment.md)."""
        from eduequity.export import frames

        return frames(self)

    def to_arrow(self) -> dict[str, Any]:
        """The tables of :meth:`to_frames` as ``pyarrow.Table`` (the ``arrow`` extra)."""
        from eduequity.export import arrow

        return arrow(self)

    def write(self, path: str | Path, *, format: Literal["parquet", "csv"] = "parquet") -> None:
        """Write the tables of :meth:`to_frames` into the folder ``path``: one Parquet
        file (the ``arrow`` extra) or one CSV file (``pandas``) per grain."""
        from eduequity.export import write_tables

        write_tables(self, path, format)

    def to_text(self, *, lang: str = "zh") -> str:
        """A readable account: per county the verdict and, if it fails, why."""
        from eduequity.report import render_text

        return render_text(self, lang=lang)

    def to_markdown(self, *, lang: str = "zh") -> str:
        """The same account in Markdown, with tables per level."""
        from eduequity.report import render_markdown

        return render_markdown(self, lang=lang)

    def to_html(self, *, lang: str = "zh", plots: bool = True) -> str:
        """The self-contained html report (plots need the ``plot`` extra)."""
        from eduequity.report import render_html

        return render_html(self, lang=lang, plots=plots)

    def to_xlsx(self, path: str | Path, *, lang: str = "zh") -> None:
        """Write the Excel workbook a bureau files (needs the ``excel`` extra)."""
        from eduequity.report import write_xlsx

        write_xlsx(self, path, lang=lang)

    def _repr_html_(self) -> str:
        """Jupyter's view: the standard and every county's verdict, with inline styles."""
        from eduequity.report.html import repr_html

        return repr_html(self)

    def failures(self) -> list[str]:
        """One line per failed item: county, part, rule, school, value against threshold.

        Only failed counties are built (a county with a failed item has failed).
        """
        out: list[str] = []
        for c in self._failed_counties():
            out.extend(county_failures(c))
        return out

    def _failed_counties(self) -> list[CountyResult]:
        if len(self.keys) == len(self.counties):
            return [self.counties[k] for k, v in enumerate(self.verdicts) if v is False]
        return [c for c in self.counties if c.passed is False]

    def raise_for_failures(self) -> None:
        """Raise :class:`~eduequity.errors.StandardNotMetError` if any county fails.

        Counties that are only "not assessed" do not raise; their missing inputs are listed
        in the text report.
        """
        lines = self.failures()
        if lines:
            head = f"standard {self.standard.id} not met:"
            raise StandardNotMetError("\n".join([head, *(f"  {x}" for x in lines)]))

    def to_frame(self) -> pd.DataFrame:
        """One row per county, level and school section (needs the ``pandas`` extra)."""
        from eduequity._optional import require

        pd_mod = require("pandas", "pandas")
        rows = []
        for c in self.counties:
            for lv, level in c.levels.items():
                for s in level.schools:
                    row: dict[str, Any] = {
                        "county_code": c.county_code,
                        "year": c.year,
                        "level": lv,
                        "school_id": s.school_id,
                        "school_name": s.school_name,
                        "students": s.students,
                        "passed": s.passed,
                        "failures": len([m for m in s.failures if not m.tolerated]),
                    }
                    row.update({k: num(v) for k, v in s.values.items()})
                    rows.append(row)
        frame: pd.DataFrame = pd_mod.DataFrame(rows)
        return frame

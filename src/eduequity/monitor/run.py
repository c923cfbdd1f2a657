"""``monitor()``: many counties over many years, ranked, compared and decomposed.

Each source is evaluated once and read as columns (:func:`eduequity.export.tables`): the
county statuses and the regional analysis come from the evaluation's arrays, not from
county results (:mod:`eduequity.monitor.columns`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eduequity.errors import ConfigurationError, DataError
from eduequity.evaluate import evaluate
from eduequity.export import tables
from eduequity.io import load_schools
from eduequity.monitor.changes import NoiseTolerance, changes, county_changes, trends
from eduequity.monitor.columns import GRAINS, county_statuses, cv_indicators, region_sections
from eduequity.monitor.margins import Bands, CountyStatus
from eduequity.monitor.regions import Grain, analyse_regions, rollups
from eduequity.monitor.result import Monitoring
from eduequity.rules.loader import load_rule_set
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable

__all__ = ["load_sources", "monitor"]

_GRAINS = ("county", "prefecture", "province")
_SUFFIXES = {".csv", ".xlsx", ".json"}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|2100)(?!\d)")


def monitor(
    data: Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    *,
    by: Grain = "county",
    within: str | None = None,
    county_inputs: Any = None,
    bands: Bands | None = None,
    tolerance: NoiseTolerance | None = None,
) -> Monitoring:
    """Evaluate every county and year of ``data`` and set them side by side.

    Parameters
    ----------
    data
        One source of schools (a path, a :class:`~eduequity.SchoolTable`, a DataFrame or
        records) with a ``year`` column, or a list of sources (one per year is how bureaus
        keep them), or a mapping ``{year: source}``. A file without a ``year`` column takes
        the one four-digit year in its name (``schools-2024.csv``), noted in the result.
    standard
        A bundled rule-set id, a rule file, or a :class:`~eduequity.RuleSet`.
    by
        The grain of the roll-ups and of the between/within analysis: ``"county"`` (all
        counties as one region), ``"prefecture"`` (first 4 digits of the county code) or
        ``"province"`` (first 2).
    within
        Keep only counties whose code starts with this prefix (e.g. ``"5101"``).
    county_inputs
        As for :func:`~eduequity.evaluate`, applied to every source.
    bands
        The warning bands (amber under 10 % of the threshold by default).
    tolerance
        When a change counts as no change (below 0.005, or equal at 3 decimals, by default).

    Returns
    -------
    Monitoring

    Raises
    ------
    ConfigurationError
        For an unknown ``by``.
    DataError
        When two sources hold the same county and year, or a year cannot be told.

    Examples
    --------
    >>> import eduequity as eq
    >>> rows = eq.load_example().to_dicts()
    >>> later = [dict(r, year=2026) for r in rows]
    >>> m = monitor(rows + later, "cn-2012-basic")
    >>> [(c.county_code, c.year) for c in m.counties]
    [('999901', 2025), ('999901', 2026)]
    >>> {ch.movement for ch in m.changes}
    {'no_change'}
    """
    if by not in _GRAINS:
        raise ConfigurationError(
            f"by must be one of {', '.join(_GRAINS)}, got {by!r}",
            message_code="monitor_by", message_params={"grains": list(_GRAINS), "value": by},
        )  # fmt: skip
    bands = bands or Bands()
    tolerance = tolerance or NoiseTolerance()
    notes: list[str] = []
    sources = load_sources(data, notes)  # the data's errors first, then the standard's
    rs = load_rule_set(standard)
    parts = [p.id for p in rs.parts]
    statuses: list[CountyStatus] = []
    sections: list[tuple[list[tuple[str, int]], dict[str, NDArray[Any]]]] = []
    indicators = cv_indicators(rs)
    standard_id = ""
    names: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, int], str] = {}
    for label, table in sources:
        a = evaluate(table, rs, county_inputs=county_inputs)
        standard_id = a.standard.id
        names.update(a.standard.indicators)
        cols = tables(a, GRAINS)
        keys = list(zip(cols["counties"]["county_code"].tolist(),
                        cols["counties"]["year"].tolist(), strict=True))  # fmt: skip
        keep = np.ones(len(keys), dtype=bool)
        for k, key in enumerate(keys):
            if within is not None and not key[0].startswith(within):
                keep[k] = False
                continue
            if key in seen:
                raise DataError(
                    f"county {key[0]}, year {key[1]} is in both {seen[key]} and {label}",
                    message_code="monitor_twice",
                    message_params={"county": key[0], "year": key[1], "first": seen[key],
                                    "second": label},
                )  # fmt: skip
            seen[key] = label
        statuses += county_statuses(cols, parts, bands, keep)
        found = region_sections(cols, indicators)
        kept = keep[found["county"]]
        sections.append((keys, {k: v[kept] for k, v in found.items()}))
    statuses.sort(key=lambda c: (c.county_code, c.year))
    return Monitoring(
        standard=standard_id,
        by=by,
        bands=bands,
        tolerance=tolerance,
        counties=tuple(statuses),
        changes=tuple(changes(statuses, tolerance)),
        county_changes=tuple(county_changes(statuses)),
        trends=tuple(trends(statuses)),
        regions=tuple(analyse_regions(_pooled(sections), indicators, by)),
        rollups=tuple(rollups(statuses, by)),
        indicator_names=names,
        notes=tuple(notes),
    )


def _pooled(
    sources: list[tuple[list[tuple[str, int]], dict[str, NDArray[Any]]]],
) -> dict[str, NDArray[Any]]:
    """The sections of every source as one set of columns, ``county`` the place of each
    section's county among all counties ordered by (code, year)."""
    if not sources:
        return {}
    rank = {key: i for i, key in enumerate(sorted(k for keys, _ in sources for k in keys))}
    pooled = []
    for keys, cols in sources:
        place = np.array([rank[k] for k in keys], dtype=np.intp)
        pooled.append({**cols, "county": place[cols["county"]]})
    return {k: np.concatenate([p[k] for p in pooled]) for k in pooled[0]}


def load_sources(data: Any, notes: list[str]) -> list[tuple[str, SchoolTable]]:
    """The sources of ``data`` (as :func:`monitor` takes them) as (label, table) pairs, each
    table with its years; a year taken from a file name is noted in ``notes``."""
    if isinstance(data, Mapping):
        return [(f"year {y}", _with_year(load_schools(src), int(y), f"year {y}"))
                for y, src in data.items()]  # fmt: skip
    if isinstance(data, str | Path) and Path(data).is_dir():
        folder = Path(data)
        data = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES)
        if not data:
            raise DataError(
                f"{folder}: the folder holds no .csv, .xlsx or .json file",
                message_code="empty_folder", message_params={"folder": str(folder)},
            )  # fmt: skip
    if (
        isinstance(data, Sequence)
        and not isinstance(data, str | bytes)
        and data
        and all(isinstance(d, str | Path | SchoolTable) for d in data)
    ):
        return [_source(d, notes) for d in data]
    return [_source(data, notes)]


def _source(src: Any, notes: list[str]) -> tuple[str, SchoolTable]:
    table = load_schools(src)
    label = str(src) if isinstance(src, str | Path) else table.source
    if len(table) and table.has("year") and (table["year"] != 0).all():
        return label, table
    if not isinstance(src, str | Path):
        raise DataError(
            f"{label}: no year column; give the sources as {{year: source}}",
            message_code="monitor_no_year", message_params={"file": label},
        )  # fmt: skip
    found = set(_YEAR_IN_NAME.findall(Path(src).name))
    if len(found) != 1:
        raise DataError(
            f"{label}: no year column, and the file name does not hold exactly one year; "
            "add a year column or give the sources as {year: source}",
            message_code="monitor_no_year_in_name", message_params={"file": label},
        )
    year = int(found.pop())
    notes.append(f"{label}: no year column; year {year} taken from the file name")
    return label, _with_year(table, year, label)


def _with_year(table: SchoolTable, year: int, label: str) -> SchoolTable:
    if table.has("year") and (table["year"] != 0).any():
        given = set(table["year"].tolist())
        if given != {year}:
            raise DataError(
                f"{label}: the year column says {sorted(given)}, not {year}",
                message_code="monitor_other_year",
                message_params={"file": label, "given": sorted(given), "year": year},
            )  # fmt: skip
        return table
    rows = [dict(r, year=year) for r in table.to_dicts()]
    return load_schools(rows)

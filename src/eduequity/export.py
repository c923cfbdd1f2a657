"""Getting a result out at national scale: tidy tables, Parquet or CSV files, streamed JSON.

:meth:`~eduequity.assessment.Assessment.to_frames`, ``to_arrow``, ``write`` and
``to_json(dest)`` call these. The tables come straight from the evaluation's arrays
(:mod:`eduequity.evaluation.frames`); the JSON is written county by county, each county's
text written and dropped in turn, so the whole document is never held in memory, and the
bytes are those of ``json.dumps(assessment.to_dict())``. From an evaluation, the school
sections are written straight from the arrays (:mod:`eduequity.evaluation.jsontext`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from eduequity._optional import require
from eduequity.errors import ConfigurationError
from eduequity.io.atomic import atomic_path

if TYPE_CHECKING:
    import pandas as pd

    from eduequity.assessment import Assessment
    from eduequity.evaluation.run import Run

__all__ = ["county_dicts", "frames", "stream_json", "tables", "write_tables"]

_MARK = "\x00counties\x00"


def _run(assessment: Assessment) -> Run:
    run = getattr(assessment.counties, "run", None)
    if run is None:
        raise ConfigurationError(
            "columnar output needs an assessment returned by evaluate() (it reads the "
            "evaluation's arrays)"
        )
    result: Run = run
    return result


def tables(assessment: Assessment) -> dict[str, dict[str, Any]]:
    """Every grain of the assessment as a dict of numpy columns."""
    from eduequity.evaluation.frames import columns

    return columns(_run(assessment))


def frames(assessment: Assessment) -> dict[str, pd.DataFrame]:
    """Every grain as a pandas DataFrame (needs the ``pandas`` extra)."""
    pd_mod = require("pandas", "pandas")
    return {name: pd_mod.DataFrame(cols) for name, cols in tables(assessment).items()}


def arrow(assessment: Assessment) -> dict[str, Any]:
    """Every grain as a ``pyarrow.Table`` (needs the ``arrow`` extra); NaN becomes null."""
    pa = require("pyarrow", "arrow")
    return {
        name: pa.table({k: pa.array(v, from_pandas=True) for k, v in cols.items()})
        for name, cols in tables(assessment).items()
    }


def write_tables(
    assessment: Assessment, path: str | Path, fmt: Literal["parquet", "csv"] = "parquet"
) -> list[Path]:
    """Write every grain into the folder ``path`` as ``<grain>.parquet`` or ``<grain>.csv``;
    each file is written atomically. Returns the files written."""
    if fmt not in ("parquet", "csv"):
        raise ConfigurationError(f"format: expected 'parquet' or 'csv', got {fmt!r}")
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if fmt == "parquet":
        pq = require("pyarrow.parquet", "arrow")
        for name, table in arrow(assessment).items():
            target = folder / f"{name}.parquet"
            with atomic_path(target) as tmp:
                pq.write_table(table, tmp)
            written.append(target)
    else:
        from eduequity.io.safety import csv_cell

        for name, frame in frames(assessment).items():
            text = [c for c in frame.columns if frame[c].dtype == object]
            frame = frame.assign(**{c: frame[c].map(csv_cell) for c in text})  # formulas stay text
            target = folder / f"{name}.csv"
            with atomic_path(target) as tmp:
                frame.to_csv(tmp, index=False, encoding="utf-8")
            written.append(target)
    return written


def county_dicts(assessment: Assessment) -> Iterator[dict[str, Any]]:
    """Each county's ``to_dict()`` in turn, without keeping the county results."""
    run = getattr(assessment.counties, "run", None)
    if run is None:
        for c in assessment.counties:
            yield c.to_dict()
        return
    from eduequity.evaluation.build import build_county

    for k in range(len(run.keys)):
        yield build_county(run, k).to_dict()


def stream_json(assessment: Assessment, out: IO[str], indent: int | None = 2) -> None:
    """Write ``json.dumps(assessment.to_dict(), indent=indent)`` (characters kept, never
    NaN) to ``out``, county by county."""
    head = assessment.to_dict_head()
    head["counties"] = [_MARK]
    text = json.dumps(head, ensure_ascii=False, indent=indent, allow_nan=False)
    before, after = text.split(json.dumps(_MARK))
    if not len(assessment.counties):
        out.write(json.dumps({**head, "counties": []}, ensure_ascii=False, indent=indent))
        return
    step = "\n" + " " * (2 * indent) if indent is not None else ""
    sep = "," + step if indent is not None else ", "
    out.write(before)
    for k, item in enumerate(_county_texts(assessment, indent, step)):
        if k:
            out.write(sep)
        out.write(item)
    out.write(after)


def _county_texts(assessment: Assessment, indent: int | None, step: str) -> Iterator[str]:
    """Each county's JSON text in turn, its lines indented by ``step``: written from the
    run's arrays when there is one."""
    run = getattr(assessment.counties, "run", None)
    if run is None:
        for county in county_dicts(assessment):
            text = json.dumps(county, ensure_ascii=False, indent=indent, allow_nan=False)
            yield text.replace("\n", step) if indent is not None else text
        return
    from eduequity.evaluation.jsontext import SchoolsWriter, county_text

    writer = SchoolsWriter(run, indent, depth=2)
    for k in range(len(run.keys)):
        yield county_text(run, k, writer)

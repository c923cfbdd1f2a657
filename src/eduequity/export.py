"""Getting a result out at national scale: tidy tables, Parquet or CSV files, streamed JSON.

:meth:`~eduequity.assessment.Assessment.to_frames`, ``to_arrow``, ``write`` and
``to_json(dest)`` call these. The tables come straight from the evaluation's arrays
(:mod:`eduequity.evaluation.frames`); the JSON is written county by county, each county's
text written and dropped in turn, so the whole document is never held in memory, and the
bytes are those of ``eduequity.jsonbytes.encode(assessment.to_dict())`` (``/2``) or of
``json.dumps(assessment.to_dict(1))`` (``/1``). From an evaluation, the school sections
are built straight from the arrays (:mod:`eduequity.evaluation.document`,
:mod:`eduequity.evaluation.jsontext`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from eduequity._optional import require
from eduequity.errors import ConfigurationError
from eduequity.io.atomic import atomic_path
from eduequity.jsonbytes import encode

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


def tables(
    assessment: Assessment, grains: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Every grain of the assessment as a dict of numpy columns, or only ``grains``
    (e.g. ``("counties", "levels")``: the others are not built)."""
    from eduequity.evaluation.frames import columns

    return columns(_run(assessment), grains)


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


def county_dicts(
    assessment: Assessment, contract: int = 2, *, nan: bool = False
) -> Iterator[dict[str, Any]]:
    """Each county's document (``contract`` 1 or 2) in turn, without keeping the county
    results; ``nan=True`` lets a ``/2`` document built from arrays keep an undefined
    number as NaN, for :func:`~eduequity.jsonbytes.encode` (which writes ``null``)."""
    run = getattr(assessment.counties, "run", None)
    if run is not None and contract == 2:
        from eduequity.evaluation.document import CountyDocuments

        docs = CountyDocuments(run, nan=nan)
        for k in range(len(run.keys)):
            yield docs[k]
        return
    if run is None:
        counties: Iterator[dict[str, Any]] = (c.to_dict() for c in assessment.counties)
    else:
        from eduequity.evaluation.build import build_county

        counties = (build_county(run, k).to_dict() for k in range(len(run.keys)))
    if contract == 1:
        yield from counties
        return
    from eduequity.evaluation.document import compact_county

    for county in counties:
        yield compact_county(county)


def stream_json(
    assessment: Assessment,
    out: IO[str] | IO[bytes],
    indent: int | None = 2,
    contract: int = 2,
) -> None:
    """Write the assessment's JSON (``contract`` 1 or 2; characters kept, never NaN) to
    ``out``, a text or a binary file, county by county."""
    text = not _binary(out)
    if contract == 1:
        if text:
            _stream_v1(assessment, out, indent)  # type: ignore[arg-type]
            return
        wrapper = io.TextIOWrapper(out, encoding="utf-8", write_through=True)  # type: ignore[type-var]
        try:
            _stream_v1(assessment, wrapper, indent)
            wrapper.flush()
        finally:
            wrapper.detach()  # the caller's file stays open
        return

    def write(data: bytes) -> None:
        out.write(data.decode("utf-8") if text else data)  # type: ignore[arg-type]

    head = assessment.to_dict_head(contract=2)
    head["counties"] = [_MARK]
    before, after = encode(head, indent).split(encode(_MARK))
    if not len(assessment.counties):
        write(encode({**head, "counties": []}, indent))
        return
    step = b"" if indent is None else b"\n" + b" " * (2 * indent)
    write(before)
    for k, county in enumerate(county_dicts(assessment, 2, nan=True)):
        item = encode(county, indent)
        if indent is not None:
            item = item.replace(b"\n", step)
        write(b"," + step + item if k else item)
    write(after)


def _binary(out: IO[str] | IO[bytes]) -> bool:
    """``out`` takes bytes: a binary file object, or any file opened with ``b`` in its mode
    (e.g. :func:`tempfile.NamedTemporaryFile`'s wrapper)."""
    if isinstance(out, io.TextIOBase):
        return False
    return isinstance(out, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(out, "mode", "")


def _stream_v1(assessment: Assessment, out: IO[str], indent: int | None = 2) -> None:
    """Write ``json.dumps(assessment.to_dict(contract=1), indent=indent)`` to ``out``."""
    head = assessment.to_dict_head(contract=1)
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
    """Each /1 county's JSON text in turn, its lines indented by ``step``: written from the
    run's arrays when there is one."""
    run = getattr(assessment.counties, "run", None)
    if run is None:
        for county in county_dicts(assessment, 1):
            text = json.dumps(county, ensure_ascii=False, indent=indent, allow_nan=False)
            yield text.replace("\n", step) if indent is not None else text
        return
    from eduequity.evaluation.jsontext import SchoolsWriter, county_text

    writer = SchoolsWriter(run, indent, depth=2)
    for k in range(len(run.keys)):
        yield county_text(run, k, writer)

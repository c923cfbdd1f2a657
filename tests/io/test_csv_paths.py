"""The CSV reader's three paths (pyarrow's parser, pandas', the exact reader) give the same
table, or refuse with the same messages, for any text: the fast paths lose no check; so do
text columns read by pyarrow as their distinct cells (coded), whatever their cells."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eduequity as eq
from eduequity.errors import DataValidationError, EduequityError
from eduequity.io import csv_plain, csv_reader

pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

HEADERS = ["school_id", "school_type", "students_primary", "year", "boarding", "学校名称", "备注",
           "county_code", "教学仪器设备资产值(万元)"]  # fmt: skip
# cells that a parser might read otherwise than the validation pass does
ODD = ["S1", "S2", "primary", "小学", "300", "007", "+5", " 12", "12\t", "1e20", "9007199254740993",
       "2.5", ".5", "5.", "-3", "0x10", "1_000", "١٢", "１２", "nan", "NaN", "NAN", "-nan", "<NA>",
       "NA", "—", "-", "inf", "-Infinity", "1e400", "true", "True", "是", "2025-01-01", "12:30",
       "合计", "小计", "total", "", " ", "\t", "\x1c", "\u3000", "é", "学校"]  # fmt: skip
# (no NUL: numpy's str arrays drop trailing NULs, so the exact reader reads "\0" as empty)
CELLS = st.one_of(st.sampled_from(ODD), st.text(st.characters(exclude_characters=',"\r\n\0'),
                                                max_size=4))  # fmt: skip


def _outcome(path: Path) -> tuple[str, Any]:
    try:
        table = eq.load_schools(path)
    except DataValidationError as exc:
        return "refused", [(d.code, d.message, d.row, d.school_id, d.column) for d in exc.errors]
    except EduequityError as exc:
        return "refused", str(exc)
    return "read", (table.to_dicts(), table.rows.tolist(), [w.message for w in table.warnings])


def _no_fast_path(*args: object, **kwargs: object) -> None:
    return None


@st.composite
def _files(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header naming the required columns and others, rows mostly of its width."""
    others = draw(st.lists(st.sampled_from(HEADERS[2:]), max_size=4, unique=True))
    header = draw(st.permutations(["school_id", "school_type", *others]))
    width = st.one_of(st.just(len(header)), st.integers(1, len(header) + 1))
    rows = draw(st.lists(width.flatmap(lambda k: st.lists(CELLS, min_size=k, max_size=k)),
                         min_size=1, max_size=4))  # fmt: skip
    return list(header), rows


@given(
    _files(), st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["utf-8", "utf-8-sig", "gbk"])
)
def test_every_path_gives_the_same_outcome(
    file: tuple[list[str], list[list[str]]], newline: str, encoding: str
) -> None:
    header, rows = file
    text = newline.join([",".join(header), *(",".join(r) for r in rows)]) + newline
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "paths.csv"
        path.write_bytes(data)
        with_arrow = _outcome(path)
        patch.setattr(csv_plain, "arrow_cells", csv_plain.arrow_coded)  # every text column
        coded = _outcome(path)
        patch.setattr(csv_plain, "_with_arrow", _no_fast_path)
        with_pandas = _outcome(path)
        patch.setattr(csv_reader, "read_plain", _no_fast_path)
        exact = _outcome(path)
    assert with_arrow == exact
    assert coded == exact
    assert with_pandas == exact


def _county_file(rows: list[str]) -> str:
    header = "school_id,school_type,ownership,county_code,county_name,students_primary,boarding"
    return "\n".join([header, *rows]) + "\n"


_TYPES = ["小学", "初中", " 小学", "primary", "九年一贯制"] * 200  # coded from 1000 rows
_REPEATED = [f"S{i:04d},{t},公办,110101,东城区,{'' if t == '初中' else 100 + i},否"
             for i, t in enumerate(_TYPES)]  # fmt: skip


@pytest.mark.parametrize(
    "odd",
    [
        [],  # every cell fine: a table
        ["S900,大学,公办,110101,东城区,5,否", "S901,,公办,110101,东城区,5,否"],  # unknown, empty
        ["S902,小学,公办,110101,合计,5,否", "S903,初中,民间,110101,东城区,5,也许"],  # total, bad
        ["S904,初中,公办,110101,东城区,7,否"],  # an 初中 with primary pupils
    ],
)
def test_columns_read_coded_give_the_exact_outcome(odd: list[str]) -> None:
    data = _county_file(_REPEATED + odd).encode()
    raw = csv_plain.read_plain(data, "c.csv", header_row=None, mapping=None, numeric=None)
    assert raw is not None
    kinds = {h: type(c).__name__ for h, c in zip(raw.headers, raw.columns, strict=True)}
    assert kinds["school_id"] == "ndarray"  # every id distinct: not coded
    assert {kinds[h] for h in ("school_type", "ownership", "county_name", "boarding")} == {"Coded"}
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "c.csv"
        path.write_bytes(data)
        coded = _outcome(path)
        patch.setattr(csv_reader, "read_plain", _no_fast_path)
        exact = _outcome(path)
    assert coded == exact
    assert coded[0] == ("read" if not odd else "refused")

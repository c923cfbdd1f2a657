"""Every defect of the gallery has its sentence in both languages (none falls back to its
English message or its bare code), with the file's row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import eduequity as eq
from eduequity.errors import DataError, DataValidationError
from eduequity.io.gallery import CASES, GalleryCase
from eduequity.report.defect_text import defect_text

CODED = [c for c in CASES if c.file and c.code]


@pytest.mark.parametrize("case", CODED, ids=[c.file for c in CODED])
def test_gallery_defects_have_sentences(
    case: GalleryCase, gallery_file: Callable[[str], Path]
) -> None:
    path = gallery_file(case.file)
    try:
        defects = list(eq.load_schools(path).warnings)
    except DataValidationError as exc:
        defects = list(exc.defects)
    except DataError:
        pytest.fail(f"{case.file}: expected defects")
    assert defects
    for d in defects:
        zh = defect_text(d, "zh")
        assert "数据提示" not in zh, zh
        assert zh.startswith(("错误：", "警告："))
        assert path.name in zh
        if d.row is not None and d.code not in ("title_rows_skipped", "unnamed_column"):
            if d.row_is_position:  # a JSON file's records: positions from 0, counted from 1
                assert f"第 {d.row + 1} 条记录（位置 {d.row}" in zh
                assert f"record {d.row + 1} (position {d.row}" in defect_text(d, "en")
            else:
                assert f"第 {d.row} 行" in zh
                assert f"row {d.row}" in defect_text(d, "en")

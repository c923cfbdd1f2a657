"""Files the command line writes are whole or absent: a full disk or Ctrl-C leaves the
previous file as it was and no temporary file behind."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import eduequity.io.atomic as atomic
from eduequity.cli import main

SRC = Path(__file__).parents[2] / "src"


class _FullDisk:
    """A binary file whose writes stop halfway with ENOSPC (what a full disk does)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._fh = open(path, "wb")  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return self._fh.fileno()

    def flush(self) -> None:
        self._fh.flush()


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        assert mode == "wb"
        return _FullDisk(path)

    monkeypatch.setattr(atomic, "open", fake_open, raising=False)


def test_a_full_disk_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    target.write_text("the report of last week", encoding="utf-8")
    _full_disk(monkeypatch)
    argv = ["evaluate", "--example", "--format", "md", "--output", str(target)]
    assert main([*argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(
        f"error: {target}: no space left on the device; the previous file is unchanged\n"
    )
    assert target.read_text(encoding="utf-8") == "the report of last week"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file
    # the JSON format says the same in the error document; it streams county by county,
    # so the disk fills half-way through the stream
    import errno

    from eduequity import export

    def half_then_full(assessment: Any, out: Any, indent: Any, contract: Any) -> None:
        out.write(b'{"format": "eduequity.assessment/2", "counties": [')
        raise OSError(errno.ENOSPC, "No space left on device", getattr(out, "name", None))

    monkeypatch.setattr(export, "stream_json", half_then_full)
    json_target = tmp_path / "report.json"
    assert main(["evaluate", "--example", "--format", "json", "--output", str(json_target)]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert (doc["error"]["code"], doc["error"]["file"]) == ("disk_full", str(json_target))
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_xlsx_adjusted_data_and_plot_go_through_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writers that take a path (openpyxl, csv, matplotlib) write to the temporary file;
    one that fails halfway leaves the old file."""
    from eduequity.assessment import Assessment
    from eduequity.table import SchoolTable

    seen: list[Path] = []

    def half_then_full(self: Any, path: Any, **kwargs: Any) -> None:
        seen.append(Path(path))
        Path(path).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")

    book = tmp_path / "report.xlsx"
    book.write_bytes(b"old workbook")
    monkeypatch.setattr(Assessment, "to_xlsx", half_then_full)
    assert main(["evaluate", "--example", "--format", "xlsx", "--output", str(book)]) == 2
    assert book.read_bytes() == b"old workbook"
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".report.xlsx.")
    monkeypatch.setattr(SchoolTable, "to_csv", half_then_full)
    adjusted = tmp_path / "adjusted.csv"
    assert main(["plan", "--example", "--format", "json", "--adjusted-data", str(adjusted)]) == 2
    assert not adjusted.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    capsys.readouterr()


def test_a_plot_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eduequity import load_example

    rows = load_example().to_dicts()
    later = [dict(r, year=2026) for r in rows]
    data = tmp_path / "years.json"
    data.write_text(json.dumps(rows + later, ensure_ascii=False), encoding="utf-8")
    plot = tmp_path / "cv.svg"
    assert main(["trend", str(data), "--format", "json", "--plot", str(plot)]) == 0
    assert plot.read_text(encoding="utf-8").startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.svg", "years.json"]
    assert capsys.readouterr().err == f"wrote {plot}\n"


# The child stops inside the write (os.fsync, after the content is in the temporary file)
# and says so; the parent then sends SIGINT. No timing guesses: the child waits for it.
_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import eduequity.io.atomic as atomic
    from eduequity.cli import main

    def stuck(fd):
        sys.stderr.write("writing\\n"); sys.stderr.flush()
        time.sleep(60)

    atomic.os.fsync = stuck
    sys.exit(main(sys.argv[1:]))
    """
)


def test_sigint_exits_130_with_one_line_and_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    argv = ["evaluate", "--example", "--format", "md", "--output", str(target)]
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert child.stderr is not None
        line = child.stderr.readline()
        while line and line != "writing\n":  # warnings of the evaluation come first
            line = child.stderr.readline()
        assert line == "writing\n"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130
    assert out == ""
    assert err == "eduequity: interrupted: nothing was written\n"
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_json_streams_into_the_file_where_to_json_takes_a_destination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eduequity.assessment import Assessment

    destinations: list[Any] = []

    def streaming(
        self: Assessment, dest: Any = None, *, indent: int | None = 2, contract: int = 2
    ) -> Any:
        destinations.append(dest)
        text = json.dumps({"counties": [c.county_code for c in self.counties]})
        if dest is None:
            return text
        if isinstance(dest, str | os.PathLike):
            Path(dest).write_text(text, encoding="utf-8")
        else:
            dest.write(text)
        return None

    monkeypatch.setattr(Assessment, "to_json", streaming)
    target = tmp_path / "out.json"
    assert main(["evaluate", "--example", "--format", "json", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == {"counties": ["999901"]}
    assert Path(destinations[0]).parent == tmp_path  # the temporary file beside the target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert main(["evaluate", "--example", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"counties": ["999901"]}
    assert destinations[1] is sys.stdout


def test_split_writes_an_index_and_one_page_per_county(tmp_path: Path) -> None:
    from eduequity.cli import main

    folder = tmp_path / "report"
    assert main(["evaluate", "--example", "--format", "html", "--split", "--output",
                 str(folder), "--quiet"]) == 0  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == ["999901-2025.html", "index.html"]
    assert 'href="999901-2025.html"' in (folder / "index.html").read_text(encoding="utf-8")
    assert main(["evaluate", "--example", "--split"]) == 2


def test_tables_as_parquet_or_csv_folders(tmp_path: Path) -> None:
    import pandas as pd

    from eduequity.cli import main

    for fmt, ext in (("parquet", "parquet"), ("csv-dir", "csv")):
        folder = tmp_path / fmt
        assert main(["evaluate", "--example", "--format", fmt, "--output", str(folder),
                     "--quiet"]) == 0  # fmt: skip
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted(f"{g}.{ext}" for g in (
            "counties", "levels", "indicators", "rules", "sections", "misses", "exclusions"))
        read = pd.read_parquet if ext == "parquet" else pd.read_csv
        counties = read(folder / f"counties.{ext}")
        assert counties["county_code"].astype(str).tolist() == ["999901"]
    assert main(["evaluate", "--example", "--format", "parquet"]) == 2


def test_a_reader_that_goes_away_is_not_an_error() -> None:
    """``eduequity … | head``: when stdout's reader has closed it, nothing is said on
    stderr (no traceback, no 'Broken pipe') and the exit code is 141 (128 + SIGPIPE)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "eduequity", "evaluate", "--example", "--format", "md",
         "--lang", "zh"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(SRC)},
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # before the report is written
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err
    assert not [line for line in err.splitlines() if "rror" in line or "错误" in line]

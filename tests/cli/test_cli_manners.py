"""CLI manners: --version, help for every option, examples that parse, the command list
other packages extend, options wired to the loader, progress on a terminal only."""

from __future__ import annotations

import argparse
import io
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eduequity as eq
from eduequity.cli import COMMANDS, build_parser, main
from eduequity.cli._common import Progress

SRC = Path(__file__).parents[2] / "src"


def _parsers(parser: argparse.ArgumentParser, path: str = "eduequity") -> list[Any]:
    out = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += _parsers(sub, f"{path} {name}")
    return out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"eduequity {eq.__version__}\n"


def test_python_m_eduequity_runs_the_same_command() -> None:
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, "-m", "eduequity", "--version"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (0, f"eduequity {eq.__version__}\n")


def test_every_option_of_every_command_has_help() -> None:
    missing = [
        f"{path} {'/'.join(a.option_strings) or a.dest}"
        for path, parser in _parsers(build_parser())
        for a in parser._actions
        if not isinstance(a, argparse._SubParsersAction) and not a.help
    ]
    assert missing == []
    commands = [path for path, _ in _parsers(build_parser())]
    assert len(commands) == 1 + 18 + 3  # eduequity, its 18 commands, rules' 3 actions


def test_help_lists_examples_that_parse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    examples = [line.strip() for line in text.split("examples:")[1].splitlines() if line.strip()]
    assert len(examples) == 8
    parser = build_parser()
    for line in examples:
        words = shlex.split(line)
        assert words[0] == "eduequity"
        args = parser.parse_args(words[1:])
        assert callable(args.func), line


def test_a_package_adds_its_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Hello:
        @staticmethod
        def register(subparsers: Any) -> None:
            p = subparsers.add_parser("hello", help="say hello", description="say hello")
            p.add_argument("--name", default="县", help="who")
            p.set_defaults(func=lambda args: print(f"hello {args.name}") or 0)

    monkeypatch.setattr("eduequity.cli.COMMANDS", [*COMMANDS, Hello()])
    assert main(["hello", "--name", "示例县"]) == 0
    assert capsys.readouterr().out == "hello 示例县\n"


def test_header_row_and_strict_reach_the_loader_only_when_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import eduequity.io

    calls: list[dict[str, Any]] = []
    real = eduequity.io.load_schools

    def spy(source: Any, **kwargs: Any) -> Any:
        calls.append(dict(kwargs))
        kwargs.pop("header_row", None)
        kwargs.pop("strict", None)
        return real(source, **kwargs)

    monkeypatch.setattr(eduequity.io, "load_schools", spy)
    example = str(Path(eq.__file__).parent / "data" / "example_county.csv")
    assert main(["validate", example, "--header-row", "1", "--strict", "--quiet"]) == 0
    assert main(["summary", example, "--header-row", "3", "--quiet"]) == 0
    assert main(["validate", example, "--quiet"]) == 0
    capsys.readouterr()
    assert calls == [
        {"encoding": None, "sheet": None, "header_row": 1, "strict": True},
        {"encoding": None, "sheet": None, "header_row": 3},
        {"encoding": None, "sheet": None},
    ]
    for command in ("evaluate", "plan", "whatif", "trend", "audit"):
        args = build_parser().parse_args([command, "x.csv", "--header-row", "2"])
        assert args.header_row == 2


def test_split_needs_html_and_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--format", "md", "--split", "--output", "out"]) == 2
    assert "--split writes html files" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = _Terminal()
    monkeypatch.setattr(sys, "stderr", tty)
    bar = Progress("evaluate", 2)
    bar.step("a.csv")
    bar.step("b.csv")
    bar.close()
    frames = tty.getvalue().split("\r")
    assert frames[1].rstrip() == "evaluate 1/2 a.csv"
    assert frames[2].rstrip() == "evaluate 2/2 b.csv"
    assert frames[-1] == ""  # the line is cleared at the end
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    for bar in (Progress("evaluate", 2, quiet=True), Progress("evaluate", 1)):
        bar.step("a.csv")
        bar.close()
    assert quiet.getvalue() == ""
    pipe = io.StringIO()  # not a terminal: nothing
    monkeypatch.setattr(sys, "stderr", pipe)
    bar = Progress("evaluate", 2)
    bar.step("a.csv")
    bar.close()
    assert pipe.getvalue() == ""


def test_a_batch_shows_its_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.csv").write_bytes(
            (Path(eq.__file__).parent / "data" / "example_county.csv").read_bytes()
        )
    tty = _Terminal()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["evaluate", str(tmp_path), "--format", "json"]) == 0
    assert "\revaluate 1/2 a.csv" in tty.getvalue()
    assert "\revaluate 2/2 b.csv" in tty.getvalue()
    capsys.readouterr()


def test_every_command_lists_examples_that_parse() -> None:
    parser = build_parser()
    for path, sub in _parsers(parser)[1:]:
        if path.startswith("eduequity rules "):
            continue  # the rules actions share the examples of `rules`
        assert sub.epilog, path
        assert sub.epilog.startswith("examples:\n"), path
        for line in sub.epilog.splitlines()[1:]:
            words = shlex.split(line.split("  #")[0])
            assert words[:2] == path.split()[:2], line
            args = parser.parse_args(words[1:])
            assert callable(args.func), line

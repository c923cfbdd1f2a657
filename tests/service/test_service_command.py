"""``eduequity serve``: the options, their defaults and their limits."""

from __future__ import annotations

import argparse

import pytest

from eduequity.service.command import register, run


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eduequity")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_serve_listens_on_loopback_by_default() -> None:
    args = _parse(["serve"])
    assert (args.host, args.port, args.max_request_mb, args.max_concurrent) == (
        "127.0.0.1", 8000, 20.0, 4)  # fmt: skip
    assert args.func is run
    args = _parse(["serve", "--port", "8123", "--max-request-mb", "5", "--max-concurrent", "2"])
    assert (args.port, args.max_request_mb, args.max_concurrent) == (8123, 5.0, 2)


@pytest.mark.parametrize("bad", [["--max-request-mb", "0"], ["--max-concurrent", "0"]])
def test_serve_refuses_limits_out_of_range(
    bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(_parse(["serve", *bad])) == 2
    assert "--max-request-mb must be > 0" in capsys.readouterr().err

"""``eduequity serve [--host 127.0.0.1] [--port 8000]``: run the web service with uvicorn.

The command line adds it with ``register(subparsers)``; ``run(args)`` serves until stopped.
"""

from __future__ import annotations

import argparse

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` command to the command line's subparsers."""
    text = "run the web service (needs the service extra: pip install 'eduequity[service]')"
    p = subparsers.add_parser(
        "serve", help=text, description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  eduequity serve\n  eduequity serve --port 8080 --max-request-mb 50\n",
    )  # fmt: skip
    add_arguments(p)
    p.set_defaults(func=run)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``serve``."""
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--max-request-mb", type=float, default=20.0,
                   help="largest request body in MB (default: 20)")  # fmt: skip
    p.add_argument("--max-concurrent", type=int, default=4,
                   help="evaluations running at once; others wait (default: 4)")  # fmt: skip
    p.add_argument("--log-level", default="info", help="uvicorn's log level (default: info)",
                   choices=("critical", "error", "warning", "info", "debug"))  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; exit 2 when the options are out of range."""
    import sys

    from eduequity._optional import require
    from eduequity.errors import ConfigurationError

    try:
        uvicorn = require("uvicorn", "service")
        require("starlette", "service")
        require("python_multipart", "service")
        if args.max_request_mb <= 0 or args.max_concurrent < 1:
            raise ConfigurationError("--max-request-mb must be > 0, --max-concurrent ≥ 1")
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from eduequity.service.app import Settings, create_app

    settings = Settings(int(args.max_request_mb * 1024 * 1024), args.max_concurrent)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def main() -> int:
    """``python -m eduequity.service``: the same as ``eduequity serve``."""
    parser = argparse.ArgumentParser(prog="eduequity serve", description="run the web service")
    add_arguments(parser)
    return run(parser.parse_args())

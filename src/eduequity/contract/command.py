"""``eduequity schema [NAME]``: print a published JSON Schema (or, without NAME, the list).

The command line adds it with ``register(subparsers)``; ``run(args)`` returns the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys

from eduequity.contract import schema, schema_names
from eduequity.contract.generate import CONTRACTS

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command to the command line's subparsers."""
    text = "print the JSON Schema (draft 2020-12) of a JSON output; without NAME, list them"
    p = subparsers.add_parser(
        "schema", help=text, description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  eduequity schema\n  eduequity schema assessment\n",
    )  # fmt: skip
    p.add_argument("name", nargs="?", choices=schema_names(), metavar="NAME",
                   help=f"one of: {', '.join(schema_names())}")  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON on stdout (exit 0); the list without a name."""
    if args.name is None:
        for name in schema_names():
            _, contract, given_by = CONTRACTS[name]
            print(f"{name:<12} {contract:<26} {given_by}")
        return 0
    json.dump(schema(args.name), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0

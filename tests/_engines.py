"""Rows put into the engines the tests compare with memory: SQLite (the standard library)
and DuckDB (a relation, as ``engine="duckdb"`` takes it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def sqlite_table(rows: Sequence[dict[str, Any]], name: str = "t") -> sqlite3.Connection:
    """An in-memory SQLite database holding ``rows`` as table ``name`` (columns untyped)."""
    con = sqlite3.connect(":memory:")
    columns = list(dict.fromkeys(k for r in rows for k in r))
    con.execute(f"CREATE TABLE {name} ({', '.join(_q(c) for c in columns)})")
    marks = ", ".join("?" for _ in columns)
    con.executemany(f"INSERT INTO {name} VALUES ({marks})",
                    [tuple(r.get(c) for c in columns) for r in rows])  # fmt: skip
    return con


def duckdb_relation(rows: Sequence[dict[str, Any]], types: dict[str, str]) -> Any:
    """A DuckDB relation of ``rows`` with the column ``types`` given (in that order)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({', '.join(f'{_q(c)} {k}' for c, k in types.items())})")
    if rows:
        marks = ", ".join("?" for _ in types)
        con.executemany(f"INSERT INTO t VALUES ({marks})",
                        [tuple(r.get(c) for c in types) for r in rows])  # fmt: skip
    return con.table("t")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

"""Where the records lie: a path read by DuckDB, a DuckDB relation, a connection's table.

:func:`open_source` turns what the caller gave (``engine="duckdb"`` with a CSV or Parquet
path or a relation; a DB-API connection or a Spark session with ``table=``) into a
:class:`Source`: the text ``FROM`` takes, how to run a statement there, the columns, and
how each record's row is numbered (for naming refused rows as the in-memory path does: a
CSV's line, the header being row 1; otherwise the 0-based position).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from eduequity.engine.sql import COMMON, SPARK, Dialect
from eduequity.errors import DataError

__all__ = ["Source", "open_source"]

Run = Callable[[str], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Source:
    """Records in an engine.

    Attributes
    ----------
    name
        For messages: the path, ``"relation"`` or the table's name.
    relation
        What ``FROM`` takes.
    dialect
        The engine's spellings.
    position
        The SQL expression of each record's row (see the module).
    """

    name: str
    relation: str
    dialect: Dialect
    position: str
    run_statement: Run
    columns_of: Callable[[str], list[str]]
    companion: Callable[[Any], str]
    numbered_table: Callable[[str, str], AbstractContextManager[str]] | None = None

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run ``sql`` and fetch every row (errors of the engine become a DataError)."""
        try:
            return self.run_statement(sql)
        except Exception as exc:  # the engine's own error types differ
            raise DataError(f"{self.name}: the engine refused the query ({exc})") from exc

    def columns(self, relation: str | None = None) -> list[str]:
        """The column names of the source (or of another ``relation`` of its engine)."""
        return self.columns_of(relation or self.relation)

    def other(self, data: Any) -> str:
        """What ``FROM`` takes for ``data`` in the same engine: a path, for DuckDB; the
        name of a table or view, for a connection or a Spark session."""
        return self.companion(data)

    @contextmanager
    def numbered(self) -> Iterator[Source]:
        """The same records with their rows numbered once (a temporary table holding the
        column ``eduequity_row``), so that queries run one after the other agree on them."""
        if self.numbered_table is None:
            yield self
            return
        name = f"eduequity_rows_{uuid.uuid4().hex[:12]}"
        select = f"SELECT *, {self.position} AS eduequity_row FROM {self.relation}"
        with self.numbered_table(name, select) as table:
            yield replace(self, relation=table, position="eduequity_row", numbered_table=None)


def open_source(data: Any, engine: Any, table: str | None = None) -> Source:
    """The :class:`Source` of ``data`` in ``engine``.

    Parameters
    ----------
    data
        With ``engine="duckdb"``: a CSV or Parquet path, or a DuckDB relation. With a
        connection or a Spark session: unused (``table`` names the records).
    engine
        ``"duckdb"``, a DB-API connection (DuckDB, SQLite, PostgreSQL, …) or a Spark session.
    table
        The table or view, for a connection or a Spark session.

    Examples
    --------
    >>> import sqlite3
    >>> con = sqlite3.connect(":memory:")
    >>> _ = con.execute("CREATE TABLE t (school TEXT, n REAL)")
    >>> src = open_source(None, con, "t")
    >>> src.columns(), src.rows("SELECT COUNT(*) FROM t")
    (['school', 'n'], [(0,)])
    """
    if engine == "duckdb":
        return _duckdb(data)
    if engine is None or isinstance(engine, str):
        raise DataError(f"unknown engine {engine!r}: None, 'duckdb' or a DB-API connection")
    if not table or not table.replace("_", "").isalnum():
        raise DataError("a connection needs table= (a plain table or view name)")
    if hasattr(engine, "createDataFrame") and hasattr(engine, "sql"):  # a Spark session
        return _spark(engine, table)
    if hasattr(engine, "execute") or hasattr(engine, "cursor"):
        return _connection(engine, table)
    raise DataError(f"unknown engine {engine!r}: None, 'duckdb' or a DB-API connection")


def _duckdb(data: Any) -> Source:
    from eduequity._optional import require

    duckdb = require("duckdb", "engine")
    if isinstance(data, str | Path):
        path = Path(data)
        if not path.is_file():
            raise DataError(f"{path}: not a file")
        text = "'" + str(path).replace("'", "''") + "'"
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")  # a library call prints nothing

        def run(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()  # type: ignore[no-any-return]

        if path.suffix.lower() == ".parquet":  # rows numbered by the file: nothing stored
            relation = f"read_parquet({text}, file_row_number = true)"
            return Source(str(path), relation, COMMON, "file_row_number", run,
                          lambda rel: _described(run, rel), _file)  # fmt: skip
        return Source(str(path), _file(path), COMMON, f"{COMMON.row_number} + 1", run,
                      lambda rel: _described(run, rel), _file, _temporary(run))  # fmt: skip
    if hasattr(data, "query") and hasattr(data, "columns"):  # a DuckDB relation
        view = "eduequity_input"

        def run_rel(sql: str) -> list[tuple[Any, ...]]:
            return data.query(view, sql).fetchall()  # type: ignore[no-any-return]

        return Source("relation", view, COMMON, f"{COMMON.row_number} - 1", run_rel,
                      lambda rel: _described(run_rel, rel), _file, _temporary(run_rel))  # fmt: skip
    raise DataError("engine='duckdb' takes a CSV or Parquet path or a DuckDB relation")


def _connection(con: Any, table: str) -> Source:
    def cursor(sql: str) -> Any:
        if hasattr(con, "execute"):  # (a DuckDB cursor would not see this connection's temp tables)
            return con.execute(sql)
        cur = con.cursor()
        cur.execute(sql)
        return cur

    def run(sql: str) -> list[tuple[Any, ...]]:
        return list(cursor(sql).fetchall())

    def columns(relation: str) -> list[str]:
        return [str(d[0]) for d in cursor(f"SELECT * FROM {relation} LIMIT 0").description]

    return Source(table, table, COMMON, f"{COMMON.row_number} - 1", run, columns, _table_name,
                  _temporary(run))  # fmt: skip


def _spark(spark: Any, view: str) -> Source:
    def run(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in spark.sql(sql).collect()]

    @contextmanager
    def numbered(name: str, select: str) -> Iterator[str]:
        spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW {name} AS {select}").collect()
        spark.sql(f"CACHE TABLE {name}").collect()  # numbered once
        try:
            yield name
        finally:
            spark.sql(f"UNCACHE TABLE IF EXISTS {name}").collect()
            spark.sql(f"DROP VIEW IF EXISTS {name}").collect()

    def columns(relation: str) -> list[str]:
        return [str(c) for c in spark.sql(f"SELECT * FROM {relation} LIMIT 0").columns]

    return Source(view, view, SPARK, f"{SPARK.row_number} - 1", run, columns, _table_name,
                  numbered)  # fmt: skip


def _temporary(run: Run) -> Callable[[str, str], AbstractContextManager[str]]:
    @contextmanager
    def numbered(name: str, select: str) -> Iterator[str]:
        run(f"CREATE TEMPORARY TABLE {name} AS {select}")
        try:
            yield name
        finally:
            run(f"DROP TABLE IF EXISTS {name}")

    return numbered


def _described(run: Run, relation: str) -> list[str]:
    """The column names of ``relation`` (DuckDB's description of it; the row numbers that
    ``read_parquet`` adds are not the file's)."""
    rows = run(f"DESCRIBE SELECT * FROM {relation}")
    return [str(r[0]) for r in rows if str(r[0]) != "file_row_number"]


def _file(data: Any) -> str:
    """A CSV or Parquet path as DuckDB reads it."""
    if not isinstance(data, str | Path) or not Path(data).is_file():
        raise DataError(f"{data}: not a file (DuckDB takes a CSV or Parquet path here)")
    text = "'" + str(data).replace("'", "''") + "'"
    reader = "read_parquet" if str(data).lower().endswith(".parquet") else "read_csv_auto"
    return f"{reader}({text})"


def _table_name(data: Any) -> str:
    if not isinstance(data, str) or not data.replace("_", "").isalnum():
        raise DataError(f"{data!r}: give a plain table or view name here")
    return data

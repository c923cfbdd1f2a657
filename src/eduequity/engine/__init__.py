"""The query-engine path: records and school tables summed where they lie.

A CSV or Parquet file read by DuckDB, a DuckDB relation, a table of any DB-API connection
(SQLite, DuckDB, PostgreSQL, …) or a Spark session's view is a :class:`Source`; the
queries that run there are written once, in :mod:`eduequity.engine.sql`, in the SQL that
all of these engines share (``COUNT``, ``SUM``, ``CASE``, ``GROUP BY``, ``WITH``, a join),
with the few spellings that differ (the text type, identifier quotes, row numbers) kept in
a :class:`Dialect`. Only the per-group sums and counts come back into Python, where the
same code as in memory turns them into rates, intervals and CVs.

This package knows nothing of surveys, rosters or metrics: :mod:`eduequity.records` and
:mod:`eduequity.metrics` build on it.
"""

from eduequity.engine.sources import Source, open_source
from eduequity.engine.sql import COMMON, SPARK, Dialect

__all__ = ["COMMON", "SPARK", "Dialect", "Source", "open_source"]

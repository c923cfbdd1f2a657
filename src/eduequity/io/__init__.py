"""Readers of school data: CSV (UTF-8, BOM, GBK), xlsx, DataFrames (pandas, polars, Arrow),
JSON and records."""

from eduequity.io.loading import load_schools, read_csv_columns

__all__ = ["load_schools", "read_csv_columns"]

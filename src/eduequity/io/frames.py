"""DataFrame reader: pandas (numpy, nullable and Arrow-backed dtypes), polars, pyarrow.

Through ``narwhals`` (imported lazily), so every library it knows reads the same way, and
any object with the Arrow C stream interface (``__arrow_c_stream__``) through pyarrow.
Numeric columns come as numpy float arrays, nulls as NaN, without a copy through Python
lists; nulls of text columns (``<NA>``, ``None``) are missing values, never the text
``"<NA>"``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from eduequity._optional import require
from eduequity._validate import RawTable
from eduequity.defects import DATAFRAME
from eduequity.errors import DataError

__all__ = ["is_frame", "read_frame"]


def is_frame(obj: Any) -> bool:
    """Whether ``obj`` looks like a data frame or an Arrow table."""
    if hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__dataframe__"):
        return True
    return type(obj).__name__ in ("DataFrame", "Table") and hasattr(obj, "columns")


def read_frame(obj: Any, source: str = DATAFRAME) -> RawTable:
    """The columns of a data frame, with its 0-based row positions."""
    nw = require("narwhals", "dataframe")
    names = [str(c) for c in (getattr(obj, "column_names", None) or list(obj.columns))]
    twice = [name for name, k in Counter(names).items() if k > 1]
    if twice:
        where = ", ".join(
            f"{name!r} at columns " + " and ".join(str(j) for j, n in enumerate(names) if n == name)
            for name in twice
        )
        raise DataError(f"{source}: two columns with the same name ({where}); rename one")
    try:
        frame = nw.from_native(obj, eager_only=True)
    except TypeError:
        if not hasattr(obj, "__arrow_c_stream__"):
            raise DataError(f"{source}: cannot read a {type(obj).__name__}") from None
        pa = require("pyarrow", "dataframe")
        frame = nw.from_native(pa.table(obj), eager_only=True)
    columns = []
    for name in frame.columns:
        columns.append(_cells(frame.get_column(name), nw))
    n = len(frame)
    return RawTable(
        source=source,
        headers=[str(c) for c in frame.columns],
        columns=columns,
        rows=np.arange(n, dtype=np.int64),
        places=[f"column {j} ({str(c)!r})" for j, c in enumerate(frame.columns)],
        positions=True,
    )


def _cells(series: Any, nw: Any) -> Any:
    """Numbers as a numpy array (NaN for null); other kinds as objects, null as None."""
    dtype = series.dtype
    if dtype.is_numeric():
        values = series.to_numpy()
        if values.dtype.kind in "fiu":
            return values
        return series.cast(nw.Float64).to_numpy()
    if dtype == nw.String or dtype == nw.Categorical or dtype == nw.Enum:
        text = series.cast(nw.String)
        missing = text.is_null().to_numpy()
        cells = text.fill_null("").to_numpy().astype(object)
        cells[missing.astype(bool)] = None
        return cells
    return np.asarray(series.to_numpy(), dtype=object)

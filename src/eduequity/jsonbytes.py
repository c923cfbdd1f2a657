"""JSON as bytes, fast: ``orjson`` when installed (the ``json`` extra), else ``pydantic_core``.

Both write the same bytes for the same value: UTF-8 characters kept, no spaces in the
compact form, two spaces per level when indented, each double as the shortest text that
reads back the same number, and NaN and ±inf as ``null``. So a document does not depend on
which of the two is installed (a test holds them equal); ``orjson`` is about three times
faster on a nation's assessment. What ``orjson`` refuses (an int beyond 64 bits, a dict
key that is not a string) is written by ``pydantic_core``, so never refused for that.
Numpy scalars and arrays are written as numbers and lists.
"""

from __future__ import annotations

from typing import Any

__all__ = ["encode"]


def _native(obj: Any) -> Any:
    if hasattr(obj, "tolist"):  # numpy scalars and arrays
        return obj.tolist()
    raise TypeError(f"Type is not JSON serializable: {type(obj).__name__}")


def encode(obj: Any, indent: int | None = None) -> bytes:
    """``obj`` as JSON bytes, compact or indented by ``indent`` spaces per level.

    >>> encode({"学校": [1.5, float("nan"), None, True]})
    b'{"\\xe5\\xad\\xa6\\xe6\\xa0\\xa1":[1.5,null,null,true]}'
    >>> print(encode({"a": [1, 2]}, indent=2).decode())
    {
      "a": [
        1,
        2
      ]
    }
    """
    if indent is None or indent == 2:
        try:
            import orjson
        except ImportError:
            pass
        else:
            option = orjson.OPT_SERIALIZE_NUMPY | (orjson.OPT_INDENT_2 if indent else 0)
            try:
                return orjson.dumps(obj, default=_native, option=option)
            except orjson.JSONEncodeError:
                pass  # e.g. an int beyond 64 bits, a key not a str: pydantic_core writes it
    from pydantic_core import to_json

    return to_json(obj, indent=indent, inf_nan_mode="null", fallback=_native)

"""The monitoring document as JSON text: the standard library's bytes, written faster.

:meth:`~eduequity.monitor.Monitoring.to_json` has always been
``json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)``. Indented, the
standard library encodes in Python (its C encoder is used only for the compact form), which
took most of the time of a nation's document. With ``orjson`` installed (the ``json``
extra) the indented form is written by ``orjson``, whose two-space layout, escapes and
characters are the standard library's, and whose numbers are too, save one kind: a float
below 10⁻⁴ in size, which Python spells with a two-digit exponent (``1e-05``,
``1.5e-07``) and ``orjson`` otherwise (``0.00001``, ``1.5e-7``). Those are found in the
text and spelled as Python does (``repr``); both spellings are the shortest that read back
the same float, so the digits agree. A document ``orjson`` refuses, and other indents, go
to the standard library, which also refuses NaN and ±inf; the monitoring's own floats are
finite (non-finite figures are ``None``), and the settings a caller gives are checked
before ``orjson`` writes.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["dumps"]

# Where a float below 1e-4 can start to differ: "0.0000…" or an exponent "e-…" (searched
# one at a time: a pattern of one literal is searched for far faster than an alternation)
_SUSPECTS = (re.compile(rb"0\.0000"), re.compile(rb"e-"))
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:e-\d+)?")
_DIGITS = frozenset(b"0123456789")


def dumps(doc: Any, indent: int | None, finite: tuple[float, ...] = ()) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)``.

    ``finite`` are floats of ``doc`` that may not be finite (a caller's settings): when
    one is not, the standard library writes the document (and refuses it).

    Examples
    --------
    >>> doc = {"delta": 1e-05, "values": [0.00012, -1.5e-07, 3.0], "name": "县 e-1"}
    >>> dumps(doc, 2) == json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    True
    >>> print(dumps({"a": [1e-05]}, 2))
    {
      "a": [
        1e-05
      ]
    }
    """
    if indent == 2 and all(math.isfinite(f) for f in finite):
        try:
            import orjson
        except ImportError:
            pass
        else:
            try:
                text = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
            except (orjson.JSONEncodeError, TypeError):
                pass  # e.g. a key not a str, an int beyond 64 bits, a numpy scalar
            else:
                return _python_floats(text).decode("utf-8")
    return json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)


def _python_floats(text: bytes) -> bytes:
    """``text`` (indented JSON) with every float below 1e-4 in size spelled as ``repr``.

    A number is a value alone at the end of its line (strings cannot hold a line break and
    end with a quote), so only tokens that end a line, or a line and its comma, are read.
    """
    parts: list[bytes] = []
    done = 0
    end = -1
    hits = sorted({hit.start() for suspect in _SUSPECTS for hit in suspect.finditer(text)})
    for at in hits:
        if at < end:
            continue  # within a number already looked at
        end = at + 2
        while end < len(text) and text[end] in _DIGITS:
            end += 1
        after = text[end : end + 2]
        if after and after[:1] != b"\n" and after != b",\n":
            continue
        start = max(text.rfind(b" ", 0, at), text.rfind(b"\n", 0, at)) + 1
        token = text[start:end]
        if not _NUMBER.fullmatch(token):
            continue
        value = float(token)
        if value == 0 or abs(value) >= 1e-4:
            continue
        parts += [text[done:start], repr(value).encode("ascii")]
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return b"".join(parts)

"""The web service: ``eduequity serve`` (the ``service`` extra: Starlette and uvicorn).

``POST /evaluate``, ``/validate``, ``/plan``, ``/whatif`` take the inputs of the command
line (a CSV/xlsx upload as the multipart field ``file`` with the fields ``standard``,
``county_inputs``, ``lang``; or a JSON body ``{"records": [...], "standard": ...,
"county_inputs": {...}}``) and answer with the same JSON; ``GET /standards``,
``GET /schema/{name}``, ``GET /health``, ``GET /openapi.json`` and ``GET /docs``; and
``GET /``, a form for people: upload the spreadsheet, get the report. See
docs/howto-service.md.
"""

from __future__ import annotations

from eduequity.service.app import Settings, create_app

__all__ = ["Settings", "create_app"]

"""The ASGI application (Starlette): routes, the body limit, errors as documents.

Thin over :mod:`eduequity.service.operations`: a request is read (multipart or JSON),
checked, run in a worker thread (at most ``max_concurrent`` at once), and answered.
Bad input is 422 with ``eduequity.error/1`` (an html page for a browser's form); a body
over ``max_request_bytes`` is 413. Nothing is kept between requests.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import eduequity
from eduequity.contract import error_document, schema, schema_names
from eduequity.errors import EduequityError
from eduequity.report.labels import text
from eduequity.service.inputs import Inputs, from_form, from_json
from eduequity.service.openapi import docs_page, openapi_document
from eduequity.service.operations import OPERATIONS, Reply, json_reply, standards_document
from eduequity.service.page import error_page, form_page

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["RequestError", "Settings", "create_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Settings:
    """Limits of one service: the largest request body and the evaluations at once."""

    max_request_bytes: int = 20 * 1024 * 1024
    max_concurrent: int = 4


class _TooLargeError(Exception):
    pass


def _problem(kind: str, code: str, **facts: Any) -> dict[str, Any]:
    """The error document of a request refused before it is read, its message said from
    the catalogue's ``e.<code>`` in English and in Chinese (``message_zh``)."""
    def said(lang: str) -> str:
        sep = text("list_sep", lang)
        shown = {k: sep.join(v) if isinstance(v, list) else v for k, v in facts.items()}
        return text(f"e.{code}", lang, **shown)

    error = {"type": kind, "message": said("en"), "message_zh": said("zh")}
    return {"format": "eduequity.error/1", "error": error, "defects": []}


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413, by its Content-Length or,
    without one, while it arrives."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLargeError
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLargeError:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        doc = _problem("RequestTooLarge", "svc.too_large", limit=self.limit)
        body = json.dumps(doc, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def _response(reply: Reply) -> Response:
    from starlette.responses import Response

    return Response(reply.body, reply.status, reply.headers, media_type=reply.media_type)


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _bad_input(request: Request, doc: dict[str, Any], status: int = 422) -> Response:
    from starlette.responses import HTMLResponse

    if _wants_html(request):
        return HTMLResponse(error_page(doc, _asked_lang(request)), status)
    return _response(json_reply(doc, status))


def _asked_lang(request: Request) -> str | None:
    """The language the request asked for (``?lang=``, or its ``lang`` field as read);
    ``None`` when it asked for none, or for one the service does not speak."""
    lang = request.query_params.get("lang") or getattr(request.state, "lang", None)
    return lang if lang in ("zh", "en") else None


def _note_lang(request: Request, raw: Mapping[str, Any] | Any) -> None:
    """Keep the ``lang`` a request's fields ask for, for the page of its error."""
    if isinstance(raw, Mapping) and isinstance(raw.get("lang"), str):
        request.state.lang = raw["lang"]


async def _read(request: Request) -> Inputs:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        from starlette.datastructures import UploadFile

        async with request.form(max_files=2, max_fields=40, max_part_size=2 * 1024**2) as form:
            fields: dict[str, str] = {}
            files: dict[str, tuple[str | None, bytes]] = {}
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    files[key] = (value.filename, await value.read())
                else:
                    fields[key] = value
        _note_lang(request, fields)
        return from_form(fields, files)
    if kind == "application/json":
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError as exc:
            from eduequity.rules.files import syntax_position

            line, col = syntax_position(exc, raw.decode("utf-8", "replace"))
            raise RequestError(
                f"the body is not JSON: {exc}", message_code="svc.body_not_json",
                message_params={"line": line, "col": col},
            ) from None  # fmt: skip
        _note_lang(request, body)
        return from_json(body)
    raise RequestError(
        "send multipart/form-data (a file in the field 'file') or application/json "
        '({"records": [...]})',
        415,
        message_code="svc.media",
    )


class RequestError(EduequityError, ValueError):
    """A request the service cannot read: a body that is not JSON (422), or neither
    multipart nor JSON (415)."""

    def __init__(
        self,
        message: str,
        status: int = 422,
        *,
        message_code: str | None = None,
        message_params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, message_code=message_code, message_params=message_params)
        self.status = status


def create_app(settings: Settings | None = None) -> Starlette:
    """The application, for uvicorn or any ASGI server (needs the ``service`` extra).

    Examples
    --------
    >>> from starlette.testclient import TestClient
    >>> with TestClient(create_app()) as client:
    ...     client.get("/health").json()["status"]
    'ok'
    """
    import anyio
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route

    settings = settings or Settings()
    limiter = anyio.CapacityLimiter(settings.max_concurrent)
    standards = standards_document()
    ids = [s["id"] for s in standards["rule_sets"]]
    api = openapi_document(ids)

    async def operation(request: Request, name: str) -> Response:
        try:
            inputs = await _read(request)
            work = functools.partial(OPERATIONS[name], inputs)
            reply = await anyio.to_thread.run_sync(work, limiter=limiter)
        except RequestError as exc:
            return _bad_input(request, error_document(exc), exc.status)
        except EduequityError as exc:
            return _bad_input(request, error_document(exc))
        return _response(reply)

    def endpoint(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            return await operation(request, name)

        return run

    async def home(request: Request) -> Response:
        mb = settings.max_request_bytes / 1024**2
        return HTMLResponse(form_page(standards["rule_sets"], mb))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": eduequity.__version__})

    async def list_standards(request: Request) -> Response:
        return JSONResponse(standards)

    async def one_schema(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in schema_names():
            doc = _problem("NotFound", "no_schema", name=name, known=list(schema_names()))
            return _response(json_reply(doc, 404))
        return JSONResponse(schema(name), media_type="application/schema+json")

    async def openapi(request: Request) -> Response:
        return JSONResponse(api)

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page(api))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "svc.not_found", 405: "svc.method"}.get(exc.status_code)
        doc = _problem("HTTPError", code or "svc.http", status=exc.status_code)
        doc["error"]["message"] = str(exc.detail)  # Starlette's own words, as before
        return _response(json_reply(doc, exc.status_code))

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/standards", list_standards, methods=["GET"]),
        Route("/schema/{name}", one_schema, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        *(Route(f"/{name}", endpoint(name), methods=["POST"]) for name in OPERATIONS),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(BodyLimit, limit=settings.max_request_bytes)],
        exception_handlers={HTTPException: http_error},
    )

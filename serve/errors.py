"""The API's error shape and the guards in front of it (serve/api.py).

Every error the service sends is JSON: `{"error": {"type": str, "message": str, ...}}` — from our own
checks (`ApiError`), FastAPI's validation (malformed JSON, wrong types: 422), Starlette's HTTP errors
(404, 405) and any unexpected exception (500, a fixed message: no traceback leaves the process).

`RequestGuard`, in front of `/v1/*` only (the page has its own limits): the API key (every `/v1`
path but `/v1/health`, `Authorization: Bearer <key>`, compared in constant time) and the body
limit (413), both checked before the body is parsed.
"""
from __future__ import annotations

import hmac
import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

MAX_BODY_BYTES = 16 * 1024 * 1024
OPEN_PATHS = ("/v1/health",)
HTTP_TYPES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
log = logging.getLogger("zhnews.serve")


class ErrorDetail(BaseModel):
    type: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_dict(kind: str, message: str, **extra) -> dict:
    return {"error": {"type": kind, "message": message, **extra}}


class ApiError(Exception):
    """An error response: status, type, message, optional extra fields and headers."""

    def __init__(self, status: int, kind: str, message: str, headers: dict | None = None, **extra):
        super().__init__(message)
        self.status, self.kind, self.message, self.headers, self.extra = status, kind, message, headers, extra

    def body(self) -> dict:
        return error_dict(self.kind, self.message, **self.extra)

    def response(self) -> "JSONBody":
        return JSONBody(self.body(), status_code=self.status, headers=self.headers)


class JSONBody(JSONResponse):
    """JSON as UTF-8; text holding lone surrogates (valid in a JSON string, not in UTF-8) falls back
    to \\u escapes instead of failing to encode."""

    def render(self, content) -> bytes:
        try:
            return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def validation_details(exc: RequestValidationError) -> list[dict]:
    """Where and what, without echoing the input back (it may be huge or not encodable)."""
    return [{"loc": [part if isinstance(part, int) else str(part) for part in e.get("loc", ())],
             "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in exc.errors()]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError):
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        details = validation_details(exc)
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"])
        return ApiError(422, "invalid_request", f"{where}: {first['msg']}" if where else first["msg"],
                        details=details).response()

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException):
        kind = HTTP_TYPES.get(exc.status_code, "http_error")
        return ApiError(exc.status_code, kind, str(exc.detail), headers=getattr(exc, "headers", None)).response()

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return ApiError(500, "internal_error", "internal error; the server goes on").response()


class RequestGuard:
    """ASGI middleware for `/v1/*`: the API key, then the body limit, before any parsing."""

    def __init__(self, app, api_key: str | None = None, max_body_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.key = api_key.encode("utf-8") if api_key else None
        self.max_body = max_body_bytes

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == "/v1" or path.startswith("/v1/")):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if self.key is not None and path not in OPEN_PATHS and not self.authorised(headers.get(b"authorization")):
            return await self.refuse(scope, receive, send, ApiError(
                401, "unauthorized", "missing or wrong API key: send 'Authorization: Bearer <key>'",
                headers={"WWW-Authenticate": "Bearer"}))
        too_large = ApiError(413, "body_too_large", f"request body over {self.max_body:,} bytes")
        try:
            declared = int(headers.get(b"content-length", b"0"))
        except ValueError:
            declared = 0
        if declared > self.max_body:
            return await self.refuse(scope, receive, send, too_large)
        body, more = b"", True
        while more:  # read it all here (at most the limit) so a streamed body cannot pass the limit
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                return await self.refuse(scope, receive, send, too_large)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    def authorised(self, header: bytes | None) -> bool:
        scheme, _, token = (header or b"").partition(b" ")
        # compare_digest on bytes takes time independent of where the first difference is
        return scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), self.key)

    @staticmethod
    async def refuse(scope, receive, send, error: ApiError):
        await error.response()(scope, receive, send)

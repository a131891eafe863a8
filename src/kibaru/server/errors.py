"""Give every API error one JSON shape: ``{"error": {"code", "message", "details"}}``.

Validation failures (bad dates, bbox, unknown types, page sizes over the limit) are 422 with
one detail per bad parameter; unknown ids are 404; a busy database is 503; anything else is a
500 whose message says nothing about the code (the traceback goes to the server log only).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kibaru.errors import QueryError, StoreBusyError, StoreError

__all__ = [
    "ERROR_RESPONSES",
    "ApiError",
    "ErrorBody",
    "ErrorDetail",
    "ErrorEnvelope",
    "error_response",
    "install_error_handlers",
]

log = logging.getLogger("kibaru.server")


class ErrorDetail(BaseModel):
    """One problem with the request: which parameter (``loc``) and what is wrong."""

    loc: str | None = Field(None, description="The parameter at fault, e.g. 'query.since'.")
    message: str


class ErrorBody(BaseModel):
    """What failed: a stable machine ``code`` and a sentence for a person."""

    code: str = Field(description="Stable code: validation_error, not_found, busy, ...")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    """The one error shape of the API."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorEnvelope, "description": "Not found"},
    422: {"model": ErrorEnvelope, "description": "Invalid parameters"},
    503: {"model": ErrorEnvelope, "description": "Database busy"},
}
"""The ``responses=`` of every route, so the OpenAPI document shows the envelope."""

_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    422: "validation_error",
    500: "internal_error",
    503: "busy",
}


class ApiError(Exception):
    """An error a route raises on purpose; becomes the envelope with ``status``."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None,
        details: Sequence[ErrorDetail] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = list(details)


def error_response(
    status: int, message: str, *, code: str | None = None, details: Sequence[ErrorDetail] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Return the envelope as a JSON response."""
    body = ErrorEnvelope(
        error=ErrorBody(code=code or _CODES.get(status, "error"), message=message,
                        details=list(details))
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _loc(parts: Sequence[Any]) -> str:
    return ".".join(str(p) for p in parts)


def _validation_details(errors: Sequence[Any]) -> list[ErrorDetail]:
    details = []
    for err in errors:
        msg = str(err.get("msg", "invalid value"))
        # pydantic prefixes messages of ValueErrors raised in validators; drop the noise.
        msg = msg.removeprefix("Value error, ")
        details.append(ErrorDetail(loc=_loc(err.get("loc", ())), message=msg))
    return details


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = _validation_details(exc.errors())
    summary = "; ".join(f"{d.loc}: {d.message}" if d.loc else d.message for d in details)
    return error_response(422, f"invalid request: {summary}", details=details)


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, code=exc.code, details=exc.details)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404:
        message = f"no such resource: {request.url.path}"
    elif status == 405:
        message = f"method {request.method} is not allowed here; the API is read-only"
    else:
        message = str(exc.detail) if isinstance(exc.detail, str) else "request failed"
    return error_response(status, message, headers=dict(exc.headers or {}))


async def _on_query_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(422, str(exc))


async def _on_busy(request: Request, exc: Exception) -> JSONResponse:
    return error_response(
        503, "the event database is busy (another process is writing); retry shortly",
        headers={"Retry-After": "2"},
    )


async def _on_store_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error on %s: %s", request.url.path, exc)
    return error_response(500, "the event database failed; see the server log", code="store_error")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to the envelope."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(QueryError, _on_query_error)
    app.add_exception_handler(StoreBusyError, _on_busy)
    app.add_exception_handler(StoreError, _on_store_error)

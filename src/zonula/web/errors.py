"""Errors to HTTP: one table from ZonulaError classes to status codes, and the handlers.

API paths answer JSON (422 with field details); pages answer `errors/{status}.html`. Nothing
unexpected ever shows a traceback: a generic page or JSON and a log line.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from zonula.errors import (
    AuthenticationError,
    ConfigError,
    ConflictError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SafetyLockError,
    SchemaVersionError,
    ValidationError,
    ZonulaError,
)
from zonula.i18n import _
from zonula.web.templating import renderer_from

log = logging.getLogger("zonula.web")

# The one table (STYLE rule 5).
STATUS: dict[type[ZonulaError], int] = {
    ValidationError: 422,
    ImportFileError: 422,
    AuthenticationError: 401,
    PermissionDeniedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    SafetyLockError: 423,
    RateLimitedError: 429,
    SchemaVersionError: 503,
    ConfigError: 500,
}

ERROR_PAGES = frozenset({400, 401, 403, 404, 405, 409, 413, 422, 423, 429, 500, 503})


def status_of(err: ZonulaError) -> int:
    """The HTTP status of a zonula error."""
    return next((code for kind, code in STATUS.items() if isinstance(err, kind)), 400)


def wants_json(request: Request) -> bool:
    """API paths (and clients asking only for JSON) get JSON errors."""
    return request.url.path.startswith("/api/") or request.headers.get("accept", "") == "application/json"


def problem_details(err: ZonulaError) -> list[dict[str, Any]]:
    """FastAPI-style `detail` items for an error with field problems."""
    problems = getattr(err, "problems", None) or []
    return [{"loc": ["body", p.field], "msg": p.message, "type": "value_error",
             **({"location": p.location} if p.location else {})} for p in problems]


def error_response(request: Request, status: int, message: str,
                   details: list[dict[str, Any]] | None = None) -> Response:
    """A JSON or HTML error with this status."""
    if wants_json(request):
        body: dict[str, Any] = {"detail": details if details else message}
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)
    page = status if status in ERROR_PAGES else 400
    return renderer_from(request).page(request, f"errors/{page}.html",
                                     {"message": message, "status": status, "details": details or []},
                                     status_code=status)


async def zonula_error(request: Request, exc: Exception) -> Response:
    """Map a ZonulaError through the table."""
    assert isinstance(exc, ZonulaError)
    status = status_of(exc)
    if status == 401 and not wants_json(request) and request.method == "GET":
        return RedirectResponse(f"/account/signin?next={quote(request.url.path)}", status_code=303)
    if status >= 500:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
    return error_response(request, status, str(exc), problem_details(exc))


async def request_validation_error(request: Request, exc: Exception) -> Response:
    """Bad input caught by FastAPI's schemas: 422 with the field details, nothing written."""
    assert isinstance(exc, RequestValidationError)
    details = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
               for e in exc.errors()]
    return error_response(request, 422, _("Some fields are not valid."), details)


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes, wrong methods, and explicit HTTP errors."""
    assert isinstance(exc, HTTPException)
    messages = {404: _("This page does not exist."), 405: _("This action is not allowed here."),
                413: _("The upload is too large.")}
    return error_response(request, exc.status_code, messages.get(exc.status_code, _("The request was refused.")))


async def unexpected_error(request: Request, exc: Exception) -> Response:
    """Anything else: a generic page or JSON, and the traceback in the log only."""
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, _("Something went wrong on our side. Nothing you entered was lost "
                                          "unless this page says so; please try again."))


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(ZonulaError, zonula_error)
    app.add_exception_handler(RequestValidationError, request_validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)

"""One error shape for every failure the API answers, and the status each gets.

Every error body is ``{"code", "message", "field", "errors"}``: ``code`` is the
stable value of the ``ErrorCode`` (or of the error family) that callers match
on, ``message`` the words a person reads (in the request's language),
``field`` the input it is about when there is one, and ``errors`` every
problem when there are several (a schema check, or the lines of a file).

| what | status |
| --- | --- |
| a body that is not JSON | 400 ``malformed`` |
| no credentials, or a token that is unknown, expired or revoked | 401 ``unauthenticated`` |
| a session request without its CSRF token; a read-only token that writes | 403 |
| something that does not exist *or that the caller may not see* | 404 |
| a clash with the current state (``Conflict``) | 409 |
| input of the wrong type or shape, or that breaks a rule | 422 |
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser

from tribe.core.errors import (
    Conflict,
    ErrorCode,
    ImportRejected,
    NotFound,
    TribeError,
    ValidationError,
)

__all__ = ["ERROR_STATUSES", "ApiCode", "Error", "ObjectParser", "Problem", "Refused", "install"]


class ApiCode(ErrorCode):
    """The API's own error codes: the value is stable, the message is shown."""

    MALFORMED = "malformed", gettext_noop("the request body is not one JSON object")
    UNAUTHENTICATED = (
        "unauthenticated",
        gettext_noop(
            "sign in, or send a personal API token as “Authorization: Bearer tribe_…”; "
            "the token given is unknown, expired or revoked"
        ),
    )
    CSRF = (
        "csrf_failed",
        gettext_noop(
            "a request with the session cookie that changes something needs the CSRF token "
            "(the X-CSRFToken header); scripts should use a personal API token instead"
        ),
    )
    READ_ONLY = (
        "token_read_only",
        gettext_noop("this API token may only read: make a token that may change things"),
    )
    BODY_REQUIRED = (
        "body_required",
        gettext_noop("this operation takes a JSON object as the request body"),
    )
    NOT_FOUND = "not_found", gettext_noop("there is nothing here, or nothing you may see")
    INVALID = "invalid", gettext_noop("the request does not fit the operation")


class Problem(Schema):
    """One problem: where (a field, or a line of a file) and what."""

    field: str | None = None
    line: int | None = None
    code: str
    message: str


class Error(Schema):
    """Every failure of the API has this body."""

    code: str
    message: str
    field: str | None = None
    errors: list[Problem] = []


#: The failure statuses every operation may answer, documented on each (``ApiRouter``).
ERROR_STATUSES = (400, 401, 403, 404, 409, 422)


class Refused(HttpError):
    """A request understood but not allowed (403), with its code."""

    def __init__(self, code: ApiCode) -> None:
        super().__init__(403, code.message())
        self.code = code


def _body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field, "errors": [], **extra}


def _place(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """``("body", "payload", "title")`` → ``"title"``; ``("query", "limit")`` → ``"limit"``."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    # ninja nests a body schema under its parameter's name; the caller never sees that name.
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or None


def _schema_problem(error: dict[str, Any]) -> dict[str, Any]:
    kind = str(error.get("type", "invalid"))
    field = _place(error.get("loc", ()))
    message = str(error.get("msg", "")) or ApiCode.INVALID.message()
    if kind == "missing":
        message = gettext("is required")
        kind = "required"
    if field == "payload":  # the body as a whole, under the name every operation gives it
        field = None
        message = ApiCode.BODY_REQUIRED.message() if kind == "required" else message
    elif kind == "extra_forbidden":
        message = gettext("is not a field of this operation")
    return {"field": field, "line": None, "code": kind, "message": message}


def install(api: NinjaAPI) -> None:
    """Answer every failure of ``api`` with :class:`Error` and its status."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="tribe"'
        return response

    def tribe_error(request: HttpRequest, exc: TribeError) -> HttpResponse:
        status = 422
        if isinstance(exc, NotFound):
            status = 404
        elif isinstance(exc, Conflict):
            status = 409
        body = _body(str(exc.code), str(exc), exc.field)
        if isinstance(exc, ImportRejected):
            body["errors"] = [
                {"field": p.field, "line": p.line, "code": str(exc.code), "message": p.message}
                for p in exc.problems
            ]
        elif isinstance(exc, ValidationError) and exc.field:
            body["errors"] = [
                {"field": exc.field, "line": None, "code": str(exc.code), "message": exc.message}
            ]
        return respond(request, status, body)

    def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        problems = [_schema_problem(e) for e in exc.errors]
        first = problems[0] if problems else None
        message = ApiCode.INVALID.message()
        if first is not None:
            message = (
                f"{first['field']}: {first['message']}" if first["field"] else first["message"]
            )
        body = _body(ApiCode.INVALID, message, first["field"] if first else None)
        body["errors"] = problems
        return respond(request, 422, body)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        if isinstance(exc, Refused):
            return respond(request, 403, _body(exc.code, exc.code.message()))
        if isinstance(exc, AuthenticationError) or status == 401:
            return respond(
                request, 401, _body(ApiCode.UNAUTHENTICATED, ApiCode.UNAUTHENTICATED.message())
            )
        if status == 400:
            return respond(request, 400, _body(ApiCode.MALFORMED, ApiCode.MALFORMED.message()))
        if status == 403:  # ninja's CSRF check
            return respond(request, 403, _body(ApiCode.CSRF, ApiCode.CSRF.message()))
        return respond(request, status, _body(f"http_{status}", str(exc)))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, _body(ApiCode.NOT_FOUND, ApiCode.NOT_FOUND.message()))

    handlers: list[tuple[type[Exception], Any]] = [
        (TribeError, tribe_error),
        (SchemaError, schema_error),
        (HttpError, http_error),
        (Http404, not_found),
    ]
    for kind, handler in handlers:
        api.add_exception_handler(kind, handler)


class ObjectParser(Parser):
    """JSON bodies, and only a JSON object: a list or a number where an operation
    takes fields is refused before anything reads it (400 ``malformed``)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data

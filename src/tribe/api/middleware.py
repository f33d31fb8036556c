"""Every answer under ``/api/`` is JSON, failures too.

The API's own failures already have the error shape (``tribe.api.errors``).
What Django answers before or around the API does not: an address that is no
operation (404), a method an operation does not take (405), a body too large
(400), an unexpected error (500, logged by Django as always). This turns
those into the same shape, so a client never has to parse an HTML page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_noop

from tribe.api.errors import ApiCode
from tribe.core.errors import ErrorCode


class StatusCode(ErrorCode):
    """Django's failures around the API, by status."""

    BAD_REQUEST = "bad_request", gettext_noop("the request could not be read (is it too large?)")
    METHOD = (
        "method_not_allowed",
        gettext_noop("this address does not take {method}; it takes {allowed}"),
    )
    INTERNAL = (
        "internal",
        gettext_noop("something went wrong on our side; it has been logged, please try again"),
    )


class JsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path_info
        if not (path == "/api" or path.startswith("/api/")) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        if status == 404:
            code, message = str(ApiCode.NOT_FOUND), ApiCode.NOT_FOUND.message()
        elif status == 405:
            allowed = response.get("Allow", "")
            code = str(StatusCode.METHOD)
            message = StatusCode.METHOD.message(method=request.method, allowed=allowed or "-")
        elif status >= 500:
            code, message = str(StatusCode.INTERNAL), StatusCode.INTERNAL.message()
        else:
            code, message = str(StatusCode.BAD_REQUEST), StatusCode.BAD_REQUEST.message()
        replaced = JsonResponse(
            {"code": code, "message": message, "field": None, "errors": []}, status=status
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replaced[header] = response[header]
        # Keep whatever the response already carried for caching and security.
        for header, value in response.items():
            if header.lower() not in {"content-type", "content-length"} and header not in replaced:
                replaced[header] = value
        return replaced

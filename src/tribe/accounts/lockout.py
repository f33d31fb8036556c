"""What django-axes needs from Tribe to count failed log-ins (see settings, AXES_*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The address typed, as accounts store it: " Maya@Example.com" and "maya@example.com"
    are one account, so they share one count of failures."""
    source: Any = credentials if credentials else request.POST
    value = source.get(settings.AXES_USERNAME_FORM_FIELD)
    if not isinstance(value, str):
        return None
    return value.strip().lower() or None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer, or behind Tribe's TLS proxy, the address it saw.

    Only the last X-Forwarded-For entry is trusted (the one the proxy added);
    earlier entries are whatever the client chose to send.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    address: object = request.META.get("REMOTE_ADDR")
    return address if isinstance(address, str) and address else None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The log-in page again, saying why it refuses and how long to wait (HTTP 429)."""
    from django.contrib.auth.forms import AuthenticationForm

    wait: dt.timedelta = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "web/registration/login.html",
        {
            "form": AuthenticationForm(request),
            "locked_out": True,
            "wait_minutes": int(wait.total_seconds() // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "next": request.POST.get("next", ""),
        },
        status=429,
    )

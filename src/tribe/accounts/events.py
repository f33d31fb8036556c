"""Recording security events: from Django's log-in signals, and from the pages and
commands that change a password or export data (``record``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from tribe.accounts.lockout import client_ip
from tribe.accounts.models import KEEP_DAYS, SecurityEvent
from tribe.core import clock

__all__ = ["events_of", "on_logged_in", "on_logged_out", "on_login_failed", "record"]


def record(
    *, person: Any, kind: str, request: HttpRequest | None = None, now: dt.datetime | None = None
) -> SecurityEvent:
    """Note one event of ``person``'s account (and forget theirs older than a year)."""
    moment = now or clock.now()
    ip = client_ip(request) if request is not None else None
    agent = str(request.META.get("HTTP_USER_AGENT", ""))[:300] if request is not None else ""
    SecurityEvent.objects.filter(
        person=person, at__lt=moment - dt.timedelta(days=KEEP_DAYS)
    ).delete()
    return SecurityEvent.objects.create(
        person=person, kind=kind, at=moment, ip=ip, user_agent=agent
    )


def events_of(*, person: Any, limit: int = 100) -> list[SecurityEvent]:
    """The person's newest events, newest first. One query."""
    return list(SecurityEvent.objects.filter(person=person)[:limit])


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if request is not None:  # the test client's force_login has no request to tell
        record(person=user, kind=SecurityEvent.Kind.LOGIN, request=request)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if user is not None and request is not None:
        record(person=user, kind=SecurityEvent.Kind.LOGOUT, request=request)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    """A wrong password for an existing account is the account's event; an address
    nobody has is nobody's (and is not stored: it may be a typo of someone's name)."""
    typed = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    if not typed:
        return
    person = get_user_model()._default_manager.filter(email=typed).first()
    if person is not None:
        record(person=person, kind=SecurityEvent.Kind.LOGIN_FAILED, request=request)

"""Log out a session that has been idle too long, or that is simply too old.

Two moments are kept in the session: when it logged in and when it was last
seen. "Last seen" is rewritten at most once an hour, so a page view costs no
session write; the idle limit is therefore exact to within that hour.
Settings: ``TRIBE_SESSION_IDLE`` and ``TRIBE_SESSION_MAX_AGE`` (timedeltas).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

SINCE = "tribe.session.since"
SEEN = "tribe.session.seen"
#: How stale "last seen" may get before it is written again.
REFRESH = dt.timedelta(hours=1)
MSG_IDLE = gettext_noop(
    "You were logged out after {idle} away, to keep your notes private. Log in again."
)
MSG_TOO_OLD = gettext_noop("You were logged out: a session lasts {age} at most. Log in again.")


def _now() -> float:
    return timezone.now().timestamp()


def start_clocks(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On log-in: the session starts now."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SINCE] = session[SEEN] = _now()


def _days(delta: dt.timedelta) -> str:
    """ "2 days", or "12 hours" when the limit is not a whole number of days."""
    days = delta.days
    if days >= 1 and delta == dt.timedelta(days=days):
        return ngettext("{n} day", "{n} days", days).format(n=days)
    hours = int(delta.total_seconds() // 3600)
    return ngettext("{n} hour", "{n} hours", hours).format(n=hours)


class IdleLogoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = _now()
        idle: dt.timedelta = settings.TRIBE_SESSION_IDLE
        max_age: dt.timedelta = settings.TRIBE_SESSION_MAX_AGE
        since, seen = session.get(SINCE), session.get(SEEN)
        if not isinstance(since, int | float) or not isinstance(seen, int | float):
            # A session from before these clocks: they start now.
            session[SINCE] = session[SEEN] = now
        elif now - seen > idle.total_seconds():
            logout(request)
            messages.info(request, gettext(MSG_IDLE).format(idle=_days(idle)))
        elif now - since > max_age.total_seconds():
            logout(request)
            messages.info(request, gettext(MSG_TOO_OLD).format(age=_days(max_age)))
        elif now - seen > REFRESH.total_seconds():
            session[SEEN] = now

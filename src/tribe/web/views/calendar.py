"""The private calendar feed: its settings page and the public .ics address.

Only a hash of the token is stored, so the address can be shown once only:
right after it is made, in the answer to the POST that made it. It is never
kept anywhere else, not even in the session (a session store is a database
table or a file, and the address would outlive the page there).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.meetings.calendar import feed_fetch_record, feed_get_by_token, feed_ics
from tribe.meetings.selectors import live_feed_of
from tribe.meetings.services import feed_revoke, feed_rotate
from tribe.web.views.common import me, person_page

#: Where earlier versions kept a fresh address; dropped from any session that still has it.
SESSION_KEY = "tribe.calendar_token"


def ics_response(body: bytes, *, filename: str | None = None, method: str = "") -> HttpResponse:
    content_type = "text/calendar; charset=utf-8" + (f"; method={method}" if method else "")
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request: HttpRequest, token: str | None = None) -> HttpResponse:
    links = None
    if token:
        url = request.build_absolute_uri(reverse("web:calendar_feed", args=[token]))
        links = {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}
    response = render(
        request,
        "web/keep/calendar.html",
        {"feed": live_feed_of(person=me(request)), "links": links},
    )
    if token:
        # The address is the key to the feed: no cache, browser or proxy, may keep this page.
        response["Cache-Control"] = "no-store"
    return response


@person_page
@require_GET
def calendar_settings(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return _page(request)


@person_page
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    """Make a new address and show it in this answer: the only time it is ever shown."""
    token = feed_rotate(person=me(request))
    messages.success(
        request, gettext("New calendar address made. Any earlier address no longer works.")
    )
    return _page(request, token)


@person_page
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    revoked = feed_revoke(person=me(request))
    messages.success(
        request,
        gettext("Calendar address turned off.")
        if revoked
        else gettext("There was no address to turn off."),
    )
    return redirect("web:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: the unguessable token is the key. Unknown and revoked tokens are 404."""
    now = clock.now()
    try:
        feed = feed_get_by_token(token=token)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    feed_fetch_record(feed=feed, now=now)
    response = ics_response(feed_ics(person=feed.person, now=now))
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response

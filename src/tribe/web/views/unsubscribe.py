"""Unsubscribing from a mail, with no need to sign in.

The address in a mail's footer and its ``List-Unsubscribe`` header is signed
for one person and one topic (``outbox.unsubscribe``). A person following
the link sees what it will switch off and presses one button; a mail client
doing RFC 8058's one-click sends the POST itself, without a page and without
a CSRF token, which is why the POST is exempt: the signed token is what
authorises it, and all it can do is switch one kind of mail off.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tribe.core.errors import ValidationError
from tribe.outbox.models import Preference
from tribe.outbox.unsubscribe import unsubscribe_apply, unsubscribe_read

TEMPLATE = "web/unsubscribe.html"


def topic_label(topic: str) -> str:
    if topic == "digest":
        return str(Preference._meta.get_field("digest").verbose_name).capitalize()
    return str(Preference.Topic(topic).label)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            _person_id, topic = unsubscribe_apply(token=token)
            done = True
        else:
            _person_id, topic = unsubscribe_read(token)
            done = False
    except ValidationError as exc:
        return render(request, TEMPLATE, {"error": exc.message}, status=404)
    return render(
        request,
        TEMPLATE,
        {"topic": topic, "label": topic_label(topic), "done": done, "digest": topic == "digest"},
    )

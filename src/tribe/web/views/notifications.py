"""My notification settings, and what Tribe sent me (with "send again" for a failure)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core.errors import NotFound, TribeError
from tribe.outbox.models import Message
from tribe.outbox.preferences import message_retry, preference_set
from tribe.outbox.selectors import failure_reason, messages_for, preference_for
from tribe.web.forms.notifications import ALIASES, NotificationsForm
from tribe.web.views.common import handle_form, me, person_page


@person_page
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    person = me(request)
    preference = preference_for(person_id=person.pk)
    form = NotificationsForm(request.POST or None, person=person, preference=preference)
    saved = handle_form(
        request,
        form,
        preference_set,
        lambda _data: {"actor": person, **form.arguments()},
        done=gettext("Your notification settings are saved."),
        then="web:notifications",
        aliases=ALIASES,
    )
    if saved is not None:
        # No cache may keep an answer to a form that carried a webhook address.
        saved["Cache-Control"] = "no-store"
        return saved
    sent = [(m, failure_reason(m)) for m in messages_for(person=person)]
    response = render(
        request,
        "web/notifications.html",
        {"form": form, "sent": sent, "failed": Message.Status.FAILED},
        status=400 if form.is_bound and form.errors else 200,
    )
    if form.is_bound:
        response["Cache-Control"] = "no-store"
    return response


@person_page
@require_POST
def notification_retry(request: HttpRequest, message_id: int) -> HttpResponse:
    """Send a failed message of mine again; anyone else's is a 404."""
    try:
        message_retry(actor=me(request), message=message_id)
    except NotFound:
        raise
    except TribeError as exc:  # mine, but no longer failed (a second click)
        messages.error(request, exc.message[:1].upper() + exc.message[1:] + ".")
    else:
        messages.success(request, gettext("Sending it again: it is back in the queue."))
    return redirect(reverse("web:notifications") + "#sent")

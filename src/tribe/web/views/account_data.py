"""My data: download all of it, or erase my account.

The download is the same export as ``tribe export`` (``person_export``); erasing
is ``account_erase``, after the person typed their password, so that a
computer left signed in cannot lose someone their account.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from tribe.accounts.events import record as record_security_event
from tribe.accounts.models import SecurityEvent
from tribe.core import clock
from tribe.portability.erasure import account_erase
from tribe.portability.selectors import person_export
from tribe.web.forms.account_data import EraseForm
from tribe.web.views.common import local_today, me, person_page


@person_page
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    person = me(request)
    record_security_event(person=person, kind=SecurityEvent.Kind.EXPORT, request=request)
    body = json.dumps(person_export(person=person), indent=2, ensure_ascii=False) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"tribe-export-{local_today(person).isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@person_page
@require_http_methods(["GET", "POST"])
def account_erase_page(request: HttpRequest) -> HttpResponse:
    person = me(request)
    form = EraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        logout(request)  # first: the log-out is noted in the log that is erased next
        account_erase(actor=person, now=clock.now())
        messages.success(request, gettext("Your account and everything only it held are erased."))
        return redirect("web:landing")
    return render(
        request, "web/account_erase.html", {"form": form}, status=400 if form.errors else 200
    )

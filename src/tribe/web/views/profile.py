"""My profile and my weekly availability."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core.errors import TribeError
from tribe.people.services import (
    WindowInput,
    availability_replace,
    email_verification_send,
    person_update_profile,
)
from tribe.web.forms.base import add_service_error
from tribe.web.forms.profile import AVAILABILITY_FIELD, ProfileForm, WindowForm, WindowFormSet
from tribe.web.views.accounts import site_base
from tribe.web.views.common import handle_form, me, person_page

#: Blank rows offered under the saved windows, enough to add a week's worth.
SPARE_ROWS = 3


@person_page
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = me(request)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(person))
    saved = handle_form(
        request,
        form,
        person_update_profile,
        lambda data: {"person": person, **data},
        done=gettext("Your profile is saved."),
        then="web:profile",
        # The service changed the in-memory person before refusing; reload it so
        # the page (name in the header, zone) shows what is really stored.
        refused=person.refresh_from_db,
    )
    if saved is not None:
        return saved
    windows = list(person.availability.all())
    return render(request, "web/profile.html", {"form": form, "windows": windows})


@person_page
@require_POST
def verification_resend(request: HttpRequest) -> HttpResponse:
    """Mail a new verification link (the previous one stops working)."""
    person = me(request)
    try:
        email_verification_send(person=person, base_url=site_base(request))
    except TribeError as exc:
        messages.error(request, exc.message[:1].upper() + exc.message[1:] + ".")
    else:
        messages.success(
            request,
            gettext("A new link is on its way to {email}. It works for 48 hours.").format(
                email=person.email
            ),
        )
    return redirect("web:profile")


@person_page
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    person = me(request)
    if request.method == "POST":
        formset = WindowFormSet(request.POST)
        if formset.is_valid():
            used = [f for f in formset.forms if not f.is_blank]
            windows = [
                WindowInput(
                    weekday=f.cleaned_data["weekday"],
                    starts=f.cleaned_data["starts"],
                    ends=f.cleaned_data["ends"],
                )
                for f in used
            ]
            try:
                availability_replace(person=person, windows=windows)
            except TribeError as exc:
                _show_window_error(used, exc)
            else:
                messages.success(request, gettext("Your availability is saved."))
                return redirect("web:profile")
    else:
        saved = [
            {"weekday": w.weekday, "starts": w.starts, "ends": w.ends}
            for w in person.availability.all()
        ]
        formset = WindowFormSet(initial=saved + [{}] * SPARE_ROWS)
    return render(request, "web/availability.html", {"formset": formset})


def _show_window_error(used: list[WindowForm], error: TribeError) -> None:
    """Put the service's "availability[n].field" error on the row the person typed it in.

    The service counts only the windows it was given, so blank rows are skipped
    when mapping its number back to a row of the page.
    """
    match = AVAILABILITY_FIELD.match(error.field or "")
    if match and 1 <= int(match.group(1)) <= len(used):
        row = used[int(match.group(1)) - 1]
        row.add_error(match.group(2) if match.group(2) in row.fields else None, error.message)
    elif used:
        add_service_error(used[0], error)
    else:  # nothing was submitted, so the service had nothing to refuse
        raise error

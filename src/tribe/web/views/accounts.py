"""The public pages: landing and sign-up (log-in and passwords use Django's views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tribe.people.services import person_create
from tribe.web.forms import FAILED, SignupForm, run_service


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "web/landing.html")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = run_service(
            form,
            person_create,
            email=data["email"],
            name=data["name"],
            password=data["password"],
            timezone=data["timezone"],
        )
        if person is not FAILED:
            # Only one authentication backend is configured, so login() needs no hint.
            login(request, person)
            messages.success(request, f"Welcome to Tribe, {person.get_short_name()}.")
            return redirect("profile")
    return render(request, "web/signup.html", {"form": form})

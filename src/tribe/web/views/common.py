"""What every signed-in page shares: the access decorator and a few helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tribe.core import clock
from tribe.core.errors import NotFound, TribeError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.web.forms import FAILED, run_service

View = Callable[..., HttpResponse]


def person_page(view: View) -> View:
    """Sign-in required; a protected object the person may not see answers 404.

    Selectors raise NotFound both for "does not exist" and for "not yours" so
    the page never confirms that someone else's object exists.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return login_required(wrapper)


def me(request: HttpRequest) -> Person:
    """The signed-in person (``person_page`` has made sure there is one)."""
    return cast(Person, request.user)


def local_today(person: Person, now: dt.datetime | None = None) -> dt.date:
    """The date it is for ``person`` where they are: services take it as ``today=``."""
    return local(now or clock.now(), person.timezone).date()


def form_page(
    request: HttpRequest,
    *,
    title: str,
    form: Any,
    submit: str,
    cancel_url: str,
    intro: str = "",
    multipart: bool = False,
    status: int = 200,
) -> HttpResponse:
    """One template for every plain create/edit page."""
    return render(
        request,
        "web/form_page.html",
        {
            "title": title,
            "form": form,
            "submit": submit,
            "cancel_url": cancel_url,
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )


def confirm_page(
    request: HttpRequest,
    *,
    act: Callable[[], object],
    done: str,
    then: str,
    title: str,
    question: str,
    submit: str,
    cancel_url: str,
) -> HttpResponse:
    """The no-JavaScript confirmation step before a delete.

    GET shows the question; POST runs ``act``, says ``done`` and goes to
    ``then`` (a URL or a URL name). A refusal from the service comes back as
    a message on the page the person came from, with nothing changed.
    """
    if request.method == "POST":
        try:
            act()
        except NotFound:
            raise  # still a 404, whatever the form
        except TribeError as exc:
            messages.error(request, exc.message)
            return redirect(cancel_url)
        messages.success(request, done)
        return redirect(then)
    return render(
        request,
        "web/confirm.html",
        {"title": title, "question": question, "submit": submit, "cancel_url": cancel_url},
    )


def save_or_show(
    request: HttpRequest,
    form: Any,
    service: Callable[..., Any],
    arguments: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    done: str,
    back: str,
    title: str,
    submit: str,
    intro: str = "",
    aliases: Mapping[str, str] | None = None,
) -> HttpResponse:
    """Form → service → redirect with a message; or the form again with its errors."""
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, service, aliases=aliases, **arguments(form.cleaned_data))
        if saved is not FAILED:
            messages.success(request, done)
            return redirect(back)
    return form_page(request, title=title, form=form, submit=submit, cancel_url=back, intro=intro)


def back_to(relationship_id: int, anchor: str) -> str:
    """A section of a relationship's page, where most forms return."""
    return reverse("web:relationship", args=[relationship_id]) + f"#{anchor}"

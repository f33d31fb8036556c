"""What every signed-in page shares: the access decorators, the form-to-service step,
and a few helpers.

"Now" comes from :func:`tribe.core.clock.now` and nowhere else, so a test can
set it with ``clock.frozen`` (the ``frozen_clock`` fixture of the page tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.errors import NotFound, TribeError
from tribe.core.zones import local
from tribe.people.models import Person
from tribe.web.forms.base import FAILED, run_service

View = Callable[..., HttpResponse]
T = TypeVar("T")
Obj = TypeVar("Obj")
#: A page about one object: the request, the signed-in person and the object.
ObjectView = Callable[[HttpRequest, Person, Obj], HttpResponse]
#: A success message or an address, fixed or made from what the service returned.
ByResult = str | Callable[[T], str]
Aliases = Mapping[str, str] | Callable[[dict[str, Any]], Mapping[str, str] | None] | None


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


#: What a form page answers (GET shows it, POST saves it); a button only posts.
FORM = ("GET", "POST")
BUTTON = ("POST",)


def object_page(
    selector: Callable[..., Obj], *, methods: Sequence[str] | None = FORM
) -> Callable[[ObjectView[Obj]], View]:
    """:func:`person_page` for a page about one object of the signed-in person.

    The ids the address captured go to ``selector`` (a ``*_get_for``) with the
    person, so anything that is not theirs is a 404 before the view runs; the
    view is called with the person and the object. ``methods`` are the HTTP
    methods the page answers (any, when None), checked before the fetch.
    """

    def decorate(view: ObjectView[Obj]) -> View:
        @wraps(view)
        def fetched(request: HttpRequest, **ids: Any) -> HttpResponse:
            person = me(request)
            return view(request, person, selector(person=person, **ids))

        if methods is None:
            return person_page(fetched)
        return person_page(require_http_methods(list(methods))(fetched))

    return decorate


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
    back: str,
    title: str,
    question: str,
    submit: str | None = None,
    then: str | None = None,
) -> HttpResponse:
    """The no-JavaScript confirmation step before a delete.

    GET shows the question, with a button that says ``submit`` (else the
    title) and a "cancel" link to ``back``; POST runs ``act``, says ``done``
    and goes to ``then`` (a URL or a URL name; else ``back``). A refusal from
    the service comes back as a message on ``back``, with nothing changed.
    """
    if request.method == "POST":
        try:
            act()
        except NotFound:
            raise  # still a 404, whatever the form
        except TribeError as exc:
            messages.error(request, exc.message)
            return redirect(back)
        messages.success(request, done)
        return redirect(back if then is None else then)
    return render(
        request,
        "web/confirm.html",
        {
            "title": title,
            "question": question,
            "submit": title if submit is None else submit,
            "cancel_url": back,
        },
    )


def handle_form(
    request: HttpRequest,
    form: forms.BaseForm | Sequence[forms.BaseForm],
    service: Callable[..., T],
    arguments: Callable[[dict[str, Any]], Mapping[str, Any]],
    *,
    done: ByResult[T] | None,
    then: ByResult[T],
    aliases: Aliases = None,
    refused: Callable[[], object] | None = None,
) -> HttpResponse | None:
    """The one form-to-service step of every page.

    On a POST whose form (every form, when given several) is valid, call
    ``service(**arguments(cleaned_data))``; the arguments name who acts. On
    success say ``done`` (if any) and redirect to ``then``, either made from
    the service's result when it is a function. A refusal (a TribeError)
    becomes an error on the field it names, or above the form (see
    ``run_service``), and ``refused`` runs, to reload what the service changed
    in memory before it said no.

    None means "show the page", with the form's errors if it was posted: the
    view renders it.
    """
    page_forms = [form] if isinstance(form, forms.BaseForm) else list(form)
    if request.method != "POST" or not all(f.is_valid() for f in page_forms):
        return None
    data = page_forms[0].cleaned_data
    names = aliases(data) if callable(aliases) else aliases
    result = run_service(page_forms, service, aliases=names, **arguments(data))
    if result is FAILED:
        if refused is not None:
            refused()
        return None
    if done is not None:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(then(result) if callable(then) else then)


def save_or_show(
    request: HttpRequest,
    form: forms.BaseForm,
    service: Callable[..., T],
    arguments: Callable[[dict[str, Any]], Mapping[str, Any]],
    *,
    done: ByResult[T],
    back: str,
    title: str,
    submit: str,
    then: ByResult[T] | None = None,
    intro: str = "",
    aliases: Aliases = None,
    refused: Callable[[], object] | None = None,
) -> HttpResponse:
    """:func:`handle_form` on the plain form page: on success to ``then`` (else
    ``back``, also the page's "cancel"); or the form again with its errors."""
    response = handle_form(
        request,
        form,
        service,
        arguments,
        done=done,
        then=back if then is None else then,
        aliases=aliases,
        refused=refused,
    )
    if response is not None:
        return response
    return form_page(request, title=title, form=form, submit=submit, cancel_url=back, intro=intro)


def back_to(relationship_id: int, anchor: str) -> str:
    """A section of a relationship's page, where most forms return."""
    return reverse("web:relationship", args=[relationship_id]) + f"#{anchor}"


def mailto(email: str, subject: str, body: str) -> str:
    """A link that opens the person's own mail program with a drafted message."""
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject)}&body={quote(body)}"

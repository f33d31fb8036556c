"""What every programme page shares: the administrator's and the participant's
access, checked before the view runs.

An administrator's page is addressed ``programmes/<slug>/…``; the programme is
read through ``programme_get_for_admin``, so a programme the person does not
run is a 404 (never a 403: a page must not confirm that it exists). Any other
ids the address captured reach the view as keyword arguments, and the view
reads those objects *through the programme* (``programme.cohorts.filter``…),
so an id from another programme is a 404 too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from tribe.people.models import Person
from tribe.programs.models import Participant, Programme
from tribe.programs.selectors import programme_get_for_admin, programme_get_for_participant
from tribe.web.views.common import FORM, View, me, person_page

#: An administrator's page: the request, the administrator, the programme, other ids.
AdminView = Callable[..., HttpResponse]


def _programme_page(
    fetch: Callable[[Person, str], object], methods: Sequence[str] | None
) -> Callable[[AdminView], View]:
    """A page under ``…/<slug>/``: ``fetch(person, slug)`` reads what the view gets
    (raising NotFound, a 404, for a programme the person has no part in)."""

    def decorate(view: AdminView) -> View:
        @wraps(view)
        def fetched(request: HttpRequest, slug: str, **ids: Any) -> HttpResponse:
            person: Person = me(request)
            return view(request, person, fetch(person, slug), **ids)

        if methods is None:
            return person_page(fetched)
        return person_page(require_http_methods(list(methods))(fetched))

    return decorate


def admin_page(methods: Sequence[str] | None = FORM) -> Callable[[AdminView], View]:
    """A page of one programme, for its administrators only: the view gets the
    ``Programme`` (404 for anyone else)."""

    def fetch(person: Person, slug: str) -> Programme:
        return programme_get_for_admin(person=person, programme_id=slug)

    return _programme_page(fetch, methods)


def participant_page(methods: Sequence[str] | None = FORM) -> Callable[[AdminView], View]:
    """A page of one programme for a person enrolled in it: the view gets their
    ``Participant`` (404 for anyone else)."""

    def fetch(person: Person, slug: str) -> Participant:
        return programme_get_for_participant(person=person, programme_id=slug)

    return _programme_page(fetch, methods)

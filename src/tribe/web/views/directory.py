"""The mentor directory, a mentor's public profile, and search over my own things."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tribe.core import clock
from tribe.core.languages import is_known_language
from tribe.matching.directory import Filters, Listing, directory, directory_profile
from tribe.people.models import Person
from tribe.search.selectors import search_mine
from tribe.web.forms.base import FAILED, run_service
from tribe.web.forms.directory import DirectoryForm, SearchForm
from tribe.web.views.common import me, object_page, person_page


@person_page
@require_GET
def mentor_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    listings: list[Listing] = []
    unknown_language = ""
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        filters = Filters(
            query=data.get("q") or "",
            expertise=data.get("expertise") or "",
            language=data.get("language") or "",
            min_overlap_hours=data.get("overlap") or 0.0,
            with_places=bool(data.get("places")),
        )
        found = run_service(form, directory, person=me(request), filters=filters, now=clock.now())
        listings = [] if found is FAILED else found
        if filters.language and not is_known_language(filters.language):
            unknown_language = filters.language
    return render(
        request,
        "web/directory/list.html",
        {
            "form": form,
            "listings": listings,
            "searched": bool(request.GET),
            "unknown_language": unknown_language,
        },
    )


@object_page(directory_profile, methods=("GET",))
def mentor_public_profile(request: HttpRequest, person: Person, listing: Listing) -> HttpResponse:
    return render(request, "web/directory/profile.html", {"listing": listing})


@person_page
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits = None
    if request.GET and form.is_valid():
        found = run_service(form, search_mine, person=me(request), query=form.cleaned_data["q"])
        hits = None if found is FAILED else found
    return render(request, "web/search.html", {"form": form, "hits": hits})

"""Mentor mode: incoming requests, the impact journal, and the tribe graph."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core import clock
from tribe.core.errors import TribeError
from tribe.people.selectors import contacts_of
from tribe.relationships.graph import ROLES, tribe_graph
from tribe.relationships.outreach import (
    decline_template,
    introduction_record,
    person_block,
    person_unblock,
    request_accept,
    request_ask_for_info,
    request_decline,
)
from tribe.relationships.selectors import (
    block_get_for,
    blocks_of,
    impact_journal,
    incoming_requests,
    request_get_for,
    tribe_people_of,
)
from tribe.web import graph_svg
from tribe.web.forms import FAILED, DeclineForm, InfoRequestForm, IntroductionForm, run_service
from tribe.web.views.common import local_today, me, person_page, save_or_show

# -- incoming requests ------------------------------------------------------------


@person_page
def requests(request: HttpRequest) -> HttpResponse:
    person = me(request)
    rows = list(incoming_requests(person=person))
    return render(
        request,
        "web/mentoring/requests.html",
        {
            "rows": [
                (
                    r,
                    DeclineForm(
                        auto_id=f"decline{r.pk}_%s",
                        initial={"message": decline_template(relationship=r, mentor=person)},
                    ),
                    InfoRequestForm(auto_id=f"info{r.pk}_%s"),
                )
                for r in rows
            ],
        },
    )


@person_page
@require_POST
def request_accept_page(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """One button: the errors (already accepted, no free place) come back as a message."""
    person = me(request)
    relationship = request_get_for(person=person, relationship_id=relationship_id)
    try:
        request_accept(actor=person, relationship=relationship, now=clock.now())
    except TribeError as exc:
        messages.error(request, f"Not accepted: {exc.message}.")
        return redirect("web:requests")
    messages.success(
        request,
        f"Accepted. Plan the intro meeting with {relationship.other_name(person)}; "
        "at its end, record your agreement.",
    )
    return redirect("web:relationship", relationship_id=relationship.pk)


@person_page
@require_http_methods(["GET", "POST"])
def request_decline_page(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = request_get_for(person=person, relationship_id=relationship_id)
    form = DeclineForm(
        request.POST or None,
        initial={"message": decline_template(relationship=relationship, mentor=person)},
    )
    return save_or_show(
        request,
        form,
        request_decline,
        lambda data: {"actor": person, "relationship": relationship, "now": clock.now(), **data},
        done=f"Declined. {relationship.other_name(person)} can read your answer.",
        back=reverse("web:requests"),
        title=f"Decline {relationship.other_name(person)}'s request",
        submit="Decline the request",
        intro="Copy your answer into your reply; Tribe keeps it with the request.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def request_info_page(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = request_get_for(person=person, relationship_id=relationship_id)
    form = InfoRequestForm(request.POST or None)
    return save_or_show(
        request,
        form,
        request_ask_for_info,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=f"Question recorded: {relationship.other_name(person)} sees it on their request.",
        back=reverse("web:requests"),
        title=f"Ask {relationship.other_name(person)} for more information",
        submit="Ask",
    )


@person_page
@require_POST
def request_block_page(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = request_get_for(person=person, relationship_id=relationship_id)
    requester = relationship.created_by
    if not relationship.role_of(person) or requester.pk == person.pk:
        raise Http404
    person_block(actor=person, other=requester, now=clock.now())
    messages.success(request, f"Blocked {requester.name}: no more requests from them.")
    return redirect("web:requests")


@person_page
def blocked(request: HttpRequest) -> HttpResponse:
    return render(request, "web/mentoring/blocked.html", {"blocks": blocks_of(person=me(request))})


@person_page
@require_POST
def unblock(request: HttpRequest, person_id: int) -> HttpResponse:
    person = me(request)
    block = block_get_for(person=person, blocked_id=person_id)
    person_unblock(actor=person, other=block.blocked)
    messages.success(request, f"Unblocked {block.blocked.name}.")
    return redirect("web:blocked")


# -- impact journal -------------------------------------------------------------------


@person_page
def impact(request: HttpRequest) -> HttpResponse:
    entries = impact_journal(mentor=me(request))
    return render(request, "web/mentoring/impact.html", {"entries": entries})


# -- the tribe graph ------------------------------------------------------------------

LEGEND = {
    "me": "Me",
    "mentor": "My mentors",
    "mentors_mentor": "My mentors' mentors (where they share them)",
    "mentee": "My mentees",
    "introduced": "People introduced to (dashed arrows are introductions)",
}


@person_page
@require_http_methods(["GET", "POST"])
def tribe(request: HttpRequest) -> HttpResponse:
    person = me(request)
    today = local_today(person)
    mentors, mentees = tribe_people_of(person=person)
    form = IntroductionForm(
        request.POST or None,
        initial={"introduced_on": today},
        mentors=mentors,
        mentees=mentees,
        contacts=list(contacts_of(person=person)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = data["direction"] == "made"
        recorded = run_service(
            form,
            introduction_record,
            aliases={"to": "to_email", "introducer": "mentor"},
            actor=person,
            introducer=person if made else data["mentor"],
            mentee=data["mentee"] if made else person,
            to_email=data["to_email"] or "",
            to_contact=data["to_contact"],
            note=data["note"],
            introduced_on=data["introduced_on"],
            today=today,
            start_prospect=data["start_prospect"],
        )
        if recorded is not FAILED:
            messages.success(request, f"Introduction to {recorded.to_name} recorded.")
            return redirect("web:tribe")
    graph = tribe_graph(person=person)
    # The SVG is built on the server from escaped names (graph_svg escapes every
    # text it writes); it is the only markup on the page not escaped by the template.
    svg = mark_safe(graph_svg.render(graph, title=f"The tribe of {person.name}"))
    return render(
        request,
        "web/mentoring/tribe.html",
        {
            "svg": svg,
            "sentences": graph.sentences(),
            "legend": [(role, LEGEND[role]) for role in ROLES],
            "form": form,
        },
    )

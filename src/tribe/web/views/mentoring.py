"""Mentor mode: incoming requests, the impact journal, paying it forward, and the tribe graph."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core import clock
from tribe.core.errors import TribeError
from tribe.ledger.selectors import advice_outcomes_for_mentor
from tribe.outreach.forward import mentees_now, pay_it_forward
from tribe.outreach.graph import ROLES, chain_of, tribe_graph
from tribe.outreach.selectors import (
    ask_size_of,
    block_get_for,
    blocks_of,
    decline_template,
    impact_journal,
    incoming_requests,
    request_get_for,
    tribe_people_of,
)
from tribe.outreach.services import (
    introduction_record,
    person_block,
    person_unblock,
    request_accept,
    request_ask_for_info,
    request_decline,
)
from tribe.people.models import Person
from tribe.people.selectors import contacts_of
from tribe.people.services import person_update_profile
from tribe.programs.selectors import mentor_openings
from tribe.relationships.models import Relationship
from tribe.web import graph_svg
from tribe.web.forms.base import TribeForm, list_text, long_text
from tribe.web.forms.mentoring import DeclineForm, InfoRequestForm, IntroductionForm
from tribe.web.views.common import (
    BUTTON,
    handle_form,
    local_today,
    me,
    object_page,
    person_page,
    save_or_show,
)

# -- incoming requests ------------------------------------------------------------
# A request (``request_get_for``) is one waiting for my answer, or my own: the
# services tell them apart.


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
                    # What they ask of me, in time: the request's size, as they proposed it.
                    ask_size_of(relationship=r).sentence(),
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


@object_page(request_get_for, methods=BUTTON)
def request_accept_page(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    """One button: the errors (already accepted, no free place) come back as a message."""
    try:
        request_accept(actor=person, relationship=relationship, now=clock.now())
    except TribeError as exc:
        messages.error(request, gettext("Not accepted: {reason}.").format(reason=exc.message))
        return redirect("web:requests")
    messages.success(
        request,
        gettext(
            "Accepted. Plan the intro meeting with {name}; at its end, record your agreement."
        ).format(name=relationship.other_name(person)),
    )
    return redirect("web:relationship", relationship_id=relationship.pk)


@object_page(request_get_for)
def request_decline_page(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    other = relationship.other_name(person)
    form = DeclineForm(
        request.POST or None,
        initial={"message": decline_template(relationship=relationship, mentor=person)},
    )
    return save_or_show(
        request,
        form,
        request_decline,
        lambda data: {"actor": person, "relationship": relationship, "now": clock.now(), **data},
        done=gettext("Declined. {name} can read your answer.").format(name=other),
        back=reverse("web:requests"),
        title=gettext("Decline {name}'s request").format(name=other),
        submit=gettext("Decline the request"),
        intro=gettext("Copy your answer into your reply; Tribe keeps it with the request."),
    )


@object_page(request_get_for)
def request_info_page(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    other = relationship.other_name(person)
    form = InfoRequestForm(request.POST or None)
    return save_or_show(
        request,
        form,
        request_ask_for_info,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=gettext("Question recorded: {name} sees it on their request.").format(name=other),
        back=reverse("web:requests"),
        title=gettext("Ask {name} for more information").format(name=other),
        submit=gettext("Ask"),
    )


@object_page(request_get_for, methods=BUTTON)
def request_block_page(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    requester = relationship.created_by
    if not relationship.role_of(person) or requester.pk == person.pk:
        raise Http404
    person_block(actor=person, other=requester, now=clock.now())
    messages.success(
        request,
        gettext("Blocked {name}: no more requests from them.").format(name=requester.name),
    )
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
    messages.success(request, gettext("Unblocked {name}.").format(name=block.blocked.name))
    return redirect("web:blocked")


# -- impact journal -------------------------------------------------------------------


@person_page
def impact(request: HttpRequest) -> HttpResponse:
    mentor = me(request)
    entries = impact_journal(mentor=mentor)
    outcomes = advice_outcomes_for_mentor(mentor=mentor)
    return render(request, "web/mentoring/impact.html", {"entries": entries, "outcomes": outcomes})


# -- paying it forward ----------------------------------------------------------------


class ForwardProfileForm(TribeForm):
    """The draft mentor profile: the mentor fields of the profile, pre-filled.

    Opening the profile is a box the person ticks themselves (never ticked for
    them); saving without it keeps the draft on the profile, still closed.
    """

    expertise = forms.CharField(
        required=False,
        label=_("What I know well"),
        help_text=_("Topics you could mentor someone on, separated by commas."),
    )
    offers = long_text(rows=4, label=_("What I can offer as a mentor"))
    mentee_capacity = forms.IntegerField(
        min_value=0, max_value=100, label=_("How many active mentees I can take")
    )
    open_to_mentoring = forms.BooleanField(
        required=False, label=_("Open my profile to mentees now")
    )


def _profile_with(person: Person, data: dict[str, Any]) -> dict[str, Any]:
    """The profile service's arguments: the person's profile as it is, with the draft's fields."""
    return {
        "person": person,
        "name": person.name,
        "headline": person.headline,
        "timezone": person.timezone,
        "languages": person.languages,
        "seniority": person.seniority,
        **data,
    }


@person_page
@require_http_methods(["GET", "POST"])
def forward(request: HttpRequest) -> HttpResponse:
    """The first steps from mentee to mentor; the draft saves through the profile's service."""
    person = me(request)
    moment = clock.now()
    steps = pay_it_forward(
        person=person, now=moment, programmes=mentor_openings(person=person, now=moment)
    )
    form = None
    if steps is not None and steps.state == "ready":
        form = ForwardProfileForm(
            request.POST or None,
            initial={
                "expertise": list_text(steps.expertise),
                "offers": steps.offers,
                "mentee_capacity": steps.capacity,
                "open_to_mentoring": False,
            },
        )
        saved = handle_form(
            request,
            form,
            person_update_profile,
            lambda data: _profile_with(person, data),
            done=lambda p: (
                gettext("Your profile is open to mentees.")
                if p.open_to_mentoring
                else gettext("Your mentor profile is saved; it stays closed until you open it.")
            ),
            then="web:forward",
            refused=person.refresh_from_db,
        )
        if saved is not None:
            return saved
    elif request.method == "POST":
        return redirect("web:forward")
    mentoring = mentees_now(person=person) if steps is None else 0
    return render(
        request,
        "web/mentoring/forward.html",
        {"steps": steps, "form": form, "mentoring_already": mentoring},
    )


# -- the tribe graph ------------------------------------------------------------------

LEGEND = {
    "me": _("Me"),
    "mentor": _("My mentors"),
    "mentors_mentor": _("My mentors' mentors (where they share them)"),
    "mentee": _("My mentees"),
    "introduced": _("People introduced to (dashed arrows are introductions)"),
}


def _introduction(person: Person, data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The form says who introduced whom by direction; the service by role."""
    made = data["direction"] == "made"
    return {
        "actor": person,
        "introducer": person if made else data["mentor"],
        "mentee": data["mentee"] if made else person,
        "to_email": data["to_email"] or "",
        "to_contact": data["to_contact"],
        "note": data["note"],
        "introduced_on": data["introduced_on"],
        "today": today,
        "start_prospect": data["start_prospect"],
    }


@person_page
@require_http_methods(["GET", "POST"])
def tribe(request: HttpRequest) -> HttpResponse:
    person = me(request)
    today = local_today(person, clock.now())
    mentors, mentees = tribe_people_of(person=person)
    form = IntroductionForm(
        request.POST or None,
        initial={"introduced_on": today},
        mentors=mentors,
        mentees=mentees,
        contacts=list(contacts_of(person=person)),
    )
    recorded = handle_form(
        request,
        form,
        introduction_record,
        lambda data: _introduction(person, data, today),
        aliases={"to": "to_email", "introducer": "mentor"},
        done=lambda introduction: gettext("Introduction to {name} recorded.").format(
            name=introduction.to_name
        ),
        then="web:tribe",
    )
    if recorded is not None:
        return recorded
    graph = tribe_graph(person=person)
    chain = chain_of(graph, me=f"person:{person.pk}")
    # The SVG is built on the server from escaped names (graph_svg escapes every
    # text it writes); it is the only markup on the page not escaped by the template.
    title = gettext("The tribe of {name}").format(name=person.name)
    svg = mark_safe(graph_svg.render(graph, title=title))
    return render(
        request,
        "web/mentoring/tribe.html",
        {
            "svg": svg,
            "sentences": graph.sentences(),
            "chain": chain.sentences(),
            "legend": [(role, str(LEGEND[role])) for role in ROLES],
            "form": form,
        },
    )

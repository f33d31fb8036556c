"""My relationships: the board, one page each, and the forms that change them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.kinds import Section, kind_info, sections_shown
from tribe.core.labels import in_sentence
from tribe.journal.selectors import shared_with
from tribe.ledger.selectors import (
    advice_of,
    gratitude_of,
    questions_of,
    relationship_get_with_health,
    touchpoints_of,
)
from tribe.meetings.selectors import relationship_timeline, series_of
from tribe.people.models import Person
from tribe.people.selectors import contacts_of, goals_of
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_board, relationship_get_for
from tribe.relationships.services import (
    kind_is_settled,
    relationship_create,
    relationship_delete,
    relationship_set_agreement,
    relationship_set_status,
    relationship_update,
)
from tribe.web.forms.keep import (
    AdviceForm,
    GratitudeForm,
    QuestionForm,
    SnoozeForm,
    TouchpointForm,
    UpdateCadenceForm,
)
from tribe.web.forms.meetings import ActionItemForm, MeetingForm, NoteForm
from tribe.web.forms.relationships import (
    AgreementForm,
    RelationshipCreateForm,
    RelationshipEditForm,
    RelationshipStatusForm,
)
from tribe.web.views.advocacy import advocacy_context
from tribe.web.views.coaching import coaching_context
from tribe.web.views.common import (
    confirm_page,
    local_today,
    me,
    object_page,
    person_page,
    save_or_show,
)

#: The service names "the other person" as one thing; on the page it is two
#: fields, and the e-mail one comes first.
OTHER_ALIASES = {"other": "other_email"}


@person_page
def board(request: HttpRequest) -> HttpResponse:
    columns = relationship_board(person=me(request))
    return render(
        request,
        "web/relationships/board.html",
        {"columns": columns, "total": sum(len(c.relationships) for c in columns)},
    )


@person_page
@require_http_methods(["GET", "POST"])
def relationship_new(request: HttpRequest) -> HttpResponse:
    person = me(request)
    initial: dict[str, Any] = {}
    if request.GET.get("contact", "").isdigit():  # "start a relationship" from a contact
        initial["other_contact"] = int(request.GET["contact"])
    form = RelationshipCreateForm(
        request.POST or None,
        initial=initial,
        contacts=list(contacts_of(person=person)),
        goals=goals_of(person=person),
    )
    return save_or_show(
        request,
        form,
        relationship_create,
        lambda data: {"created_by": person, **data},
        aliases=OTHER_ALIASES,
        done=lambda relationship: gettext("Relationship with {name} started.").format(
            name=relationship.other_name(person)
        ),
        then=lambda relationship: reverse("web:relationship", args=[relationship.pk]),
        back=reverse("web:relationships"),
        title=gettext("New relationship"),
        submit=gettext("Start relationship"),
        intro=gettext(
            "Either side may be someone without an account yet: pick them from your contacts."
        ),
    )


@person_page
def relationship_detail(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    now = clock.now()
    row = relationship_get_with_health(person=person, relationship_id=relationship_id, now=now)
    relationship = row.relationship
    today = local_today(person, now)
    # Only notes this person may read: their own and the other side's shared ones.
    timeline = relationship_timeline(person=person, relationship=relationship)
    advice = list(advice_of(person=person, relationship=relationship))
    thanks = list(gratitude_of(person=person).filter(relationship=relationship))
    questions = list(questions_of(relationship=relationship))
    kind_parts = {
        **coaching_context(person=person, relationship=relationship),
        **advocacy_context(person=person, relationship=relationship),
    }
    with_data = {
        Section.ADVICE: advice,
        Section.THANKS: thanks,
        Section.QUESTIONS: questions,
        Section.REGIMEN: "coaching" in kind_parts,
        Section.FEES: "coaching" in kind_parts,
        Section.ADVOCACY: "advocacy" in kind_parts,
    }
    return render(
        request,
        "web/relationships/detail.html",
        {
            "relationship": relationship,
            "role": row.role,
            "health": row.health,
            "other": relationship.other_name(person),
            "goals": list(relationship.goals.all()),
            "timeline": timeline,
            "touchpoints": touchpoints_of(person=person, relationship=relationship),
            "questions": questions,
            "advice": advice,
            "thanks": thanks,
            "kind": kind_info(relationship.kind),
            "sections": sections_shown(
                relationship.kind, with_data=frozenset(s for s, rows in with_data.items() if rows)
            ),
            "series": list(series_of(relationship=relationship)),
            "today": today,
            "status_form": RelationshipStatusForm(relationship=relationship, person=person),
            "meeting_form": MeetingForm(zone_name=person.timezone),
            "note_form": NoteForm(meetings=timeline.meetings),
            "action_form": ActionItemForm(relationship=relationship),
            "touchpoint_form": TouchpointForm(initial={"happened_on": today}),
            "snooze_form": SnoozeForm(),
            "question_form": QuestionForm(),
            "advice_form": AdviceForm(meetings=timeline.meetings, initial={"given_on": today}),
            "thanks_form": GratitudeForm(
                advice=advice, meetings=timeline.meetings, initial={"given_on": today}
            ),
            "cadence_form": UpdateCadenceForm(initial=UpdateCadenceForm.initial_for(relationship)),
            # What the other side chose to share from their learning journal.
            "journal_shared": list(shared_with(viewer=person, relationship=relationship)),
            **kind_parts,
        },
    )


def _goal_choices(relationship: Relationship, person: Person) -> Any:
    """Goals offered on the edit page: the mentee's own; the mentor sees only those linked."""
    if relationship.role_of(person) == "mentee":
        return goals_of(person=person)
    return relationship.goals.all()


def _mentees_own(relationship: Relationship, person: Person) -> str:
    """The mentee's name when the goals and purpose are another account's (read-only here)."""
    if relationship.mentee_id is None or relationship.mentee_id == person.pk:
        return ""
    return relationship.mentee_name


@object_page(relationship_get_for)
def relationship_edit(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    form = RelationshipEditForm(
        request.POST or None,
        initial={
            "kind": relationship.kind,
            "purpose": relationship.purpose,
            # Primary keys: a disabled field is cleaned from its initial value.
            "goals": list(relationship.goals.values_list("pk", flat=True)),
        },
        goals=_goal_choices(relationship, person),
        mentees_own=_mentees_own(relationship, person),
        kind_settled=kind_is_settled(relationship),
    )
    return save_or_show(
        request,
        form,
        relationship_update,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=gettext("Relationship saved."),
        back=reverse("web:relationship", args=[relationship.pk]),
        title=gettext("Edit relationship with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Save"),
    )


@object_page(relationship_get_for)
def relationship_status(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    form = RelationshipStatusForm(request.POST or None, relationship=relationship, person=person)
    return save_or_show(
        request,
        form,
        relationship_set_status,
        lambda data: {"actor": person, "relationship": relationship, "status": data["status"]},
        done=lambda saved: gettext("Now {status}.").format(status=in_sentence(saved, "status")),
        back=reverse("web:relationship", args=[relationship.pk]),
        # The service sets the new status before the capacity check refuses it.
        refused=lambda: relationship.refresh_from_db(fields=["status"]),
        title=gettext("Change status: {status}").format(status=relationship.get_status_display()),
        submit=gettext("Change status"),
        intro=gettext(
            "The pipeline: prospect → asked → intro meeting → active → paused → ended; "
            "or declined. Only the next allowed steps are offered."
        ),
    )


@object_page(relationship_get_for)
def agreement_edit(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    form = AgreementForm(request.POST or None, initial=AgreementForm.initial_for(relationship))
    return save_or_show(
        request,
        form,
        relationship_set_agreement,
        lambda data: {"actor": person, "relationship": relationship, **data},
        done=gettext("Agreement saved."),
        back=reverse("web:relationship", args=[relationship.pk]),
        title=gettext("Agreement with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Save agreement"),
        intro=gettext(
            "Agree on these at the first meeting: how often, how long, how, until when, "
            "and what stays confidential."
        ),
    )


@object_page(relationship_get_for)
def relationship_remove(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    other = relationship.other_name(person)
    return confirm_page(
        request,
        act=lambda: relationship_delete(actor=person, relationship=relationship),
        done=gettext("Relationship with {name} deleted.").format(name=other),
        back=reverse("web:relationship", args=[relationship.pk]),
        then="web:relationships",
        title=gettext("Delete relationship"),
        question=gettext(
            "Delete the relationship with {name}, with all its meetings, notes and "
            "action items? To keep the history, change its status to ended instead."
        ).format(name=other),
    )

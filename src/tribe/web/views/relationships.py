"""My relationships: the board, one page each, and the forms that change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.meetings.selectors import relationship_timeline, series_of
from tribe.people.selectors import contacts_of, goals_of
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import (
    advice_of,
    gratitude_of,
    questions_of,
    relationship_board,
    relationship_get_for,
    relationship_get_with_health,
    touchpoints_of,
)
from tribe.relationships.services import (
    relationship_create,
    relationship_delete,
    relationship_set_agreement,
    relationship_set_status,
    relationship_update,
)
from tribe.web.forms import (
    FAILED,
    ActionItemForm,
    AdviceForm,
    AgreementForm,
    GratitudeForm,
    MeetingForm,
    NoteForm,
    QuestionForm,
    RelationshipCreateForm,
    RelationshipEditForm,
    RelationshipStatusForm,
    SnoozeForm,
    TouchpointForm,
    UpdateCadenceForm,
    run_service,
)
from tribe.web.views.common import confirm_page, form_page, local_today, me, person_page

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
    if request.method == "POST" and form.is_valid():
        relationship = run_service(
            form, relationship_create, aliases=OTHER_ALIASES, created_by=person, **form.cleaned_data
        )
        if relationship is not FAILED:
            messages.success(
                request, f"Relationship with {relationship.other_name(person)} started."
            )
            return redirect("web:relationship", relationship_id=relationship.pk)
    return form_page(
        request,
        title="New relationship",
        form=form,
        submit="Start relationship",
        cancel_url=reverse("web:relationships"),
        intro="Either side may be someone without an account yet: pick them from your contacts.",
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
            "questions": list(questions_of(relationship=relationship)),
            "advice": advice,
            "thanks": list(gratitude_of(person=person).filter(relationship=relationship)),
            "series": list(series_of(relationship=relationship)),
            "today": today,
            "status_form": RelationshipStatusForm(relationship=relationship, person=person),
            "meeting_form": MeetingForm(zone_name=person.timezone),
            "note_form": NoteForm(meetings=timeline.meetings),
            "action_form": ActionItemForm(),
            "touchpoint_form": TouchpointForm(initial={"happened_on": today}),
            "snooze_form": SnoozeForm(),
            "question_form": QuestionForm(),
            "advice_form": AdviceForm(meetings=timeline.meetings, initial={"given_on": today}),
            "thanks_form": GratitudeForm(
                advice=advice, meetings=timeline.meetings, initial={"given_on": today}
            ),
            "cadence_form": UpdateCadenceForm(
                initial={
                    "update_every_days": relationship.update_every_days,
                    "keep_in_touch": relationship.keep_in_touch,
                }
            ),
        },
    )


def _goal_choices(relationship: Relationship, person: Any) -> Any:
    """Goals offered on the edit page: the mentee's own; the mentor sees only those linked."""
    if relationship.role_of(person) == "mentee":
        return goals_of(person=person)
    return relationship.goals.all()


@person_page
@require_http_methods(["GET", "POST"])
def relationship_edit(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    form = RelationshipEditForm(
        request.POST or None,
        initial={
            "kind": relationship.kind,
            "purpose": relationship.purpose,
            "goals": list(relationship.goals.all()),
        },
        goals=_goal_choices(relationship, person),
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            relationship_update,
            actor=person,
            relationship=relationship,
            **form.cleaned_data,
        )
        if saved is not FAILED:
            messages.success(request, "Relationship saved.")
            return redirect("web:relationship", relationship_id=relationship.pk)
    return form_page(
        request,
        title=f"Edit relationship with {relationship.other_name(person)}",
        form=form,
        submit="Save",
        cancel_url=reverse("web:relationship", args=[relationship.pk]),
    )


@person_page
@require_http_methods(["GET", "POST"])
def relationship_status(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    form = RelationshipStatusForm(request.POST or None, relationship=relationship, person=person)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            relationship_set_status,
            actor=person,
            relationship=relationship,
            status=form.cleaned_data["status"],
        )
        if saved is not FAILED:
            messages.success(request, f"Now {saved.get_status_display().lower()}.")
            return redirect("web:relationship", relationship_id=relationship.pk)
        # The service sets the new status before the capacity check refuses it.
        relationship.refresh_from_db(fields=["status"])
    return form_page(
        request,
        title=f"Change status: {relationship.get_status_display()}",
        form=form,
        submit="Change status",
        cancel_url=reverse("web:relationship", args=[relationship.pk]),
        intro="The pipeline: prospect → asked → intro meeting → active → paused → ended; "
        "or declined. Only the next allowed steps are offered.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    form = AgreementForm(request.POST or None, initial=AgreementForm.initial_for(relationship))
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            relationship_set_agreement,
            actor=person,
            relationship=relationship,
            **form.cleaned_data,
        )
        if saved is not FAILED:
            messages.success(request, "Agreement saved.")
            return redirect("web:relationship", relationship_id=relationship.pk)
    return form_page(
        request,
        title=f"Agreement with {relationship.other_name(person)}",
        form=form,
        submit="Save agreement",
        cancel_url=reverse("web:relationship", args=[relationship.pk]),
        intro="Agree on these at the first meeting: how often, how long, how, until when, "
        "and what stays confidential.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def relationship_remove(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    other = relationship.other_name(person)
    return confirm_page(
        request,
        act=lambda: relationship_delete(actor=person, relationship=relationship),
        done=f"Relationship with {other} deleted.",
        then="web:relationships",
        title="Delete relationship",
        question=f"Delete the relationship with {other}, with all its meetings, notes and "
        "action items? To keep the history, change its status to ended instead.",
        submit="Delete relationship",
        cancel_url=reverse("web:relationship", args=[relationship.pk]),
    )

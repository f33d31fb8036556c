"""Keeping one relationship alive: the contact log, snooze, questions, advice,
thanks and updates, each a small form on the relationship page.

Every form posts to its own address; on a mistake that address shows the form
again with the errors, as the other relationship forms do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core import clock
from tribe.meetings.prep import update_draft
from tribe.meetings.selectors import relationship_timeline
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import (
    advice_of,
    question_get_for,
    relationship_get_for,
    touchpoint_get_for_author,
)
from tribe.relationships.services import (
    advice_record,
    gratitude_record,
    question_add,
    question_delete,
    question_set_answered,
    relationship_set_update_cadence,
    relationship_snooze,
    relationship_unsnooze,
    touchpoint_delete,
    touchpoint_log,
    update_record_sent,
)
from tribe.web.forms import (
    AdviceForm,
    GratitudeForm,
    QuestionForm,
    SnoozeForm,
    TouchpointForm,
    UpdateCadenceForm,
    UpdateSentForm,
)
from tribe.web.views.common import (
    back_to,
    confirm_page,
    local_today,
    me,
    person_page,
    save_or_show,
)


def _relationship(request: HttpRequest, relationship_id: int) -> Relationship:
    return relationship_get_for(person=me(request), relationship_id=relationship_id)


# -- contact log ----------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def touchpoint_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    today = local_today(person)
    form = TouchpointForm(request.POST or None, initial={"happened_on": today})
    return save_or_show(
        request,
        form,
        touchpoint_log,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done="Contact logged: the keep-in-touch clock counts from that day.",
        back=back_to(relationship.pk, "contact"),
        title=f"Log contact with {relationship.other_name(person)}",
        submit="Log contact",
    )


@person_page
@require_http_methods(["GET", "POST"])
def touchpoint_remove(request: HttpRequest, touchpoint_id: int) -> HttpResponse:
    person = me(request)
    touchpoint = touchpoint_get_for_author(person=person, touchpoint_id=touchpoint_id)
    back = back_to(touchpoint.relationship_id, "contact")
    return confirm_page(
        request,
        act=lambda: touchpoint_delete(actor=person, touchpoint=touchpoint),
        done="Contact log deleted.",
        then=back,
        title="Delete contact log",
        question=f"Delete “{touchpoint}”? The keep-in-touch clock will no longer count it.",
        submit="Delete contact log",
        cancel_url=back,
    )


# -- snooze ---------------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def snooze(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    today = local_today(person)
    form = SnoozeForm(request.POST or None)
    return save_or_show(
        request,
        form,
        relationship_snooze,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done="Snoozed: no “get in touch” reminder until then.",
        back=back_to(relationship.pk, "contact"),
        title=f"Snooze reminders for {relationship.other_name(person)}",
        submit="Snooze",
        intro="For a break of a few weeks. For longer, pause the relationship instead.",
    )


@person_page
@require_POST
def unsnooze(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = _relationship(request, relationship_id)
    relationship_unsnooze(actor=me(request), relationship=relationship)
    messages.success(request, "Snooze ended.")
    return redirect(back_to(relationship.pk, "contact"))


# -- questions backlog --------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    return save_or_show(
        request,
        QuestionForm(request.POST or None),
        question_add,
        lambda data: {"author": person, "relationship": relationship, **data},
        done="Question added to the next agenda.",
        back=back_to(relationship.pk, "questions"),
        title=f"A question for {relationship.other_name(person)}",
        submit="Add question",
    )


@person_page
@require_POST
def question_answered(request: HttpRequest, question_id: int) -> HttpResponse:
    person = me(request)
    question = question_get_for(person=person, question_id=question_id)
    answered = request.POST.get("answered") == "1"
    question_set_answered(
        actor=person, question=question, answered_on=local_today(person) if answered else None
    )
    messages.success(request, "Marked answered." if answered else "Back on the agenda.")
    return redirect(back_to(question.relationship_id, "questions"))


@person_page
@require_http_methods(["GET", "POST"])
def question_remove(request: HttpRequest, question_id: int) -> HttpResponse:
    person = me(request)
    question = question_get_for(person=person, question_id=question_id)
    back = back_to(question.relationship_id, "questions")
    return confirm_page(
        request,
        act=lambda: question_delete(actor=person, question=question),
        done="Question deleted.",
        then=back,
        title="Delete question",
        question=f"Delete the question “{question.text}”?",
        submit="Delete question",
        cancel_url=back,
    )


# -- advice and thanks ------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def advice_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    today = local_today(person)
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    form = AdviceForm(request.POST or None, meetings=meetings, initial={"given_on": today})
    return save_or_show(
        request,
        form,
        advice_record,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done="Advice recorded. Decide what to do with it in your advice log.",
        back=back_to(relationship.pk, "advice"),
        title=f"Advice from {relationship.other_name(person)}",
        submit="Record advice",
        intro="Your advice log is yours alone; nothing forces you to follow advice.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def gratitude_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    today = local_today(person)
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    advice = list(advice_of(person=person, relationship=relationship))
    initial: dict[str, Any] = {"given_on": today}
    if request.GET.get("advice", "").isdigit():  # "thank for this" from the advice lists
        initial["advice"] = int(request.GET["advice"])
    form = GratitudeForm(request.POST or None, initial=initial, advice=advice, meetings=meetings)
    return save_or_show(
        request,
        form,
        gratitude_record,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done="Thanks recorded.",
        back=back_to(relationship.pk, "thanks"),
        title=f"Thanks to {relationship.other_name(person)}",
        submit="Record thanks",
    )


# -- updates ------------------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def update_cadence(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = _relationship(request, relationship_id)
    form = UpdateCadenceForm(
        request.POST or None,
        initial={
            "update_every_days": relationship.update_every_days,
            "keep_in_touch": relationship.keep_in_touch,
        },
    )
    return save_or_show(
        request,
        form,
        relationship_set_update_cadence,
        lambda data: {
            "actor": person,
            "relationship": relationship,
            "every_days": data["update_every_days"],
            "keep_in_touch": data["keep_in_touch"],
        },
        done="Update reminders saved.",
        back=back_to(relationship.pk, "updates"),
        title=f"Updates for {relationship.other_name(person)}",
        submit="Save",
        intro="A short news update now and then keeps a mentor in the loop, "
        "also after the relationship has ended.",
    )


@person_page
@require_http_methods(["GET", "POST"])
def update_send(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """The draft to copy into an e-mail; recording it as sent counts as contact."""
    person = me(request)
    relationship = _relationship(request, relationship_id)
    today = local_today(person)
    initial: dict[str, Any] = {}
    if request.method == "GET":
        initial = {
            "body": update_draft(person=person, relationship=relationship, now=clock.now()),
            "sent_on": today,
        }
    return save_or_show(
        request,
        UpdateSentForm(request.POST or None, initial=initial),
        update_record_sent,
        lambda data: {"actor": person, "relationship": relationship, "today": today, **data},
        done="Update recorded as sent.",
        back=back_to(relationship.pk, "updates"),
        title=f"Update for {relationship.other_name(person)}",
        submit="Record as sent",
        intro="Drafted from your wins, goal progress and advice outcomes since the last update. "
        "Tribe does not send it: copy it into an e-mail, then record it here.",
    )

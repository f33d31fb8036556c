"""Keeping one relationship alive: the contact log, snooze, questions, advice,
thanks and updates, each a small form on the relationship page.

Every form posts to its own address; on a mistake that address shows the form
again with the errors, as the other relationship forms do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext

from tribe.core import clock
from tribe.journal.selectors import learned_for_update
from tribe.ledger.mail import update_send_by_email
from tribe.ledger.models import Question, Touchpoint
from tribe.ledger.prep import update_draft
from tribe.ledger.selectors import (
    advice_of,
    question_get_for,
    question_get_for_author,
    touchpoint_get_for_author,
)
from tribe.ledger.services import (
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
from tribe.meetings.selectors import relationship_timeline
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for
from tribe.web.forms.keep import (
    AdviceForm,
    GratitudeForm,
    QuestionForm,
    SnoozeForm,
    TouchpointForm,
    UpdateCadenceForm,
    UpdateSentForm,
)
from tribe.web.views.common import (
    BUTTON,
    back_to,
    confirm_page,
    local_today,
    object_page,
    save_or_show,
)


def _save_for(
    request: HttpRequest,
    person: Person,
    relationship: Relationship,
    form: forms.BaseForm,
    service: Callable[..., Any],
    *,
    today: dt.date | None,
    who: str = "actor",
    anchor: str,
    done: str,
    title: str,
    submit: str,
    intro: str = "",
) -> HttpResponse:
    """One relationship's small form: the service hears who acts, the relationship and
    (when given) the person's date; then back to the form's section of the page.

    ``title`` is translated already and names the other person as ``{name}``.
    """
    known: dict[str, Any] = {who: person, "relationship": relationship}
    if today is not None:
        known["today"] = today
    return save_or_show(
        request,
        form,
        service,
        lambda data: {**known, **data},
        done=done,
        back=back_to(relationship.pk, anchor),
        title=title.format(name=relationship.other_name(person)),
        submit=submit,
        intro=intro,
    )


# -- contact log ----------------------------------------------------------------


@object_page(relationship_get_for)
def touchpoint_new(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    today = local_today(person, clock.now())
    return _save_for(
        request,
        person,
        relationship,
        TouchpointForm(request.POST or None, initial={"happened_on": today}),
        touchpoint_log,
        today=today,
        anchor="contact",
        done=gettext("Contact logged: the keep-in-touch clock counts from that day."),
        title=gettext("Log contact with {name}"),
        submit=gettext("Log contact"),
    )


@object_page(touchpoint_get_for_author)
def touchpoint_remove(request: HttpRequest, person: Person, touchpoint: Touchpoint) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: touchpoint_delete(actor=person, touchpoint=touchpoint),
        done=gettext("Contact log deleted."),
        back=back_to(touchpoint.relationship_id, "contact"),
        title=gettext("Delete contact log"),
        question=gettext(
            "Delete “{contact}”? The keep-in-touch clock will no longer count it."
        ).format(contact=touchpoint),
    )


# -- snooze ---------------------------------------------------------------------


@object_page(relationship_get_for)
def snooze(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    return _save_for(
        request,
        person,
        relationship,
        SnoozeForm(request.POST or None),
        relationship_snooze,
        today=local_today(person, clock.now()),
        anchor="contact",
        done=gettext("Snoozed: no “get in touch” reminder until then."),
        title=gettext("Snooze reminders for {name}"),
        submit=gettext("Snooze"),
        intro=gettext("For a break of a few weeks. For longer, pause the relationship instead."),
    )


@object_page(relationship_get_for, methods=BUTTON)
def unsnooze(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    relationship_unsnooze(actor=person, relationship=relationship)
    messages.success(request, gettext("Snooze ended."))
    return redirect(back_to(relationship.pk, "contact"))


# -- questions backlog --------------------------------------------------------------


@object_page(relationship_get_for)
def question_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    return _save_for(
        request,
        person,
        relationship,
        QuestionForm(request.POST or None),
        question_add,
        today=None,
        who="author",
        anchor="questions",
        done=gettext("Question added to the next agenda."),
        title=gettext("A question for {name}"),
        submit=gettext("Add question"),
    )


@object_page(question_get_for, methods=BUTTON)
def question_answered(request: HttpRequest, person: Person, question: Question) -> HttpResponse:
    answered = request.POST.get("answered") == "1"
    question_set_answered(
        actor=person,
        question=question,
        answered_on=local_today(person, clock.now()) if answered else None,
    )
    messages.success(
        request, gettext("Marked answered.") if answered else gettext("Back on the agenda.")
    )
    return redirect(back_to(question.relationship_id, "questions"))


@object_page(question_get_for_author)
def question_remove(request: HttpRequest, person: Person, question: Question) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: question_delete(actor=person, question=question),
        done=gettext("Question deleted."),
        back=back_to(question.relationship_id, "questions"),
        title=gettext("Delete question"),
        question=gettext("Delete the question “{text}”?").format(text=question.text),
    )


# -- advice and thanks ------------------------------------------------------------


@object_page(relationship_get_for)
def advice_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    today = local_today(person, clock.now())
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    return _save_for(
        request,
        person,
        relationship,
        AdviceForm(request.POST or None, meetings=meetings, initial={"given_on": today}),
        advice_record,
        today=today,
        anchor="advice",
        done=gettext("Advice recorded. Decide what to do with it in your advice log."),
        title=gettext("Advice from {name}"),
        submit=gettext("Record advice"),
        intro=gettext("Your advice log is yours alone; nothing forces you to follow advice."),
    )


@object_page(relationship_get_for)
def gratitude_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    today = local_today(person, clock.now())
    meetings = relationship_timeline(person=person, relationship=relationship).meetings
    advice = list(advice_of(person=person, relationship=relationship))
    initial: dict[str, Any] = {"given_on": today}
    if request.GET.get("advice", "").isdigit():  # "thank for this" from the advice lists
        initial["advice"] = int(request.GET["advice"])
    return _save_for(
        request,
        person,
        relationship,
        GratitudeForm(request.POST or None, initial=initial, advice=advice, meetings=meetings),
        gratitude_record,
        today=today,
        anchor="thanks",
        done=gettext("Thanks recorded."),
        title=gettext("Thanks to {name}"),
        submit=gettext("Record thanks"),
    )


# -- updates ------------------------------------------------------------------------


@object_page(relationship_get_for)
def update_cadence(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    form = UpdateCadenceForm(
        request.POST or None, initial=UpdateCadenceForm.initial_for(relationship)
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
        done=gettext("Update reminders saved."),
        back=back_to(relationship.pk, "updates"),
        title=gettext("Updates for {name}").format(name=relationship.other_name(person)),
        submit=gettext("Save"),
        intro=gettext(
            "A short news update now and then keeps a mentor in the loop, "
            "also after the relationship has ended."
        ),
    )


@object_page(relationship_get_for)
def update_send(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    """The draft to copy into an e-mail; recording it as sent counts as contact."""
    now = clock.now()
    today = local_today(person, now)
    initial: dict[str, Any] = {}
    if request.method == "GET":
        initial = {
            "body": update_draft(
                person=person,
                relationship=relationship,
                now=now,
                learned=learned_for_update(person=person, relationship=relationship),
            ),
            "sent_on": today,
        }
    return _save_for(
        request,
        person,
        relationship,
        UpdateSentForm(request.POST or None, initial=initial),
        update_record_sent,
        today=today,
        anchor="updates",
        done=gettext("Update recorded as sent."),
        title=gettext("Update for {name}"),
        submit=gettext("Record as sent"),
        intro=gettext(
            "Drafted from your wins, goal progress and advice outcomes since the last update. "
            "Tribe does not send it: copy it into an e-mail, then record it here."
        ),
    )


def _update_initial(
    request: HttpRequest, person: Person, relationship: Relationship
) -> dict[str, Any]:
    now = clock.now()
    if request.method != "GET":
        return {}
    return {
        "body": update_draft(
            person=person,
            relationship=relationship,
            now=now,
            learned=learned_for_update(person=person, relationship=relationship),
        ),
        "sent_on": local_today(person, now),
    }


@object_page(relationship_get_for)
def update_email(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    """The same draft, sent by Tribe on the person's behalf and recorded as sent."""
    return _save_for(
        request,
        person,
        relationship,
        UpdateSentForm(
            request.POST or None, initial=_update_initial(request, person, relationship)
        ),
        update_send_by_email,
        today=local_today(person, clock.now()),
        anchor="updates",
        done=gettext("Update queued by e-mail and recorded as sent."),
        title=gettext("Update for {name}"),
        submit=gettext("Send by e-mail"),
        intro=gettext(
            "Drafted from your wins, goal progress and advice outcomes since the last update. "
            "Tribe sends it as it is, from its own address in your name; answers come to you."
        ),
    )

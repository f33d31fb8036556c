"""Pages of a sponsor relationship: the advocacy asks and what became of them.

The section on the relationship page lists the asks with their status; the
person sponsored writes a new one there, the sponsor answers, says they
spoke, and either records what happened. Every form posts to its own address
and goes back to the section; a mistake shows the form again with the error
on its field. An ask is fetched through ``ask_get_for``: anyone who is not a
side of its relationship gets a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.pipeline import ASK, Step, may, steps_for
from tribe.advocacy.selectors import ask_get_for, asks_of
from tribe.advocacy.services import (
    ask_agree,
    ask_create,
    ask_decline,
    ask_mark_done,
    ask_record_outcome,
    ask_withdraw,
)
from tribe.core import clock
from tribe.core.kinds import RelationshipKind
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import CLOSED_STATUSES, Relationship
from tribe.relationships.selectors import relationship_get_for
from tribe.relationships.services import kind_is_settled
from tribe.web.forms.advocacy import AnswerForm, AskForm, DoneForm, OutcomeForm
from tribe.web.views.common import back_to, confirm_page, local_today, object_page, save_or_show

ANCHOR = "advocacy"


@dataclass(frozen=True)
class AskRow:
    """One ask on the page, with the steps the viewer may take and their forms."""

    ask: AdvocacyAsk
    steps: frozenset[Step]
    decline_form: AnswerForm | None
    done_form: DoneForm | None
    outcome_form: OutcomeForm | None


def _read_only(ask: AdvocacyAsk) -> AskRow:
    return AskRow(ask=ask, steps=frozenset(), decline_form=None, done_form=None, outcome_form=None)


def _row(ask: AdvocacyAsk, person: Person) -> AskRow:
    steps = steps_for(ask, person)
    pk = ask.pk
    return AskRow(
        ask=ask,
        steps=steps,
        decline_form=AnswerForm(auto_id=f"decline{pk}_%s") if Step.DECLINE in steps else None,
        done_form=DoneForm(auto_id=f"done{pk}_%s") if Step.DONE in steps else None,
        outcome_form=OutcomeForm(auto_id=f"outcome{pk}_%s") if Step.OUTCOME in steps else None,
    )


def advocacy_context(*, person: Person, relationship: Relationship) -> dict[str, Any]:
    """What the relationship page's advocacy section reads (nothing for other kinds).

    One query, however many asks: each ask comes with its relationship's sides
    and who recorded each step, and the steps are worked out from those rows.
    """
    sponsor = relationship.kind == RelationshipKind.SPONSOR
    # Asks recorded before the kind changed stay readable (nothing recorded is
    # hidden), with no step to take: the services refuse them on other kinds.
    # Once the kind is settled it never changed since an ask could be written: no query.
    if not sponsor and (
        kind_is_settled(relationship)
        or not AdvocacyAsk.objects.filter(relationship=relationship).exists()
    ):
        return {}
    asks = asks_of(person=person, relationship=relationship)
    rows = [_row(ask, person) if sponsor else _read_only(ask) for ask in asks]
    is_open = sponsor and relationship.status not in CLOSED_STATUSES
    mutual = consent.is_mutual(relationship)
    return {
        "advocacy": {
            "rows": rows,
            "may_ask": is_open and mutual and may(relationship, person, ASK),
            "is_open": is_open,
            "sponsor": sponsor,
            "mutual": mutual,
            "protege": relationship.mentee_name,
            "ask_form": AskForm(),
        }
    }


@object_page(relationship_get_for)
def ask_new(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    today = local_today(person, clock.now())
    return save_or_show(
        request,
        AskForm(request.POST or None),
        ask_create,
        lambda data: {"author": person, "relationship": relationship, "today": today, **data},
        done=gettext("Asked. {name} sees your ask and can agree or decline.").format(
            name=relationship.mentor_name
        ),
        back=back_to(relationship.pk, ANCHOR),
        title=gettext("Ask {name} to speak up for you").format(name=relationship.mentor_name),
        submit=gettext("Ask"),
        intro=gettext(
            "Whom they will speak to, about what, and the case to make: the more precise, "
            "the easier it is to say yes, or no."
        ),
    )


def _step_page(
    request: HttpRequest,
    person: Person,
    ask: AdvocacyAsk,
    form: forms.BaseForm,
    service: Callable[..., AdvocacyAsk],
    *,
    done: str,
    title: str,
    submit: str,
) -> HttpResponse:
    """One step's form: the service hears who acts, the ask and the person's date."""
    today = local_today(person, clock.now())
    return save_or_show(
        request,
        form,
        service,
        lambda data: {"actor": person, "ask": ask, "today": today, **data},
        done=done,
        back=back_to(ask.relationship_id, ANCHOR),
        title=title.format(audience=ask.audience, opportunity=ask.opportunity),
        submit=submit,
    )


@object_page(ask_get_for)
def ask_agree_page(request: HttpRequest, person: Person, ask: AdvocacyAsk) -> HttpResponse:
    return _step_page(
        request,
        person,
        ask,
        AnswerForm(request.POST or None),
        ask_agree,
        done=gettext("Agreed. When you have spoken up, mark it done."),
        title=gettext("Agree to speak to {audience} about {opportunity}"),
        submit=gettext("Agree"),
    )


@object_page(ask_get_for)
def ask_decline_page(request: HttpRequest, person: Person, ask: AdvocacyAsk) -> HttpResponse:
    return _step_page(
        request,
        person,
        ask,
        AnswerForm(request.POST or None),
        ask_decline,
        done=gettext("Declined. Thank you for saying so: a clear no helps too."),
        title=gettext("Decline to speak to {audience} about {opportunity}"),
        submit=gettext("Decline"),
    )


@object_page(ask_get_for)
def ask_done_page(request: HttpRequest, person: Person, ask: AdvocacyAsk) -> HttpResponse:
    return _step_page(
        request,
        person,
        ask,
        DoneForm(request.POST or None),
        ask_mark_done,
        done=gettext("Marked done: you spoke up. Either of you can now record what happened."),
        title=gettext("You spoke to {audience} about {opportunity}"),
        submit=gettext("Mark done"),
    )


@object_page(ask_get_for)
def ask_outcome_page(request: HttpRequest, person: Person, ask: AdvocacyAsk) -> HttpResponse:
    return _step_page(
        request,
        person,
        ask,
        OutcomeForm(request.POST or None),
        ask_record_outcome,
        done=gettext("Outcome recorded."),
        title=gettext("What came of speaking to {audience} about {opportunity}"),
        submit=gettext("Record the outcome"),
    )


@object_page(ask_get_for)
def ask_withdraw_page(request: HttpRequest, person: Person, ask: AdvocacyAsk) -> HttpResponse:
    today = local_today(person, clock.now())
    return confirm_page(
        request,
        act=lambda: ask_withdraw(actor=person, ask=ask, today=today),
        done=gettext("Ask withdrawn."),
        back=back_to(ask.relationship_id, ANCHOR),
        title=gettext("Withdraw the ask"),
        question=gettext(
            "Withdraw your ask to speak to {audience} about {opportunity}? It stays in the "
            "list, marked withdrawn."
        ).format(audience=ask.audience, opportunity=ask.opportunity),
    )

"""Writes for advocacy asks: the ask, the sponsor's answer, that they spoke, what happened.

Who may take which step is declared in :mod:`tribe.advocacy.pipeline`; every
service checks it, and that the caller said yes to the relationship
(``consent.require_consented``), whatever page, command or API call it comes
from. Callers fetch the ask through ``selectors.ask_get_for`` first. A step
locks the ask's row, so two clicks at once cannot both take it. Each
refusal carries a code, and names the field it is about.

The day of a step: each caller passes ``today``, the actor's own local date,
and the two sides may live in different time zones (asked in Kolkata on the
5th while it is still the 4th in Paris). A step is never dated before the
step it follows: its day is the later of the actor's today and the previous
step's day (:func:`_step_day`). So "asked", "answered", "spoke" and
"outcome" always read in order, on both sides' pages, and a sponsor who
answers from a zone behind the asker's can still mark the ask done that day.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from tribe.advocacy.errors import MSG_STATE, AdvocacyCode
from tribe.advocacy.models import (
    AUDIENCE_MAX,
    CASE_MAX,
    NOTE_MAX,
    OPPORTUNITY_MAX,
    OUTCOME_MAX,
    AdvocacyAsk,
)
from tribe.advocacy.pipeline import ASK, STEPS, Step, Who, may
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.kinds import RelationshipKind
from tribe.core.labels import in_sentence
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.models import CLOSED_STATUSES, Relationship

__all__ = [
    "ask_agree",
    "ask_create",
    "ask_decline",
    "ask_mark_done",
    "ask_record_outcome",
    "ask_withdraw",
]


def _check_sponsorship(relationship: Relationship, author: Person) -> None:
    """A new ask: in a sponsor relationship still open, both sides said yes, by the protégé."""
    consent.require_consented(relationship, author)
    if relationship.kind != RelationshipKind.SPONSOR:
        raise Conflict(
            AdvocacyCode.NOT_SPONSORSHIP,
            field="relationship",
            kind=in_sentence(relationship, "kind"),
        )
    if relationship.status in CLOSED_STATUSES:
        raise Conflict(
            AdvocacyCode.CLOSED, field="relationship", status=in_sentence(relationship, "status")
        )
    if not consent.is_mutual(relationship):
        raise Conflict(
            AdvocacyCode.NOT_MUTUAL, field="relationship", name=relationship.other_name(author)
        )
    if not may(relationship, author, ASK):
        raise Conflict(AdvocacyCode.PROTEGES_ASK, name=relationship.mentee_name)


@transaction.atomic
def ask_create(
    *,
    author: Person,
    relationship: Relationship,
    audience: str,
    opportunity: str,
    today: dt.date,
    case: str = "",
    by_when: dt.date | None = None,
) -> AdvocacyAsk:
    """Ask the sponsor to speak up: to whom, about what, the case to make, by when."""
    _check_sponsorship(relationship, author)
    audience = v.line(audience, field="audience", max_length=AUDIENCE_MAX, required=True)
    opportunity = v.line(
        opportunity, field="opportunity", max_length=OPPORTUNITY_MAX, required=True
    )
    case = v.text(case, field="case", max_length=CASE_MAX)
    v.date(by_when, field="by_when")
    if by_when is not None and by_when < today:
        raise ValidationError(AdvocacyCode.BY_WHEN_PAST, field="by_when")
    return AdvocacyAsk.objects.create(
        relationship=relationship,
        asked_by=author,
        audience=audience,
        opportunity=opportunity,
        case=case,
        by_when=by_when,
        asked_on=today,
    )


def _step_day(today: dt.date, previous: dt.date | None) -> dt.date:
    """The day of a step taken on the actor's ``today``: never before the ``previous`` step's."""
    return today if previous is None or previous <= today else previous


def _take(step: Step, actor: Person, ask: AdvocacyAsk) -> AdvocacyAsk:
    """The ask, locked, if ``actor`` may take ``step`` on it now; refused with a code otherwise."""
    try:
        locked = (
            AdvocacyAsk.objects.select_for_update(of=("self",))
            .select_related("relationship__mentee", "relationship__mentee_contact")
            .select_related("relationship__mentor", "relationship__mentor_contact")
            .get(pk=ask.pk)
        )
    except AdvocacyAsk.DoesNotExist as exc:
        raise NotFound(AdvocacyCode.NO_ASK) from exc
    relationship = locked.relationship
    consent.require_consented(relationship, actor)
    rule = STEPS[step]
    if not may(relationship, actor, rule.who):
        if rule.who is Who.SPONSOR:
            raise Conflict(AdvocacyCode.SPONSORS_STEP, name=relationship.mentor_name)
        raise Conflict(AdvocacyCode.PROTEGES_STEP, name=relationship.mentee_name)
    if locked.status not in rule.after:
        raise Conflict(
            AdvocacyCode.BAD_STEP,
            state=gettext(MSG_STATE[locked.status]),
            step=gettext(rule.words),
        )
    locked.status = rule.to
    return locked


def _answer(step: Step, actor: Person, ask: AdvocacyAsk, today: dt.date, note: str) -> AdvocacyAsk:
    locked = _take(step, actor, ask)
    locked.answer_note = v.text(note, field="note", max_length=NOTE_MAX)
    locked.answered_on = _step_day(today, locked.asked_on)
    locked.answered_by = actor
    locked.save()
    return locked


@transaction.atomic
def ask_agree(*, actor: Person, ask: AdvocacyAsk, today: dt.date, note: str = "") -> AdvocacyAsk:
    """The sponsor says yes (with a word for the person sponsored, if they like)."""
    return _answer(Step.AGREE, actor, ask, today, note)


@transaction.atomic
def ask_decline(*, actor: Person, ask: AdvocacyAsk, today: dt.date, note: str = "") -> AdvocacyAsk:
    """The sponsor says no: an easy no, with a reason if they want to give one."""
    return _answer(Step.DECLINE, actor, ask, today, note)


@transaction.atomic
def ask_mark_done(
    *,
    actor: Person,
    ask: AdvocacyAsk,
    today: dt.date,
    spoke_on: dt.date | None = None,
    note: str = "",
) -> AdvocacyAsk:
    """The sponsor spoke up (on ``spoke_on``, default today), and what they said.

    "Today" is the later of the sponsor's today and the day they agreed
    (:func:`_step_day`): the latest day ``spoke_on`` may name, and its default.
    """
    locked = _take(Step.DONE, actor, ask)
    agreed = locked.answered_on
    latest = _step_day(today, agreed)
    day = v.date(spoke_on, field="spoke_on") or latest
    if day > latest:
        raise ValidationError(AdvocacyCode.FUTURE_DATE, field="spoke_on")
    if agreed is not None and day < agreed:
        raise ValidationError(
            AdvocacyCode.SPOKE_BEFORE_AGREED,
            field="spoke_on",
            date=date_format(agreed, "DATE_FORMAT"),
        )
    locked.done_note = v.text(note, field="note", max_length=NOTE_MAX)
    locked.spoke_on = day
    locked.done_by = actor
    locked.save()
    return locked


@transaction.atomic
def ask_record_outcome(
    *, actor: Person, ask: AdvocacyAsk, today: dt.date, outcome: str
) -> AdvocacyAsk:
    """What happened after the sponsor spoke (either side records it)."""
    locked = _take(Step.OUTCOME, actor, ask)
    locked.outcome = v.text(outcome, field="outcome", max_length=OUTCOME_MAX, required=True)
    locked.outcome_on = _step_day(today, locked.spoke_on)
    locked.outcome_by = actor
    locked.save()
    return locked


@transaction.atomic
def ask_withdraw(*, actor: Person, ask: AdvocacyAsk, today: dt.date) -> AdvocacyAsk:
    """The person sponsored takes the ask back, before the sponsor has spoken."""
    locked = _take(Step.WITHDRAW, actor, ask)
    locked.withdrawn_on = _step_day(today, locked.answered_on or locked.asked_on)
    locked.withdrawn_by = actor
    locked.save()
    return locked

"""Writes for the keep-alive ledger: contact logs, snoozes, questions, advice, thanks, wins.

Every write in a relationship is made by one of its sides who said yes to it
(``consent.require_consented``); callers fetch through the selectors first,
so that check is defence in depth.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.ledger.errors import MSG_NOT_KEEPER, LedgerCode
from tribe.ledger.models import (
    SET_ASIDE,
    Advice,
    Gratitude,
    MentorUpdate,
    Question,
    Touchpoint,
    Win,
)
from tribe.ledger.sides import keeper_sides
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships import consent
from tribe.relationships.consent import require_consented
from tribe.relationships.models import Relationship

MAX_SNOOZE_DAYS = 180


def _in_relationship(
    thing: Meeting | Advice | None, relationship: Relationship, *, field: str
) -> None:
    """A meeting or advice named with a record must be of the same relationship."""
    if thing is not None and thing.relationship_id != relationship.pk:
        raise ValidationError(LedgerCode.ELSEWHERE, field=field)


def _not_future(value: dt.date, today: dt.date, *, field: str) -> dt.date:
    """A day that has come, and not so long ago that no other date could be then."""
    if v.date(value, field=field) > today:
        raise ValidationError(LedgerCode.FUTURE_DATE, field=field)
    return value


def _choice(value: str, choices: type[models.TextChoices], *, field: str, code: LedgerCode) -> str:
    if value not in choices.values:
        raise ValidationError(code, field=field, value=value, allowed=", ".join(choices.values))
    return value


@transaction.atomic
def touchpoint_log(
    *,
    actor: Person,
    relationship: Relationship,
    kind: str,
    happened_on: dt.date,
    note: str = "",
    today: dt.date,
) -> Touchpoint:
    """Record a real contact on the day it happened (back-dating is fine, the future is not)."""
    require_consented(relationship, actor)
    return Touchpoint.objects.create(
        relationship=relationship,
        author=actor,
        kind=_choice(kind, Touchpoint.Kind, field="kind", code=LedgerCode.BAD_TOUCHPOINT_KIND),
        happened_on=_not_future(happened_on, today, field="happened_on"),
        note=v.text(note, field="note", max_length=500),
    )


@transaction.atomic
def touchpoint_delete(*, actor: Person, touchpoint: Touchpoint) -> None:
    if touchpoint.author_id != actor.pk:
        raise NotFound(LedgerCode.NO_TOUCHPOINT)
    touchpoint.delete()


@transaction.atomic
def relationship_snooze(
    *, actor: Person, relationship: Relationship, until: dt.date, reason: str, today: dt.date
) -> Relationship:
    require_consented(relationship, actor)
    if until <= today:
        raise ValidationError(LedgerCode.SNOOZE_PAST, field="until")
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError(LedgerCode.SNOOZE_TOO_LONG, field="until", days=MAX_SNOOZE_DAYS)
    clean_reason = v.text(reason, field="reason", max_length=200)
    if not clean_reason:
        raise ValidationError(LedgerCode.SNOOZE_REASON, field="reason")
    relationship.snoozed_until = until
    relationship.snooze_reason = clean_reason
    relationship.snoozed_by = actor
    relationship.save(update_fields=["snoozed_until", "snooze_reason", "snoozed_by", "updated_at"])
    return relationship


@transaction.atomic
def relationship_unsnooze(*, actor: Person, relationship: Relationship) -> Relationship:
    require_consented(relationship, actor)
    relationship.snoozed_until = None
    relationship.snooze_reason = ""
    relationship.snoozed_by = None
    relationship.save(update_fields=["snoozed_until", "snooze_reason", "snoozed_by", "updated_at"])
    return relationship


@transaction.atomic
def relationship_set_update_cadence(
    *, actor: Person, relationship: Relationship, every_days: int | None, keep_in_touch: bool
) -> Relationship:
    require_consented(relationship, actor)
    if every_days is not None:
        v.integer(every_days, field="update_every_days", low=7, high=366)
    relationship.update_every_days = every_days
    relationship.keep_in_touch = keep_in_touch
    relationship.save(update_fields=["update_every_days", "keep_in_touch", "updated_at"])
    return relationship


@transaction.atomic
def question_add(*, author: Person, relationship: Relationship, text: str) -> Question:
    require_consented(relationship, author)
    return Question.objects.create(
        relationship=relationship,
        author=author,
        text=v.text(text, field="text", max_length=500, required=True),
    )


@transaction.atomic
def question_set_answered(
    *, actor: Person, question: Question, answered_on: dt.date | None
) -> Question:
    """Mark a question answered (or open again): either side may, since it is answered
    between them in a meeting; only its author deletes it (:func:`question_delete`)."""
    require_consented(question.relationship, actor)
    question.answered_on = v.date(answered_on, field="answered_on")
    question.save(update_fields=["answered_on", "updated_at"])
    return question


@transaction.atomic
def question_delete(*, actor: Person, question: Question) -> None:
    """A question is its author's to take back: to anyone else there is none to delete
    (the other side reads it, but does not change it; callers fetch through
    ``question_get_for_author``, so this is defence in depth)."""
    if question.author_id != actor.pk:
        raise NotFound(LedgerCode.NO_QUESTION)
    require_consented(question.relationship, actor)
    question.delete()


@transaction.atomic
def advice_record(
    *,
    actor: Person,
    relationship: Relationship,
    text: str,
    given_on: dt.date,
    today: dt.date,
    meeting: Meeting | None = None,
    report_back: bool = False,
    decision: str | None = None,
    reason: str | None = None,
) -> Advice:
    """Write down a piece of advice and, if the recorder knows it already, their decision.

    Advice is recorded by whoever received it: the mentee, or either side of
    a peer relationship (:func:`tribe.ledger.sides.keeper_sides`); a mentor
    does not write in their mentee's log. The decision usually comes later
    (:func:`advice_decide`). Given here, it is recorded in the same
    transaction: the advice and its decision are one record to the person,
    both or neither.
    """
    if require_consented(relationship, actor) not in keeper_sides(relationship.kind):
        if relationship.kind == Relationship.Kind.MENTOR:
            raise Conflict(LedgerCode.NOT_MENTEE)
        raise Conflict(
            gettext(MSG_NOT_KEEPER).format(name=relationship.mentee_name),
            code=LedgerCode.NOT_MENTEE,
        )
    _in_relationship(meeting, relationship, field="meeting")
    if decision is None and reason:
        raise ValidationError(LedgerCode.REASON_WITHOUT_DECISION, field="reason")
    advice = Advice.objects.create(
        relationship=relationship,
        recorded_by=actor,
        meeting=meeting,
        text=v.text(text, field="text", max_length=1000, required=True),
        given_on=_not_future(given_on, today, field="given_on"),
        report_back=report_back,
    )
    if decision is not None:
        advice = advice_decide(actor=actor, advice=advice, decision=decision, reason=reason or "")
    return advice


@transaction.atomic
def advice_decide(*, actor: Person, advice: Advice, decision: str, reason: str = "") -> Advice:
    require_consented(advice.relationship, actor)
    advice.decision = _choice(
        decision, Advice.Decision, field="decision", code=LedgerCode.BAD_DECISION
    )
    advice.reason = v.text(reason, field="reason", max_length=1000)
    if decision in SET_ASIDE and not advice.reason:
        raise ValidationError(LedgerCode.REASON_NEEDED, field="reason")
    advice.save(update_fields=["decision", "reason", "updated_at"])
    return advice


@transaction.atomic
def advice_record_outcome(
    *, actor: Person, advice: Advice, outcome: str, today: dt.date, report_back: bool = False
) -> Advice:
    """How it went: private to its recorder unless ``report_back`` is true.

    Reporting back puts the outcome, as written, in the next agenda (which the
    other side reads) and the next update; a caller that does not ask for it
    keeps the outcome private.
    """
    require_consented(advice.relationship, actor)
    advice.outcome = v.text(outcome, field="outcome", max_length=5000, required=True)
    advice.outcome_on = today
    advice.report_back = report_back
    if report_back:
        advice.reported_back_on = None
    advice.save(
        update_fields=["outcome", "outcome_on", "report_back", "reported_back_on", "updated_at"]
    )
    return advice


@transaction.atomic
def advice_set_report_back(*, actor: Person, advice: Advice, report_back: bool) -> Advice:
    require_consented(advice.relationship, actor)
    advice.report_back = report_back
    advice.save(update_fields=["report_back", "updated_at"])
    return advice


#: How much of an outcome the giver may be shown (the outcome's own limit, so
#: the words prefilled from it always fit), and of the advice as retold.
SHARED_OUTCOME_MAX = 5000
SHARED_ADVICE_MAX = 1000


def _recorders_own(advice: Advice, actor: Person) -> None:
    """Only whoever recorded advice shares from it: anyone else is told there is none."""
    if advice.recorded_by_id != actor.pk:  # callers fetch through advice_get_for
        raise NotFound(LedgerCode.NO_ADVICE)
    require_consented(advice.relationship, actor)


@transaction.atomic
def advice_share_outcome(
    *,
    actor: Person,
    advice: Advice,
    words: str,
    advice_summary: str = "",
    now: dt.datetime | None = None,
) -> Advice:
    """Show whoever gave the advice how it turned out, in the words its recorder chose.

    The giver is the other side of the recorder: the mentor of a mentee, or
    the other peer. The words (and, only if given, the advice retold for the
    giver) are a copy: the private outcome, the advice as recorded, the
    decision and its reason stay the recorder's. Sharing again replaces the
    words and the date. Refused while there is no outcome, and where no giver
    could read it (a contact, or an account that has not said yes to the
    relationship).
    """
    _recorders_own(advice, actor)
    if not advice.outcome:
        raise Conflict(LedgerCode.NO_OUTCOME_YET, field="outcome")
    relationship = advice.relationship
    giver = consent.counterpart(relationship, actor)
    if giver is None:
        raise Conflict(LedgerCode.MENTOR_IS_CONTACT, field="relationship", name=advice.giver_name)
    if not consent.has_consented(relationship, giver):
        raise Conflict(LedgerCode.MENTOR_NOT_AGREED, field="relationship", name=advice.giver_name)
    advice.shared_outcome = v.text(
        words, field="words", max_length=SHARED_OUTCOME_MAX, required=True
    )
    advice.shared_advice = v.text(
        advice_summary, field="advice_summary", max_length=SHARED_ADVICE_MAX
    )
    advice.outcome_shared_at = clock.resolve(now)
    advice.save(
        update_fields=["shared_outcome", "shared_advice", "outcome_shared_at", "updated_at"]
    )
    return advice


@transaction.atomic
def advice_unshare_outcome(*, actor: Person, advice: Advice) -> Advice:
    """Take a shared outcome back: the words are gone, from the giver's view and from here."""
    _recorders_own(advice, actor)
    advice.shared_outcome = ""
    advice.shared_advice = ""
    advice.outcome_shared_at = None
    advice.save(
        update_fields=["shared_outcome", "shared_advice", "outcome_shared_at", "updated_at"]
    )
    return advice


@transaction.atomic
def gratitude_record(
    *,
    actor: Person,
    relationship: Relationship,
    kind: str,
    given_on: dt.date,
    description: str,
    today: dt.date,
    meeting: Meeting | None = None,
    advice: Advice | None = None,
) -> Gratitude:
    require_consented(relationship, actor)
    _in_relationship(meeting, relationship, field="meeting")
    _in_relationship(advice, relationship, field="advice")
    return Gratitude.objects.create(
        relationship=relationship,
        given_by=actor,
        kind=_choice(kind, Gratitude.Kind, field="kind", code=LedgerCode.BAD_GRATITUDE_KIND),
        given_on=_not_future(given_on, today, field="given_on"),
        description=v.text(description, field="description", max_length=1000, required=True),
        meeting=meeting,
        advice=advice,
    )


@transaction.atomic
def update_record_sent(
    *, actor: Person, relationship: Relationship, body: str, sent_on: dt.date, today: dt.date
) -> MentorUpdate:
    """Record an update as sent: it counts as contact, and reports back the advice it covered.

    Only the author's own advice is reported back by it: in a peer
    relationship the other side's log is theirs to report on.
    """
    require_consented(relationship, actor)
    sent = _not_future(sent_on, today, field="sent_on")
    update = MentorUpdate.objects.create(
        relationship=relationship,
        author=actor,
        sent_on=sent,
        body=v.text(body, field="body", max_length=10000, required=True),
    )
    # Only outcomes known when the update went out were reported in it.
    Advice.objects.filter(
        relationship=relationship,
        recorded_by=actor,
        report_back=True,
        reported_back_on__isnull=True,
        outcome_on__lte=sent,
    ).exclude(outcome="").update(reported_back_on=sent)
    Touchpoint.objects.create(
        relationship=relationship, author=actor, kind=Touchpoint.Kind.UPDATE, happened_on=sent
    )
    return update


@transaction.atomic
def win_record(
    *, person: Person, text: str, happened_on: dt.date, today: dt.date, goal: Goal | None = None
) -> Win:
    """Note something that went well: it feeds agendas and updates to mentors."""
    if goal is not None and goal.person_id != person.pk:
        raise ValidationError(LedgerCode.FOREIGN_GOAL, field="goal")
    return Win.objects.create(
        person=person,
        goal=goal,
        happened_on=_not_future(happened_on, today, field="happened_on"),
        text=v.text(text, field="text", max_length=500, required=True),
    )


@transaction.atomic
def win_delete(*, actor: Person, win: Win) -> None:
    """A win is its owner's alone: anyone else is told there is none."""
    if win.person_id != actor.pk:  # callers fetch through win_get_for; defence in depth
        raise NotFound(LedgerCode.NO_WIN)
    win.delete()

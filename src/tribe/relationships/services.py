"""Writes for relationships: creation, the status pipeline, agreements.

Capacity is checked under a row lock on the mentor so that two acceptances
racing for a mentor's last place cannot both win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, models, transaction

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Contact, Goal, Person

if TYPE_CHECKING:  # meetings depend on relationships, not the other way round
    from tribe.meetings.models import Meeting
from tribe.relationships import consent
from tribe.relationships.models import (
    Advice,
    Gratitude,
    MentorUpdate,
    Question,
    Relationship,
    Touchpoint,
)

Status = Relationship.Status

MSG_NO_OTHER = "choose the other person: an account or one of your contacts"
MSG_BOTH_OTHERS = "choose either an account or a contact, not both"
MSG_SELF = "you cannot be your own {role}"
MSG_FOREIGN_CONTACT = "is not one of your contacts"
MSG_FOREIGN_GOAL = "goal “{title}” is not one of the mentee's goals"
MSG_DUPLICATE = "there is already an open {kind} relationship between {mentee} and {mentor}"
MSG_OVER_CAPACITY = (
    "{mentor} already has {count} active mentee{s}, which is their capacity of {capacity}"
)
MSG_TRANSITION = "cannot go from “{old}” to “{new}”; allowed next: {allowed}"
MSG_ROLE = "must be “mentee” or “mentor”"
MSG_KIND = "“{value}” is not a kind of relationship ({allowed})"

MSG_ACCOUNT_STARTS_PRIVATE = (
    "a relationship with another account starts as a prospect, private to you: "
    "send them a request, and it starts when they accept"
)
MSG_USE_STEP = "to move it to “{new}”, {via}"
MSG_NOT_ALLOWED = {
    consent.Who.REQUESTER: "only {requester}, who started this relationship, can do that",
    consent.Who.ASKED: "only the person asked can answer the request",
    consent.Who.EITHER: "that waits until {other} has accepted the request",
}
MSG_NOT_MUTUAL = "that waits until the other person has accepted the request"
MSG_DELETE_MUTUAL = (
    "{other} has accepted this relationship and keeps their own notes in it: "
    "change its status to ended instead"
)

#: Re-exported: the pipeline rules live in consent.py.
TRANSITIONS = consent.TRANSITIONS
CLOSED = consent.CLOSED


def _kind(value: str) -> str:
    if value not in Relationship.Kind.values:
        raise ValidationError(
            MSG_KIND.format(value=value, allowed=", ".join(Relationship.Kind.values)), field="kind"
        )
    return value


def _goals_for(mentee: Person | None, goals: Iterable[Goal]) -> list[Goal]:
    chosen = list(goals)
    for goal in chosen:
        if mentee is None or goal.person_id != mentee.pk:
            raise ValidationError(MSG_FOREIGN_GOAL.format(title=goal.title), field="goals")
    return chosen


def _lock_and_check_capacity(relationship: Relationship) -> None:
    """Refuse to make ``relationship`` active when its mentor is full.

    Locks the mentor's row first, so concurrent activations serialise.
    """
    if relationship.mentor_id is None:
        return  # a contact has no capacity on record to enforce
    mentor = Person.objects.select_for_update().get(pk=relationship.mentor_id)
    active = (
        Relationship.objects.filter(mentor=mentor, status=Status.ACTIVE)
        .exclude(pk=relationship.pk)
        .count()
    )
    if active >= mentor.mentee_capacity:
        raise Conflict(
            MSG_OVER_CAPACITY.format(
                mentor=mentor.name,
                count=active,
                s="" if active == 1 else "s",
                capacity=mentor.mentee_capacity,
            ),
            field="status",
            code="over_capacity",
        )


def _check_duplicate(relationship: Relationship) -> None:
    clash = Relationship.objects.filter(kind=relationship.kind).exclude(status__in=CLOSED)
    clash = clash.filter(
        mentee_id=relationship.mentee_id,
        mentee_contact_id=relationship.mentee_contact_id,
        mentor_id=relationship.mentor_id,
        mentor_contact_id=relationship.mentor_contact_id,
    )
    if relationship.pk:
        clash = clash.exclude(pk=relationship.pk)
    if clash.exists():
        raise Conflict(_duplicate_message(relationship), field="kind", code="duplicate")


def _duplicate_message(relationship: Relationship) -> str:
    return MSG_DUPLICATE.format(
        kind=relationship.get_kind_display().lower(),
        mentee=relationship.mentee_name,
        mentor=relationship.mentor_name,
    )


@transaction.atomic
def relationship_create(
    *,
    created_by: Person,
    my_role: str,
    other_person: Person | None = None,
    other_contact: Contact | None = None,
    other_email: str = "",
    kind: str = Relationship.Kind.MENTOR,
    purpose: str = "",
    status: str = Status.PROSPECT,
    goals: Iterable[Goal] = (),
    now: dt.datetime | None = None,
) -> Relationship:
    """Start a relationship between ``created_by`` (as ``my_role``) and someone else.

    ``other_email`` names them by address: it becomes (or finds) one of the
    creator's contacts, whether or not the address has an account, so the
    answer never tells which. A request sent later reaches the account.
    """
    if my_role not in ("mentee", "mentor"):
        raise ValidationError(MSG_ROLE, field="my_role")
    if other_email:
        if other_person is not None or other_contact is not None:
            raise ValidationError(MSG_BOTH_OTHERS, field="other")
        other_contact = contact_for_email(owner=created_by, email=other_email)
    if other_person is None and other_contact is None:
        raise ValidationError(MSG_NO_OTHER, field="other")
    if other_person is not None and other_contact is not None:
        raise ValidationError(MSG_BOTH_OTHERS, field="other")
    if other_person is not None and other_person.pk == created_by.pk:
        raise ValidationError(
            MSG_SELF.format(role="mentor" if my_role == "mentee" else "mentee"), field="other"
        )
    if other_contact is not None and other_contact.owner_id != created_by.pk:
        raise ValidationError(MSG_FOREIGN_CONTACT, field="other")
    if status not in Status.values:
        raise ValidationError(f"“{status}” is not a status", field="status")
    # A contact linked to an account (by that account's own acceptance, or a
    # verified address) is the account: relationships follow people.
    if other_contact is not None and other_contact.person_id is not None:
        other_person, other_contact = other_contact.person, None
        if other_person is not None and other_person.pk == created_by.pk:
            raise ValidationError(MSG_SELF.format(role="mentor"), field="other")
    # Nobody is put into a relationship without their say: with an account,
    # it starts private to its creator and goes on only when they accept.
    if other_person is not None and status != Status.PROSPECT:
        raise ValidationError(MSG_ACCOUNT_STARTS_PRIVATE, field="status")

    moment = clock.resolve(now)
    relationship = Relationship(
        created_by=created_by,
        kind=_kind(kind),
        status=status,
        status_changed_at=moment,
        purpose=v.text(purpose, field="purpose", max_length=300),
    )
    if my_role == "mentee":
        relationship.mentee = created_by
        relationship.mentee_consented_at = moment
        relationship.mentor, relationship.mentor_contact = other_person, other_contact
    else:
        relationship.mentor = created_by
        relationship.mentor_consented_at = moment
        relationship.mentee, relationship.mentee_contact = other_person, other_contact
    chosen_goals = _goals_for(relationship.mentee, goals)
    _check_duplicate(relationship)
    if status == Status.ACTIVE:
        _lock_and_check_capacity(relationship)
    try:
        with transaction.atomic():
            relationship.save()
    except IntegrityError as exc:  # lost a race with an identical request
        raise Conflict(_duplicate_message(relationship), field="kind", code="duplicate") from exc
    relationship.goals.set(chosen_goals)
    return relationship


def contact_for_email(*, owner: Person, email: str) -> Contact:
    """``owner``'s contact with this address, made if there is none; never an account lookup."""
    address = v.email(email, field="other_email")
    if address.lower() == owner.email.lower():
        raise ValidationError(MSG_SELF.format(role="mentor or mentee"), field="other_email")
    contact = Contact.objects.filter(owner=owner, email__iexact=address).first()
    if contact is None:
        contact = Contact.objects.create(
            owner=owner, name=address.split("@")[0][:200], email=address
        )
    return contact


def _require_consented(relationship: Relationship, actor: Person) -> str:
    """The actor's side, if they said yes to the relationship; NotFound otherwise."""
    role = relationship.role_of(actor)
    if role is None or not consent.has_consented(relationship, actor):
        raise NotFound(MSG_NOT_A_SIDE)
    return role


def _require_requester_or_mutual(relationship: Relationship, actor: Person) -> None:
    """Before the other account says yes, only the requester shapes the relationship."""
    _require_consented(relationship, actor)
    if not consent.is_mutual(relationship) and not consent.is_requester(relationship, actor):
        raise Conflict(MSG_NOT_MUTUAL, code=consent.ConsentCode.NOT_MUTUAL)


@transaction.atomic
def relationship_update(
    *, actor: Person, relationship: Relationship, kind: str, purpose: str, goals: Iterable[Goal]
) -> Relationship:
    _require_requester_or_mutual(relationship, actor)
    relationship.kind = _kind(kind)
    relationship.purpose = v.text(purpose, field="purpose", max_length=300)
    chosen_goals = _goals_for(relationship.mentee, goals)
    _check_duplicate(relationship)
    relationship.save()
    relationship.goals.set(chosen_goals)
    return relationship


def _refuse_move(relationship: Relationship, actor: Person, new: str) -> Conflict:
    allowed = consent.allowed_moves(relationship, actor)
    labels = ", ".join(sorted(Status(s).label.lower() for s in allowed)) or "none"
    return Conflict(
        MSG_TRANSITION.format(
            old=Status(relationship.status).label.lower(), new=_label(new), allowed=labels
        ),
        field="status",
        code=consent.ConsentCode.BAD_TRANSITION,
    )


def move(
    *,
    actor: Person,
    relationship: Relationship,
    status: str,
    now: dt.datetime | None = None,
    step: bool = False,
) -> Relationship:
    """Move along the pipeline by the consent rules; the one place a status changes.

    ``step``: called by the step that carries the move (sending, accepting,
    declining a request, recording the agreement). A plain status change may
    not make those moves, since they need what the step records.
    """
    old = relationship.status
    if relationship.role_of(actor) is None:
        raise NotFound(MSG_NOT_A_SIDE)
    if not consent.has_consented(relationship, actor) and old != Status.ASKED:
        # Someone who never said yes sees nothing but a request waiting for them.
        raise NotFound(MSG_NOT_A_SIDE)
    if status == old:
        return relationship
    rule = consent.move_rule(relationship, status)
    if rule is None:
        raise _refuse_move(relationship, actor, status)
    if not consent.may_make(relationship, actor, rule):
        requester = relationship.created_by
        other = consent.counterpart(relationship, actor)
        raise Conflict(
            MSG_NOT_ALLOWED[rule.who].format(
                requester=requester.name, other=other.name if other else "the other person"
            ),
            field="status",
            code=consent.ConsentCode.NOT_ALLOWED,
        )
    if rule.via is not None and not step:
        raise Conflict(
            MSG_USE_STEP.format(new=_label(status), via=rule.via),
            field="status",
            code=consent.ConsentCode.USE_STEP,
        )
    if status == Status.ACTIVE:
        _lock_and_check_capacity(relationship)
    if old in CLOSED:  # reopening a declined request must not clash with a newer one
        _check_duplicate(relationship)
    fields = ["status", "status_changed_at", "updated_at"]
    if status == Status.PROSPECT:
        # Back to a private prospect: the other account's yes (if any) was to
        # the old request, and a new one must be asked for.
        for side in ("mentee", "mentor"):
            if getattr(relationship, f"{side}_id") not in (None, relationship.created_by_id):
                setattr(relationship, f"{side}_consented_at", None)
        fields += ["mentee_consented_at", "mentor_consented_at"]
    relationship.status = status
    relationship.status_changed_at = clock.resolve(now)
    relationship.save(update_fields=fields)
    return relationship


@transaction.atomic
def relationship_set_status(
    *, actor: Person, relationship: Relationship, status: str, now: dt.datetime | None = None
) -> Relationship:
    """A plain status change by ``actor``, as the consent rules allow; capacity on activation."""
    return move(actor=actor, relationship=relationship, status=status, now=now)


def _label(status: str) -> str:
    try:
        return Status(status).label.lower()
    except ValueError:
        return status


@transaction.atomic
def relationship_set_agreement(
    *,
    actor: Person,
    relationship: Relationship,
    cadence_days: int | None,
    meeting_minutes: int | None,
    channel: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    confidentiality: str,
) -> Relationship:
    """Record what the two agreed: how often, how long, how, until when, in confidence."""
    _require_requester_or_mutual(relationship, actor)
    if cadence_days is not None:
        v.integer(cadence_days, field="cadence_days", low=1, high=366)
    if meeting_minutes is not None:
        v.integer(meeting_minutes, field="meeting_minutes", low=5, high=480)
    if channel and channel not in Relationship.Channel.values:
        raise ValidationError(f"“{channel}” is not a channel", field="channel")
    v.date_order(starts_on, ends_on, field="ends_on")
    relationship.cadence_days = cadence_days
    relationship.meeting_minutes = meeting_minutes
    relationship.channel = channel
    relationship.starts_on = starts_on
    relationship.ends_on = ends_on
    relationship.confidentiality = v.text(confidentiality, field="confidentiality", max_length=2000)
    relationship.save()
    return relationship


MSG_DELETE_NOT_CREATOR = (
    "only {creator}, who added this relationship, can delete it; change its status to ended instead"
)


@transaction.atomic
def relationship_delete(*, actor: Person, relationship: Relationship) -> None:
    """Delete a relationship with everything in it: its creator's decision alone.

    Only while nobody else has said yes to it (a contact, a private prospect, a
    request not accepted): once the other account has accepted, their notes
    are theirs, and ending the relationship keeps everyone's history.
    """
    _require_consented(relationship, actor)
    if relationship.created_by_id != actor.pk:
        raise Conflict(
            MSG_DELETE_NOT_CREATOR.format(creator=relationship.created_by.name), code="not_creator"
        )
    other = consent.counterpart(relationship, actor)
    if other is not None and consent.has_consented(relationship, other):
        raise Conflict(MSG_DELETE_MUTUAL.format(other=other.name), code="other_consented")
    relationship.delete()


# Keeping the relationship alive ----------------------------------------------

MSG_FUTURE_DATE = "cannot be in the future"
MSG_SNOOZE_PAST = "must be after today"
MSG_SNOOZE_TOO_LONG = "a snooze lasts at most {days} days; pause the relationship instead"
MSG_SNOOZE_REASON = "say why, so future you knows (for example “she is on leave until May”)"
MSG_DECISION = "“{value}” is not a decision ({allowed})"
MSG_REASON_NEEDED = "give a reason when you park or set aside advice"
MSG_ADVICE_ELSEWHERE = "belongs to another relationship"
MSG_GRATITUDE_KIND = "“{value}” is not a kind of thanks ({allowed})"
MSG_TOUCHPOINT_KIND = "“{value}” is not a kind of contact ({allowed})"
MSG_NOT_A_SIDE = "no such relationship"
MSG_ADVICE_MENTEE_ONLY = "the advice log is the mentee's own record: only the mentee writes in it"
MAX_SNOOZE_DAYS = 180


def _require_side(relationship: Relationship, actor: Person) -> str:
    # Callers fetch through relationship_get_for; this is defence in depth.
    return _require_consented(relationship, actor)


def _not_future(value: dt.date, today: dt.date, *, field: str) -> dt.date:
    if value > today:
        raise ValidationError(MSG_FUTURE_DATE, field=field)
    return value


def _choice(value: str, choices: type[models.TextChoices], *, field: str, message: str) -> str:
    if value not in choices.values:
        raise ValidationError(
            message.format(value=value, allowed=", ".join(choices.values)), field=field
        )
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
    _require_side(relationship, actor)
    return Touchpoint.objects.create(
        relationship=relationship,
        author=actor,
        kind=_choice(kind, Touchpoint.Kind, field="kind", message=MSG_TOUCHPOINT_KIND),
        happened_on=_not_future(happened_on, today, field="happened_on"),
        note=v.text(note, field="note", max_length=500),
    )


@transaction.atomic
def touchpoint_delete(*, actor: Person, touchpoint: Touchpoint) -> None:
    if touchpoint.author_id != actor.pk:
        raise NotFound("no such contact log")
    touchpoint.delete()


@transaction.atomic
def relationship_snooze(
    *, actor: Person, relationship: Relationship, until: dt.date, reason: str, today: dt.date
) -> Relationship:
    _require_side(relationship, actor)
    if until <= today:
        raise ValidationError(MSG_SNOOZE_PAST, field="until")
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError(MSG_SNOOZE_TOO_LONG.format(days=MAX_SNOOZE_DAYS), field="until")
    clean_reason = v.text(reason, field="reason", max_length=200)
    if not clean_reason:
        raise ValidationError(MSG_SNOOZE_REASON, field="reason")
    relationship.snoozed_until = until
    relationship.snooze_reason = clean_reason
    relationship.snoozed_by = actor
    relationship.save(update_fields=["snoozed_until", "snooze_reason", "snoozed_by", "updated_at"])
    return relationship


@transaction.atomic
def relationship_unsnooze(*, actor: Person, relationship: Relationship) -> Relationship:
    _require_side(relationship, actor)
    relationship.snoozed_until = None
    relationship.snooze_reason = ""
    relationship.snoozed_by = None
    relationship.save(update_fields=["snoozed_until", "snooze_reason", "snoozed_by", "updated_at"])
    return relationship


@transaction.atomic
def relationship_set_update_cadence(
    *, actor: Person, relationship: Relationship, every_days: int | None, keep_in_touch: bool
) -> Relationship:
    _require_side(relationship, actor)
    if every_days is not None:
        v.integer(every_days, field="update_every_days", low=7, high=366)
    relationship.update_every_days = every_days
    relationship.keep_in_touch = keep_in_touch
    relationship.save(update_fields=["update_every_days", "keep_in_touch", "updated_at"])
    return relationship


@transaction.atomic
def question_add(*, author: Person, relationship: Relationship, text: str) -> Question:
    _require_side(relationship, author)
    return Question.objects.create(
        relationship=relationship,
        author=author,
        text=v.text(text, field="text", max_length=500, required=True),
    )


@transaction.atomic
def question_set_answered(
    *, actor: Person, question: Question, answered_on: dt.date | None
) -> Question:
    _require_side(question.relationship, actor)
    question.answered_on = answered_on
    question.save(update_fields=["answered_on", "updated_at"])
    return question


@transaction.atomic
def question_delete(*, actor: Person, question: Question) -> None:
    _require_side(question.relationship, actor)
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
) -> Advice:
    """Write down a piece of advice; the decision comes later, and is the mentee's."""
    if _require_side(relationship, actor) != "mentee":
        raise Conflict(MSG_ADVICE_MENTEE_ONLY, code="not_mentee")
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise ValidationError(MSG_ADVICE_ELSEWHERE, field="meeting")
    return Advice.objects.create(
        relationship=relationship,
        recorded_by=actor,
        meeting=meeting,
        text=v.text(text, field="text", max_length=1000, required=True),
        given_on=_not_future(given_on, today, field="given_on"),
        report_back=report_back,
    )


@transaction.atomic
def advice_decide(*, actor: Person, advice: Advice, decision: str, reason: str = "") -> Advice:
    _require_side(advice.relationship, actor)
    advice.decision = _choice(decision, Advice.Decision, field="decision", message=MSG_DECISION)
    advice.reason = v.text(reason, field="reason", max_length=1000)
    if decision in (Advice.Decision.PARK, Advice.Decision.REJECT) and not advice.reason:
        raise ValidationError(MSG_REASON_NEEDED, field="reason")
    advice.save(update_fields=["decision", "reason", "updated_at"])
    return advice


@transaction.atomic
def advice_record_outcome(
    *, actor: Person, advice: Advice, outcome: str, today: dt.date, report_back: bool = True
) -> Advice:
    """How it went; by default flags it to report back in the next agenda and update."""
    _require_side(advice.relationship, actor)
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
    _require_side(advice.relationship, actor)
    advice.report_back = report_back
    advice.save(update_fields=["report_back", "updated_at"])
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
    _require_side(relationship, actor)
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise ValidationError(MSG_ADVICE_ELSEWHERE, field="meeting")
    if advice is not None and advice.relationship_id != relationship.pk:
        raise ValidationError(MSG_ADVICE_ELSEWHERE, field="advice")
    return Gratitude.objects.create(
        relationship=relationship,
        given_by=actor,
        kind=_choice(kind, Gratitude.Kind, field="kind", message=MSG_GRATITUDE_KIND),
        given_on=_not_future(given_on, today, field="given_on"),
        description=v.text(description, field="description", max_length=1000, required=True),
        meeting=meeting,
        advice=advice,
    )


@transaction.atomic
def update_record_sent(
    *, actor: Person, relationship: Relationship, body: str, sent_on: dt.date, today: dt.date
) -> MentorUpdate:
    """Record an update as sent: it counts as contact, and reports back the advice it covered."""
    _require_side(relationship, actor)
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
        report_back=True,
        reported_back_on__isnull=True,
        outcome_on__lte=sent,
    ).exclude(outcome="").update(reported_back_on=sent)
    Touchpoint.objects.create(
        relationship=relationship, author=actor, kind=Touchpoint.Kind.UPDATE, happened_on=sent
    )
    return update

"""Writes for relationships: creation, the status pipeline, agreements.

Capacity is checked under a row lock on the mentor so that two acceptances
racing for a mentor's last place cannot both win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, ValidationError
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.models import Relationship

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

#: The pipeline. Ended and declined relationships are closed; a new
#: relationship starts a new chapter rather than reopening an old one.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PROSPECT: frozenset({Status.ASKED, Status.INTRO, Status.ACTIVE, Status.DECLINED, Status.ENDED}),
    Status.ASKED: frozenset({Status.PROSPECT, Status.INTRO, Status.ACTIVE, Status.DECLINED}),
    Status.INTRO: frozenset({Status.ACTIVE, Status.DECLINED, Status.ENDED}),
    Status.ACTIVE: frozenset({Status.PAUSED, Status.ENDED}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.ENDED}),
    Status.ENDED: frozenset(),
    Status.DECLINED: frozenset({Status.PROSPECT}),
}
CLOSED = frozenset({Status.ENDED, Status.DECLINED})


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
    kind: str = Relationship.Kind.MENTOR,
    purpose: str = "",
    status: str = Status.PROSPECT,
    goals: Iterable[Goal] = (),
    now: dt.datetime | None = None,
) -> Relationship:
    """Start a relationship between ``created_by`` (as ``my_role``) and someone else."""
    if my_role not in ("mentee", "mentor"):
        raise ValidationError(MSG_ROLE, field="my_role")
    if other_person is None and other_contact is None:
        raise ValidationError(MSG_NO_OTHER, field="other")
    if other_person is not None and other_contact is not None:
        raise ValidationError(MSG_BOTH_OTHERS, field="other")
    if other_person is not None and other_person.pk == created_by.pk:
        raise ValidationError(MSG_SELF.format(role="mentor" if my_role == "mentee" else "mentee"), field="other")
    if other_contact is not None and other_contact.owner_id != created_by.pk:
        raise ValidationError(MSG_FOREIGN_CONTACT, field="other")
    if status not in Status.values:
        raise ValidationError(f"“{status}” is not a status", field="status")
    # A contact who has an account is the account: relationships follow people.
    if other_contact is not None and other_contact.person_id is not None:
        other_person, other_contact = other_contact.person, None
        if other_person is not None and other_person.pk == created_by.pk:
            raise ValidationError(MSG_SELF.format(role="mentor"), field="other")

    relationship = Relationship(
        created_by=created_by,
        kind=_kind(kind),
        status=status,
        status_changed_at=clock.resolve(now),
        purpose=v.text(purpose, field="purpose", max_length=300),
    )
    if my_role == "mentee":
        relationship.mentee = created_by
        relationship.mentor, relationship.mentor_contact = other_person, other_contact
    else:
        relationship.mentor = created_by
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


@transaction.atomic
def relationship_update(
    *, relationship: Relationship, kind: str, purpose: str, goals: Iterable[Goal]
) -> Relationship:
    relationship.kind = _kind(kind)
    relationship.purpose = v.text(purpose, field="purpose", max_length=300)
    chosen_goals = _goals_for(relationship.mentee, goals)
    _check_duplicate(relationship)
    relationship.save()
    relationship.goals.set(chosen_goals)
    return relationship


@transaction.atomic
def relationship_set_status(
    *, relationship: Relationship, status: str, now: dt.datetime | None = None
) -> Relationship:
    """Move along the pipeline; activation checks the mentor's capacity."""
    old = relationship.status
    if status == old:
        return relationship
    allowed = TRANSITIONS.get(old, frozenset())
    if status not in allowed:
        labels = ", ".join(sorted(Status(s).label.lower() for s in allowed)) or "none (closed)"
        raise Conflict(
            MSG_TRANSITION.format(old=Status(old).label.lower(), new=_label(status), allowed=labels),
            field="status",
            code="bad_transition",
        )
    relationship.status = status
    if status == Status.ACTIVE:
        _lock_and_check_capacity(relationship)
    if old in CLOSED:  # reopening a declined request must not clash with a newer one
        _check_duplicate(relationship)
    relationship.status_changed_at = clock.resolve(now)
    relationship.save(update_fields=["status", "status_changed_at", "updated_at"])
    return relationship


def _label(status: str) -> str:
    try:
        return Status(status).label.lower()
    except ValueError:
        return status


@transaction.atomic
def relationship_set_agreement(
    *,
    relationship: Relationship,
    cadence_days: int | None,
    meeting_minutes: int | None,
    channel: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    confidentiality: str,
) -> Relationship:
    """Record what the two agreed: how often, how long, how, until when, in confidence."""
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


@transaction.atomic
def relationship_delete(*, relationship: Relationship) -> None:
    relationship.delete()

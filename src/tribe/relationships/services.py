"""Writes for relationships: creation, the status pipeline, agreements.

Capacity is checked under a row lock on the mentor so that two acceptances
racing for a mentor's last place cannot both win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.labels import in_sentence, label_in_sentence
from tribe.people.models import Contact, Goal, Person
from tribe.relationships import consent
from tribe.relationships.errors import (
    MSG_NO_MOVES,
    MSG_ONLY_ASKED,
    MSG_ONLY_REQUESTER,
    MSG_OVER_CAPACITY,
    MSG_THE_OTHER_PERSON,
    MSG_WAITS_FOR,
    ROLE_EITHER,
    ROLE_MENTEE,
    ROLE_MENTOR,
    ConsentCode,
    RelationshipCode,
)
from tribe.relationships.models import CLOSED_STATUSES, Relationship

Status = Relationship.Status

#: What a person who may not move a relationship is told, by who may.
MSG_NOT_ALLOWED = {
    consent.Who.REQUESTER: MSG_ONLY_REQUESTER,
    consent.Who.ASKED: MSG_ONLY_ASKED,
    consent.Who.EITHER: MSG_WAITS_FOR,
}

#: Re-exported: the pipeline rules live in consent.py.
TRANSITIONS = consent.TRANSITIONS


def _kind(value: str) -> str:
    if value not in Relationship.Kind.values:
        raise ValidationError(
            RelationshipCode.BAD_KIND,
            field="kind",
            value=value,
            allowed=", ".join(Relationship.Kind.values),
        )
    return value


def _goals_for(mentee: Person | None, goals: Iterable[Goal]) -> list[Goal]:
    chosen = list(goals)
    for goal in chosen:
        if mentee is None or goal.person_id != mentee.pk:
            raise ValidationError(RelationshipCode.FOREIGN_GOAL, field="goals", title=goal.title)
    return chosen


def _lock_and_check_capacity(relationship: Relationship) -> None:
    """Refuse to make ``relationship`` active when its mentor is full.

    Locks the mentor's row first, so concurrent activations serialise.
    """
    if relationship.mentor_id is None:
        return  # a contact has no capacity on record to enforce
    # A programme's pair was matched under the capacity the mentor gave that
    # programme (the run enforced it); their personal capacity is for people
    # who ask them directly, and is often 0 for a programme-only mentor.
    # ``offer`` is the programme offer's reverse accessor: named, not imported,
    # since programmes sit above relationships.
    if Relationship.objects.filter(pk=relationship.pk, offer__isnull=False).exists():
        return
    mentor = Person.objects.select_for_update().get(pk=relationship.mentor_id)
    active = (
        Relationship.objects.filter(mentor=mentor, status=Status.ACTIVE)
        .exclude(pk=relationship.pk)
        .count()
    )
    if active >= mentor.mentee_capacity:
        raise Conflict(
            MSG_OVER_CAPACITY.format(
                mentor=mentor.name, count=active, capacity=mentor.mentee_capacity
            ),
            field="status",
            code=RelationshipCode.OVER_CAPACITY,
        )


def _check_duplicate(relationship: Relationship) -> None:
    sides = ("mentee", "mentee_contact", "mentor", "mentor_contact")
    same_pair = {f"{side}_id": getattr(relationship, f"{side}_id") for side in sides}
    if open_clash_exists(relationship, **same_pair):
        raise _duplicate(relationship)


def open_clash_exists(relationship: Relationship, **pair: object) -> bool:
    """Whether another open relationship of the same kind joins ``pair`` (field lookups)."""
    clash = Relationship.objects.filter(kind=relationship.kind, **pair)
    clash = clash.exclude(status__in=CLOSED_STATUSES)
    if relationship.pk:
        clash = clash.exclude(pk=relationship.pk)
    return clash.exists()


def _duplicate(relationship: Relationship) -> Conflict:
    return Conflict(
        RelationshipCode.DUPLICATE,
        field="kind",
        kind=in_sentence(relationship, "kind"),
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
        raise ValidationError(RelationshipCode.BAD_ROLE, field="my_role")
    if other_email:
        if other_person is not None or other_contact is not None:
            raise ValidationError(RelationshipCode.BOTH_OTHERS, field="other")
        other_contact = contact_for_email(owner=created_by, email=other_email)
    if other_person is None and other_contact is None:
        raise ValidationError(RelationshipCode.NO_OTHER, field="other")
    if other_person is not None and other_contact is not None:
        raise ValidationError(RelationshipCode.BOTH_OTHERS, field="other")
    if other_person is not None and other_person.pk == created_by.pk:
        raise ValidationError(
            RelationshipCode.SELF,
            field="other",
            role=gettext(ROLE_MENTOR if my_role == "mentee" else ROLE_MENTEE),
        )
    if other_contact is not None and other_contact.owner_id != created_by.pk:
        raise ValidationError(RelationshipCode.FOREIGN_CONTACT, field="other")
    if status not in Status.values:
        raise ValidationError(RelationshipCode.BAD_STATUS, field="status", status=status)
    # A contact linked to an account (by that account's own acceptance, or a
    # verified address) is the account: relationships follow people.
    if other_contact is not None and other_contact.person_id is not None:
        other_person, other_contact = other_contact.person, None
        if other_person is not None and other_person.pk == created_by.pk:
            raise ValidationError(RelationshipCode.SELF, field="other", role=gettext(ROLE_MENTOR))
    # Nobody is put into a relationship without their say: with an account,
    # it starts private to its creator and goes on only when they accept.
    if other_person is not None and status != Status.PROSPECT:
        raise ValidationError(RelationshipCode.STARTS_PRIVATE, field="status")

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
        raise _duplicate(relationship) from exc
    relationship.goals.set(chosen_goals)
    return relationship


def contact_for_email(*, owner: Person, email: str) -> Contact:
    """``owner``'s contact with this address, made if there is none; never an account lookup."""
    address = v.email(email, field="other_email")
    if address.lower() == owner.email.lower():
        raise ValidationError(RelationshipCode.SELF, field="other_email", role=gettext(ROLE_EITHER))
    contact = Contact.objects.filter(owner=owner, email__iexact=address).first()
    if contact is None:
        contact = Contact.objects.create(
            owner=owner, name=address.split("@")[0][:200], email=address
        )
    return contact


def _require_requester_or_mutual(relationship: Relationship, actor: Person) -> None:
    """Before the other account says yes, only the requester shapes the relationship."""
    consent.require_consented(relationship, actor)
    if not consent.is_mutual(relationship) and not consent.is_requester(relationship, actor):
        raise Conflict(ConsentCode.NOT_MUTUAL)


def _require_mentees_own(
    relationship: Relationship, actor: Person, *, purpose: str, goals: list[Goal]
) -> None:
    """The goals and the purpose statement are the mentee's account's to change alone.

    Sending them back unchanged is no change: the edit page and the API post them
    with the kind. A mentee who is a contact has no say here, so whoever keeps the
    relationship writes them.
    """
    if relationship.mentee_id is None or relationship.mentee_id == actor.pk:
        return
    if purpose != relationship.purpose.strip():
        changed = "purpose"
    elif {g.pk for g in goals} != set(relationship.goals.values_list("pk", flat=True)):
        changed = "goals"
    else:
        return
    raise Conflict(RelationshipCode.MENTEES_OWN, field=changed, mentee=relationship.mentee_name)


def kind_is_settled(relationship: Relationship) -> bool:
    """Whether the kind is fixed: two accounts, and both have said yes to it.

    Each side accepted the relationship as the kind it then was, and what it
    carries follows the kind (a coach's regimen, a sponsor's asks), so one side
    alone cannot turn it into another. Until the other account accepts, the
    requester may still change it; a relationship with a contact is its one
    account's own record, whose kind stays theirs to change.
    """
    if relationship.mentee_id is None or relationship.mentor_id is None:
        return False
    return consent.is_mutual(relationship)


def _require_kind_open(relationship: Relationship, actor: Person, kind: str) -> None:
    if kind == relationship.kind or not kind_is_settled(relationship):
        return
    other = consent.counterpart(relationship, actor)
    raise Conflict(
        RelationshipCode.KIND_SETTLED,
        field="kind",
        other=other.name if other is not None else gettext(MSG_THE_OTHER_PERSON),
        kind=in_sentence(relationship, "kind"),
    )


@transaction.atomic
def relationship_update(
    *, actor: Person, relationship: Relationship, kind: str, purpose: str, goals: Iterable[Goal]
) -> Relationship:
    """Change the kind, purpose and goals; the purpose and goals only by the mentee.

    The kind only until both accounts have said yes (:func:`kind_is_settled`).
    """
    _require_requester_or_mutual(relationship, actor)
    clean_kind = _kind(kind)
    _require_kind_open(relationship, actor, clean_kind)
    clean_purpose = v.text(purpose, field="purpose", max_length=300)
    chosen_goals = _goals_for(relationship.mentee, goals)
    _require_mentees_own(relationship, actor, purpose=clean_purpose, goals=chosen_goals)
    relationship.kind, relationship.purpose = clean_kind, clean_purpose
    _check_duplicate(relationship)
    relationship.save()
    relationship.goals.set(chosen_goals)
    return relationship


def _refuse_move(relationship: Relationship, actor: Person, new: str) -> Conflict:
    allowed = consent.allowed_moves(relationship, actor)
    labels = ", ".join(sorted(_label(s) for s in allowed)) or gettext(MSG_NO_MOVES)
    return Conflict(
        ConsentCode.BAD_TRANSITION,
        field="status",
        old=_label(relationship.status),
        new=_label(new),
        allowed=labels,
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
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    if not consent.has_consented(relationship, actor) and old != Status.ASKED:
        # Someone who never said yes sees nothing but a request waiting for them.
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    if status == old:
        return relationship
    rule = consent.move_rule(relationship, status)
    if rule is None:
        raise _refuse_move(relationship, actor, status)
    if not consent.may_make(relationship, actor, rule):
        requester = relationship.created_by
        other = consent.counterpart(relationship, actor)
        raise Conflict(
            gettext(MSG_NOT_ALLOWED[rule.who]).format(
                requester=requester.name,
                other=other.name if other else gettext(MSG_THE_OTHER_PERSON),
            ),
            field="status",
            code=ConsentCode.NOT_ALLOWED,
        )
    if rule.via is not None and not step:
        raise Conflict(
            ConsentCode.USE_STEP, field="status", new=_label(status), via=gettext(rule.via)
        )
    if status == Status.ACTIVE:
        _lock_and_check_capacity(relationship)
    if old in CLOSED_STATUSES:  # reopening a declined request must not clash with a newer one
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
    """A status as a message names it: its label inside a sentence, in the active language."""
    try:
        return label_in_sentence(Relationship, "status", status)
    except KeyError:
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
        raise ValidationError(RelationshipCode.BAD_CHANNEL, field="channel", channel=channel)
    # Bounded like every stored date, so no page or calendar later meets the year 9999.
    v.date(starts_on, field="starts_on")
    v.date(ends_on, field="ends_on")
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
def relationship_delete(*, actor: Person, relationship: Relationship) -> None:
    """Delete a relationship with everything in it: its creator's decision alone.

    Only while nobody else has said yes to it (a contact, a private prospect, a
    request not accepted): once the other account has accepted, their notes
    are theirs, and ending the relationship keeps everyone's history.
    """
    consent.require_consented(relationship, actor)
    if relationship.created_by_id != actor.pk:
        raise Conflict(RelationshipCode.NOT_CREATOR, creator=relationship.created_by.name)
    other = consent.counterpart(relationship, actor)
    if other is not None and consent.has_consented(relationship, other):
        raise Conflict(RelationshipCode.OTHER_CONSENTED, other=other.name)
    relationship.delete()

"""Writes for outreach: finding mentors, steps 4 and 5, and the mentor's side of a request.

Ask well: a request drafted from the purpose statement, the specific ask and
why this person; nudges when no answer comes, and after a second silence a
suggestion to move on. Start right: the intro meeting ends with an
agreement that starts the active relationship.

The drafts and the nudge timing are reads, in ``selectors.py``; blocks are
here because blocking declines the requests waiting from that person.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.labels import in_sentence
from tribe.core.zones import local
from tribe.outreach.ask_size import CADENCE_RANGE, MINUTES_RANGE, MONTHS_RANGE, add_months
from tribe.outreach.errors import OutreachCode
from tribe.outreach.models import Introduction
from tribe.outreach.nudges import NudgeState
from tribe.outreach.selectors import nudge_state
from tribe.people.accounts import UNSET, Unset
from tribe.people.errors import PeopleCode
from tribe.people.models import Block, Contact, Person
from tribe.relationships import consent, services
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import MET_STATUSES, Relationship

Status = Relationship.Status

#: A mentor introduces a mentee from the intro meeting on (and after it ended).
INTRODUCING = MET_STATUSES


def _require_requester(relationship: Relationship, actor: Person) -> None:
    """The person who started the relationship; the other side sees no prospect at all."""
    consent.require_consented(relationship, actor)
    if not consent.is_requester(relationship, actor):
        if relationship.mentee_id == relationship.created_by_id:
            raise Conflict(OutreachCode.NOT_MENTEE)
        raise Conflict(ConsentCode.NOT_REQUESTER, requester=relationship.created_by.name)


def _require_asked(relationship: Relationship, actor: Person) -> None:
    """The person a request waits on: they see it, and only they answer it."""
    if relationship.role_of(actor) is None:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    if consent.has_consented(relationship, actor):
        if relationship.status in (Status.INTRO, Status.ACTIVE, Status.PAUSED) and (
            not consent.is_requester(relationship, actor)
        ):
            raise Conflict(OutreachCode.ALREADY_ACCEPTED, field="status")
        raise Conflict(ConsentCode.NOT_ASKED)
    if relationship.status == Status.DECLINED:  # they said no themselves: no secret to keep
        raise _no_open_request(relationship)
    if relationship.status != Status.ASKED:
        # Not asked (yet, or any more): not theirs to see.
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)


def _asked_person(relationship: Relationship) -> Person | None:
    """The account the request goes to: the side that is not the requester's."""
    if relationship.created_by_id == relationship.mentee_id:
        return relationship.mentor
    return relationship.mentee


def _check_room(mentor: Person, *, exclude: int | None = None) -> None:
    """A request or acceptance needs a mentor who is open and has a free place."""
    if not mentor.open_to_mentoring:
        raise Conflict(OutreachCode.NOT_OPEN, field="mentor", name=mentor.name)
    active = Relationship.objects.filter(mentor=mentor, status=Status.ACTIVE)
    taken = (active.exclude(pk=exclude) if exclude is not None else active).count()
    if taken >= mentor.mentee_capacity:
        raise Conflict(
            OutreachCode.OVER_CAPACITY,
            field="mentor",
            name=mentor.name,
            count=taken,
            capacity=mentor.mentee_capacity,
        )


def _status(relationship: Relationship) -> str:
    """The status as a message names it: its label inside a sentence, in the active language."""
    return in_sentence(relationship, "status")


def _no_open_request(relationship: Relationship) -> Conflict:
    return Conflict(OutreachCode.NO_OPEN_REQUEST, field="status", status=_status(relationship))


def _step(
    *, actor: Person, relationship: Relationship, status: str, now: dt.datetime | None
) -> Relationship:
    """The move that a step of outreach carries (sending, answering, agreeing): see consent.py."""
    return services.move(actor=actor, relationship=relationship, status=status, now=now, step=True)


# Writes ----------------------------------------------------------------------


@transaction.atomic
def outreach_prepare(
    *,
    actor: Person,
    relationship: Relationship,
    ask: str,
    why_them: str,
    purpose: str,
    cadence_days: int | Unset | None = UNSET,
    meeting_minutes: int | Unset = UNSET,
    months: int | Unset = UNSET,
    give_back: str | Unset = UNSET,
) -> Relationship:
    """The request's words and its size; what is left out keeps its value.

    ``cadence_days`` None proposes the mentor's preferred cadence (else monthly);
    ``give_back`` is the mentee's own text from then on, "" leaving the section out.
    Only before the request is sent: the mentor said yes (or will answer) to
    what they read, so its words and size cannot change under them.
    """
    _require_requester(relationship, actor)
    if relationship.status != Status.PROSPECT:
        raise Conflict(OutreachCode.ALREADY_SENT, field="status", status=_status(relationship))
    # Validate everything before changing anything, so a refusal leaves the object as it was.
    fields: dict[str, object] = {
        "ask": v.text(ask, field="ask", max_length=500),
        "why_them": v.text(why_them, field="why_them", max_length=500),
        "purpose": v.text(purpose, field="purpose", max_length=300),
    }
    if not isinstance(cadence_days, Unset):
        fields["ask_cadence_days"] = (
            None
            if cadence_days is None
            else v.integer(
                cadence_days, field="cadence_days", low=CADENCE_RANGE[0], high=CADENCE_RANGE[1]
            )
        )
    if not isinstance(meeting_minutes, Unset):
        fields["ask_meeting_minutes"] = v.integer(
            meeting_minutes, field="meeting_minutes", low=MINUTES_RANGE[0], high=MINUTES_RANGE[1]
        )
    if not isinstance(months, Unset):
        fields["ask_months"] = v.integer(
            months, field="months", low=MONTHS_RANGE[0], high=MONTHS_RANGE[1]
        )
    if not isinstance(give_back, Unset):
        fields["give_back"] = v.text(give_back, field="give_back", max_length=1000)
        fields["give_back_written"] = True
    for name, value in fields.items():
        setattr(relationship, name, value)
    relationship.save(update_fields=[*fields, "updated_at"])
    return relationship


@transaction.atomic
def outreach_send(
    *, actor: Person, relationship: Relationship, message: str, now: dt.datetime | None = None
) -> Relationship:
    """Record the request as sent: the relationship moves to "asked".

    A request to a contact whose address belongs to a verified account goes
    to that account, which then sees the request (and only the request) and
    answers it. The requester is told the same either way.
    """
    _require_requester(relationship, actor)
    if relationship.status != Status.PROSPECT:
        raise Conflict(OutreachCode.ALREADY_SENT, field="status", status=_status(relationship))
    if not relationship.purpose.strip():
        raise ValidationError(OutreachCode.NO_PURPOSE, field="purpose")
    _deliver_to_account(relationship, actor)
    asked = _asked_person(relationship)
    if asked is not None:
        if asked.email_verified_at is None or not asked.is_active:
            raise Conflict(ConsentCode.NOT_REACHABLE, field="mentor", name=asked.name)
        if consent.is_blocked(blocker=asked, blocked=actor):
            raise Conflict(ConsentCode.BLOCKED, field="mentor", name=asked.name)
    if relationship.mentor_id is not None and relationship.mentor_id != actor.pk:
        _check_room(Person.objects.select_for_update().get(pk=relationship.mentor_id))
    moment = clock.resolve(now)
    relationship.request_message = v.text(message, field="message", max_length=5000, required=True)
    relationship.asked_at = moment
    relationship.nudges_sent = 0
    relationship.last_nudge_at = None
    relationship.save(
        update_fields=["request_message", "asked_at", "nudges_sent", "last_nudge_at", "updated_at"]
    )
    return _step(actor=actor, relationship=relationship, status=Status.ASKED, now=moment)


@transaction.atomic
def outreach_nudge(
    *, actor: Person, relationship: Relationship, now: dt.datetime | None = None
) -> Relationship:
    _require_requester(relationship, actor)
    moment = clock.resolve(now)
    # The mentee's own calendar day, as the pages show it.
    today = local(moment, actor.timezone).date()
    state = nudge_state(
        relationship=relationship,
        wait_days=actor.nudge_after_days,
        today=today,
        zone_name=actor.timezone,
    )
    if state.state == NudgeState.WAITING:
        assert state.due_on is not None  # a wait always has its end
        until = date_format(state.due_on, "PADDED_DATE_FORMAT")
        raise ValidationError(OutreachCode.NUDGE_EARLY, field="nudge", date=until)
    if state.state == NudgeState.MOVE_ON:
        raise Conflict(OutreachCode.MOVE_ON, field="nudge")
    if state.state == NudgeState.NONE:
        raise _no_open_request(relationship)
    relationship.nudges_sent += 1
    relationship.last_nudge_at = moment
    relationship.save(update_fields=["nudges_sent", "last_nudge_at", "updated_at"])
    return relationship


@transaction.atomic
def outreach_answer_info(
    *, actor: Person, relationship: Relationship, answer: str, now: dt.datetime | None = None
) -> Relationship:
    """The requester answers the question asked: the request is waiting again."""
    _require_requester(relationship, actor)
    if relationship.status != Status.ASKED:
        raise _no_open_request(relationship)
    text = v.text(answer, field="answer", max_length=2000, required=True)
    # Kept in the request, in the words of the person answering.
    answered = gettext("— Question: {question}\n— Answer: {answer}").format(
        question=relationship.info_request, answer=text
    )
    relationship.request_message = f"{relationship.request_message}\n\n{answered}"[:5000]
    relationship.info_request = ""
    relationship.asked_at = clock.resolve(now)  # the wait for an answer starts again
    relationship.save(update_fields=["request_message", "info_request", "asked_at", "updated_at"])
    return relationship


@transaction.atomic
def request_accept(
    *, actor: Person, relationship: Relationship, now: dt.datetime | None = None
) -> Relationship:
    """The person asked says yes: on to the intro meeting, and now both see it all."""
    _require_asked(relationship, actor)
    moment = clock.resolve(now)
    if relationship.mentor_id == actor.pk:
        _check_room(Person.objects.select_for_update().get(pk=actor.pk), exclude=relationship.pk)
    _step(actor=actor, relationship=relationship, status=Status.INTRO, now=moment)
    side = relationship.role_of(actor)
    setattr(relationship, f"{side}_consented_at", moment)
    relationship.info_request = ""
    relationship.save(update_fields=[f"{side}_consented_at", "info_request", "updated_at"])
    # The requester's contact for this person now knows the account: linked by
    # the account holder's own yes, never silently.
    if actor.email:
        Contact.objects.filter(
            owner_id=relationship.created_by_id, email__iexact=actor.email, person__isnull=True
        ).update(person=actor)
    return relationship


@transaction.atomic
def request_decline(
    *,
    actor: Person,
    relationship: Relationship,
    message: str,
    ask_again_months: int | None = None,
    now: dt.datetime | None = None,
) -> Relationship:
    _require_asked(relationship, actor)
    relationship.decline_message = v.text(message, field="message", max_length=5000, required=True)
    # "Ask me again in N months" is the mentor's to offer; without it, Tribe suggests no retry.
    relationship.ask_again_months = (
        None
        if ask_again_months is None
        else v.integer(ask_again_months, field="ask_again_months", low=1, high=MONTHS_RANGE[1])
    )
    relationship.save(update_fields=["decline_message", "ask_again_months", "updated_at"])
    return _step(actor=actor, relationship=relationship, status=Status.DECLINED, now=now)


@transaction.atomic
def request_ask_for_info(
    *, actor: Person, relationship: Relationship, question: str
) -> Relationship:
    _require_asked(relationship, actor)
    text = v.text(question, field="question", max_length=1000)
    if not text:
        raise ValidationError(OutreachCode.QUESTION_NEEDED, field="question")
    relationship.info_request = text
    relationship.save(update_fields=["info_request", "updated_at"])
    return relationship


@transaction.atomic
def person_block(*, actor: Person, other: Person, now: dt.datetime | None = None) -> Block:
    """``actor`` wants nothing more from ``other``: requests waiting from them are declined."""
    if other.pk == actor.pk:
        raise ValidationError(OutreachCode.BLOCK_SELF, field="person")
    block, _ = Block.objects.get_or_create(blocker=actor, blocked=other)
    waiting = Relationship.objects.filter(consent.awaiting_q(actor), created_by=other)
    for relationship in waiting:
        relationship.decline_message = ""
        relationship.save(update_fields=["decline_message", "updated_at"])
        _step(actor=actor, relationship=relationship, status=Status.DECLINED, now=now)
    return block


@transaction.atomic
def person_unblock(*, actor: Person, other: Person) -> None:
    Block.objects.filter(blocker=actor, blocked=other).delete()


def _deliver_to_account(relationship: Relationship, actor: Person) -> None:
    """A request to a contact goes to the verified account with the contact's address."""
    for side in ("mentee", "mentor"):
        contact: Contact | None = getattr(relationship, f"{side}_contact")
        if contact is None or not contact.email:
            continue
        account = (
            Person.objects.filter(
                email__iexact=contact.email, email_verified_at__isnull=False, is_active=True
            )
            .exclude(pk=actor.pk)
            .first()
        )
        if account is None:
            continue
        if services.open_clash_exists(
            relationship, **{side: account, f"{_other(side)}_id": actor.pk}
        ):
            continue  # already in touch through another relationship: keep this one a record
        setattr(relationship, side, account)
        setattr(relationship, f"{side}_contact", None)
        relationship.save(update_fields=[side, f"{side}_contact", "updated_at"])


def _other(side: str) -> str:
    return "mentor" if side == "mentee" else "mentee"


@transaction.atomic
def agreement_start(
    *,
    actor: Person,
    relationship: Relationship,
    purpose: str,
    cadence_days: int,
    meeting_minutes: int,
    channel: str,
    starts_on: dt.date,
    months: int,
    confidentiality: str,
    now: dt.datetime | None = None,
) -> Relationship:
    """Step 5: the intro meeting ends with an agreement, which starts the relationship.

    With another account, only after they accepted the request (the
    relationship is in "intro"); with a contact, from any early status.
    """
    consent.require_consented(relationship, actor)
    if not consent.is_mutual(relationship):
        raise Conflict(ConsentCode.NOT_MUTUAL, field="status")
    if relationship.status not in (Status.INTRO, Status.ASKED, Status.PROSPECT):
        raise Conflict(OutreachCode.NOT_IN_INTRO, field="status", status=_status(relationship))
    clean_purpose = v.text(purpose, field="purpose", max_length=300)
    if not clean_purpose:
        raise ValidationError(OutreachCode.NO_PURPOSE, field="purpose")
    v.integer(months, field="months", low=1, high=60)
    # Bounded before the end is counted from it: the year 9999 has no months to add.
    v.date(starts_on, field="starts_on")
    ends_on = add_months(starts_on, months)
    services.relationship_set_agreement(
        actor=actor,
        relationship=relationship,
        cadence_days=cadence_days,
        meeting_minutes=meeting_minutes,
        channel=channel,
        starts_on=starts_on,
        ends_on=ends_on,
        confidentiality=confidentiality,
    )
    relationship.purpose = clean_purpose
    relationship.agreed_at = clock.resolve(now)
    relationship.save(update_fields=["purpose", "agreed_at", "updated_at"])
    if relationship.status != Status.INTRO:  # a contact: straight from the early steps
        _step(actor=actor, relationship=relationship, status=Status.INTRO, now=now)
    return _step(actor=actor, relationship=relationship, status=Status.ACTIVE, now=now)


@transaction.atomic
def introduction_record(
    *,
    actor: Person,
    introducer: Person,
    mentee: Person,
    to_person: Person | None = None,
    to_contact: Contact | None = None,
    to_email: str = "",
    note: str = "",
    introduced_on: dt.date,
    today: dt.date,
    start_prospect: bool = False,
) -> Introduction:
    """Record (and credit) an introduction.

    Optionally start a prospect relationship for the mentee.
    """
    if actor.pk not in (introducer.pk, mentee.pk):
        raise ValidationError(OutreachCode.INTRO_ACTOR, field="introducer")
    if to_email and to_person is None and to_contact is None:
        address = v.email(to_email, field="to")
        if address == mentee.email.lower():
            raise ValidationError(OutreachCode.INTRO_SELF, field="to")
        if address == introducer.email.lower():
            raise ValidationError(OutreachCode.INTRO_INTRODUCER, field="to")
        # By address, as one of the actor's contacts: the answer never tells
        # whether the address has an account.
        to_contact = services.contact_for_email(owner=actor, email=address)
    if (to_person is None) == (to_contact is None):
        raise ValidationError(OutreachCode.INTRO_WHOM, field="to")
    if introducer.pk == mentee.pk or (to_person is not None and to_person.pk == mentee.pk):
        raise ValidationError(OutreachCode.INTRO_SELF, field="to")
    if to_person is not None and to_person.pk == introducer.pk:
        raise ValidationError(OutreachCode.INTRO_INTRODUCER, field="to")
    if to_contact is not None and to_contact.owner_id != actor.pk:
        raise NotFound(PeopleCode.NO_CONTACT, field="to")
    if to_person is not None and (
        consent.is_blocked(blocker=to_person, blocked=introducer)
        or consent.is_blocked(blocker=to_person, blocked=mentee)
    ):
        raise Conflict(ConsentCode.BLOCKED, field="to", name=to_person.name)
    if introduced_on > today:
        raise ValidationError(OutreachCode.INTRO_FUTURE, field="introduced_on")
    # An introduction is between a mentor and their mentee, both of whom said yes.
    if not Relationship.objects.filter(
        consent.mutual_q(), mentor=introducer, mentee=mentee, status__in=INTRODUCING
    ).exists():
        raise NotFound(OutreachCode.NOT_MENTORING, field="mentee")
    relationship = None
    if start_prospect:
        if actor.pk != mentee.pk:
            raise ValidationError(OutreachCode.START_BY_MENTEE, field="start_prospect")
        relationship = services.relationship_create(
            created_by=mentee, my_role="mentee", other_person=to_person, other_contact=to_contact
        )
    return Introduction.objects.create(
        introducer=introducer,
        mentee=mentee,
        to_person=to_person,
        to_contact=to_contact,
        note=v.text(note, field="note", max_length=1000),
        introduced_on=introduced_on,
        relationship=relationship,
    )

"""Finding mentors, steps 4 and 5, and the mentor's side of a request.

Ask well: a request drafted from the purpose statement, the specific ask and
why this person; nudges when no answer comes, and after a second silence a
suggestion to move on. Start right: the intro meeting ends with an
agreement that starts the active relationship.

Writes here follow the services' conventions (keyword-only, atomic, typed
errors naming the field); the drafts and timing are pure reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import local
from tribe.people.models import Block, Contact, Person
from tribe.relationships import consent, services
from tribe.relationships.models import Introduction, Relationship

Status = Relationship.Status
CLOSED = consent.CLOSED

MSG_NO_PURPOSE = (
    "write a one-sentence purpose statement first: what you want to learn from this person, and why"
)
MSG_NOT_MENTEE = "only the mentee sends the request: the mentee owns the relationship"
MSG_NOT_REQUESTER = "only {requester}, who started this relationship, sends the request"
MSG_NOT_ASKED_PERSON = "only the person asked answers a request"
MSG_BLOCKED = "{name} is not taking requests from you"
MSG_NOT_REACHABLE = "{name} cannot receive requests until they have confirmed their e-mail address"
MSG_NOT_PROSPECT = "the request has already been sent (status: {status})"
MSG_NOT_ASKED = "there is no open request to answer (status: {status})"
MSG_ALREADY_ACCEPTED = "this request has already been accepted"
MSG_AT_CAPACITY = "{name} has no free place for a mentee right now ({count} of {capacity} taken)"
MSG_NOT_OPEN = "{name} is not taking mentees at the moment"
MSG_NUDGE_EARLY = "too early to nudge: give them until {date:%d %b %Y}"
MSG_MOVE_ON = (
    "two weeks of silence after a nudge: consider the next candidate instead of nudging again"
)
MSG_NOT_IN_INTRO = "an agreement starts the relationship after the intro meeting (status: {status})"
MSG_INTRO_SELF = "cannot introduce someone to themselves"
MSG_INTRO_INTRODUCER = "the introducer cannot be the person introduced to"
MSG_INTRO_ACTOR = "only the introducer or the person introduced can record an introduction"
MSG_INFO_QUESTION = "ask a question so they know what to add"
MSG_INTRO_NOT_MENTORING = "an introduction is recorded between a mentor and their mentee"
MSG_BLOCK_SELF = "you cannot block yourself"

#: A mentor introduces a mentee from the intro meeting on (and after it ended).
INTRODUCING = (Status.INTRO, Status.ACTIVE, Status.PAUSED, Status.ENDED)

MAX_NUDGES = 1  # one nudge; after a second silence, suggest moving on


def _require_mentee(relationship: Relationship, actor: Person) -> None:
    if relationship.role_of(actor) is None or not consent.has_consented(relationship, actor):
        raise NotFound("no such relationship")
    if relationship.mentee_id != actor.pk:
        raise Conflict(MSG_NOT_MENTEE, code="not_mentee")


def _require_requester(relationship: Relationship, actor: Person) -> None:
    """The person who started the relationship; the other side sees no prospect at all."""
    if relationship.role_of(actor) is None or not consent.has_consented(relationship, actor):
        raise NotFound("no such relationship")
    if not consent.is_requester(relationship, actor):
        if relationship.mentee_id == relationship.created_by_id:
            raise Conflict(MSG_NOT_MENTEE, code="not_mentee")
        raise Conflict(
            MSG_NOT_REQUESTER.format(requester=relationship.created_by.name),
            code=consent.ConsentCode.NOT_REQUESTER,
        )


def _require_asked(relationship: Relationship, actor: Person) -> None:
    """The person a request waits on: they see it, and only they answer it."""
    if relationship.role_of(actor) is None:
        raise NotFound("no such relationship")
    if consent.has_consented(relationship, actor):
        if relationship.status in (Status.INTRO, Status.ACTIVE, Status.PAUSED) and (
            not consent.is_requester(relationship, actor)
        ):
            raise Conflict(MSG_ALREADY_ACCEPTED, field="status", code="already_accepted")
        raise Conflict(MSG_NOT_ASKED_PERSON, code=consent.ConsentCode.NOT_ASKED)
    if relationship.status == Status.DECLINED:  # they said no themselves: no secret to keep
        raise Conflict(MSG_NOT_ASKED.format(status="declined"), field="status")
    if relationship.status != Status.ASKED:
        raise NotFound("no such relationship")  # not asked (yet, or any more): not theirs to see


def _asked_person(relationship: Relationship) -> Person | None:
    """The account the request goes to: the side that is not the requester's."""
    if relationship.created_by_id == relationship.mentee_id:
        return relationship.mentor
    return relationship.mentee


def _check_room(mentor: Person, *, exclude: int | None = None) -> None:
    """A request or acceptance needs a mentor who is open and has a free place."""
    if not mentor.open_to_mentoring:
        raise Conflict(MSG_NOT_OPEN.format(name=mentor.name), field="mentor", code="not_open")
    active = Relationship.objects.filter(mentor=mentor, status=Status.ACTIVE)
    taken = (active.exclude(pk=exclude) if exclude is not None else active).count()
    if taken >= mentor.mentee_capacity:
        raise Conflict(
            MSG_AT_CAPACITY.format(name=mentor.name, count=taken, capacity=mentor.mentee_capacity),
            field="mentor",
            code="over_capacity",
        )


# Drafts ----------------------------------------------------------------------


def request_draft(*, relationship: Relationship, sender: Person) -> str:
    """The request, from the purpose statement, the ask and why this person."""
    first = relationship.mentor_name.split(" ")[0]
    goals = [g.title for g in relationship.goals.all()]
    cadence = relationship.cadence_days or sender.preferred_cadence_days
    lines = [f"Dear {first},", ""]
    if relationship.why_them:
        lines.append(f"I am reaching out to you because {relationship.why_them.rstrip('.')}.")
    if relationship.purpose:
        lines.append(relationship.purpose.rstrip(".") + ".")
    if goals:
        lines.append("What I want to learn: " + "; ".join(goals) + ".")
    ask = relationship.ask or (
        "Would you be open to meeting "
        f"{'every ' + str(cadence) + ' days' if cadence else 'once a month'}"
        " for 30 minutes over the next six months?"
    )
    lines += [
        "",
        ask,
        "",
        "I will come prepared with questions each time, and I will handle the scheduling.",
        "If now is not a good time, I completely understand.",
        "",
        "With thanks,",
        sender.name,
    ]
    return "\n".join(lines) + "\n"


def decline_template(*, relationship: Relationship, mentor: Person) -> str:
    first = relationship.mentee_name.split(" ")[0]
    return (
        f"Dear {first},\n\nThank you for thinking of me, and for such a clear request. "
        "I can't take on a new mentee right now and I would rather say so than do it badly. "
        "Your purpose is a good one: I hope you find the right person soon.\n\n"
        f"Warm wishes,\n{mentor.name}\n"
    )


class NudgeState(StrEnum):
    WAITING = "waiting"  # the answer is not late yet
    NUDGE = "nudge"  # send a friendly nudge
    MOVE_ON = "move_on"  # a second silence: suggest the next candidate
    NONE = "none"  # not waiting for an answer


@dataclass(frozen=True)
class Nudge:
    state: NudgeState
    due_on: dt.date | None


def nudge_state(
    *, relationship: Relationship, wait_days: int, today: dt.date, zone_name: str = "UTC"
) -> Nudge:
    """Where an unanswered request stands: wait, nudge once, then move on.

    ``today`` and the day the request (or nudge) went out are both counted in
    ``zone_name``, the zone of whoever is looking, so the page and the
    service agree near midnight.
    """
    if (
        relationship.status != Status.ASKED
        or relationship.asked_at is None
        or relationship.info_request
    ):
        return Nudge(NudgeState.NONE, None)
    since = local(relationship.last_nudge_at or relationship.asked_at, zone_name).date()
    due = since + dt.timedelta(days=wait_days)
    if today < due:
        return Nudge(NudgeState.WAITING, due)
    if relationship.nudges_sent >= MAX_NUDGES:
        return Nudge(NudgeState.MOVE_ON, due)
    return Nudge(NudgeState.NUDGE, due)


# Writes ----------------------------------------------------------------------


@transaction.atomic
def outreach_prepare(
    *, actor: Person, relationship: Relationship, ask: str, why_them: str, purpose: str
) -> Relationship:
    _require_requester(relationship, actor)
    # Validate all three before changing any, so a refusal leaves the object as it was.
    clean_ask = v.text(ask, field="ask", max_length=500)
    clean_why = v.text(why_them, field="why_them", max_length=500)
    clean_purpose = v.text(purpose, field="purpose", max_length=300)
    relationship.ask, relationship.why_them, relationship.purpose = (
        clean_ask,
        clean_why,
        clean_purpose,
    )
    relationship.save(update_fields=["ask", "why_them", "purpose", "updated_at"])
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
        raise Conflict(
            MSG_NOT_PROSPECT.format(status=relationship.get_status_display().lower()),
            field="status",
        )
    if not relationship.purpose.strip():
        raise ValidationError(MSG_NO_PURPOSE, field="purpose")
    _deliver_to_account(relationship, actor)
    asked = _asked_person(relationship)
    if asked is not None:
        if asked.email_verified_at is None or not asked.is_active:
            raise Conflict(
                MSG_NOT_REACHABLE.format(name=asked.name),
                field="mentor",
                code=consent.ConsentCode.NOT_REACHABLE,
            )
        if consent.is_blocked(blocker=asked, blocked=actor):
            raise Conflict(
                MSG_BLOCKED.format(name=asked.name),
                field="mentor",
                code=consent.ConsentCode.BLOCKED,
            )
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
    return services.move(
        actor=actor, relationship=relationship, status=Status.ASKED, now=moment, step=True
    )


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
        raise ValidationError(MSG_NUDGE_EARLY.format(date=state.due_on), field="nudge")
    if state.state == NudgeState.MOVE_ON:
        raise Conflict(MSG_MOVE_ON, field="nudge", code="move_on")
    if state.state == NudgeState.NONE:
        raise Conflict(
            MSG_NOT_ASKED.format(status=relationship.get_status_display().lower()), field="status"
        )
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
        raise Conflict(
            MSG_NOT_ASKED.format(status=relationship.get_status_display().lower()), field="status"
        )
    text = v.text(answer, field="answer", max_length=2000, required=True)
    relationship.request_message = (
        f"{relationship.request_message}\n\n"
        f"— Question: {relationship.info_request}\n— Answer: {text}"
    )[:5000]
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
    services.move(
        actor=actor, relationship=relationship, status=Status.INTRO, now=moment, step=True
    )
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
    *, actor: Person, relationship: Relationship, message: str, now: dt.datetime | None = None
) -> Relationship:
    _require_asked(relationship, actor)
    relationship.decline_message = v.text(message, field="message", max_length=5000, required=True)
    relationship.save(update_fields=["decline_message", "updated_at"])
    return services.move(
        actor=actor, relationship=relationship, status=Status.DECLINED, now=now, step=True
    )


@transaction.atomic
def request_ask_for_info(
    *, actor: Person, relationship: Relationship, question: str
) -> Relationship:
    _require_asked(relationship, actor)
    text = v.text(question, field="question", max_length=1000)
    if not text:
        raise ValidationError(MSG_INFO_QUESTION, field="question")
    relationship.info_request = text
    relationship.save(update_fields=["info_request", "updated_at"])
    return relationship


@transaction.atomic
def person_block(*, actor: Person, other: Person, now: dt.datetime | None = None) -> Block:
    """``actor`` wants nothing more from ``other``: requests waiting from them are declined."""
    if other.pk == actor.pk:
        raise ValidationError(MSG_BLOCK_SELF, field="person")
    block, _ = Block.objects.get_or_create(blocker=actor, blocked=other)
    waiting = Relationship.objects.filter(consent.awaiting_q(actor), created_by=other)
    for relationship in waiting:
        relationship.decline_message = ""
        relationship.save(update_fields=["decline_message", "updated_at"])
        services.move(
            actor=actor, relationship=relationship, status=Status.DECLINED, now=now, step=True
        )
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
        clash = Relationship.objects.filter(kind=relationship.kind).exclude(status__in=CLOSED)
        clash = clash.filter(**{side: account, f"{_other(side)}_id": actor.pk})
        if clash.exclude(pk=relationship.pk).exists():
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
    if relationship.role_of(actor) is None or not consent.has_consented(relationship, actor):
        raise NotFound("no such relationship")
    if not consent.is_mutual(relationship):
        raise Conflict(services.MSG_NOT_MUTUAL, field="status", code=consent.ConsentCode.NOT_MUTUAL)
    if relationship.status not in (Status.INTRO, Status.ASKED, Status.PROSPECT):
        raise Conflict(
            MSG_NOT_IN_INTRO.format(status=relationship.get_status_display().lower()),
            field="status",
        )
    clean_purpose = v.text(purpose, field="purpose", max_length=300)
    if not clean_purpose:
        raise ValidationError(MSG_NO_PURPOSE, field="purpose")
    v.integer(months, field="months", low=1, high=60)
    ends_on = _add_months(starts_on, months)
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
        services.move(
            actor=actor, relationship=relationship, status=Status.INTRO, now=now, step=True
        )
    return services.move(
        actor=actor, relationship=relationship, status=Status.ACTIVE, now=now, step=True
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


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
        raise ValidationError(MSG_INTRO_ACTOR, field="introducer")
    if to_email and to_person is None and to_contact is None:
        address = v.email(to_email, field="to")
        if address == mentee.email.lower():
            raise ValidationError(MSG_INTRO_SELF, field="to")
        if address == introducer.email.lower():
            raise ValidationError(MSG_INTRO_INTRODUCER, field="to")
        # By address, as one of the actor's contacts: the answer never tells
        # whether the address has an account.
        to_contact = services.contact_for_email(owner=actor, email=address)
    if (to_person is None) == (to_contact is None):
        raise ValidationError(
            "choose who they were introduced to: an account or a contact", field="to"
        )
    if introducer.pk == mentee.pk or (to_person is not None and to_person.pk == mentee.pk):
        raise ValidationError(MSG_INTRO_SELF, field="to")
    if to_person is not None and to_person.pk == introducer.pk:
        raise ValidationError(MSG_INTRO_INTRODUCER, field="to")
    if to_contact is not None and to_contact.owner_id != actor.pk:
        raise NotFound("no such contact", field="to")
    if to_person is not None and (
        consent.is_blocked(blocker=to_person, blocked=introducer)
        or consent.is_blocked(blocker=to_person, blocked=mentee)
    ):
        raise Conflict(
            MSG_BLOCKED.format(name=to_person.name), field="to", code=consent.ConsentCode.BLOCKED
        )
    if introduced_on > today:
        raise ValidationError("cannot be in the future", field="introduced_on")
    # An introduction is between a mentor and their mentee, both of whom said yes.
    if not Relationship.objects.filter(
        consent.mutual_q(), mentor=introducer, mentee=mentee, status__in=INTRODUCING
    ).exists():
        raise NotFound(MSG_INTRO_NOT_MENTORING, field="mentee")
    relationship = None
    if start_prospect:
        if actor.pk != mentee.pk:
            raise ValidationError(
                "only the person introduced can start a relationship from it",
                field="start_prospect",
            )
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

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
from tribe.people.models import Contact, Person
from tribe.relationships import services
from tribe.relationships.models import Introduction, Relationship

Status = Relationship.Status

MSG_NO_PURPOSE = (
    "write a one-sentence purpose statement first: what you want to learn from this person, and why"
)
MSG_NOT_MENTEE = "only the mentee sends the request: the mentee owns the relationship"
MSG_NOT_MENTOR = "only the mentor answers a request"
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

MAX_NUDGES = 1  # one nudge; after a second silence, suggest moving on


def _require_mentee(relationship: Relationship, actor: Person) -> None:
    if relationship.role_of(actor) is None:
        raise NotFound("no such relationship")
    if relationship.mentee_id != actor.pk:
        raise Conflict(MSG_NOT_MENTEE, code="not_mentee")


def _require_mentor(relationship: Relationship, actor: Person) -> None:
    if relationship.role_of(actor) is None:
        raise NotFound("no such relationship")
    if relationship.mentor_id != actor.pk:
        raise Conflict(MSG_NOT_MENTOR, code="not_mentor")


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
    _require_mentee(relationship, actor)
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
    """Record the request as sent: the relationship moves to "asked"."""
    _require_mentee(relationship, actor)
    if relationship.status != Status.PROSPECT:
        raise Conflict(
            MSG_NOT_PROSPECT.format(status=relationship.get_status_display().lower()),
            field="status",
        )
    if not relationship.purpose.strip():
        raise ValidationError(MSG_NO_PURPOSE, field="purpose")
    if relationship.mentor_id is not None:
        _check_room(Person.objects.select_for_update().get(pk=relationship.mentor_id))
    moment = clock.resolve(now)
    relationship.request_message = v.text(message, field="message", max_length=5000, required=True)
    relationship.asked_at = moment
    relationship.nudges_sent = 0
    relationship.last_nudge_at = None
    relationship.save(
        update_fields=["request_message", "asked_at", "nudges_sent", "last_nudge_at", "updated_at"]
    )
    return services.relationship_set_status(
        relationship=relationship, status=Status.ASKED, now=moment
    )


@transaction.atomic
def outreach_nudge(
    *, actor: Person, relationship: Relationship, now: dt.datetime | None = None
) -> Relationship:
    _require_mentee(relationship, actor)
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
    """The mentee answers the mentor's question: the request is waiting again."""
    _require_mentee(relationship, actor)
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
    *, mentor: Person, relationship: Relationship, now: dt.datetime | None = None
) -> Relationship:
    """The mentor says yes: on to the intro meeting."""
    _require_mentor(relationship, mentor)
    if relationship.status in (Status.INTRO, Status.ACTIVE, Status.PAUSED):
        raise Conflict(MSG_ALREADY_ACCEPTED, field="status", code="already_accepted")
    if relationship.status != Status.ASKED:
        raise Conflict(
            MSG_NOT_ASKED.format(status=relationship.get_status_display().lower()), field="status"
        )
    _check_room(Person.objects.select_for_update().get(pk=mentor.pk), exclude=relationship.pk)
    relationship.info_request = ""
    relationship.save(update_fields=["info_request", "updated_at"])
    return services.relationship_set_status(relationship=relationship, status=Status.INTRO, now=now)


@transaction.atomic
def request_decline(
    *, mentor: Person, relationship: Relationship, message: str, now: dt.datetime | None = None
) -> Relationship:
    _require_mentor(relationship, mentor)
    if relationship.status != Status.ASKED:
        raise Conflict(
            MSG_NOT_ASKED.format(status=relationship.get_status_display().lower()), field="status"
        )
    relationship.decline_message = v.text(message, field="message", max_length=5000, required=True)
    relationship.save(update_fields=["decline_message", "updated_at"])
    return services.relationship_set_status(
        relationship=relationship, status=Status.DECLINED, now=now
    )


@transaction.atomic
def request_ask_for_info(
    *, mentor: Person, relationship: Relationship, question: str
) -> Relationship:
    _require_mentor(relationship, mentor)
    if relationship.status != Status.ASKED:
        raise Conflict(
            MSG_NOT_ASKED.format(status=relationship.get_status_display().lower()), field="status"
        )
    text = v.text(question, field="question", max_length=1000)
    if not text:
        raise ValidationError(MSG_INFO_QUESTION, field="question")
    relationship.info_request = text
    relationship.save(update_fields=["info_request", "updated_at"])
    return relationship


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
    """Step 5: the intro meeting ends with an agreement, which starts the relationship."""
    if relationship.role_of(actor) is None:
        raise NotFound("no such relationship")
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
    if relationship.status != Status.INTRO:
        services.relationship_set_status(relationship=relationship, status=Status.INTRO, now=now)
    return services.relationship_set_status(
        relationship=relationship, status=Status.ACTIVE, now=now
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
    if introduced_on > today:
        raise ValidationError("cannot be in the future", field="introduced_on")
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

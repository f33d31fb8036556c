"""Reads for outreach and mentor mode: requests waiting for an answer, drafts, nudges,
the impact journal, the readiness prompt, the goal map, the people of one's tribe and blocks.

The drafts and the nudge timing are pure reads over a fetched relationship
(the date arithmetic of nudges is ``nudges.py``; ``Nudge`` and ``NudgeState``
are re-exported here for the pages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, ngettext

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.kinds import KINDS
from tribe.core.zones import local
from tribe.ledger.models import Gratitude, MentorUpdate, Win
from tribe.outreach.ask_size import DEFAULT_CADENCE_DAYS, AskSize, add_months, ask_size
from tribe.outreach.errors import OutreachCode
from tribe.outreach.give_back import RECENT_DAYS, GiveBackFacts, draft_give_back
from tribe.outreach.models import Introduction
from tribe.outreach.nudges import Nudge as Nudge
from tribe.outreach.nudges import NudgeState as NudgeState
from tribe.outreach.nudges import nudge_at
from tribe.people.models import Block, Goal, Person
from tribe.relationships import consent
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import CLOSED_STATUSES, MET_STATUSES, Relationship

Status = Relationship.Status
M = TypeVar("M", Gratitude, MentorUpdate)

#: The last word of every request: the easy way out, so that a mentor can say no freely.
MSG_NO_IS_FINE = gettext_noop("And “no” is a fine answer: it needs no reason.")
#: The ask a request makes when none was written, for each kind of relationship.
ASK_OF_KIND: dict[str, str] = {
    Relationship.Kind.MENTOR: gettext_noop("Would you be open to mentoring me?"),
    Relationship.Kind.COACH: gettext_noop("Would you be open to coaching me?"),
    Relationship.Kind.SPONSOR: gettext_noop(
        "Would you be open to sponsoring me, and putting my name forward when a chance comes?"
    ),
    Relationship.Kind.PEER: gettext_noop("Would you be open to being peer mentors to each other?"),
}

#: What a request shows of both sides and who sent it.
_REQUEST_RELATED = ("mentee", "mentor", "mentee_contact", "mentor_contact", "created_by")


# Requests --------------------------------------------------------------------


def incoming_requests(*, person: Person) -> QuerySet[Relationship]:
    """Requests waiting for ``person``'s answer, oldest first: all they see of them."""
    return (
        Relationship.objects.filter(consent.awaiting_q(person))
        .select_related(*_REQUEST_RELATED)
        .prefetch_related("goals")
        .order_by("asked_at", "pk")
    )


def request_get_for(*, person: Person, relationship_id: int | str) -> Relationship:
    """A request waiting for ``person``'s answer (or one they declined), or one of their own.

    The answering services then tell them apart (only the person asked
    answers, and only once); anything else is NotFound.
    """
    try:
        return (
            Relationship.objects.filter(
                consent.awaiting_q(person)
                | consent.declined_by_q(person)
                | consent.consented_q(person)
            )
            .select_related(*_REQUEST_RELATED)
            .get(pk=int(relationship_id))
        )
    except (Relationship.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP) from exc


# Mentor mode -----------------------------------------------------------------


@dataclass(frozen=True)
class JournalEntry:
    on: dt.date
    kind: str  # "thanks", "update", "introduction"
    title: str
    text: str
    relationship_id: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "relationship_id": self.relationship_id,
        }


#: Kinds where both sides thank and update each other (peers): the mentee side receives too.
SYMMETRIC_KINDS = [k for k, info in KINDS.items() if info.symmetric]


def _received_by(model: type[M], mentor: Person, *, by: str) -> QuerySet[M]:
    """Thanks or updates sent to ``mentor`` in relationships they said yes to.

    As a mentor, from their mentees; in a peer relationship, from the other
    peer whichever side ``mentor`` is on. ``by`` is the model's sender field:
    what ``mentor`` sent themselves is never shown as received.
    """
    as_mentor = Q(relationship__mentor=mentor, relationship__mentor_consented_at__isnull=False)
    as_peer = Q(
        relationship__mentee=mentor,
        relationship__mentee_consented_at__isnull=False,
        relationship__kind__in=SYMMETRIC_KINDS,
    )
    return (
        model.objects.filter(as_mentor | as_peer)
        .exclude(**{by: mentor})
        .select_related(
            "relationship",
            "relationship__mentee",
            "relationship__mentee_contact",
            "relationship__mentor",
            "relationship__mentor_contact",
        )
    )


def impact_journal(*, mentor: Person) -> list[JournalEntry]:
    """The thanks and updates a mentor (or a peer) received, and the introductions they
    made: three queries."""
    entries = [
        JournalEntry(
            g.given_on,
            "thanks",
            gettext("{kind} from {name}").format(
                kind=g.get_kind_display(), name=g.relationship.other_name(mentor)
            ),
            g.description,
            g.relationship_id,
        )
        for g in _received_by(Gratitude, mentor, by="given_by")
    ]
    entries += [
        JournalEntry(
            u.sent_on,
            "update",
            gettext("Update from {name}").format(name=u.relationship.other_name(mentor)),
            u.body,
            u.relationship_id,
        )
        for u in _received_by(MentorUpdate, mentor, by="author")
    ]
    entries += [
        JournalEntry(
            i.introduced_on,
            "introduction",
            gettext("Introduced {mentee} to {to}").format(mentee=i.mentee, to=i.to_name),
            i.note,
            i.relationship_id,
        )
        for i in Introduction.objects.filter(introducer=mentor).select_related(
            "mentee", "to_person", "to_contact"
        )
    ]
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


#: Someone who has been a mentee this long and lists expertise is asked to consider mentoring.
READINESS_AFTER = dt.timedelta(days=180)


def mentoring_readiness(*, person: Person, now: dt.datetime | None = None) -> str | None:
    """A gentle prompt to start mentoring, or None when it does not apply."""
    if person.open_to_mentoring or not person.expertise:
        return None
    moment = clock.resolve(now)
    first = (
        Relationship.objects.filter(
            mentee=person,
            status__in=[Status.ACTIVE, Status.ENDED, Status.PAUSED],
        )
        .order_by("status_changed_at")
        .values_list("status_changed_at", flat=True)
        .first()
    )
    if first is None or moment - first < READINESS_AFTER:
        return None
    months = (moment - first).days // 30
    topics = ", ".join(person.expertise[:3])
    return ngettext(
        "You have been a mentee for {months} month and you know about {topics}. "
        "Someone is looking for exactly that: consider opening your profile to mentees.",
        "You have been a mentee for {months} months and you know about {topics}. "
        "Someone is looking for exactly that: consider opening your profile to mentees.",
        months,
    ).format(months=months, topics=topics)


@dataclass(frozen=True)
class GoalCoverage:
    goal_id: int
    title: str
    mentors: list[tuple[str, str]]  # (name, status)
    #: The goal's own words and the kind of help it needs ("" until chosen), for step 1.
    why: str = ""
    need: str = ""

    @property
    def covered(self) -> bool:
        under_way = (Status.ACTIVE, Status.INTRO, Status.PAUSED)
        return any(status in under_way for _, status in self.mentors)


def goal_map(*, person: Person) -> list[GoalCoverage]:
    """For each goal of ``person``: which mentors cover it; uncovered goals drive the search."""
    goals = (
        Goal.objects.filter(person=person)
        .exclude(status__in=[Goal.Status.ACHIEVED, Goal.Status.DROPPED])
        .prefetch_related(
            models.Prefetch(
                "relationships",
                queryset=Relationship.objects.filter(mentee=person)
                .exclude(status__in=CLOSED_STATUSES)
                .select_related("mentor", "mentor_contact"),
            )
        )
    )
    return [
        GoalCoverage(
            g.pk,
            g.title,
            [(r.mentor_name, r.status) for r in g.relationships.all()],
            why=g.why,
            need=g.need,
        )
        for g in goals
    ]


# Tribe and blocks -------------------------------------------------------------


def tribe_people_of(*, person: Person) -> tuple[list[Person], list[Person]]:
    """My mentors and my mentees who have accounts (from intro meeting on), by name: one query.

    The people an introduction can be recorded for: a mentor who introduced me,
    or a mentee I introduced.
    """
    rows = Relationship.objects.filter(
        consent.consented_q(person), consent.mutual_q(), status__in=MET_STATUSES
    ).select_related("mentee", "mentor")
    mentors: dict[int, Person] = {}
    mentees: dict[int, Person] = {}
    for r in rows:
        if r.mentee_id == person.pk and r.mentor is not None:
            mentors[r.mentor.pk] = r.mentor
        elif r.mentor_id == person.pk and r.mentee is not None:
            mentees[r.mentee.pk] = r.mentee
    return (
        sorted(mentors.values(), key=lambda p: p.name),
        sorted(mentees.values(), key=lambda p: p.name),
    )


def blocks_of(*, person: Person) -> QuerySet[Block]:
    """The people ``person`` blocked, newest first."""
    return Block.objects.filter(blocker=person).select_related("blocked")


def block_get_for(*, person: Person, blocked_id: int | str) -> Block:
    try:
        return blocks_of(person=person).get(blocked_id=int(blocked_id))
    except (Block.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(OutreachCode.NO_BLOCK) from exc


# Drafts and nudges -----------------------------------------------------------


def ask_size_of(*, relationship: Relationship) -> AskSize:
    """The size of the ask as proposed: without a cadence, the mentor's preferred one
    (public on their directory profile), else monthly."""
    mentor = relationship.mentor
    cadence = (
        relationship.ask_cadence_days
        or (mentor.preferred_cadence_days if mentor is not None else None)
        or DEFAULT_CADENCE_DAYS
    )
    return ask_size(
        cadence_days=cadence,
        meeting_minutes=relationship.ask_meeting_minutes,
        months=relationship.ask_months,
    )


def give_back_facts(*, relationship: Relationship, sender: Person, today: dt.date) -> GiveBackFacts:
    """The mentee's own expertise, offers, recent wins and causes; of the mentor, only the
    causes their directory profile shows (an open, active account). One query for the wins."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    wins = list(
        Win.objects.filter(person=sender, happened_on__range=(since, today))
        .order_by("-happened_on", "-id")
        .values_list("happened_on", "text")[:10]
    )
    mentor = relationship.mentor if relationship.mentee_id == sender.pk else None
    listed = mentor is not None and mentor.open_to_mentoring and mentor.is_active
    return GiveBackFacts(
        expertise=list(sender.expertise),
        offers=sender.offers,
        wins=wins,
        my_causes=list(sender.causes),
        mentor_causes=list(mentor.causes) if listed and mentor is not None else [],
    )


def give_back_draft(
    *, relationship: Relationship, sender: Person, now: dt.datetime | None = None
) -> str:
    """What the mentee could give back, drafted; "" when Tribe knows nothing to offer."""
    today = local(clock.resolve(now), sender.timezone).date()
    facts = give_back_facts(relationship=relationship, sender=sender, today=today)
    return draft_give_back(facts, today=today)


def give_back_text(
    *, relationship: Relationship, sender: Person, now: dt.datetime | None = None
) -> str:
    """The give-back section as the mentee wrote it, or the draft until they do."""
    if relationship.give_back_written:
        return relationship.give_back
    return give_back_draft(relationship=relationship, sender=sender, now=now)


def request_draft(
    *, relationship: Relationship, sender: Person, now: dt.datetime | None = None
) -> str:
    """The request, from the purpose statement, the ask and why this person.

    It states the ask's size, brings something to give back, and ends by
    making "no" easy: the fears that keep people from asking, met in the text.
    """
    first = relationship.mentor_name.split(" ")[0]
    goals = [g.title for g in relationship.goals.all()]
    lines = [_dear(first), ""]
    if relationship.why_them:
        lines.append(
            gettext("I am reaching out to you because {why}.").format(
                why=relationship.why_them.rstrip(".")
            )
        )
    if relationship.purpose:
        lines.append(relationship.purpose.rstrip(".") + ".")
    if goals:
        lines.append(gettext("What I want to learn: {goals}.").format(goals="; ".join(goals)))
    lines += [
        "",
        relationship.ask
        or gettext(ASK_OF_KIND.get(relationship.kind, ASK_OF_KIND[Relationship.Kind.MENTOR])),
        ask_size_of(relationship=relationship).sentence(),
    ]
    give_back = give_back_text(relationship=relationship, sender=sender, now=now)
    if give_back:
        lines += ["", give_back]
    lines += [
        "",
        gettext("I will come prepared with questions each time, and I will handle the scheduling."),
        gettext(MSG_NO_IS_FINE),
        "",
        gettext("With thanks,"),
        sender.name,
    ]
    return "\n".join(lines) + "\n"


def decline_template(*, relationship: Relationship, mentor: Person) -> str:
    first = relationship.mentee_name.split(" ")[0]
    body = gettext(
        "Thank you for thinking of me, and for such a clear request. "
        "I can't take on a new mentee right now and I would rather say so than do it badly. "
        "Your purpose is a good one: I hope you find the right person soon."
    )
    closing = gettext("Warm wishes,")
    return f"{_dear(first)}\n\n{body}\n\n{closing}\n{mentor.name}\n"


def ask_again_on(*, relationship: Relationship, zone_name: str = "UTC") -> dt.date | None:
    """The day the mentor said they may be asked again, counted from their no; None when
    they did not offer it (then Tribe does not suggest asking again either)."""
    months = relationship.ask_again_months
    if relationship.status != Status.DECLINED or not months:
        return None
    declined_on = local(relationship.status_changed_at, zone_name).date()
    return add_months(declined_on, months)


def thank_you_after_decline(*, relationship: Relationship, sender: Person) -> str:
    """A short thank-you for a no: a no answered warmly keeps the door open."""
    first = relationship.mentor_name.split(" ")[0]
    lines = [
        _dear(first),
        "",
        gettext(
            "Thank you for your answer, and for taking the time to give it. "
            "I understand, and I am grateful you told me clearly."
        ),
    ]
    again = ask_again_on(relationship=relationship, zone_name=sender.timezone)
    if again is not None:
        lines.append(
            gettext("As you suggested, I will ask again around {date}.").format(
                date=date_format(again, "DATE_FORMAT")
            )
        )
    lines += ["", gettext("With thanks,"), sender.name]
    return "\n".join(lines) + "\n"


def _dear(name: str) -> str:
    return gettext("Dear {name},").format(name=name)


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
    return nudge_at(
        sent_on=since, wait_days=wait_days, nudges_sent=relationship.nudges_sent, today=today
    )

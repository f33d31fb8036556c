"""Reads for relationships, always scoped to a person who is part of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.zones import local
from tribe.people.models import Block, Person
from tribe.relationships import consent
from tribe.relationships.health import FOLLOW_UP_GRACE_DAYS, Health, HealthInput, State, assess
from tribe.relationships.models import (
    Advice,
    Gratitude,
    Introduction,
    MentorUpdate,
    Question,
    Relationship,
    Touchpoint,
)

MSG_NOT_FOUND = "no such relationship"


def _visible_to(person: Person) -> Q:
    """Relationships ``person`` said yes to: the only ones they see in full (consent.py)."""
    return consent.consented_q(person)


def relationships_for(*, person: Person) -> QuerySet[Relationship]:
    """Every relationship ``person`` is a side of, with both sides loaded."""
    return (
        Relationship.objects.filter(_visible_to(person))
        .select_related("mentee", "mentor", "mentee_contact", "mentor_contact")
        .prefetch_related("goals")
    )


def relationship_get_for(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship, if ``person`` is part of it; NotFound otherwise (never "forbidden")."""
    try:
        return relationships_for(person=person).get(pk=int(relationship_id))
    except (Relationship.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(MSG_NOT_FOUND) from exc


@dataclass(frozen=True)
class BoardColumn:
    status: str
    label: str
    relationships: list[Relationship]


def relationship_board(*, person: Person) -> list[BoardColumn]:
    """A person's relationships in pipeline order, one column per status."""
    by_status: dict[str, list[Relationship]] = {s: [] for s in Relationship.Status.values}
    for relationship in relationships_for(person=person):
        by_status[relationship.status].append(relationship)
    return [
        BoardColumn(status=status, label=Relationship.Status(status).label, relationships=rows)
        for status, rows in by_status.items()
    ]


def active_mentee_count(*, mentor: Person) -> int:
    return Relationship.objects.filter(mentor=mentor, status=Relationship.Status.ACTIVE).count()


# Health ----------------------------------------------------------------------

#: Follow-ups older than this are history, not a duty.
FOLLOW_UP_WINDOW = dt.timedelta(days=30)


def _latest(model: type[models.Model], field: str, **filters: object) -> Subquery:
    """The greatest ``field`` of ``model`` rows of each relationship, as a subquery."""
    return Subquery(
        model._default_manager.filter(relationship=OuterRef("pk"), **filters)
        .order_by()
        .values("relationship")
        .annotate(latest=Max(field))
        .values("latest")[:1]
    )


def _count(model: type[models.Model], **filters: object) -> Coalesce:
    return Coalesce(
        Subquery(
            model._default_manager.filter(relationship=OuterRef("pk"), **filters)
            .order_by()
            .values("relationship")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def with_health_inputs(
    queryset: QuerySet[Relationship], *, now: dt.datetime
) -> QuerySet[Relationship]:
    """Annotate everything health needs, in the same single query."""
    from tribe.meetings.models import Meeting

    held = Meeting.Status.HELD
    return queryset.annotate(
        last_meeting_at=_latest(Meeting, "starts_at", status=held, starts_at__lte=now),
        last_touch_on=_latest(Touchpoint, "happened_on"),
        last_update_on=_latest(MentorUpdate, "sent_on"),
        follow_ups_overdue=_count(
            Meeting,
            status=held,
            follow_up_sent_at__isnull=True,
            starts_at__lt=now - dt.timedelta(days=FOLLOW_UP_GRACE_DAYS),
            starts_at__gte=now - FOLLOW_UP_WINDOW,
        ),
        unthanked=_count(
            Advice,
            decision__in=[Advice.Decision.ADOPT, Advice.Decision.TRY],
            gratitude__isnull=True,
        ),
    )


def health_of(
    relationship: Relationship, *, now: dt.datetime, zone_name: str, viewer_id: int | None
) -> Health:
    """Health of a relationship annotated by :func:`with_health_inputs`, as ``viewer_id`` sees it.

    A snooze's reason is a note to oneself: only whoever snoozed reads it.
    """
    today = local(now, zone_name).date()
    last_meeting = getattr(relationship, "last_meeting_at", None)
    candidates = [
        d
        for d in (
            local(last_meeting, zone_name).date() if last_meeting else None,
            getattr(relationship, "last_touch_on", None),
        )
        if d is not None
    ]
    started = relationship.starts_on or local(relationship.status_changed_at, zone_name).date()
    return assess(
        HealthInput(
            status=relationship.status,
            today=today,
            cadence_days=relationship.cadence_days,
            started_on=started,
            last_contact_on=max(candidates) if candidates else None,
            snoozed_until=relationship.snoozed_until,
            snooze_reason=relationship.snooze_reason
            if viewer_id is not None and viewer_id == relationship.snoozed_by_id
            else "",
            follow_ups_overdue=getattr(relationship, "follow_ups_overdue", 0),
            unthanked=getattr(relationship, "unthanked", 0),
            update_every_days=relationship.update_every_days
            if relationship.status != Relationship.Status.ENDED or relationship.keep_in_touch
            else None,
            last_update_on=getattr(relationship, "last_update_on", None),
        )
    )


@dataclass(frozen=True)
class RelationshipHealth:
    relationship: Relationship
    health: Health
    role: str


def relationships_with_health(
    *, person: Person, now: dt.datetime | None = None
) -> list[RelationshipHealth]:
    """Every relationship of ``person`` with its health: one query."""
    moment = clock.resolve(now)
    rows = with_health_inputs(
        Relationship.objects.filter(_visible_to(person)).select_related(
            "mentee", "mentor", "mentee_contact", "mentor_contact"
        ),
        now=moment,
    )
    return [
        RelationshipHealth(
            r,
            health_of(r, now=moment, zone_name=person.timezone, viewer_id=person.pk),
            r.role_of(person) or "",
        )
        for r in rows
    ]


def overdue_contacts(*, person: Person, now: dt.datetime | None = None) -> list[RelationshipHealth]:
    """Where ``person`` is the mentee and contact is due or worse; most urgent first."""
    order = {State.DORMANT: 0, State.AT_RISK: 1, State.DUE: 2}
    rows = [
        row
        for row in relationships_with_health(person=person, now=now)
        if row.role == "mentee" and row.health.state in order
    ]
    rows.sort(key=lambda r: (order[r.health.state], r.health.next_contact_due or dt.date.max))
    return rows


def touchpoints_of(*, person: Person, relationship: Relationship) -> list[Touchpoint]:
    """The contact log; notes are blanked unless ``person`` wrote them."""
    rows = list(Touchpoint.objects.filter(relationship=relationship).select_related("author"))
    for row in rows:
        if row.author_id != person.pk:
            row.note = ""
    return rows


def advice_of(*, person: Person, relationship: Relationship | None = None) -> QuerySet[Advice]:
    """The advice log is its recorder's own: the mentor hears of it through updates."""
    rows = (
        Advice.objects.filter(recorded_by=person)
        .select_related(
            "relationship__mentor",
            "relationship__mentor_contact",
            "relationship__mentee",
            "relationship__mentee_contact",
        )
        .prefetch_related("gratitude")
    )
    if relationship is not None:
        rows = rows.filter(relationship=relationship)
    return rows


def advice_get_for(*, person: Person, advice_id: int | str) -> Advice:
    try:
        return advice_of(person=person).get(pk=int(advice_id))
    except (Advice.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such advice") from exc


def gratitude_of(*, person: Person) -> QuerySet[Gratitude]:
    """Thanks given in, or received through, ``person``'s relationships."""
    return Gratitude.objects.filter(consent.consented_q(person, "relationship__")).select_related(
        "relationship__mentor",
        "relationship__mentor_contact",
        "relationship__mentee",
        "relationship__mentee_contact",
        "advice",
        "meeting",
    )


def unthanked_advice(*, person: Person) -> QuerySet[Advice]:
    """Advice ``person`` adopted or is trying, with no thanks recorded for it yet."""
    return advice_of(person=person).filter(
        decision__in=[Advice.Decision.ADOPT, Advice.Decision.TRY], gratitude__isnull=True
    )


def question_get_for(*, person: Person, question_id: int | str) -> Question:
    try:
        return Question.objects.select_related("relationship").get(
            consent.consented_q(person, "relationship__"), pk=int(question_id)
        )
    except (Question.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such question") from exc


def touchpoint_get_for_author(*, person: Person, touchpoint_id: int | str) -> Touchpoint:
    try:
        return Touchpoint.objects.select_related("relationship").get(
            author=person, pk=int(touchpoint_id)
        )
    except (Touchpoint.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("no such contact log") from exc


# Added for the web pages of issue 4 --------------------------------------------


def relationship_get_with_health(
    *, person: Person, relationship_id: int | str, now: dt.datetime | None = None
) -> RelationshipHealth:
    """One relationship of ``person`` with its health, in the same query as the fetch."""
    moment = clock.resolve(now)
    try:
        relationship = with_health_inputs(relationships_for(person=person), now=moment).get(
            pk=int(relationship_id)
        )
    except (Relationship.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(MSG_NOT_FOUND) from exc
    health = health_of(relationship, now=moment, zone_name=person.timezone, viewer_id=person.pk)
    return RelationshipHealth(relationship, health, relationship.role_of(person) or "")


def questions_of(*, relationship: Relationship) -> QuerySet[Question]:
    """The questions backlog, open ones first (callers fetched the relationship for the person)."""
    return Question.objects.filter(relationship=relationship)


# Mentor mode -----------------------------------------------------------------


def incoming_requests(*, person: Person) -> QuerySet[Relationship]:
    """Requests waiting for ``person``'s answer, oldest first: all they see of them."""
    return (
        Relationship.objects.filter(consent.awaiting_q(person))
        .select_related("mentee", "mentor", "mentee_contact", "mentor_contact", "created_by")
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
                consent.awaiting_q(person) | consent.declined_by_q(person) | _visible_to(person)
            )
            .select_related("mentee", "mentor", "mentee_contact", "mentor_contact", "created_by")
            .get(pk=int(relationship_id))
        )
    except (Relationship.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(MSG_NOT_FOUND) from exc


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


def impact_journal(*, mentor: Person) -> list[JournalEntry]:
    """The thanks and updates a mentor received, and the introductions they made: three queries."""
    sides = ("relationship__mentee", "relationship__mentee_contact")
    entries = [
        JournalEntry(
            g.given_on,
            "thanks",
            f"{g.get_kind_display()} from {g.relationship.mentee_name}",
            g.description,
            g.relationship_id,
        )
        for g in Gratitude.objects.filter(
            relationship__mentor=mentor, relationship__mentor_consented_at__isnull=False
        ).select_related("relationship", *sides)
    ]
    entries += [
        JournalEntry(
            u.sent_on,
            "update",
            f"Update from {u.relationship.mentee_name}",
            u.body,
            u.relationship_id,
        )
        for u in MentorUpdate.objects.filter(
            relationship__mentor=mentor, relationship__mentor_consented_at__isnull=False
        ).select_related("relationship", *sides)
    ]
    entries += [
        JournalEntry(
            i.introduced_on,
            "introduction",
            f"Introduced {i.mentee} to {i.to_name}",
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
            status__in=[
                Relationship.Status.ACTIVE,
                Relationship.Status.ENDED,
                Relationship.Status.PAUSED,
            ],
        )
        .order_by("status_changed_at")
        .values_list("status_changed_at", flat=True)
        .first()
    )
    if first is None or moment - first < READINESS_AFTER:
        return None
    months = (moment - first).days // 30
    topics = ", ".join(person.expertise[:3])
    return (
        f"You have been a mentee for {months} months and you know about {topics}. "
        "Someone is looking for exactly that: consider opening your profile to mentees."
    )


@dataclass(frozen=True)
class GoalCoverage:
    goal_id: int
    title: str
    mentors: list[tuple[str, str]]  # (name, status)

    @property
    def covered(self) -> bool:
        return any(status in ("active", "intro", "paused") for _, status in self.mentors)


def goal_map(*, person: Person) -> list[GoalCoverage]:
    """For each goal of ``person``: which mentors cover it; uncovered goals drive the search."""
    from tribe.people.models import Goal

    goals = (
        Goal.objects.filter(person=person)
        .exclude(status__in=[Goal.Status.ACHIEVED, Goal.Status.DROPPED])
        .prefetch_related(
            models.Prefetch(
                "relationships",
                queryset=Relationship.objects.filter(mentee=person)
                .exclude(status__in=[Relationship.Status.ENDED, Relationship.Status.DECLINED])
                .select_related("mentor", "mentor_contact"),
            )
        )
    )
    return [
        GoalCoverage(g.pk, g.title, [(r.mentor_name, r.status) for r in g.relationships.all()])
        for g in goals
    ]


# Added for the web pages of issue 5 --------------------------------------------


def relationship_get_for_mentee(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship if ``person`` is its mentee, else NotFound: outreach is the mentee's."""
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    if relationship.mentee_id != person.pk:
        raise NotFound(MSG_NOT_FOUND)
    return relationship


def relationship_get_for_mentor(*, person: Person, relationship_id: int | str) -> Relationship:
    """The relationship if ``person`` is its mentor, else NotFound: answers are the mentor's."""
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    if relationship.mentor_id != person.pk:
        raise NotFound(MSG_NOT_FOUND)
    return relationship


def tribe_people_of(*, person: Person) -> tuple[list[Person], list[Person]]:
    """My mentors and my mentees who have accounts (from intro meeting on), by name: one query.

    The people an introduction can be recorded for: a mentor who introduced me,
    or a mentee I introduced.
    """
    rows = Relationship.objects.filter(
        _visible_to(person),
        consent.mutual_q(),
        status__in=[
            Relationship.Status.INTRO,
            Relationship.Status.ACTIVE,
            Relationship.Status.PAUSED,
            Relationship.Status.ENDED,
        ],
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
        raise NotFound("no such block") from exc

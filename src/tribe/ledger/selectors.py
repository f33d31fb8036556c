"""Reads for the keep-alive ledger, and the health of relationships computed from it.

Health combines the relationship (cadence, snooze, update cadence) with the
meetings held and the contact logged: one query for any number of
relationships, with subquery annotations (:func:`with_health_inputs`); the
decision itself is the pure :func:`tribe.ledger.health.assess`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tribe.core import clock
from tribe.core.errors import ErrorCode, NotFound
from tribe.core.kinds import KINDS, RelationshipKind
from tribe.core.zones import local
from tribe.ledger.errors import LedgerCode
from tribe.ledger.health import FOLLOW_UP_GRACE_DAYS, Health, HealthInput, State, assess
from tribe.ledger.models import TAKEN_UP, Advice, Gratitude, MentorUpdate, Question, Touchpoint, Win
from tribe.meetings.models import Meeting
from tribe.people.models import Person
from tribe.relationships import consent
from tribe.relationships.errors import ConsentCode
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationships_for

M = TypeVar("M", bound=models.Model)


def _one(rows: QuerySet[M], pk: int | str, missing: ErrorCode) -> M:
    """The row ``pk`` of ``rows``, or NotFound: a bad id reads the same as someone else's."""
    try:
        return rows.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(missing) from exc


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


def _count(model: type[models.Model], *conditions: Q, **filters: object) -> Coalesce:
    return Coalesce(
        Subquery(
            model._default_manager.filter(*conditions, relationship=OuterRef("pk"), **filters)
            .order_by()
            .values("relationship")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _unthanked_by(viewer: Person | None) -> Q:
    """Whose unthanked help counts: in a peer relationship, the viewer's own log only.

    Peers each keep an advice log, and thanking is each one's own duty: the
    other peer's decisions are theirs, not a reason on ``viewer``'s health.
    Other kinds count the mentee's, as the one log there is (and a read with
    no viewer, a programme's, counts every log).
    """
    if viewer is None:
        return Q()
    peers = [kind for kind, info in KINDS.items() if info.symmetric]
    return ~Q(relationship__kind__in=peers) | Q(recorded_by=viewer)


def with_health_inputs(
    queryset: QuerySet[Relationship], *, now: dt.datetime, viewer: Person | None = None
) -> QuerySet[Relationship]:
    """Annotate everything health needs, in the same single query (as ``viewer`` sees it)."""
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
            _unthanked_by(viewer),
            decision__in=TAKEN_UP,
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
        Relationship.objects.filter(consent.consented_q(person)).select_related(
            "mentee", "mentor", "mentee_contact", "mentor_contact"
        ),
        now=moment,
        viewer=person,
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


def relationship_get_with_health(
    *, person: Person, relationship_id: int | str, now: dt.datetime | None = None
) -> RelationshipHealth:
    """One relationship of ``person`` with its health, in the same query as the fetch."""
    moment = clock.resolve(now)
    rows = with_health_inputs(relationships_for(person=person), now=moment, viewer=person)
    relationship = _one(rows, relationship_id, ConsentCode.NO_SUCH_RELATIONSHIP)
    health = health_of(relationship, now=moment, zone_name=person.timezone, viewer_id=person.pk)
    return RelationshipHealth(relationship, health, relationship.role_of(person) or "")


def questions_of(*, relationship: Relationship) -> QuerySet[Question]:
    """The questions backlog, open ones first (callers fetched the relationship for the person)."""
    return Question.objects.filter(relationship=relationship)


def touchpoints_of(*, person: Person, relationship: Relationship) -> list[Touchpoint]:
    """The contact log; notes are blanked unless ``person`` wrote them."""
    rows = list(Touchpoint.objects.filter(relationship=relationship).select_related("author"))
    for row in rows:
        if row.author_id != person.pk:
            row.note = ""
    return rows


def advice_of(*, person: Person, relationship: Relationship | None = None) -> QuerySet[Advice]:
    """The advice log is its recorder's own: the giver hears of it through updates.

    Each piece of advice comes with its thanks as a plain list, ``gratitude_list``
    (a log of hundreds paid more for a related manager and a queryset per row
    than for the query).
    """
    rows = (
        Advice.objects.filter(recorded_by=person)
        .select_related(
            "relationship__mentor",
            "relationship__mentor_contact",
            "relationship__mentee",
            "relationship__mentee_contact",
        )
        .prefetch_related(Prefetch("gratitude", to_attr="gratitude_list"))
    )
    if relationship is not None:
        rows = rows.filter(relationship=relationship)
    return rows


def advice_get_for(*, person: Person, advice_id: int | str) -> Advice:
    return _one(advice_of(person=person), advice_id, LedgerCode.NO_ADVICE)


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
    return advice_of(person=person).filter(decision__in=TAKEN_UP, gratitude__isnull=True)


def question_get_for(*, person: Person, question_id: int | str) -> Question:
    rows = Question.objects.filter(consent.consented_q(person, "relationship__"))
    return _one(rows.select_related("relationship"), question_id, LedgerCode.NO_QUESTION)


def question_get_for_author(*, person: Person, question_id: int | str) -> Question:
    """A question ``person`` asked, to delete: the other side's is not theirs (NotFound)."""
    rows = Question.objects.filter(consent.consented_q(person, "relationship__"), author=person)
    return _one(rows.select_related("relationship"), question_id, LedgerCode.NO_QUESTION)


def touchpoint_get_for_author(*, person: Person, touchpoint_id: int | str) -> Touchpoint:
    rows = Touchpoint.objects.filter(author=person).select_related("relationship")
    return _one(rows, touchpoint_id, LedgerCode.NO_TOUCHPOINT)


def wins_of(*, person: Person) -> QuerySet[Win]:
    return Win.objects.filter(person=person).select_related("goal")


def win_get_for(*, person: Person, win_id: int | str) -> Win:
    return _one(Win.objects.filter(person=person), win_id, LedgerCode.NO_WIN)


# What advice became, as the mentor sees it -------------------------------------


@dataclass(frozen=True)
class SharedOutcome:
    """One outcome a recorder chose to show the giver: their words and the date, nothing else."""

    relationship_id: int
    shared_at: dt.datetime
    words: str
    #: The advice as the recorder retold it for the giver; "" when they showed only the outcome.
    advice: str

    def as_dict(self) -> dict[str, object]:
        return {
            "relationship_id": self.relationship_id,
            "shared_at": self.shared_at.astimezone(dt.UTC).isoformat(),
            "words": self.words,
            "advice": self.advice,
        }


@dataclass(frozen=True)
class OutcomesFrom:
    """The outcomes one person shared (a mentee, or a peer), newest first.

    ``mentee`` is their name whichever side they are on (the older field);
    ``name`` says the same without calling a peer a mentee, and ``peer`` tells
    the two apart: all their outcomes came through peer relationships."""

    mentee: str
    outcomes: tuple[SharedOutcome, ...]
    peer: bool = False

    @property
    def name(self) -> str:
        return self.mentee

    @property
    def count(self) -> int:
        return len(self.outcomes)

    def as_dict(self) -> dict[str, object]:
        return {
            "mentee": self.mentee,
            "name": self.name,
            "peer": self.peer,
            "count": self.count,
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


@dataclass(frozen=True)
class OutcomesForMentor:
    """What a mentor's advice became in their mentees' careers, mentee by mentee."""

    by_mentee: tuple[OutcomesFrom, ...]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.by_mentee)

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "mentees": len(self.by_mentee),
            "by_mentee": [group.as_dict() for group in self.by_mentee],
        }


def _recorded_from(giver: Person) -> Q:
    """Advice the other side recorded from ``giver``, in relationships ``giver`` said yes to.

    Whichever side ``giver`` is on: a mentor's mentees record what the mentor
    advised, and in a peer relationship the mentor side records the mentee
    side's advice too (``ledger.sides``). Only the other side's log counts:
    nothing ``giver`` wrote themselves is ever shown to them as someone else's.
    """
    as_mentor = Q(
        relationship__mentor=giver,
        relationship__mentor_consented_at__isnull=False,
        recorded_by=F("relationship__mentee"),
    )
    as_mentee = Q(
        relationship__mentee=giver,
        relationship__mentee_consented_at__isnull=False,
        recorded_by=F("relationship__mentor"),
    )
    return as_mentor | as_mentee


def advice_outcomes_for_mentor(*, mentor: Person) -> OutcomesForMentor:
    """The outcomes shared with ``mentor`` of advice they gave: one query, whatever the number.

    From their mentees, and from the other side of their peer relationships
    (``OutcomesFrom.mentee`` names whoever took the advice). Only what each
    recorder chose to share, item by item, in relationships ``mentor`` said
    yes to; and only the shared columns are read, so the advice as written,
    the decision, its reason and the private outcome never leave the database
    for this read. The counts are of shared outcomes alone: an unshared
    record, even the fact that there is one, stays the recorder's. Those
    heard from most recently come first.
    """
    rows = (
        Advice.objects.filter(_recorded_from(mentor), outcome_shared_at__isnull=False)
        .order_by("-outcome_shared_at", "-pk")
        .values_list(
            "recorded_by_id",
            "recorded_by__name",
            "recorded_by__email",
            "relationship__kind",
            "relationship_id",
            "outcome_shared_at",
            "shared_outcome",
            "shared_advice",
        )
    )
    names: dict[int, str] = {}
    peer: dict[int, bool] = {}
    shared: dict[int, list[SharedOutcome]] = {}
    for mentee_id, name, email, kind, relationship_id, at, words, advice in rows:
        assert at is not None  # filtered on above
        names.setdefault(mentee_id, name or email)  # as a Person names itself
        peer[mentee_id] = peer.get(mentee_id, True) and kind == RelationshipKind.PEER
        shared.setdefault(mentee_id, []).append(SharedOutcome(relationship_id, at, words, advice))
    return OutcomesForMentor(
        tuple(
            OutcomesFrom(names[k], tuple(outcomes), peer=peer[k]) for k, outcomes in shared.items()
        )
    )

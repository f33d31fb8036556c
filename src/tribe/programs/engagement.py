"""Engagement of a programme: how its pairs keep in touch, per pair and per cohort.

A programme's pairs are its accepted offers; each is an ordinary relationship
of two people, whose meetings and contact log are theirs. This read model
takes from them only what an administrator may see: counts (meetings held,
meetings the cadence asked for), dates (start, last contact, next contact
due), states (the relationship's, its health) and the match score. Never a
title, a note, an agenda, advice, a journal entry or a goal: the relationship
rows are loaded with only the columns health needs (``.only``), so no private
text even reaches memory.

Health is the ledger's own (``ledger.selectors.with_health_inputs`` and
``health_of``), seen by nobody in particular (``viewer_id=None``: a snooze's
reason is never read). A pair's cohort is its mentee's cohort.

The cost is five queries whatever the programme's size: cohorts, enrolment
counts, the pairs with their health inputs, the people waiting for a match,
the offers waiting for an answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from tribe.core import clock
from tribe.core.zones import local
from tribe.ledger.health import State
from tribe.ledger.selectors import health_of, with_health_inputs
from tribe.meetings.models import Meeting
from tribe.programs.models import (
    Answer,
    Cohort,
    MatchOffer,
    OfferStatus,
    ParticipantStatus,
    Programme,
    Role,
)
from tribe.relationships.models import Relationship

__all__ = [
    "AT_RISK",
    "CohortEngagement",
    "Engagement",
    "OpenOffer",
    "PairEngagement",
    "WaitingPerson",
    "accepted_at",
    "pair_cadence",
    "pairs_in_programme",
    "programme_engagement",
]

#: Health states that make a pair "at risk" on the dashboard.
AT_RISK = (State.AT_RISK, State.DORMANT)
#: Every state a pair's health can have, in the order the figures list them.
STATES = (State.HEALTHY, State.DUE, State.AT_RISK, State.DORMANT, State.INACTIVE)
#: The relationship columns health and cadence read; nothing else is loaded.
HEALTH_COLUMNS = (
    "id",
    "status",
    "status_changed_at",
    "starts_on",
    "ends_on",
    "cadence_days",
    "snoozed_until",
    "snoozed_by",
    "update_every_days",
    "keep_in_touch",
)


@dataclass(frozen=True)
class PairEngagement:
    """One pair of the programme: counts, dates, states and the score."""

    offer_id: int
    relationship_id: int
    cohort_id: int | None
    mentee: str
    mentor: str
    score: float
    status: str
    started_on: dt.date
    cadence_days: int | None
    meetings_held: int
    #: Meetings the agreed cadence asked for so far (None: no cadence agreed).
    meetings_expected: int | None
    last_contact_on: dt.date | None
    health: State
    next_contact_due: dt.date | None

    @property
    def cadence_kept(self) -> bool | None:
        """At least as many meetings held as the cadence asked for (None: no cadence)."""
        if self.meetings_expected is None:
            return None
        return self.meetings_held >= self.meetings_expected

    @property
    def at_risk(self) -> bool:
        return self.health in AT_RISK


@dataclass(frozen=True)
class WaitingPerson:
    """An enrolled mentee with no open or accepted offer."""

    participant_id: int
    name: str
    cohort_id: int | None
    joined_on: dt.date
    days_waiting: int


@dataclass(frozen=True)
class OpenOffer:
    """An offer waiting for an answer, and whose."""

    offer_id: int
    cohort_id: int | None
    mentee: str
    mentor: str
    offered_on: dt.date
    #: "mentee", "mentor" or "both": who has not answered yet.
    waiting_for: str


@dataclass(frozen=True)
class CohortEngagement:
    """The figures of one cohort (``cohort_id`` None: people in no cohort, or the total)."""

    cohort_id: int | None
    name: str | None
    mentees: int
    mentors: int
    pairs: int
    meetings_held: int
    #: Pairs that held at least the meetings their cadence asked for.
    cadence_kept: int
    #: Pairs by health state (every state of STATES, zero included).
    health: dict[str, int]
    at_risk: int
    waiting: int
    offers_open: int
    last_contact_on: dt.date | None


@dataclass(frozen=True)
class Engagement:
    """A programme's engagement as of ``as_of``: per cohort, the total, and the rows."""

    as_of: dt.date
    cohorts: tuple[CohortEngagement, ...]
    total: CohortEngagement
    pairs: tuple[PairEngagement, ...]
    waiting: tuple[WaitingPerson, ...]
    open_offers: tuple[OpenOffer, ...]
    cohort_names: dict[int, str] = field(default_factory=dict)

    @property
    def at_risk(self) -> list[PairEngagement]:
        """Pairs at risk or dormant, longest without contact first."""
        rows = [p for p in self.pairs if p.at_risk]
        rows.sort(key=lambda p: (p.last_contact_on or p.started_on, p.offer_id))
        return rows

    def cohort_name(self, cohort_id: int | None) -> str | None:
        return None if cohort_id is None else self.cohort_names.get(cohort_id)


def pair_cadence(
    *,
    started_on: dt.date,
    today: dt.date,
    ends_on: dt.date | None,
    cadence_days: int | None,
) -> int | None:
    """Meetings a cadence asked for from the start until today (or the end, if sooner).

    One meeting per whole cadence elapsed: a pair on a 30-day cadence owes its
    first meeting on day 30.

    >>> import datetime as dt
    >>> pair_cadence(started_on=dt.date(2026, 1, 1), today=dt.date(2026, 3, 2),
    ...              ends_on=None, cadence_days=30)
    2
    >>> pair_cadence(started_on=dt.date(2026, 1, 1), today=dt.date(2026, 3, 2),
    ...              ends_on=None, cadence_days=None) is None
    True
    """
    if not cadence_days:
        return None
    until = min(today, ends_on) if ends_on is not None else today
    return max((until - started_on).days, 0) // cadence_days


#: Before any answer: what an offer without its answers' moments is taken to be accepted at.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def accepted_at(offer: str = "") -> Greatest:
    """When the offer at ``offer`` (a lookup path to a ``MatchOffer``, "" for the offer
    itself) was accepted: its later answer. A pair's meetings count from then, so
    meetings the two held before the programme matched them are not the programme's."""
    prefix = f"{offer}__" if offer else ""
    return Greatest(
        Coalesce(F(f"{prefix}mentee_answered_at"), Value(_EPOCH)),
        Coalesce(F(f"{prefix}mentor_answered_at"), Value(_EPOCH)),
    )


def pairs_in_programme(programme: Programme) -> Any:
    """The relationships of the programme's accepted offers whose mentee is still in it.

    A mentee who left takes the pair out of the programme's figures (the
    dashboard, ``tribe programme engagement``, the report and its CSV and JSON):
    the relationship goes on as the two people's own, which is no longer the
    programme's to watch.
    """
    return Relationship.objects.filter(
        offer__programme=programme, offer__status=OfferStatus.ACCEPTED
    ).exclude(offer__mentee__status=ParticipantStatus.LEFT)


def _held_count(now: dt.datetime) -> Coalesce:
    return Coalesce(
        Subquery(
            Meeting.objects.filter(
                relationship=OuterRef("pk"),
                status=Meeting.Status.HELD,
                starts_at__lte=now,
                starts_at__gte=OuterRef("programme_from"),
            )
            .order_by()
            .values("relationship")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _pairs(
    programme: Programme, *, cohort: Cohort | None, now: dt.datetime, zone_name: str
) -> list[PairEngagement]:
    rows = pairs_in_programme(programme)
    if cohort is not None:
        rows = rows.filter(offer__mentee__cohort=cohort)
    rows = with_health_inputs(
        rows.only(*HEALTH_COLUMNS)
        .annotate(programme_from=accepted_at("offer"))
        .annotate(
            offer_pk=F("offer__id"),
            cohort_pk=F("offer__mentee__cohort_id"),
            pair_mentee=F("offer__mentee__person__name"),
            pair_mentor=F("offer__mentor__person__name"),
            offer_score=F("offer__score"),
            meetings_held=_held_count(now),
        )
        .order_by("offer__id"),
        now=now,
    )
    today = local(now, zone_name).date()
    out = []
    for r in rows:
        health = health_of(r, now=now, zone_name=zone_name, viewer_id=None)
        held: int = getattr(r, "meetings_held")  # noqa: B009
        started = r.starts_on or local(r.status_changed_at, zone_name).date()
        accepted: dt.datetime = getattr(r, "programme_from")  # noqa: B009
        if accepted > _EPOCH:
            # A relationship the two had before the offer is the programme's from then.
            started = max(started, local(accepted, zone_name).date())
        ended = r.ends_on
        if r.status == Relationship.Status.ENDED:
            stopped = local(r.status_changed_at, zone_name).date()
            ended = min(ended, stopped) if ended else stopped
        last_meeting = getattr(r, "last_meeting_at", None)
        contacts = [
            d
            for d in (
                local(last_meeting, zone_name).date() if last_meeting else None,
                getattr(r, "last_touch_on", None),
            )
            if d is not None
        ]
        out.append(
            PairEngagement(
                offer_id=getattr(r, "offer_pk"),  # noqa: B009 (annotations: no attributes)
                relationship_id=r.pk,
                cohort_id=getattr(r, "cohort_pk"),  # noqa: B009
                mentee=getattr(r, "pair_mentee"),  # noqa: B009
                mentor=getattr(r, "pair_mentor"),  # noqa: B009
                score=getattr(r, "offer_score"),  # noqa: B009
                status=r.status,
                started_on=started,
                cadence_days=r.cadence_days,
                meetings_held=held,
                meetings_expected=pair_cadence(
                    started_on=started, today=today, ends_on=ended, cadence_days=r.cadence_days
                ),
                last_contact_on=max(contacts) if contacts else None,
                health=health.state,
                next_contact_due=health.next_contact_due,
            )
        )
    return out


def _waiting(
    programme: Programme, *, cohort: Cohort | None, today: dt.date, zone_name: str
) -> list[WaitingPerson]:
    matched = MatchOffer.objects.filter(
        mentee=OuterRef("pk"), status__in=(OfferStatus.OPEN, OfferStatus.ACCEPTED)
    )
    rows = programme.participants.filter(
        status=ParticipantStatus.ENROLLED, role__in=(Role.MENTEE, Role.BOTH)
    ).exclude(Exists(matched))
    if cohort is not None:
        rows = rows.filter(cohort=cohort)
    out = []
    for row in rows.values("id", "person__name", "cohort_id", "joined_at").order_by(
        "joined_at", "id"
    ):
        joined = local(row["joined_at"], zone_name).date()
        out.append(
            WaitingPerson(
                participant_id=row["id"],
                name=row["person__name"],
                cohort_id=row["cohort_id"],
                joined_on=joined,
                days_waiting=max((today - joined).days, 0),
            )
        )
    return out


def _open_offers(programme: Programme, *, cohort: Cohort | None, zone_name: str) -> list[OpenOffer]:
    rows = programme.offers.filter(status=OfferStatus.OPEN)
    if cohort is not None:
        rows = rows.filter(mentee__cohort=cohort)
    out = []
    for row in rows.values(
        "id",
        "mentee__cohort_id",
        "mentee__person__name",
        "mentor__person__name",
        "created_at",
        "mentee_answer",
        "mentor_answer",
    ).order_by("created_at", "id"):
        pending = [
            side
            for side, answer in (("mentee", row["mentee_answer"]), ("mentor", row["mentor_answer"]))
            if answer == Answer.PENDING
        ]
        out.append(
            OpenOffer(
                offer_id=row["id"],
                cohort_id=row["mentee__cohort_id"],
                mentee=row["mentee__person__name"],
                mentor=row["mentor__person__name"],
                offered_on=local(row["created_at"], zone_name).date(),
                waiting_for="both" if len(pending) != 1 else pending[0],
            )
        )
    return out


def _summary(
    cohort_id: int | None,
    name: str | None,
    *,
    enrolled: Counter[str],
    pairs: Sequence[PairEngagement],
    waiting: int,
    offers_open: int,
) -> CohortEngagement:
    states = Counter(p.health.value for p in pairs)
    contacts = [p.last_contact_on for p in pairs if p.last_contact_on is not None]
    return CohortEngagement(
        cohort_id=cohort_id,
        name=name,
        mentees=enrolled["mentees"],
        mentors=enrolled["mentors"],
        pairs=len(pairs),
        meetings_held=sum(p.meetings_held for p in pairs),
        cadence_kept=sum(1 for p in pairs if p.cadence_kept),
        health={state.value: states[state.value] for state in STATES},
        at_risk=sum(1 for p in pairs if p.at_risk),
        waiting=waiting,
        offers_open=offers_open,
        last_contact_on=max(contacts) if contacts else None,
    )


def programme_engagement(
    *,
    programme: Programme,
    zone_name: str,
    cohort: Cohort | None = None,
    now: dt.datetime | None = None,
) -> Engagement:
    """Engagement of ``programme`` (or of one of its cohorts), in ``zone_name``'s days.

    The caller has checked that the person administers the programme (and
    fetched ``cohort`` through it). Five queries, whatever the number of pairs.
    """
    moment = clock.resolve(now)
    today = local(moment, zone_name).date()
    cohorts = programme.cohorts.all()
    if cohort is not None:
        cohorts = cohorts.filter(pk=cohort.pk)
    names = dict(cohorts.order_by("-starts_on", "name", "id").values_list("id", "name"))

    counts = programme.participants.filter(status=ParticipantStatus.ENROLLED)
    if cohort is not None:
        counts = counts.filter(cohort=cohort)
    enrolled: dict[int | None, Counter[str]] = {}
    for row in (
        counts.values("cohort_id")
        .annotate(
            mentees=Count("id", filter=Q(role__in=(Role.MENTEE, Role.BOTH))),
            mentors=Count("id", filter=Q(role__in=(Role.MENTOR, Role.BOTH))),
        )
        .order_by()
    ):
        enrolled.setdefault(row["cohort_id"], Counter()).update(
            mentees=row["mentees"], mentors=row["mentors"]
        )

    pairs = _pairs(programme, cohort=cohort, now=moment, zone_name=zone_name)
    waiting = _waiting(programme, cohort=cohort, today=today, zone_name=zone_name)
    offers = _open_offers(programme, cohort=cohort, zone_name=zone_name)

    keys: list[int | None] = list(names)
    if cohort is None and (
        None in enrolled
        or any(p.cohort_id is None for p in pairs)
        or any(w.cohort_id is None for w in waiting)
    ):
        keys.append(None)
    summaries = tuple(
        _summary(
            key,
            names.get(key) if key is not None else None,
            enrolled=enrolled.get(key, Counter()),
            pairs=[p for p in pairs if p.cohort_id == key],
            waiting=sum(1 for w in waiting if w.cohort_id == key),
            offers_open=sum(1 for o in offers if o.cohort_id == key),
        )
        for key in keys
    )
    everyone: Counter[str] = Counter()
    for counter in enrolled.values():
        everyone.update(counter)
    total = _summary(
        None, None, enrolled=everyone, pairs=pairs, waiting=len(waiting), offers_open=len(offers)
    )
    return Engagement(
        as_of=today,
        cohorts=summaries,
        total=total,
        pairs=tuple(pairs),
        waiting=tuple(waiting),
        open_offers=tuple(offers),
        cohort_names=names,
    )

"""Today: everything due for one person, across all their relationships.

Built from a fixed number of queries whatever the number of relationships
(and, for the digest, whatever the number of people),
and returned as a flat list of items sorted by urgency so that later kinds of
duty (follow-ups, thanks, updates) slot in without changing the callers.

Longer than most modules: it is one read model whose queries share the
batch's relationships and its caches of translated words, so its parts stay
together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from typing import TypeVar

from django.db.models import Exists, F, OuterRef, Q
from django.utils.formats import date_format as _date_format
from django.utils.translation import gettext as _gettext
from django.utils.translation import ngettext as _ngettext

from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.selectors import advocacy_due_for_many
from tribe.coaching.selectors import practice_due_for_many
from tribe.core import clock
from tribe.core.labels import in_sentence
from tribe.core.zones import local
from tribe.journal.selectors import (
    REFLECT_WITHIN,
    journal_due_for_many,
    meetings_awaiting_reflection_for_many,
)
from tribe.ledger.health import FOLLOW_UP_GRACE_DAYS, State
from tribe.ledger.models import TAKEN_UP, Advice, Gratitude
from tribe.ledger.selectors import FOLLOW_UP_WINDOW, health_of, with_health_inputs
from tribe.meetings.models import ActionItem, Meeting
from tribe.outreach.nudges import NudgeState
from tribe.outreach.selectors import nudge_state
from tribe.people.models import Person
from tribe.programs.models import Answer, MatchOffer, OfferStatus
from tribe.relationships.models import CLOSED_STATUSES, Relationship

#: How far ahead upcoming meetings appear.
HORIZON = dt.timedelta(days=7)
CONTACT_STATES = frozenset({State.DUE, State.AT_RISK, State.DORMANT})
#: Among items equally urgent, the order a careful mentee would take them in.
KIND_ORDER = {
    "offer": -4,
    "request": -3,
    "info_asked": -2,
    "nudge": -1,
    "meeting": 0,
    "follow_up": 1,
    "contact": 2,
    "action_item": 3,
    "update": 4,
    "thanks": 5,
    "report_back": 6,
    "reflect": 7,
    "journal": 8,
    "practice": 9,
    "advocacy": 10,
    "schedule": 11,
    "move_on": 12,
    "declined": 13,
}
#: A no stays on Today this many days after it came, for the mentee to read
#: (and thank, and ask the next person).
DECLINE_DAYS = 14


class Urgency(IntEnum):
    """Lower sorts first."""

    OVERDUE = 0
    TODAY = 1
    SOON = 2
    OPEN = 3


@dataclass(frozen=True)
class TodayItem:
    kind: str  # one of KIND_ORDER
    title: str
    detail: str
    urgency: Urgency
    due: dt.date | None
    #: None for a duty that belongs to no relationship (yet): a programme's offer,
    #: the journal's cadence.
    relationship_id: int | None
    object_id: int
    #: The other person it is about; "" for a duty of one's own (the journal's cadence).
    with_name: str
    #: The programme a programme duty belongs to (its address name), else "".
    programme: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "urgency": self.urgency.name.lower(),
            "due": self.due.isoformat() if self.due else None,
            "relationship_id": self.relationship_id,
            "id": self.object_id,
            "with": self.with_name,
            "programme": self.programme,
        }


@dataclass(frozen=True)
class Today:
    person: Person
    date: dt.date
    items: list[TodayItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "person": self.person.email,
            "date": self.date.isoformat(),
            "items": [item.as_dict() for item in self.items],
        }


def _urgency(due: dt.date | None, today: dt.date) -> Urgency:
    if due is None:
        return Urgency.OPEN
    if due < today:
        return Urgency.OVERDUE
    if due == today:
        return Urgency.TODAY
    return Urgency.SOON


#: People per batch in :func:`today_for_many`: keeps each IN list well under
#: SQLite's bound-parameter limit and each result set a reasonable size.
BATCH = 1000
SIDES = ("mentee", "mentor", "mentee_contact", "mentor_contact")
Row = TypeVar("Row", Meeting, Advice, ActionItem)
#: The columns the duties are worded from (the rows are many and SQLite parses
#: every date column it returns).
ADVICE_FIELDS = (
    "relationship",
    "recorded_by",
    "text",
    "decision",
    "outcome",
    "report_back",
    "reported_back_on",
)


def today_for(*, person: Person, now: dt.datetime | None = None) -> Today:
    """Everything due for ``person``: ten queries, however many relationships."""
    return today_for_many(people=[person], now=now)[person.pk]


def today_for_many(*, people: Sequence[Person], now: dt.datetime | None = None) -> dict[int, Today]:
    """Today for many people at once (the digest): ten queries per batch of people.

    A relationship between two people of the batch yields each their own
    items, in their own zone.
    """
    moment = clock.resolve(now)
    out: dict[int, Today] = {}
    for start in range(0, len(people), BATCH):
        chunk = {p.pk: p for p in people[start : start + BATCH]}
        out.update(_today_batch(chunk, moment))
    return out


def _today_batch(people: dict[int, Person], moment: dt.datetime) -> dict[int, Today]:
    # A well-connected person has hundreds of duties, worded from a handful of
    # messages and dates: each is translated and formatted once per batch (the
    # language stays the same throughout).
    gettext = cache(_gettext)
    date_format = cache(_date_format)  # for dates only (see the meetings below)
    ids = list(people)
    todays = {pk: local(moment, p.timezone).date() for pk, p in people.items()}
    items: dict[int, list[TodayItem]] = {pk: [] for pk in ids}

    def sides_in_batch(relationship: Relationship) -> list[Person]:
        # Only a side that said yes has duties in a relationship (consent.py).
        return [
            people[pk]
            for pk, agreed in (
                (relationship.mentee_id, relationship.mentee_consented_at),
                (relationship.mentor_id, relationship.mentor_consented_at),
            )
            if pk in people and agreed is not None
        ]

    # Every relationship with its health and both sides in one query; contact
    # due, updates due and "schedule the next meeting" are read from it. The
    # other queries are all about these relationships, so they fetch their own
    # rows only and are handed the relationship from here: joining the four
    # sides into each of them made the SQL several times longer to compile and
    # the rows several times wider, for names already in memory.
    rows = with_health_inputs(
        Relationship.objects.filter(Q(mentee__in=ids) | Q(mentor__in=ids)).select_related(*SIDES),
        now=moment,
    ).annotate(
        has_next=Exists(
            Meeting.objects.filter(
                relationship=OuterRef("pk"), status=Meeting.Status.PLANNED, starts_at__gte=moment
            )
        )
    )
    relationships: dict[int, Relationship] = {}
    for relationship in rows:
        relationships[relationship.pk] = relationship
        _outreach_items(
            relationship, people, todays, items, gettext=gettext, date_format=date_format
        )
        for person in sides_in_batch(relationship):
            _relationship_items(
                relationship,
                person,
                moment,
                todays[person.pk],
                items[person.pk],
                gettext=gettext,
                date_format=date_format,
            )

    def attached(rows: Iterable[Row]) -> Iterator[Row]:
        """``rows`` with their relationship from the first query. A row whose
        relationship began after that query (a write in between) waits for the
        next visit rather than costing a query."""
        for row in rows:
            relationship = relationships.get(row.relationship_id)
            if relationship is not None:
                row.relationship = relationship
                yield row

    # Meetings to prepare, for both sides.
    upcoming = (
        Meeting.objects.filter(
            Q(relationship__mentee__in=ids) | Q(relationship__mentor__in=ids),
            status=Meeting.Status.PLANNED,
            starts_at__gte=moment,
            starts_at__lt=moment + HORIZON,
        )
        # Ending a relationship leaves its planned meetings as they were: nothing
        # in a closed relationship is due any more.
        .exclude(relationship__status__in=CLOSED_STATUSES)
        .only("relationship", "title", "starts_at")
        .order_by("starts_at")
    )
    for meeting in attached(upcoming):
        for person in sides_in_batch(meeting.relationship):
            starts = local(meeting.starts_at, person.timezone)
            other = meeting.relationship.other_name(person)
            items[person.pk].append(
                TodayItem(
                    kind="meeting",
                    title=gettext("Prepare: {title} with {name}").format(
                        title=meeting.title or gettext("meeting"), name=other
                    ),
                    # Not the cached date_format: aware datetimes of one instant in
                    # two zones are equal keys, and each side reads their own time.
                    detail=f"{_date_format(starts, 'PADDED_DAY_TIME_FORMAT')} ({person.timezone})",
                    urgency=_urgency(starts.date(), todays[person.pk]),
                    due=starts.date(),
                    relationship_id=meeting.relationship_id,
                    object_id=meeting.pk,
                    with_name=other,
                )
            )

    # Follow-ups: the mentee's duty after every meeting that took place.
    unsent = (
        Meeting.objects.filter(
            relationship__mentee__in=ids,
            follow_up_sent_at__isnull=True,
            starts_at__lt=moment,
            starts_at__gte=moment - FOLLOW_UP_WINDOW,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .only("relationship", "status", "starts_at")
    )
    for meeting in attached(unsent):
        person = people[meeting.relationship.mentee_id]  # type: ignore[index]
        other = meeting.relationship.other_name(person)
        held_on = local(meeting.starts_at, person.timezone).date()
        late = (todays[person.pk] - held_on).days > FOLLOW_UP_GRACE_DAYS
        unconfirmed = meeting.status == Meeting.Status.PLANNED
        after = (
            gettext("after the meeting of {day} (did it happen? mark it held or cancelled)")
            if unconfirmed
            else gettext("after the meeting of {day}")
        )
        items[person.pk].append(
            TodayItem(
                kind="follow_up",
                title=gettext("Send the follow-up to {name}").format(name=other),
                detail=after.format(day=date_format(held_on, "PADDED_MONTH_DAY_FORMAT")),
                urgency=Urgency.OVERDUE if late else Urgency.TODAY,
                due=held_on + dt.timedelta(days=FOLLOW_UP_GRACE_DAYS),
                relationship_id=meeting.relationship_id,
                object_id=meeting.pk,
                with_name=other,
            )
        )

    # Advice: help to thank, and outcomes to report back. EXISTS rather than
    # an outer join to gratitude: same rows, no DISTINCT, and PostgreSQL
    # plans it in a tenth of the time.
    advice_rows = (
        Advice.objects.filter(recorded_by__in=ids, relationship__mentee=F("recorded_by"))
        .exclude(relationship__status=Relationship.Status.DECLINED)
        .annotate(thanked=Exists(Gratitude.objects.filter(advice=OuterRef("pk"))))
        .filter(
            Q(decision__in=TAKEN_UP, thanked=False)
            | Q(report_back=True, reported_back_on__isnull=True, outcome__gt="")
        )
        .only(*ADVICE_FIELDS)
    )
    for advice in attached(advice_rows):
        person = people[advice.recorded_by_id]
        other = advice.relationship.other_name(person)
        if not advice.thanked and advice.decision in TAKEN_UP:  # type: ignore[attr-defined]
            items[person.pk].append(
                TodayItem(
                    kind="thanks",
                    title=gettext("Thank {name} for: {advice}").format(
                        name=other, advice=advice.text[:80]
                    ),
                    detail=gettext("your decision: {decision}").format(
                        decision=in_sentence(advice, "decision")
                    ),
                    urgency=Urgency.SOON,
                    due=None,
                    relationship_id=advice.relationship_id,
                    object_id=advice.pk,
                    with_name=other,
                )
            )
        if advice.report_back and advice.reported_back_on is None and advice.outcome:
            items[person.pk].append(
                TodayItem(
                    kind="report_back",
                    title=gettext("Tell {name} how it went: {advice}").format(
                        name=other, advice=advice.text[:80]
                    ),
                    detail=gettext("goes into the next agenda and update"),
                    urgency=Urgency.OPEN,
                    due=None,
                    relationship_id=advice.relationship_id,
                    object_id=advice.pk,
                    with_name=other,
                )
            )

    # Action items each side owns.
    open_items = (
        ActionItem.objects.filter(done_at__isnull=True)
        .filter(
            Q(
                relationship__mentee__in=ids,
                relationship__mentee_consented_at__isnull=False,
                owner=ActionItem.Owner.MENTEE,
            )
            | Q(
                relationship__mentor__in=ids,
                relationship__mentor_consented_at__isnull=False,
                owner=ActionItem.Owner.MENTOR,
            )
        )
        .exclude(relationship__status__in=CLOSED_STATUSES)
        .only("relationship", "owner", "title", "due_on")
    )
    for item in attached(open_items):
        owner_id = (
            item.relationship.mentee_id
            if item.owner == ActionItem.Owner.MENTEE
            else item.relationship.mentor_id
        )
        person = people[owner_id]  # type: ignore[index]
        items[person.pk].append(
            TodayItem(
                kind="action_item",
                title=item.title,
                detail=gettext("due {day}").format(
                    day=date_format(item.due_on, "PADDED_DATE_FORMAT")
                )
                if item.due_on
                else gettext("no due date"),
                urgency=_urgency(item.due_on, todays[person.pk]),
                due=item.due_on,
                relationship_id=item.relationship_id,
                object_id=item.pk,
                with_name=item.relationship.other_name(person),
            )
        )

    # Programme matches offered and waiting for this person's answer. Programmes
    # sit beside Today (one layer), so this is a read of their table, not a call.
    offers = (
        MatchOffer.objects.filter(status=OfferStatus.OPEN)
        .filter(
            Q(mentee__person__in=ids, mentee_answer=Answer.PENDING)
            | Q(mentor__person__in=ids, mentor_answer=Answer.PENDING)
        )
        .select_related("programme", "mentee__person", "mentor__person")
        .only(
            "created_at",
            "mentee_answer",
            "mentor_answer",
            "programme__slug",
            "programme__name",
            "mentee__person__name",
            "mentor__person__name",
        )
    )
    for offer in offers:
        for side, counterpart, answer in (
            (offer.mentee.person, offer.mentor.person, offer.mentee_answer),
            (offer.mentor.person, offer.mentee.person, offer.mentor_answer),
        ):
            if side.pk not in people or answer != Answer.PENDING:
                continue
            items[side.pk].append(
                TodayItem(
                    kind="offer",
                    title=gettext("{programme} offers you a match with {name}").format(
                        programme=offer.programme.name, name=counterpart.name
                    ),
                    detail=gettext("accept or decline: nothing starts until you both say yes"),
                    urgency=Urgency.TODAY,
                    due=None,
                    relationship_id=None,
                    object_id=offer.pk,
                    with_name=counterpart.name,
                    programme=offer.programme.slug,
                )
            )

    _learning_items(people, todays, moment, items, gettext=gettext, date_format=date_format)
    _kind_items(people, todays, items, gettext=gettext, date_format=date_format)

    result = {}
    for pk, person in people.items():
        mine = items[pk]
        mine.sort(key=lambda i: (i.urgency, i.due or dt.date.max, KIND_ORDER[i.kind], i.object_id))
        result[pk] = Today(person=person, date=todays[pk], items=mine)
    return result


def _learning_items(
    people: dict[int, Person],
    todays: dict[int, dt.date],
    moment: dt.datetime,
    items: dict[int, list[TodayItem]],
    *,
    gettext: Callable[[str], str],
    date_format: Callable[[dt.date, str], str],
) -> None:
    """The learning journal's duties (two queries): a reflection on each meeting
    held lately that the person has not written about, for either side, and one
    reflection when the cadence they chose says it is time.

    A reflection on a meeting is due by the last day the journal asks for it
    (``REFLECT_WITHIN`` after the meeting): the one that would slip away first
    comes first."""
    batch = list(people.values())
    awaiting = meetings_awaiting_reflection_for_many(people=batch, now=moment)
    for pk, meetings in awaiting.items():
        person = people[pk]
        for meeting in meetings:
            other = meeting.relationship.other_name(person)
            held_on = local(meeting.starts_at, person.timezone).date()
            last_day = local(meeting.starts_at + REFLECT_WITHIN, person.timezone).date()
            items[pk].append(
                TodayItem(
                    kind="reflect",
                    title=gettext("Reflect on your meeting with {name}").format(name=other),
                    detail=gettext("held on {day}: what did you learn, what will you try?").format(
                        day=date_format(held_on, "PADDED_MONTH_DAY_FORMAT")
                    ),
                    urgency=_urgency(last_day, todays[pk]),
                    due=last_day,
                    relationship_id=meeting.relationship_id,
                    object_id=meeting.pk,
                    with_name=other,
                )
            )
    for pk, due in journal_due_for_many(people=batch, today=todays).items():
        if due:
            items[pk].append(
                TodayItem(
                    kind="journal",
                    title=gettext("Write a reflection in your learning journal"),
                    detail=gettext("by the rhythm you chose, it is time for one"),
                    urgency=Urgency.SOON,
                    due=None,
                    # The person's own duty: no relationship, nobody else; the id is theirs.
                    relationship_id=None,
                    object_id=pk,
                    with_name="",
                )
            )


def _kind_items(
    people: dict[int, Person],
    todays: dict[int, dt.date],
    items: dict[int, list[TodayItem]],
    *,
    gettext: Callable[[str], str],
    date_format: Callable[[dt.date, str], str],
) -> None:
    """What the kinds of relationship carry (two queries): the practice a coaching
    regimen asks of its mentee today or before, and the advocacy asks waiting for
    the sponsor's answer or past their date with nothing come of them yet.

    Each ask is one item for a person: one that waits for their answer says so
    (and is overdue once past its date) rather than appearing twice."""
    ngettext = cache(_ngettext)
    batch = list(people.values())
    for pk, practice in practice_due_for_many(people=batch, today=todays).items():
        person = people[pk]
        for due in practice:
            exercise, schedule = due.exercise, due.schedule
            other = due.relationship.other_name(person)
            every = ngettext("every day", "every {count} days", exercise.every_days).format(
                count=exercise.every_days
            )
            last = schedule.last_practised_on
            items[pk].append(
                TodayItem(
                    kind="practice",
                    title=gettext("Practise: {exercise}").format(exercise=exercise.title[:80]),
                    detail=gettext("last practised on {day}, {every}").format(
                        day=date_format(last, "PADDED_MONTH_DAY_FORMAT"), every=every
                    )
                    if last
                    else gettext("not practised yet, {every}").format(every=every),
                    urgency=Urgency.OVERDUE if schedule.overdue else Urgency.TODAY,
                    due=schedule.next_due_on,
                    relationship_id=exercise.relationship_id,
                    object_id=exercise.pk,
                    with_name=other,
                )
            )
    for pk, advocacy in advocacy_due_for_many(people=batch, today=todays).items():
        person, today = people[pk], todays[pk]
        answering = {ask.pk for ask in advocacy.to_answer}
        for ask in advocacy.to_answer:
            items[pk].append(_ask_item(ask, person, today, True, gettext, date_format))
        for ask in advocacy.past_date:
            if ask.pk not in answering:
                items[pk].append(_ask_item(ask, person, today, False, gettext, date_format))


def _ask_item(
    ask: AdvocacyAsk,
    person: Person,
    today: dt.date,
    to_answer: bool,
    gettext: Callable[[str], str],
    date_format: Callable[[dt.date, str], str],
) -> TodayItem:
    """One advocacy ask as a duty of ``person``: to answer (``to_answer``), or past its
    date with no outcome."""
    relationship = ask.relationship
    other = relationship.other_name(person)
    opportunity = ask.opportunity[:80]
    by_when = ask.by_when
    day = date_format(by_when, "PADDED_MONTH_DAY_FORMAT") if by_when else ""
    if to_answer:
        # A sponsor who is only a contact answers outside Tribe: the person sponsored,
        # who keeps the record, records it.
        title = (
            gettext("Answer {name}'s ask: {opportunity}")
            if relationship.role_of(person) == "mentor"
            else gettext("Record {name}'s answer to your ask: {opportunity}")
        )
        detail = (
            gettext("to speak to {audience} by {day}: yes or no, either is fine")
            if by_when
            else gettext("to speak to {audience}: yes or no, either is fine")
        )
        return TodayItem(
            kind="advocacy",
            title=title.format(name=other, opportunity=opportunity),
            detail=detail.format(audience=ask.audience[:80], day=day),
            urgency=_urgency(by_when, today) if by_when else Urgency.SOON,
            due=by_when,
            relationship_id=relationship.pk,
            object_id=ask.pk,
            with_name=other,
        )
    if ask.status == AskStatus.ASKED:
        detail = gettext("no answer yet; it was for {day}")
    elif ask.status == AskStatus.AGREED:
        detail = gettext("agreed, not yet done; it was for {day}")
    else:
        detail = gettext("done: what came of it? It was for {day}")
    return TodayItem(
        kind="advocacy",
        title=gettext("Past its date: {opportunity}").format(opportunity=opportunity),
        detail=detail.format(day=day),
        urgency=Urgency.OVERDUE,
        due=by_when,
        relationship_id=relationship.pk,
        object_id=ask.pk,
        with_name=other,
    )


def _outreach_items(
    relationship: Relationship,
    people: dict[int, Person],
    todays: dict[int, dt.date],
    items: dict[int, list[TodayItem]],
    *,
    gettext: Callable[[str], str],
    date_format: Callable[[dt.date, str], str],
) -> None:
    """What waits on either side of a request: the answer, for the person asked; for
    the person asking, information the mentor asked for, a nudge due, or a no to read.

    The person asked has not said yes, so of the relationship they see the request
    alone (consent.awaiting_q): the item links to their requests, not to it.
    """
    if relationship.status not in (Relationship.Status.ASKED, Relationship.Status.DECLINED):
        return
    sides = (
        (relationship.mentee_id, relationship.mentee_consented_at),
        (relationship.mentor_id, relationship.mentor_consented_at),
    )
    for pk, agreed in sides:
        if pk is None or pk not in people:
            continue
        person = people[pk]
        duty = _outreach_duty(
            relationship,
            person,
            todays[pk],
            asked=agreed is None,
            gettext=gettext,
            date_format=date_format,
        )
        if duty is not None:
            kind, title, detail, urgency, due = duty
            items[pk].append(
                TodayItem(
                    kind=kind,
                    title=title,
                    detail=detail,
                    urgency=urgency,
                    due=due,
                    relationship_id=relationship.pk,
                    object_id=relationship.pk,
                    with_name=relationship.other_name(person),
                )
            )


def _outreach_duty(
    relationship: Relationship,
    person: Person,
    today: dt.date,
    *,
    asked: bool,
    gettext: Callable[[str], str],
    date_format: Callable[[dt.date, str], str],
) -> tuple[str, str, str, Urgency, dt.date | None] | None:
    """The one outreach duty of ``person`` in ``relationship`` (kind, title, detail,
    urgency, due), or None. ``asked``: they are the side asked, not the asker."""
    other = relationship.other_name(person)
    status = relationship.status
    if asked:
        if status != Relationship.Status.ASKED or relationship.asked_at is None:
            return None
        asked_on = local(relationship.asked_at, person.timezone).date()
        return (
            "request",
            gettext("Answer {name}'s request").format(name=other),
            gettext("sent on {day}: yes, no, or ask for more").format(
                day=date_format(asked_on, "PADDED_MONTH_DAY_FORMAT")
            ),
            Urgency.SOON,
            None,
        )
    if status == Relationship.Status.DECLINED:
        declined_on = local(relationship.status_changed_at, person.timezone).date()
        if relationship.asked_at is None or (today - declined_on).days > DECLINE_DAYS:
            return None
        return (
            "declined",
            gettext("{name} said no: read their answer").format(name=other),
            gettext("on {day}; thank them, then ask the next person").format(
                day=date_format(declined_on, "PADDED_MONTH_DAY_FORMAT")
            ),
            Urgency.OPEN,
            None,
        )
    if relationship.info_request:
        return (
            "info_asked",
            gettext("{name} asked for more before answering").format(name=other),
            gettext("answer on the request's page"),
            Urgency.TODAY,
            today,
        )
    nudge = nudge_state(
        relationship=relationship,
        wait_days=person.nudge_after_days,
        today=today,
        zone_name=person.timezone,
    )
    if nudge.state == NudgeState.NUDGE and nudge.due_on is not None:
        return (
            "nudge",
            gettext("Nudge {name}: no answer yet").format(name=other),
            gettext("a friendly nudge is due since {day}").format(
                day=date_format(nudge.due_on, "PADDED_MONTH_DAY_FORMAT")
            ),
            Urgency.OVERDUE if nudge.due_on < today else Urgency.TODAY,
            nudge.due_on,
        )
    if nudge.state == NudgeState.MOVE_ON:
        return (
            "move_on",
            gettext("Still no answer from {name}: ask someone else").format(name=other),
            gettext("after a request and a nudge, silence is an answer"),
            Urgency.OPEN,
            None,
        )
    return None


def _relationship_items(
    relationship: Relationship,
    person: Person,
    moment: dt.datetime,
    today: dt.date,
    out: list[TodayItem],
    gettext: Callable[[str], str] = _gettext,
    date_format: Callable[[dt.date, str], str] = _date_format,
) -> None:
    """Contact due, update due and "schedule the next meeting", from one relationship's health."""
    health = health_of(relationship, now=moment, zone_name=person.timezone, viewer_id=person.pk)
    role = relationship.role_of(person)
    other = relationship.other_name(person)
    contact_due = role == "mentee" and health.contact in CONTACT_STATES
    if contact_due:
        out.append(
            TodayItem(
                kind="contact",
                title=gettext("Get in touch with {name}").format(name=other),
                detail=health.reasons[0],
                urgency=Urgency.TODAY if health.contact == State.DUE else Urgency.OVERDUE,
                due=health.next_contact_due,
                relationship_id=relationship.pk,
                object_id=relationship.pk,
                with_name=other,
            )
        )
    if role == "mentee" and health.update_due is not None and health.update_due <= today:
        out.append(
            TodayItem(
                kind="update",
                title=gettext("Send {name} an update").format(name=other),
                detail=gettext("due since {day}").format(
                    day=date_format(health.update_due, "PADDED_DATE_FORMAT")
                ),
                urgency=Urgency.OVERDUE if health.update_due < today else Urgency.TODAY,
                due=health.update_due,
                relationship_id=relationship.pk,
                object_id=relationship.pk,
                with_name=other,
            )
        )
    snoozed = relationship.snoozed_until is not None and relationship.snoozed_until >= today
    if (
        relationship.status in (Relationship.Status.ACTIVE, Relationship.Status.INTRO)
        and not relationship.has_next  # type: ignore[attr-defined]
        and not contact_due
        and not snoozed
    ):
        out.append(
            TodayItem(
                kind="schedule",
                title=gettext("Schedule the next meeting with {name}").format(name=other),
                detail=(
                    gettext("Your {kind} relationship is active, and no meeting is planned")
                    if relationship.status == Relationship.Status.ACTIVE
                    else gettext(
                        "Your {kind} relationship has not started yet: no intro meeting is planned"
                    )
                ).format(kind=in_sentence(relationship, "kind")),
                urgency=Urgency.OPEN,
                due=health.next_contact_due,
                relationship_id=relationship.pk,
                object_id=relationship.pk,
                with_name=other,
            )
        )

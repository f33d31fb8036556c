"""today_for: what is due for one person, in their zone, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import (
    ActionItemFactory,
    ContactFactory,
    MeetingFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.meetings.models import ActionItem, Meeting
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import HORIZON, Today, TodayItem, Urgency, today_for

MENTEE = ActionItem.Owner.MENTEE
MENTOR = ActionItem.Owner.MENTOR
Status = Relationship.Status


def summary(today: Today) -> list[tuple[str, str, dt.date | None]]:
    return [(item.kind, item.urgency.name, item.due) for item in today.items]


def ids_of(today: Today, kind: str) -> list[int]:
    return [item.object_id for item in today.items if item.kind == kind]


def planned(relationship: Relationship, starts_at: dt.datetime, **fields) -> Meeting:  # type: ignore[no-untyped-def]
    return MeetingFactory(relationship=relationship, starts_at=starts_at, **fields)


def mentor_for(mentee: Person, status: str = Status.ACTIVE, **fields) -> Relationship:  # type: ignore[no-untyped-def]
    return RelationshipFactory(mentee=mentee, status=status, **fields)


# --------------------------------------------------------------------------- action items


def test_action_items_are_sorted_overdue_today_soon_then_undated(maya, maya_ravi, now) -> None:
    day = now.date()
    undated = ActionItemFactory(relationship=maya_ravi, title="Read the book")
    later = ActionItemFactory(relationship=maya_ravi, due_on=day + dt.timedelta(days=10))
    soon = ActionItemFactory(relationship=maya_ravi, due_on=day + dt.timedelta(days=2))
    due_today = ActionItemFactory(relationship=maya_ravi, due_on=day)
    overdue = ActionItemFactory(relationship=maya_ravi, due_on=day - dt.timedelta(days=2))
    meeting = planned(maya_ravi, now + dt.timedelta(days=1))

    today = today_for(person=maya, now=now)

    assert summary(today) == [
        ("action_item", "OVERDUE", day - dt.timedelta(days=2)),
        ("action_item", "TODAY", day),
        ("meeting", "SOON", day + dt.timedelta(days=1)),
        ("action_item", "SOON", day + dt.timedelta(days=2)),
        ("action_item", "SOON", day + dt.timedelta(days=10)),
        ("action_item", "OPEN", None),
    ]
    assert ids_of(today, "action_item") == [overdue.pk, due_today.pk, soon.pk, later.pk, undated.pk]
    assert ids_of(today, "meeting") == [meeting.pk]


def test_an_action_item_tells_its_due_date_and_relationship(maya, maya_ravi, now) -> None:
    item = ActionItemFactory(
        relationship=maya_ravi, title="Draft the plan", due_on=dt.date(2026, 3, 8)
    )
    planned(maya_ravi, now + dt.timedelta(days=20))

    (entry,) = today_for(person=maya, now=now).items

    assert entry == TodayItem(
        kind="action_item",
        title="Draft the plan",
        detail="due 08 Mar 2026",
        urgency=Urgency.OVERDUE,
        due=dt.date(2026, 3, 8),
        relationship_id=maya_ravi.pk,
        object_id=item.pk,
        with_name="Ravi Menon",
    )


def test_the_due_date_is_written_in_the_active_language(maya, maya_ravi, now) -> None:
    """German words and German date order, not "fällig am 08 Mar 2026"."""
    ActionItemFactory(relationship=maya_ravi, title="Draft the plan", due_on=dt.date(2026, 3, 8))
    planned(maya_ravi, now + dt.timedelta(days=20))

    with translation.override("de"):
        (entry,) = today_for(person=maya, now=now).items

    assert entry.detail == "fällig am 08.03.2026"


def test_an_undated_action_item_says_so(maya, maya_ravi, now) -> None:
    ActionItemFactory(relationship=maya_ravi, title="Someday")
    planned(maya_ravi, now + dt.timedelta(days=20))

    (entry,) = today_for(person=maya, now=now).items

    assert (entry.detail, entry.urgency, entry.due) == ("no due date", Urgency.OPEN, None)


def test_done_action_items_do_not_appear(maya, maya_ravi, now) -> None:
    ActionItemFactory(relationship=maya_ravi, due_on=now.date(), done_at=now)
    planned(maya_ravi, now + dt.timedelta(days=20))

    assert today_for(person=maya, now=now).items == []


def test_only_my_sides_action_items_appear(maya, ravi, sam, maya_ravi, sam_maya, now) -> None:
    # Maya is Ravi's mentee and Sam's mentor: she owns the mentee items of the
    # first relationship and the mentor items of the second.
    mine_as_mentee = ActionItemFactory(relationship=maya_ravi, owner=MENTEE, due_on=now.date())
    ravis = ActionItemFactory(relationship=maya_ravi, owner=MENTOR, due_on=now.date())
    mine_as_mentor = ActionItemFactory(relationship=sam_maya, owner=MENTOR, due_on=now.date())
    sams = ActionItemFactory(relationship=sam_maya, owner=MENTEE, due_on=now.date())

    assert ids_of(today_for(person=maya, now=now), "action_item") == [
        mine_as_mentee.pk, mine_as_mentor.pk,
    ]  # fmt: skip
    assert ids_of(today_for(person=ravi, now=now), "action_item") == [ravis.pk]
    assert ids_of(today_for(person=sam, now=now), "action_item") == [sams.pk]


@pytest.mark.parametrize("status", [Status.ENDED, Status.DECLINED])
def test_closed_relationships_bring_nothing(maya, now, status: str) -> None:
    closed = mentor_for(maya, status=status)
    ActionItemFactory(relationship=closed, due_on=now.date() - dt.timedelta(days=1))
    ActionItemFactory(relationship=closed)
    planned(closed, now + dt.timedelta(days=1))

    assert today_for(person=maya, now=now).items == []


def test_a_paused_relationships_open_items_still_count(maya, now) -> None:
    paused = mentor_for(maya, status=Status.PAUSED)
    item = ActionItemFactory(relationship=paused, due_on=now.date())

    today = today_for(person=maya, now=now)

    assert ids_of(today, "action_item") == [item.pk]
    assert ids_of(today, "schedule") == []


# --------------------------------------------------------------------------- meetings


def test_upcoming_meetings_within_seven_days_only(maya, maya_ravi, now) -> None:
    within = planned(maya_ravi, now + dt.timedelta(hours=1))
    last_moment = planned(maya_ravi, now + HORIZON - dt.timedelta(minutes=1))
    planned(maya_ravi, now + HORIZON)
    planned(maya_ravi, now + dt.timedelta(days=30))
    planned(maya_ravi, now - dt.timedelta(hours=1))
    planned(maya_ravi, now + dt.timedelta(days=2), status=Meeting.Status.CANCELLED)

    today = today_for(person=maya, now=now)

    assert dt.timedelta(days=7) == HORIZON
    assert ids_of(today, "meeting") == [within.pk, last_moment.pk]
    assert ids_of(today, "schedule") == []


def test_meetings_show_in_the_persons_zone(maya, ravi, maya_ravi, now) -> None:
    # 20:00 in London is already tomorrow, 01:30, in Kolkata.
    meeting = planned(maya_ravi, dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC), title="Check-in")

    (for_maya,) = today_for(person=maya, now=now).items
    (for_ravi,) = today_for(person=ravi, now=now).items

    assert for_maya.title == "Prepare: Check-in with Ravi Menon"
    assert for_maya.detail == "Tue 10 Mar, 20:00 (Europe/London)"
    assert (for_maya.urgency, for_maya.due) == (Urgency.TODAY, dt.date(2026, 3, 10))
    assert for_ravi.title == "Prepare: Check-in with Maya Chen"
    assert for_ravi.detail == "Wed 11 Mar, 01:30 (Asia/Kolkata)"
    assert (for_ravi.urgency, for_ravi.due) == (Urgency.SOON, dt.date(2026, 3, 11))
    assert for_maya.object_id == for_ravi.object_id == meeting.pk


def test_an_untitled_meeting_is_called_a_meeting(maya, maya_ravi, now) -> None:
    planned(maya_ravi, now + dt.timedelta(days=1), title="")

    (entry,) = today_for(person=maya, now=now).items

    assert entry.title == "Prepare: meeting with Ravi Menon"


def test_today_is_the_persons_local_date(maya, ravi, maya_ravi) -> None:
    evening = dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC)
    ActionItemFactory(relationship=maya_ravi, owner=MENTEE, due_on=dt.date(2026, 3, 10))
    ActionItemFactory(relationship=maya_ravi, owner=MENTOR, due_on=dt.date(2026, 3, 10))
    planned(maya_ravi, evening + dt.timedelta(days=20))

    for_maya = today_for(person=maya, now=evening)
    for_ravi = today_for(person=ravi, now=evening)

    assert for_maya.date == dt.date(2026, 3, 10)
    assert for_ravi.date == dt.date(2026, 3, 11)
    assert [item.urgency for item in for_maya.items] == [Urgency.TODAY]
    assert [item.urgency for item in for_ravi.items] == [Urgency.OVERDUE]


# --------------------------------------------------------------------------- scheduling


def test_open_relationships_without_a_next_meeting_ask_to_schedule(maya, now) -> None:
    active = mentor_for(maya, status=Status.ACTIVE)
    intro = mentor_for(maya, status=Status.INTRO)
    for status in (Status.PROSPECT, Status.ASKED, Status.PAUSED, Status.ENDED, Status.DECLINED):
        mentor_for(maya, status=status)

    today = today_for(person=maya, now=now)

    assert sorted(ids_of(today, "schedule")) == sorted([active.pk, intro.pk])
    assert {item.urgency for item in today.items} == {Urgency.OPEN}
    by_id = {item.object_id: item for item in today.items}
    assert by_id[active.pk].title == f"Schedule the next meeting with {active.mentor.name}"
    assert by_id[active.pk].detail == (
        "Your mentor relationship is active, and no meeting is planned"
    )
    assert by_id[intro.pk].detail == (
        "Your mentor relationship has not started yet: no intro meeting is planned"
    )
    assert by_id[active.pk].relationship_id == active.pk


def test_a_planned_meeting_beyond_the_horizon_counts_as_scheduled(maya, maya_ravi, now) -> None:
    planned(maya_ravi, now + dt.timedelta(days=21))

    assert today_for(person=maya, now=now).items == []


@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (dt.timedelta(days=-3), Meeting.Status.PLANNED),  # in the past: not a next meeting
        (dt.timedelta(days=-3), Meeting.Status.HELD),
        (dt.timedelta(days=3), Meeting.Status.CANCELLED),
    ],
)
def test_only_a_planned_future_meeting_counts_as_scheduled(
    maya, maya_ravi, now, offset: dt.timedelta, status: str
) -> None:
    planned(maya_ravi, now + offset, status=status)

    today = today_for(person=maya, now=now)

    assert ids_of(today, "schedule") == [maya_ravi.pk]
    assert ids_of(today, "meeting") == []


def test_both_sides_are_asked_to_schedule(maya, ravi, maya_ravi, now) -> None:
    assert ids_of(today_for(person=maya, now=now), "schedule") == [maya_ravi.pk]
    assert ids_of(today_for(person=ravi, now=now), "schedule") == [maya_ravi.pk]


def test_a_mentor_who_is_only_a_contact_is_named(maya, now) -> None:
    dana = ContactFactory(owner=maya, name="Dana Whitfield")
    with_contact = RelationshipFactory(mentee=maya, mentor=None, mentor_contact=dana)
    ActionItemFactory(relationship=with_contact, due_on=now.date())

    today = today_for(person=maya, now=now)

    assert [item.with_name for item in today.items] == ["Dana Whitfield", "Dana Whitfield"]
    assert "Schedule the next meeting with Dana Whitfield" in [item.title for item in today.items]


# --------------------------------------------------------------------------- privacy


def test_a_stranger_sees_nothing(maya, ravi, sam, eve, maya_ravi, sam_maya, now) -> None:
    for relationship in (maya_ravi, sam_maya):
        planned(relationship, now + dt.timedelta(days=1))
        ActionItemFactory(relationship=relationship, owner=MENTEE, due_on=now.date())
        ActionItemFactory(relationship=relationship, owner=MENTOR, due_on=now.date())
    mentor_for(sam, status=Status.INTRO)

    today = today_for(person=eve, now=now)

    assert today.items == []
    assert today.as_dict() == {"person": "eve@example.com", "date": "2026-03-10", "items": []}


# --------------------------------------------------------------------------- output


def test_as_dict_is_plain_data(maya, maya_ravi, now) -> None:
    item = ActionItemFactory(relationship=maya_ravi, title="Draft", due_on=dt.date(2026, 3, 9))
    planned(maya_ravi, now + dt.timedelta(days=20))

    assert today_for(person=maya, now=now).as_dict() == {
        "person": "maya@example.com",
        "date": "2026-03-10",
        "items": [
            {
                "kind": "action_item",
                "title": "Draft",
                "detail": "due 09 Mar 2026",
                "urgency": "overdue",
                "due": "2026-03-09",
                "relationship_id": maya_ravi.pk,
                "id": item.pk,
                "with": "Ravi Menon",
                "programme": "",
            }
        ],
    }


# --------------------------------------------------------------------------- query count


def _busy_person(count: int, now: dt.datetime) -> Person:
    """A person with ``count`` relationships on both sides, half of them with a contact."""
    person = PersonFactory(timezone="America/New_York")
    for n in range(count):
        if n % 4 == 0:
            relationship = RelationshipFactory(mentee=person)
        elif n % 4 == 1:
            relationship = RelationshipFactory(mentor=person, mentee=PersonFactory())
        elif n % 4 == 2:
            contact = ContactFactory(owner=person)
            relationship = RelationshipFactory(mentee=person, mentor=None, mentor_contact=contact)
        else:
            contact = ContactFactory(owner=person)
            relationship = RelationshipFactory(
                mentor=person, mentee=None, mentee_contact=contact, created_by=person,
                status=Status.INTRO,
            )  # fmt: skip
        mine = MENTEE if relationship.mentee_id == person.pk else MENTOR
        ActionItemFactory(
            relationship=relationship, owner=mine, due_on=now.date(), created_by=person
        )
        ActionItemFactory(relationship=relationship, owner=mine, created_by=person)
        if n % 2:
            planned(relationship, now + dt.timedelta(days=1 + n % 6))
    return person


def test_query_count_is_fixed_whatever_the_number_of_relationships(
    db, django_assert_num_queries, now
) -> None:
    few, many = _busy_person(2, now), _busy_person(20, now)
    with CaptureQueriesContext(connection) as baseline:
        today_for(person=few, now=now).as_dict()

    with django_assert_num_queries(len(baseline.captured_queries)):
        today = today_for(person=many, now=now)
        rendered = today.as_dict()
        names = [item.with_name for item in today.items]

    # Two action items each, a meeting for half, a "schedule" for the other half.
    kinds = [item["kind"] for item in rendered["items"]]  # type: ignore[index]
    assert kinds.count("action_item") == 40
    assert kinds.count("meeting") == 10
    assert kinds.count("schedule") == 10
    assert all(names)

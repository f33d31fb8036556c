"""Today's duties from the learning journal, on fixed days: a meeting to reflect on, and a
reflection due by the cadence; on the command line, in the API and in the digest too."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.factories import MeetingFactory, PersonFactory, RelationshipFactory
from tribe.cli import main
from tribe.core import clock
from tribe.journal.models import JournalEntry
from tribe.journal.selectors import REFLECT_WITHIN
from tribe.journal.services import cadence_set, entry_create
from tribe.meetings.models import Meeting
from tribe.notifications.digest_timing import DigestDue
from tribe.notifications.digests import Composer
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import TodayItem, Urgency, today_for, today_for_many

pytestmark = pytest.mark.django_db

#: ``now`` is 10 March 2026, 12:00 UTC: the same day in London, Kolkata and Lagos.
DAY = dt.date(2026, 3, 10)


def held_at(relationship: Relationship, starts: dt.datetime, **fields: Any) -> Meeting:
    return MeetingFactory(
        relationship=relationship,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status="held",
        **fields,
    )


def write(author: Person, on: dt.date = DAY, **fields: Any) -> JournalEntry:
    return entry_create(author=author, written_on=on, today=DAY, learned="Something", **fields)


def of_kind(person: Person, now: dt.datetime, kind: str) -> list[TodayItem]:
    return [i for i in today_for(person=person, now=now).items if i.kind == kind]


# -- meetings to reflect on ---------------------------------------------------------------


def test_a_meeting_held_lately_asks_each_side_for_a_reflection(
    maya: Person, ravi: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    meeting = held_at(maya_ravi, now - dt.timedelta(days=3))
    (item,) = of_kind(maya, now, "reflect")
    assert item == TodayItem(
        kind="reflect",
        title="Reflect on your meeting with Ravi Menon",
        detail="held on 07 Mar: what did you learn, what will you try?",
        # Due by the last day the journal asks for it: two weeks after the meeting.
        urgency=Urgency.SOON,
        due=dt.date(2026, 3, 21),
        relationship_id=maya_ravi.pk,
        object_id=meeting.pk,
        with_name="Ravi Menon",
    )
    # The mentor keeps a journal too: his own reflection on the same meeting.
    (his,) = of_kind(ravi, now, "reflect")
    assert (his.object_id, his.with_name) == (meeting.pk, "Maya Chen")


def test_one_item_per_meeting_the_one_slipping_away_first(
    maya: Person, maya_ravi: Relationship, sam_maya: Relationship, now: dt.datetime
) -> None:
    latest = held_at(maya_ravi, now - dt.timedelta(days=1))
    middle = held_at(sam_maya, now - dt.timedelta(days=2))
    oldest = held_at(maya_ravi, now - REFLECT_WITHIN + dt.timedelta(hours=1))
    items = of_kind(maya, now, "reflect")
    assert [i.object_id for i in items] == [oldest.pk, middle.pk, latest.pk]
    # The last day it is asked for is today: due today.
    assert [(i.urgency, i.due) for i in items] == [
        (Urgency.TODAY, DAY),
        (Urgency.SOON, dt.date(2026, 3, 22)),
        (Urgency.SOON, dt.date(2026, 3, 23)),
    ]


def test_a_reflection_written_for_the_meeting_removes_the_item(
    maya: Person, ravi: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    meeting = held_at(maya_ravi, now - dt.timedelta(days=3))
    write(maya, meeting=meeting)
    assert of_kind(maya, now, "reflect") == []
    # Ravi's stays: Maya's entry is hers.
    assert [i.object_id for i in of_kind(ravi, now, "reflect")] == [meeting.pk]


def test_a_shared_entry_by_the_other_person_does_not_count_as_mine(
    maya: Person, ravi: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    meeting = held_at(maya_ravi, now - dt.timedelta(days=3))
    write(ravi, meeting=meeting, relationship=maya_ravi, shared=True)
    assert [i.object_id for i in of_kind(maya, now, "reflect")] == [meeting.pk]
    assert of_kind(ravi, now, "reflect") == []


def test_a_meeting_older_than_the_window_gives_none(
    maya: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    held_at(maya_ravi, now - REFLECT_WITHIN - dt.timedelta(minutes=1))
    last_day = held_at(maya_ravi, now - REFLECT_WITHIN)
    assert [i.object_id for i in of_kind(maya, now, "reflect")] == [last_day.pk]
    # A day later, that one is past the window too.
    assert of_kind(maya, now + dt.timedelta(days=1), "reflect") == []


def test_only_a_meeting_that_took_place_asks_for_a_reflection(
    maya: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    past = now - dt.timedelta(days=2)
    MeetingFactory(relationship=maya_ravi, starts_at=past)  # planned, never marked held
    MeetingFactory(relationship=maya_ravi, starts_at=past, status="cancelled")
    MeetingFactory(relationship=maya_ravi, starts_at=now + dt.timedelta(days=1))
    assert of_kind(maya, now, "reflect") == []


def test_the_other_sides_meetings_do_not_leak(
    maya: Person,
    ravi: Person,
    sam: Person,
    eve: Person,
    maya_ravi: Relationship,
    sam_maya: Relationship,
    now: dt.datetime,
) -> None:
    with_ravi = held_at(maya_ravi, now - dt.timedelta(days=3))
    with_sam = held_at(sam_maya, now - dt.timedelta(days=2))
    # Ravi's other mentee, and a relationship Ravi has not said yes to yet.
    other = held_at(RelationshipFactory(mentor=ravi), now - dt.timedelta(days=1))
    unanswered = RelationshipFactory(mentee=eve, mentor=ravi, created_by=eve)
    Relationship.objects.filter(pk=unanswered.pk).update(mentor_consented_at=None)
    held_at(unanswered, now - dt.timedelta(days=1))

    assert [i.object_id for i in of_kind(maya, now, "reflect")] == [with_ravi.pk, with_sam.pk]
    assert [i.object_id for i in of_kind(ravi, now, "reflect")] == [with_ravi.pk, other.pk]
    assert [i.object_id for i in of_kind(sam, now, "reflect")] == [with_sam.pk]
    # Eve has her own meeting (she said yes to her side) and nobody else's.
    assert [i.with_name for i in of_kind(eve, now, "reflect")] == ["Ravi Menon"]


# -- a reflection due by the cadence --------------------------------------------------------


def test_the_cadence_says_when_a_reflection_is_due(maya: Person, now: dt.datetime) -> None:
    assert of_kind(maya, now, "journal") == []  # no cadence chosen: only after meetings
    cadence_set(person=maya, cadence="weekly")
    (item,) = of_kind(maya, now, "journal")  # nothing written yet: due at once
    assert item == TodayItem(
        kind="journal",
        title="Write a reflection in your learning journal",
        detail="by the rhythm you chose, it is time for one",
        urgency=Urgency.SOON,
        due=None,
        relationship_id=None,
        object_id=maya.pk,
        with_name="",
    )
    write(maya, DAY - dt.timedelta(days=6))
    assert of_kind(maya, now, "journal") == []
    assert len(of_kind(maya, now + dt.timedelta(days=1), "journal")) == 1


def test_cadence_off_gives_no_journal_item(maya: Person, now: dt.datetime) -> None:
    cadence_set(person=maya, cadence="monthly")
    write(maya, DAY - dt.timedelta(days=100))
    assert len(of_kind(maya, now, "journal")) == 1
    cadence_set(person=maya, cadence="off")
    assert of_kind(maya, now, "journal") == []


def test_the_cadence_is_read_on_each_persons_own_day(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    """At 20:00 UTC it is already the next day in Kolkata: a week is up for Ravi, not Maya."""
    evening = now.replace(hour=20)
    for person in (maya, ravi):
        cadence_set(person=person, cadence="weekly")
        write(person, DAY - dt.timedelta(days=6))
    batch = today_for_many(people=[maya, ravi], now=evening)
    assert [i.kind for i in batch[maya.pk].items if i.kind == "journal"] == []
    assert [i.kind for i in batch[ravi.pk].items if i.kind == "journal"] == ["journal"]


def test_someone_elses_cadence_and_entries_are_theirs(
    maya: Person, ravi: Person, maya_ravi: Relationship, now: dt.datetime
) -> None:
    cadence_set(person=ravi, cadence="weekly")
    cadence_set(person=maya, cadence="weekly")
    write(maya)
    assert of_kind(maya, now, "journal") == []
    assert [i.object_id for i in of_kind(ravi, now, "journal")] == [ravi.pk]


# -- a fixed number of queries ------------------------------------------------------------


def _journal_keeper(count: int, now: dt.datetime) -> Person:
    """A person with ``count`` relationships on both sides, a meeting held in each (written
    about in every third), entries of their own and a weekly cadence."""
    person = PersonFactory(timezone="America/New_York")
    cadence_set(person=person, cadence="weekly")
    for n in range(count):
        relationship = (
            RelationshipFactory(mentee=person)
            if n % 2
            else RelationshipFactory(mentor=person, mentee=PersonFactory())
        )
        meeting = held_at(relationship, now - dt.timedelta(days=1 + n % 10))
        if n % 3 == 0:
            write(person, DAY - dt.timedelta(days=8 + n), meeting=meeting)
        write(relationship.mentee if n % 2 == 0 else relationship.mentor, meeting=meeting)
    return person


def test_query_count_is_fixed_whatever_the_meetings_and_entries(
    db: None, django_assert_num_queries: Any, now: dt.datetime
) -> None:
    few, many = _journal_keeper(2, now), _journal_keeper(15, now)
    with CaptureQueriesContext(connection) as baseline:
        today_for(person=few, now=now).as_dict()
    with django_assert_num_queries(len(baseline.captured_queries)):
        items = today_for(person=many, now=now).items
    kinds = [i.kind for i in items]
    assert kinds.count("reflect") == 10  # 15 meetings, 5 written about
    assert kinds.count("journal") == 1  # the last entry is 8 days old
    assert all(i.with_name for i in items if i.kind == "reflect")


def test_query_count_is_fixed_whatever_the_number_of_people(
    db: None, django_assert_num_queries: Any, now: dt.datetime
) -> None:
    few = [_journal_keeper(2, now) for _ in range(2)]
    many = [_journal_keeper(3, now) for _ in range(12)]
    with CaptureQueriesContext(connection) as baseline:
        today_for_many(people=few, now=now)
    with django_assert_num_queries(len(baseline.captured_queries)):
        batch = today_for_many(people=many, now=now)
    assert {pk: t.as_dict() for pk, t in batch.items()} == {
        p.pk: today_for(person=p, now=now).as_dict() for p in many
    }
    assert all(
        [i.kind for i in batch[p.pk].items].count("reflect") == 2 for p in many
    )  # three meetings each, one written about


# -- the command line, the API, the digest ----------------------------------------------------


@pytest.fixture
def reflective(maya: Person, maya_ravi: Relationship, now: dt.datetime) -> Meeting:
    """Maya has a meeting to reflect on and, weekly, a reflection due."""
    cadence_set(person=maya, cadence="weekly")
    return held_at(maya_ravi, now - dt.timedelta(days=3))


def test_tribe_today_lists_both(
    reflective: Meeting,
    now: dt.datetime,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRIBE_LANGUAGE", "en")
    with clock.frozen(now):
        assert main(["today", "--as", "maya@example.com"]) == 0
        out = capsys.readouterr().out
        assert " - Reflect on your meeting with Ravi Menon — held on 07 Mar" in out
        assert " - Write a reflection in your learning journal — by the rhythm" in out
        assert main(["today", "--json", "--as", "maya@example.com"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_kind = {i["kind"]: i for i in data["items"]}
    assert by_kind["reflect"]["id"] == reflective.pk
    assert by_kind["reflect"]["relationship_id"] == reflective.relationship_id
    assert by_kind["journal"] | {"id": 0} == {
        "kind": "journal",
        "title": "Write a reflection in your learning journal",
        "detail": "by the rhythm you chose, it is time for one",
        "urgency": "soon",
        "due": None,
        "relationship_id": None,
        "id": 0,
        "with": "",
        "programme": "",
    }


def test_the_api_says_what_each_id_is(
    maya: Person, ravi: Person, reflective: Meeting, now: dt.datetime
) -> None:
    with clock.frozen(now):
        mine = ApiClient().as_(maya).get("/api/today")
        his = ApiClient().as_(ravi).get("/api/today")
    assert mine.status_code == 200
    by_kind = {i["kind"]: i for i in mine.json_body["items"]}
    assert (by_kind["reflect"]["target"], by_kind["reflect"]["id"]) == ("meeting", reflective.pk)
    assert (by_kind["journal"]["target"], by_kind["journal"]["id"]) == ("person", maya.pk)
    assert by_kind["journal"]["with_name"] == ""
    # Ravi has his own reflection on the meeting, and no cadence chosen: no journal item.
    kinds = [i["kind"] for i in his.json_body["items"]]
    assert "reflect" in kinds and "journal" not in kinds


def test_the_digest_lists_both(maya: Person, reflective: Meeting, now: dt.datetime) -> None:
    today = today_for(person=maya, now=now)
    due = DigestDue(key="digest:test", due_at=now, local_date=DAY)
    (message,) = Composer().compose(maya, today, due, [("email", "", "")])
    for body in (message["body_text"], message["body_html"]):
        assert "Reflect on your meeting with Ravi Menon" in body
        assert "held on 07 Mar: what did you learn, what will you try?" in body
        assert "Write a reflection in your learning journal" in body

"""Today's duties from keeping relationships alive, and their order."""

import datetime as dt

import pytest

from tests.factories import MeetingFactory, RelationshipFactory
from tribe.journal.services import cadence_set, entry_create
from tribe.ledger import services
from tribe.people.models import Person
from tribe.today.selectors import Urgency, today_for

pytestmark = pytest.mark.django_db


def _kinds(person: Person, now: dt.datetime) -> list[str]:
    return [i.kind for i in today_for(person=person, now=now).items]


def test_every_duty_appears_in_urgency_order(maya: Person, ravi: Person, now: dt.datetime) -> None:
    today = now.date()
    rel = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        cadence_days=14,
        starts_on=today - dt.timedelta(days=100),
        update_every_days=30,
    )
    # a meeting held 5 days ago, no follow-up: overdue
    MeetingFactory(
        relationship=rel,
        status="held",
        starts_at=now - dt.timedelta(days=5),
        ends_at=now - dt.timedelta(days=5, hours=-1),
    )
    # contact is then 5 days old: healthy; an update has never been sent: due since start + 30
    advice = services.advice_record(
        actor=maya, relationship=rel, text="Delegate", given_on=today, today=today
    )
    services.advice_decide(actor=maya, advice=advice, decision="adopt")
    services.advice_record_outcome(
        actor=maya, advice=advice, outcome="Worked", today=today, report_back=True
    )
    MeetingFactory(
        relationship=rel,
        starts_at=now + dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1, hours=1),
    )
    items = today_for(person=maya, now=now).items
    kinds = [i.kind for i in items]
    # Equally urgent items come oldest due date first: the update was due 70 days ago.
    assert kinds == ["update", "follow_up", "meeting", "reflect", "thanks", "report_back"]
    assert [i.urgency for i in items][:2] == [Urgency.OVERDUE, Urgency.OVERDUE]
    # The mentor has none of the mentee's duties, only the meeting to prepare, and
    # his own reflection on the meeting held.
    assert _kinds(ravi, now) == ["meeting", "reflect"]


def test_overdue_contact_replaces_the_schedule_prompt_and_snooze_quiets_both(
    maya: Person, now: dt.datetime
) -> None:
    today = now.date()
    rel = RelationshipFactory(mentee=maya, cadence_days=14, starts_on=today - dt.timedelta(days=60))
    items = today_for(person=maya, now=now).items
    assert [i.kind for i in items] == ["contact"]
    assert items[0].detail == "no contact yet, 9 weeks since the start against a 2-week cadence"
    services.relationship_snooze(
        actor=maya, relationship=rel, until=today + dt.timedelta(days=7), reason="away", today=today
    )
    assert _kinds(maya, now) == []


def test_follow_up_for_a_past_planned_meeting_asks_if_it_happened(
    maya: Person, now: dt.datetime
) -> None:
    rel = RelationshipFactory(mentee=maya, cadence_days=28, starts_on=now.date())
    MeetingFactory(
        relationship=rel, starts_at=now - dt.timedelta(days=1), ends_at=now - dt.timedelta(hours=23)
    )
    (item,) = [i for i in today_for(person=maya, now=now).items if i.kind == "follow_up"]
    assert "did it happen?" in item.detail and item.urgency == Urgency.TODAY


def test_query_count_is_fixed_with_every_kind_of_duty(
    maya: Person, now: dt.datetime, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def add(n: int) -> None:
        today = now.date()
        for _ in range(n):
            rel = RelationshipFactory(
                mentee=maya,
                cadence_days=14,
                starts_on=today - dt.timedelta(days=50),
                update_every_days=30,
            )
            MeetingFactory(
                relationship=rel,
                status="held",
                starts_at=now - dt.timedelta(days=4),
                ends_at=now - dt.timedelta(days=4, hours=-1),
            )
            advice = services.advice_record(
                actor=maya, relationship=rel, text="x", given_on=today, today=today
            )
            services.advice_decide(actor=maya, advice=advice, decision="try")

    cadence_set(person=maya, cadence="weekly")  # and no entry yet: one is due
    add(2)
    with django_assert_num_queries(10) as small:
        today_for(person=maya, now=now)
    add(10)
    with django_assert_num_queries(len(small.captured_queries)):
        items = today_for(person=maya, now=now).items
    assert len([i for i in items if i.kind == "follow_up"]) == 12
    assert len([i for i in items if i.kind == "reflect"]) == 12
    assert len([i for i in items if i.kind == "journal"]) == 1


def test_many_people_at_once_match_one_by_one_in_the_same_queries(
    maya: Person,
    ravi: Person,
    sam: Person,
    now: dt.datetime,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    from tribe.today.selectors import today_for_many

    today = now.date()
    both = RelationshipFactory(
        mentee=maya, mentor=ravi, cadence_days=14, starts_on=today - dt.timedelta(days=40)
    )
    MeetingFactory(
        relationship=both,
        starts_at=now + dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1, hours=1),
    )
    held = MeetingFactory(
        relationship=RelationshipFactory(
            mentee=sam, mentor=maya, cadence_days=7, starts_on=today - dt.timedelta(days=30)
        ),
        status="held",
        starts_at=now - dt.timedelta(days=2),
        ends_at=now - dt.timedelta(days=2, hours=-1),
    )
    cadence_set(person=ravi, cadence="weekly")
    entry_create(author=sam, written_on=today, today=today, learned="Ask early", meeting=held)
    people = [maya, ravi, sam]
    single = {p.pk: today_for(person=p, now=now).as_dict() for p in people}
    with django_assert_num_queries(10):
        batch = today_for_many(people=people, now=now)
    assert {pk: t.as_dict() for pk, t in batch.items()} == single
    # The meeting between Maya and Ravi shows for each, in their own zone.
    assert any("(Asia/Kolkata)" in i["detail"] for i in single[ravi.pk]["items"])
    assert any("(Europe/London)" in i["detail"] for i in single[maya.pk]["items"])
    # Sam wrote about the meeting he held with Maya; she has not, and Ravi's journal is due.
    assert [i["id"] for i in single[maya.pk]["items"] if i["kind"] == "reflect"] == [held.pk]
    assert not any(i["kind"] == "reflect" for i in single[sam.pk]["items"])
    assert [i["kind"] for i in single[ravi.pk]["items"]].count("journal") == 1

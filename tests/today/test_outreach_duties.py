"""Today lists what waits on each side of a request: the answer for the person
asked, and for the person asking what the mentor asked for, a nudge due, a
second silence, or a no to read. In a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, RelationshipFactory
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import Urgency, today_for

Status = Relationship.Status


def asked(mentee: Person, mentor: Person, now: dt.datetime, **fields: object) -> Relationship:
    """``mentee`` asked ``mentor``, who has not answered (nor said yes)."""
    fields.setdefault("asked_at", now - dt.timedelta(days=2))
    return RelationshipFactory(
        mentee=mentee,
        mentor=mentor,
        created_by=mentee,
        status=Status.ASKED,
        mentor_consented_at=None,
        request_message="Would you?",
        **fields,
    )


def kinds(person: Person, now: dt.datetime) -> list[tuple[str, str]]:
    return [(item.kind, item.with_name) for item in today_for(person=person, now=now).items]


def test_the_person_asked_is_told_to_answer(maya: Person, ravi: Person, now: dt.datetime) -> None:
    request = asked(maya, ravi, now)
    (item,) = today_for(person=ravi, now=now).items
    assert (item.kind, item.object_id, item.with_name) == ("request", request.pk, "Maya Chen")
    assert item.title == "Answer Maya Chen's request"
    assert item.urgency == Urgency.SOON
    # The asker waits: nothing is due for her until the nudge day.
    assert kinds(maya, now) == []


def test_the_asker_is_told_when_the_mentor_asked_for_more(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    asked(maya, ravi, now, info_request="Which team are you on?")
    assert kinds(maya, now) == [("info_asked", "Ravi Menon")]
    assert kinds(ravi, now) == [("request", "Maya Chen")]


def test_a_nudge_is_due_after_the_wait_then_moving_on(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    maya.nudge_after_days = 7
    maya.save()
    request = asked(maya, ravi, now, asked_at=now - dt.timedelta(days=8))
    (item,) = today_for(person=maya, now=now).items
    assert item.kind == "nudge"
    assert item.urgency == Urgency.OVERDUE  # due yesterday
    request.nudges_sent, request.last_nudge_at = 1, now - dt.timedelta(days=7)
    request.save()
    assert kinds(maya, now) == [("move_on", "Ravi Menon")]


def test_a_no_is_there_to_read_for_two_weeks(maya: Person, ravi: Person, now: dt.datetime) -> None:
    RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=maya,
        status=Status.DECLINED,
        status_changed_at=now - dt.timedelta(days=3),
        asked_at=now - dt.timedelta(days=5),
        mentor_consented_at=None,
        decline_message="Not this quarter",
    )
    assert kinds(maya, now) == [("declined", "Ravi Menon")]
    assert kinds(ravi, now) == []  # the mentor's no is not a duty of theirs
    later = now + dt.timedelta(days=15)
    assert kinds(maya, later) == []


def test_a_prospect_not_yet_asked_is_nobody_elses_business(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, status=Status.PROSPECT, mentor_consented_at=None
    )
    assert kinds(ravi, now) == []


@pytest.mark.django_db
def test_requests_add_no_query_per_request(django_assert_num_queries, now: dt.datetime) -> None:
    def mentor_with(count: int) -> Person:
        mentor = PersonFactory(open_to_mentoring=True, mentee_capacity=5)
        for _ in range(count):
            asked(PersonFactory(), mentor, now)
        return mentor

    few, many = mentor_with(1), mentor_with(15)
    with CaptureQueriesContext(connection) as baseline:
        today_for(person=few, now=now)
    with django_assert_num_queries(len(baseline.captured_queries)):
        items = today_for(person=many, now=now).items
    assert [item.kind for item in items] == ["request"] * 15


def test_the_page_links_each_duty_to_where_it_is_done(
    maya: Person, ravi: Person, now: dt.datetime, client
) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    request = asked(maya, ravi, dt.datetime.now(dt.UTC), info_request="Which team?")
    client.force_login(ravi)
    page = client.get(reverse("web:today")).content.decode()
    assert f'href="/requests/#request-{request.pk}"' in page
    assert "Answer Maya Chen&#x27;s request" in page
    client.force_login(maya)
    page = client.get(reverse("web:today")).content.decode()
    assert f'href="/relationships/{request.pk}/ask/"' in page
    assert "Ravi Menon asked for more before answering" in page

"""The finding-mentors and mentor-mode list pages run a fixed number of queries:
the same for 2 rows as for 12."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import client_for, today_of
from tribe.ledger.services import (
    advice_record,
    advice_record_outcome,
    advice_share_outcome,
    gratitude_record,
    update_record_sent,
)
from tribe.outreach.services import introduction_record
from tribe.people.models import Person
from tribe.people.services import (
    ContactInput,
    WindowInput,
    availability_replace,
    contact_create,
    goal_create,
)
from tribe.relationships.services import relationship_create

pytestmark = pytest.mark.django_db

MakePerson = Callable[..., Person]
_names = itertools.count(1)


def _find_rows(me: Person, make_person: MakePerson, n: int) -> None:
    """A goal per row, each with a prospect (no purpose) and an intro meeting to agree on."""
    for _ in range(n):
        k = next(_names)
        goal = goal_create(person=me, title=f"Goal {k}")
        mentor = make_person(f"Mentor {k}", open_to_mentoring=True, mentee_capacity=2)
        relationship_create(created_by=me, my_role="mentee", other_person=mentor, goals=[goal])
        relationship_agreed(
            created_by=me, my_role="mentee", other_person=mentor, kind="coach", status="intro"
        )
        contact_create(owner=me, data=ContactInput(name=f"Contact {k}"))


def _fit_rows(me: Person, make_person: MakePerson, n: int) -> None:
    """Open mentors and contacts to rank, with their weekly windows."""
    for _ in range(n):
        k = next(_names)
        mentor = make_person(
            f"Mentor {k}",
            open_to_mentoring=True,
            mentee_capacity=2,
            expertise=["team leadership"],
            languages=["English"],
        )
        availability_replace(
            person=mentor,
            windows=[WindowInput(weekday=1, starts=dt.time(9), ends=dt.time(12))],
        )
        contact_create(owner=me, data=ContactInput(name=f"Contact {k}", headline="Team lead"))


def _requests(mentor: Person, make_person: MakePerson, n: int) -> None:
    for _ in range(n):
        relationship_agreed(
            created_by=make_person(f"Mentee {next(_names)}"),
            my_role="mentee",
            other_person=mentor,
            purpose="Learn",
            status="asked",
        )


def _impact(mentor: Person, make_person: MakePerson, n: int) -> None:
    today = today_of(mentor)
    target = make_person(f"Target {next(_names)}")
    for _ in range(n):
        mentee = make_person(f"Mentee {next(_names)}")
        r = relationship_agreed(
            created_by=mentee, my_role="mentee", other_person=mentor, status="intro"
        )
        gratitude_record(
            actor=mentee,
            relationship=r,
            kind="thank_you",
            given_on=today,
            description="Thanks",
            today=today,
        )
        update_record_sent(actor=mentee, relationship=r, body="News", sent_on=today, today=today)
        advice = advice_record(
            actor=mentee, relationship=r, text="Tip", given_on=today, today=today
        )
        advice_record_outcome(actor=mentee, advice=advice, outcome="It worked", today=today)
        advice_share_outcome(actor=mentee, advice=advice, words="It worked")
        introduction_record(
            actor=mentor,
            introducer=mentor,
            mentee=mentee,
            to_person=target,
            introduced_on=today,
            today=today,
        )


def _tribe(me: Person, make_person: MakePerson, n: int) -> None:
    today = today_of(me)
    for _ in range(n):
        k = next(_names)
        mentee = make_person(f"Mentee {k}")
        # Intro meetings: shown in the graph, and no capacity to run out of.
        relationship_agreed(created_by=me, my_role="mentor", other_person=mentee, status="intro")
        mentor = make_person(f"Mentor {k}", open_to_mentoring=True, mentee_capacity=5)
        relationship_agreed(created_by=me, my_role="mentee", other_person=mentor, status="active")
        # The mentor shares their own mentor: the graph's third layer.
        Person.objects.filter(pk=mentor.pk).update(share_mentors=True)
        grand = make_person(f"Grand {k}")
        relationship_agreed(created_by=mentor, my_role="mentee", other_person=grand, status="intro")
        contact_create(owner=me, data=ContactInput(name=f"Contact {k}"))
        introduction_record(
            actor=me,
            introducer=me,
            mentee=mentee,
            to_person=mentor,
            introduced_on=today,
            today=today,
        )


@pytest.mark.parametrize(
    ("name", "queries", "build", "rows_in"),
    [
        # session, person, relationships and their goals, goal map (goals, their
        # relationships), contacts count, open mentors count
        (
            "web:find",
            8,
            _find_rows,
            lambda c: len(c["goals"]) + len(c["outreach"]) + len(c["starting"]),
        ),
        # session, person, goal, not-a-match (people, contacts), open relationships (people,
        # contacts), mentors, contacts, windows, ruled-out list
        ("web:fit", 11, _fit_rows, lambda c: len(c["rows"])),
        # session, person, requests and their goals
        ("web:requests", 4, _requests, lambda c: len(c["rows"])),
        # session, person, thanks, updates, introductions, shared advice outcomes
        ("web:impact", 6, _impact, lambda c: len(c["entries"]) + c["outcomes"].total),
        # session, person, mentors and mentees for the form, contacts, the graph's
        # relationships, mentors' mentors, introductions
        ("web:tribe", 7, _tribe, lambda c: len(c["sentences"])),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    make_person: MakePerson,
    web_alice: Person,
    web_pia: Person,
    web_goal: Any,
    django_assert_num_queries: Any,
    name: str,
    queries: int | None,
    build: Callable[[Person, MakePerson, int], None],
    rows_in: Callable[[Any], int],
) -> None:
    # Alice looks for mentors; Pia, open to mentoring, has requests, impact and mentees.
    me = web_alice if name in ("web:find", "web:fit") else web_pia
    browser: Client = client_for(me)
    url = reverse("web:fit", args=[web_goal.pk]) if name == "web:fit" else reverse(name)
    rows: list[int] = []

    def count_after_adding(units: int) -> int:
        build(me, make_person, units)
        with django_assert_num_queries(queries) as ctx:
            response = browser.get(url)
        assert response.status_code == 200
        rows.append(rows_in(response.context))
        return len(ctx.captured_queries)

    assert count_after_adding(2) == count_after_adding(10)
    assert 2 <= rows[0] < rows[1]


@pytest.mark.parametrize(
    ("name", "query", "queries", "rows_in"),
    [
        # session, person, open mentors (with their open relationships counted),
        # the windows of the viewer and of every listed mentor
        ("web:directory", "", 4, lambda c: len(c["listings"])),
        ("web:directory", "?q=team+leadership&language=en", 4, lambda c: len(c["listings"])),
        # session, person, relationships, goals, contacts, thanks, journal (a
        # query per kind of thing; the kinds that hang off a relationship need
        # none here)
        ("web:search", "?q=contact", 7, lambda c: len(c["hits"])),
    ],
)
def test_directory_and_search_run_a_fixed_number_of_queries(
    make_person: MakePerson,
    web_alice: Person,
    django_assert_num_queries: Any,
    name: str,
    query: str,
    queries: int,
    rows_in: Callable[[Any], int],
) -> None:
    browser: Client = client_for(web_alice)
    url = reverse(name) + query
    rows: list[int] = []

    def count_after_adding(units: int) -> int:
        _fit_rows(web_alice, make_person, units)
        with django_assert_num_queries(queries) as ctx:
            response = browser.get(url)
        assert response.status_code == 200
        rows.append(rows_in(response.context))
        return len(ctx.captured_queries)

    assert count_after_adding(2) == count_after_adding(10)
    assert 2 <= rows[0] < rows[1]

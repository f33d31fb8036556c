"""Paying it forward on the pages: ``/mentoring/forward/`` (the steps and the draft saved
through the profile's own service), Today's readiness prompt, and the chain on the tribe page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tests.web.conftest import client_for, errors_of
from tribe.people.errors import PeopleCode
from tribe.people.models import Person
from tribe.programs.models import Participant, Programme, Role

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
URL = "/mentoring/forward/"


@pytest.fixture
def seasoned(frozen_clock: Callable[[dt.datetime], dt.datetime]) -> Person:
    """Sam, a mentee for 200 days who knows public speaking and reached a goal."""
    frozen_clock(NOW)
    sam = PersonFactory(
        name="Sam Seasoned",
        email="sam@example.com",
        expertise=["public speaking"],
        languages=["English", "Yoruba"],
        timezone="Africa/Lagos",
        headline="Engineer",
    )
    RelationshipFactory(mentee=sam, status="active", status_changed_at=NOW - dt.timedelta(days=200))
    GoalFactory(person=sam, title="Run my first code review", status="achieved")
    return sam


def test_the_address_is_the_forward_page() -> None:
    assert reverse("web:forward") == URL


def test_signed_out_people_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_not_yet_says_when_it_will_apply(
    frozen_clock: Callable[[dt.datetime], dt.datetime],
) -> None:
    frozen_clock(NOW)
    newcomer = PersonFactory(expertise=["x"])
    RelationshipFactory(mentee=newcomer, status="active", status_changed_at=NOW)
    browser = client_for(newcomer)
    response = browser.get(URL)
    assert 'id="forward-not-yet"' in response.content.decode()
    assert response.context["form"] is None
    # Nothing to save: a post changes nothing and goes back.
    response = browser.post(URL, {"expertise": "hacked", "mentee_capacity": 5, "offers": "x"})
    assert response.status_code == 302 and response["Location"] == URL
    newcomer.refresh_from_db()
    assert newcomer.expertise == ["x"] and newcomer.mentee_capacity == 0


def test_the_steps_with_the_draft_prefilled_and_nothing_switched_on(
    seasoned: Person, ada: Person
) -> None:
    GoalFactory(title="Get better at public speaking")  # someone else's open goal
    programme = Programme.objects.create(name="Guild", slug="guild", created_by=ada)
    Participant.objects.create(
        programme=programme, person=seasoned, role=Role.MENTEE, joined_at=NOW
    )
    request = RelationshipFactory(
        mentor=seasoned, status="asked", asked_at=NOW - dt.timedelta(days=2), purpose="Talk well"
    )

    response = client_for(seasoned).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "You have been a mentee for 6 months." in page
    # One goal is too few to count aloud: it would single its owner out.
    assert "once there are at least 5" in page
    assert "Get better at public speaking" not in page  # a number, never which goal
    form = response.context["form"]
    assert form.initial["expertise"] == "public speaking, code review"
    assert form.initial["mentee_capacity"] == 1 and form.initial["open_to_mentoring"] is False
    assert (
        'name="open_to_mentoring"' in page
        and "checked" not in page.split("open_to_mentoring")[1][:80]
    )
    assert "from your goal “Run my first code review”" in page
    assert f'href="{reverse("web:my_programme_intake", args=["guild"])}"' in page
    assert f'href="{reverse("web:requests")}#request-{request.pk}"' in page
    assert "Talk well" in page


def test_saving_without_the_box_keeps_the_profile_closed(seasoned: Person) -> None:
    browser = client_for(seasoned)
    response = browser.post(
        URL,
        {"expertise": "public speaking, code review", "offers": "I listen.", "mentee_capacity": 1},
    )
    assert response.status_code == 302 and response["Location"] == URL
    seasoned.refresh_from_db()
    assert seasoned.expertise == ["public speaking", "code review"]
    assert (seasoned.offers, seasoned.mentee_capacity) == ("I listen.", 1)
    assert seasoned.open_to_mentoring is False
    # The rest of the profile is as it was.
    assert (seasoned.name, seasoned.headline, seasoned.timezone) == (
        "Sam Seasoned",
        "Engineer",
        "Africa/Lagos",
    )
    assert seasoned.languages == ["English", "Yoruba"]
    assert "stays closed" in browser.get(URL).content.decode()


def test_ticking_the_box_opens_the_profile(seasoned: Person) -> None:
    browser = client_for(seasoned)
    response = browser.post(
        URL,
        {
            "expertise": "public speaking",
            "offers": "I listen.",
            "mentee_capacity": 2,
            "open_to_mentoring": "on",
        },
        follow=True,
    )
    seasoned.refresh_from_db()
    assert seasoned.open_to_mentoring and seasoned.mentee_capacity == 2
    assert "Your profile is open to mentees." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"mentee_capacity": 0, "open_to_mentoring": "on"}, "mentee_capacity"),
        ({"expertise": "x" * 101}, "expertise"),
        ({"mentee_capacity": 101}, "mentee_capacity"),
        ({"mentee_capacity": "many"}, "mentee_capacity"),
        ({"offers": "y" * 2001}, "offers"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    seasoned: Person, data: dict[str, object], field: str
) -> None:
    posted = {"expertise": "public speaking", "offers": "", "mentee_capacity": 1, **data}
    response = client_for(seasoned).post(URL, posted)
    assert response.status_code == 200
    assert list(errors_of(response)) == [field]
    seasoned.refresh_from_db()
    assert (seasoned.expertise, seasoned.offers) == (["public speaking"], "")
    assert (seasoned.mentee_capacity, seasoned.open_to_mentoring) == (0, False)


def test_capacity_without_a_place_shows_the_services_message(seasoned: Person) -> None:
    response = client_for(seasoned).post(
        URL, {"expertise": "a", "offers": "", "mentee_capacity": 0, "open_to_mentoring": "on"}
    )
    [message] = errors_of(response)["mentee_capacity"]
    assert message.startswith(PeopleCode.CAPACITY_WITHOUT_OPENNESS.template.split("{")[0][:30])


def test_someone_already_mentoring_sees_the_doing_it_state(seasoned: Person) -> None:
    Person.objects.filter(pk=seasoned.pk).update(open_to_mentoring=True, mentee_capacity=2)
    RelationshipFactory(mentor=seasoned, mentee=PersonFactory(name="Lee Park"), status="active")
    browser = client_for(seasoned)
    page = browser.get(URL).content.decode()
    assert 'id="forward-mentoring"' in page and "You mentor 1 person." in page
    assert "1 place is free." in page and f'href="{reverse("web:tribe")}#chain-title"' in page
    assert browser.post(URL, {"expertise": "z", "mentee_capacity": 9}).status_code == 302
    seasoned.refresh_from_db()
    assert seasoned.mentee_capacity == 2


def test_the_page_runs_the_same_queries_for_few_and_many(seasoned: Person, ada: Person) -> None:
    browser = client_for(seasoned)
    browser.get(URL)
    with CaptureQueriesContext(connection) as few:
        browser.get(URL)
    for n in range(4):
        GoalFactory(person=seasoned, title=f"Goal reached {n}", status="achieved")
        GoalFactory(title="public speaking")
        RelationshipFactory(mentor=seasoned, status="asked", asked_at=NOW)
        programme = Programme.objects.create(name=f"P{n}", slug=f"p{n}", created_by=ada)
        Participant.objects.create(
            programme=programme, person=seasoned, role=Role.MENTEE, joined_at=NOW
        )
    with CaptureQueriesContext(connection) as many:
        page = browser.get(URL).content.decode()
    assert "Goal reached 3" in page and "P3" in page
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_today_links_the_readiness_prompt_to_the_steps(seasoned: Person) -> None:
    page = client_for(seasoned).get(reverse("web:today")).content.decode()
    assert "Ready to mentor?" in page
    assert f'href="{URL}">See my first steps as a mentor' in page


def test_the_tribe_page_shows_the_chain(
    frozen_clock: Callable[[dt.datetime], dt.datetime],
    make_person: Callable[..., Person],
) -> None:
    frozen_clock(NOW)
    maya = make_person("Maya Chen")
    ravi = make_person("Ravi Menon")
    grace = make_person("Grace Elder")
    sam = make_person("Sam Okafor")
    RelationshipFactory(mentee=maya, mentor=ravi)
    RelationshipFactory(mentee=ravi, mentor=grace)
    RelationshipFactory(mentee=sam, mentor=maya)

    page = client_for(maya).get(reverse("web:tribe")).content.decode()
    assert "Ravi Menon → Maya Chen → Sam Okafor" in page
    assert "Ravi Menon keeps their own mentors to themselves." in page
    assert "Grace Elder" not in page

    Person.objects.filter(pk=ravi.pk).update(share_mentors=True)
    page = client_for(maya).get(reverse("web:tribe")).content.decode()
    assert "Grace Elder → Ravi Menon → Maya Chen → Sam Okafor" in page
    # Sam sees his mentor Maya, but not Maya's mentors: she does not share them.
    sams = client_for(sam).get(reverse("web:tribe")).content.decode()
    assert "Maya Chen → Sam Okafor" in sams and "Ravi Menon" not in sams


def test_an_empty_tribe_has_no_chain_yet(make_person: Callable[..., Person]) -> None:
    page = client_for(make_person("Eve Stranger")).get(reverse("web:tribe")).content.decode()
    assert "No chain yet" in page and f'href="{URL}"' in page


def test_a_mentor_who_was_never_a_mentee_here_is_told_they_are_doing_it(
    frozen_clock: Callable[[dt.datetime], dt.datetime],
) -> None:
    """Not "comes after some time as a mentee" for someone who mentors already."""
    frozen_clock(NOW)
    elena = PersonFactory(open_to_mentoring=True, mentee_capacity=3, expertise=["leadership"])
    RelationshipFactory(mentor=elena, status="active", status_changed_at=NOW)
    page = client_for(elena).get(URL).content.decode()
    assert 'id="forward-mentoring"' in page and 'id="forward-not-yet"' not in page
    assert "you mentor 1 person" in page

"""Profile, availability, goals and contacts: saving, bad input, fixed query counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import errors_of
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person
from tribe.people.services import ContactInput, contact_create, goal_create

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Alice M.",
    "headline": "Engineer",
    "timezone": "Europe/Berlin",
    "languages": "English, French",
    "expertise": "Python; testing",
    "offers": "",
    "seniority": "6",
    "open_to_mentoring": "on",
    "mentee_capacity": "2",
    "nudge_after_days": "7",
}


def test_profile_saves_through_the_service(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(reverse("web:profile"), PROFILE)
    assert response.status_code == 302
    web_alice.refresh_from_db()
    assert web_alice.name == "Alice M."
    assert web_alice.timezone == "Europe/Berlin"
    assert web_alice.languages == ["English", "French"]
    assert web_alice.expertise == ["Python", "testing"]


def test_profile_page_offers_iana_zones(alice_client: Client) -> None:
    page = alice_client.get(reverse("web:profile")).content.decode()
    assert '<option value="Europe/Paris" selected>' in page
    assert '<option value="America/Argentina/Buenos_Aires">' in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"timezone": "Nowhere/Town"}, "timezone"),
        ({"seniority": "-1"}, "seniority"),
        ({"mentee_capacity": "0"}, "mentee_capacity"),  # open to mentoring needs capacity
        ({"languages": "x" * 101}, "languages"),
    ],
)
def test_profile_bad_input_shows_the_field_and_saves_nothing(
    alice_client: Client, web_alice: Person, changes: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("web:profile"), PROFILE | changes)
    assert response.status_code == 200
    assert field in errors_of(response)
    web_alice.refresh_from_db()
    assert web_alice.name == "Alice Mentee" and web_alice.timezone == "Europe/Paris"


def _windows(*rows: tuple[str, str, str], spare: int = 1) -> dict[str, str]:
    data = {"form-TOTAL_FORMS": str(len(rows) + spare), "form-INITIAL_FORMS": "0"}
    for i, (day, starts, ends) in enumerate([*rows, *[("", "", "")] * spare]):
        data |= {f"form-{i}-weekday": day, f"form-{i}-starts": starts, f"form-{i}-ends": ends}
    return data


def test_availability_replaces_the_windows(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(
        reverse("web:availability"), _windows(("0", "09:00", "11:00"), ("2", "18:00", "19:30"))
    )
    assert response.status_code == 302
    assert [(w.weekday, w.starts) for w in web_alice.availability.all()] == [
        (0, dt.time(9)),
        (2, dt.time(18)),
    ]
    page = alice_client.get(reverse("web:availability")).content.decode()
    assert 'value="09:00"' in page


@pytest.mark.parametrize(
    ("rows", "row", "field"),
    [
        ((("0", "09:00", "08:00"),), 0, "ends"),  # the service: end after start
        ((("0", "09:00", "11:00"), ("", "", ""), ("0", "10:00", "12:00")), 2, "starts"),  # overlap
        ((("0", "09:00", ""),), 0, "ends"),  # half-filled row
        ((("9", "09:00", "10:00"),), 0, "weekday"),
    ],
)
def test_availability_errors_land_on_the_row_and_nothing_changes(
    alice_client: Client, web_alice: Person, rows: Any, row: int, field: str
) -> None:
    AvailabilityWindow.objects.create(
        person=web_alice, weekday=4, starts=dt.time(8), ends=dt.time(9)
    )
    response = alice_client.post(reverse("web:availability"), _windows(*rows))
    assert response.status_code == 200
    assert field in response.context["formset"].forms[row].errors
    assert [w.weekday for w in web_alice.availability.all()] == [4]


def test_goal_create_edit_delete(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(
        reverse("web:goal_new"),
        {"title": "Public speaking", "why": "", "target_date": "2025-12-31", "status": "open"},
    )
    assert response.status_code == 302
    goal = Goal.objects.get(person=web_alice)
    assert goal.target_date == dt.date(2025, 12, 31)
    alice_client.post(
        reverse("web:goal_edit", args=[goal.pk]),
        {"title": "Public speaking", "why": "Conference", "target_date": "", "status": "achieved"},
    )
    goal.refresh_from_db()
    assert goal.status == "achieved" and goal.target_date is None
    assert alice_client.post(reverse("web:goal_delete", args=[goal.pk])).status_code == 302
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "status": "open"}, "title"),
        ({"title": "x" * 201, "status": "open"}, "title"),
        ({"title": "Ok", "status": "finished"}, "status"),
        ({"title": "Ok", "status": "open", "target_date": "31/12/2025"}, "target_date"),
    ],
)
def test_goal_bad_input_writes_nothing(
    alice_client: Client, web_goal: Goal, data: dict[str, str], field: str
) -> None:
    for url in (reverse("web:goal_new"), reverse("web:goal_edit", args=[web_goal.pk])):
        response = alice_client.post(url, data)
        assert field in errors_of(response)
    web_goal.refresh_from_db()
    assert web_goal.title == "Learn to lead a team"
    assert Goal.objects.count() == 1


def test_goal_list_runs_a_fixed_number_of_queries(
    alice_client: Client, web_alice: Person, django_assert_num_queries: Any
) -> None:
    def count_for(rows: int) -> int:
        while Goal.objects.filter(person=web_alice).count() < rows:
            goal_create(person=web_alice, title=f"Goal {Goal.objects.count()}")
        with django_assert_num_queries(3) as ctx:  # session, person, goals
            response = alice_client.get(reverse("web:goals"))
        assert response.context["goals"].__len__() == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


def test_contact_create_edit_delete(
    alice_client: Client, web_alice: Person, web_bob: Person
) -> None:
    response = alice_client.post(
        reverse("web:contact_new"),
        {
            "name": "Bob as a contact",
            "email": "BOB@example.com",
            "url": "https://bob.example",
            "timezone": "",
            "expertise": "hiring, 1:1s",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(owner=web_alice)
    assert contact.person == web_bob  # linked to the account with that address
    assert contact.expertise == ["hiring", "1:1s"]
    edit = reverse("web:contact_edit", args=[contact.pk])
    page = alice_client.get(edit).content.decode()
    assert 'value="hiring, 1:1s"' in page
    alice_client.post(edit, {"name": "Bob M.", "email": "", "timezone": "Europe/Rome"})
    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.timezone) == ("Bob M.", "", "Europe/Rome")
    alice_client.post(reverse("web:contact_delete", args=[contact.pk]))
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "X", "email": "nope"}, "email"),
        ({"name": "X", "email": "carol@example.org"}, "email"),  # already a contact
        ({"name": "X", "url": "ftp://example.com"}, "url"),  # the service's rule
        ({"name": "X", "timezone": "Atlantis"}, "timezone"),
        ({"name": "X", "phone": "1" * 51}, "phone"),
    ],
)
def test_contact_bad_input_writes_nothing(
    alice_client: Client, web_contact: Contact, data: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("web:contact_new"), data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert Contact.objects.count() == 1


def test_contact_search(alice_client: Client, web_alice: Person) -> None:
    for name, company in (("Dana Scully", "FBI"), ("Fox Mulder", "FBI"), ("Walter Skinner", "")):
        contact_create(owner=web_alice, data=ContactInput(name=name, company=company))
    page = alice_client.get(reverse("web:contacts"), {"q": "mulder"}).content.decode()
    assert "Fox Mulder" in page and "Dana Scully" not in page
    page = alice_client.get(reverse("web:contacts"), {"q": "fbi"}).content.decode()
    assert "Fox Mulder" in page and "Dana Scully" in page and "Walter" not in page


def test_contact_list_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
) -> None:
    def count_for(rows: int) -> int:
        while Contact.objects.filter(owner=web_alice).count() < rows:
            n = Contact.objects.count()
            # Every other contact has an account, so the "On Tribe" column is exercised.
            email = make_person(f"Account {n}").email if n % 2 else ""
            contact_create(owner=web_alice, data=ContactInput(name=f"Contact {n}", email=email))
        with django_assert_num_queries(4) as ctx:  # session, person, count, page
            response = alice_client.get(reverse("web:contacts"))
        assert len(response.context["page"].object_list) == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)

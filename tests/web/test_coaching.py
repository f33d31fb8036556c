"""A coaching relationship's page: the regimen, the practice log and paid sessions; each
form posts to its own address and comes back; 404 for anyone else; bad input on the field
it is about; a fixed number of queries however long the regimen and the log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import RelationshipFactory
from tests.web.conftest import client_for, errors_of, today_of
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import exercise_add, practice_log, terms_set
from tribe.core.codes import CoreCode
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(web_alice: Person, web_bob: Person) -> Relationship:
    """Bob coaches Alice: both said yes."""
    return RelationshipFactory(mentee=web_alice, mentor=web_bob, created_by=web_alice, kind="coach")


@pytest.fixture
def drill(web_bob: Person, coached: Relationship) -> Exercise:
    return exercise_add(
        actor=web_bob,
        relationship=coached,
        title="Two-minute pitch",
        instructions="Record it, listen once.",
        every_days=2,
        started_on=today_of(web_bob) - dt.timedelta(days=10),
    )


def page_of(browser: Client, relationship: Relationship) -> str:
    response = browser.get(reverse("web:relationship", args=[relationship.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_regimen_the_log_and_the_terms(
    alice_client: Client, web_alice: Person, web_bob: Person, coached: Relationship, drill: Exercise
) -> None:
    today = today_of(web_alice)
    practice_log(
        actor=web_alice, exercise=drill, practised_on=today - dt.timedelta(days=5), minutes=12,
        note="Too fast", today=today,
    )  # fmt: skip
    terms_set(
        actor=web_bob, relationship=coached, paid=True, amount="80", currency="EUR",
        payer="employer",
    )  # fmt: skip
    body = page_of(alice_client, coached)
    assert 'id="regimen"' in body and 'id="fees"' in body
    assert "Two-minute pitch" in body and "overdue since" in body
    assert "practised once in the last 30 days" in body and "Too fast" in body
    assert "Tribe takes no payment" in body and "80.00 EUR" in body
    assert "per session, paid by the mentee&#x27;s employer." in body
    # The mentee logs practice, and is told the coach reads the log.
    assert reverse("web:practice_new", args=[coached.pk]) in body
    assert "Your coach reads the practice log" in body


def test_the_coach_sees_the_log_but_no_form_to_log(
    web_bob: Person, coached: Relationship, drill: Exercise
) -> None:
    body = page_of(client_for(web_bob), coached)
    assert "Two-minute pitch" in body
    assert reverse("web:practice_new", args=[coached.pk]) not in body
    assert reverse("web:exercise_new", args=[coached.pk]) in body
    assert reverse("web:exercise_retire", args=[drill.pk]) in body


def test_a_mentoring_relationship_has_no_coaching_sections(
    alice_client: Client, web_relationship: Relationship
) -> None:
    body = page_of(alice_client, web_relationship)
    assert 'id="regimen"' not in body and 'id="fees"' not in body


def test_a_coach_not_yet_agreed_shows_no_forms(web_alice: Person, web_eve: Person) -> None:
    asked = RelationshipFactory(
        mentee=web_alice, mentor=web_eve, created_by=web_alice, kind="coach", status="asked"
    )
    body = page_of(client_for(web_alice), asked)
    assert 'id="regimen"' in body
    assert "The regimen opens once both of you have said yes" in body
    assert reverse("web:exercise_new", args=[asked.pk]) not in body
    assert reverse("web:terms_edit", args=[asked.pk]) not in body


def test_adding_an_exercise_goes_back_to_the_regimen(
    web_bob: Person, coached: Relationship
) -> None:
    response = client_for(web_bob).post(
        reverse("web:exercise_new", args=[coached.pk]),
        {"title": "Breathing", "every_days": "1", "started_on": today_of(web_bob).isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/relationships/{coached.pk}/#regimen")
    exercise = Exercise.objects.get()
    assert (exercise.title, exercise.every_days, exercise.added_by) == ("Breathing", 1, web_bob)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"every_days": "0"}, "every_days"),
        ({"every_days": "400"}, "every_days"),
        ({"every_days": "often"}, "every_days"),
        ({"started_on": "someday"}, "started_on"),
    ],
)
def test_a_bad_exercise_comes_back_with_the_error_on_its_field(
    alice_client: Client, web_alice: Person, coached: Relationship, data: dict[str, str], field: str
) -> None:
    sent = {"title": "Drill", "every_days": "2", "started_on": today_of(web_alice).isoformat()}
    response = alice_client.post(reverse("web:exercise_new", args=[coached.pk]), sent | data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Exercise.objects.exists()


def test_a_mentoring_relationship_refuses_an_exercise(
    alice_client: Client, web_alice: Person, web_relationship: Relationship
) -> None:
    response = alice_client.post(
        reverse("web:exercise_new", args=[web_relationship.pk]),
        {"title": "Drill", "every_days": "2", "started_on": today_of(web_alice).isoformat()},
    )
    assert response.status_code == 200
    assert "belong to coaching" in " ".join(errors_of(response)["__all__"])
    assert not Exercise.objects.exists()


def test_editing_and_retiring_an_exercise(
    alice_client: Client, web_alice: Person, drill: Exercise
) -> None:
    edit = reverse("web:exercise_edit", args=[drill.pk])
    assert "Two-minute pitch" in alice_client.get(edit).content.decode()
    response = alice_client.post(
        edit,
        {"title": "Ninety seconds", "every_days": "3", "started_on": drill.started_on.isoformat()},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#exercise-{drill.pk}")
    retire = reverse("web:exercise_retire", args=[drill.pk])
    assert alice_client.get(retire).status_code == 200
    assert alice_client.post(retire).status_code == 302
    drill.refresh_from_db()
    assert (drill.title, drill.every_days, drill.retired_on) == (
        "Ninety seconds",
        3,
        today_of(web_alice),
    )
    # Retiring again is refused, with a message, nothing changed.
    again = alice_client.post(retire, follow=True)
    assert "already retired" in again.content.decode()


def test_the_mentee_logs_practice_and_the_coach_is_refused(
    alice_client: Client, web_alice: Person, web_bob: Person, coached: Relationship, drill: Exercise
) -> None:
    url = reverse("web:practice_new", args=[coached.pk])
    sent = {"exercise": drill.pk, "practised_on": today_of(web_alice).isoformat(), "minutes": "20"}
    response = alice_client.post(url, sent | {"note": "Slower"})
    assert response.status_code == 302 and response["Location"].endswith("#regimen")
    # Alice has an account and logs her own practice: for her coach the page does not exist.
    coach = client_for(web_bob)
    assert coach.get(url).status_code == 404
    assert coach.post(url, sent).status_code == 404
    assert list(PracticeEntry.objects.values_list("minutes", "note", "logged_by")) == [
        (20, "Slower", web_alice.pk)
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"minutes": "-5"}, "minutes"),
        ({"minutes": ""}, "minutes"),
        ({"practised_on": "tomorrow"}, "practised_on"),
        ({"exercise": "999999"}, "exercise"),
    ],
)
def test_bad_practice_comes_back_with_the_error_on_its_field(
    alice_client: Client,
    web_alice: Person,
    coached: Relationship,
    drill: Exercise,
    data: dict[str, str],
    field: str,
) -> None:
    today = today_of(web_alice)
    sent = {"exercise": str(drill.pk), "practised_on": today.isoformat(), "minutes": "10"}
    if data.get("practised_on") == "tomorrow":
        data = {"practised_on": (today + dt.timedelta(days=1)).isoformat()}
    response = alice_client.post(reverse("web:practice_new", args=[coached.pk]), sent | data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not PracticeEntry.objects.exists()


def test_another_relationships_exercise_is_not_a_choice(
    alice_client: Client, web_alice: Person, web_bob: Person, coached: Relationship
) -> None:
    elsewhere = RelationshipFactory(mentee=web_alice, kind="coach")
    other = exercise_add(
        actor=web_alice, relationship=elsewhere, title="Other", every_days=1,
        started_on=today_of(web_alice),
    )  # fmt: skip
    response = alice_client.post(
        reverse("web:practice_new", args=[coached.pk]),
        {"exercise": other.pk, "practised_on": today_of(web_alice).isoformat(), "minutes": "5"},
    )
    assert response.status_code == 200 and "exercise" in errors_of(response)
    assert not PracticeEntry.objects.exists()


def test_recording_the_terms(alice_client: Client, coached: Relationship) -> None:
    url = reverse("web:terms_edit", args=[coached.pk])
    page = alice_client.get(url).content.decode()
    assert "Tribe takes no payment" in page
    bad = alice_client.post(
        url, {"paid": "paid", "amount": "80", "currency": "EURO", "payer": "mentee"}
    )
    assert bad.status_code == 200 and "currency" in errors_of(bad)
    free_with_price = alice_client.post(url, {"paid": "free", "amount": "80"})
    assert "amount" in errors_of(free_with_price)
    negative = alice_client.post(
        url, {"paid": "paid", "amount": "-1", "currency": "EUR", "payer": "mentee"}
    )
    assert "amount" in errors_of(negative)
    assert not SessionTerms.objects.exists()
    ok = alice_client.post(
        url,
        {"paid": "paid", "amount": "79.50", "currency": "gbp", "payer": "programme", "note": "Q1"},
    )
    assert ok.status_code == 302 and ok["Location"].endswith("#fees")
    terms = SessionTerms.objects.get()
    assert (terms.amount, terms.currency, terms.payer, terms.note) == (
        Decimal("79.50"), "GBP", "programme", "Q1",
    )  # fmt: skip


def test_paid_without_an_amount_names_the_amount(
    alice_client: Client, coached: Relationship
) -> None:
    response = alice_client.post(
        reverse("web:terms_edit", args=[coached.pk]),
        {"paid": "paid", "currency": "EUR", "payer": "mentee"},
    )
    assert errors_of(response)["amount"] == [CoreCode.REQUIRED.template]


def test_every_coaching_address_is_404_for_a_stranger(
    eve_client: Client, coached: Relationship, drill: Exercise
) -> None:
    urls = [
        reverse("web:exercise_new", args=[coached.pk]),
        reverse("web:practice_new", args=[coached.pk]),
        reverse("web:terms_edit", args=[coached.pk]),
        reverse("web:exercise_edit", args=[drill.pk]),
        reverse("web:exercise_retire", args=[drill.pk]),
    ]
    for url in urls:
        assert eve_client.get(url).status_code == 404, url
        assert (
            eve_client.post(url, {"title": "x", "every_days": "1", "minutes": "5"}).status_code
            == 404
        ), url
    drill.refresh_from_db()
    assert drill.retired_on is None and drill.title == "Two-minute pitch"
    assert not PracticeEntry.objects.exists() and not SessionTerms.objects.exists()


def _queries(browser: Client, relationship: Relationship) -> int:
    with CaptureQueriesContext(connection) as captured:
        page_of(browser, relationship)
    return len(captured)


def test_the_page_runs_the_same_queries_for_a_short_and_a_long_regimen(
    web_alice: Person, web_bob: Person, coached: Relationship
) -> None:
    browser = client_for(web_alice)
    today = today_of(web_alice)

    def grow(count: int) -> None:
        for i in range(count):
            exercise = exercise_add(
                actor=web_bob, relationship=coached, title=f"Drill {i}", every_days=1,
                started_on=today - dt.timedelta(days=3),
            )  # fmt: skip
            practice_log(
                actor=web_alice, exercise=exercise, practised_on=today, minutes=5, today=today
            )
        terms_set(actor=web_bob, relationship=coached, paid=False)

    grow(1)
    page_of(browser, coached)  # the session and the caches warm up first
    few = _queries(browser, coached)
    grow(6)
    assert _queries(browser, coached) == few


def test_the_sections_cost_three_queries_and_other_kinds_none(
    web_alice: Person,
    web_bob: Person,
    coached: Relationship,
    drill: Exercise,
    web_relationship: Relationship,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    from tribe.web.views.coaching import coaching_context

    today = today_of(web_alice)
    practice_log(actor=web_alice, exercise=drill, practised_on=today, minutes=5, today=today)
    with django_assert_num_queries(3):
        sections = coaching_context(person=web_bob, relationship=coached)["coaching"]
        assert [e.title for e in sections.active] == ["Two-minute pitch"]
        assert [p.logged_by.name for p in sections.log] == [web_alice.name]
    assert (sections.may_design, sections.may_practise, sections.may_record_terms) == (
        True, False, True,
    )  # fmt: skip
    # Another kind, settled between two accounts who both said yes: it cannot have
    # been a coaching relationship when anything could be recorded, so no query.
    with django_assert_num_queries(0):
        assert coaching_context(person=web_alice, relationship=web_relationship) == {}


def test_the_coach_of_a_client_without_an_account_keeps_the_log(web_bob: Person) -> None:
    from tests.factories import ContactFactory

    client = Relationship.objects.create(
        mentee_contact=ContactFactory(owner=web_bob, name="Carla Client"),
        mentor=web_bob,
        created_by=web_bob,
        kind="coach",
        status="active",
        status_changed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        mentor_consented_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    exercise = exercise_add(
        actor=web_bob, relationship=client, title="Scales", every_days=1,
        started_on=today_of(web_bob),
    )  # fmt: skip
    browser = client_for(web_bob)
    body = page_of(browser, client)
    assert "What your client told you about it." in body
    url = reverse("web:practice_new", args=[client.pk])
    assert "You keep the practice log for Carla Client" in browser.get(url).content.decode()
    sent = {"exercise": exercise.pk, "practised_on": today_of(web_bob).isoformat(), "minutes": "9"}
    assert browser.post(url, sent).status_code == 302
    assert PracticeEntry.objects.get().logged_by == web_bob

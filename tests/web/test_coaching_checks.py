"""The coaching pages refuse what makes no sense: the practice form for whoever does not
log, practice before an exercise starts, starts far away or after the first practice,
amounts that are not plain digits; and a practice logged by mistake can be deleted by
who logged it, after a confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ContactFactory, RelationshipFactory
from tests.web.conftest import client_for, errors_of, today_of
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import exercise_add, practice_log, terms_set
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(web_alice: Person, web_bob: Person) -> Relationship:
    """Bob coaches Alice, who has an account: both said yes."""
    return RelationshipFactory(mentee=web_alice, mentor=web_bob, created_by=web_alice, kind="coach")


@pytest.fixture
def drill(web_bob: Person, coached: Relationship) -> Exercise:
    return exercise_add(
        actor=web_bob, relationship=coached, title="Two-minute pitch", every_days=2,
        started_on=today_of(web_bob) - dt.timedelta(days=10),
    )  # fmt: skip


def _log(person: Person, exercise: Exercise, minutes: int = 12) -> PracticeEntry:
    today = today_of(person)
    return practice_log(
        actor=person, exercise=exercise, practised_on=today, minutes=minutes, today=today
    )


def _page(browser: Client, relationship: Relationship) -> str:
    response = browser.get(reverse("web:relationship", args=[relationship.pk]))
    assert response.status_code == 200
    return response.content.decode()


# -- the practice form: only for who logs ----------------------------------------------


def test_the_coach_of_a_mentee_with_an_account_has_no_practice_page(
    web_bob: Person, coached: Relationship, drill: Exercise
) -> None:
    url = reverse("web:practice_new", args=[coached.pk])
    coach = client_for(web_bob)
    response = coach.get(url)
    assert response.status_code == 404
    assert "who has no account" not in response.content.decode()
    assert url not in _page(coach, coached)


def test_the_mentee_is_told_who_reads_the_log(
    alice_client: Client, coached: Relationship, drill: Exercise
) -> None:
    body = alice_client.get(reverse("web:practice_new", args=[coached.pk])).content.decode()
    assert "Bob Mentor reads the practice log, your notes too." in body
    assert "who has no account" not in body


def test_no_practice_page_in_another_kind_or_before_the_yes(
    web_alice: Person, web_eve: Person, web_relationship: Relationship
) -> None:
    asked = RelationshipFactory(
        mentee=web_alice, mentor=web_eve, created_by=web_alice, kind="coach", status="asked"
    )
    browser = client_for(web_alice)
    for relationship in (web_relationship, asked):
        url = reverse("web:practice_new", args=[relationship.pk])
        assert browser.get(url).status_code == 404
        assert browser.post(url, {"minutes": "5"}).status_code == 404
    assert not PracticeEntry.objects.exists()


# -- dates ---------------------------------------------------------------------------


def test_practice_before_the_exercise_starts_is_refused_on_its_field(
    alice_client: Client, web_alice: Person, coached: Relationship, drill: Exercise
) -> None:
    response = alice_client.post(
        reverse("web:practice_new", args=[coached.pk]),
        {"exercise": drill.pk, "practised_on": "1900-01-01", "minutes": "10"},
    )
    assert response.status_code == 200
    assert "practice before that day is not logged" in " ".join(errors_of(response)["practised_on"])
    assert not PracticeEntry.objects.exists()


@pytest.mark.parametrize(("years", "words"), [(-2, "more than a year ago"), (2, "a year ahead")])
def test_an_exercise_far_away_is_refused_on_its_start(
    web_bob: Person, coached: Relationship, years: int, words: str
) -> None:
    start = today_of(web_bob) + dt.timedelta(days=365 * years)
    response = client_for(web_bob).post(
        reverse("web:exercise_new", args=[coached.pk]),
        {"title": "Breathing", "every_days": "1", "started_on": start.isoformat()},
    )
    assert response.status_code == 200
    assert words in " ".join(errors_of(response)["started_on"])
    assert not Exercise.objects.exists()


def test_the_start_does_not_move_after_the_first_practice(
    web_alice: Person, web_bob: Person, drill: Exercise
) -> None:
    _log(web_alice, drill)
    after = today_of(web_bob) + dt.timedelta(days=1)
    response = client_for(web_bob).post(
        reverse("web:exercise_edit", args=[drill.pk]),
        {"title": "Later", "every_days": "2", "started_on": after.isoformat()},
    )
    assert response.status_code == 200
    assert "first practised on" in " ".join(errors_of(response)["started_on"])
    drill.refresh_from_db()
    assert drill.title == "Two-minute pitch" and drill.started_on < after


# -- deleting a practice -------------------------------------------------------------


def test_the_mentee_deletes_a_practice_after_confirming(
    alice_client: Client, web_alice: Person, coached: Relationship, drill: Exercise
) -> None:
    kept, twice = _log(web_alice, drill, 12), _log(web_alice, drill, 13)
    url = reverse("web:practice_delete", args=[twice.pk])
    assert url in _page(alice_client, coached)
    confirm = alice_client.get(url)
    assert confirm.status_code == 200
    assert "Delete the practice of “Two-minute pitch”" in confirm.content.decode()
    assert PracticeEntry.objects.count() == 2  # asking deletes nothing
    done = alice_client.post(url)
    assert done.status_code == 302 and done["Location"].endswith("#practice-log")
    assert list(PracticeEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    assert alice_client.post(url).status_code == 404  # gone


def test_the_coach_and_a_stranger_cannot_delete_the_mentee_s_practice(
    web_alice: Person, web_bob: Person, eve_client: Client, coached: Relationship, drill: Exercise
) -> None:
    entry = _log(web_alice, drill)
    url = reverse("web:practice_delete", args=[entry.pk])
    coach = client_for(web_bob)
    assert url not in _page(coach, coached)
    for browser in (coach, eve_client):
        assert browser.get(url).status_code == 404
        assert browser.post(url).status_code == 404
    assert PracticeEntry.objects.filter(pk=entry.pk).exists()


def test_the_coach_of_a_client_without_an_account_deletes_what_he_logged(
    web_bob: Person,
) -> None:
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    client = Relationship.objects.create(
        mentee_contact=ContactFactory(owner=web_bob, name="Carla Client"), mentor=web_bob,
        created_by=web_bob, kind="coach", status="active", status_changed_at=moment,
        mentor_consented_at=moment,
    )  # fmt: skip
    exercise = exercise_add(
        actor=web_bob, relationship=client, title="Scales", every_days=1,
        started_on=today_of(web_bob),
    )  # fmt: skip
    browser = client_for(web_bob)
    intro = browser.get(reverse("web:practice_new", args=[client.pk])).content.decode()
    assert "You keep the practice log for Carla Client, who has no account here." in intro
    entry = _log(web_bob, exercise)
    assert browser.post(reverse("web:practice_delete", args=[entry.pk])).status_code == 302
    assert not PracticeEntry.objects.exists()


# -- amounts -------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["1e9", "1E9", "+5", "\uff11\uff10", "1,000", "10000000000"])
def test_an_amount_that_is_not_plain_digits_is_refused_with_the_limit(
    alice_client: Client, coached: Relationship, amount: str
) -> None:
    response = alice_client.post(
        reverse("web:terms_edit", args=[coached.pk]),
        {"paid": "paid", "amount": amount, "currency": "EUR", "payer": "mentee"},
    )
    assert response.status_code == 200
    assert "at most 1,000,000,000" in " ".join(errors_of(response)["amount"])
    assert not SessionTerms.objects.exists()


def test_a_german_page_reads_a_decimal_comma(alice_client: Client, coached: Relationship) -> None:
    url = reverse("web:terms_edit", args=[coached.pk])
    sent = {"paid": "paid", "amount": "79,50", "currency": "EUR", "payer": "employer"}
    assert alice_client.post(url, sent, HTTP_ACCEPT_LANGUAGE="de").status_code == 302
    assert SessionTerms.objects.get().amount == Decimal("79.50")
    again = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'value="79,50"' in again


def test_the_terms_read_in_a_sentence_and_whole_currencies_show_no_cents(
    web_alice: Person, web_bob: Person, alice_client: Client, coached: Relationship
) -> None:
    terms_set(
        actor=web_bob, relationship=coached, paid=True, amount="8000", currency="JPY",
        payer="programme",
    )  # fmt: skip
    body = _page(alice_client, coached)
    assert "8000 JPY</strong> per session, paid by a programme." in body
    refused = alice_client.post(
        reverse("web:terms_edit", args=[coached.pk]),
        {"paid": "paid", "amount": "8000.50", "currency": "JPY", "payer": "mentee"},
    )
    assert "JPY has no smaller unit" in " ".join(errors_of(refused)["amount"])
    assert SessionTerms.objects.get().payer == "programme"

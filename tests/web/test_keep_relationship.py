"""The relationship page's keep-in-touch parts: health, contact log, snooze,
questions, advice, thanks and updates. Bad input names the field and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import errors_of, today_of
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint
from tribe.ledger.services import touchpoint_log
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _page(client: Client, relationship: Relationship) -> str:
    return client.get(reverse("web:relationship", args=[relationship.pk])).content.decode()


def test_health_is_shown_in_words(
    alice_client: Client, web_relationship: Relationship, web_alice: Person
) -> None:
    web_relationship.cadence_days = 28
    web_relationship.save()  # started 2025-03-10 (NOW), no contact since: long dormant
    page = _page(alice_client, web_relationship)
    assert 'class="health health--dormant">Dormant</span>' in page
    assert "No contact yet" in page and "against a 4-week cadence" in page
    assert reverse("web:schedule", args=[web_relationship.pk]) in page
    assert reverse("web:series_new", args=[web_relationship.pk]) in page

    touchpoint_log(
        actor=web_alice,
        relationship=web_relationship,
        kind="call",
        happened_on=today_of(web_alice),
        today=today_of(web_alice),
    )
    assert "health--healthy" in _page(alice_client, web_relationship)


def test_contact_log_defaults_to_today_and_keeps_notes_to_their_author(
    alice_client: Client, web_relationship: Relationship, web_alice: Person, web_bob: Person
) -> None:
    url = reverse("web:touchpoint_new", args=[web_relationship.pk])
    today = today_of(web_alice)
    assert f'value="{today:%Y-%m-%d}"' in alice_client.get(url).content.decode()
    yesterday = today - dt.timedelta(days=1)
    response = alice_client.post(
        url, {"kind": "message", "happened_on": f"{yesterday:%Y-%m-%d}", "note": "SECRET-TONE"}
    )
    assert response.status_code == 302
    logged = Touchpoint.objects.get()
    assert (logged.kind, logged.happened_on, logged.author) == ("message", yesterday, web_alice)
    assert "SECRET-TONE" in _page(alice_client, web_relationship)
    alice_client.force_login(web_bob)
    bob_page = _page(alice_client, web_relationship)
    assert "Message" in bob_page and "SECRET-TONE" not in bob_page
    assert reverse("web:touchpoint_delete", args=[logged.pk]) not in bob_page
    alice_client.force_login(web_alice)
    alice_client.post(reverse("web:touchpoint_delete", args=[logged.pk]))
    assert not Touchpoint.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "call", "happened_on": "FUTURE"}, "happened_on", LedgerCode.FUTURE_DATE.template),
        ({"kind": "call", "happened_on": "yesterday"}, "happened_on", None),
        ({"kind": "carrier-pigeon", "happened_on": "TODAY"}, "kind", None),
        ({"kind": "call", "happened_on": "TODAY", "note": "x" * 501}, "note", None),
    ],
)
def test_contact_log_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    data: dict[str, str],
    field: str,
    message: str | None,
) -> None:
    today = today_of(web_alice)
    dates = {"FUTURE": f"{today + dt.timedelta(days=1):%Y-%m-%d}", "TODAY": f"{today:%Y-%m-%d}"}
    data = {k: dates.get(v, v) for k, v in data.items()}
    response = alice_client.post(reverse("web:touchpoint_new", args=[web_relationship.pk]), data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not Touchpoint.objects.exists()


def test_snooze_and_unsnooze(
    alice_client: Client, web_relationship: Relationship, web_alice: Person
) -> None:
    until = today_of(web_alice) + dt.timedelta(days=20)
    response = alice_client.post(
        reverse("web:snooze", args=[web_relationship.pk]),
        {"until": f"{until:%Y-%m-%d}", "reason": "He is on parental leave"},
    )
    assert response.status_code == 302
    web_relationship.refresh_from_db()
    assert web_relationship.snoozed_until == until
    assert "He is on parental leave" in _page(alice_client, web_relationship)
    alice_client.post(reverse("web:unsnooze", args=[web_relationship.pk]))
    web_relationship.refresh_from_db()
    assert web_relationship.snoozed_until is None and web_relationship.snooze_reason == ""


@pytest.mark.parametrize(
    ("days", "reason", "field", "message"),
    [
        (-1, "leave", "until", LedgerCode.SNOOZE_PAST.template),
        (0, "leave", "until", LedgerCode.SNOOZE_PAST.template),
        (400, "leave", "until", None),
        (10, "", "reason", None),
    ],
)
def test_snooze_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    days: int,
    reason: str,
    field: str,
    message: str | None,
) -> None:
    until = today_of(web_alice) + dt.timedelta(days=days)
    response = alice_client.post(
        reverse("web:snooze", args=[web_relationship.pk]),
        {"until": f"{until:%Y-%m-%d}", "reason": reason},
    )
    errors = errors_of(response)
    assert field in errors and (message is None or errors[field] == [message])
    web_relationship.refresh_from_db()
    assert web_relationship.snoozed_until is None


def test_questions_backlog(
    bob_client: Client, web_relationship: Relationship, web_alice: Person
) -> None:
    """Either side may add to the backlog, mark answered and delete."""
    url = reverse("web:question_new", args=[web_relationship.pk])
    assert "text" in errors_of(bob_client.post(url, {"text": "   "}))
    assert not Question.objects.exists()
    assert bob_client.post(url, {"text": "What do you want from the role?"}).status_code == 302
    question = Question.objects.get()
    answered = reverse("web:question_answered", args=[question.pk])
    bob_client.post(answered, {"answered": "1"})
    question.refresh_from_db()
    assert question.answered_on is not None
    bob_client.post(answered, {"answered": "0"})
    question.refresh_from_db()
    assert question.answered_on is None
    bob_client.post(reverse("web:question_delete", args=[question.pk]))
    assert not Question.objects.exists()


def test_advice_is_recorded_and_stays_the_recorders(
    alice_client: Client, web_relationship: Relationship, web_alice: Person, web_bob: Person
) -> None:
    response = alice_client.post(
        reverse("web:advice_new", args=[web_relationship.pk]),
        {
            "text": "ADVICE-TEXT: ask for a stretch project",
            "given_on": f"{today_of(web_alice):%Y-%m-%d}",
            "report_back": "on",
        },
    )
    assert response.status_code == 302
    advice = Advice.objects.get()
    assert advice.recorded_by == web_alice and advice.report_back
    page = _page(alice_client, web_relationship)
    assert "ADVICE-TEXT" in page and f"{reverse('web:advice_log')}#advice-{advice.pk}" in page
    alice_client.force_login(web_bob)
    assert "ADVICE-TEXT" not in _page(alice_client, web_relationship)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "", "given_on": "TODAY"}, "text"),
        ({"text": "ok", "given_on": "FUTURE"}, "given_on"),
        ({"text": "ok", "given_on": "TODAY", "meeting": "999999"}, "meeting"),
    ],
)
def test_advice_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    data: dict[str, str],
    field: str,
) -> None:
    today = today_of(web_alice)
    dates = {"FUTURE": f"{today + dt.timedelta(days=1):%Y-%m-%d}", "TODAY": f"{today:%Y-%m-%d}"}
    data = {k: dates.get(v, v) for k, v in data.items()}
    response = alice_client.post(reverse("web:advice_new", args=[web_relationship.pk]), data)
    assert field in errors_of(response)
    assert not Advice.objects.exists()


def test_thanks_for_a_piece_of_advice(
    alice_client: Client, web_relationship: Relationship, web_alice: Person, web_advice: Advice
) -> None:
    url = reverse("web:gratitude_new", args=[web_relationship.pk])
    form_page = alice_client.get(url + f"?advice={web_advice.pk}").content.decode()
    assert f'<option value="{web_advice.pk}" selected>' in form_page
    response = alice_client.post(
        url,
        {
            "kind": "gift",
            "given_on": f"{today_of(web_alice):%Y-%m-%d}",
            "description": "Sent the book she recommended, signed",
            "advice": str(web_advice.pk),
        },
    )
    assert response.status_code == 302
    thanks = Gratitude.objects.get()
    assert (thanks.kind, thanks.advice) == ("gift", web_advice)
    assert "Sent the book she recommended" in _page(alice_client, web_relationship)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "thank_you", "given_on": "FUTURE", "description": "x"},
            "given_on",
            LedgerCode.FUTURE_DATE.template,
        ),
        ({"kind": "thank_you", "given_on": "TODAY", "description": " "}, "description", None),
        ({"kind": "bribe", "given_on": "TODAY", "description": "x"}, "kind", None),
        (
            {"kind": "gift", "given_on": "TODAY", "description": "x", "advice": "OTHER"},
            "advice",
            None,
        ),
    ],
)
def test_thanks_bad_input_writes_nothing(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    web_eve: Person,
    data: dict[str, str],
    field: str,
    message: str | None,
) -> None:
    """Advice from another person's log is not a valid choice."""
    from tribe.ledger.services import advice_record
    from tribe.relationships.services import relationship_create

    theirs = relationship_create(created_by=web_eve, my_role="mentee", other_person=web_alice)
    foreign = advice_record(
        actor=web_eve,
        relationship=theirs,
        text="theirs",
        given_on=dt.date(2025, 1, 1),
        today=dt.date(2025, 1, 1),
    )
    today = today_of(web_alice)
    values = {
        "FUTURE": f"{today + dt.timedelta(days=1):%Y-%m-%d}",
        "TODAY": f"{today:%Y-%m-%d}",
        "OTHER": str(foreign.pk),
    }
    data = {k: values.get(v, v) for k, v in data.items()}
    response = alice_client.post(reverse("web:gratitude_new", args=[web_relationship.pk]), data)
    errors = errors_of(response)
    assert field in errors and (message is None or errors[field] == [message])
    assert not Gratitude.objects.exists()


def test_update_cadence_and_sending_an_update(
    alice_client: Client, web_relationship: Relationship, web_alice: Person, web_win: Any
) -> None:
    cadence = reverse("web:update_cadence", args=[web_relationship.pk])
    assert "update_every_days" in errors_of(alice_client.post(cadence, {"update_every_days": "3"}))
    web_relationship.refresh_from_db()
    assert web_relationship.update_every_days is None
    alice_client.post(cadence, {"update_every_days": "90", "keep_in_touch": "on"})
    web_relationship.refresh_from_db()
    assert (web_relationship.update_every_days, web_relationship.keep_in_touch) == (90, True)

    send = reverse("web:update_send", args=[web_relationship.pk])
    draft = alice_client.get(send).content.decode()
    assert "Hi Bob," in draft and "Gave my first team talk" in draft
    today = today_of(web_alice)
    future = {"body": "News", "sent_on": f"{today + dt.timedelta(days=2):%Y-%m-%d}"}
    assert errors_of(alice_client.post(send, future)) == {
        "sent_on": [LedgerCode.FUTURE_DATE.template]
    }
    assert "body" in errors_of(alice_client.post(send, {"body": "", "sent_on": f"{today}"}))
    assert not MentorUpdate.objects.exists()
    assert alice_client.post(send, {"body": "News", "sent_on": f"{today}"}).status_code == 302
    assert MentorUpdate.objects.get().body == "News"
    assert Touchpoint.objects.get().kind == "update"  # an update counts as contact

"""The advocacy section of a sponsor relationship's page and its forms: the person
sponsored asks, the sponsor answers and says they spoke, either records what
happened; anyone else gets a 404; bad input comes back on its field; the page
runs the same number of queries for one ask and for many."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import NOW, client_for, errors_of, today_of
from tribe.advocacy.errors import AdvocacyCode
from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.advocacy.services import ask_agree, ask_create, ask_mark_done
from tribe.core.codes import CoreCode
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsorship(web_alice: Person, web_bob: Person) -> Relationship:
    """Bob sponsors Alice; both said yes."""
    return relationship_agreed(
        created_by=web_alice,
        my_role="mentee",
        other_person=web_bob,
        kind="sponsor",
        purpose="Make staff engineer",
        now=NOW,
    )


def _ask(alice: Person, relationship: Relationship, **fields: Any) -> AdvocacyAsk:
    fields.setdefault("audience", "the VP of engineering")
    fields.setdefault("opportunity", "the staff promotion round")
    return ask_create(author=alice, relationship=relationship, today=today_of(alice), **fields)


@pytest.fixture
def ask(web_alice: Person, sponsorship: Relationship) -> AdvocacyAsk:
    return _ask(web_alice, sponsorship, case="CASE-led the migration")


def _page(client: Client, relationship: Relationship) -> str:
    response = client.get(reverse("web:relationship", args=[relationship.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_protege_asks_from_the_relationship_page(
    alice_client: Client, web_alice: Person, sponsorship: Relationship
) -> None:
    page = _page(alice_client, sponsorship)
    assert 'id="advocacy"' in page and "Ask for advocacy" in page
    url = reverse("web:advocacy_ask_new", args=[sponsorship.pk])
    due = (today_of(web_alice) + dt.timedelta(days=30)).isoformat()
    response = alice_client.post(
        url,
        {
            "audience": "the VP",
            "opportunity": "the tech lead role",
            "case": "Shipped X",
            "by_when": due,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/relationships/{sponsorship.pk}/#advocacy")
    ask = AdvocacyAsk.objects.get()
    assert (ask.audience, ask.by_when.isoformat(), ask.asked_by) == ("the VP", due, web_alice)
    page = _page(alice_client, sponsorship)
    assert "the tech lead role" in page and "Shipped X" in page
    assert reverse("web:advocacy_withdraw", args=[ask.pk]) in page
    assert reverse("web:advocacy_agree", args=[ask.pk]) not in page  # the sponsor's button


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"audience": ""}, "audience", CoreCode.REQUIRED.template),
        ({"opportunity": "x" * 301}, "opportunity", "at most 300 characters"),
        ({"by_when": "2020-01-01"}, "by_when", AdvocacyCode.BY_WHEN_PAST.template),
        ({"by_when": "someday"}, "by_when", "Enter a valid date."),
    ],
)
def test_bad_input_comes_back_on_its_field(
    alice_client: Client,
    sponsorship: Relationship,
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    posted = {"audience": "the VP", "opportunity": "a role", **data}
    response = alice_client.post(reverse("web:advocacy_ask_new", args=[sponsorship.pk]), posted)
    assert response.status_code == 200
    errors = errors_of(response)
    assert list(errors) == [field] and message in errors[field][0]
    assert not AdvocacyAsk.objects.exists()


def test_the_sponsor_answers_marks_done_and_either_records_the_outcome(
    ask: AdvocacyAsk, web_alice: Person, web_bob: Person, sponsorship: Relationship
) -> None:
    bob = client_for(web_bob)
    page = _page(bob, sponsorship)
    assert "CASE-led the migration" in page and "Alice Mentee writes the asks" in page
    assert reverse("web:advocacy_decline", args=[ask.pk]) in page
    response = bob.post(reverse("web:advocacy_agree", args=[ask.pk]), {"note": ""})
    assert response.status_code == 302 and response["Location"].endswith("#advocacy")
    assert AdvocacyAsk.objects.get().status == AskStatus.AGREED
    assert reverse("web:advocacy_done", args=[ask.pk]) in _page(bob, sponsorship)
    bob.post(reverse("web:advocacy_done", args=[ask.pk]), {"note": "Told her"})
    assert AdvocacyAsk.objects.get().status == AskStatus.DONE
    alice = client_for(web_alice)
    assert reverse("web:advocacy_outcome", args=[ask.pk]) in _page(alice, sponsorship)
    alice.post(reverse("web:advocacy_outcome", args=[ask.pk]), {"outcome": "OUTCOME-promoted"})
    stored = AdvocacyAsk.objects.get()
    assert (stored.status, stored.outcome, stored.outcome_by) == (
        AskStatus.OUTCOME,
        "OUTCOME-promoted",
        web_alice,
    )
    assert "OUTCOME-promoted" in _page(bob, sponsorship)


def test_the_protege_cannot_agree_on_the_sponsors_behalf(
    alice_client: Client, ask: AdvocacyAsk
) -> None:
    response = alice_client.post(reverse("web:advocacy_agree", args=[ask.pk]), {"note": ""})
    assert response.status_code == 200
    assert "only the sponsor, Bob Mentor" in errors_of(response)["__all__"][0]
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED


def test_a_second_click_is_refused_with_a_message_not_an_error(
    ask: AdvocacyAsk, web_bob: Person
) -> None:
    bob = client_for(web_bob)
    bob.post(reverse("web:advocacy_decline", args=[ask.pk]), {"note": "Not now"})
    response = bob.post(reverse("web:advocacy_agree", args=[ask.pk]), {"note": ""})
    assert response.status_code == 200
    assert "the sponsor has declined this ask" in errors_of(response)["__all__"][0]
    assert AdvocacyAsk.objects.get().status == AskStatus.DECLINED


def test_marking_done_with_a_day_in_the_future_names_the_field(
    ask: AdvocacyAsk, web_bob: Person
) -> None:
    ask_agree(actor=web_bob, ask=ask, today=today_of(web_bob))
    bob = client_for(web_bob)
    future = (today_of(web_bob) + dt.timedelta(days=3)).isoformat()
    response = bob.post(reverse("web:advocacy_done", args=[ask.pk]), {"spoke_on": future})
    assert errors_of(response) == {"spoke_on": [AdvocacyCode.FUTURE_DATE.template]}
    assert AdvocacyAsk.objects.get().status == AskStatus.AGREED


def test_withdrawing_asks_first_and_then_keeps_the_ask(
    alice_client: Client, ask: AdvocacyAsk
) -> None:
    url = reverse("web:advocacy_withdraw", args=[ask.pk])
    confirm = alice_client.get(url)
    assert confirm.status_code == 200 and b"Withdraw your ask" in confirm.content
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED
    response = alice_client.post(url)
    assert response.status_code == 302
    assert AdvocacyAsk.objects.get().status == AskStatus.WITHDRAWN
    again = alice_client.post(url, follow=True)  # a second click: a message, nothing changed
    assert b"this ask was withdrawn" in again.content


def test_the_sponsors_withdraw_is_refused_with_a_message(ask: AdvocacyAsk, web_bob: Person) -> None:
    response = client_for(web_bob).post(
        reverse("web:advocacy_withdraw", args=[ask.pk]), follow=True
    )
    assert b"only Alice Mentee, who asked, can withdraw" in response.content
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED


def test_a_stranger_gets_404_everywhere(
    eve_client: Client, ask: AdvocacyAsk, sponsorship: Relationship
) -> None:
    assert eve_client.get(reverse("web:relationship", args=[sponsorship.pk])).status_code == 404
    new = reverse("web:advocacy_ask_new", args=[sponsorship.pk])
    assert eve_client.post(new, {"audience": "a", "opportunity": "b"}).status_code == 404
    for name in ("advocacy_agree", "advocacy_decline", "advocacy_done", "advocacy_outcome"):
        url = reverse(f"web:{name}", args=[ask.pk])
        assert eve_client.get(url).status_code == 404, name
        assert eve_client.post(url, {"outcome": "x"}).status_code == 404, name
    withdraw = reverse("web:advocacy_withdraw", args=[ask.pk])
    assert eve_client.post(withdraw).status_code == 404
    assert eve_client.get(reverse("web:advocacy_agree", args=[ask.pk + 999])).status_code == 404
    assert AdvocacyAsk.objects.get().status == AskStatus.ASKED
    assert AdvocacyAsk.objects.count() == 1


def test_other_kinds_have_no_advocacy_section_and_refuse_an_ask(
    alice_client: Client, web_relationship: Relationship
) -> None:
    page = _page(alice_client, web_relationship)
    assert 'id="advocacy"' not in page
    response = alice_client.post(
        reverse("web:advocacy_ask_new", args=[web_relationship.pk]),
        {"audience": "the VP", "opportunity": "a role"},
    )
    assert response.status_code == 200
    assert "belong to sponsor relationships" in str(response.context["form"].errors)
    assert not AdvocacyAsk.objects.exists()


def test_a_relationship_not_yet_agreed_offers_no_ask(web_alice: Person, web_pia: Person) -> None:
    asked = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_pia, kind="sponsor", status="asked"
    )
    page = _page(client_for(web_alice), asked)
    assert "Asks open once both of you have said yes" in page
    assert reverse("web:advocacy_ask_new", args=[asked.pk]) not in page


def test_the_page_runs_the_same_queries_for_one_ask_and_for_many(
    django_assert_num_queries: Any,
    web_alice: Person,
    web_bob: Person,
    sponsorship: Relationship,
) -> None:
    bob = client_for(web_bob)
    url = reverse("web:relationship", args=[sponsorship.pk])
    _ask(web_alice, sponsorship)
    bob.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        assert bob.get(url).status_code == 200
    today = today_of(web_bob)
    for n in range(5):
        more = _ask(web_alice, sponsorship, opportunity=f"role {n}")
        ask_agree(actor=web_bob, ask=more, today=today)
        if n % 2:
            ask_mark_done(actor=web_bob, ask=more, today=today)
    with django_assert_num_queries(len(one)):
        assert bob.get(url).status_code == 200

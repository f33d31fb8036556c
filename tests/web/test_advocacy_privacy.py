"""No page of the site shows an ask's words to anyone but the two sides of its
relationship: a prospect asked for nothing yet, a stranger, and a programme's
administrator see none of it, on the relationship pages, on every advocacy
address with every ask id, and in their export."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import NOW, client_for, today_of
from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.services import ask_agree, ask_create
from tribe.people.models import Person
from tribe.portability.selectors import person_export
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MARKS = ("CANARY-audience", "CANARY-opportunity", "CANARY-case", "CANARY-answer")
NAMES = ("advocacy_agree", "advocacy_decline", "advocacy_done", "advocacy_outcome")


@pytest.fixture
def world(web_alice: Person, web_bob: Person, web_pia: Person) -> tuple[Relationship, AdvocacyAsk]:
    sponsorship = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_bob, kind="sponsor", now=NOW
    )
    ask = ask_create(
        author=web_alice,
        relationship=sponsorship,
        audience=MARKS[0],
        opportunity=MARKS[1],
        case=MARKS[2],
        today=today_of(web_alice),
    )
    ask_agree(actor=web_bob, ask=ask, today=today_of(web_bob), note=MARKS[3])
    # Pia is a prospect of Alice's, as a sponsor she has not been asked yet.
    relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_pia, kind="sponsor",
        status="prospect",
    )  # fmt: skip
    return sponsorship, ask


def _pages(relationship: Relationship, ask: AdvocacyAsk) -> list[str]:
    urls = [
        reverse("web:relationship", args=[relationship.pk]),
        reverse("web:advocacy_ask_new", args=[relationship.pk]),
        reverse("web:advocacy_withdraw", args=[ask.pk]),
    ]
    return urls + [reverse(f"web:{name}", args=[ask.pk]) for name in NAMES]


def _seen(browser: Client, urls: list[str]) -> str:
    seen = []
    for url in urls:
        response = browser.get(url)
        assert response.status_code < 500, url
        seen.append(response.content.decode())
    return "".join(seen)


@pytest.mark.parametrize("who", ["web_pia", "web_eve"])
def test_nobody_else_reads_an_ask(
    request: pytest.FixtureRequest, world: tuple[Relationship, AdvocacyAsk], who: str
) -> None:
    person = request.getfixturevalue(who)
    relationship, ask = world
    browser = client_for(person)
    for url in _pages(relationship, ask):
        assert browser.get(url).status_code == 404, url
    seen = _seen(browser, [reverse("web:today"), reverse("web:relationships")])
    assert not [m for m in MARKS if m in seen]
    assert not [m for m in MARKS if m in str(person_export(person=person))]


def test_both_sides_read_it(
    web_alice: Person, web_bob: Person, world: tuple[Relationship, AdvocacyAsk]
) -> None:
    relationship, _ = world
    page = reverse("web:relationship", args=[relationship.pk])
    for person in (web_alice, web_bob):
        seen = _seen(client_for(person), [page])
        assert [m for m in MARKS if m not in seen] == [], person.name
        assert all(m in str(person_export(person=person)) for m in MARKS)

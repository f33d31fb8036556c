"""Each kind's relationship page shows its own sections (``tribe.core.kinds``), and any
section that already holds data, read-only, after the kind changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import RelationshipFactory
from tests.web.conftest import today_of
from tribe.advocacy.services import ask_create
from tribe.coaching.services import exercise_add
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def page_of(browser: Client, relationship: Relationship) -> str:
    response = browser.get(reverse("web:relationship", args=[relationship.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _pair(alice: Person, bob: Person, kind: str) -> Relationship:
    return RelationshipFactory(mentee=alice, mentor=bob, created_by=alice, kind=kind)


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("mentor", ['id="advice"'], ['id="regimen"', 'id="advocacy"', 'id="fees"']),
        ("coach", ['id="regimen"', 'id="fees"'], ['id="advice"', 'id="advocacy"']),
        ("sponsor", ['id="advocacy"'], ['id="advice"', 'id="regimen"', 'id="fees"']),
        ("peer", ['id="advice"', "We are peer mentors"], ['id="regimen"', 'id="advocacy"']),
    ],
)
def test_each_kind_shows_its_own_sections(
    alice_client: Client, web_alice: Person, web_bob: Person, kind, shown, hidden
) -> None:
    html = page_of(alice_client, _pair(web_alice, web_bob, kind))
    for part in shown:
        assert part in html, part
    for part in hidden:
        assert part not in html, part


def test_a_regimen_stays_readable_after_the_kind_changed(
    alice_client: Client, web_alice: Person, web_bob: Person
) -> None:
    coached = _pair(web_alice, web_bob, "coach")
    exercise_add(
        actor=web_bob,
        relationship=coached,
        title="Two-minute pitch",
        instructions="",
        every_days=2,
        started_on=today_of(web_bob) - dt.timedelta(days=3),
    )
    Relationship.objects.filter(pk=coached.pk).update(kind="mentor")
    html = page_of(alice_client, coached)
    assert "Two-minute pitch" in html
    # Read-only: no form to log practice or add an exercise on a mentor relationship.
    assert reverse("web:practice_new", args=[coached.pk]) not in html
    assert reverse("web:exercise_new", args=[coached.pk]) not in html


def test_advocacy_asks_stay_readable_after_the_kind_changed(
    alice_client: Client, web_alice: Person, web_bob: Person
) -> None:
    sponsored = _pair(web_alice, web_bob, "sponsor")
    ask_create(
        author=web_alice,
        relationship=sponsored,
        audience="The promotion committee",
        opportunity="Staff engineer round",
        case="Led the payments migration.",
        by_when=None,
        today=today_of(web_alice),
    )
    Relationship.objects.filter(pk=sponsored.pk).update(kind="mentor")
    html = page_of(alice_client, sponsored)
    assert "Staff engineer round" in html
    assert "only a sponsor relationship takes asks" in html
    assert reverse("web:advocacy_ask_new", args=[sponsored.pk]) not in html

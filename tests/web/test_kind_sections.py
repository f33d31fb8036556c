"""Each kind's relationship page shows its own sections (``tribe.core.kinds``), and any
section that already holds data, read-only, after the kind changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ContactFactory, RelationshipFactory
from tests.web.conftest import client_for, today_of
from tribe.advocacy.services import ask_create
from tribe.coaching.services import exercise_add
from tribe.core.errors import Conflict
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_update

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


def _with_contact(owner: Person, *, owner_side: str, kind: str) -> Relationship:
    """A relationship with a contact: its one account's own record, whose kind stays
    theirs to change (between two accounts who both said yes it is settled)."""
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    other = "mentee_contact" if owner_side == "mentor" else "mentor_contact"
    return Relationship.objects.create(
        **{owner_side: owner, other: ContactFactory(owner=owner, name="Carla Contact")},
        created_by=owner,
        kind=kind,
        status="active",
        status_changed_at=moment,
        **{f"{owner_side}_consented_at": moment},
    )


def _change_kind(actor: Person, relationship: Relationship, kind: str) -> None:
    relationship_update(actor=actor, relationship=relationship, kind=kind, purpose="", goals=[])


def test_a_regimen_stays_readable_after_the_kind_changed(web_bob: Person) -> None:
    coached = _with_contact(web_bob, owner_side="mentor", kind="coach")
    exercise_add(
        actor=web_bob,
        relationship=coached,
        title="Two-minute pitch",
        instructions="",
        every_days=2,
        started_on=today_of(web_bob) - dt.timedelta(days=3),
    )
    _change_kind(web_bob, coached, "mentor")
    html = page_of(client_for(web_bob), coached)
    assert "Two-minute pitch" in html
    # Read-only: no form to log practice or add an exercise on a mentor relationship.
    assert reverse("web:practice_new", args=[coached.pk]) not in html
    assert reverse("web:exercise_new", args=[coached.pk]) not in html


def test_advocacy_asks_stay_readable_after_the_kind_changed(web_alice: Person) -> None:
    sponsored = _with_contact(web_alice, owner_side="mentee", kind="sponsor")
    ask_create(
        author=web_alice,
        relationship=sponsored,
        audience="The promotion committee",
        opportunity="Staff engineer round",
        case="Led the payments migration.",
        by_when=None,
        today=today_of(web_alice),
    )
    _change_kind(web_alice, sponsored, "mentor")
    html = page_of(client_for(web_alice), sponsored)
    assert "Staff engineer round" in html
    assert "only a sponsor relationship takes asks" in html
    assert reverse("web:advocacy_ask_new", args=[sponsored.pk]) not in html


def test_between_two_accounts_who_said_yes_the_kind_is_settled(
    alice_client: Client, web_alice: Person, web_bob: Person
) -> None:
    """So the page never needs to look for another kind's data: none can exist."""
    pair = _pair(web_alice, web_bob, "coach")
    with pytest.raises(Conflict):
        _change_kind(web_alice, pair, "mentor")

"""``tribe demo``: loads the demo and prints the logins."""

from __future__ import annotations

import json

import pytest

from tests.factories import PersonFactory, RelationshipFactory
from tribe.demo.errors import DemoCode
from tribe.demo.personas import DEMO_PASSWORD, PEOPLE
from tribe.people.models import Person
from tribe.people.services import person_create
from tribe.relationships.models import Relationship


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # Twelve Argon2 hashes per load add seconds and test nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_prints_the_logins(tribe) -> None:
    run = tribe("demo")

    assert run.code == 0
    assert run.out.startswith("Demo loaded: 12 people, ")
    assert f"password “{DEMO_PASSWORD}”" in run.out
    assert "password “tribe-demo-2026”" in run.out  # long enough for a 12-character minimum
    for spec in PEOPLE:
        assert spec.email in run.out
        assert spec.name in run.out
    assert run.err == ""


def test_demo_json_has_the_documented_keys(tribe) -> None:
    run = tribe("demo", "--json")

    assert run.code == 0
    data = json.loads(run.out)
    assert set(data) == {"people", "password", "relationships", "meetings"}
    assert data["password"] == DEMO_PASSWORD
    assert data["people"][0] == {"name": "Maya Chen", "email": "maya@tribe.example"}
    assert len(data["people"]) == 12
    assert data["relationships"] > 0
    assert data["meetings"] > 0


def test_demo_twice_replaces_the_demo(tribe) -> None:
    first = json.loads(tribe("demo", "--json").out)

    run = tribe("demo", "--json")

    assert run.code == 0
    assert json.loads(run.out) == first
    assert Person.objects.count() == 12


def test_demo_logins_work_with_the_printed_password(tribe) -> None:
    tribe("demo")

    assert Person.objects.get(email="maya@tribe.example").check_password(DEMO_PASSWORD)


def test_demo_over_real_accounts_is_refused_without_force(tribe) -> None:
    tribe("demo")
    person_create(email="new@example.org", name="New Person", password="a-long-passphrase-1")
    demo_notes = Person.objects.get(email="maya@tribe.example").notes.count()

    run = tribe("demo")

    assert run.code != 0
    assert run.out == ""
    assert run.error_line == f"tribe demo: error: {DemoCode.REAL_ACCOUNTS.template.format(count=1)}"
    assert Person.objects.get(email="maya@tribe.example").notes.count() == demo_notes


def test_demo_force_keeps_a_signed_up_tribe_example_account(tribe) -> None:
    tribe("demo")
    someone = person_create(
        email="someone@tribe.example", name="Someone Real", password="a-long-passphrase-1"
    )
    maya = Person.objects.get(email="maya@tribe.example")
    with_maya = RelationshipFactory(mentee=someone, mentor=maya, created_by=someone)

    run = tribe("demo", "--force")

    assert run.code == 0, run.err
    assert run.out.startswith("Demo loaded: 12 people, ")
    someone.refresh_from_db()
    assert someone.is_demo is False
    assert someone.check_password("a-long-passphrase-1")
    assert Relationship.objects.get(pk=with_maya.pk).mentor == maya
    assert Person.objects.filter(is_demo=True).count() == 12


def test_demo_force_on_a_real_installation_adds_the_demo_beside_it(tribe) -> None:
    owner = PersonFactory(email="owner@example.org")

    run = tribe("demo", "--force", "--json")

    assert run.code == 0, run.err
    assert json.loads(run.out)["password"] == "tribe-demo-2026"
    assert Person.objects.filter(is_demo=True).count() == 12
    assert Person.objects.filter(is_demo=False).get() == owner


def test_demo_refuses_when_a_real_account_has_a_demo_address(tribe) -> None:
    person_create(email="ravi@tribe.example", name="Ravi Real", password="a-long-passphrase-1")

    run = tribe("demo", "--force")

    assert run.code != 0
    assert run.error_line == (
        f"tribe demo: error: {DemoCode.ADDRESS_TAKEN.template.format(email='ravi@tribe.example')}"
    )
    assert Person.objects.get().name == "Ravi Real"

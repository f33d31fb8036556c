"""``tribe demo``: loads the demo and prints the logins."""

from __future__ import annotations

import json

import pytest

from tribe.core.demo import DEMO_PASSWORD, PEOPLE
from tribe.people.models import Person


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # Twelve Argon2 hashes per load add seconds and test nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_prints_the_logins(tribe) -> None:
    run = tribe("demo")

    assert run.code == 0
    assert run.out.startswith("Demo loaded: 12 people, ")
    assert f"password “{DEMO_PASSWORD}”" in run.out
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

"""people.0005 marks the accounts an earlier demo made, by exact address *and* name."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tribe.demo.personas import PEOPLE

BEFORE = [("people", "0004_verified_demo_block")]
AFTER = [("people", "0005_mark_demo_accounts")]


def test_the_migration_knows_the_demos_exact_people() -> None:
    migration = importlib.import_module("tribe.people.migrations.0005_mark_demo_accounts")

    frozen = migration.DEMO_ACCOUNTS  # a copy, so later demo changes do not change history
    assert frozen == [(spec.email, spec.name) for spec in PEOPLE]


@pytest.mark.django_db(transaction=True)
def test_only_the_demos_own_accounts_are_marked() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Person = executor.loader.project_state(BEFORE).apps.get_model("people", "Person")

    def account(email: str, name: str) -> int:
        return int(Person.objects.create(email=email, name=name, password="!").pk)

    demo_maya = account("maya@tribe.example", "Maya Chen")
    demo_tomas = account("tomas@tribe.example", "Tomás García")
    renamed = account("ravi@tribe.example", "Ravi Real")  # a demo address, not the demo's name
    someone = account("someone@tribe.example", "Sam Okafor")  # the demo's domain and a demo name
    namesake = account("elena@example.com", "Elena Petrova")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Person = executor.loader.project_state(AFTER).apps.get_model("people", "Person")

    marked = set(Person.objects.filter(is_demo=True).values_list("pk", flat=True))
    assert marked == {demo_maya, demo_tomas}
    assert not Person.objects.filter(pk__in=marked, email_verified_at__isnull=True).exists()
    others = Person.objects.filter(pk__in=[renamed, someone, namesake])
    assert set(others.values_list("is_demo", "email_verified_at")) == {(False, None)}

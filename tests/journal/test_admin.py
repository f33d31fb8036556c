"""The journal's admin shows counts and dates, never what anyone wrote."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core import checks
from django.test import Client
from django.urls import reverse

from tests.journal.conftest import TODAY
from tribe.journal.models import JournalEntry
from tribe.journal.services import entry_create
from tribe.ledger.models import Advice
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MARK = "JOURNALCANARY"


@pytest.fixture
def staff(client: Client) -> Client:
    root = Person.objects.create_superuser("root@example.com", "a-long-passphrase", name="Root")
    client.force_login(root)
    return client


@pytest.fixture
def entry(maya: Person, maya_ravi: Relationship, goal: Goal, advice: Advice) -> JournalEntry:
    return entry_create(
        author=maya,
        written_on=TODAY,
        today=TODAY,
        learned=f"{MARK}-learned",
        will_try=f"{MARK}-will-try",
        surprised=f"{MARK}-surprised",
        relationship=maya_ravi,
        goals=[goal],
        advice=[advice],
        shared=True,
    )


def test_the_admin_lists_and_shows_no_contents(staff: Client, entry: JournalEntry) -> None:
    pages = [
        reverse("admin:journal_journalentry_changelist"),
        reverse("admin:journal_journalentry_changelist") + "?shared__exact=1",
        reverse("admin:journal_journalentry_change", args=[entry.pk]),
        reverse("admin:journal_journalentry_history", args=[entry.pk]),
        reverse("admin:app_list", args=["journal"]),
    ]
    for url in pages:
        response = staff.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert MARK not in body, url
        assert entry.goals.get().title not in body and "Ask for feedback" not in body, url
    listing = staff.get(pages[0]).content.decode()
    assert f"Journal entry {entry.pk}" in listing and "Maya Chen" in listing


def test_the_text_cannot_be_probed_or_changed(staff: Client, entry: JournalEntry) -> None:
    changelist = reverse("admin:journal_journalentry_changelist")
    for lookup in ("learned__startswith", "will_try__contains", "surprised__regex"):
        assert staff.get(changelist, {lookup: "J"}).status_code == 400, lookup
    assert staff.get(reverse("admin:journal_journalentry_add")).status_code == 403
    assert (
        staff.get(reverse("admin:journal_journalentry_delete", args=[entry.pk])).status_code == 403
    )


def test_the_admin_passes_the_privacy_checks() -> None:
    model_admin = admin.site._registry[JournalEntry]
    assert [e for e in model_admin.check() if e.level >= checks.ERROR] == []

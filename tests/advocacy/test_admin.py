"""The admin of advocacy asks shows counts, statuses and dates, never what was asked."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core import checks
from django.test import Client
from django.urls import reverse

from tests.advocacy.conftest import TODAY
from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.services import ask_agree, ask_create, ask_mark_done, ask_record_outcome
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MARK = "ADVOCACYCANARY"


@pytest.fixture
def staff(client: Client) -> Client:
    root = Person.objects.create_superuser("root@example.com", "a-long-passphrase", name="Root")
    client.force_login(root)
    return client


@pytest.fixture
def full(maya: Person, ravi: Person, sponsorship: Relationship) -> AdvocacyAsk:
    ask = ask_create(
        author=maya,
        relationship=sponsorship,
        audience=f"{MARK}-audience",
        opportunity=f"{MARK}-opportunity",
        case=f"{MARK}-case",
        today=TODAY,
    )
    ask_agree(actor=ravi, ask=ask, today=TODAY, note=f"{MARK}-answer")
    ask_mark_done(actor=ravi, ask=ask, today=TODAY, note=f"{MARK}-done")
    return ask_record_outcome(actor=maya, ask=ask, today=TODAY, outcome=f"{MARK}-outcome")


def test_the_admin_lists_and_shows_no_contents(staff: Client, full: AdvocacyAsk) -> None:
    changelist = reverse("admin:advocacy_advocacyask_changelist")
    pages = [
        changelist,
        changelist + "?status__exact=outcome",
        reverse("admin:advocacy_advocacyask_change", args=[full.pk]),
        reverse("admin:advocacy_advocacyask_history", args=[full.pk]),
        reverse("admin:app_list", args=["advocacy"]),
    ]
    for url in pages:
        response = staff.get(url)
        assert response.status_code == 200, url
        assert MARK not in response.content.decode(), url
    listing = staff.get(changelist).content.decode()
    assert f"Advocacy ask {full.pk}" in listing and "Outcome recorded" in listing


def test_the_words_cannot_be_probed_or_changed(staff: Client, full: AdvocacyAsk) -> None:
    changelist = reverse("admin:advocacy_advocacyask_changelist")
    for lookup in ("audience__startswith", "case__contains", "outcome__regex", "answer_note"):
        assert staff.get(changelist, {lookup: "A"}).status_code == 400, lookup
    assert staff.get(changelist, {"o": "-3"}).status_code == 200
    assert staff.get(reverse("admin:advocacy_advocacyask_add")).status_code == 403
    delete = reverse("admin:advocacy_advocacyask_delete", args=[full.pk])
    assert staff.get(delete).status_code == 403


def test_the_admin_passes_the_privacy_checks() -> None:
    model_admin = admin.site._registry[AdvocacyAsk]
    assert [e for e in model_admin.check() if e.level >= checks.ERROR] == []

"""Coaching's admin shows counts and dates, never titles, instructions, notes or amounts."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core import checks
from django.test import Client
from django.urls import reverse

from tests.coaching.conftest import TODAY
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.coaching.services import exercise_add, practice_log, terms_set
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

MARK = "COACHINGCANARY"


@pytest.fixture
def staff(client: Client) -> Client:
    root = Person.objects.create_superuser("root@example.com", "a-long-passphrase", name="Root")
    client.force_login(root)
    return client


@pytest.fixture
def rows(maya: Person, ravi: Person, coaching: Relationship) -> dict[str, object]:
    exercise = exercise_add(
        actor=ravi,
        relationship=coaching,
        title=f"{MARK}-title",
        instructions=f"{MARK}-instructions",
        every_days=2,
        started_on=TODAY,
        today=TODAY,
    )
    entry = practice_log(
        actor=maya,
        exercise=exercise,
        practised_on=TODAY,
        minutes=17,
        note=f"{MARK}-note",
        today=TODAY,
    )
    terms = terms_set(
        actor=ravi,
        relationship=coaching,
        paid=True,
        amount="987654.32",
        currency="CHF",
        payer="employer",
        note=f"{MARK}-terms",
    )
    return {"exercise": exercise, "entry": entry, "terms": terms}


def test_the_admin_lists_and_shows_no_contents(staff: Client, rows: dict[str, object]) -> None:
    pages = [reverse("admin:app_list", args=["coaching"])]
    for model, name in ((Exercise, "exercise"), (PracticeEntry, "entry"), (SessionTerms, "terms")):
        label = model._meta.model_name
        pk = rows[name].pk  # type: ignore[attr-defined]
        pages += [
            reverse(f"admin:coaching_{label}_changelist"),
            reverse(f"admin:coaching_{label}_change", args=[pk]),
            reverse(f"admin:coaching_{label}_history", args=[pk]),
        ]
    for url in pages:
        response = staff.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert MARK not in body, url
        assert "987654" not in body and "CHF" not in body, url


def test_the_admin_counts_practice_and_edits_nothing(
    staff: Client, rows: dict[str, object]
) -> None:
    listing = staff.get(reverse("admin:coaching_exercise_changelist")).content.decode()
    assert "Exercise " in listing
    for model in (Exercise, PracticeEntry, SessionTerms):
        label = model._meta.model_name
        assert staff.get(reverse(f"admin:coaching_{label}_add")).status_code == 403
    exercise = rows["exercise"]
    response = staff.post(
        reverse("admin:coaching_exercise_change", args=[exercise.pk]),  # type: ignore[attr-defined]
        {"title": "changed"},
    )
    assert response.status_code == 403
    assert Exercise.objects.get().title == f"{MARK}-title"


def test_the_admins_pass_the_privacy_checks() -> None:
    for model in (Exercise, PracticeEntry, SessionTerms):
        errors = [m for m in admin.site._registry[model].check() if m.level >= checks.ERROR]
        assert errors == [], model

"""Every field of personal data is exported, or left out on purpose.

Each model of Tribe's apps must be named in ``tribe.portability.classification``,
each of its fields either mapped to the key it is exported under or left out
with a reason; and each mapped key must really be in the export of a person
who has one row of everything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps

from tests.factories import (
    ActionItemFactory,
    ContactFactory,
    GoalFactory,
    MeetingFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.accounts.models import OidcIdentity, SecurityEvent
from tribe.accounts.services import token_create
from tribe.advocacy.models import AdvocacyAsk
from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint, Win
from tribe.matching.models import NotAMatch
from tribe.meetings.models import MeetingSeries
from tribe.outbox.models import Preference
from tribe.outreach.models import Introduction
from tribe.people.models import AvailabilityWindow, Block, Person
from tribe.portability.classification import ALWAYS_LEFT_OUT, EXPORTED, NOT_EXPORTED
from tribe.portability.selectors import person_export

DAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


def tribe_models() -> list[Any]:
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith("tribe.")]


def test_every_model_is_named() -> None:
    labels = {m._meta.label for m in tribe_models()}
    unnamed = labels - set(EXPORTED) - set(NOT_EXPORTED)
    assert not unnamed, f"say in portability/classification.py how these are exported: {unnamed}"
    assert not (set(EXPORTED) | set(NOT_EXPORTED)) - labels  # nothing named that is gone


def test_every_field_of_an_exported_model_is_mapped_or_left_out_on_purpose() -> None:
    for model in tribe_models():
        entry = EXPORTED.get(model._meta.label)
        if entry is None:
            continue
        fields = {f.name for f in model._meta.concrete_fields}
        named = set(entry.keys) | set(entry.left_out) | set(ALWAYS_LEFT_OUT)
        assert fields <= named, (model._meta.label, fields - named)
        assert not set(entry.keys) - fields, (model._meta.label, set(entry.keys) - fields)
        assert all(entry.left_out.values())  # every reason is written


def one_of_everything() -> Person:
    """Maya with one row of every exported model, as she may read it."""
    maya = PersonFactory(name="Maya", email="maya@example.com")
    ravi = PersonFactory(name="Ravi", email="ravi@example.com", open_to_mentoring=True)
    AvailabilityWindow.objects.create(person=maya, weekday=0, starts="09:00", ends="12:00")
    goal = GoalFactory(person=maya)
    contact = ContactFactory(owner=maya)
    Block.objects.create(blocker=maya, blocked=PersonFactory(name="Someone"))
    rel = RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya)
    MeetingSeries.objects.create(
        relationship=rel,
        rrule="FREQ=MONTHLY",
        first_date=DAY,
        start_time=dt.time(9),
        duration_minutes=30,
        timezone="UTC",
    )
    meeting = MeetingFactory(relationship=rel, starts_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    NoteFactory(relationship=rel, meeting=meeting, author=maya)
    ActionItemFactory(relationship=rel, created_by=maya)
    Touchpoint.objects.create(relationship=rel, author=maya, kind="call", happened_on=DAY)
    Question.objects.create(relationship=rel, author=maya, text="How?")
    advice = Advice.objects.create(relationship=rel, recorded_by=maya, given_on=DAY, text="Try")
    Gratitude.objects.create(
        relationship=rel, given_by=maya, given_on=DAY, description="Thanks", advice=advice
    )
    MentorUpdate.objects.create(relationship=rel, author=maya, sent_on=DAY, body="News")
    Win.objects.create(person=maya, goal=goal, happened_on=DAY, text="Shipped")
    JournalEntry.objects.create(author=maya, written_on=DAY, learned="Much", relationship=rel)
    JournalCadence.objects.create(person=maya, cadence="weekly")
    exercise = Exercise.objects.create(
        relationship=rel, title="Pitch", every_days=2, started_on=DAY, added_by=ravi
    )
    PracticeEntry.objects.create(exercise=exercise, practised_on=DAY, minutes=10, logged_by=maya)
    SessionTerms.objects.create(
        relationship=rel, paid=True, amount=80, currency="EUR", payer="mentee", updated_by=ravi
    )
    AdvocacyAsk.objects.create(
        relationship=rel, asked_by=maya, audience="The VP", opportunity="A promotion", asked_on=DAY
    )
    Introduction.objects.create(introducer=ravi, mentee=maya, to_contact=contact, introduced_on=DAY)
    NotAMatch.objects.create(person=maya, goal=goal, candidate_contact=contact, reason="No")
    _in_a_programme(maya, ravi)
    SecurityEvent.objects.create(
        person=maya, kind="login", at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    )
    Preference.objects.create(person=maya, digest="daily", muted=["nudge_at_risk"])
    token_create(person=maya, name="my script", days=30, now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    OidcIdentity.objects.create(person=maya, issuer="https://login.example", subject="m-1",
                                created_at=NOW, last_used_at=NOW)  # fmt: skip
    return maya


def _in_a_programme(maya: Person, ravi: Person) -> None:
    from tribe.programs import models as pm
    from tribe.programs.services import programme_create

    programme = programme_create(actor=maya, name="Guild", slug="guild")
    entry = pm.RosterEntry.objects.create(programme=programme, employee_id="E1",
                                          email=maya.email, person=maya)  # fmt: skip
    mentee = pm.Participant.objects.create(
        programme=programme, person=maya, role="mentee", joined_at=NOW, roster_entry=entry
    )
    mentor = pm.Participant.objects.create(
        programme=programme, person=ravi, role="mentor", joined_at=NOW, capacity=1
    )
    pm.Invitation.objects.create(
        programme=programme, email=maya.email, token_hash="0" * 64, expires_at=NOW
    )
    run = pm.MatchRun.objects.create(programme=programme)
    offer = pm.MatchOffer.objects.create(
        programme=programme, run=run, mentee=mentee, mentor=mentor, score=0.5
    )
    survey = pm.Survey.objects.create(programme=programme, name="Pulse")
    pm.SurveyResponse.objects.create(
        survey=survey, participant=mentee, offer=offer, point=30, submitted_at=NOW
    )


def value_at(export: dict[str, Any], section: str, key: str) -> Any:
    node: Any = export
    for part in section.split("."):
        node = node[part]
    if isinstance(node, list):
        assert node, f"{section} is empty: the world lacks a row"
        node = node[0]
    for part in key.split(".") if key else ():
        assert isinstance(node, dict) and part in node, (section, key)
        node = node[part]
    return node


@pytest.mark.django_db
def test_every_mapped_key_is_in_the_export() -> None:
    export = person_export(person=one_of_everything())
    for entry in EXPORTED.values():
        for key in entry.keys.values():
            value_at(export, entry.section, key)  # fails naming the section and key

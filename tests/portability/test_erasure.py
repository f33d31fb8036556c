"""Erasing an account leaves no trace of the person in any table, and the people
on the other side of their relationships keep their own records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection

from tests.factories import (
    ActionItemFactory,
    ContactFactory,
    GoalFactory,
    MeetingFactory,
    NoteFactory,
    PersonFactory,
    RelationshipFactory,
)
from tribe.journal.models import JournalEntry
from tribe.ledger.models import Advice, Gratitude, MentorUpdate, Question, Touchpoint
from tribe.meetings.models import ActionItem, Note
from tribe.people.models import AvailabilityWindow, Block, Contact, Person
from tribe.portability.erasure import FORMER_MEMBER, account_erase
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
DAY = NOW.date()
EMAIL = "maya.erased@example.com"
MARK = "ERASE-ME"


def everything_of_maya() -> dict[str, object]:
    maya = PersonFactory(name=f"{MARK} Maya", email=EMAIL, headline=f"{MARK} headline")
    ravi = PersonFactory(name="Ravi", open_to_mentoring=True, mentee_capacity=3)
    sam = PersonFactory(name="Sam")
    AvailabilityWindow.objects.create(person=maya, weekday=1, starts="09:00", ends="10:00")
    GoalFactory(person=maya, title=f"{MARK} goal")
    ContactFactory(owner=maya, name=f"{MARK} contact")
    Block.objects.create(blocker=maya, blocked=sam)
    # Maya asked Ravi: her words are in the request.
    as_mentee = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=maya,
        purpose=f"{MARK} purpose",
        ask=f"{MARK} ask",
        request_message=f"{MARK} message",
        give_back=f"{MARK} give back",
        snoozed_by=maya,
        snooze_reason=f"{MARK} snooze",
        snoozed_until=DAY,
    )
    # Sam asked Maya, who mentors him.
    as_mentor = RelationshipFactory(mentee=sam, mentor=maya, created_by=sam, purpose="Sam's goal")
    meeting = MeetingFactory(relationship=as_mentee, starts_at=NOW, agenda=f"{MARK} agenda")
    for visibility in ("private", "shared"):
        NoteFactory(relationship=as_mentee, author=maya, body=f"{MARK} {visibility} note")
    NoteFactory(
        relationship=as_mentee, author=ravi, body="Ravi's private note", visibility="private"
    )
    NoteFactory(relationship=as_mentee, author=ravi, body="Ravi's shared note", visibility="shared")
    NoteFactory(relationship=as_mentor, author=sam, body="Sam's note", visibility="private")
    ActionItemFactory(relationship=as_mentee, owner="mentee", created_by=maya, title=f"{MARK} item")
    kept = ActionItemFactory(
        relationship=as_mentee, owner="mentor", created_by=maya, title="Ravi sends the deck"
    )
    Touchpoint.objects.create(
        relationship=as_mentee, author=maya, kind="call", happened_on=DAY, note=f"{MARK} call"
    )
    Question.objects.create(relationship=as_mentee, author=maya, text=f"{MARK} question")
    advice = Advice.objects.create(
        relationship=as_mentee, recorded_by=maya, given_on=DAY, text=f"{MARK} advice"
    )
    Gratitude.objects.create(
        relationship=as_mentee, given_by=maya, given_on=DAY, description=f"{MARK} thanks",
        advice=advice,
    )  # fmt: skip
    MentorUpdate.objects.create(
        relationship=as_mentee, author=maya, sent_on=DAY, body=f"{MARK} update"
    )
    JournalEntry.objects.create(
        author=maya, written_on=DAY, learned=f"{MARK} learned", relationship=as_mentee
    )
    # Ravi's address book keeps his own contact of her, unlinked.
    ravis_contact = Contact.objects.create(owner=ravi, name="Maya from the meetup", person=maya)
    apps.get_model("axes", "AccessAttempt").objects.create(
        username=EMAIL, ip_address="127.0.0.1", user_agent="x", failures_since_start=1,
        get_data="", post_data="", http_accept="", path_info="/login/",
    )  # fmt: skip
    return {
        "maya": maya, "ravi": ravi, "sam": sam, "as_mentee": as_mentee, "as_mentor": as_mentor,
        "meeting": meeting, "kept": kept, "ravis_contact": ravis_contact,
    }  # fmt: skip


def every_row_of_every_table() -> str:
    with connection.cursor() as cursor:
        texts = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            texts.append(repr(cursor.fetchall()))
    return "\n".join(texts)


def test_no_table_holds_anything_of_the_person_afterwards() -> None:
    world = everything_of_maya()
    assert MARK in every_row_of_every_table()

    handed_over = account_erase(actor=world["maya"], now=NOW)  # type: ignore[arg-type]

    assert handed_over == 2
    everything = every_row_of_every_table()
    assert MARK not in everything
    assert EMAIL not in everything
    assert not Person.objects.filter(email=EMAIL).exists()


def test_the_other_side_keeps_the_relationship_and_their_own_words() -> None:
    world = everything_of_maya()
    account_erase(actor=world["maya"], now=NOW)  # type: ignore[arg-type]

    theirs = Relationship.objects.get(pk=world["as_mentee"].pk)  # type: ignore[attr-defined]
    assert theirs.mentee is None and theirs.mentee_contact is not None
    assert theirs.mentee_contact.name == FORMER_MEMBER
    assert theirs.mentee_contact.owner == world["ravi"]
    assert theirs.created_by == world["ravi"]
    assert theirs.status == Relationship.Status.ENDED
    assert theirs.mentee_consented_at is None
    assert set(Note.objects.filter(relationship=theirs).values_list("body", flat=True)) == {
        "Ravi's private note",
        "Ravi's shared note",
    }
    kept = ActionItem.objects.get(pk=world["kept"].pk)  # type: ignore[attr-defined]
    assert kept.created_by == world["ravi"]
    assert ActionItem.objects.filter(relationship=theirs).count() == 1
    sams = Relationship.objects.get(pk=world["as_mentor"].pk)  # type: ignore[attr-defined]
    assert sams.mentor_contact is not None and sams.mentee == world["sam"]
    assert sams.purpose == "Sam's goal"  # his words, in his request
    assert Note.objects.filter(relationship=sams, body="Sam's note").exists()
    contact = Contact.objects.get(pk=world["ravis_contact"].pk)  # type: ignore[attr-defined]
    assert contact.person is None and contact.name == "Maya from the meetup"


def test_the_other_sides_pages_still_work(client) -> None:  # type: ignore[no-untyped-def]
    world = everything_of_maya()
    account_erase(actor=world["maya"], now=NOW)  # type: ignore[arg-type]
    client.force_login(world["ravi"])
    rel = world["as_mentee"]
    for url in ("/today/", "/relationships/", f"/relationships/{rel.pk}/"):  # type: ignore[attr-defined]
        assert client.get(url).status_code == 200, url

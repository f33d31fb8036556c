"""The mail canary: private words never leave in a mail, whatever Tribe sends.

One mentorship is filled with unique markers in every private place (each
side's private notes, the meeting's agenda, a private journal entry, a goal's
"why"), then everything that sends mail runs over it: the meeting's
invitation, update and cancellation, a follow-up sent from Tribe, the digest
of each side, the nudges a week later. No marker may be in any message the
outbox holds (subject, text, HTML, calendar part) nor in what the SMTP server
received. Each producer also has its own test; this one watches them all
together, and a new producer that writes to the outbox is watched too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import GoalFactory, NoteFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.journal.models import JournalEntry
from tribe.ledger.mail import follow_up_send_by_email
from tribe.ledger.prep import follow_up_draft
from tribe.meetings.models import Meeting, Note
from tribe.meetings.services import meeting_create, meeting_set_status, meeting_update
from tribe.notifications.digests import send_digests
from tribe.notifications.nudges import send_nudges
from tribe.outbox.delivery import deliver_due
from tribe.outbox.models import Message, Preference
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
MARKERS = {
    "mentee's private note": "CANARY-MENTEE-NOTE-5511",
    "mentor's private note": "CANARY-MENTOR-NOTE-7723",
    "agenda": "CANARY-AGENDA-9031",
    "journal": "CANARY-JOURNAL-2208",
    "goal why": "CANARY-GOAL-WHY-6164",
}


def test_no_private_word_is_in_any_mail(
    maya: Person, ravi: Person, smtp_server: SmtpServer, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    rel = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, status_changed_at=NOW - dt.timedelta(days=60)
    )
    goal = GoalFactory(person=maya, title="Lead a team", why=MARKERS["goal why"])
    past = Meeting.objects.create(
        relationship=rel,
        starts_at=NOW - dt.timedelta(days=3),
        ends_at=NOW - dt.timedelta(days=3, minutes=-45),
        status=Meeting.Status.HELD,
        agenda=MARKERS["agenda"],
    )
    for author, key in ((maya, "mentee's private note"), (ravi, "mentor's private note")):
        NoteFactory(
            relationship=rel,
            meeting=past,
            author=author,
            body=MARKERS[key],
            visibility=Note.Visibility.PRIVATE,
        )
    JournalEntry.objects.create(
        author=maya, written_on=NOW.date(), learned=MARKERS["journal"], relationship=rel
    )
    for person in (maya, ravi):
        Preference.objects.update_or_create(
            person=person, defaults={"digest": Preference.Digest.DAILY, "digest_hour": 8}
        )
    maya.timezone = ravi.timezone = "UTC"
    maya.save()
    ravi.save()

    with django_capture_on_commit_callbacks(execute=True):
        upcoming = meeting_create(
            actor=maya,
            relationship=rel,
            starts_at=NOW + dt.timedelta(days=2),
            ends_at=NOW + dt.timedelta(days=2, minutes=45),
            title="Catch-up",
            now=NOW,
        )
        Meeting.objects.filter(pk=upcoming.pk).update(agenda=MARKERS["agenda"])
        upcoming.refresh_from_db()
        meeting_update(
            actor=ravi,
            meeting=upcoming,
            starts_at=upcoming.starts_at + dt.timedelta(hours=1),
            ends_at=upcoming.ends_at + dt.timedelta(hours=1),
            title="Catch-up",
            location="",
            status=Meeting.Status.PLANNED,
            now=NOW,
        )
        meeting_set_status(actor=maya, meeting=upcoming, status=Meeting.Status.CANCELLED, now=NOW)
        draft = follow_up_draft(person=maya, meeting=past, now=NOW)
        follow_up_send_by_email(actor=maya, meeting=past, body=draft, now=NOW)
    send_digests.call(slot=NOW.isoformat())
    send_nudges.call(slot=(NOW + dt.timedelta(days=7)).isoformat())
    deliver_due(worker_id="canary", now=NOW + dt.timedelta(days=7))

    messages = list(Message.objects.all())
    kinds = {m.kind for m in messages}
    # The canary watches something: each producer did send.
    assert {Message.Kind.MEETING, Message.Kind.OUTREACH, Message.Kind.DIGEST} <= kinds, kinds
    for message in messages:
        stored = " ".join((message.subject, message.body_text, message.body_html, message.calendar))
        for place, marker in MARKERS.items():
            assert marker not in stored, f"{place} in {message.kind} {message.key}"
    arrived = [a.raw.decode("utf-8", "replace") for a in smtp_server.handler.arrivals]
    assert len(arrived) == len([m for m in messages if m.channel == Message.Channel.EMAIL])
    for raw in arrived:
        for place, marker in MARKERS.items():
            assert marker not in raw, place
    assert goal.title  # the goal exists; its "why" is private to Maya

"""Nudges: each kind at its time and not before, once, muted means nothing, and the
chat copies reach a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MeetingFactory, NoteFactory, PersonFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tests.programme_fixtures import enrol
from tribe.ledger.models import Advice, AdviceDecision
from tribe.meetings.models import Meeting
from tribe.notifications.nudges import queue_personal_nudges, send_nudges
from tribe.notifications.scheduler import JOBS
from tribe.outbox.models import Message, Preference
from tribe.people.models import Person
from tribe.programs.models import Cohort, MatchOffer, MatchRun, Programme, Role
from tribe.relationships.models import Relationship

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
MARKER = "PRIVATE-7f3a-never-to-admins"


def run(moment: dt.datetime) -> int:
    return int(send_nudges.call(slot=moment.isoformat()))


def nudges_of(person: Person) -> list[Message]:
    return list(Message.objects.filter(person=person, kind=Message.Kind.NUDGE).order_by("pk"))


def asked(maya: Person, ravi: Person, *, on: dt.datetime) -> Relationship:
    return RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=maya,
        status=Relationship.Status.ASKED,
        status_changed_at=on,
        asked_at=on,
        request_message="Would you?",
    )


def test_the_job_runs_every_hour() -> None:
    (job,) = [j for j in JOBS if j.name == "nudges"]
    assert (job.period, job.task) == (
        dt.timedelta(hours=1),
        "tribe.notifications.nudges:send_nudges",
    )


def test_an_unanswered_request_is_nudged_on_its_day_and_once(
    maya: Person, ravi: Person, mailoutbox: list[Any]
) -> None:
    rel = asked(maya, ravi, on=NOW - 7 * DAY)  # Maya waits 7 days (her default)
    assert run(NOW - DAY) == 0
    assert run(NOW) == 1
    (message,) = nudges_of(maya)
    assert message.key == f"nudge:{maya.pk}:request-{rel.pk}-20260310"
    assert message.status == Message.Status.SENT
    assert f"/relationships/{rel.pk}/ask/" in message.body_text
    assert message.body_text.count("http://") >= 3  # absolute links
    assert message.unsubscribe_url.startswith("http://localhost:8000/unsubscribe/")
    # Later runs, and the same slot again, send nothing more.
    assert run(NOW) == 0
    assert run(NOW + dt.timedelta(hours=1)) == 0
    assert len(nudges_of(maya)) == 1
    assert len(mailoutbox) == 1
    assert ravi.outbox_messages.count() == 0  # the person asked gets Today, not a nudge


def test_a_longer_wait_moves_the_nudge(maya: Person, ravi: Person) -> None:
    maya.nudge_after_days = 14
    maya.save()
    asked(maya, ravi, on=NOW - 7 * DAY)
    assert run(NOW) == 0
    assert run(NOW + 7 * DAY) == 1


def test_a_follow_up_is_nudged_once_it_is_late(
    maya: Person, maya_ravi: Relationship, mailoutbox: list[Any]
) -> None:
    meeting = MeetingFactory(
        relationship=maya_ravi,
        starts_at=NOW - 3 * DAY,
        status=Meeting.Status.HELD,
    )
    assert run(NOW - DAY) == 0  # two days after: within the grace
    assert run(NOW) == 1
    (message,) = nudges_of(maya)
    assert message.key == f"nudge:{maya.pk}:follow_up-{meeting.pk}"
    assert f"/meetings/{meeting.pk}/#follow-up" in message.body_text
    assert run(NOW + DAY) == 0


def test_help_taken_up_is_a_thank_you_nudge_without_the_advice_itself(
    maya: Person, maya_ravi: Relationship, mailoutbox: list[Any]
) -> None:
    advice = Advice.objects.create(
        relationship=maya_ravi,
        recorded_by=maya,
        given_on=(NOW - 2 * DAY).date(),
        text=MARKER,
        decision=AdviceDecision.ADOPT,
    )
    assert run(NOW - DAY) == 0  # a day after: time enough to thank unprompted
    assert run(NOW) == 1
    (message,) = nudges_of(maya)
    assert message.key == f"nudge:{maya.pk}:thanks-{advice.pk}"
    assert "Thank Ravi Menon for the help you took up" in message.body_text
    assert MARKER not in message.body_text
    assert f"/gratitude/#unthanked-{advice.pk}" in message.body_text


def test_a_relationship_going_quiet_is_nudged_at_risk_not_when_merely_due(
    maya: Person, ravi: Person
) -> None:
    start = (NOW - 28 * DAY).date()
    rel = RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=maya,
        status_changed_at=NOW - 28 * DAY,
        starts_on=start,
        cadence_days=14,
    )
    assert run(NOW) == 0  # 28 days against 14: due, not at risk yet
    assert run(NOW + DAY) == 1
    (message,) = nudges_of(maya)
    assert message.key == f"nudge:{maya.pk}:at_risk-{rel.pk}-20260224"
    assert f"/relationships/{rel.pk}/" in message.body_text
    assert run(NOW + 2 * DAY) == 0


def test_several_nudges_of_a_person_make_one_mail(
    maya: Person, ravi: Person, sam: Person, smtp_server: SmtpServer
) -> None:
    asked(maya, ravi, on=NOW - 7 * DAY)
    quiet = RelationshipFactory(
        mentee=maya,
        mentor=sam,
        created_by=maya,
        status_changed_at=NOW - 40 * DAY,
        starts_on=(NOW - 40 * DAY).date(),
        cadence_days=14,
    )
    MeetingFactory(relationship=quiet, starts_at=NOW - 3 * DAY, status=Meeting.Status.PLANNED)
    assert run(NOW) == 1
    (mail,) = smtp_server.messages()
    assert mail["To"] == "maya@example.com"
    assert mail["Subject"] == "Tribe: 3 nudges for you"
    assert mail["List-Unsubscribe"].strip().startswith("<http://localhost:8000/unsubscribe/")
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for heading in (
        "Requests waiting for an answer",
        "Follow-ups and thanks to send",
        "Relationships going quiet",
    ):
        assert heading in text
    assert text.count("/unsubscribe/") == 3  # one per topic it tells


def test_a_muted_topic_sends_nothing(maya: Person, ravi: Person) -> None:
    Preference.objects.create(person=maya, muted=[Preference.Topic.NUDGE_REQUEST])
    asked(maya, ravi, on=NOW - 7 * DAY)
    assert run(NOW) == 0
    assert nudges_of(maya) == []


def test_a_nudge_is_in_the_persons_language(
    maya: Person, ravi: Person, settings: Any, mailoutbox: list[Any]
) -> None:
    settings.LANGUAGE_CODE = "de"
    asked(maya, ravi, on=NOW - 7 * DAY)
    run(NOW)
    (message,) = nudges_of(maya)
    # Today's words for the duty, in German (the nudge's own words are in the catalogue
    # once the translator has been by).
    assert "Ravi Menon erinnern: noch keine Antwort" in message.body_text


def test_the_queries_do_not_grow_with_the_people(maya: Person) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert queue_personal_nudges(now=NOW) == []
        return len(captured)

    RelationshipFactory(mentee=maya, status_changed_at=NOW, cadence_days=30, starts_on=NOW.date())
    few = queries()
    for _ in range(8):
        RelationshipFactory(status_changed_at=NOW, cadence_days=30, starts_on=NOW.date())
    assert queries() == few


# -- programmes ----------------------------------------------------------------------


def test_programme_administrators_hear_counts_and_dates_never_private_words(
    ada: Person, programme: Programme, mailoutbox: list[Any]
) -> None:
    mentee = enrol(
        programme,
        Role.MENTEE,
        person=PersonFactory(name="Wanda Waiting"),
        joined_at=NOW - 6 * DAY,
    )
    mentor = enrol(programme, Role.MENTOR, person=PersonFactory(name="Mo Mentor"))
    offered = enrol(programme, Role.MENTEE, person=PersonFactory(name="Olga Offered"))
    offer = MatchOffer.objects.create(
        programme=programme,
        run=MatchRun.objects.create(programme=programme, status="published"),
        mentee=offered,
        mentor=mentor,
        score=0.5,
    )
    MatchOffer.objects.filter(pk=offer.pk).update(created_at=NOW - 6 * DAY)
    # Private words around the people: a note, a relationship's purpose.
    rel = RelationshipFactory(
        mentee=mentee.person, mentor=mentor.person, purpose=MARKER, status_changed_at=NOW
    )
    NoteFactory(relationship=rel, body=MARKER)
    assert run(NOW) == 0  # six days: not yet
    assert run(NOW + DAY) == 1
    (message,) = Message.objects.filter(kind=Message.Kind.PROGRAMME_NUDGE)
    assert message.person_id == ada.pk
    body = message.subject + message.body_text
    assert MARKER not in body
    for name in ("Wanda", "Olga", "Mo Mentor"):
        assert name not in body
    assert "1 match offer unanswered for a week or more" in body
    assert "1 enrolled mentee still without a match" in body
    assert "/programmes/engineering/dashboard/" in body
    assert run(NOW + 2 * DAY) == 0  # the same backlog is told once
    # One more mentee crossing the week is news.
    enrol(programme, Role.MENTEE, joined_at=NOW - 5 * DAY)
    assert run(NOW + 2 * DAY) == 1


def test_a_cohort_whose_matching_closes_while_mentees_wait(
    ada: Person, programme: Programme
) -> None:
    cohort = Cohort.objects.create(
        programme=programme, name="Spring", match_closes=(NOW + 4 * DAY).date()
    )
    enrol(programme, Role.MENTEE, cohort=cohort, joined_at=NOW - DAY)
    assert run(NOW) == 0  # four days ahead: not yet
    assert run(NOW + DAY) == 1
    (message,) = Message.objects.filter(kind=Message.Kind.PROGRAMME_NUDGE)
    assert (
        "Engineering mentoring, Spring: matching closes on 14 Mar 2026 "
        "and 1 mentee is still unmatched" in message.body_text
    )
    assert run(NOW + 2 * DAY) == 0


def test_a_muted_programme_topic_sends_the_administrator_nothing(
    ada: Person, programme: Programme
) -> None:
    Preference.objects.create(person=ada, muted=[Preference.Topic.PROGRAMME])
    enrol(programme, Role.MENTEE, joined_at=NOW - 10 * DAY)
    assert run(NOW) == 0


# -- chat copies ---------------------------------------------------------------------


@dataclass
class Hook:
    """A webhook server: records each POST, answers the status its path names."""

    url: str
    posts: list[tuple[str, Any]] = field(default_factory=list)


@pytest.fixture
def hook(settings: Any) -> Iterator[Hook]:
    settings.TRIBE_WEBHOOK_ALLOW_LOCAL_HTTP = True
    posts: list[tuple[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", "0"))
            posts.append((self.path, json.loads(self.rfile.read(size) or b"null")))
            status = int(self.path.rstrip("/").rsplit("/", 1)[-1])
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"no")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Hook(f"http://127.0.0.1:{server.server_address[1]}", posts)
    finally:
        server.shutdown()
        server.server_close()


def test_slack_and_teams_copies_arrive(
    maya: Person, ravi: Person, hook: Hook, mailoutbox: list[Any]
) -> None:
    Preference.objects.create(
        person=maya, slack_webhook=f"{hook.url}/slack/200", teams_webhook=f"{hook.url}/teams/200"
    )
    asked(maya, ravi, on=NOW - 7 * DAY)
    assert run(NOW) == 3  # the mail and two chat copies
    by_path = dict(hook.posts)
    slack = by_path["/slack/200"]
    assert slack["text"].startswith("*Tribe: 1 nudge for you*")
    card = by_path["/teams/200"]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["body"][0]["text"] == "Tribe: 1 nudge for you"
    keys = sorted(Message.objects.filter(person=maya).values_list("key", "status"))
    base = nudges_of(maya)[0].key.removesuffix(":slack").removesuffix(":teams")
    assert [k for k, _s in keys] == sorted([base, base + ":slack", base + ":teams"])
    assert {s for _k, s in keys} == {Message.Status.SENT}
    assert run(NOW + dt.timedelta(hours=1)) == 0
    assert len(hook.posts) == 2


def test_a_webhook_answering_404_fails_with_the_reason(
    maya: Person, ravi: Person, hook: Hook
) -> None:
    Preference.objects.create(person=maya, slack_webhook=f"{hook.url}/slack/404")
    asked(maya, ravi, on=NOW - 7 * DAY)
    run(NOW)
    message = Message.objects.get(channel=Message.Channel.SLACK)
    assert message.status == Message.Status.FAILED
    assert message.last_error == "the webhook answered 404"


def test_a_webhook_answering_500_is_retried(maya: Person, ravi: Person, hook: Hook) -> None:
    Preference.objects.create(person=maya, teams_webhook=f"{hook.url}/teams/500")
    asked(maya, ravi, on=NOW - 7 * DAY)
    run(NOW)
    message = Message.objects.get(channel=Message.Channel.TEAMS)
    assert message.status == Message.Status.QUEUED
    assert message.attempts == 1
    assert message.last_error == "the webhook answered 500"
    assert message.next_attempt_at > NOW


def test_plain_http_webhooks_are_refused_outside_tests(maya: Person, ravi: Person) -> None:
    Preference.objects.create(person=maya, slack_webhook="http://127.0.0.1:9/slack/200")
    asked(maya, ravi, on=NOW - 7 * DAY)
    run(NOW)  # the mail goes; the copy is refused, and the run goes on
    assert not Message.objects.filter(channel=Message.Channel.SLACK).exists()
    assert len(nudges_of(maya)) == 1

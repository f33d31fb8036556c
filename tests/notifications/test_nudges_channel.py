"""A programme's own channel hears its administrators' nudges: counts and dates, once,
whatever each administrator muted; posted to a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.factories import NoteFactory, PersonFactory, RelationshipFactory
from tests.programme_fixtures import enrol
from tribe.notifications.nudges import send_nudges
from tribe.outbox.models import Message, Preference
from tribe.people.models import Person
from tribe.programs.models import Programme, Role

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
MARKER = "PRIVATE-7f3a-never-to-a-channel"


def run(moment: dt.datetime) -> int:
    return int(send_nudges.call(slot=moment.isoformat()))


@pytest.fixture
def posts(settings: Any) -> Iterator[tuple[str, list[tuple[str, Any]]]]:
    """A webhook server answering 200: its address, and each POST it received."""
    settings.TRIBE_WEBHOOK_ALLOW_LOCAL_HTTP = True
    received: list[tuple[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", "0"))
            received.append((self.path, json.loads(self.rfile.read(size) or b"null")))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def test_the_programme_channel_hears_the_summary_once_without_names_or_private_words(
    ada: Person, programme: Programme, posts: tuple[str, list[tuple[str, Any]]]
) -> None:
    url, received = posts
    # Written directly: the service accepts only Slack's own https addresses.
    Programme.objects.filter(pk=programme.pk).update(slack_webhook=f"{url}/programme/slack")
    # The administrator hears nothing themselves: the channel does not depend on it.
    Preference.objects.create(person=ada, muted=[Preference.Topic.PROGRAMME])
    mentee = enrol(
        programme, Role.MENTEE, person=PersonFactory(name="Wanda Waiting"), joined_at=NOW - 8 * DAY
    )
    mentor = enrol(programme, Role.MENTOR, person=PersonFactory(name="Mo Mentor"))
    rel = RelationshipFactory(
        mentee=mentee.person, mentor=mentor.person, purpose=MARKER, status_changed_at=NOW
    )
    NoteFactory(relationship=rel, body=MARKER)

    assert run(NOW) == 1
    assert run(NOW + dt.timedelta(hours=1)) == 0  # the same backlog is told once
    assert len(received) == 1
    path, payload = received[0]
    assert path == "/programme/slack"
    text = json.dumps(payload, ensure_ascii=False)
    assert "Tribe: 1 thing in Engineering mentoring needs its administrators" in text
    assert "1 enrolled mentee still without a match" in text
    assert "/programmes/engineering/runs/" in text
    for private in (MARKER, "Wanda", "Mo Mentor", "Ada"):
        assert private not in text
    (message,) = Message.objects.filter(kind=Message.Kind.PROGRAMME_NUDGE)
    assert message.person_id is None
    assert message.status == Message.Status.SENT
    assert message.key.startswith(f"programme-nudge:channel:{programme.pk}:waiting-")
    assert message.key.endswith(":slack")


def test_the_channel_and_the_administrators_mail_are_told_each_their_own(
    ada: Person, programme: Programme, posts: tuple[str, list[tuple[str, Any]]]
) -> None:
    url, received = posts
    enrol(programme, Role.MENTEE, joined_at=NOW - 8 * DAY)
    assert run(NOW) == 1  # the administrator's mail: no channel yet
    # Connected later, the channel still hears what is waiting; the mail is not sent again.
    Programme.objects.filter(pk=programme.pk).update(teams_webhook=f"{url}/programme/teams")
    assert run(NOW + dt.timedelta(hours=1)) == 1
    assert [path for path, _body in received] == ["/programme/teams"]
    assert run(NOW + dt.timedelta(hours=2)) == 0
    kinds = Message.objects.filter(kind=Message.Kind.PROGRAMME_NUDGE)
    assert sorted(kinds.values_list("channel", flat=True)) == ["email", "teams"]


def test_an_archived_programme_posts_nothing(
    ada: Person, programme: Programme, posts: tuple[str, list[tuple[str, Any]]]
) -> None:
    url, received = posts
    Programme.objects.filter(pk=programme.pk).update(
        slack_webhook=f"{url}/programme/slack", archived_at=NOW - DAY
    )
    enrol(programme, Role.MENTEE, joined_at=NOW - 8 * DAY)
    assert run(NOW) == 0
    assert received == []

"""Invitations imported into a real CalDAV server (Radicale) and read back unchanged.

The module starts one Radicale process on 127.0.0.1 with a throwaway storage
folder and no authentication, and stops it when the module ends. Each test
makes its own calendar collection with MKCALENDAR and talks plain HTTP
(``http.client``), as a calendar client would: no CalDAV library needed.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest

from tests.meetings import expand
from tribe.meetings import calendar, services
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1"
START_TIMEOUT = 15.0  # seconds: never hang the suite on a server that will not start
REQUEST_TIMEOUT = 10.0
# Radicale with auth "none" accepts any user name; the name is the owner of
# the collections under /tribe/, which its default rights ("owner_only") need.
AUTH = "Basic " + base64.b64encode(b"tribe:unused").decode()
#: The properties a calendar client relies on to file and update an invitation.
COMPARED = (
    "UID",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "DTSTAMP",
    "SUMMARY",
    "LOCATION",
    "STATUS",
    "ORGANIZER",
    "ATTENDEE",
    "RRULE",
    "RECURRENCE-ID",
)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class CalDAV:
    port: int

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(
                method, path, body=body, headers={"Authorization": AUTH, **(headers or {})}
            )
            response = connection.getresponse()
            return Response(
                response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
            )
        finally:
            connection.close()

    def new_calendar(self) -> str:
        path = f"/tribe/{uuid.uuid4().hex}/"
        response = self.request("MKCALENDAR", path)
        assert response.status == 201, response.body
        return path

    def put(self, href: str, data: bytes) -> Response:
        return self.request("PUT", href, data, {"Content-Type": "text/calendar; charset=utf-8"})

    def get(self, href: str) -> bytes:
        response = self.request("GET", href)
        assert response.status == 200, response.body
        return response.body

    def hrefs(self, collection: str) -> list[str]:
        """The calendar objects in ``collection`` (PROPFIND, depth 1)."""
        response = self.request(
            "PROPFIND",
            collection,
            b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
            {"Depth": "1", "Content-Type": "application/xml"},
        )
        assert response.status == 207, response.body
        text = response.body.decode()
        return sorted(
            part.split("</")[0]
            for part in text.split("href>")[1:]
            if part.split("</")[0].endswith(".ics")
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Radicale exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(
        f"Radicale did not listen on port {port} within {START_TIMEOUT} s:\n{log.read_text()}"
    )


@pytest.fixture(scope="module")
def caldav(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAV]:
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    config = folder / "config"
    config.write_text(
        "[server]\n"
        f"hosts = {HOST}:{port}\n"
        "[auth]\n"
        "type = none\n"
        "[storage]\n"
        f"filesystem_folder = {folder / 'collections'}\n"
        "[logging]\n"
        "level = warning\n"
    )
    log = folder / "radicale.log"
    with log.open("wb") as log_file:
        # --config replaces the default search path: no system or user config leaks in.
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_for(port, process, log)
        yield CalDAV(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def storable(invitation: bytes) -> bytes:
    """An iTIP invitation as a calendar object resource: without its METHOD line.

    RFC 4791 (section 4.1) says objects stored in a calendar collection MUST
    NOT carry METHOD: that belongs to the message (invite, update, cancel),
    not to the event. Strict servers refuse such a PUT; Radicale 3.9 happens
    to store it as sent, but a calendar client importing an invitation strips
    it, and so do we, on the bytes, so the rest is exactly what Tribe produced.
    """
    lines = invitation.splitlines(keepends=True)
    kept = [line for line in lines if not line.upper().startswith(b"METHOD:")]
    assert len(kept) == len(lines) - 1, "an invitation carries exactly one METHOD"
    return b"".join(kept)


def _values(event: icalendar.Event, name: str) -> list[tuple[bytes, dict[str, str]]]:
    found = event.get(name)
    if found is None:
        return []
    items = found if isinstance(found, list) else [found]
    return [(item.to_ical(), {k.upper(): str(v) for k, v in item.params.items()}) for item in items]


def fingerprint(event: icalendar.Event) -> dict[str, list[tuple[bytes, dict[str, str]]]]:
    """Every compared property: its iCalendar value and its parameters (TZID, CN, …)."""
    return {name: _values(event, name) for name in COMPARED}


def only_event(data: bytes) -> icalendar.Event:
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def zones_of(data: bytes) -> list[str]:
    return sorted(str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(data).walk("VTIMEZONE"))


def test_an_invitation_is_stored_and_read_back_unchanged(
    caldav: CalDAV, maya_ravi: Relationship, now: dt.datetime
) -> None:
    start = dt.datetime(2026, 3, 17, 9, 0, tzinfo=dt.UTC)
    meeting = services.meeting_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        title="Check-in",
        location="Video",
        now=now,
    )
    sent = calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now)
    href = f"{caldav.new_calendar()}{meeting.uid}.ics"

    assert caldav.put(href, storable(sent)).status == 201
    stored = caldav.get(href)

    ours, theirs = only_event(sent), only_event(stored)
    assert fingerprint(theirs) == fingerprint(ours)
    assert str(theirs["UID"]) == f"{meeting.uid}@tribe"
    assert theirs["SEQUENCE"] == 0
    assert theirs["DTSTART"].params["TZID"] == "Europe/London"
    assert theirs["DTSTART"].dt == start
    assert theirs["DTEND"].dt == start + dt.timedelta(hours=1)
    assert str(theirs["SUMMARY"]) == "Check-in with Ravi Menon"
    assert str(theirs["ORGANIZER"]) == "mailto:maya@example.com"
    assert [str(a) for a in _list(theirs["ATTENDEE"])] == ["mailto:ravi@example.com"]
    assert zones_of(stored) == zones_of(sent) == ["Europe/London"]
    assert "METHOD" not in icalendar.Calendar.from_ical(stored)


def test_a_series_is_stored_and_expands_the_same_from_the_server(
    caldav: CalDAV, maya_ravi: Relationship, now: dt.datetime
) -> None:
    # Four Tuesdays at 09:00 London, across the change to summer time on 29 March.
    series = services.series_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        first_date=dt.date(2026, 3, 17),
        start_time=dt.time(9),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=4",
        timezone="Europe/London",
        title="Weekly",
        now=now,
    )
    sent = calendar.series_ics(person=maya_ravi.mentee, series=series, now=now)
    href = f"{caldav.new_calendar()}{series.uid}.ics"

    assert caldav.put(href, storable(sent)).status == 201
    stored = caldav.get(href)

    assert fingerprint(only_event(stored)) == fingerprint(only_event(sent))
    window = (dt.date(2026, 3, 1), dt.date(2026, 6, 1))
    from_server = expand.between(icalendar.Calendar.from_ical(stored), *window)
    from_tribe = expand.between(icalendar.Calendar.from_ical(sent), *window)

    def occurrences(events: list[icalendar.Event]) -> list[tuple[object, ...]]:
        return [(str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"])) for e in events]

    assert occurrences(from_server) == occurrences(from_tribe)
    starts = [e["DTSTART"].dt for e in from_server]
    assert [s.strftime("%m-%d %H:%M") for s in starts] == [
        "03-17 09:00",
        "03-24 09:00",
        "03-31 09:00",
        "04-07 09:00",
    ]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [9, 9, 8, 8]
    # Tribe materialised the same four meetings that the server expands.
    assert sorted(m.starts_at for m in Meeting.objects.filter(series=series)) == starts


def test_a_changed_meeting_replaces_the_stored_one(
    caldav: CalDAV, maya_ravi: Relationship, now: dt.datetime
) -> None:
    start = dt.datetime(2026, 3, 20, 14, 0, tzinfo=dt.UTC)
    meeting = services.meeting_create(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=45),
        title="Check-in",
        now=now,
    )
    collection = caldav.new_calendar()
    href = f"{collection}{meeting.uid}.ics"
    first = calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now)
    assert caldav.put(href, storable(first)).status == 201

    moved = start + dt.timedelta(days=1, hours=2)
    services.meeting_update(
        actor=maya_ravi.mentee,
        meeting=meeting,
        starts_at=moved,
        ends_at=moved + dt.timedelta(hours=1),
        title="Moved check-in",
        location="Café",
        status=Meeting.Status.PLANNED,
        now=now,
    )
    update = calendar.meeting_ics(person=maya_ravi.mentee, meeting=meeting, now=now)
    # The same UID under another name is a second copy: CalDAV refuses it
    # (no-uid-conflict), which is why an update must go to the same resource.
    assert caldav.put(f"{collection}copy.ics", storable(update)).status == 409

    assert caldav.put(href, storable(update)).status == 204
    stored = caldav.get(href)

    event = only_event(stored)
    assert fingerprint(event) == fingerprint(only_event(update))
    assert str(event["UID"]) == f"{meeting.uid}@tribe"
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == moved
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert str(event["SUMMARY"]) == "Moved check-in with Ravi Menon"
    assert str(event["LOCATION"]) == "Café"
    assert caldav.hrefs(collection) == [href]


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]

"""The digest: when it is due in each zone (across daylight-saving changes), who
gets one, and what arrives through a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ActionItemFactory, NoteFactory, PersonFactory, RelationshipFactory
from tests.mail_fixtures import SmtpServer
from tribe.notifications.digest_timing import digest_due
from tribe.notifications.digests import Composer, send_digest_chunk, send_digests
from tribe.notifications.models import ScheduledSlot
from tribe.notifications.scheduler import JOBS
from tribe.outbox.models import Message, Preference
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import today_for

UTC = dt.UTC
DAILY, WEEKLY, OFF = Preference.Digest.DAILY, Preference.Digest.WEEKLY, Preference.Digest.OFF


def due(zone: str, now: dt.datetime, *, hour: int = 8, frequency: str = DAILY, **kw: int):  # type: ignore[no-untyped-def]
    return digest_due(
        person_id=7,
        frequency=frequency,
        weekday=kw.pop("weekday", 1),
        hour=hour,
        zone_name=zone,
        now=now,
        **kw,
    )


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def sends(
    zone: str,
    start: dt.datetime,
    days: int,
    *,
    hour: int,
    minute: int = 0,
    frequency: str = DAILY,
    weekday: int = 1,
) -> list[tuple[dt.datetime, str]]:
    """Every 15-minute slot from ``start`` for ``days``: the slots that send a new digest."""
    sent: dict[str, dt.datetime] = {}
    moment = start
    while moment < start + dt.timedelta(days=days):
        found = due(zone, moment, hour=hour, minute=minute, frequency=frequency, weekday=weekday)
        if found is not None and found.key not in sent:
            sent[found.key] = moment
        moment += dt.timedelta(minutes=15)
    return [(slot, key) for key, slot in sent.items()]


# Timing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "winter", "summer"),
    [
        ("Europe/London", at(2026, 1, 15, 8), at(2026, 7, 15, 7)),
        ("America/New_York", at(2026, 1, 15, 13), at(2026, 7, 15, 12)),
        ("Asia/Kolkata", at(2026, 1, 15, 2, 30), at(2026, 7, 15, 2, 30)),
        # Southern summer in January: 08:00 NZDT is 19:00 UTC the day before.
        ("Pacific/Auckland", at(2026, 1, 14, 19), at(2026, 7, 14, 20)),
        # Lord Howe moves by half an hour: +11 in January, +10:30 in July.
        ("Australia/Lord_Howe", at(2026, 1, 14, 21), at(2026, 7, 14, 21, 30)),
    ],
)
def test_a_daily_digest_is_due_at_eight_local_in_each_zone(
    zone: str, winter: dt.datetime, summer: dt.datetime
) -> None:
    for moment in (winter, summer):
        assert due(zone, moment - dt.timedelta(minutes=15)) is None
        found = due(zone, moment)
        assert found is not None and found.due_at == moment
        local_day = moment.astimezone(__import__("zoneinfo").ZoneInfo(zone)).date()
        assert found.key == f"digest:7:{local_day.isoformat()}"
        assert found.zone_problem == ""


@pytest.mark.parametrize(
    ("zone", "day", "hour", "minute", "expected"),
    [
        # Spring forward (02:00 -> 03:00 on 8 March): 02:30 does not exist; sent at 03:30 EDT.
        ("America/New_York", at(2026, 3, 8), 2, 30, at(2026, 3, 8, 7, 30)),
        # Europe, 29 March: 01:00 GMT jumps to 02:00 BST; 01:00 is sent at 02:00 BST.
        ("Europe/London", at(2026, 3, 29), 1, 0, at(2026, 3, 29, 1)),
        # Fall back (1 November): 01:00-02:00 happens twice; sent at the first 01:00 (EDT).
        ("America/New_York", at(2026, 11, 1), 1, 0, at(2026, 11, 1, 5)),
        ("America/New_York", at(2026, 11, 1), 1, 30, at(2026, 11, 1, 5, 30)),
        # Europe, 25 October: 01:00-02:00 happens twice; the first (BST) one.
        ("Europe/London", at(2026, 10, 25), 1, 30, at(2026, 10, 25, 0, 30)),
        # Lord Howe, 4 October: 02:00 jumps to 02:30 (half an hour); 02:00 is sent at 02:30.
        ("Australia/Lord_Howe", at(2026, 10, 3), 2, 0, at(2026, 10, 3, 15, 30)),
        # Lord Howe, 5 April: 02:00 falls back to 01:30; 01:30-02:00 happens twice.
        ("Australia/Lord_Howe", at(2026, 4, 4), 1, 30, at(2026, 4, 4, 14, 30)),
        # Auckland, 5 April (03:00 -> 02:00) and 27 September (02:00 -> 03:00).
        ("Pacific/Auckland", at(2026, 4, 4), 2, 30, at(2026, 4, 4, 13, 30)),
        ("Pacific/Auckland", at(2026, 9, 26), 2, 30, at(2026, 9, 26, 14, 30)),
    ],
)
def test_on_a_daylight_saving_day_the_digest_is_sent_once(
    zone: str, day: dt.datetime, hour: int, minute: int, expected: dt.datetime
) -> None:
    # Three days around the change, slot by slot: one digest a day, never two, never none.
    sent = sends(zone, day - dt.timedelta(days=1), 3, hour=hour, minute=minute)
    assert len(sent) in (3, 4)  # the window holds three or four local mornings
    keys = [key for _slot, key in sent]
    assert len(keys) == len(set(keys))
    assert expected in [slot for slot, _key in sent]


def test_every_day_of_2026_gets_exactly_one_daily_digest_in_every_zone() -> None:
    for zone in ("Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Auckland"):
        for hour in (1, 2):
            sent = sends(zone, at(2026, 1, 1), 365, hour=hour)
            days = {key.rsplit(":", 1)[1] for _slot, key in sent}
            assert len(sent) == len(days)
            # 365 or 366 local days fall inside the UTC year, depending on the offset.
            assert len(days) in (365, 366), (zone, hour, len(days))


def test_a_weekly_digest_waits_for_its_weekday_and_catches_up_within_the_week() -> None:
    # Wednesday 09:00 in London, the week of 9 March 2026 (ISO week 11).
    kw = {"frequency": WEEKLY, "hour": 9, "weekday": 3}
    assert due("Europe/London", at(2026, 3, 9, 10), **kw) is None  # Monday
    assert due("Europe/London", at(2026, 3, 11, 8, 45), **kw) is None  # Wednesday, early
    found = due("Europe/London", at(2026, 3, 11, 9), **kw)
    assert found is not None and found.key == "digest:7:2026-W11"
    assert found.due_at == at(2026, 3, 11, 9)
    # Missed on Wednesday: still due on Sunday night, with the same key.
    late = due("Europe/London", at(2026, 3, 15, 23, 45), **kw)
    assert late is not None and late.key == found.key
    # The next week starts over.
    assert due("Europe/London", at(2026, 3, 16, 10), **kw) is None
    # From Thursday 1 January for ten weeks: week 1's Wednesday had passed (caught
    # up at once), then the ten Wednesdays from 7 January to 11 March at 09:00.
    sent = sends("Europe/London", at(2026, 1, 1), 70, **kw)  # type: ignore[arg-type]
    assert sent[0] == (at(2026, 1, 1), "digest:7:2026-W01")
    assert [slot for slot, _key in sent[1:]] == [
        at(2026, 1, 7, 9) + dt.timedelta(weeks=n) for n in range(10)
    ]


def test_a_weekly_digest_across_zones_uses_the_local_weekday() -> None:
    # Monday 08:00 in Auckland is Sunday 19:00 UTC.
    found = due("Pacific/Auckland", at(2026, 1, 11, 19), frequency=WEEKLY, weekday=1)
    assert found is not None and found.key == "digest:7:2026-W03"
    assert due("Pacific/Auckland", at(2026, 1, 11, 18, 45), frequency=WEEKLY, weekday=1) is None


def test_an_unknown_zone_is_read_as_utc_with_the_reason() -> None:
    found = due("Mars/Olympus_Mons", at(2026, 3, 10, 8))
    assert found is not None and found.due_at == at(2026, 3, 10, 8)
    assert "Mars/Olympus_Mons" in found.zone_problem
    assert due("", at(2026, 3, 10, 8)) is not None


def test_an_off_digest_is_never_due() -> None:
    assert due("Europe/London", at(2026, 3, 10, 12), frequency=OFF) is None


# Sending -----------------------------------------------------------------------

SLOT = at(2026, 3, 10, 8)  # 08:00 in London (GMT in March)
MARKER = "PRIVATE-NOTE-MARKER-4711"


def daily(person: Person, **fields: object) -> Preference:
    fields.setdefault("digest", DAILY)
    fields.setdefault("digest_hour", 8)
    preference, _ = Preference.objects.update_or_create(person=person, defaults=fields)
    return preference


@pytest.fixture
def busy(maya: Person, ravi: Person, sam: Person) -> Person:
    """Maya (London): an action item in her mentorship, a private note, and Sam's request."""
    relationship = RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, status_changed_at=SLOT - dt.timedelta(days=3)
    )
    ActionItemFactory(relationship=relationship, title="Draft the team charter")
    NoteFactory(relationship=relationship, author=maya, body=MARKER)
    RelationshipFactory(
        mentee=sam,
        mentor=maya,
        created_by=sam,
        status=Relationship.Status.ASKED,
        mentor_consented_at=None,
        asked_at=SLOT - dt.timedelta(days=1),
        status_changed_at=SLOT - dt.timedelta(days=1),
    )
    daily(maya)
    return maya


def digests() -> list[Message]:
    return list(Message.objects.filter(kind=Message.Kind.DIGEST).order_by("key"))


def test_the_digest_arrives_with_today_and_a_one_click_unsubscribe(
    busy: Person, smtp_server: SmtpServer
) -> None:
    assert send_digests.call(slot=SLOT.isoformat()) == 1
    [mail] = smtp_server.messages()
    assert mail["To"] == "maya@example.com"
    count = len(today_for(person=busy, now=SLOT).items)  # with "schedule the next meeting"
    assert mail["Subject"] == f"Tribe: {count} things wait for you"
    # A long address is folded onto the next header line: unfold it.
    unsubscribe = "".join(str(mail["List-Unsubscribe"]).split())
    assert unsubscribe.startswith("<http://localhost:8000/unsubscribe/") and unsubscribe[-1] == ">"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    for body in (text, html):
        assert "Hello Maya," in body
        assert "Draft the team charter" in body
        assert "Answer Sam Okafor" in body
        assert "/profile/notifications/" in body
        assert unsubscribe[1:-1] in body
        assert MARKER not in body
    assert MARKER not in mail.as_string()
    [message] = digests()
    assert message.key == f"digest:{busy.pk}:2026-03-10"
    assert message.status == Message.Status.SENT


def test_html_is_escaped(busy: Person, smtp_server: SmtpServer) -> None:
    ActionItemFactory(
        relationship=Relationship.objects.get(mentee=busy), title="<script>alert(1)</script>"
    )
    send_digests.call(slot=SLOT.isoformat())
    [mail] = smtp_server.messages()
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_running_twice_or_side_by_side_sends_one_digest(
    busy: Person, smtp_server: SmtpServer
) -> None:
    send_digests.call(slot=SLOT.isoformat())
    send_digests.call(slot=SLOT.isoformat())
    send_digests.call(slot=(SLOT + dt.timedelta(minutes=15)).isoformat())
    # A chunk task handed the same person again (two workers, a retried task).
    assert send_digest_chunk.call(person_ids=[busy.pk], slot=SLOT.isoformat()) == 0
    # Two workers that both found the digest missing and both queue it: one row.
    today = today_for(person=busy, now=SLOT)
    from tribe.notifications.digest_timing import digest_due_for

    timing = digest_due_for(
        preference=busy.notification_preference, zone_name=busy.timezone, now=SLOT
    )
    assert timing is not None
    first = Composer().queue(busy, today, timing, [("email", "", "")])
    second = Composer().queue(busy, today, timing, [("email", "", "")])
    assert first == second
    assert len(digests()) == 1
    assert len(smtp_server.messages()) == 1


def test_a_missed_slot_is_made_up_for_the_same_day(busy: Person, smtp_server: SmtpServer) -> None:
    # Workers ran at 06:45, then none until 11:00: the 08:00 digest goes out at 11:00.
    ScheduledSlot.objects.create(job="digests", slot=at(2026, 3, 10, 6, 45), started_by="w")
    late = at(2026, 3, 10, 11)
    ScheduledSlot.objects.create(job="digests", slot=late, started_by="w")
    assert send_digests.call(slot=late.isoformat()) == 1
    assert len(smtp_server.messages()) == 1
    # The next day's digest is the next day's: nothing on the night before.
    assert send_digests.call(slot=at(2026, 3, 10, 23, 45).isoformat()) == 0


def test_slots_that_ran_are_not_looked_over_again_for_long(
    busy: Person, smtp_server: SmtpServer
) -> None:
    # Every slot ran; at 11:00 the 08:00 digest is past the lookback: not re-checked
    # (an empty Today at 08:00 is not composed again all day).
    moment = at(2026, 3, 10, 6)
    while moment <= at(2026, 3, 10, 11):
        ScheduledSlot.objects.create(job="digests", slot=moment, started_by="w")
        moment += dt.timedelta(minutes=15)
    assert send_digests.call(slot=at(2026, 3, 10, 11).isoformat()) == 0
    assert send_digests.call(slot=at(2026, 3, 10, 8, 45).isoformat()) == 1


def test_nobody_due_gets_nothing_early(busy: Person, smtp_server: SmtpServer) -> None:
    assert send_digests.call(slot=at(2026, 3, 10, 7, 45).isoformat()) == 0
    assert smtp_server.messages() == []


def test_an_opted_out_person_gets_none(busy: Person, smtp_server: SmtpServer) -> None:
    daily(busy, digest=OFF)
    assert send_digests.call(slot=SLOT.isoformat()) == 0
    assert digests() == [] and smtp_server.messages() == []


def test_an_inactive_or_unverified_person_gets_no_mail(
    busy: Person, smtp_server: SmtpServer
) -> None:
    Person.objects.filter(pk=busy.pk).update(email_verified_at=None)
    assert send_digests.call(slot=SLOT.isoformat()) == 0
    Person.objects.filter(pk=busy.pk).update(email_verified_at=SLOT, is_active=False)
    assert send_digests.call(slot=SLOT.isoformat()) == 0
    assert smtp_server.messages() == []


def test_an_empty_today_sends_nothing(maya: Person, smtp_server: SmtpServer) -> None:
    daily(maya)
    assert send_digests.call(slot=SLOT.isoformat()) == 1  # due, then found empty
    assert digests() == [] and smtp_server.messages() == []


def test_the_default_is_weekly_on_monday_morning(busy: Person, smtp_server: SmtpServer) -> None:
    Preference.objects.filter(person=busy).delete()
    assert send_digests.call(slot=SLOT.isoformat()) == 0  # a Tuesday: caught up? no, not in window
    monday = at(2026, 3, 9, 8)
    assert send_digests.call(slot=monday.isoformat()) == 1
    [message] = digests()
    assert message.key == f"digest:{busy.pk}:2026-W11"


def test_a_chat_copy_goes_to_the_persons_webhook(busy: Person, smtp_server: SmtpServer) -> None:
    # A webhook nobody answers: the copy is queued and retried, the e-mail is sent.
    daily(busy, slack_webhook="https://127.0.0.1:9/hook")
    send_digests.call(slot=SLOT.isoformat())
    email, slack = digests()
    assert slack.key == email.key + ":slack" and slack.channel == Message.Channel.SLACK
    assert slack.to == "https://127.0.0.1:9/hook" and slack.body_html == ""
    assert "Draft the team charter" in slack.body_text
    assert slack.status in (Message.Status.QUEUED, Message.Status.FAILED)
    assert len(smtp_server.messages()) == 1


def test_a_zone_gone_from_the_database_is_read_as_utc(
    busy: Person, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    Person.objects.filter(pk=busy.pk).update(timezone="Mars/Olympus_Mons")
    assert send_digests.call(slot=SLOT.isoformat()) == 1
    assert len(smtp_server.messages()) == 1
    assert "unknown time zone" in caplog.text


def test_people_in_several_zones_each_get_theirs_at_their_morning(
    db: None, smtp_server: SmtpServer
) -> None:
    zones = {
        "Europe/London": at(2026, 3, 10, 8),
        "America/New_York": at(2026, 3, 10, 12),  # EDT since 8 March
        "Asia/Kolkata": at(2026, 3, 10, 2, 30),
        "Pacific/Auckland": at(2026, 3, 9, 19),
    }
    people = {}
    for zone in zones:
        person = PersonFactory(timezone=zone)
        ActionItemFactory(relationship=RelationshipFactory(mentee=person), title=f"item {zone}")
        daily(person)
        people[zone] = person
    for zone, moment in sorted(zones.items(), key=lambda z: z[1]):
        send_digests.call(slot=moment.isoformat())
        arrived = {m["To"] for m in smtp_server.messages()}
        assert people[zone].email in arrived
    assert len(smtp_server.messages()) == 4


def test_the_scheduler_runs_the_digest_every_fifteen_minutes() -> None:
    [job] = [job for job in JOBS if job.name == "digests"]
    assert job.period == dt.timedelta(minutes=15)
    assert job.task == "tribe.notifications.digests:send_digests"

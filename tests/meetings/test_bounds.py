"""Bounds on meetings: dates Tribe can compute with, series judged outside the write lock."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils.formats import date_format

from tests.factories import MeetingFactory, RelationshipFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import ValidationError
from tribe.ledger import prep
from tribe.meetings import recurrence, services
from tribe.meetings.errors import MeetingCode
from tribe.meetings.models import ActionItem, Meeting, MeetingSeries
from tribe.meetings.scheduling import Party, Window, propose_slots
from tribe.relationships.models import Relationship

FAR = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts", "field"),
    [
        (FAR - dt.timedelta(hours=1), "starts_at"),
        (dt.datetime(1, 1, 1, 12, tzinfo=dt.UTC), "starts_at"),
        (dt.datetime(2201, 1, 1, tzinfo=dt.UTC), "starts_at"),
    ],
)
def test_meeting_times_beyond_the_calendar_are_refused(
    maya_ravi: Relationship, starts: dt.datetime, field: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=maya_ravi.mentee,
            relationship=maya_ravi,
            starts_at=starts,
            ends_at=min(starts + dt.timedelta(minutes=30), FAR),
            status="held" if starts.year < 2000 else "planned",
        )
    assert (exc.value.field, exc.value.message) == (field, CoreCode.MOMENT_RANGE.template)
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_an_end_beyond_the_calendar_is_refused_on_its_field(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    starts = dt.datetime(2200, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-12)))
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=maya_ravi.mentee,
            relationship=maya_ravi,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),  # 2201-01-01 01:00 in its own zone
            now=now,
        )
    assert (exc.value.field, exc.value.message) == ("ends_at", CoreCode.MOMENT_RANGE.template)


@pytest.mark.django_db
def test_an_action_item_due_in_9999_is_refused(maya_ravi: Relationship) -> None:
    with pytest.raises(ValidationError) as exc:
        services.action_item_create(
            actor=maya_ravi.mentee,
            relationship=maya_ravi,
            title="Someday",
            due_on=dt.date(9999, 12, 31),
        )
    assert (exc.value.field, exc.value.message) == ("due_on", CoreCode.DATE_RANGE.template)
    item = services.action_item_create(
        actor=maya_ravi.mentee, relationship=maya_ravi, title="Soon", due_on=dt.date(2200, 12, 31)
    )
    with pytest.raises(ValidationError):
        services.action_item_update(
            actor=maya_ravi.mentee,
            item=item,
            title="Soon",
            owner="mentee",
            due_on=dt.date(1, 1, 1),
        )
    assert ActionItem.objects.get().due_on == dt.date(2200, 12, 31)


def _series(relationship: Relationship, rule: str, **kw: Any) -> MeetingSeries:
    args: dict[str, Any] = {
        "actor": relationship.mentee,
        "relationship": relationship,
        "first_date": dt.date(2026, 4, 7),
        "start_time": dt.time(9),
        "duration_minutes": 45,
        "rrule": rule,
        "timezone": "Europe/London",
        "now": dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC),
    } | kw
    return services.series_create(**args)


@pytest.mark.django_db
def test_a_series_on_9999_12_31_is_refused_on_the_first_date(maya_ravi: Relationship) -> None:
    with pytest.raises(ValidationError) as exc:
        _series(maya_ravi, "FREQ=WEEKLY;COUNT=2", first_date=dt.date(9999, 12, 31))
    assert (exc.value.field, exc.value.message) == ("first_date", CoreCode.DATE_RANGE.template)
    assert not MeetingSeries.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;COUNT=104", "FREQ=WEEKLY;UNTIL=22020101T000000Z", "FREQ=YEARLY;COUNT=2"]
)
def test_a_series_running_past_the_calendar_is_refused_on_its_rule(
    maya_ravi: Relationship, rule: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        _series(maya_ravi, rule, first_date=dt.date(2200, 12, 20))
    assert (exc.value.field, exc.value.message) == ("rrule", CoreCode.MOMENT_RANGE.template)
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_series_may_end_on_the_last_day_of_the_calendar(maya_ravi: Relationship) -> None:
    series = _series(maya_ravi, "FREQ=WEEKLY;COUNT=2", first_date=dt.date(2200, 12, 24))
    last = series.occurrences.order_by("starts_at").last()
    assert last is not None and last.starts_at.date() == dt.date(2200, 12, 31)


@pytest.mark.django_db
def test_a_never_matching_rule_is_refused_quickly_and_writes_nothing(
    maya_ravi: Relationship,
) -> None:
    started = time.process_time()
    with pytest.raises(ValidationError) as exc:
        _series(maya_ravi, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1")
    assert time.process_time() - started < 0.5
    assert exc.value.field == "rrule"
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_rule_of_the_column_length_is_stored_whole_on_this_database(
    maya_ravi: Relationship,
) -> None:
    """varchar(500) on PostgreSQL: a longer value would fail there, not on SQLite."""
    base = "FREQ=WEEKLY;COUNT=3;BYDAY=TU;INTERVAL=1"
    rule = base.replace("=1", "=" + "0" * (recurrence.MAX_RULE_LENGTH - len(base)) + "1")
    series = _series(maya_ravi, rule)
    series.refresh_from_db()
    assert series.rrule == rule and len(series.rrule) == recurrence.MAX_RULE_LENGTH
    assert series.occurrences.count() == 3
    with pytest.raises(ValidationError) as exc:
        _series(maya_ravi, rule + "0")
    assert exc.value.field == "rrule"


@pytest.mark.django_db(transaction=True)
def test_the_rule_is_judged_and_expanded_before_the_transaction_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite the transaction takes the write lock at BEGIN: no rule may be judged inside."""
    relationship = RelationshipFactory()
    seen: list[bool] = []
    real: Callable[..., list[dt.datetime]] = services.expand

    def watching(**kwargs: Any) -> list[dt.datetime]:
        seen.append(connection.in_atomic_block)
        return real(**kwargs)

    monkeypatch.setattr(services, "expand", watching)
    series = _series(relationship, "FREQ=WEEKLY;COUNT=3")
    assert seen == [False]
    assert series.occurrences.count() == 3
    with pytest.raises(ValidationError):
        _series(relationship, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1")
    assert seen == [False, False]


# -- arithmetic on what is already stored ------------------------------------------


@pytest.mark.django_db
def test_the_follow_up_draft_of_a_meeting_in_9999_does_not_overflow(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    """Stored before the bounds existed: the "meet again around" date saturates."""
    Relationship.objects.filter(pk=maya_ravi.pk).update(cadence_days=366)
    maya_ravi.refresh_from_db()
    starts = dt.datetime(9999, 12, 20, 9, tzinfo=dt.UTC)
    meeting = MeetingFactory(
        relationship=maya_ravi,
        status="held",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    draft = prep.follow_up_draft(person=maya_ravi.mentee, meeting=meeting, now=now)
    assert "Shall we meet again around 31 December?" in draft


def _party(name: str, zone: str) -> Party:
    return Party(name, zone, (Window(1, dt.time(9), dt.time(17)),))


@pytest.mark.parametrize(
    "earliest",
    [
        dt.datetime(9999, 12, 31, tzinfo=dt.UTC),  # a due date saturated at date.max
        dt.datetime(2201, 1, 1, tzinfo=dt.UTC),
        dt.datetime(1, 1, 2, tzinfo=dt.UTC),
    ],
)
def test_slots_are_not_searched_beyond_the_calendar(earliest: dt.datetime) -> None:
    with pytest.raises(ValidationError) as exc:
        propose_slots(
            parties=[_party("Maya", "Europe/London"), _party("Ravi", "Pacific/Kiritimati")],
            earliest=earliest,
            minutes=45,
        )
    assert exc.value.field == "earliest"
    shown = date_format(earliest, "PADDED_DATE_FORMAT")  # "02 Jan 0001", not Python's "1"
    assert exc.value.message == MeetingCode.EARLIEST_RANGE.template.format(start=shown)


@pytest.mark.parametrize(
    ("days", "minutes", "field"), [(10**6, 45, "days"), (21, 10**9, "minutes")]
)
def test_the_search_window_and_the_length_are_bounded(days: int, minutes: int, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        propose_slots(
            parties=[_party("Maya", "Europe/London")],
            earliest=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            minutes=minutes,
            days=days,
        )
    assert exc.value.field == field

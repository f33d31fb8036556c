"""/api/meetings: meetings, their agenda and follow-up, and recurring series over the API."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import (
    ActionItemFactory,
    ContactFactory,
    MeetingFactory,
    NoteFactory,
    RelationshipFactory,
)
from tests.programme_fixtures import enrol
from tribe.meetings.models import Meeting, MeetingSeries
from tribe.meetings.recurrence import REPEATS
from tribe.programs.models import Role

PARIS = dt.timezone(dt.timedelta(hours=1))


def later(days: int, hour: int = 9, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    """A moment ``days`` from today: the services judge "upcoming" by the real clock."""
    day = timezone.now().date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def body(relationship, start: dt.datetime, minutes: int = 45, **more):  # type: ignore[no-untyped-def]
    return {
        "relationship": relationship.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(minutes=minutes)).isoformat(),
        **more,
    }


def test_plan_read_change_mark_and_delete_a_meeting(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    mine = api_as(maya)
    start = later(5, tz=PARIS)
    made = mine.post("/api/meetings", body(maya_ravi, start, title="Roadmap", location="Zoom"))
    assert made.status_code == 201, made.content
    meeting = made.json_body
    # Sent with +01:00, answered in UTC.
    assert meeting["starts_at"] == start.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    assert meeting["timezone"] == "Europe/London"  # mine, when not given
    assert meeting["status"] == "planned" and meeting["agenda"] == ""
    assert meeting["counterpart"] == {"id": ravi.pk, "name": "Ravi Menon"}

    theirs = api_as(ravi).get(f"/api/meetings/{meeting['id']}")
    assert theirs.status_code == 200
    assert theirs.json_body["counterpart"] == {"id": maya.pk, "name": "Maya Chen"}
    assert theirs.json_body["notes"] == [] and theirs.json_body["action_items"] == []

    changed = api_as(ravi).patch(f"/api/meetings/{meeting['id']}", {"title": "Roadmap v2"})
    assert changed.status_code == 200, changed.content
    assert changed.json_body["title"] == "Roadmap v2"
    assert changed.json_body["location"] == "Zoom"  # left out, so kept
    assert changed.json_body["starts_at"] == meeting["starts_at"]

    cancelled = mine.post(f"/api/meetings/{meeting['id']}/status", {"status": "cancelled"})
    assert cancelled.status_code == 200
    assert cancelled.json_body["status"] == "cancelled"

    assert mine.delete(f"/api/meetings/{meeting['id']}").status_code == 204
    assert not Meeting.objects.exists()


def test_reading_a_meeting_shows_its_notes_i_may_read_and_its_action_items(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, maya_ravi
) -> None:
    meeting = MeetingFactory(relationship=maya_ravi)
    private = NoteFactory(relationship=maya_ravi, meeting=meeting, author=maya, body="just mine")
    shared = NoteFactory(
        relationship=maya_ravi, meeting=meeting, author=maya, body="ours", visibility="shared"
    )
    NoteFactory(relationship=maya_ravi, author=maya, body="not about it", visibility="shared")
    item = ActionItemFactory(relationship=maya_ravi, meeting=meeting, title="Write it up")
    ActionItemFactory(relationship=maya_ravi, title="Elsewhere")

    hers = api_as(maya).get(f"/api/meetings/{meeting.pk}").json_body
    assert sorted(n["id"] for n in hers["notes"]) == sorted([private.pk, shared.pk])
    assert [a["id"] for a in hers["action_items"]] == [item.pk]

    his = api_as(ravi).get(f"/api/meetings/{meeting.pk}")
    assert [n["body"] for n in his.json_body["notes"]] == ["ours"]
    assert "just mine" not in his.content.decode()


def test_list_filters_by_relationship_window_time_and_status(  # type: ignore[no-untyped-def]
    api_as, maya, maya_ravi, sam_maya
) -> None:
    past = MeetingFactory(
        relationship=maya_ravi, starts_at=later(-3), status=Meeting.Status.HELD, title="past"
    )
    older = MeetingFactory(
        relationship=maya_ravi, starts_at=later(-10), status=Meeting.Status.HELD, title="older"
    )
    soon = MeetingFactory(relationship=maya_ravi, starts_at=later(2), title="soon")
    later_on = MeetingFactory(relationship=maya_ravi, starts_at=later(20), title="later")
    with_sam = MeetingFactory(relationship=sam_maya, starts_at=later(4), title="sam")
    MeetingFactory(title="not mine")
    client = api_as(maya)

    def titles(**query):  # type: ignore[no-untyped-def]
        response = client.get("/api/meetings", **query)
        assert response.status_code == 200, response.content
        return [m["title"] for m in response.json_body["items"]]

    assert titles() == ["older", "past", "soon", "sam", "later"]
    assert titles(relationship=maya_ravi.pk) == ["older", "past", "soon", "later"]
    assert titles(when="upcoming") == ["soon", "sam", "later"]
    assert titles(when="past") == ["past", "older"]  # the latest first
    assert titles(status="held") == ["older", "past"]
    window = {"since": later(-3).isoformat(), "until": later(4).isoformat()}
    assert titles(**window) == ["past", "soon"]  # since included, until not
    assert titles(until=later(0).isoformat(), relationship=sam_maya.pk) == []
    first = client.get("/api/meetings", limit=2, offset=1).json_body
    assert [m["id"] for m in first["items"]] == [past.pk, soon.pk]
    assert first["count"] == 5 and first["next_offset"] == 3
    assert {m["id"] for m in client.get("/api/meetings", offset=3).json_body["items"]} == {
        with_sam.pk,
        later_on.pk,
    }
    assert older.pk  # listed above, by its title


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"since": "9999-12-31T23:00:00-05:00"}, "since"),
        ({"until": "0001-01-01T00:00:00+05:00"}, "until"),
        ({"since": "2026-03-10T09:00:00"}, "since"),  # no offset
        ({"since": "2026-03-10T09:00:00Z", "until": "2026-03-09T09:00:00Z"}, "until"),
        ({"when": "soon"}, "when"),
        ({"relationship": 2**63}, "relationship"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_a_bad_filter_names_the_field(api_as, maya, query, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).get("/api/meetings", **query)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": -30}, "ends_at"),  # ends before it starts
        ({"minutes": 0}, "ends_at"),
        ({"minutes": 13 * 60}, "ends_at"),
        ({"starts_at": "9999-12-31T10:00:00-05:00"}, "starts_at"),
        ({"ends_at": "9999-12-31T23:59:59-12:00"}, "ends_at"),
        ({"starts_at": "1899-12-31T10:00:00+00:00"}, "starts_at"),
        ({"starts_at": "2030-03-10T09:00:00"}, "starts_at"),  # no offset
        ({"ends_at": "tomorrow"}, "ends_at"),
        ({"title": "x" * 201}, "title"),
        ({"location": "a\x00b"}, "location"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"status": "finished"}, "status"),
        ({"status": "held"}, "status"),  # it has not happened yet
        ({"relationship": 0}, "relationship"),
        ({"relationship": "one"}, "relationship"),
        ({"starts_at": None}, "starts_at"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, maya_ravi, change, field
) -> None:
    sent = body(maya_ravi, later(5), minutes=change.pop("minutes", 45))
    sent.update(change)
    response = api_as(maya).post("/api/meetings", sent)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Meeting.objects.exists()


def test_a_planned_meeting_must_be_upcoming_and_a_past_one_can_be_recorded(  # type: ignore[no-untyped-def]
    api_as, maya, maya_ravi
) -> None:
    client = api_as(maya)
    refused = client.post("/api/meetings", body(maya_ravi, later(-2)))
    assert refused.status_code == 422
    assert (refused.json_body["code"], refused.json_body["field"]) == ("past_planned", "starts_at")
    held = client.post("/api/meetings", body(maya_ravi, later(-2), status="held"))
    assert held.status_code == 201
    assert held.json_body["status"] == "held"


def test_a_change_is_checked_whole_and_a_null_is_refused(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingFactory(relationship=maya_ravi, starts_at=later(5))
    client = api_as(maya)
    earlier_end = client.patch(f"/api/meetings/{meeting.pk}", {"ends_at": later(4).isoformat()})
    assert earlier_end.status_code == 422
    assert earlier_end.json_body["field"] == "ends_at"
    for field in ("starts_at", "ends_at", "status"):
        refused = client.patch(f"/api/meetings/{meeting.pk}", {field: None})
        assert refused.status_code == 422, (field, refused.content)
        assert refused.json_body["field"] == field
    emptied = client.patch(f"/api/meetings/{meeting.pk}", {"title": None})
    assert emptied.status_code == 200 and emptied.json_body["title"] == ""
    moved = client.patch(
        f"/api/meetings/{meeting.pk}",
        {"starts_at": later(6).isoformat(), "ends_at": later(6, hour=10).isoformat()},
    )
    assert moved.status_code == 200
    meeting.refresh_from_db()
    assert meeting.starts_at == later(6) and meeting.sequence == 2  # two changes made


def test_no_meeting_before_the_other_person_accepts(api_as, maya, eve) -> None:  # type: ignore[no-untyped-def]
    asked = RelationshipFactory(mentee=maya, mentor=eve, created_by=maya, status="asked")
    response = api_as(maya).post("/api/meetings", body(asked, later(5)))
    assert response.status_code == 409
    assert response.json_body["code"] == "not_mutual"
    # Eve has not said yes: the relationship is not hers to see.
    assert api_as(eve).post("/api/meetings", body(asked, later(5))).status_code == 404
    assert not Meeting.objects.exists()


def test_nobody_outside_the_relationship_sees_or_changes_a_meeting(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, eve, ada, programme, maya_ravi
) -> None:
    enrol(programme, Role.MENTEE, person=maya)
    enrol(programme, Role.MENTOR, person=ravi)
    meeting = MeetingFactory(relationship=maya_ravi, title="Private chat")
    for outsider in (eve, ada):
        client = api_as(outsider)
        assert client.get("/api/meetings").json_body["count"] == 0
        for method, path, sent in [
            ("GET", f"/api/meetings/{meeting.pk}", None),
            ("GET", f"/api/meetings/{meeting.pk}/agenda", None),
            ("PATCH", f"/api/meetings/{meeting.pk}", {"title": "Mine"}),
            ("POST", f"/api/meetings/{meeting.pk}/status", {"status": "cancelled"}),
            ("PUT", f"/api/meetings/{meeting.pk}/agenda", {"agenda": "Mine"}),
            ("POST", f"/api/meetings/{meeting.pk}/follow-up", None),
            ("DELETE", f"/api/meetings/{meeting.pk}", None),
        ]:
            response = client.request(method, path, sent)
            assert response.status_code == 404, (outsider, method, path)
            assert response.json_body["code"] == "meeting_not_found"
        made = client.post("/api/meetings", body(maya_ravi, later(5)))
        assert made.status_code == 404
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status, meeting.agenda) == ("Private chat", "planned", "")
    assert Meeting.objects.count() == 1


def test_the_agenda_is_built_edited_and_reset(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingFactory(relationship=maya_ravi)
    NoteFactory(relationship=maya_ravi, meeting=meeting, author=maya, body="my private worry")
    ActionItemFactory(relationship=maya_ravi, title="Read the book", owner="mentee")
    built = api_as(ravi).get(f"/api/meetings/{meeting.pk}/agenda")
    assert built.status_code == 200
    assert built.json_body["edited"] is False and built.json_body["meeting_id"] == meeting.pk
    assert "Learn to lead" in built.json_body["markdown"]  # the purpose
    assert "Read the book" in built.json_body["markdown"]
    assert "my private worry" not in built.content.decode()

    edited = api_as(maya).put(f"/api/meetings/{meeting.pk}/agenda", {"agenda": "# Just Q3\n"})
    assert edited.status_code == 200
    assert edited.json_body == {"meeting_id": meeting.pk, "markdown": "# Just Q3", "edited": True}
    assert api_as(ravi).get(f"/api/meetings/{meeting.pk}").json_body["agenda"] == "# Just Q3"

    reset = api_as(ravi).put(f"/api/meetings/{meeting.pk}/agenda", {"agenda": ""})
    assert reset.json_body["edited"] is False
    assert "Learn to lead" in reset.json_body["markdown"]

    too_long = api_as(maya).put(f"/api/meetings/{meeting.pk}/agenda", {"agenda": "x" * 20001})
    assert too_long.status_code == 422 and too_long.json_body["field"] == "agenda"


def test_the_follow_up_is_recorded_after_the_meeting_only(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    done = MeetingFactory(relationship=maya_ravi, starts_at=later(-1))
    recorded = client.post(f"/api/meetings/{done.pk}/follow-up")
    assert recorded.status_code == 200, recorded.content
    assert recorded.json_body["status"] == "held"  # following up says it happened
    assert recorded.json_body["follow_up_sent_at"] is not None

    upcoming = MeetingFactory(relationship=maya_ravi, starts_at=later(3))
    early = client.post(f"/api/meetings/{upcoming.pk}/follow-up")
    assert early.status_code == 422
    assert early.json_body["code"] == "follow_up_too_early"
    off = MeetingFactory(relationship=maya_ravi, starts_at=later(-1), status="cancelled")
    assert client.post(f"/api/meetings/{off.pk}/follow-up").json_body["code"] == (
        "follow_up_cancelled"
    )
    upcoming.refresh_from_db()
    assert upcoming.follow_up_sent_at is None


def test_marking_a_meeting_keeps_to_its_time(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    upcoming = MeetingFactory(relationship=maya_ravi, starts_at=later(3))
    held = client.post(f"/api/meetings/{upcoming.pk}/status", {"status": "held"})
    assert held.status_code == 422
    assert (held.json_body["code"], held.json_body["field"]) == ("future_held", "status")
    bad = client.post(f"/api/meetings/{upcoming.pk}/status", {"status": "postponed"})
    assert bad.status_code == 422 and bad.json_body["field"] == "status"
    past = MeetingFactory(relationship=maya_ravi, starts_at=later(-3))
    assert client.post(f"/api/meetings/{past.pk}/status", {"status": "held"}).status_code == 200


# Series ----------------------------------------------------------------------------


def series_body(relationship, **more):  # type: ignore[no-untyped-def]
    return {
        "relationship": relationship.pk,
        "first_date": later(7).date().isoformat(),
        "start_time": "09:00",
        "duration_minutes": 45,
        "timezone": "Europe/Paris",
        **more,
    }


def test_the_repeats_offered_are_the_pages_ones() -> None:
    from tribe.api.meetings import Repeat

    assert set(Repeat.__args__) == set(REPEATS)  # type: ignore[attr-defined]


def test_plan_read_and_cancel_a_series(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    made = api_as(maya).post(
        "/api/meetings/series", series_body(maya_ravi, repeat="biweekly", count=3, title="1:1")
    )
    assert made.status_code == 201, made.content
    series = made.json_body
    assert series["rrule"] == "FREQ=WEEKLY;INTERVAL=2;COUNT=3"
    assert series["start_time"] == "09:00:00" and series["timezone"] == "Europe/Paris"
    assert len(series["meeting_ids"]) == 3 and series["cancelled_at"] is None
    listed = api_as(ravi).get("/api/meetings", relationship=maya_ravi.pk).json_body["items"]
    assert [m["id"] for m in listed] == series["meeting_ids"]
    assert {m["series_id"] for m in listed} == {series["id"]}
    paris = [
        dt.datetime.fromisoformat(m["starts_at"]).astimezone(ZoneInfo("Europe/Paris"))
        for m in listed
    ]
    assert {start.time() for start in paris} == {dt.time(9)}  # across a change of the clocks too
    assert (paris[1].date() - paris[0].date()).days == 14

    assert api_as(ravi).get(f"/api/meetings/series/{series['id']}").json_body == series
    cancelled = api_as(ravi).post(f"/api/meetings/series/{series['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json_body["cancelled_at"] is not None
    assert set(Meeting.objects.values_list("status", flat=True)) == {"cancelled"}


def test_a_series_by_rule_or_by_the_agreed_cadence(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    ruled = client.post(
        "/api/meetings/series", series_body(maya_ravi, rrule="freq=monthly; count=2", count=9)
    )
    assert ruled.status_code == 201, ruled.content
    assert ruled.json_body["rrule"] == "FREQ=MONTHLY;COUNT=2"  # the rule replaces the count
    maya_ravi.cadence_days = 7
    maya_ravi.save()
    by_cadence = client.post("/api/meetings/series", series_body(maya_ravi, count=2))
    assert by_cadence.json_body["rrule"] == "FREQ=WEEKLY;COUNT=2"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({}, "count"),  # neither a count nor a rule
        ({"rrule": "  "}, "count"),
        ({"count": 105}, "count"),
        ({"count": 0}, "count"),
        ({"count": 3, "repeat": "daily"}, "repeat"),
        ({"rrule": "FREQ=WEEKLY"}, "rrule"),  # never ends
        ({"rrule": "FREQ=HOURLY;COUNT=3"}, "rrule"),
        ({"rrule": "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2"}, "rrule"),
        ({"rrule": "nonsense"}, "rrule"),
        ({"rrule": "F" * 501}, "rrule"),
        ({"count": 3, "start_time": "09:00:00+01:00"}, "start_time"),
        ({"count": 3, "start_time": "25:00"}, "start_time"),
        ({"count": 3, "first_date": "9999-01-01"}, "first_date"),
        ({"count": 3, "first_date": "2020-01-01"}, "first_date"),  # in the past
        ({"count": 3, "duration_minutes": 4}, "duration_minutes"),
        ({"count": 3, "duration_minutes": 10**30}, "duration_minutes"),
        ({"count": 3, "timezone": "Nowhere/Land"}, "timezone"),
        ({"count": 3, "title": "x" * 201}, "title"),
    ],
)
def test_a_bad_series_names_the_field_and_plans_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, maya_ravi, change, field
) -> None:
    response = api_as(maya).post("/api/meetings/series", series_body(maya_ravi, **change))
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()


def test_a_series_waits_for_the_other_persons_yes_and_is_theirs_alone(  # type: ignore[no-untyped-def]
    api_as, maya, eve, maya_ravi
) -> None:
    asked = RelationshipFactory(mentee=maya, mentor=eve, created_by=maya, status="asked")
    refused = api_as(maya).post("/api/meetings/series", series_body(asked, count=3))
    assert refused.status_code == 409
    made = api_as(maya).post("/api/meetings/series", series_body(maya_ravi, count=3))
    series_id = made.json_body["id"]
    assert api_as(eve).get(f"/api/meetings/series/{series_id}").status_code == 404
    assert api_as(eve).post(f"/api/meetings/series/{series_id}/cancel").status_code == 404
    assert not MeetingSeries.objects.get(pk=series_id).cancelled_at


def test_a_meeting_with_a_contact_names_them_without_an_id(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    grace = ContactFactory(owner=maya, name="Grace Hopper")
    with_grace = RelationshipFactory(mentee=maya, mentor=None, mentor_contact=grace)
    made = api_as(maya).post("/api/meetings", body(with_grace, later(3)))
    assert made.status_code == 201, made.content
    assert made.json_body["counterpart"] == {"id": None, "name": "Grace Hopper"}
    listed = api_as(maya).get("/api/meetings").json_body["items"]
    assert [m["counterpart"]["name"] for m in listed] == ["Grace Hopper"]

import datetime as dt

from django.utils import timezone

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tests.factories import MeetingFactory, RelationshipFactory
from tribe.meetings.models import Meeting
from tribe.meetings.services import series_create
from tribe.relationships.models import Relationship


def _later(days: int, hour: int = 9) -> dt.datetime:
    """A moment ``days`` from now (the services judge "upcoming" by the real clock)."""
    day = timezone.now().date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _more_meetings(world: World) -> None:
    for days in (3, 10, 17):
        MeetingFactory(relationship_id=world["relationship"], starts_at=_later(days))


def _past_meeting(world: World) -> dict[str, int]:
    meeting = MeetingFactory(
        relationship_id=world["relationship"], starts_at=_later(-2), status=Meeting.Status.HELD
    )
    return {"past_meeting": meeting.pk}


def _series(world: World) -> dict[str, int]:
    series = series_create(
        actor=world.people["mentee"],
        relationship=Relationship.objects.get(pk=world["relationship"]),
        first_date=_later(7).date(),
        start_time=dt.time(9),
        duration_minutes=45,
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    return {"series": series.pk}


def _asked_of_the_stranger(world: World) -> dict[str, int]:
    """Maya asked Eve to mentor her; Eve has not answered."""
    asked = RelationshipFactory(
        mentee=world.people["mentee"],
        mentor=world.people["stranger"],
        created_by=world.people["mentee"],
        status="asked",
    )
    return {"asked": asked.pk}


def _meeting_body(world: World) -> dict[str, object]:
    return {
        "relationship": world["relationship"],
        "starts_at": _later(5).isoformat(),
        "ends_at": (_later(5) + dt.timedelta(minutes=45)).isoformat(),
        "title": "Roadmap review",
    }


def _asked_body(world: World) -> dict[str, object]:
    return {**_meeting_body(world), "relationship": world["asked"]}


def _series_body(world: World) -> dict[str, object]:
    return {
        "relationship": world["relationship"],
        "first_date": _later(7).date().isoformat(),
        "start_time": "09:00",
        "duration_minutes": 45,
        "repeat": "biweekly",
        "count": 3,
    }


MEETING = "/api/meetings/{meeting}"
SERIES = "/api/meetings/series/{series}"

CASES = [
    # Everyone signed in has a list of the meetings of their relationships (an empty one too).
    Case("meeting_list", "GET", "/api/meetings", allowed=SIGNED_IN, grow=_more_meetings),
    Case(
        "meeting_list",
        "GET",
        "/api/meetings",
        query={"when": "upcoming"},
        allowed=SIGNED_IN,
        grow=_more_meetings,
        label="upcoming",
    ),
    # Planning a meeting: either side of the relationship; nobody else learns it exists.
    Case("meeting_add", "POST", "/api/meetings", body=_meeting_body, allowed=BOTH_SIDES, ok=201),
    # Until the other person says yes, a meeting would reach someone who never agreed: 409.
    Case(
        "meeting_add",
        "POST",
        "/api/meetings",
        body=_asked_body,
        prepare=_asked_of_the_stranger,
        allowed=(),
        status={"mentee": 409},
        label="not yet accepted",
    ),
    Case("meeting_read", "GET", MEETING, allowed=BOTH_SIDES),
    Case("meeting_change", "PATCH", MEETING, body={"title": "Renamed"}, allowed=BOTH_SIDES),
    Case("meeting_remove", "DELETE", MEETING, allowed=BOTH_SIDES, ok=204),
    Case(
        "meeting_mark",
        "POST",
        MEETING + "/status",
        body={"status": "cancelled"},
        allowed=BOTH_SIDES,
    ),
    Case("meeting_agenda", "GET", MEETING + "/agenda", allowed=BOTH_SIDES),
    Case(
        "meeting_agenda_set",
        "PUT",
        MEETING + "/agenda",
        body={"agenda": "# Us"},
        allowed=BOTH_SIDES,
    ),
    Case(
        "meeting_follow_up",
        "POST",
        "/api/meetings/{past_meeting}/follow-up",
        prepare=_past_meeting,
        allowed=BOTH_SIDES,
    ),
    # The world's meeting is still to come: nothing to follow up yet (422, for both sides).
    Case(
        "meeting_follow_up",
        "POST",
        MEETING + "/follow-up",
        allowed=(),
        status={"mentee": 422, "mentor": 422},
        label="too early",
    ),
    Case(
        "series_add", "POST", "/api/meetings/series", body=_series_body, allowed=BOTH_SIDES, ok=201
    ),
    Case("series_read", "GET", SERIES, prepare=_series, allowed=BOTH_SIDES),
    Case("series_cancel", "POST", SERIES + "/cancel", prepare=_series, allowed=BOTH_SIDES),
]

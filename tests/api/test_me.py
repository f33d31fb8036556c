"""/api/me: my profile, availability, export, search over my things, and security log."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.factories import ContactFactory, GoalFactory, NoteFactory
from tribe.accounts.events import record
from tribe.accounts.models import SecurityEvent
from tribe.people.models import AvailabilityWindow


def test_read_my_profile(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    body = api_as(maya).get("/api/me").json_body
    assert body["id"] == maya.pk
    assert body["email"] == "maya@example.com" and body["email_verified"] is True
    assert body["expertise"] == ["product discovery"]
    assert body["open_to_mentoring"] is True and body["mentee_capacity"] == 2
    assert "password" not in body and "is_staff" not in body


def test_change_only_the_fields_sent(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).patch(
        "/api/me",
        {
            "headline": "Product lead",
            "languages": ["English", "French"],
            "preferred_cadence_days": 14,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json_body
    assert body["headline"] == "Product lead" and body["languages"] == ["English", "French"]
    assert body["name"] == "Maya Chen" and body["timezone"] == "Europe/London"  # kept
    maya.refresh_from_db()
    assert (maya.headline, maya.preferred_cadence_days) == ("Product lead", 14)

    cleared = api_as(maya).patch("/api/me", {"preferred_cadence_days": None})
    assert cleared.json_body["preferred_cadence_days"] is None


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"name": None}, "name", "value_error"),
        ({"name": ""}, "name", "required"),
        ({"name": "Maya\nChen"}, "name", "line_break"),
        ({"headline": "x" * 201}, "headline", "string_too_long"),
        ({"headline": "bad\x00"}, "headline", "control_character"),
        ({"timezone": "Mars/Olympus"}, "timezone", "unknown_zone"),
        ({"seniority": 81}, "seniority", "less_than_equal"),
        ({"seniority": 10**30}, "seniority", "less_than_equal"),
        ({"open_to_mentoring": None}, "open_to_mentoring", "value_error"),
        ({"languages": ["x" * 101]}, "languages.0", "string_too_long"),
        ({"causes": [f"c{n}" for n in range(21)]}, "causes", "too_long"),
        # The profile page's own rule, from the service: nobody is open with no place.
        ({"mentee_capacity": 0}, "mentee_capacity", "capacity_without_openness"),
    ],
)
def test_bad_profile_input_names_the_field_and_changes_nothing(  # type: ignore[no-untyped-def]
    api_as, maya, body, field, code
) -> None:
    response = api_as(maya).patch("/api/me", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert response.json_body["errors"][0]["code"] == code
    maya.refresh_from_db()
    assert (maya.name, maya.headline, maya.seniority, maya.mentee_capacity) == (
        "Maya Chen",
        "",
        0,
        2,
    )


def test_a_read_only_token_cannot_change_the_profile(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya, read_only=True).patch("/api/me", {"headline": "nope"})
    assert response.status_code == 403
    maya.refresh_from_db()
    assert maya.headline == ""


# Availability -------------------------------------------------------------------


def test_replace_and_read_my_availability(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    windows = [
        {"weekday": 2, "starts": "18:00", "ends": "19:30"},
        {"weekday": 0, "starts": "09:00", "ends": "11:00"},
    ]
    put = client.put("/api/me/availability", {"windows": windows})
    assert put.status_code == 200, put.content
    read = client.get("/api/me/availability").json_body["windows"]
    assert [(w["weekday"], w["starts"], w["ends"]) for w in read] == [
        (0, "09:00:00", "11:00:00"),
        (2, "18:00:00", "19:30:00"),
    ]
    assert client.put("/api/me/availability", {"windows": []}).json_body == {"windows": []}
    assert not AvailabilityWindow.objects.filter(person=maya).exists()


@pytest.mark.parametrize(
    ("windows", "field"),
    [
        ([{"weekday": 0, "starts": "11:00", "ends": "09:00"}], "availability[1].ends"),
        (
            [
                {"weekday": 0, "starts": "09:00", "ends": "11:00"},
                {"weekday": 0, "starts": "10:00", "ends": "12:00"},
            ],
            "availability[2].starts",
        ),
        ([{"weekday": 7, "starts": "09:00", "ends": "11:00"}], "windows.0.weekday"),
        ([{"weekday": 0, "starts": "09:00+01:00", "ends": "11:00"}], "windows.0.starts"),
        ([{"weekday": 0, "starts": "25:00", "ends": "26:00"}], "windows.0.starts"),
        ([{"weekday": 0, "starts": "09:00", "ends": "10:00"}] * 22, "windows"),
    ],
)
def test_bad_windows_are_refused_by_name_and_keep_the_old_ones(  # type: ignore[no-untyped-def]
    api_as, maya, windows, field
) -> None:
    client = api_as(maya)
    client.put(
        "/api/me/availability", {"windows": [{"weekday": 4, "starts": "08:00", "ends": "09:00"}]}
    )
    response = client.put("/api/me/availability", {"windows": windows})
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert list(
        AvailabilityWindow.objects.filter(person=maya).values_list("weekday", flat=True)
    ) == [4]


# My data ------------------------------------------------------------------------


def test_the_export_is_everything_mine_and_is_logged(api_as, maya, maya_ravi, ravi) -> None:  # type: ignore[no-untyped-def]
    ContactFactory(owner=maya, name="Lee Park")
    ContactFactory(owner=ravi, name="Ravi's own contact")
    NoteFactory(relationship=maya_ravi, author=ravi, body="ravi's private thought")
    response = api_as(maya).get("/api/me/export")
    assert response.status_code == 200
    body = response.json_body
    assert body["format"] == "tribe-person-export" and body["person"]["email"] == maya.email
    assert [c["name"] for c in body["contacts"]] == ["Lee Park"]
    assert "ravi's private thought" not in response.content.decode()
    events = SecurityEvent.objects.filter(person=maya, kind=SecurityEvent.Kind.EXPORT)
    assert events.count() == 1 and not SecurityEvent.objects.filter(person=ravi).exists()


def test_search_finds_what_i_may_read_only(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    goal = GoalFactory(person=maya, title="Pricing strategy", why="learn pricing")
    GoalFactory(person=ravi, title="Pricing for Ravi")
    contact = ContactFactory(owner=maya, name="Pat", company="Pricing Co")
    private = NoteFactory(relationship=maya_ravi, author=ravi, body="pricing is hard for her")
    response = api_as(maya).get("/api/me/search", q="pricing")
    assert response.status_code == 200, response.content
    found = {(h["kind"], h["id"]) for h in response.json_body["items"]}
    assert {("goal", goal.pk), ("contact", contact.pk)} <= found
    assert ("note", private.pk) not in found
    assert all(h["kind"] != "goal" or h["id"] == goal.pk for h in response.json_body["items"])
    hit = next(h for h in response.json_body["items"] if h["kind"] == "goal")
    assert hit["title"] == "Pricing strategy" and "pricing" in hit["snippet"].lower()


def test_search_pages(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    GoalFactory.create_batch(5, person=maya, title="Pricing")
    page = api_as(maya).get("/api/me/search", q="pricing", limit=2, offset=4).json_body
    assert (page["count"], len(page["items"]), page["next_offset"]) == (5, 1, None)


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("x" * 10_000, "string_too_long"),
        ("x" * 201, "string_too_long"),
        ("", "string_too_short"),
        ("   ", "empty_query"),
        ("price\x00", "string_pattern_mismatch"),
        ("\u202eecirp", "string_pattern_mismatch"),
    ],
)
def test_a_search_that_is_too_long_empty_or_odd_is_refused_fast(api_as, maya, q, code) -> None:  # type: ignore[no-untyped-def]
    GoalFactory(person=maya, title="Pricing")
    started = time.perf_counter()
    response = api_as(maya).get("/api/me/search", q=q)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == "q"
    assert response.json_body["errors"][0]["code"] == code
    assert time.perf_counter() - started < 2


def test_security_log_is_mine_newest_first_and_paged(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)  # its token's creation is the first event
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    for hours, kind in enumerate(("login", "logout", "password_changed")):
        record(person=maya, kind=kind, now=later + dt.timedelta(hours=hours))
    record(person=ravi, kind="login", now=later)
    first = client.get("/api/me/security-events", limit=2).json_body
    assert [e["kind"] for e in first["items"]] == ["password_changed", "logout"]
    assert (first["count"], first["next_offset"]) == (4, 2)
    assert set(first["items"][0]) == {"id", "kind", "at", "ip", "user_agent"}
    rest = client.get("/api/me/security-events", limit=2, offset=2).json_body
    assert [e["kind"] for e in rest["items"]] == ["login", "token_created"]

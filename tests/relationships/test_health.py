"""Cadence arithmetic and health states, on plain values (no database)."""

import datetime as dt

import pytest

from tribe.relationships.health import (
    Health,
    HealthInput,
    State,
    assess,
    next_contact_due,
    weeks_or_days,
)

TODAY = dt.date(2026, 3, 10)


def _assess(**overrides: object) -> Health:
    data: dict[str, object] = {
        "status": "active",
        "today": TODAY,
        "cadence_days": 28,
        "started_on": dt.date(2025, 1, 1),
        "last_contact_on": TODAY - dt.timedelta(days=7),
    } | overrides
    return assess(HealthInput(**data))  # type: ignore[arg-type]


def test_due_counts_from_the_last_real_contact_not_a_calendar_cycle() -> None:
    assert next_contact_due(
        cadence_days=28, last_contact_on=dt.date(2026, 3, 1), started_on=dt.date(2026, 1, 1)
    ) == dt.date(2026, 3, 29)
    # Talking early resets the clock: a contact on day 10 moves the due date.
    assert next_contact_due(
        cadence_days=28, last_contact_on=dt.date(2026, 3, 10), started_on=dt.date(2026, 1, 1)
    ) == dt.date(2026, 4, 7)


def test_without_contact_the_start_is_the_anchor_and_without_cadence_nothing_is_due() -> None:
    assert next_contact_due(
        cadence_days=14, last_contact_on=None, started_on=dt.date(2026, 3, 1)
    ) == dt.date(2026, 3, 15)
    assert next_contact_due(cadence_days=None, last_contact_on=TODAY, started_on=TODAY) is None


def test_snooze_pushes_the_due_date_out_never_in() -> None:
    base = {"cadence_days": 28, "last_contact_on": dt.date(2026, 3, 1), "started_on": None}
    assert next_contact_due(**base, snoozed_until=dt.date(2026, 4, 15)) == dt.date(2026, 4, 15)  # type: ignore[arg-type]
    assert next_contact_due(**base, snoozed_until=dt.date(2026, 3, 5)) == dt.date(2026, 3, 29)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days_since", "state", "reason"),
    [
        (7, State.HEALTHY, "in touch on cadence"),
        (28, State.DUE, "no contact for 4 weeks against a 4-week cadence: time to get in touch"),
        (63, State.AT_RISK, "no contact for 9 weeks against a 4-week cadence"),
        (120, State.DORMANT, "no contact for 17 weeks against a 4-week cadence"),
    ],
)
def test_states_and_their_reasons_in_words(days_since: int, state: State, reason: str) -> None:
    health = _assess(last_contact_on=TODAY - dt.timedelta(days=days_since))
    assert health.state == state
    assert health.contact == state
    assert health.reasons[0] == reason


def test_boundaries_are_exact() -> None:
    assert _assess(last_contact_on=TODAY - dt.timedelta(days=27)).state == State.HEALTHY
    assert _assess(last_contact_on=TODAY - dt.timedelta(days=56)).state == State.DUE
    assert _assess(last_contact_on=TODAY - dt.timedelta(days=57)).state == State.AT_RISK
    assert _assess(last_contact_on=TODAY - dt.timedelta(days=112)).state == State.AT_RISK
    assert _assess(last_contact_on=TODAY - dt.timedelta(days=113)).state == State.DORMANT


def test_no_contact_yet_counts_from_the_start() -> None:
    health = _assess(last_contact_on=None, started_on=TODAY - dt.timedelta(days=30))
    assert health.state == State.DUE
    assert health.reasons[0].startswith("no contact yet, 4 weeks since the start")


def test_a_snooze_quiets_contact_and_says_why() -> None:
    health = _assess(
        last_contact_on=TODAY - dt.timedelta(days=70),
        snoozed_until=TODAY + dt.timedelta(days=10),
        snooze_reason="on parental leave",
    )
    assert health.state == State.HEALTHY
    assert health.reasons == (
        f"snoozed until {TODAY + dt.timedelta(days=10):%d %b %Y}: on parental leave",
    )
    assert health.next_contact_due == TODAY + dt.timedelta(days=10)


def test_an_expired_snooze_no_longer_protects() -> None:
    health = _assess(
        last_contact_on=TODAY - dt.timedelta(days=70), snoozed_until=TODAY - dt.timedelta(days=1)
    )
    assert health.state == State.AT_RISK


def test_follow_ups_thanks_and_updates_lower_health() -> None:
    assert _assess(follow_ups_overdue=1).state == State.DUE
    assert _assess(follow_ups_overdue=2).state == State.AT_RISK
    assert (
        "2 follow-ups not sent within 2 days of the meeting"
        in _assess(follow_ups_overdue=2).reasons
    )
    thanked = _assess(unthanked=1)
    assert thanked.state == State.DUE and "1 piece of help not thanked yet" in thanked.reasons
    update = _assess(update_every_days=90, last_update_on=TODAY - dt.timedelta(days=100))
    assert update.state == State.DUE
    assert update.update_due == TODAY - dt.timedelta(days=10)
    assert "an update is due (10 days late)" in update.reasons
    very_late = _assess(update_every_days=30, last_update_on=TODAY - dt.timedelta(days=90))
    assert very_late.state == State.AT_RISK


def test_no_cadence_is_due_until_agreed() -> None:
    health = _assess(cadence_days=None)
    assert health.state == State.DUE and health.contact == State.HEALTHY
    assert health.reasons == ("no cadence agreed yet",)


@pytest.mark.parametrize("status", ["prospect", "asked", "paused", "ended", "declined"])
def test_relationships_not_running_are_inactive(status: str) -> None:
    assert _assess(status=status, last_contact_on=None).state == State.INACTIVE


def test_ended_relationships_can_still_owe_updates() -> None:
    health = _assess(
        status="ended", update_every_days=90, last_update_on=TODAY - dt.timedelta(days=91)
    )
    assert health.state == State.INACTIVE
    assert health.update_due == TODAY - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "1 day"), (10, "10 days"), (14, "2 weeks"), (63, "9 weeks"), (22, "3 weeks")],
)
def test_weeks_or_days(days: int, words: str) -> None:
    assert weeks_or_days(days) == words

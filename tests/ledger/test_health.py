"""Cadence arithmetic and health states, on plain values (no database)."""

import datetime as dt

import pytest

from tribe.ledger.health import (
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


# -- bounds: whatever is stored, health never overflows ------------------------------

FAR = dt.date.max  # 9999-12-31
EARLIEST = dt.date.min  # 0001-01-01


def test_cadence_366_from_9999_12_31_saturates_instead_of_overflowing() -> None:
    assert next_contact_due(cadence_days=366, last_contact_on=None, started_on=FAR) == FAR
    assert next_contact_due(cadence_days=366, last_contact_on=FAR, started_on=None) == FAR
    health = _assess(cadence_days=366, started_on=FAR, last_contact_on=None)
    assert health.next_contact_due == FAR
    assert health.state == State.HEALTHY  # nothing due before the end of the calendar


@pytest.mark.parametrize("status", ["active", "paused", "ended"])
def test_update_cadence_from_the_last_day_saturates(status: str) -> None:
    health = _assess(status=status, started_on=FAR, last_contact_on=None, update_every_days=366)
    assert health.update_due == FAR
    huge = _assess(status=status, last_update_on=FAR, update_every_days=10**12)
    assert huge.update_due == FAR


def test_a_start_on_0001_01_01_is_long_dormant_not_an_error() -> None:
    # A cadence stored below the constraint (zero or negative) must not underflow either.
    assert next_contact_due(cadence_days=-366, last_contact_on=EARLIEST, started_on=None) == (
        EARLIEST
    )
    health = _assess(cadence_days=366, started_on=EARLIEST, last_contact_on=None)
    assert health.next_contact_due == dt.date(2, 1, 2)
    assert health.state == State.DORMANT
    assert health.reasons[0].startswith("no contact yet, ")
    assert _assess(cadence_days=1, last_contact_on=EARLIEST).state == State.DORMANT


def test_a_snooze_until_the_last_day_and_a_today_at_the_edges() -> None:
    snoozed = _assess(snoozed_until=FAR, last_contact_on=TODAY - dt.timedelta(days=400))
    assert snoozed.state == State.HEALTHY and snoozed.next_contact_due == FAR
    at_the_end = _assess(today=FAR, cadence_days=366, started_on=FAR, last_contact_on=FAR)
    assert at_the_end.next_contact_due == FAR and at_the_end.state == State.DUE
    at_the_start = _assess(today=EARLIEST, started_on=EARLIEST, last_contact_on=None)
    assert at_the_start.state == State.HEALTHY


def test_add_days_clamps_both_ways() -> None:
    from tribe.ledger.health import add_days

    assert add_days(dt.date(2026, 1, 10), 28) == dt.date(2026, 2, 7)
    assert add_days(dt.date(2026, 1, 10), -10) == dt.date(2025, 12, 31)
    assert add_days(FAR, 1) == FAR
    assert add_days(FAR - dt.timedelta(days=1), 10**15) == FAR
    assert add_days(EARLIEST, -1) == EARLIEST
    assert add_days(dt.date(2026, 1, 1), -(10**15)) == EARLIEST

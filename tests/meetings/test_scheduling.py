"""Slot proposals across zones and daylight-saving changes (no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tribe.core.errors import ValidationError
from tribe.meetings.scheduling import NoCommonTime, Party, Window, propose_slots

TUE, THU = 1, 3
LONDON, NEW_YORK, KOLKATA = (
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kolkata"),
)


def _party(name: str, zone: str, *windows: tuple[int, int, int]) -> Party:
    return Party(name, zone, tuple(Window(d, dt.time(a), dt.time(b)) for d, a, b in windows))


def test_proposes_slots_inside_both_windows_with_each_local_time() -> None:
    maya = _party("Maya", "Europe/London", (TUE, 9, 12))
    ravi = _party("Ravi", "Asia/Kolkata", (TUE, 14, 17))
    slots = propose_slots(
        parties=[maya, ravi], earliest=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), minutes=45
    )
    assert len(slots) == 3
    first = slots[0]
    assert first.starts_at == dt.datetime(2026, 1, 6, 9, 0, tzinfo=dt.UTC)  # 14:30 in Kolkata
    assert dict(first.local)["Ravi"].strftime("%H:%M") == "14:30"
    assert dict(first.local)["Maya"].strftime("%H:%M") == "09:00"
    assert len({s.starts_at.date() for s in slots}) == 3


def test_earliest_is_respected_and_rounded_to_a_quarter() -> None:
    maya = _party("Maya", "Europe/London", (TUE, 9, 12))
    slots = propose_slots(
        parties=[maya], earliest=dt.datetime(2026, 1, 6, 9, 7, tzinfo=dt.UTC), minutes=30
    )
    assert slots[0].starts_at == dt.datetime(2026, 1, 6, 9, 15, tzinfo=dt.UTC)


def test_dst_in_one_zone_moves_the_overlap() -> None:
    # Tuesdays, London 16–18 and New York 10–13. Normally New York 10–13 is
    # London 15–18 (common: 16–18); between the US change (8 March 2026) and
    # the UK change (29 March) it is London 14–17 (common: 16–17). Each week
    # is placed in each zone's own clock, so every slot stays inside both.
    maya = _party("Maya", "Europe/London", (TUE, 16, 18))
    nia = _party("Nia", "America/New_York", (TUE, 10, 13))
    slots = propose_slots(
        parties=[maya, nia], earliest=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), minutes=60, days=35
    )
    days = [s.starts_at.astimezone(LONDON).date() for s in slots]
    assert dt.date(2026, 3, 3) in days  # before either change: NY 10–13 = London 15–18
    assert dt.date(2026, 3, 10) in days  # US changed: NY 10–13 = London 14–17 → 16–17 common
    for slot in slots:
        local = dict(slot.local)
        assert 16 <= local["Maya"].hour < 18
        assert 10 <= local["Nia"].hour < 13


def test_dst_in_both_zones_keeps_wall_clock_windows() -> None:
    # Both people keep 09:00–10:00 local all year: the proposal follows each zone's clocks.
    maya = _party("Maya", "Europe/London", (THU, 14, 15))
    nia = _party("Nia", "America/New_York", (THU, 9, 10))
    before = propose_slots(
        parties=[maya, nia], earliest=dt.datetime(2026, 2, 1, tzinfo=dt.UTC), minutes=30, count=1
    )[0]
    after = propose_slots(
        parties=[maya, nia], earliest=dt.datetime(2026, 4, 1, tzinfo=dt.UTC), minutes=30, count=1
    )[0]
    assert before.starts_at.hour == 14 and after.starts_at.hour == 13  # UTC moves by an hour
    assert dict(before.local)["Nia"].hour == dict(after.local)["Nia"].hour == 9


def test_a_window_in_the_spring_forward_gap_is_handled() -> None:
    # 01:00–02:00 London on 29 March 2026 does not exist; other Sundays it does.
    night = _party("Owl", "Europe/London", (6, 1, 2))
    slots = propose_slots(
        parties=[night], earliest=dt.datetime(2026, 3, 22, tzinfo=dt.UTC), minutes=30, days=14
    )
    assert all(
        s.starts_at.astimezone(LONDON).date() != dt.date(2026, 3, 29)
        or s.starts_at.astimezone(LONDON).hour != 1
        for s in slots
    )


def test_no_overlap_is_explained_with_the_nearest_alternatives() -> None:
    maya = _party("Maya", "Europe/London", (TUE, 9, 12))
    ravi = _party("Ravi", "Asia/Kolkata", (TUE, 8, 10))
    with pytest.raises(NoCommonTime) as exc:
        propose_slots(
            parties=[maya, ravi], earliest=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), minutes=45
        )
    error = exc.value
    assert error.field == "availability"
    assert "Maya and Ravi have no common time of at least 45 minutes" in error.message
    assert "Nearest alternatives" in error.message
    assert 1 <= len(error.alternatives) <= 3
    best = error.alternatives[0]
    assert "outside" in best.note and "4.5 h" in best.note


def test_a_party_without_windows_does_not_constrain() -> None:
    maya = _party("Maya", "Europe/London", (TUE, 9, 12))
    contact = Party("Dana", "America/New_York", ())
    slots = propose_slots(
        parties=[maya, contact], earliest=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), minutes=30
    )
    assert dict(slots[0].local)["Dana"].tzinfo == NEW_YORK


def test_nobody_has_windows() -> None:
    with pytest.raises(ValidationError) as exc:
        propose_slots(
            parties=[Party("A", "UTC", ())],
            earliest=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            minutes=30,
        )
    assert exc.value.field == "availability"


def test_naive_earliest_is_refused() -> None:
    with pytest.raises(ValidationError):
        propose_slots(
            parties=[_party("A", "UTC", (0, 9, 10))], earliest=dt.datetime(2026, 1, 5), minutes=30
        )

"""When an unanswered request may be nudged: the pure date arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from tribe.outreach.nudges import MAX_NUDGES, NudgeState, nudge_at, nudge_due_on

SENT = dt.date(2025, 3, 10)


def test_a_nudge_is_due_wait_days_after_the_request() -> None:
    assert nudge_due_on(sent_on=SENT, wait_days=7) == dt.date(2025, 3, 17)
    assert nudge_due_on(sent_on=dt.date(2024, 2, 25), wait_days=7) == dt.date(2024, 3, 3)


@pytest.mark.parametrize(
    ("today", "nudges_sent", "state"),
    [
        (SENT, 0, NudgeState.WAITING),
        (dt.date(2025, 3, 16), 0, NudgeState.WAITING),  # the day before it is due
        (dt.date(2025, 3, 17), 0, NudgeState.NUDGE),  # due on the day itself
        (dt.date(2025, 4, 30), 0, NudgeState.NUDGE),
        (dt.date(2025, 3, 16), MAX_NUDGES, NudgeState.WAITING),  # counted from the last nudge
        (dt.date(2025, 3, 17), MAX_NUDGES, NudgeState.MOVE_ON),
    ],
)
def test_wait_then_nudge_once_then_move_on(
    today: dt.date, nudges_sent: int, state: NudgeState
) -> None:
    nudge = nudge_at(sent_on=SENT, wait_days=7, nudges_sent=nudges_sent, today=today)
    assert (nudge.state, nudge.due_on) == (state, dt.date(2025, 3, 17))


def test_no_wait_means_a_nudge_is_due_at_once() -> None:
    assert nudge_at(sent_on=SENT, wait_days=0, nudges_sent=0, today=SENT).state == "nudge"

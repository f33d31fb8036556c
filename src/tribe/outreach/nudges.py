"""When an unanswered request may be nudged: pure date arithmetic, no database.

A request (or the last nudge) went out on ``sent_on``, a date in the zone of
whoever is looking; the person waits ``wait_days`` for an answer, may then
nudge once, and after a second silence is told to move on. The pages, the
command line and the outreach services all ask these functions, so they
agree on the day a nudge becomes due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["MAX_NUDGES", "Nudge", "NudgeState", "nudge_at", "nudge_due_on"]

MAX_NUDGES = 1  # one nudge; after a second silence, suggest moving on


class NudgeState(StrEnum):
    WAITING = "waiting"  # the answer is not late yet
    NUDGE = "nudge"  # send a friendly nudge
    MOVE_ON = "move_on"  # a second silence: suggest the next candidate
    NONE = "none"  # not waiting for an answer


@dataclass(frozen=True)
class Nudge:
    state: NudgeState
    due_on: dt.date | None


def nudge_due_on(*, sent_on: dt.date, wait_days: int) -> dt.date:
    """The first day a nudge is due: ``wait_days`` after the request or the last nudge.

    >>> nudge_due_on(sent_on=dt.date(2025, 3, 10), wait_days=14)
    datetime.date(2025, 3, 24)
    """
    return sent_on + dt.timedelta(days=wait_days)


def nudge_at(*, sent_on: dt.date, wait_days: int, nudges_sent: int, today: dt.date) -> Nudge:
    """Where a request still waiting for an answer stands on ``today``.

    Waiting until the due day; on it and after, a nudge is due, unless
    :data:`MAX_NUDGES` were sent already: then it is time to move on.

    >>> nudge_at(sent_on=dt.date(2025, 3, 10), wait_days=14, nudges_sent=0,
    ...          today=dt.date(2025, 3, 24)).state
    <NudgeState.NUDGE: 'nudge'>
    """
    due = nudge_due_on(sent_on=sent_on, wait_days=wait_days)
    if today < due:
        return Nudge(NudgeState.WAITING, due)
    if nudges_sent >= MAX_NUDGES:
        return Nudge(NudgeState.MOVE_ON, due)
    return Nudge(NudgeState.NUDGE, due)

"""Today: everything due for me across all my relationships and programmes
(``/api/today``), the same list as the Today page, most urgent first."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Schema

from tribe.api.auth import me
from tribe.api.common import ApiRouter
from tribe.today.selectors import KIND_ORDER, TodayItem, Urgency, today_for

router = ApiRouter(tags=["today"])

Kind = Literal[tuple(KIND_ORDER)]  # type: ignore[valid-type]
UrgencyName = Literal["overdue", "today", "soon", "open"]
Target = Literal[
    "meeting",
    "advice",
    "action_item",
    "match_offer",
    "request",
    "relationship",
    "person",
    "exercise",
    "advocacy_ask",
]

URGENCIES: dict[Urgency, UrgencyName] = {
    Urgency.OVERDUE: "overdue",
    Urgency.TODAY: "today",
    Urgency.SOON: "soon",
    Urgency.OPEN: "open",
}

#: What the ``id`` of each kind of duty names, and so where it is done.
TARGETS: dict[str, str] = {
    "meeting": "meeting",
    "follow_up": "meeting",
    # A meeting to write a journal entry about (``meeting`` of POST /api/journal/entries).
    "reflect": "meeting",
    # The cadence says a reflection is due: my own duty, so the id is mine.
    "journal": "person",
    "thanks": "advice",
    "report_back": "advice",
    "action_item": "action_item",
    # An exercise of a coaching regimen to practise (``exercise`` of POST /api/coaching/practice).
    "practice": "exercise",
    # An ask to answer, or past its date (/api/advocacy/asks/{ask_id}).
    "advocacy": "advocacy_ask",
    "offer": "match_offer",
    # The person asked has not said yes: of the relationship they read the request alone.
    "request": "request",
}


class TodayItemOut(Schema):
    kind: Kind = Field(description="what kind of duty it is")  # type: ignore[valid-type]
    title: str
    detail: str
    urgency: UrgencyName = Field(description="overdue, due today, coming up this week, or open")
    due: dt.date | None = Field(description="the day it is due, in my time zone, when it has one")
    target: Target = Field(description="what ``id`` is the id of (person: me, for my own duty)")
    id: int
    relationship_id: int | None = Field(description="the relationship it belongs to, if any")
    with_name: str = Field(
        description="the other person it is about; empty for a duty of my own (journal)"
    )
    programme: str = Field(description="the programme's slug, for a programme's duty; else empty")


class TodayOut(Schema):
    date: dt.date = Field(description="today, in my time zone")
    items: list[TodayItemOut]


def _item(item: TodayItem) -> dict[str, object]:
    return {
        "kind": item.kind,
        "title": item.title,
        "detail": item.detail,
        "urgency": URGENCIES[item.urgency],
        "due": item.due,
        "target": TARGETS.get(item.kind, "relationship"),
        "id": item.object_id,
        "relationship_id": item.relationship_id,
        "with_name": item.with_name,
        "programme": item.programme,
    }


@router.get("", response=TodayOut)
def today_read(request: HttpRequest) -> dict[str, object]:
    """What is due for me: meetings and their follow-ups, people to get in touch
    with, action items, updates, thanks and reports back owed, meetings to reflect
    on and reflections due by my journal's cadence, coaching exercises to practise,
    advocacy asks to answer or past their date, requests to answer or nudge,
    programme offers. A fixed number of queries, however many there are."""
    agenda = today_for(person=me(request))
    return {"date": agenda.date, "items": [_item(item) for item in agenda.items]}

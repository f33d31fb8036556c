"""Me: my profile, my weekly availability, all my data, one search over my own
things, my first steps as a mentor, and my security log (``/api/me``).

Everything here is the caller's own: nobody else's profile is read or changed
through it. What others may see of a profile is what the mentor directory
shows (``/api/fit/mentors``), and only while the person is open to mentoring;
the address, the outreach settings, the availability windows themselves and
the security log are never shown to anyone else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema
from pydantic import AfterValidator, field_validator

from tribe.accounts.events import record as record_security_event
from tribe.accounts.models import SecurityEvent
from tribe.api.auth import me
from tribe.api.common import (
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    ApiRouter,
    Input,
    Page,
    PageQuery,
    page_of,
    search_words,
)
from tribe.core import clock
from tribe.outreach.forward import pay_it_forward
from tribe.people.models import AvailabilityWindow, Person
from tribe.people.services import WindowInput, availability_replace, person_update_profile
from tribe.portability.selectors import person_export
from tribe.programs.selectors import mentor_openings
from tribe.search.selectors import KINDS, MAX_QUERY, search_mine

router = ApiRouter(tags=["me"])

#: An item of a list a person writes (languages, expertise, causes).
Item = Annotated[str, Field(max_length=100)]


class ProfileOut(Schema):
    """My profile as I see it. The mentor directory shows others only ``name``,
    ``headline``, ``expertise``, ``offers``, ``causes``, ``languages``,
    ``timezone`` and ``preferred_cadence_days`` (with my free places), and only
    while I am open to mentoring with a verified address."""

    id: int
    email: str = Field(description="mine alone: never shown to anyone else")
    email_verified: bool = Field(
        description="until it is, nobody can ask me to mentor them or link a contact to me"
    )
    name: str
    headline: str
    timezone: str
    languages: list[str]
    expertise: list[str] = Field(description="what I know well (public, like the headline)")
    offers: str = Field(description="what I can offer as a mentor (public)")
    causes: list[str] = Field(description="causes I support (public)")
    seniority: int = Field(description="years of professional experience")
    open_to_mentoring: bool
    mentee_capacity: int = Field(description="how many active mentees I can take")
    preferred_cadence_days: int | None = Field(description="as a mentor, I like to meet every …")
    nudge_after_days: int = Field(description="when I ask someone: nudge after … days")
    share_mentors: bool = Field(description="my mentees may see who mentors me")

    @staticmethod
    def resolve_email_verified(obj: Person) -> bool:
        return obj.email_verified_at is not None


class ProfilePatch(Input):
    """Only the fields sent change. ``null`` clears ``preferred_cadence_days``;
    for every other field it is refused (422)."""

    name: str | None = Field(None, max_length=200)
    headline: str | None = Field(None, max_length=200)
    timezone: str | None = Field(None, max_length=64, description="an IANA name: Europe/London")
    languages: list[Item] | None = Field(None, max_length=50)
    expertise: list[Item] | None = Field(None, max_length=50)
    offers: str | None = Field(None, max_length=2000)
    causes: list[Item] | None = Field(None, max_length=20)
    seniority: int | None = Field(None, ge=0, le=80)
    open_to_mentoring: bool | None = Field(None, description="needs a capacity of at least 1")
    mentee_capacity: int | None = Field(None, ge=0, le=100)
    preferred_cadence_days: int | None = Field(None, ge=1, le=366)
    nudge_after_days: int | None = Field(None, ge=1, le=60)
    share_mentors: bool | None = None

    @field_validator(
        "name",
        "headline",
        "timezone",
        "languages",
        "expertise",
        "offers",
        "causes",
        "seniority",
        "open_to_mentoring",
        "mentee_capacity",
        "nudge_after_days",
        "share_mentors",
    )
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Only a value sent reaches a validator: a field left out keeps its value.
        if value is None:
            raise ValueError("may not be null: leave the field out to keep it")
        return value


PROFILE_FIELDS = tuple(ProfilePatch.model_fields)


@router.get("", response=ProfileOut)
def me_read(request: HttpRequest) -> Person:
    """My profile, as the profile page shows it."""
    return me(request)


@router.patch("", response=ProfileOut)
def me_change(request: HttpRequest, payload: ProfilePatch) -> Person:
    """Change the fields sent, through the profile page's own rules (a refusal
    changes nothing)."""
    person = me(request)
    current = {name: getattr(person, name) for name in PROFILE_FIELDS}
    return person_update_profile(
        person=person, **{**current, **payload.model_dump(exclude_unset=True)}
    )


# Availability ------------------------------------------------------------------


def _wall_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day without an offset: windows are in my own time zone")
    return value


WallClock = Annotated[dt.time, AfterValidator(_wall_clock)]
Weekday = Annotated[int, Field(ge=0, le=6, description="0 is Monday, 6 is Sunday")]


class WindowSchema(Schema):
    weekday: Weekday
    starts: WallClock = Field(description="wall-clock time in my time zone, e.g. 09:00")
    ends: WallClock = Field(description="after ``starts``, the same day")


class AvailabilitySchema(Input):
    """My weekly windows, in my own time zone (``timezone`` of my profile)."""

    #: As many rows as the availability page offers.
    windows: list[WindowSchema] = Field(max_length=21)


@router.get("/availability", response=AvailabilitySchema)
def availability_read(request: HttpRequest) -> dict[str, list[AvailabilityWindow]]:
    """My weekly availability, by day and start."""
    return {"windows": list(me(request).availability.all())}


@router.put("/availability", response=AvailabilitySchema)
def availability_change(
    request: HttpRequest, payload: AvailabilitySchema
) -> dict[str, list[AvailabilityWindow]]:
    """Replace my weekly availability with the windows sent (all or none; an empty
    list clears it). A window that ends before it starts or overlaps another on
    the same day is refused, naming it as ``availability[n].<field>``."""
    person = me(request)
    windows = [WindowInput(w.weekday, w.starts, w.ends) for w in payload.windows]
    availability_replace(person=person, windows=windows)
    return {"windows": list(person.availability.all())}


# My data ----------------------------------------------------------------------


@router.get("/export", response=dict[str, Any])
def me_export(request: HttpRequest) -> dict[str, Any]:
    """Everything Tribe holds that I may read (the same export as the "download my
    data" page and ``tribe export``). Each export is noted in my security log."""
    person = me(request)
    record_security_event(person=person, kind=SecurityEvent.Kind.EXPORT, request=request)
    return person_export(person=person)


HitKind = Literal[KINDS]  # type: ignore[valid-type]


class HitOut(Schema):
    kind: HitKind = Field(description="what was found; ``id`` is its id")
    id: int
    relationship_id: int | None = Field(description="the relationship it belongs to, if any")
    title: str
    snippet: str = Field(description="the words around what matched")
    literal: bool = Field(description="the words typed appear in it as they are")


class SearchQuery(Schema):
    q: str = search_words(MAX_QUERY, "words to look for", required=True)


#: Enough for every page a caller can ask for: the ranking scores every row anyway.
SEARCH_LIMIT = MAX_OFFSET + MAX_PAGE_SIZE


@router.get("/search", response=Page[HitOut])
def me_search(
    request: HttpRequest, search: Query[SearchQuery], page: Query[PageQuery]
) -> dict[str, object]:
    """One search over what I may read: my goals, contacts and relationships, their
    questions, my advice log, thanks, my notes and the notes shared with me, the
    journal, my contact log. Literal matches first, then by closeness in words
    and meaning."""
    hits = search_mine(person=me(request), query=search.q, limit=SEARCH_LIMIT)
    return page_of(hits, page)


# Paying it forward -------------------------------------------------------------


class DraftTopicOut(Schema):
    name: str
    source: Literal["profile", "goal", "advice"]
    from_goal: str = Field(description="the title of the achieved goal it came from, or empty")


class DraftOut(Schema):
    """A draft for ``PATCH /api/me``: nothing is saved, or switched on, until I send it."""

    expertise: list[str]
    topics: list[DraftTopicOut]
    offers: str
    mentee_capacity: int


class ProgrammeOpeningOut(Schema):
    name: str
    slug: str
    how: Literal["participant", "invitation"] = Field(
        description="participant: I take part as a mentee and may add the mentor side in my "
        "intake; invitation: an invitation to my address waits in my mail"
    )
    expires_at: dt.datetime | None


class FirstRequestOut(Schema):
    id: int = Field(description="the request, as ``/api/requests`` lists it")
    from_name: str
    purpose: str
    asked_at: dt.datetime | None


class ForwardStepsOut(Schema):
    state: Literal["ready", "mentoring"] = Field(
        description="ready: the steps apply; mentoring: open to mentoring with mentees already"
    )
    why: str
    mentee_since: dt.datetime
    mentee_months: int
    asked_for: int = Field(
        description="open goals of other people on this installation that ask for what I "
        "know: a number only, never whose or which, and 0 below 5 so nobody is singled out"
    )
    asked_for_capped: bool = Field(description="the count stopped early: at least this many")
    draft: DraftOut
    open_to_mentoring: bool
    programmes: list[ProgrammeOpeningOut]
    first_request: FirstRequestOut | None = Field(description="the oldest waiting for my answer")
    requests_waiting: int
    reach: list[str] = Field(description="how a request can reach me, when none is waiting")
    mentees: int
    free_places: int


class ForwardOut(Schema):
    applies: bool = Field(description="false until I have been a mentee for six months")
    steps: ForwardStepsOut | None


@router.get("/forward", response=ForwardOut)
def me_forward(request: HttpRequest) -> dict[str, Any]:
    """My first steps from mentee to mentor, once I have been a mentee for a while: a
    draft mentor profile, the programmes I could mentor in, and a first request I might
    accept. It only reads: open the profile with ``PATCH /api/me``."""
    person = me(request)
    moment = clock.now()
    steps = pay_it_forward(
        person=person, now=moment, programmes=mentor_openings(person=person, now=moment)
    )
    if steps is None:
        return {"applies": False, "steps": None}
    first = steps.first_request
    return {
        "applies": True,
        "steps": {
            **steps.as_dict(),
            "first_request": dataclasses.asdict(first) if first is not None else None,
        },
    }


EventKind = Literal[tuple(SecurityEvent.Kind.values)]  # type: ignore[valid-type]


class SecurityEventOut(Schema):
    id: int
    kind: EventKind  # type: ignore[valid-type]
    at: dt.datetime
    ip: str | None = Field(description="the address the request came from, when known")
    user_agent: str


@router.get("/security-events", response=Page[SecurityEventOut])
def security_event_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """My log-ins, failed log-ins, log-outs, password changes, exports and API tokens
    made or revoked, over the last year, newest first."""
    return page_of(me(request).security_events.all(), page)

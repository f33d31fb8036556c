"""Loading the demo: a dozen people who mentor each other, in every state of the pipeline.

Built only through the services (``pipeline``, ``keeping``, ``programme``, then
``ideas``), so the demo exercises the same rules as real use. What a load may
delete or replace, and when it is refused, is in ``tribe.demo.scope``. ``demo_ensure``
(``tribe serve --demo``) loads the demo only when it is not loaded yet, so a
restart keeps everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import transaction

from tribe.core import clock
from tribe.demo.ideas import cast_ideas
from tribe.demo.keeping import cast_keeping_in_touch, cast_meetings
from tribe.demo.personas import DEMO_PASSWORD, PEOPLE, PEOPLE_BY_KEY
from tribe.demo.pipeline import cast_people, cast_relationships
from tribe.demo.programme import ADMIN, PROGRAMME_SLUG, cast_programme
from tribe.demo.scope import (
    check_may_load,
    clear_demo,
    demo_is_loaded,
    demo_programmes,
    demo_relationships,
)
from tribe.meetings.models import Meeting
from tribe.outbox.services import quiet


@dataclass(frozen=True)
class DemoSummary:
    people: list[tuple[str, str]]  # (name, e-mail)
    password: str
    relationships: int
    meetings: int
    #: The demo programme and its administrator's login: (name, e-mail), if loaded.
    programme: tuple[str, str] | None = None


def demo_summary() -> DemoSummary:
    """The logins and the size of the demo as it is now."""
    among = demo_relationships()
    programme = demo_programmes().filter(slug=PROGRAMME_SLUG).first()
    return DemoSummary(
        people=[(s.name, s.email) for s in PEOPLE],
        password=DEMO_PASSWORD,
        relationships=among.count(),
        meetings=Meeting.objects.filter(relationship__in=among).count(),
        programme=None if programme is None else (programme.name, PEOPLE_BY_KEY[ADMIN].email),
    )


@transaction.atomic
def demo_ensure(*, now: dt.datetime | None = None) -> tuple[DemoSummary, bool]:
    """Load the demo unless it is loaded already: (summary, whether it was loaded now).

    For ``tribe serve --demo``: a restart keeps everything people did, with
    demo people and among them.
    """
    if demo_is_loaded():
        return demo_summary(), False
    return demo_load(now=now), True


@transaction.atomic
def demo_load(*, now: dt.datetime | None = None, force: bool = False) -> DemoSummary:
    """Load the demo, or refresh it: see ``tribe.demo.scope`` for what it may touch.

    Refused (``Conflict``) when real accounts exist and ``force`` is false, or
    when a real account holds one of the demo's addresses.
    """
    moment = clock.resolve(now)
    check_may_load(force=force)
    clear_demo(programme_slug=PROGRAMME_SLUG)
    # The demo's invitations and meetings are made up: they mail nobody (the
    # addresses are @tribe.example, and some invitations are old on purpose).
    with quiet():
        cast = cast_people(moment)
        cast_relationships(cast)
        meeting_count = cast_meetings(cast)
        meeting_count += cast_keeping_in_touch(cast)
        cast_programme(cast)
        cast_ideas(cast)
    return replace(demo_summary(), meetings=meeting_count)

"""A crawl of every page as each other role finds none of the private markers.

Maya writes unique markers into every private field she has; Ravi, her mentor,
writes one private note of his own. Then every page of the site (every route,
with every object id there is) is fetched as Ravi (the other party), Pia (a
prospect Maya has not asked yet), Eve (part of nothing) and Maya herself, and
each answer, and each person's export, is searched for the markers that
person must not read. The crawl discovers the routes itself, so a page added
later is crawled too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import relationship_agreed
from tribe.journal.services import entry_create
from tribe.ledger.models import Advice
from tribe.ledger.services import (
    advice_decide,
    advice_record,
    advice_record_outcome,
    advice_share_outcome,
    relationship_snooze,
    touchpoint_log,
    win_record,
)
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_create, note_create
from tribe.people.models import Contact, Goal, Person
from tribe.people.services import ContactInput, contact_create, goal_create
from tribe.portability.selectors import person_export
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

pytestmark = pytest.mark.django_db

#: Maya's private text: nobody but Maya reads these.
MAYA_ONLY = {
    "note": "CANARY-maya-private-note",
    "goal_why": "CANARY-maya-goal-why",
    "contact_notes": "CANARY-maya-contact-notes",
    "advice": "CANARY-maya-advice-text",
    "advice_reason": "CANARY-maya-advice-reason",
    "touch_note": "CANARY-maya-touch-note",
    "snooze": "CANARY-maya-snooze-reason",
    "prospect_purpose": "CANARY-maya-prospect-purpose",
    "prospect_goal": "CANARY-maya-prospect-goal",
    "journal_learned": "CANARY-maya-journal-learned",
    "journal_try": "CANARY-maya-journal-will-try",
    "advice_outcome": "CANARY-maya-advice-outcome",
    "shared_advice_text": "CANARY-maya-shared-advice-text",
}
RAVI_ONLY = {"note": "CANARY-ravi-private-note"}
#: Shared with Ravi, so Pia and Eve must not read them.
MAYA_AND_RAVI = {
    "shared_note": "CANARY-shared-note",
    "purpose": "CANARY-shared-purpose",
    "journal_shared": "CANARY-shared-journal-entry",
    "shared_outcome": "CANARY-shared-advice-outcome",
}

SOON = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0, minute=0) + dt.timedelta(days=3)
TODAY = dt.datetime.now(dt.UTC).date()


@pytest.fixture
def world(maya: Person, ravi: Person) -> dict[str, Person]:
    pia = Person.objects.create_user(
        "pia@example.com",
        "a-long-test-passphrase-42",
        name="Pia Prospect",
        open_to_mentoring=True,
        mentee_capacity=2,
        email_verified_at=dt.datetime.now(dt.UTC),
    )
    eve = Person.objects.create_user(
        "eve@example.com", "a-long-test-passphrase-42", name="Eve Stranger"
    )
    rel = relationship_agreed(
        created_by=maya,
        my_role="mentee",
        other_person=ravi,
        purpose=MAYA_AND_RAVI["purpose"],
        status="active",
    )
    meeting = meeting_create(
        actor=maya, relationship=rel, starts_at=SOON, ends_at=SOON + dt.timedelta(hours=1)
    )
    note_create(
        author=maya, relationship=rel, body=MAYA_ONLY["note"], visibility="private", meeting=meeting
    )
    note_create(
        author=maya, relationship=rel, body=MAYA_AND_RAVI["shared_note"], visibility="shared"
    )
    note_create(author=ravi, relationship=rel, body=RAVI_ONLY["note"], visibility="private")
    goal_create(person=maya, title="Learn pricing", why=MAYA_ONLY["goal_why"])
    contact_create(
        owner=maya,
        data=ContactInput(name="Dana", email="dana@example.org", notes=MAYA_ONLY["contact_notes"]),
    )
    advice = advice_record(
        actor=maya, relationship=rel, text=MAYA_ONLY["advice"], given_on=TODAY, today=TODAY
    )
    advice_decide(actor=maya, advice=advice, decision="park", reason=MAYA_ONLY["advice_reason"])
    # An outcome Maya shares with Ravi in other words: the advice and the outcome as
    # she wrote them stay hers.
    tried = advice_record(
        actor=maya,
        relationship=rel,
        text=MAYA_ONLY["shared_advice_text"],
        given_on=TODAY,
        today=TODAY,
    )
    advice_record_outcome(
        actor=maya,
        advice=tried,
        outcome=MAYA_ONLY["advice_outcome"],
        today=TODAY,
        report_back=False,
    )
    advice_share_outcome(actor=maya, advice=tried, words=MAYA_AND_RAVI["shared_outcome"])
    touchpoint_log(
        actor=maya,
        relationship=rel,
        kind="call",
        happened_on=TODAY,
        note=MAYA_ONLY["touch_note"],
        today=TODAY,
    )
    relationship_snooze(
        actor=maya,
        relationship=rel,
        until=TODAY + dt.timedelta(days=5),
        reason=MAYA_ONLY["snooze"],
        today=TODAY,
    )
    win_record(person=maya, text="Shipped the pricing page", happened_on=TODAY, today=TODAY)
    entry_create(
        author=maya,
        written_on=TODAY,
        today=TODAY,
        learned=MAYA_ONLY["journal_learned"],
        will_try=MAYA_ONLY["journal_try"],
        relationship=rel,
        meeting=meeting,
        advice=[advice],
    )
    entry_create(
        author=maya,
        written_on=TODAY,
        today=TODAY,
        surprised=MAYA_AND_RAVI["journal_shared"],
        relationship=rel,
        shared=True,
    )
    prospect_goal = goal_create(person=maya, title=MAYA_ONLY["prospect_goal"])
    relationship_create(
        created_by=maya,
        my_role="mentee",
        other_person=pia,
        purpose=MAYA_ONLY["prospect_purpose"],
        goals=[prospect_goal],
    )
    return {"maya": maya, "ravi": ravi, "pia": pia, "eve": eve}


def _ids() -> dict[str, list[int]]:
    """For each kind of id in a route, every id such objects have, and one none has.

    The ids themselves, not a range up to the largest: on PostgreSQL sequences
    run on across tests, and a range would make the crawl quadratic in them.
    An id name no model below answers to is tried with every id there is.
    """
    from tribe.journal.models import JournalEntry
    from tribe.ledger.models import Question, Touchpoint, Win
    from tribe.matching.models import NotAMatch
    from tribe.meetings.models import ActionItem, MeetingSeries, Note

    models = {
        "relationship_id": Relationship,
        "meeting_id": Meeting,
        "goal_id": Goal,
        "contact_id": Contact,
        "advice_id": Advice,
        "person_id": Person,
        "note_id": Note,
        "item_id": ActionItem,
        "question_id": Question,
        "touchpoint_id": Touchpoint,
        "series_id": MeetingSeries,
        "win_id": Win,
        "not_a_match_id": NotAMatch,
        "entry_id": JournalEntry,
    }
    by_name = {
        name: sorted(model.objects.values_list("pk", flat=True)) for name, model in models.items()
    }
    everything = sorted({pk for pks in by_name.values() for pk in pks})
    missing = (everything[-1] if everything else 0) + 1000
    by_name = {name: [*pks, missing] for name, pks in by_name.items()}
    by_name[""] = [*everything, missing]
    return by_name


def _routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every route of the site as its raw pattern, includes followed."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)
        elif isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))


def _urls() -> Iterator[str]:
    ids = _ids()
    for raw in _routes():
        if raw.startswith("admin") or "logout" in raw:
            continue
        names = re.findall(r"<(?:(\w+):)?(\w+)>", raw)
        if any(conv not in ("int", "") for conv, _ in names):
            continue  # token routes (feeds, links in mail) hold no guessable ids
        choices = [ids.get(name, ids[""]) for _, name in names]
        for combo in itertools.product(*choices):
            url = raw
            for value in combo:
                url = re.sub(r"<(?:\w+:)?\w+>", str(value), url, count=1)
            yield "/" + url


def _forbidden(person: str) -> set[str]:
    if person == "maya":
        return set(RAVI_ONLY.values())
    if person == "ravi":
        return set(MAYA_ONLY.values())
    return set(MAYA_ONLY.values()) | set(RAVI_ONLY.values()) | set(MAYA_AND_RAVI.values())


@pytest.mark.parametrize("who", ["ravi", "pia", "eve", "maya"])
def test_no_page_and_no_export_shows_what_this_person_may_not_read(
    world: dict[str, Person], who: str
) -> None:
    browser = Client(raise_request_exception=False)
    browser.force_login(world[who])
    forbidden = _forbidden(who)
    crawled = 0
    for url in _urls():
        response = browser.get(url)
        crawled += 1
        assert response.status_code < 500, url
        body = response.content.decode(errors="replace")
        leaked = {marker for marker in forbidden if marker in body}
        assert not leaked, (who, url, leaked)
    assert crawled > 100  # the crawl really walked the site
    exported = str(person_export(person=world[who]))
    assert not {m for m in forbidden if m in exported}


def test_the_crawl_reaches_what_each_person_may_read(world: dict[str, Person]) -> None:
    """The markers are there to be found: Maya's own pages show them."""
    browser = Client()
    browser.force_login(world["maya"])
    seen = "".join(browser.get(url).content.decode(errors="replace") for url in _urls())
    assert [m for m in MAYA_ONLY.values() if m not in seen] == []
    ravi = Client()
    ravi.force_login(world["ravi"])
    seen = "".join(ravi.get(url).content.decode(errors="replace") for url in _urls())
    assert RAVI_ONLY["note"] in seen and MAYA_AND_RAVI["shared_note"] in seen
    assert MAYA_AND_RAVI["journal_shared"] in seen
    assert MAYA_AND_RAVI["shared_outcome"] in seen

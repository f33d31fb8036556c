"""The learning journal: an entry is its author's, readable by the other side of its
relationship once shared, and by nobody else (the programme's admin included)."""

import datetime as dt

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tribe.journal.models import JournalEntry

DAY = dt.date(2026, 3, 1)


def _entry(world: World, **fields: object) -> JournalEntry:
    return JournalEntry.objects.create(
        author=world.people["mentee"],
        written_on=DAY,
        learned="to listen first",
        relationship_id=world["relationship"],
        **fields,
    )


def _private(world: World) -> dict[str, int]:
    return {"entry": _entry(world).pk}


def _shared(world: World) -> dict[str, int]:
    return {"entry": _entry(world, shared=True).pk}


def _more_entries(world: World) -> None:
    for shared in (True, False, True):
        _entry(world, shared=shared)


def _more_shared(world: World) -> None:
    for _ in range(3):
        _entry(world, shared=True, meeting_id=world["meeting"])


ENTRY = "/api/journal/entries/{entry}"

CASES = [
    # One entry first: its links are fetched once for any number of entries.
    Case(
        "entry_list",
        "GET",
        "/api/journal/entries",
        allowed=SIGNED_IN,
        prepare=_private,
        grow=_more_entries,
    ),
    Case(
        "entry_add",
        "POST",
        "/api/journal/entries",
        body={"learned": "patience"},
        allowed=SIGNED_IN,
        ok=201,
        label="on its own",
    ),
    # Only a side of the relationship may write about it (or share in it).
    Case(
        "entry_add",
        "POST",
        "/api/journal/entries",
        body=lambda w: {"learned": "patience", "relationship": w["relationship"], "shared": True},
        allowed=BOTH_SIDES,
        ok=201,
        label="shared in a relationship",
    ),
    # A private entry: its author alone, whatever the role of the others.
    Case("entry_read", "GET", ENTRY, prepare=_private, allowed=("mentee",), label="private"),
    Case("entry_read", "GET", ENTRY, prepare=_shared, allowed=BOTH_SIDES, label="shared"),
    # Changing, deleting and sharing are the author's, shared or not.
    Case(
        "entry_change",
        "PATCH",
        ENTRY,
        body={"will_try": "wait"},
        prepare=_shared,
        allowed=("mentee",),
    ),
    Case("entry_remove", "DELETE", ENTRY, prepare=_shared, allowed=("mentee",), ok=204),
    Case("entry_share", "POST", ENTRY + "/share", prepare=_private, allowed=("mentee",)),
    Case("entry_unshare", "POST", ENTRY + "/unshare", prepare=_shared, allowed=("mentee",)),
    # The mentor first: grow adds what Maya shared, which her mentor reads.
    Case(
        "entry_shared_with_me",
        "GET",
        "/api/journal/shared-with-me?relationship={relationship}",
        prepare=_shared,
        allowed=("mentor", "mentee"),
        grow=_more_shared,
    ),
    Case("journal_cadence_read", "GET", "/api/journal/cadence", allowed=SIGNED_IN),
    Case(
        "journal_cadence_change",
        "PUT",
        "/api/journal/cadence",
        body={"cadence": "weekly"},
        allowed=SIGNED_IN,
    ),
    Case("journal_checkin", "GET", "/api/journal/check-in", allowed=SIGNED_IN),
]

from tests.api.authz import BOTH_SIDES, SIGNED_IN, Case, World
from tests.factories import NoteFactory


def _more_notes(world: World) -> None:
    """Maya's own, of both kinds: the list is hers, private ones included."""
    for visibility in ("private", "shared", "private"):
        NoteFactory(
            relationship_id=world["relationship"],
            author=world.people["mentee"],
            visibility=visibility,
        )


def _more_shared_notes(world: World) -> None:
    """What Ravi reads: Maya's shared notes (her private ones never reach his list)."""
    NoteFactory.create_batch(
        3,
        relationship_id=world["relationship"],
        author=world.people["mentee"],
        visibility="shared",
    )


def _note_body(world: World) -> dict[str, object]:
    return {"relationship": world["relationship"], "meeting": world["meeting"], "body": "A thought"}


PRIVATE = "/api/notes/{private_note}"
SHARED = "/api/notes/{shared_note}"

CASES = [
    Case("note_list", "GET", "/api/notes", allowed=SIGNED_IN, grow=_more_notes),
    Case(
        "note_list",
        "GET",
        "/api/notes",
        allowed=("mentor",),
        status={role: 200 for role in SIGNED_IN},
        grow=_more_shared_notes,
        label="the other side's shared notes",
    ),
    Case("note_add", "POST", "/api/notes", body=_note_body, allowed=BOTH_SIDES, ok=201),
    # Maya's private note: hers alone. Her mentor and her programme's admin get 404.
    Case("note_read", "GET", PRIVATE, allowed=("mentee",), label="private"),
    Case("note_read", "GET", SHARED, allowed=BOTH_SIDES, label="shared"),
    # Only the author changes or deletes a note, shared or not.
    Case("note_change", "PATCH", PRIVATE, body={"body": "x"}, allowed=("mentee",), label="private"),
    Case("note_change", "PATCH", SHARED, body={"body": "x"}, allowed=("mentee",), label="shared"),
    Case("note_remove", "DELETE", PRIVATE, allowed=("mentee",), ok=204, label="private"),
    Case("note_remove", "DELETE", SHARED, allowed=("mentee",), ok=204, label="shared"),
]

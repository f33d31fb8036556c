"""What every router of the API shares: the router that documents the error
statuses, the page of a list, ids in paths, and dates with their zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, Literal, TypeVar, get_args, get_origin

from django.db.models import QuerySet
from ninja import Field, Path, Router, Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, ValidationInfo, field_validator

from tribe.api.errors import ERROR_STATUSES, Error
from tribe.core import clock
from tribe.core.errors import NotFound
from tribe.core.zones import local
from tribe.meetings.models import Meeting
from tribe.meetings.selectors import meeting_get_for
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for

__all__ = [
    "MAX_ID",
    "NO_CONTROLS",
    "ApiRouter",
    "GoalRef",
    "Input",
    "Moment",
    "ObjectId",
    "Page",
    "PageQuery",
    "PersonBrief",
    "PersonRef",
    "RowId",
    "UtcMoment",
    "meeting_named",
    "page_of",
    "patched",
    "person_today",
    "referenced",
    "relationship_named",
    "search_words",
]

T = TypeVar("T")

#: The largest id a database row can have (a signed 64-bit integer): a larger one
#: in a path is a 422 from the schema, never an overflow in the database.
MAX_ID = 2**63 - 1
#: An id in a path: a positive integer that fits a database key.
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
#: The id of a row in a body or a query: what fits a database key, as in a path.
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
#: A moment the caller sends: it must say its offset (``2026-03-10T09:00:00+01:00``),
#: because a bare time would mean a different moment in every zone.
Moment = AwareDatetime


def _in_utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


#: A moment in an answer: always in UTC, whatever offset it was stored with.
UtcMoment = Annotated[dt.datetime, AfterValidator(_in_utc)]

#: No control character (C0 but tab and line breaks) and no bidirectional
#: override: the same characters every service refuses in stored text, refused
#: here in words that are only searched for, so the document says so.
NO_CONTROLS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]*$"


def search_words(max_length: int, description: str, *, required: bool = False) -> Any:
    """A ``?q=`` of free words: bounded in length, without control characters."""
    return Field(
        ... if required else "",
        min_length=1 if required else 0,
        max_length=max_length,
        pattern=NO_CONTROLS,
        description=description,
    )


def _takes_bool(annotation: Any) -> bool:
    """Whether a field of this type may be true or false."""
    if annotation is bool or annotation is Any:
        return True
    origin = get_origin(annotation)
    if origin is Literal:
        return any(isinstance(a, bool) for a in get_args(annotation))
    # Unions, Annotated, containers: any of their types may take it.
    return origin is not None and any(_takes_bool(a) for a in get_args(annotation))


class Input(Schema):
    """A request body. A field it does not have is refused (a misspelt field, or one
    that may not be set, such as ``id`` or ``owner``, is a 422 naming it, not silently
    dropped), and true or false is no number: pydantic would read ``true`` as 1,
    which in an id field names someone's row."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_for_other_types(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) and info.field_name is not None:
            field = cls.model_fields.get(info.field_name)
            if field is not None and not _takes_bool(field.annotation):
                raise ValueError("true or false is not a value of this field")
        return value


class PersonRef(Schema):
    """A person named in an answer: an account."""

    id: int
    name: str


class PersonBrief(Schema):
    """Someone named in an answer who may be an account or one of the caller's contacts."""

    id: int | None = Field(
        description="the person's id; null for a contact of yours, who has no account"
    )
    name: str


class GoalRef(Schema):
    """A goal named in an answer."""

    id: int
    title: str


def person_today(person: Person) -> dt.date:
    """The date it is where ``person`` is: the services' ``today=``."""
    return local(clock.now(), person.timezone).date()


def referenced(field: str, fetch: Callable[[], T]) -> T:
    """An object a body names by id, fetched for the caller; not theirs is a 404
    that says which field named it."""
    try:
        return fetch()
    except NotFound as exc:
        exc.field = field
        raise


class ApiRouter(Router):
    """A router whose every operation documents the error statuses it may answer,
    each with :class:`~tribe.api.errors.Error` (so the OpenAPI document, and the
    clients made from it, know every response)."""

    def add_api_operation(
        self,
        path: str,
        methods: list[str],
        view_func: Callable[..., Any],
        *,
        response: Any = None,
        **kw: Any,
    ) -> None:
        responses: dict[int, Any]
        if isinstance(response, dict):
            responses = dict(response)
        else:
            status = 204 if response is None else 200
            responses = {status: response}
        for status in ERROR_STATUSES:
            responses.setdefault(status, Error)
        super().add_api_operation(path, methods, view_func, response=responses, **kw)


#: How many rows one page holds when the caller does not say, and at most.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
#: Far enough for any real list; a larger offset is a 422, not a slow scan.
MAX_OFFSET = 1_000_000


class PageQuery(Schema):
    """``?limit=&offset=`` of every list."""

    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="rows in this page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rows to skip")


class Page(Schema, Generic[T]):
    """One page of a list: its rows, how many there are in all, and where the next page starts."""

    items: list[T]
    count: int
    limit: int
    offset: int
    next_offset: int | None


def page_of(rows: QuerySet[Any] | Sequence[Any], page: PageQuery) -> dict[str, Any]:
    """The page ``page`` asks for of ``rows`` (two queries for a queryset: count, slice)."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    items = list(rows[page.offset : page.offset + page.limit])
    following = page.offset + page.limit
    return {
        "items": items,
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": following if following < count else None,
    }


def patched(current: dict[str, Any], patch: Schema) -> dict[str, Any]:
    """``current`` with the fields the caller sent in ``patch`` (PATCH: what is left
    out stays as it is; a field sent as null is set to null)."""
    return {**current, **patch.model_dump(exclude_unset=True)}


def relationship_named(person: Person, relationship_id: int) -> Relationship:
    """The relationship a body or query names, if it is ``person``'s (404 ``relationship``)."""
    return referenced(
        "relationship",
        lambda: relationship_get_for(person=person, relationship_id=relationship_id),
    )


def meeting_named(person: Person, meeting_id: int | None) -> Meeting | None:
    """The meeting a body names, if ``person`` may see it (404 ``meeting``); None for none."""
    if meeting_id is None:
        return None
    return referenced("meeting", lambda: meeting_get_for(person=person, meeting_id=meeting_id))

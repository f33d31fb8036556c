"""My contacts: people I know who may become mentors or mentees (``/api/contacts``).

A contact is its owner's alone: anyone else, the other side of a relationship
and a programme's administrator too, gets 404. A contact whose address belongs
to an account that proved it is *linked* to that account (relationships
started from it are with the account) until its owner unlinks it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from tribe.api.auth import me
from tribe.api.common import (
    ApiRouter,
    Input,
    ObjectId,
    Page,
    PageQuery,
    page_of,
    patched,
    search_words,
)
from tribe.people import services
from tribe.people.models import Contact
from tribe.people.selectors import contact_get_for, contacts_of
from tribe.people.services import ContactInput, contact_create, contact_delete, contact_update

router = ApiRouter(tags=["contacts"])

Source = Literal[tuple(Contact.Source.values)]  # type: ignore[valid-type]
Item = Annotated[str, Field(max_length=100)]


class ContactIn(Input):
    name: str = Field(max_length=200)
    email: str = Field(
        "", max_length=254, description="links the contact to the account that verified it"
    )
    headline: str = Field("", max_length=200)
    company: str = Field("", max_length=200)
    position: str = Field("", max_length=200)
    phone: str = Field("", max_length=50)
    url: str = Field("", max_length=500, description="an http or https address")
    timezone: str = Field("", max_length=64, description="an IANA name, or empty: unknown")
    expertise: list[Item] = Field([], max_length=50)
    connected_on: dt.date | None = None
    notes: str = Field("", max_length=5000, description="mine alone")


class ContactPatch(Input):
    """Only the fields sent change; ``null`` empties a field (``name`` is required)."""

    name: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    headline: str | None = Field(None, max_length=200)
    company: str | None = Field(None, max_length=200)
    position: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=50)
    url: str | None = Field(None, max_length=500)
    timezone: str | None = Field(None, max_length=64)
    expertise: list[Item] | None = Field(None, max_length=50)
    connected_on: dt.date | None = None
    notes: str | None = Field(None, max_length=5000)


class ContactOut(Schema):
    id: int
    name: str
    email: str
    headline: str
    company: str
    position: str
    phone: str
    url: str
    timezone: str
    expertise: list[str]
    connected_on: dt.date | None
    notes: str
    source: Source = Field(  # type: ignore[valid-type]
        description="how it came: typed by hand, or which kind of file"
    )
    linked: bool = Field(description="linked to the Tribe account that verified its address")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_linked(obj: Contact) -> bool:
        return obj.person_id is not None


class ContactFilter(Schema):
    q: str = search_words(200, "only contacts whose name, company or address holds these words")


def _input(fields: dict[str, Any]) -> ContactInput:
    # Null empties a text field; the service then refuses an empty name by name.
    cleaned: dict[str, Any] = {
        name: ([] if name == "expertise" else "")
        if value is None and name != "connected_on"
        else value
        for name, value in fields.items()
    }
    return ContactInput(**cleaned)


@router.get("", response=Page[ContactOut])
def contact_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[ContactFilter]
) -> dict[str, object]:
    """My contacts, by name."""
    return page_of(contacts_of(person=me(request), query=filters.q.strip()), page)


@router.post("", response={201: ContactOut})
def contact_add(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    """Add a contact; an address I already have for another contact is a 409."""
    contact = contact_create(owner=me(request), data=_input(payload.model_dump()))
    return Status(201, contact)


@router.get("/{contact_id}", response=ContactOut)
def contact_read(request: HttpRequest, contact_id: ObjectId) -> Contact:
    """One of my contacts (404 for anyone else's)."""
    return contact_get_for(person=me(request), contact_id=contact_id)


@router.patch("/{contact_id}", response=ContactOut)
def contact_change(request: HttpRequest, contact_id: ObjectId, payload: ContactPatch) -> Contact:
    """Change the fields sent; the others stay. A new address links the contact to
    the account that verified it (or to none)."""
    person = me(request)
    contact = contact_get_for(person=person, contact_id=contact_id)
    current = {name: getattr(contact, name) for name in ContactPatch.model_fields}
    return contact_update(actor=person, contact=contact, data=_input(patched(current, payload)))


@router.delete("/{contact_id}", response={204: None})
def contact_remove(request: HttpRequest, contact_id: ObjectId) -> Status[None]:
    """Delete one of my contacts, and the relationships I recorded with it."""
    person = me(request)
    contact_delete(actor=person, contact=contact_get_for(person=person, contact_id=contact_id))
    return Status(204, None)


@router.post("/{contact_id}/unlink", response=ContactOut)
def contact_unlink(request: HttpRequest, contact_id: ObjectId) -> Contact:
    """Stop treating the contact as the Tribe account its address belongs to.
    Relationships already started with the account stay as they are; changing
    the address later may link it again. Unlinking a contact that is not linked
    changes nothing."""
    person = me(request)
    return services.contact_unlink(
        actor=person, contact=contact_get_for(person=person, contact_id=contact_id)
    )

"""Reads for people, goals and contacts; each scoped to the person asking."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import Count, QuerySet

from tribe.core import clock
from tribe.core.errors import NotFound, ValidationError
from tribe.people.errors import PeopleCode
from tribe.people.models import Contact, EmailToken, Goal, Person

#: Longer than any token Tribe makes; anything longer is not worth hashing.
TOKEN_MAX_LENGTH = 128


def person_get_by_email(*, email: str) -> Person:
    try:
        return Person.objects.get(email__iexact=(email or "").strip(), is_active=True)
    except Person.DoesNotExist as exc:
        raise NotFound(PeopleCode.NO_ACCOUNT, field="email", email=email) from exc


def goals_of(*, person: Person) -> QuerySet[Goal]:
    return Goal.objects.filter(person=person).annotate(relationship_count=Count("relationships"))


def goal_get_for(*, person: Person, goal_id: int) -> Goal:
    try:
        return Goal.objects.get(person=person, pk=goal_id)
    except (Goal.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(PeopleCode.NO_GOAL) from exc


def contacts_of(*, person: Person, query: str = "") -> QuerySet[Contact]:
    contacts = Contact.objects.filter(owner=person).select_related("person")
    if query:
        contacts = (
            contacts.filter(name__icontains=query)
            | contacts.filter(company__icontains=query)
            | contacts.filter(email__icontains=query)
        )
    return contacts


def contact_get_for(*, person: Person, contact_id: int) -> Contact:
    try:
        return Contact.objects.select_related("person").get(owner=person, pk=contact_id)
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(PeopleCode.NO_CONTACT) from exc


# E-mail tokens -----------------------------------------------------------------


def email_token_hash(token: str) -> str:
    """What is stored for a token: its SHA-256, so a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def email_token_get(
    *,
    token: str,
    purpose: str = EmailToken.Purpose.VERIFY,
    now: dt.datetime | None = None,
    lock: bool = False,
) -> EmailToken:
    """The live token behind a link, with its person; reading it does not use it up.

    Raises a ValidationError on the field "token" whose code says why:
    ``token_invalid`` (unknown, or sent to an address the account no longer
    has), ``token_expired`` or ``token_used``.
    """
    moment = clock.resolve(now)
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise ValidationError(PeopleCode.TOKEN_INVALID, field="token")
    # A deactivated account's links die with it, as its sessions and feeds do.
    rows = EmailToken.objects.select_related("person").filter(
        token_hash=email_token_hash(token), purpose=purpose, person__is_active=True
    )
    if lock:
        rows = rows.select_for_update()
    found = rows.first()
    if found is None or found.email.lower() != found.person.email.lower():
        raise ValidationError(PeopleCode.TOKEN_INVALID, field="token")
    if found.used_at is not None:
        raise ValidationError(PeopleCode.TOKEN_USED, field="token")
    if found.expires_at <= moment:
        raise ValidationError(PeopleCode.TOKEN_EXPIRED, field="token")
    return found

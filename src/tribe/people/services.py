"""Writes for people: their weekly availability, goals and contacts (typed or imported).

The writes for accounts themselves (creating one, signing up, proving the
address, the profile) are in ``tribe.people.accounts``; they are named here
too, so that every caller finds the people app's writes in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.kinds import RelationshipKind
from tribe.core.zones import validate_zone
from tribe.people.accounts import UNSET as UNSET
from tribe.people.accounts import VERIFY_FOR as VERIFY_FOR
from tribe.people.accounts import Unset as Unset
from tribe.people.accounts import email_verification_send as email_verification_send
from tribe.people.accounts import email_verify as email_verify
from tribe.people.accounts import person_create as person_create
from tribe.people.accounts import person_update_profile as person_update_profile
from tribe.people.accounts import signup_request as signup_request
from tribe.people.errors import PeopleCode
from tribe.people.importers import ParsedContact, parse_contacts
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person


def _require_owner(owner_id: int, actor: Person, missing: PeopleCode) -> None:
    """Goals and contacts are their owner's alone: anyone else is told there is none."""
    if owner_id != actor.pk:  # callers fetch through *_get_for; this is defence in depth
        raise NotFound(missing)


@dataclass(frozen=True)
class WindowInput:
    weekday: int
    starts: dt.time
    ends: dt.time


@transaction.atomic
def availability_replace(
    *, person: Person, windows: Sequence[WindowInput]
) -> list[AvailabilityWindow]:
    """Replace a person's weekly availability with ``windows`` (all or nothing)."""
    by_day: dict[int, list[WindowInput]] = {}
    for index, window in enumerate(windows, start=1):
        where = f"availability[{index}]"
        v.integer(window.weekday, field=f"{where}.weekday", low=0, high=6)
        if window.ends <= window.starts:
            raise ValidationError(PeopleCode.WINDOW_ORDER, field=f"{where}.ends")
        for other in by_day.get(window.weekday, []):
            if window.starts < other.ends and other.starts < window.ends:
                day = str(AvailabilityWindow.Weekday(window.weekday).label)
                raise ValidationError(PeopleCode.WINDOW_OVERLAP, field=f"{where}.starts", day=day)
        by_day.setdefault(window.weekday, []).append(window)
    AvailabilityWindow.objects.filter(person=person).delete()
    return AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(person=person, weekday=w.weekday, starts=w.starts, ends=w.ends)
        for w in windows
    )


# Goals -----------------------------------------------------------------------


def _goal_need(need: str) -> str:
    """A kind of help (``RelationshipKind``), or "" for not chosen yet."""
    if need != "" and need not in RelationshipKind.values:
        raise ValidationError(
            PeopleCode.BAD_GOAL_NEED,
            field="need",
            value=need,
            choices=", ".join(RelationshipKind.values),
        )
    return need


def _goal_fields(
    title: str, why: str, target_date: dt.date | None, status: str
) -> dict[str, object]:
    if status not in Goal.Status.values:
        raise ValidationError(
            PeopleCode.BAD_GOAL_STATUS,
            field="status",
            value=status,
            choices=", ".join(Goal.Status.values),
        )
    return {
        "title": v.text(title, field="title", max_length=200, required=True),
        "why": v.text(why, field="why", max_length=2000),
        "target_date": v.date(target_date, field="target_date"),
        "status": status,
    }


@transaction.atomic
def goal_create(
    *,
    person: Person,
    title: str,
    why: str = "",
    target_date: dt.date | None = None,
    status: str = Goal.Status.OPEN,
    need: str = "",
) -> Goal:
    fields = _goal_fields(title, why, target_date, status)
    return Goal.objects.create(person=person, need=_goal_need(need), **fields)


@transaction.atomic
def goal_update(
    *,
    actor: Person,
    goal: Goal,
    title: str,
    why: str,
    target_date: dt.date | None,
    status: str,
    need: str | None = None,
) -> Goal:
    """Change a goal; ``need`` left out (None) keeps the kind of help chosen before."""
    _require_owner(goal.person_id, actor, PeopleCode.NO_GOAL)
    fields = _goal_fields(title, why, target_date, status)
    if need is not None:
        fields["need"] = _goal_need(need)
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    return goal


@transaction.atomic
def goal_set_need(*, actor: Person, goal: Goal, need: str) -> Goal:
    """Choose which kind of help ``goal`` needs (a mentor, a coach, …; "" to unchoose).

    A prospect taken on for the goal afterwards is a relationship of that kind.
    """
    _require_owner(goal.person_id, actor, PeopleCode.NO_GOAL)
    goal.need = _goal_need(need)
    goal.save(update_fields=["need", "updated_at"])
    return goal


@transaction.atomic
def goal_delete(*, actor: Person, goal: Goal) -> None:
    _require_owner(goal.person_id, actor, PeopleCode.NO_GOAL)
    goal.delete()


# Contacts --------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    name: str
    email: str = ""
    headline: str = ""
    company: str = ""
    position: str = ""
    phone: str = ""
    url: str = ""
    timezone: str = ""
    expertise: Sequence[str] | str = ()
    connected_on: dt.date | None = None
    notes: str = ""


def _contact_fields(data: ContactInput) -> dict[str, object]:
    return {
        "name": v.line(data.name, field="name", max_length=200, required=True),
        "email": v.email(data.email, required=False),
        "headline": v.text(data.headline, field="headline", max_length=200),
        "company": v.text(data.company, field="company", max_length=200),
        "position": v.text(data.position, field="position", max_length=200),
        "phone": v.text(data.phone, field="phone", max_length=50),
        "url": v.url(data.url),
        "timezone": validate_zone(data.timezone) if data.timezone.strip() else "",
        "expertise": v.string_list(data.expertise, field="expertise"),
        "connected_on": data.connected_on,
        "notes": v.text(data.notes, field="notes", max_length=5000),
    }


def _verified_account(email: str, *, owner: Person) -> Person | None:
    """The account a contact's address belongs to, if that account has proved the address."""
    if not email:
        return None
    return (
        Person.objects.filter(email=email, email_verified_at__isnull=False, is_active=True)
        .exclude(pk=owner.pk)
        .first()
    )


def _check_contact_email(owner: Person, email: str, exclude: int | None = None) -> None:
    if not email:
        return
    clash = Contact.objects.filter(owner=owner, email=email)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Conflict(PeopleCode.CONTACT_EMAIL_TAKEN, field="email")


@transaction.atomic
def contact_create(
    *, owner: Person, data: ContactInput, source: str = Contact.Source.MANUAL
) -> Contact:
    fields = _contact_fields(data)
    _check_contact_email(owner, str(fields["email"]))
    contact = Contact(owner=owner, source=source, **fields)
    contact.person = _verified_account(contact.email, owner=owner)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, actor: Person, contact: Contact, data: ContactInput) -> Contact:
    _require_owner(contact.owner_id, actor, PeopleCode.NO_CONTACT)
    fields = _contact_fields(data)
    _check_contact_email(contact.owner, str(fields["email"]), exclude=contact.pk)
    # The link follows the address: a new address links to its verified account
    # (or to none); the same address keeps the link as it is, so an unlink stays.
    if fields["email"] != contact.email:
        contact.person = _verified_account(str(fields["email"]), owner=contact.owner)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()
    return contact


@transaction.atomic
def contact_delete(*, actor: Person, contact: Contact) -> None:
    _require_owner(contact.owner_id, actor, PeopleCode.NO_CONTACT)
    contact.delete()


@transaction.atomic
def contact_unlink(*, actor: Person, contact: Contact) -> Contact:
    """Stop treating ``contact`` as the Tribe account it was linked to.

    Relationships already started with that account stay as they are; new
    ones started from the contact stay with the contact.
    """
    _require_owner(contact.owner_id, actor, PeopleCode.NO_CONTACT)
    contact.person = None
    contact.save(update_fields=["person", "updated_at"])
    return contact


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "names": {"created": self.created, "updated": self.updated},
        }


_IMPORT_FIELDS = ("headline", "company", "position", "phone", "url", "connected_on", "notes")


#: Addresses per query when an import looks for accounts (SQLite binds at most
#: 32,766 variables in one statement; PostgreSQL plans a long IN list slowly).
LOOKUP_SLICE = 900


def contacts_import(
    *, owner: Person, data: bytes, format: str, source_name: str = "file", dry_run: bool = False
) -> ImportReport:
    """Import contacts from a LinkedIn export, vCard or CSV: all rows or none.

    A row whose e-mail matches an existing contact fills in that contact's
    empty fields instead of creating a duplicate; a row without an e-mail
    matches an existing contact by exact name.
    """
    parsed = parse_contacts(data, format=format, source=source_name)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        existing = list(Contact.objects.filter(owner=owner))
        by_email = {c.email: c for c in existing if c.email}
        by_name = {c.name.casefold(): c for c in existing}
        # Only accounts that proved their address are linked (see _verified_account).
        emails = [row.email for row in parsed if row.email]
        accounts: dict[str, Person] = {}
        # In slices: one IN list of every address passes SQLite's limit on
        # bound variables (and makes a slow plan on PostgreSQL).
        for start in range(0, len(emails), LOOKUP_SLICE):
            accounts.update(
                (p.email, p)
                for p in Person.objects.filter(
                    email__in=emails[start : start + LOOKUP_SLICE],
                    email_verified_at__isnull=False,
                    is_active=True,
                ).exclude(pk=owner.pk)
            )
        to_create: list[Contact] = []
        to_update: list[Contact] = []
        for row in parsed:
            match = by_email.get(row.email) if row.email else by_name.get(row.name.casefold())
            if match is None:
                to_create.append(_contact_from_row(owner, row, format, accounts.get(row.email)))
                report.created.append(row.name)
            elif _fill_blanks(match, row):
                to_update.append(match)
                report.updated.append(row.name)
            else:
                report.unchanged.append(row.name)
        if not dry_run:
            Contact.objects.bulk_create(to_create, batch_size=500)
            if to_update:
                Contact.objects.bulk_update(to_update, [*_IMPORT_FIELDS, "email"], batch_size=500)
    return report


def _contact_from_row(
    owner: Person, row: ParsedContact, source: str, account: Person | None
) -> Contact:
    values = {name: getattr(row, name) for name in ("name", "email", *_IMPORT_FIELDS)}
    return Contact(owner=owner, source=source, person=account, **values)


def _fill_blanks(contact: Contact, row: ParsedContact) -> bool:
    """Copy imported values into empty fields only: never overwrite what the owner typed."""
    changed = False
    for name in (*_IMPORT_FIELDS, "email"):
        incoming = getattr(row, name)
        if incoming and not getattr(contact, name):
            setattr(contact, name, incoming)
            changed = True
    return changed

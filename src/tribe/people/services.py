"""Writes for people, their profiles, goals, availability and contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from tribe.core import validation as v
from tribe.core.errors import Conflict, ValidationError
from tribe.core.zones import validate_zone
from tribe.people.importers import ParsedContact, parse_contacts
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person, Win

MSG_EMAIL_TAKEN = "an account with this e-mail address already exists"
MSG_CONTACT_EMAIL_TAKEN = "you already have a contact with this e-mail address"
MSG_WINDOW_ORDER = "must be after the start time"
MSG_WINDOW_OVERLAP = "overlaps another window on {day}"
MSG_CAPACITY_WITHOUT_OPENNESS = "set a capacity of at least 1 to be open to mentoring"


class Unset:
    """Marks an optional argument that was not given (None is a real value)."""


UNSET = Unset()


def _password(password: str | None, person: Person | None = None) -> None:
    if password is None:
        return
    try:
        password_validation.validate_password(password, user=person)
    except DjangoValidationError as exc:
        raise ValidationError(" ".join(exc.messages), field="password") from exc


@transaction.atomic
def person_create(
    *,
    email: str,
    name: str,
    password: str | None,
    timezone: str = "UTC",
    headline: str = "",
    languages: Iterable[str] | str = (),
    expertise: Iterable[str] | str = (),
    offers: str = "",
    seniority: int = 0,
    open_to_mentoring: bool = False,
    mentee_capacity: int = 0,
    is_staff: bool = False,
) -> Person:
    """Create an account (``password=None`` makes one that cannot log in yet)."""
    clean_email = v.email(email)
    person = Person(
        email=clean_email,
        name=v.text(name, field="name", max_length=200, required=True),
        headline=v.text(headline, field="headline", max_length=200),
        timezone=validate_zone(timezone),
        languages=v.string_list(languages, field="languages"),
        expertise=v.string_list(expertise, field="expertise"),
        offers=v.text(offers, field="offers", max_length=2000),
        seniority=v.integer(seniority, field="seniority", low=0, high=80),
        open_to_mentoring=open_to_mentoring,
        mentee_capacity=v.integer(mentee_capacity, field="mentee_capacity", low=0, high=100),
        is_staff=is_staff,
    )
    _check_openness(person)
    _password(password, person)
    if Person.objects.filter(email__iexact=clean_email).exists():
        raise Conflict(MSG_EMAIL_TAKEN, field="email")
    if password is None:
        person.set_unusable_password()
    else:
        person.set_password(password)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent sign-up with the same address
        raise Conflict(MSG_EMAIL_TAKEN, field="email") from exc
    # Anyone who already had this address as a contact now knows the account.
    Contact.objects.filter(email=clean_email, person__isnull=True).update(person=person)
    return person


def _check_openness(person: Person) -> None:
    if person.open_to_mentoring and person.mentee_capacity < 1:
        raise ValidationError(MSG_CAPACITY_WITHOUT_OPENNESS, field="mentee_capacity")


@transaction.atomic
def person_update_profile(
    *,
    person: Person,
    name: str,
    headline: str,
    timezone: str,
    languages: Iterable[str] | str,
    expertise: Iterable[str] | str,
    offers: str,
    seniority: int,
    open_to_mentoring: bool,
    mentee_capacity: int,
    preferred_cadence_days: int | Unset | None = UNSET,
    nudge_after_days: int | Unset = UNSET,
    share_mentors: bool | Unset = UNSET,
) -> Person:
    """Save a profile.

    The mentor and outreach settings are optional: left out, they keep their value.
    """
    # Validate everything before touching ``person``: a refusal leaves it as it was.
    fields = {
        "name": v.text(name, field="name", max_length=200, required=True),
        "headline": v.text(headline, field="headline", max_length=200),
        "timezone": validate_zone(timezone),
        "languages": v.string_list(languages, field="languages"),
        "expertise": v.string_list(expertise, field="expertise"),
        "offers": v.text(offers, field="offers", max_length=2000),
        "seniority": v.integer(seniority, field="seniority", low=0, high=80),
        "open_to_mentoring": open_to_mentoring,
        "mentee_capacity": v.integer(mentee_capacity, field="mentee_capacity", low=0, high=100),
    }
    if not isinstance(preferred_cadence_days, Unset):
        fields["preferred_cadence_days"] = (
            None
            if preferred_cadence_days is None
            else v.integer(preferred_cadence_days, field="preferred_cadence_days", low=1, high=366)
        )
    if not isinstance(nudge_after_days, Unset):
        fields["nudge_after_days"] = v.integer(
            nudge_after_days, field="nudge_after_days", low=1, high=60
        )
    if not isinstance(share_mentors, Unset):
        fields["share_mentors"] = share_mentors
    if open_to_mentoring and fields["mentee_capacity"] < 1:  # type: ignore[operator]
        raise ValidationError(MSG_CAPACITY_WITHOUT_OPENNESS, field="mentee_capacity")
    for name_, value in fields.items():
        setattr(person, name_, value)
    person.save()
    return person


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
            raise ValidationError(MSG_WINDOW_ORDER, field=f"{where}.ends")
        for other in by_day.get(window.weekday, []):
            if window.starts < other.ends and other.starts < window.ends:
                day = AvailabilityWindow.Weekday(window.weekday).label
                raise ValidationError(MSG_WINDOW_OVERLAP.format(day=day), field=f"{where}.starts")
        by_day.setdefault(window.weekday, []).append(window)
    AvailabilityWindow.objects.filter(person=person).delete()
    return AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(person=person, weekday=w.weekday, starts=w.starts, ends=w.ends)
        for w in windows
    )


# Goals -----------------------------------------------------------------------


def _goal_fields(
    title: str, why: str, target_date: dt.date | None, status: str
) -> dict[str, object]:
    if status not in Goal.Status.values:
        raise ValidationError(
            f"“{status}” is not one of {', '.join(Goal.Status.values)}", field="status"
        )
    return {
        "title": v.text(title, field="title", max_length=200, required=True),
        "why": v.text(why, field="why", max_length=2000),
        "target_date": target_date,
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
) -> Goal:
    return Goal.objects.create(person=person, **_goal_fields(title, why, target_date, status))


@transaction.atomic
def goal_update(
    *, goal: Goal, title: str, why: str, target_date: dt.date | None, status: str
) -> Goal:
    for name, value in _goal_fields(title, why, target_date, status).items():
        setattr(goal, name, value)
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
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
        "name": v.text(data.name, field="name", max_length=200, required=True),
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


def _link_account(contact: Contact) -> None:
    if contact.email and contact.person_id is None:
        contact.person = Person.objects.filter(email=contact.email).first()


def _check_contact_email(owner: Person, email: str, exclude: int | None = None) -> None:
    if not email:
        return
    clash = Contact.objects.filter(owner=owner, email=email)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Conflict(MSG_CONTACT_EMAIL_TAKEN, field="email")


@transaction.atomic
def contact_create(
    *, owner: Person, data: ContactInput, source: str = Contact.Source.MANUAL
) -> Contact:
    fields = _contact_fields(data)
    _check_contact_email(owner, str(fields["email"]))
    contact = Contact(owner=owner, source=source, **fields)
    _link_account(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, data: ContactInput) -> Contact:
    fields = _contact_fields(data)
    _check_contact_email(contact.owner, str(fields["email"]), exclude=contact.pk)
    if fields["email"] != contact.email:
        contact.person = None
    for name, value in fields.items():
        setattr(contact, name, value)
    _link_account(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    contact.delete()


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
        accounts = {
            p.email: p
            for p in Person.objects.filter(email__in=[row.email for row in parsed if row.email])
        }
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
            Contact.objects.bulk_create(to_create)
            if to_update:
                Contact.objects.bulk_update(to_update, [*_IMPORT_FIELDS, "email"])
    return report


def _contact_from_row(
    owner: Person, row: ParsedContact, source: str, account: Person | None
) -> Contact:
    return Contact(
        owner=owner,
        name=row.name,
        email=row.email,
        headline=row.headline,
        company=row.company,
        position=row.position,
        phone=row.phone,
        url=row.url,
        connected_on=row.connected_on,
        notes=row.notes,
        source=source,
        person=account,
    )


def _fill_blanks(contact: Contact, row: ParsedContact) -> bool:
    """Copy imported values into empty fields only: never overwrite what the owner typed."""
    changed = False
    for name in (*_IMPORT_FIELDS, "email"):
        incoming = getattr(row, name)
        if incoming and not getattr(contact, name):
            setattr(contact, name, incoming)
            changed = True
    return changed


MSG_WIN_FUTURE = "cannot be in the future"


@transaction.atomic
def win_record(
    *, person: Person, text: str, happened_on: dt.date, today: dt.date, goal: Goal | None = None
) -> Win:
    """Note something that went well: it feeds agendas and updates to mentors."""
    if goal is not None and goal.person_id != person.pk:
        raise ValidationError("is not one of your goals", field="goal")
    if happened_on > today:
        raise ValidationError(MSG_WIN_FUTURE, field="happened_on")
    return Win.objects.create(
        person=person,
        goal=goal,
        happened_on=happened_on,
        text=v.text(text, field="text", max_length=500, required=True),
    )


@transaction.atomic
def win_delete(*, win: Win) -> None:
    win.delete()

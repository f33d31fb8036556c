"""Writes for people, their profiles, goals, availability and contacts."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import validate_zone
from tribe.people.importers import ParsedContact, parse_contacts
from tribe.people.models import AvailabilityWindow, Contact, EmailToken, Goal, Person, Win
from tribe.people.selectors import email_token_get, email_token_hash

MSG_EMAIL_TAKEN = "an account with this e-mail address already exists"
MSG_ALREADY_VERIFIED = "this address is already verified"
MSG_NO_CONTACT = "no such contact"
MSG_CONTACT_EMAIL_TAKEN = "you already have a contact with this e-mail address"
MSG_WINDOW_ORDER = "must be after the start time"
MSG_WINDOW_OVERLAP = "overlaps another window on {day}"
MSG_CAPACITY_WITHOUT_OPENNESS = "set a capacity of at least 1 to be open to mentoring"
#: How long a verification link works.
VERIFY_FOR = dt.timedelta(hours=48)


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
    email_verified_at: dt.datetime | None = None,
    is_demo: bool = False,
) -> Person:
    """Create an account (``password=None`` makes one that cannot log in yet).

    The address counts as unverified unless ``email_verified_at`` says when it
    was proved (the demo, tests, an administrator who knows the person); the
    sign-up page never sets it: the person proves it with the mailed link.
    Creating an account links no one's contacts to it.
    """
    person = _new_person(
        email=email,
        name=name,
        password=password,
        timezone=timezone,
        headline=headline,
        languages=languages,
        expertise=expertise,
        offers=offers,
        seniority=seniority,
        open_to_mentoring=open_to_mentoring,
        mentee_capacity=mentee_capacity,
        is_staff=is_staff,
    )
    person.email_verified_at = email_verified_at
    person.is_demo = is_demo
    if Person.objects.filter(email__iexact=person.email).exists():
        raise Conflict(MSG_EMAIL_TAKEN, field="email")
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent sign-up with the same address
        raise Conflict(MSG_EMAIL_TAKEN, field="email") from exc
    return person


def _new_person(
    *,
    email: str,
    name: str,
    password: str | None,
    timezone: str,
    headline: str = "",
    languages: Iterable[str] | str = (),
    expertise: Iterable[str] | str = (),
    offers: str = "",
    seniority: int = 0,
    open_to_mentoring: bool = False,
    mentee_capacity: int = 0,
    is_staff: bool = False,
) -> Person:
    """An unsaved, validated account with its password hashed."""
    person = Person(
        email=v.email(email),
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
    if password is None:
        person.set_unusable_password()
    else:
        person.set_password(password)
    return person


@transaction.atomic
def signup_request(
    *,
    email: str,
    name: str,
    password: str,
    timezone: str = "UTC",
    base_url: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Sign up without telling anyone whether the address already has an account.

    Every field is checked (and the password hashed) the same way in both
    cases. A new address gets an unverified account and a verification link;
    an address that has an account gets a note that someone tried to sign up
    with it, with the log-in and password-reset links. Either way the caller
    learns nothing, and the mail goes out only once the transaction commits.
    """
    moment = clock.resolve(now)
    person = _new_person(email=email, name=name, password=password, timezone=timezone)
    existing = Person.objects.filter(email__iexact=person.email).first()
    if existing is None:
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:  # a concurrent sign-up with the same address won
            existing = Person.objects.filter(email__iexact=person.email).first()
            if existing is None:
                raise
        else:
            email_verification_send(person=person, now=moment, base_url=base_url)
            return
    _mail_on_commit(
        existing.email,
        "Someone tried to sign up to Tribe with your address",
        _signup_attempt_text(existing, base_url),
    )


def _link(base_url: str | None, path: str) -> str:
    """An absolute address for a mail: the configured site address wins over the request's."""
    base = settings.TRIBE_BASE_URL or base_url or "http://localhost:8000"
    return base.rstrip("/") + path


def _mail_on_commit(recipient: str, subject: str, body: str) -> None:
    def send() -> None:
        send_mail(subject, body, None, [recipient])

    # robust: a mail server that is down must not turn a saved sign-up into an error page
    # (nor tell the visitor anything); the person can ask for a new link from their profile.
    transaction.on_commit(send, robust=True)


def _signup_attempt_text(person: Person, base_url: str | None) -> str:
    return (
        f"Hello {person.get_short_name()},\n\n"
        "someone (perhaps you) tried to create a Tribe account with this e-mail address,\n"
        "which already has one. Nothing was changed and no new account was made.\n\n"
        f"To log in: {_link(base_url, reverse('web:login'))}\n"
        f"Forgot your password? Choose a new one: {_link(base_url, reverse('web:password_reset'))}\n\n"
        "If it was not you, you can ignore this e-mail.\n"
    )


@transaction.atomic
def email_verification_send(
    *, person: Person, now: dt.datetime | None = None, base_url: str | None = None
) -> None:
    """Mail ``person`` a single-use link that proves the address is theirs (valid 48 hours).

    Only the token's SHA-256 is stored; a new link replaces any earlier one.
    """
    if person.email_verified_at is not None:
        raise Conflict(MSG_ALREADY_VERIFIED, field="email", code="already_verified")
    moment = clock.resolve(now)
    EmailToken.objects.filter(
        person=person,
        purpose=EmailToken.Purpose.VERIFY,
        used_at__isnull=True,
        expires_at__gt=moment,
    ).update(expires_at=moment)
    token = secrets.token_urlsafe(32)  # 256 random bits
    EmailToken.objects.create(
        person=person,
        purpose=EmailToken.Purpose.VERIFY,
        email=person.email,
        token_hash=email_token_hash(token),
        expires_at=moment + VERIFY_FOR,
    )
    link = _link(base_url, reverse("web:verify_email", args=[token]))
    _mail_on_commit(
        person.email,
        "Confirm your e-mail address for Tribe",
        f"Hello {person.get_short_name()},\n\n"
        "to confirm that this address is yours, open this link within 48 hours;\n"
        "on the page it opens, enter your Tribe password and press the button:\n\n"
        f"{link}\n\n"
        "If you did not sign up to Tribe, ignore this e-mail and do not press the button:\n"
        "the account stays unconfirmed.\n",
    )


@transaction.atomic
def email_verify(*, token: str, now: dt.datetime | None = None) -> Person:
    """Use a verification link: the address is verified and the link works no more.

    Raises a ValidationError coded ``token_invalid``, ``token_expired`` or
    ``token_used``. Verifying links no one's contacts to the account: a
    contact is linked only when its owner adds or changes it, or through a
    request the account holder accepts.
    """
    moment = clock.resolve(now)
    row = email_token_get(token=token, now=moment, lock=True)
    row.used_at = moment
    row.save(update_fields=["used_at", "updated_at"])
    person = row.person
    if person.email_verified_at is None:
        person.email_verified_at = moment
        person.save(update_fields=["email_verified_at", "updated_at"])
    return person


def _require_owner(owner_id: int, actor: Person, what: str) -> None:
    """Goals, contacts and wins are their owner's alone: anyone else is told there is none."""
    if owner_id != actor.pk:  # callers fetch through *_get_for; this is defence in depth
        raise NotFound(f"no such {what}")


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
    *, actor: Person, goal: Goal, title: str, why: str, target_date: dt.date | None, status: str
) -> Goal:
    _require_owner(goal.person_id, actor, "goal")
    for name, value in _goal_fields(title, why, target_date, status).items():
        setattr(goal, name, value)
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, actor: Person, goal: Goal) -> None:
    _require_owner(goal.person_id, actor, "goal")
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
        raise Conflict(MSG_CONTACT_EMAIL_TAKEN, field="email")


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
    _require_owner(contact.owner_id, actor, "contact")
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
    _require_owner(contact.owner_id, actor, "contact")
    contact.delete()


@transaction.atomic
def contact_unlink(*, actor: Person, contact: Contact) -> Contact:
    """Stop treating ``contact`` as the Tribe account it was linked to.

    Relationships already started with that account stay as they are; new
    ones started from the contact stay with the contact.
    """
    if contact.owner_id != actor.pk:
        raise NotFound(MSG_NO_CONTACT)
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
        accounts = {
            p.email: p
            for p in Person.objects.filter(
                email__in=[row.email for row in parsed if row.email],
                email_verified_at__isnull=False,
                is_active=True,
            ).exclude(pk=owner.pk)
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
def win_delete(*, actor: Person, win: Win) -> None:
    _require_owner(win.person_id, actor, "win")
    win.delete()

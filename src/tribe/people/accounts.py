"""Writes for accounts: creating one, signing up, proving the address, the profile.

Sign-up tells no one whether an address already has an account; the mails
it sends go out only once the transaction commits. An address counts as
verified only by the mailed link (or when whoever creates the account says
when it was proved).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.errors import Conflict, ValidationError
from tribe.core.zones import validate_zone
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
from tribe.people.errors import PeopleCode
from tribe.people.models import EmailToken, Person
from tribe.people.selectors import email_token_get, email_token_hash

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
        raise ValidationError(
            " ".join(exc.messages), field="password", code=PeopleCode.WEAK_PASSWORD
        ) from exc


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
    person = Person(
        email=v.email(email),
        **_profile_fields(
            name=name,
            headline=headline,
            timezone=timezone,
            languages=languages,
            expertise=expertise,
            offers=offers,
            seniority=seniority,
            mentee_capacity=mentee_capacity,
        ),
        open_to_mentoring=open_to_mentoring,
        is_staff=is_staff,
        email_verified_at=email_verified_at,
        is_demo=is_demo,
    )
    _admit(person, password)
    if Person.objects.filter(email__iexact=person.email).exists():
        raise Conflict(PeopleCode.EMAIL_TAKEN, field="email")
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent sign-up with the same address
        raise Conflict(PeopleCode.EMAIL_TAKEN, field="email") from exc
    return person


def _admit(person: Person, password: str | None) -> None:
    """Check a new, unsaved account's offer to mentor and its password, and hash the password."""
    _check_openness(person.open_to_mentoring, person.mentee_capacity)
    _password(password, person)
    if password is None:
        person.set_unusable_password()
    else:
        person.set_password(password)


def _profile_fields(
    *,
    name: str,
    timezone: str,
    headline: str = "",
    languages: Iterable[str] | str = (),
    expertise: Iterable[str] | str = (),
    offers: str = "",
    seniority: int = 0,
    mentee_capacity: int = 0,
) -> dict[str, Any]:
    """What a person says of themselves, validated in this order (the first problem is raised).

    Left out, a field is what a new account starts with (a sign-up gives only name and zone).
    """
    return {
        "name": v.line(name, field="name", max_length=200, required=True),
        "headline": v.text(headline, field="headline", max_length=200),
        "timezone": validate_zone(timezone),
        "languages": v.string_list(languages, field="languages"),
        "expertise": v.string_list(expertise, field="expertise"),
        "offers": v.text(offers, field="offers", max_length=2000),
        "seniority": v.integer(seniority, field="seniority", low=0, high=80),
        "mentee_capacity": v.integer(mentee_capacity, field="mentee_capacity", low=0, high=100),
    }


def _check_openness(open_to_mentoring: bool, mentee_capacity: int) -> None:
    if open_to_mentoring and mentee_capacity < 1:
        raise ValidationError(PeopleCode.CAPACITY_WITHOUT_OPENNESS, field="mentee_capacity")


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
    causes: Iterable[str] | str | Unset = UNSET,
) -> Person:
    """Save a profile.

    The mentor and outreach settings are optional: left out, they keep their value.
    """
    # Validate everything before touching ``person``: a refusal leaves it as it was.
    fields = _profile_fields(
        name=name,
        headline=headline,
        timezone=timezone,
        languages=languages,
        expertise=expertise,
        offers=offers,
        seniority=seniority,
        mentee_capacity=mentee_capacity,
    )
    fields["open_to_mentoring"] = open_to_mentoring
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
    if not isinstance(causes, Unset):
        fields["causes"] = v.string_list(causes, field="causes", max_items=20)
    _check_openness(open_to_mentoring, fields["mentee_capacity"])
    for name_, value in fields.items():
        setattr(person, name_, value)
    person.save()
    return person


@transaction.atomic
def signup_request(
    *,
    email: str,
    name: str,
    password: str,
    timezone: str = "UTC",
    base_url: str | None = None,
    next_path: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Sign up without telling anyone whether the address already has an account.

    ``next_path`` (a path on this site, checked by the caller) is where the
    verification link leads once used, such as the programme invitation that
    sent the person here.

    Every field is checked (and the password hashed) the same way in both
    cases. A new address gets an unverified account and a verification link;
    an address that has an account gets a note that someone tried to sign up
    with it, with the log-in and password-reset links. Either way the caller
    learns nothing, and the mail goes out only once the transaction commits.
    """
    moment = clock.resolve(now)
    person = Person(email=v.email(email), **_profile_fields(name=name, timezone=timezone))
    _admit(person, password)
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
            email_verification_send(
                person=person, now=moment, base_url=base_url, next_path=next_path
            )
            return
    _mail_on_commit(
        existing.email,
        gettext("Someone tried to sign up to Tribe with your address"),
        _signup_attempt_text(existing, base_url),
        kind=Message.Kind.SIGNUP_ATTEMPT,
        # One such notice an hour at most: sign-ups with someone's address, in a
        # loop, must not become a way to fill their inbox.
        key=f"signup_attempt:{existing.pk}:{moment:%Y%m%d%H}",
        person=existing,
    )


def _link(base_url: str | None, path: str) -> str:
    """An absolute address for a mail: the configured site address wins over the request's."""
    base = settings.TRIBE_BASE_URL or base_url or "http://localhost:8000"
    return base.rstrip("/") + path


def _mail_on_commit(
    recipient: str, subject: str, body: str, *, kind: str, key: str, person: Person
) -> None:
    # Through the outbox, in this transaction: a worker sends it once the
    # sign-up is saved, and a mail server that is down delays the mail (it is
    # retried) without turning a saved sign-up into an error page.
    message_queue(
        key=key, kind=kind, to=recipient, subject=subject, body_text=body, person_id=person.pk
    )


def _signup_attempt_text(person: Person, base_url: str | None) -> str:
    return gettext(
        "Hello {name},\n\n"
        "someone (perhaps you) tried to create a Tribe account with this e-mail address,\n"
        "which already has one. Nothing was changed and no new account was made.\n\n"
        "To log in: {login}\n"
        "Forgot your password? Choose a new one: {reset}\n\n"
        "If it was not you, you can ignore this e-mail.\n"
    ).format(
        name=person.get_short_name(),
        login=_link(base_url, reverse("web:login")),
        reset=_link(base_url, reverse("web:password_reset")),
    )


@transaction.atomic
def email_verification_send(
    *,
    person: Person,
    now: dt.datetime | None = None,
    base_url: str | None = None,
    next_path: str = "",
) -> None:
    """Mail ``person`` a single-use link that proves the address is theirs (valid 48 hours).

    Only the token's SHA-256 is stored; a new link replaces any earlier one.
    """
    if person.email_verified_at is not None:
        raise Conflict(PeopleCode.ALREADY_VERIFIED, field="email")
    moment = clock.resolve(now)
    EmailToken.objects.filter(
        person=person,
        purpose=EmailToken.Purpose.VERIFY,
        used_at__isnull=True,
        expires_at__gt=moment,
    ).update(expires_at=moment)
    token = secrets.token_urlsafe(32)  # 256 random bits
    row = EmailToken.objects.create(
        person=person,
        purpose=EmailToken.Purpose.VERIFY,
        email=person.email,
        token_hash=email_token_hash(token),
        expires_at=moment + VERIFY_FOR,
    )
    path = reverse("web:verify_email", args=[token])
    if next_path:
        path += "?" + urlencode({"next": next_path})
    link = _link(base_url, path)
    _mail_on_commit(
        person.email,
        gettext("Confirm your e-mail address for Tribe"),
        gettext(
            "Hello {name},\n\n"
            "to confirm that this address is yours, open this link within 48 hours;\n"
            "on the page it opens, enter your Tribe password and press the button:\n\n"
            "{link}\n\n"
            "If you did not sign up to Tribe, ignore this e-mail and do not press the button:\n"
            "the account stays unconfirmed.\n"
        ).format(name=person.get_short_name(), link=link),
        kind=Message.Kind.VERIFICATION,
        key=f"verification:{row.pk}",
        person=person,
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

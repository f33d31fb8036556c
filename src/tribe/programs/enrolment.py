"""Enrolment: invitations, the open sign-up link, the intake, leaving.

Nobody is a participant without saying so: a person joins through a link,
either an invitation (single use, expiring, bound to one address and one
programme) or the programme's open sign-up link, and gives their intake.
Only the SHA-256 of a link's token is stored, so a copy of the database
opens nothing; the link itself is shown once, to the administrator who made
it, and mailed (after the transaction commits) to the address invited.

The intake is written to the programme (its administrators read it, and the
form says so) and, since it fills the profile that matching reads, it may
update the person's own languages, time zone and seniority: they are the one
acting.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.zones import validate_zone
from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    CAPACITY_MAX,
    TEXT_MAX,
    Cohort,
    Invitation,
    MatchOffer,
    OfferStatus,
    Participant,
    Programme,
    Role,
    RosterEntry,
)
from tribe.programs.roster_import import participants_left
from tribe.programs.selectors import (
    invitation_for_token,
    is_admin,
    programme_for_signup_token,
    token_hash,
)

__all__ = [
    "INVITE_FOR",
    "ROSTER_INVITE_BATCH",
    "Intake",
    "Issued",
    "invitation_accept",
    "invitation_create",
    "invitation_create_for_roster",
    "invitation_revoke",
    "join_link",
    "participant_enrol",
    "participant_intake_update",
    "participant_leave",
    "signup_accept",
    "signup_link_close",
    "signup_link_open",
]

#: How long an invitation works.
INVITE_FOR = dt.timedelta(days=14)
#: Most mentors a mentee ranks, and people a participant avoids.
PREFERRED_MAX = 3
AVOID_MAX = 20


@dataclass(frozen=True)
class Intake:
    """What a participant tells the programme. ``None`` for a profile field keeps it."""

    role: str
    wants: str = ""
    offers: str = ""
    capacity: int = 0
    cohort_id: int | None = None
    preferred: Sequence[int] = ()
    avoid: Sequence[int] = ()
    answers: Mapping[str, str] = field(default_factory=dict)
    languages: Sequence[str] | str | None = None
    timezone: str | None = None
    seniority: int | None = None


@dataclass(frozen=True)
class Issued:
    """A new invitation and its link (shown once: only its hash is kept)."""

    invitation: Invitation
    link: str


def _require_admin(actor: Person, programme: Programme) -> None:
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)


def _require_open(programme: Programme) -> None:
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)


def join_link(token: str, base_url: str | None = None) -> str:
    """The absolute address of a join link (the configured site address wins)."""
    base = settings.TRIBE_BASE_URL or base_url or "http://localhost:8000"
    return base.rstrip("/") + reverse("web:programme_join", args=[token])


def _mail_on_commit(messages: list[dict[str, Any]]) -> None:
    # Through the outbox, in this transaction: the invitations and their mail
    # are saved together, and a mail server that is down delays the mail (it
    # is retried) without undoing the invitations; the administrator has the
    # links on the page and can pass them on.
    for message in messages:
        message_queue(**message)


def _invitation_mail(invitation: Invitation, link: str, actor: Person) -> dict[str, Any]:
    subject = gettext("You are invited to {programme} on Tribe").format(
        programme=invitation.programme.name
    )
    body = gettext(
        "Hello,\n\n"
        "{admin} invites you to take part in {programme}, a mentoring programme on Tribe.\n"
        "To join, open this link before {date} and sign in (or sign up) with this\n"
        "address, {email}:\n\n"
        "{link}\n\n"
        "You will be asked what you would like to learn or can offer; the programme's\n"
        "administrators read those answers. What you write in your relationships stays\n"
        "yours. The link works once, for this address only. If you do not want to take\n"
        "part, ignore this e-mail.\n"
    ).format(
        admin=actor.name,
        programme=invitation.programme.name,
        date=invitation.expires_at.date().isoformat(),
        email=invitation.email,
        link=link,
    )
    return {
        "key": f"invitation:{invitation.pk}",
        "kind": Message.Kind.INVITATION,
        "to": invitation.email,
        "subject": subject,
        "body_text": body,
        "person_id": None,
    }


def _cohort(programme: Programme, cohort: Cohort | None) -> Cohort | None:
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError(ProgrammeCode.NO_COHORT, field="cohort")
    return cohort


def _new_invitation(
    programme: Programme,
    email: str,
    *,
    actor: Person,
    cohort: Cohort | None,
    roster_entry: RosterEntry | None,
    moment: dt.datetime,
) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)  # 256 random bits
    invitation = Invitation(
        programme=programme,
        cohort=cohort,
        email=email,
        roster_entry=roster_entry,
        token_hash=token_hash(token),
        expires_at=moment + INVITE_FOR,
        invited_by=actor,
    )
    return invitation, token


@transaction.atomic
def invitation_create(
    *,
    actor: Person,
    programme: Programme,
    email: str,
    cohort: Cohort | None = None,
    base_url: str | None = None,
    now: dt.datetime | None = None,
) -> Issued:
    """Invite one address; an earlier open invitation to it is replaced (a resend)."""
    _require_admin(actor, programme)
    _require_open(programme)
    moment = clock.resolve(now)
    address = v.email(email)
    cohort = _cohort(programme, cohort)
    if programme.participants.filter(
        person__email__iexact=address, status=Participant.Status.ENROLLED
    ).exists():
        raise Conflict(ProgrammeCode.ALREADY_ENROLLED, field="email", email=address)
    programme.invitations.filter(
        email__iexact=address, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=moment, updated_at=moment)
    entry = programme.roster.filter(email=address, active=True).first()
    invitation, token = _new_invitation(
        programme, address, actor=actor, cohort=cohort, roster_entry=entry, moment=moment
    )
    invitation.save()
    link = join_link(token, base_url)
    _mail_on_commit([_invitation_mail(invitation, link, actor)])
    return Issued(invitation, link)


#: Invitations one "invite the roster" sends at most (a mail and a shown link each).
ROSTER_INVITE_BATCH = 500


@transaction.atomic
def invitation_create_for_roster(
    *,
    actor: Person,
    programme: Programme,
    cohort: Cohort | None = None,
    base_url: str | None = None,
    now: dt.datetime | None = None,
    limit: int | None = None,
) -> list[Issued]:
    """Invite the active roster entries not enrolled and without an open invitation,
    in roster order, at most ``limit`` of them (default :data:`ROSTER_INVITE_BATCH`):
    each is a mail and a link shown once, so a page sends them a batch at a time
    (``selectors.roster_waiting_count`` says how many remain)."""
    _require_admin(actor, programme)
    _require_open(programme)
    moment = clock.resolve(now)
    cohort = _cohort(programme, cohort)
    enrolled = {
        e.lower()
        for e in programme.participants.filter(status=Participant.Status.ENROLLED).values_list(
            "person__email", flat=True
        )
    }
    invited = {
        e.lower()
        for e in programme.invitations.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=moment
        ).values_list("email", flat=True)
    }
    made: list[tuple[Invitation, str]] = []
    room = ROSTER_INVITE_BATCH if limit is None else limit
    for entry in programme.roster.filter(active=True).order_by("id"):
        if entry.email in enrolled or entry.email in invited:
            continue
        if len(made) >= room:
            break
        made.append(
            _new_invitation(
                programme,
                entry.email,
                actor=actor,
                cohort=cohort,
                roster_entry=entry,
                moment=moment,
            )
        )
    Invitation.objects.bulk_create([invitation for invitation, _ in made], batch_size=500)
    issued = [Issued(invitation, join_link(token, base_url)) for invitation, token in made]
    _mail_on_commit([_invitation_mail(i.invitation, i.link, actor) for i in issued])
    return issued


@transaction.atomic
def invitation_revoke(
    *, actor: Person, invitation: Invitation, now: dt.datetime | None = None
) -> Invitation:
    """Withdraw an invitation not used yet; its link stops working."""
    _require_admin(actor, invitation.programme)
    if invitation.used_at is not None:
        raise Conflict(ProgrammeCode.INVITATION_USED, field="invitation")
    if invitation.revoked_at is None:
        invitation.revoked_at = clock.resolve(now)
        invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


@transaction.atomic
def signup_link_open(*, actor: Person, programme: Programme, base_url: str | None = None) -> str:
    """Open the sign-up link, or replace it (the old link stops working); returns it."""
    _require_admin(actor, programme)
    _require_open(programme)
    token = secrets.token_urlsafe(32)
    programme.signup_token_hash = token_hash(token)
    programme.save(update_fields=["signup_token_hash", "updated_at"])
    return join_link(token, base_url)


@transaction.atomic
def signup_link_close(*, actor: Person, programme: Programme) -> Programme:
    """Close the sign-up link: only invitations let people join."""
    _require_admin(actor, programme)
    programme.signup_token_hash = ""
    programme.save(update_fields=["signup_token_hash", "updated_at"])
    return programme


# -- joining -----------------------------------------------------------------------


def _require_verified(actor: Person) -> None:
    if not actor.is_authenticated or actor.email_verified_at is None:
        raise ValidationError(ProgrammeCode.UNVERIFIED, field="email")


@transaction.atomic
def participant_enrol(
    *, actor: Person, token: str, intake: Intake, now: dt.datetime | None = None
) -> Participant:
    """Join through a link, whichever kind it is: an invitation or an open sign-up."""
    if Invitation.objects.filter(token_hash=token_hash(token)).exists():
        return invitation_accept(actor=actor, token=token, intake=intake, now=now)
    return signup_accept(actor=actor, token=token, intake=intake, now=now)


@transaction.atomic
def invitation_accept(
    *, actor: Person, token: str, intake: Intake, now: dt.datetime | None = None
) -> Participant:
    """Accept an invitation: the person signed in must have the invited address, verified."""
    moment = clock.resolve(now)
    invitation = invitation_for_token(token=token, now=moment, lock=True)
    programme = invitation.programme
    _require_open(programme)
    if actor.email.lower() != invitation.email.lower():
        raise ValidationError(
            ProgrammeCode.WRONG_ADDRESS, field="token", email=invitation.email, mine=actor.email
        )
    _require_verified(actor)
    entry = invitation.roster_entry
    if entry is not None and not entry.active:
        entry = None
    participant = _enrol(
        actor,
        programme,
        intake,
        cohort=invitation.cohort,
        roster_entry=entry or _roster_entry(programme, actor),
        moment=moment,
    )
    invitation.used_at = moment
    invitation.save(update_fields=["used_at", "updated_at"])
    return participant


@transaction.atomic
def signup_accept(
    *, actor: Person, token: str, intake: Intake, now: dt.datetime | None = None
) -> Participant:
    """Join through the programme's open sign-up link (a verified address is needed)."""
    moment = clock.resolve(now)
    programme = programme_for_signup_token(token=token)
    _require_open(programme)
    _require_verified(actor)
    return _enrol(
        actor,
        programme,
        intake,
        cohort=None,
        roster_entry=_roster_entry(programme, actor),
        moment=moment,
    )


def _roster_entry(programme: Programme, person: Person) -> RosterEntry | None:
    return programme.roster.filter(email=person.email.lower(), active=True).first()


def _enrol(
    actor: Person,
    programme: Programme,
    intake: Intake,
    *,
    cohort: Cohort | None,
    roster_entry: RosterEntry | None,
    moment: dt.datetime,
) -> Participant:
    participant = (
        Participant.objects.select_for_update().filter(programme=programme, person=actor).first()
    )
    if participant is not None and participant.status == Participant.Status.ENROLLED:
        raise Conflict(ProgrammeCode.ALREADY_ENROLLED, field="email", email=actor.email)
    values, profile = _intake(programme, actor, intake, participant=participant)
    if cohort is not None:
        values["cohort"] = cohort
    if participant is None:
        participant = Participant(programme=programme, person=actor)
    for name, value in values.items():
        setattr(participant, name, value)
    participant.status = Participant.Status.ENROLLED
    participant.joined_at = moment
    participant.left_at = None
    participant.roster_entry = roster_entry
    participant.save()
    if roster_entry is not None and roster_entry.person_id != actor.pk:
        roster_entry.person = actor
        roster_entry.save(update_fields=["person", "updated_at"])
    _update_profile(actor, profile)
    return participant


@transaction.atomic
def participant_intake_update(
    *, actor: Person, participant: Participant, intake: Intake
) -> Participant:
    """The participant changes their intake (and the profile fields it carries)."""
    if participant.person_id != actor.pk:
        raise NotFound(ProgrammeCode.NO_PARTICIPANT)
    if participant.status != Participant.Status.ENROLLED:
        raise Conflict(ProgrammeCode.PARTICIPANT_LEFT)
    values, profile = _intake(participant.programme, actor, intake, participant=participant)
    _keep_matched_roles(participant, values["role"])
    for name, value in values.items():
        setattr(participant, name, value)
    participant.save()
    _update_profile(actor, profile)
    return participant


def _keep_matched_roles(participant: Participant, role: str) -> None:
    """A role with a match still open or accepted stays: a mentor who turns mentee
    would leave their mentees in pairs that no longer add up."""
    live = (OfferStatus.OPEN, OfferStatus.ACCEPTED)
    if (
        role == Role.MENTEE
        and MatchOffer.objects.filter(mentor=participant, status__in=live).exists()
    ):
        raise Conflict(ProgrammeCode.ROLE_IN_USE, field="role", role=Role.MENTOR.label)
    if (
        role == Role.MENTOR
        and MatchOffer.objects.filter(mentee=participant, status__in=live).exists()
    ):
        raise Conflict(ProgrammeCode.ROLE_IN_USE, field="role", role=Role.MENTEE.label)


@transaction.atomic
def participant_leave(
    *, actor: Person, participant: Participant, now: dt.datetime | None = None
) -> Participant:
    """Leave the programme (the participant, or one of its administrators).

    The relationships the programme made stay the two people's own; offers
    still waiting for answers, on either side, are withdrawn (the other person's
    mentee or mentor waits for the next run).
    """
    if participant.person_id != actor.pk and not is_admin(
        person=actor, programme=participant.programme
    ):
        raise NotFound(ProgrammeCode.NO_PARTICIPANT)
    if participant.status == Participant.Status.LEFT:
        raise Conflict(ProgrammeCode.PARTICIPANT_LEFT)
    moment = clock.resolve(now)
    # One way to leave, whoever makes it happen (this, a roster upload, SCIM).
    participants_left(participants=Participant.objects.filter(pk=participant.pk), moment=moment)
    participant.status = Participant.Status.LEFT
    participant.left_at = participant.updated_at = moment
    return participant


# -- the intake ----------------------------------------------------------------------


def _ids(value: Sequence[int], *, field: str, limit: int) -> list[int]:
    if isinstance(value, str | bytes):
        raise ValidationError(ProgrammeCode.NOT_A_PARTICIPANT, field=field, value=value)
    out: list[int] = []
    for raw in value:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValidationError(ProgrammeCode.NOT_A_PARTICIPANT, field=field, value=raw)
        if raw in out:
            raise ValidationError(ProgrammeCode.NAMED_TWICE, field=field, value=raw)
        out.append(raw)
    if len(out) > limit:
        raise ValidationError(CoreCode.TOO_MANY_ENTRIES, field=field, limit=limit)
    return out


def _intake(
    programme: Programme,
    person: Person,
    intake: Intake,
    *,
    participant: Participant | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The participant's fields and the profile's, each checked, in the form's order."""
    if intake.role not in Role.values:
        raise ValidationError(
            ProgrammeCode.BAD_CHOICE,
            field="role",
            value=intake.role,
            allowed=", ".join(Role.values),
        )
    mentee = intake.role in (Role.MENTEE, Role.BOTH)
    mentor = intake.role in (Role.MENTOR, Role.BOTH)
    values: dict[str, Any] = {
        "role": intake.role,
        "wants": v.text(intake.wants, field="wants", max_length=TEXT_MAX, required=mentee),
        "offers": v.text(intake.offers, field="offers", max_length=TEXT_MAX, required=mentor),
    }
    capacity = intake.capacity
    if mentor:
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise ValidationError(
                ProgrammeCode.MENTOR_CAPACITY, field="capacity", high=CAPACITY_MAX
            )
        if not 1 <= capacity <= CAPACITY_MAX:
            raise ValidationError(
                ProgrammeCode.MENTOR_CAPACITY, field="capacity", high=CAPACITY_MAX
            )
        values["capacity"] = capacity
    else:
        values["capacity"] = 0
    if intake.cohort_id is not None:
        cohort = programme.cohorts.filter(pk=intake.cohort_id).first()
        if cohort is None:
            raise ValidationError(ProgrammeCode.NO_COHORT, field="cohort")
        values["cohort"] = cohort
    values["preferred"] = _preferred(programme, person, intake, mentee=mentee)
    values["avoid"] = _avoid(programme, person, intake, preferred=values["preferred"])
    values["answers"] = _answers(programme, intake.answers)
    profile: dict[str, Any] = {}
    if intake.languages is not None:
        languages = v.string_list(intake.languages, field="languages")
        if not languages and programme.require_shared_language:
            # Matching needs a shared language: an empty list would be "unknown" and
            # slip past the rule, and would wipe the languages the profile had.
            raise ValidationError(ProgrammeCode.LANGUAGES_NEEDED, field="languages")
        profile["languages"] = languages
    if intake.timezone is not None:
        profile["timezone"] = validate_zone(intake.timezone)
    if intake.seniority is not None:
        profile["seniority"] = v.integer(intake.seniority, field="seniority", low=0, high=80)
    return values, profile


def _preferred(programme: Programme, person: Person, intake: Intake, *, mentee: bool) -> list[int]:
    preferred = _ids(intake.preferred, field="preferred", limit=PREFERRED_MAX)
    if preferred and not mentee:
        raise ValidationError(ProgrammeCode.MENTEES_ONLY, field="preferred")
    mentors = dict(
        programme.participants.filter(
            pk__in=preferred,
            status=Participant.Status.ENROLLED,
            role__in=(Role.MENTOR, Role.BOTH),
        ).values_list("pk", "person_id")
    )
    for pk in preferred:
        if pk not in mentors:
            raise ValidationError(ProgrammeCode.NOT_A_MENTOR, field="preferred", value=pk)
        if mentors[pk] == person.pk:
            raise ValidationError(ProgrammeCode.SELF_NAMED, field="preferred")
    return preferred


def _avoid(
    programme: Programme, person: Person, intake: Intake, *, preferred: list[int]
) -> list[int]:
    avoid = _ids(intake.avoid, field="avoid", limit=AVOID_MAX)
    known = dict(programme.participants.filter(pk__in=avoid).values_list("pk", "person_id"))
    for pk in avoid:
        if pk not in known:
            raise ValidationError(ProgrammeCode.NOT_A_PARTICIPANT, field="avoid", value=pk)
        if known[pk] == person.pk:
            raise ValidationError(ProgrammeCode.SELF_NAMED, field="avoid")
        if pk in preferred:
            raise ValidationError(ProgrammeCode.PREFERRED_AND_AVOIDED, field="avoid", value=pk)
    return avoid


def _answers(programme: Programme, answers: Mapping[str, str]) -> dict[str, str]:
    """Answers to the programme's own questions: known keys, a listed choice, text in size."""
    questions = {q["key"]: q for q in programme.intake_questions}
    out: dict[str, str] = {}
    for key, raw in answers.items():
        question = questions.get(key)
        name = f"answer_{key}"
        if question is None:
            raise ValidationError(ProgrammeCode.UNKNOWN_QUESTION, field=name, key=key)
        text = v.text(str(raw), field=name, max_length=TEXT_MAX)
        if not text:
            continue
        if question.get("kind") == "choice" and text not in question.get("choices", ()):
            raise ValidationError(
                ProgrammeCode.BAD_CHOICE,
                field=name,
                value=text,
                allowed=", ".join(question.get("choices", ())),
            )
        out[key] = text
    return out


def _update_profile(person: Person, profile: dict[str, Any]) -> None:
    if not profile:
        return
    for name, value in profile.items():
        setattr(person, name, value)
    person.save(update_fields=[*profile, "updated_at"])

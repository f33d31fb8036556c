"""Reads for programmes: who administers what, and the programmes a person is in.

Every read of a programme by an administrator goes through
:func:`programme_get_for_admin`, which answers :class:`NotFound` for a
programme the person does not administer, so a page never confirms that
another programme exists. Objects inside a programme are read through it
(``programme.cohorts``, ``programme.participants``…) and never by id alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from tribe.core import clock
from tribe.core.errors import NotFound, ValidationError
from tribe.outreach.forward import ProgrammeOpening
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    Cohort,
    Invitation,
    MatchOffer,
    MatchRun,
    PairRule,
    Participant,
    Programme,
    Role,
    RosterEntry,
    RosterUpload,
    RunPair,
    RunUnmatched,
)

__all__ = [
    "TOKEN_MAX_LENGTH",
    "Overview",
    "PeopleCounts",
    "cohort_get_for_admin",
    "cohorts_of",
    "intake_mentors",
    "intake_people",
    "invitation_for_token",
    "invitation_get_for_admin",
    "invitation_state",
    "invitations_of",
    "is_admin",
    "mentor_openings",
    "offer_get_for",
    "offers_of_participant",
    "pair_rules_of",
    "participants_of",
    "participations_of",
    "people_counts",
    "programme_for_signup_token",
    "programme_get_for_admin",
    "programme_get_for_participant",
    "programme_overview",
    "programmes_run_by",
    "roster_of",
    "roster_upload_get_for_admin",
    "roster_waiting_count",
    "run_get_for_admin",
    "run_pairs",
    "run_pairs_page",
    "run_unmatched",
    "run_unmatched_page",
    "runs_of",
    "token_hash",
]


def _key(programme_id: int | str, prefix: str = "") -> Q:
    """A programme by its id or its slug (an address carries either)."""
    if isinstance(programme_id, int) or programme_id.isdigit():
        return Q(**{f"{prefix}pk": int(programme_id)})
    return Q(**{f"{prefix}slug": programme_id})


def programmes_run_by(person: Person) -> QuerySet[Programme]:
    """The programmes ``person`` administers, with their counts. One query."""
    return (
        Programme.objects.filter(admins__person=person)
        .annotate(
            participant_count=Count(
                "participants",
                filter=Q(participants__status=Participant.Status.ENROLLED),
                distinct=True,
            ),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("archived_at", "name", "id")
    )


def is_admin(*, person: Person, programme: Programme) -> bool:
    return programme.admins.filter(person=person).exists()


def programme_get_for_admin(*, person: Person, programme_id: int | str) -> Programme:
    """The programme, by id or slug, if ``person`` administers it; else NotFound."""
    if not person.is_authenticated:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    programme = Programme.objects.filter(_key(programme_id), admins__person=person).first()
    if programme is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    return programme


def cohort_get_for_admin(*, person: Person, programme: Programme, cohort_id: int) -> Cohort:
    """A cohort of a programme the caller administers (checked again here)."""
    if not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    cohort = programme.cohorts.filter(pk=cohort_id).first()
    if cohort is None:
        raise NotFound(ProgrammeCode.NO_COHORT)
    return cohort


def participations_of(person: Person) -> QuerySet[Participant]:
    """The programmes ``person`` is enrolled in (left ones too), with programme and cohort."""
    return (
        Participant.objects.filter(person=person)
        .select_related("programme", "cohort")
        .order_by("status", "programme__name", "id")
    )


def programme_get_for_participant(*, person: Person, programme_id: int | str) -> Participant:
    """``person``'s participation in the programme (by id or slug); else NotFound."""
    participant = participations_of(person).filter(_key(programme_id, "programme__")).first()
    if participant is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    return participant


@dataclass(frozen=True)
class Overview:
    """What a programme's home page shows: its parts, counted. Fixed queries."""

    mentees: int
    mentors: int
    left: int
    cohorts: Sequence[Cohort]
    admins: list[Person]


def programme_overview(*, programme: Programme) -> Overview:
    """Counts by role and status, the cohorts with their participant counts, the
    administrators. Three queries, whatever the size of the programme."""
    enrolled = Q(status=Participant.Status.ENROLLED)
    counts = programme.participants.aggregate(
        mentees=Count("id", filter=enrolled & Q(role__in=(Role.MENTEE, Role.BOTH))),
        mentors=Count("id", filter=enrolled & Q(role__in=(Role.MENTOR, Role.BOTH))),
        left=Count("id", filter=Q(status=Participant.Status.LEFT)),
    )
    cohorts = list(
        programme.cohorts.annotate(
            enrolled=Count(
                "participants", filter=Q(participants__status=Participant.Status.ENROLLED)
            )
        ).order_by("-starts_on", "name", "id")
    )
    admins = list(admins_of(programme=programme))
    return Overview(counts["mentees"], counts["mentors"], counts["left"], cohorts, admins)


# -- enrolment and the roster (programs/enrolment.py, programs/roster_import.py) ----------

#: A link's token is 43 characters (32 random bytes); anything much longer is not one.
TOKEN_MAX_LENGTH = 100


def admins_of(*, programme: Programme) -> QuerySet[Person]:
    """Who administers ``programme``, by name."""
    return Person.objects.filter(programmes_run__programme=programme).order_by("name", "id")


def token_hash(token: str) -> str:
    """What is stored for an invitation or a sign-up link: the token's SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(*, token: str, now: dt.datetime, lock: bool = False) -> Invitation:
    """The live invitation behind a link, with its programme and cohort.

    Raises a ValidationError on the field "token" saying why it does not work:
    unknown, withdrawn, used or expired (in that order).
    """
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise ValidationError(ProgrammeCode.INVITATION_INVALID, field="token")
    rows = Invitation.objects.select_related("programme", "cohort", "roster_entry").filter(
        token_hash=token_hash(token)
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    found = rows.first()
    if found is None:
        raise ValidationError(ProgrammeCode.INVITATION_INVALID, field="token")
    if found.revoked_at is not None:
        raise ValidationError(ProgrammeCode.INVITATION_REVOKED, field="token")
    if found.used_at is not None:
        raise ValidationError(ProgrammeCode.INVITATION_USED, field="token")
    if found.expires_at <= now:
        raise ValidationError(ProgrammeCode.INVITATION_EXPIRED, field="token")
    return found


def programme_for_signup_token(*, token: str) -> Programme:
    """The programme whose open sign-up link this is; SIGNUP_CLOSED when none is."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise ValidationError(ProgrammeCode.SIGNUP_CLOSED, field="token")
    found = Programme.objects.filter(signup_token_hash=token_hash(token)).first()
    if found is None:
        raise ValidationError(ProgrammeCode.SIGNUP_CLOSED, field="token")
    return found


def invitation_state(invitation: Invitation, now: dt.datetime) -> str:
    """``open``, ``used``, ``revoked`` or ``expired``: what the list shows."""
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return "open"


def invitations_of(*, programme: Programme) -> QuerySet[Invitation]:
    """A programme's invitations, newest first, with their cohort. One query a page."""
    return programme.invitations.select_related("cohort").order_by("-created_at", "-id")


def invitation_get_for_admin(
    *, person: Person, programme: Programme, invitation_id: int
) -> Invitation:
    """An invitation of a programme ``person`` administers; else NotFound."""
    if not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    found = programme.invitations.filter(pk=invitation_id).first()
    if found is None:
        raise NotFound(ProgrammeCode.NO_INVITATION)
    return found


def roster_upload_get_for_admin(
    *, person: Person, programme: Programme, upload_id: int
) -> RosterUpload:
    """An uploaded roster file of a programme ``person`` administers; else NotFound."""
    if not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    found = programme.uploads.filter(pk=upload_id).first()
    if found is None:
        raise NotFound(ProgrammeCode.NO_UPLOAD)
    return found


def roster_of(*, programme: Programme) -> QuerySet[RosterEntry]:
    """The roster, active people first, by name. One query a page."""
    return programme.roster.order_by("-active", "family_name", "given_name", "id")


def participants_of(*, programme: Programme) -> QuerySet[Participant]:
    """The participants with their person and cohort (no intake text). One query a page."""
    return (
        programme.participants.select_related("person", "cohort")
        .only(
            "id",
            "programme_id",
            "role",
            "status",
            "capacity",
            "joined_at",
            "left_at",
            "cohort__name",
            "person__name",
            "person__email",
        )
        .order_by("status", "person__name", "id")
    )


@dataclass(frozen=True)
class PeopleCounts:
    """A programme's people, counted: participants by role and status, the roster."""

    mentees: int
    mentors: int
    both: int
    left: int
    roster_active: int
    roster_inactive: int
    invitations_open: int


def people_counts(*, programme: Programme, now: dt.datetime) -> PeopleCounts:
    """Three queries, whatever the size of the programme."""
    enrolled = Q(status=Participant.Status.ENROLLED)
    parts = programme.participants.aggregate(
        mentees=Count("id", filter=enrolled & Q(role=Role.MENTEE)),
        mentors=Count("id", filter=enrolled & Q(role=Role.MENTOR)),
        both=Count("id", filter=enrolled & Q(role=Role.BOTH)),
        left=Count("id", filter=Q(status=Participant.Status.LEFT)),
    )
    roster = programme.roster.aggregate(
        active_count=Count("id", filter=Q(active=True)),
        inactive_count=Count("id", filter=Q(active=False)),
    )
    invitations = programme.invitations.filter(
        used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).count()
    return PeopleCounts(
        parts["mentees"],
        parts["mentors"],
        parts["both"],
        parts["left"],
        roster["active_count"],
        roster["inactive_count"],
        invitations,
    )


def intake_mentors(*, programme: Programme, exclude: Person | None = None) -> list[Participant]:
    """The mentors a mentee may rank (enrolled, mentor or both), with their names."""
    rows = programme.participants.filter(
        status=Participant.Status.ENROLLED, role__in=(Role.MENTOR, Role.BOTH)
    ).select_related("person")
    if exclude is not None:
        rows = rows.exclude(person=exclude)
    return list(rows.order_by("person__name", "id"))


def intake_people(*, programme: Programme, exclude: Person | None = None) -> list[Participant]:
    """Everyone enrolled, whom a participant may ask never to be matched with."""
    rows = programme.participants.filter(status=Participant.Status.ENROLLED).select_related(
        "person"
    )
    if exclude is not None:
        rows = rows.exclude(person=exclude)
    return list(rows.order_by("person__name", "id"))


# Match runs and offers (programs/runs.py, programs/offers.py).

#: Rows of a run's preview per page: a run of 10,000 mentees is read a page at a time.
RUN_PAGE = 50


def runs_of(*, programme: Programme) -> QuerySet[MatchRun]:
    """A programme's runs, newest first, with their cohort. One query."""
    return programme.runs.select_related("cohort", "created_by").order_by("-created_at", "-id")


def run_get_for_admin(*, person: Person, programme: Programme, run_id: int) -> MatchRun:
    """A run of a programme ``person`` administers; NotFound for anything else."""
    if not person.is_authenticated or not is_admin(person=person, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    run = runs_of(programme=programme).filter(pk=run_id).first()
    if run is None:
        raise NotFound(ProgrammeCode.NO_RUN)
    return run


def run_pairs(*, run: MatchRun) -> QuerySet[RunPair]:
    """A run's pairs, best first, with both people. One query a page."""
    return run.pairs.select_related("mentee__person", "mentor__person").order_by("-score", "id")


def run_unmatched(*, run: MatchRun) -> QuerySet[RunUnmatched]:
    """The mentees a run left unmatched, with the reason. One query a page."""
    return run.unmatched.select_related("mentee__person").order_by("id")


def pair_rules_of(*, programme: Programme) -> QuerySet[PairRule]:
    """A programme's locks and bans, with both people. One query a page."""
    return programme.pair_rules.select_related("mentee__person", "mentor__person").order_by(
        "kind", "id"
    )


def cohorts_of(*, programme: Programme) -> QuerySet[Cohort]:
    """A programme's cohorts, newest start first, each with its enrolled count. One query."""
    return programme.cohorts.annotate(
        enrolled=Count("participants", filter=Q(participants__status=Participant.Status.ENROLLED))
    ).order_by("-starts_on", "name", "id")


def _page(rows: QuerySet[Any], page: int) -> tuple[list[Any], bool]:
    start = max(page - 1, 0) * RUN_PAGE
    found = list(rows[start : start + RUN_PAGE + 1])
    return found[:RUN_PAGE], len(found) > RUN_PAGE


def run_pairs_page(*, run: MatchRun, page: int = 1) -> tuple[list[RunPair], bool]:
    """One page of a run's pairs, best first, with both people; and whether
    another page follows. One query, whatever the size of the run."""
    return _page(run_pairs(run=run), page)


def run_unmatched_page(*, run: MatchRun, page: int = 1) -> tuple[list[RunUnmatched], bool]:
    """One page of the mentees a run left unmatched, with the reason. One query."""
    return _page(run_unmatched(run=run), page)


def offers_of_participant(*, participant: Participant) -> list[MatchOffer]:
    """The participant's offers (as mentee or mentor), open ones first, with
    both people. One query."""
    rows = MatchOffer.objects.filter(
        Q(mentee=participant) | Q(mentor=participant), programme_id=participant.programme_id
    )
    rows = rows.select_related("mentee__person", "mentor__person", "relationship")
    return sorted(rows.order_by("-created_at", "-id"), key=lambda o: o.status != "open")


def offer_get_for(*, participant: Participant, offer_id: int) -> MatchOffer:
    """An offer the participant is in; NotFound for anyone else's."""
    offer = (
        MatchOffer.objects.filter(Q(mentee=participant) | Q(mentor=participant), pk=offer_id)
        .select_related("programme", "mentee__person", "mentor__person")
        .first()
    )
    if offer is None:
        raise NotFound(ProgrammeCode.NO_OFFER)
    return offer


def roster_waiting_count(*, programme: Programme, now: dt.datetime | None = None) -> int:
    """Active roster entries neither enrolled nor holding an open invitation. Two queries."""
    moment = clock.resolve(now)
    enrolled = programme.participants.filter(status=Participant.Status.ENROLLED).values(
        "person__email"
    )
    invited = programme.invitations.filter(
        used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=moment
    ).values("email")
    return (
        programme.roster.filter(active=True)
        .exclude(email__in=enrolled)
        .exclude(email__in=invited)
        .count()
    )


def mentor_openings(*, person: Person, now: dt.datetime | None = None) -> list[ProgrammeOpening]:
    """Programmes ``person`` could mentor in (``outreach.forward``), by name. Two queries.

    Those they are enrolled in as a mentee only (their intake can add the mentor
    side), and those an invitation to their verified address waits for. A
    programme's open sign-up link is not listed: only whoever holds the link may
    learn that the programme exists, and one joined through it is already theirs.
    """
    moment = clock.resolve(now)
    enrolled = [
        ProgrammeOpening(p.programme.name, p.programme.slug, "participant")
        for p in participations_of(person).filter(
            status=Participant.Status.ENROLLED,
            role=Role.MENTEE,
            programme__archived_at__isnull=True,
        )
    ]
    invited: list[ProgrammeOpening] = []
    if person.email_verified_at is not None:
        seen: set[int] = set()
        for i in (
            Invitation.objects.filter(
                email__iexact=person.email,
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=moment,
                programme__archived_at__isnull=True,
            )
            .exclude(
                programme_id__in=Participant.objects.filter(
                    person=person, status=Participant.Status.ENROLLED
                ).values("programme_id")
            )
            .select_related("programme")
            .order_by("programme__name", "-expires_at", "id")
        ):
            if i.programme_id not in seen:
                seen.add(i.programme_id)
                invited.append(
                    ProgrammeOpening(i.programme.name, i.programme.slug, "invitation", i.expires_at)
                )
    return sorted(enrolled, key=lambda o: o.name) + invited

"""Enrolment: invitations (single use, expiring, bound to an address and a programme),
the open sign-up link, the intake and its checks field by field, leaving."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from tests.factories import PersonFactory
from tests.programme_fixtures import enrol
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs.enrolment import (
    INVITE_FOR,
    Intake,
    invitation_accept,
    invitation_create,
    invitation_create_for_roster,
    invitation_revoke,
    participant_enrol,
    participant_intake_update,
    participant_leave,
    signup_accept,
    signup_link_close,
    signup_link_open,
)
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Cohort, Invitation, Participant, Programme, Role, RosterEntry
from tribe.programs.selectors import token_hash

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
MENTEE = Intake(role=Role.MENTEE, wants="learn to lead a team")


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def grace(db: None) -> Person:
    return PersonFactory(name="Grace Hopper", email="grace@corp.example")


def invite(programme: Programme, ada: Person, email: str = "grace@corp.example", **kw: object):  # type: ignore[no-untyped-def]
    return invitation_create(actor=ada, programme=programme, email=email, now=NOW, **kw)  # type: ignore[arg-type]


# -- invitations ------------------------------------------------------------------------


def test_an_invitation_stores_only_a_hash_and_is_mailed_on_commit(
    programme: Programme, ada: Person, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        issued = invite(programme, ada, "Grace@Corp.example")
    token = token_of(issued.link)
    row = Invitation.objects.get()
    assert row.token_hash == token_hash(token) and token not in row.token_hash
    assert row.email == "grace@corp.example" and row.expires_at == NOW + INVITE_FOR
    (message,) = mail.outbox
    assert message.to == ["grace@corp.example"] and issued.link in message.body
    assert "Engineering mentoring" in message.subject


def test_accepting_enrols_once(programme: Programme, ada: Person, grace: Person) -> None:
    cohort = Cohort.objects.create(programme=programme, name="Spring")
    RosterEntry.objects.create(programme=programme, employee_id="E1", email="grace@corp.example")
    token = token_of(invite(programme, ada, cohort=cohort).link)
    participant = invitation_accept(actor=grace, token=token, intake=MENTEE, now=NOW)
    assert participant.programme == programme and participant.cohort == cohort
    assert participant.status == Participant.Status.ENROLLED and participant.joined_at == NOW
    assert participant.roster_entry is not None and participant.roster_entry.person == grace
    with pytest.raises(ValidationError) as used:
        invitation_accept(actor=grace, token=token, intake=MENTEE, now=NOW)
    assert used.value.code == ProgrammeCode.INVITATION_USED


def test_an_expired_invitation(programme: Programme, ada: Person, grace: Person) -> None:
    token = token_of(invite(programme, ada).link)
    with pytest.raises(ValidationError) as caught:
        invitation_accept(actor=grace, token=token, intake=MENTEE, now=NOW + INVITE_FOR)
    assert caught.value.code == ProgrammeCode.INVITATION_EXPIRED
    assert not Participant.objects.exists()


def test_the_wrong_address_is_refused_clearly(programme: Programme, ada: Person) -> None:
    token = token_of(invite(programme, ada).link)
    other = PersonFactory(email="mallory@corp.example")
    with pytest.raises(ValidationError) as caught:
        invitation_accept(actor=other, token=token, intake=MENTEE, now=NOW)
    assert caught.value.code == ProgrammeCode.WRONG_ADDRESS
    assert "grace@corp.example" in caught.value.message
    assert "mallory@corp.example" in caught.value.message
    assert Invitation.objects.get().used_at is None


def test_an_unverified_address_is_refused(programme: Programme, ada: Person) -> None:
    person = PersonFactory(email="grace@corp.example", email_verified_at=None)
    token = token_of(invite(programme, ada).link)
    with pytest.raises(ValidationError) as caught:
        invitation_accept(actor=person, token=token, intake=MENTEE, now=NOW)
    assert caught.value.code == ProgrammeCode.UNVERIFIED


def test_a_revoked_invitation(programme: Programme, ada: Person, grace: Person) -> None:
    issued = invite(programme, ada)
    invitation_revoke(actor=ada, invitation=issued.invitation, now=NOW)
    with pytest.raises(ValidationError) as caught:
        invitation_accept(actor=grace, token=token_of(issued.link), intake=MENTEE, now=NOW)
    assert caught.value.code == ProgrammeCode.INVITATION_REVOKED


def test_an_unknown_token(grace: Person) -> None:
    for token in ("nope", "x" * 500, ""):
        with pytest.raises(ValidationError) as caught:
            invitation_accept(actor=grace, token=token, intake=MENTEE, now=NOW)
        assert caught.value.code == ProgrammeCode.INVITATION_INVALID


def test_inviting_again_replaces_the_open_link(
    programme: Programme, ada: Person, grace: Person
) -> None:
    first = token_of(invite(programme, ada).link)
    second = token_of(invite(programme, ada).link)
    with pytest.raises(ValidationError):
        invitation_accept(actor=grace, token=first, intake=MENTEE, now=NOW)
    invitation_accept(actor=grace, token=second, intake=MENTEE, now=NOW)
    with pytest.raises(Conflict) as caught:
        invite(programme, ada)
    assert caught.value.code == ProgrammeCode.ALREADY_ENROLLED


def test_a_used_invitation_cannot_be_revoked(
    programme: Programme, ada: Person, grace: Person
) -> None:
    issued = invite(programme, ada)
    invitation_accept(actor=grace, token=token_of(issued.link), intake=MENTEE, now=NOW)
    issued.invitation.refresh_from_db()
    with pytest.raises(Conflict):
        invitation_revoke(actor=ada, invitation=issued.invitation, now=NOW)


def test_inviting_the_roster_skips_the_enrolled_invited_and_gone(
    programme: Programme, ada: Person, grace: Person, django_capture_on_commit_callbacks: object
) -> None:
    for i, email in enumerate(["grace@corp.example", "a@corp.example", "b@corp.example"]):
        RosterEntry.objects.create(programme=programme, employee_id=f"E{i}", email=email)
    RosterEntry.objects.create(
        programme=programme, employee_id="E9", email="gone@corp.example", active=False
    )
    enrol(programme, person=grace)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invite(programme, ada, "a@corp.example")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        issued = invitation_create_for_roster(actor=ada, programme=programme, now=NOW)
    assert [i.invitation.email for i in issued] == ["b@corp.example"]
    assert issued[0].invitation.roster_entry is not None
    assert [m.to for m in mail.outbox] == [["a@corp.example"], ["b@corp.example"]]
    assert invitation_create_for_roster(actor=ada, programme=programme, now=NOW) == []


def test_invitations_belong_to_their_programme(
    programme: Programme, other_programme: Programme, ada: Person, otto: Person
) -> None:
    with pytest.raises(NotFound):
        invite(other_programme, ada)
    theirs = invitation_create(
        actor=otto, programme=other_programme, email="x@corp.example", now=NOW
    )
    with pytest.raises(NotFound):
        invitation_revoke(actor=ada, invitation=theirs.invitation, now=NOW)
    foreign = Cohort.objects.create(programme=other_programme, name="Q1")
    with pytest.raises(ValidationError) as caught:
        invite(programme, ada, cohort=foreign)
    assert caught.value.field == "cohort"


def test_an_archived_programme_invites_nobody(programme: Programme, ada: Person) -> None:
    programme.archived_at = NOW
    programme.save()
    with pytest.raises(Conflict):
        invite(programme, ada)


# -- the open sign-up link ----------------------------------------------------------------


def test_the_sign_up_link_opens_rotates_and_closes(
    programme: Programme, ada: Person, grace: Person
) -> None:
    first = token_of(signup_link_open(actor=ada, programme=programme))
    second = token_of(signup_link_open(actor=ada, programme=programme))
    with pytest.raises(ValidationError) as caught:
        signup_accept(actor=grace, token=first, intake=MENTEE, now=NOW)
    assert caught.value.code == ProgrammeCode.SIGNUP_CLOSED
    participant = participant_enrol(actor=grace, token=second, intake=MENTEE, now=NOW)
    assert participant.programme == programme
    signup_link_close(actor=ada, programme=programme)
    with pytest.raises(ValidationError):
        signup_accept(actor=PersonFactory(), token=second, intake=MENTEE, now=NOW)


def test_only_an_administrator_opens_the_link(other_programme: Programme, ada: Person) -> None:
    with pytest.raises(NotFound):
        signup_link_open(actor=ada, programme=other_programme)
    with pytest.raises(NotFound):
        signup_link_close(actor=ada, programme=other_programme)


def test_participant_enrol_takes_an_invitation_link(
    programme: Programme, ada: Person, grace: Person
) -> None:
    token = token_of(invite(programme, ada).link)
    assert participant_enrol(actor=grace, token=token, intake=MENTEE, now=NOW).pk


# -- the intake -----------------------------------------------------------------------------


@pytest.fixture
def link(programme: Programme, ada: Person) -> str:
    return token_of(signup_link_open(actor=ada, programme=programme))


def refused(actor: Person, link: str, intake: Intake) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        signup_accept(actor=actor, token=link, intake=intake, now=NOW)
    assert not Participant.objects.filter(person=actor).exists()
    return caught.value


def test_the_intake_fills_the_participant_and_the_profile(
    programme: Programme, grace: Person, link: str
) -> None:
    mentor = enrol(programme, Role.MENTOR)
    other = enrol(programme, Role.MENTEE)
    programme.intake_questions = [
        {"key": "team", "label": "Team", "kind": "choice", "choices": ["Web", "Data"]},
        {"key": "why", "label": "Why", "kind": "text"},
    ]
    programme.save()
    participant = signup_accept(
        actor=grace,
        token=link,
        intake=Intake(
            role=Role.BOTH,
            wants="public speaking",
            offers="compilers",
            capacity=2,
            preferred=[mentor.pk],
            avoid=[other.pk],
            answers={"team": "Data", "why": "to grow"},
            languages="English, German",
            timezone="Europe/Berlin",
            seniority=12,
        ),
        now=NOW,
    )
    assert (participant.role, participant.capacity) == (Role.BOTH, 2)
    assert participant.preferred == [mentor.pk] and participant.avoid == [other.pk]
    assert participant.answers == {"team": "Data", "why": "to grow"}
    grace.refresh_from_db()
    assert grace.languages == ["English", "German"] and grace.timezone == "Europe/Berlin"
    assert grace.seniority == 12


@pytest.mark.parametrize(
    ("intake", "field", "code"),
    [
        (Intake(role="boss"), "role", ProgrammeCode.BAD_CHOICE),
        (Intake(role=Role.MENTEE), "wants", "required"),
        (Intake(role=Role.MENTOR, offers="x", capacity=0), "capacity", ProgrammeCode.MENTOR_CAPACITY),
        (Intake(role=Role.MENTOR, offers="x", capacity=-1), "capacity", ProgrammeCode.MENTOR_CAPACITY),
        (Intake(role=Role.MENTOR, offers="x", capacity=21), "capacity", ProgrammeCode.MENTOR_CAPACITY),
        (Intake(role=Role.MENTOR, capacity=2), "offers", "required"),
        (Intake(role=Role.MENTEE, wants="x" * 2001), "wants", "too_long"),
        (Intake(role=Role.MENTEE, wants="x", cohort_id=10**6), "cohort", ProgrammeCode.NO_COHORT),
        (Intake(role=Role.MENTEE, wants="x", preferred=[10**6]), "preferred", ProgrammeCode.NOT_A_MENTOR),
        (Intake(role=Role.MENTEE, wants="x", avoid=[10**6]), "avoid", ProgrammeCode.NOT_A_PARTICIPANT),
        (Intake(role=Role.MENTEE, wants="x", answers={"nope": "1"}), "answer_nope", ProgrammeCode.UNKNOWN_QUESTION),
        (Intake(role=Role.MENTEE, wants="x", timezone="Mars/Olympus"), "timezone", "unknown_zone"),
        (Intake(role=Role.MENTEE, wants="x", seniority=99), "seniority", "out_of_range"),
        (Intake(role=Role.MENTEE, wants="x", languages=["x" * 101]), "languages", "list_item_too_long"),
    ],
)  # fmt: skip
def test_each_intake_field_is_checked(
    grace: Person, link: str, intake: Intake, field: str, code: str
) -> None:
    error = refused(grace, link, intake)
    assert (error.field, error.code) == (field, code)
    grace.refresh_from_db()
    assert grace.timezone == "Europe/London"  # the profile is untouched too


def test_preferences_name_mentors_of_this_programme_only(
    programme: Programme, other_programme: Programme, grace: Person, link: str
) -> None:
    mentee = enrol(programme, Role.MENTEE)
    theirs = enrol(other_programme, Role.MENTOR)
    mentor = enrol(programme, Role.MENTOR)
    left = enrol(programme, Role.MENTOR, status=Participant.Status.LEFT)
    for pk in (mentee.pk, theirs.pk, left.pk):
        error = refused(grace, link, Intake(role=Role.MENTEE, wants="x", preferred=[pk]))
        assert error.code == ProgrammeCode.NOT_A_MENTOR
    error = refused(grace, link, Intake(role=Role.MENTEE, wants="x", avoid=[theirs.pk]))
    assert error.code == ProgrammeCode.NOT_A_PARTICIPANT
    twice = Intake(role=Role.MENTEE, wants="x", preferred=[mentor.pk, mentor.pk])
    assert refused(grace, link, twice).code == ProgrammeCode.NAMED_TWICE
    both = Intake(role=Role.MENTEE, wants="x", preferred=[mentor.pk], avoid=[mentor.pk])
    assert refused(grace, link, both).code == ProgrammeCode.PREFERRED_AND_AVOIDED
    mentor_only = Intake(role=Role.MENTOR, offers="x", capacity=1, preferred=[mentor.pk])
    assert refused(grace, link, mentor_only).code == ProgrammeCode.MENTEES_ONLY


def test_a_choice_answer_must_be_a_listed_choice(
    programme: Programme, grace: Person, link: str
) -> None:
    programme.intake_questions = [
        {"key": "team", "label": "Team", "kind": "choice", "choices": ["Web", "Data"]}
    ]
    programme.save()
    error = refused(grace, link, Intake(role=Role.MENTEE, wants="x", answers={"team": "Ops"}))
    assert (error.field, error.code) == ("answer_team", ProgrammeCode.BAD_CHOICE)


def test_the_participant_updates_their_intake(programme: Programme, grace: Person) -> None:
    participant = enrol(programme, person=grace, wants="old")
    participant_intake_update(
        actor=grace, participant=participant, intake=Intake(role=Role.MENTEE, wants="new")
    )
    participant.refresh_from_db()
    assert participant.wants == "new"
    with pytest.raises(NotFound):
        participant_intake_update(actor=PersonFactory(), participant=participant, intake=MENTEE)


# -- leaving ---------------------------------------------------------------------------------


def test_leaving_and_coming_back(
    programme: Programme, ada: Person, grace: Person, link: str
) -> None:
    participant = signup_accept(actor=grace, token=link, intake=MENTEE, now=NOW)
    participant_leave(actor=grace, participant=participant, now=NOW)
    participant.refresh_from_db()
    assert participant.status == Participant.Status.LEFT and participant.left_at == NOW
    with pytest.raises(Conflict):
        participant_leave(actor=grace, participant=participant, now=NOW)
    with pytest.raises(Conflict):
        participant_intake_update(actor=grace, participant=participant, intake=MENTEE)
    again = signup_accept(actor=grace, token=link, intake=MENTEE, now=NOW)
    assert again.pk == participant.pk and again.status == Participant.Status.ENROLLED
    assert again.left_at is None


def test_an_administrator_takes_someone_out_but_a_stranger_cannot(
    programme: Programme, ada: Person, otto: Person, grace: Person
) -> None:
    participant = enrol(programme, person=grace)
    with pytest.raises(NotFound):
        participant_leave(actor=otto, participant=participant, now=NOW)
    participant_leave(actor=ada, participant=participant, now=NOW)
    assert Participant.objects.get().status == Participant.Status.LEFT


def test_leaving_withdraws_the_offers_still_waiting_on_either_side(
    programme: Programme, ada: Person
) -> None:
    from tribe.programs.models import Answer, MatchOffer, MatchRun, OfferStatus

    mentee, mentor, other = (
        enrol(programme, Role.MENTEE),
        enrol(programme, Role.MENTOR),
        enrol(programme, Role.MENTEE),
    )
    run = MatchRun.objects.create(programme=programme)
    waiting = MatchOffer.objects.create(
        programme=programme, run=run, mentee=mentee, mentor=mentor, score=0.5
    )
    done = MatchOffer.objects.create(
        programme=programme, run=run, mentee=other, mentor=mentor, score=0.6,
        status=OfferStatus.ACCEPTED, mentee_answer=Answer.ACCEPTED, mentor_answer=Answer.ACCEPTED,
    )  # fmt: skip
    participant_leave(actor=mentor.person, participant=mentor, now=NOW)
    waiting.refresh_from_db()
    done.refresh_from_db()
    assert waiting.status == OfferStatus.WITHDRAWN
    assert done.status == OfferStatus.ACCEPTED  # an accepted match is the two people's


def test_inviting_the_roster_goes_a_batch_at_a_time(programme: Programme, ada: Person) -> None:
    from tribe.programs.enrolment import invitation_create_for_roster
    from tribe.programs.selectors import roster_waiting_count

    for n in range(5):
        RosterEntry.objects.create(
            programme=programme, employee_id=f"E{n}", email=f"e{n}@example.org"
        )
    assert roster_waiting_count(programme=programme, now=NOW) == 5
    first = invitation_create_for_roster(actor=ada, programme=programme, now=NOW, limit=2)
    assert [i.invitation.email for i in first] == ["e0@example.org", "e1@example.org"]
    assert roster_waiting_count(programme=programme, now=NOW) == 3
    rest = invitation_create_for_roster(actor=ada, programme=programme, now=NOW)
    assert len(rest) == 3
    assert roster_waiting_count(programme=programme, now=NOW) == 0


def test_an_intake_of_no_language_is_refused_where_matching_needs_one(
    programme: Programme,
) -> None:
    from tribe.programs.enrolment import Intake

    participant = enrol(programme, Role.MENTOR, capacity=1)
    person = participant.person
    person.languages = ["English", "Yoruba"]
    person.save()
    with pytest.raises(ValidationError) as caught:
        participant_intake_update(
            actor=person,
            participant=participant,
            intake=Intake(role=Role.MENTOR, capacity=1, offers="pricing", languages=",,,,"),
        )
    assert caught.value.field == "languages"
    person.refresh_from_db()
    assert person.languages == ["English", "Yoruba"]


def test_a_role_with_a_live_match_cannot_be_dropped(programme: Programme) -> None:
    from tribe.programs.enrolment import Intake
    from tribe.programs.models import MatchOffer, MatchRun

    mentee, mentor = enrol(programme, Role.MENTEE), enrol(programme, Role.MENTOR, capacity=2)
    run = MatchRun.objects.create(programme=programme)
    MatchOffer.objects.create(programme=programme, run=run, mentee=mentee, mentor=mentor, score=1)
    with pytest.raises(Conflict) as caught:
        participant_intake_update(
            actor=mentor.person,
            participant=mentor,
            intake=Intake(role=Role.MENTEE, wants="learn to lead"),
        )
    assert caught.value.code == "role_in_use"
    mentor.refresh_from_db()
    assert mentor.role == Role.MENTOR
    # Mentee and mentor at once keeps both: allowed.
    participant_intake_update(
        actor=mentor.person,
        participant=mentor,
        intake=Intake(role=Role.BOTH, capacity=2, wants="lead", offers="pricing"),
    )

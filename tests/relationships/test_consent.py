"""The consent rules as a table: every move × every role, through the service and the page.

Maya starts a mentor relationship with Ravi (she is the mentee and the
requester); Ravi is the person asked; Eve is part of nothing. For each status
the relationship is put in the consent state the steps would leave it in
(before the request is accepted only Maya has said yes; from the intro
meeting on, both), then each of them tries every plain status change.

The expected outcomes are written out below, not derived from the rules in
the code, so a change of rule shows up here as a failing line.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory, RelationshipFactory
from tribe.core.errors import Conflict, NotFound
from tribe.outreach import services as outreach
from tribe.people.models import Person
from tribe.relationships import consent, services
from tribe.relationships.errors import RelationshipCode
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
S = Relationship.Status
STATUSES = list(S.values)
BEFORE_YES = {S.PROSPECT, S.ASKED, S.DECLINED}

OK, USE_STEP, NOT_ALLOWED, BAD, NOT_FOUND = "ok", "use_step", "not_allowed", "bad", "not_found"

#: (from, to) -> outcome for Maya, the mentee who started it.
MENTEE = {
    (S.PROSPECT, S.ASKED): USE_STEP,  # by sending the request, with its message
    (S.PROSPECT, S.ENDED): OK,  # dropping her own prospect
    (S.ASKED, S.PROSPECT): OK,  # withdrawing the request
    (S.ASKED, S.INTRO): NOT_ALLOWED,  # only Ravi accepts
    (S.ASKED, S.DECLINED): NOT_ALLOWED,  # only Ravi declines
    (S.INTRO, S.ACTIVE): OK,
    (S.INTRO, S.DECLINED): OK,
    (S.INTRO, S.ENDED): OK,
    (S.ACTIVE, S.PAUSED): OK,
    (S.ACTIVE, S.ENDED): OK,
    (S.PAUSED, S.ACTIVE): OK,
    (S.PAUSED, S.ENDED): OK,
    (S.DECLINED, S.PROSPECT): OK,  # a new chapter, private again
}
#: (from, to) -> outcome for Ravi, the mentor asked.
MENTOR = {
    (S.ASKED, S.PROSPECT): NOT_ALLOWED,
    (S.ASKED, S.INTRO): USE_STEP,  # by accepting, which checks his free places
    (S.ASKED, S.DECLINED): USE_STEP,  # by declining, with a kind message
    (S.INTRO, S.ACTIVE): OK,
    (S.INTRO, S.DECLINED): OK,
    (S.INTRO, S.ENDED): OK,
    (S.ACTIVE, S.PAUSED): OK,
    (S.ACTIVE, S.ENDED): OK,
    (S.PAUSED, S.ACTIVE): OK,
    (S.PAUSED, S.ENDED): OK,
}
PAIRS = [(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b]


def expected(role: str, old: str, new: str) -> str:
    if role == "eve":
        return NOT_FOUND
    if role == "mentor":
        if old in (S.PROSPECT, S.DECLINED):
            return NOT_FOUND  # a private prospect, or a request he declined
        return MENTOR.get((old, new), BAD)
    return MENTEE.get((old, new), BAD)


def relationship_in(status: str, maya: Person, ravi: Person, now: dt.datetime) -> Relationship:
    """Maya → Ravi in ``status``, with the consent the steps would have recorded."""
    agreed = status not in BEFORE_YES
    return RelationshipFactory(
        mentee=maya,
        mentor=ravi,
        created_by=maya,
        status=status,
        status_changed_at=now,
        asked_at=None if status == S.PROSPECT else now,
        mentee_consented_at=now,
        mentor_consented_at=now if agreed else None,
    )


@pytest.fixture
def people(maya: Person, ravi: Person) -> dict[str, Person]:
    ravi.mentee_capacity = 5
    ravi.save()
    return {"mentee": maya, "mentor": ravi, "eve": PersonFactory(name="Eve Stranger")}


@pytest.mark.parametrize("role", ["mentee", "mentor", "eve"])
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_every_move_by_every_role_through_the_service(
    people: dict[str, Person], role: str, old: str, new: str, now: dt.datetime
) -> None:
    rel = relationship_in(old, people["mentee"], people["mentor"], now)
    outcome = expected(role, old, new)
    actor = people[role]
    if outcome == OK:
        services.relationship_set_status(actor=actor, relationship=rel, status=new, now=now)
        rel.refresh_from_db()
        assert rel.status == new
        return
    error = NotFound if outcome == NOT_FOUND else Conflict
    with pytest.raises(error) as exc:
        services.relationship_set_status(actor=actor, relationship=rel, status=new, now=now)
    codes = {
        USE_STEP: consent.ConsentCode.USE_STEP,
        NOT_ALLOWED: consent.ConsentCode.NOT_ALLOWED,
        BAD: consent.ConsentCode.BAD_TRANSITION,
        NOT_FOUND: "not_found",
    }
    assert exc.value.code == codes[outcome]
    rel.refresh_from_db()
    assert rel.status == old


@pytest.mark.parametrize("role", ["mentee", "mentor", "eve"])
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_every_move_by_every_role_through_the_status_page(
    people: dict[str, Person], role: str, old: str, new: str, now: dt.datetime
) -> None:
    rel = relationship_in(old, people["mentee"], people["mentor"], now)
    outcome = expected(role, old, new)
    browser = Client()
    browser.force_login(people[role])
    url = reverse("web:relationship_status", args=[rel.pk])
    response = browser.post(url, {"status": new})
    rel.refresh_from_db()
    if outcome == NOT_FOUND or (role == "mentor" and old == S.ASKED):
        # A request is answered on its own page; the relationship's pages stay
        # closed to Ravi until he has said yes.
        assert response.status_code == 404
        assert rel.status == old
    elif outcome == OK:
        assert response.status_code == 302
        assert rel.status == new
    else:
        assert response.status_code == 200  # the form again, with the reason
        assert rel.status == old
    if outcome != NOT_FOUND and response.status_code == 200:
        offered = [v for v, _ in response.context["form"].fields["status"].choices if v]
        assert offered == [s for s in STATUSES if expected(role, old, s) == OK]


def test_the_status_select_offers_exactly_the_allowed_moves(
    people: dict[str, Person], now: dt.datetime
) -> None:
    for old in STATUSES:
        for role in ("mentee", "mentor"):
            rel = relationship_in(old, people["mentee"], people["mentor"], now)
            hidden = expected(role, old, S.ENDED) == NOT_FOUND
            if not hidden:
                offered = consent.allowed_moves(rel, people[role])
                assert offered == [s for s in STATUSES if expected(role, old, s) == OK], (old, role)
            rel.delete()


def test_a_relationship_with_a_contact_is_its_owners_record(maya: Person) -> None:
    from tests.factories import ContactFactory

    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_contact=ContactFactory(owner=maya)
    )
    for status in (S.ASKED, S.INTRO, S.ACTIVE, S.PAUSED, S.ENDED):
        services.relationship_set_status(actor=maya, relationship=rel, status=status)
    assert rel.status == S.ENDED


# Finding 1: nobody is put into a relationship without their say ----------------


def test_nobody_makes_an_account_their_mentor_or_mentee_without_a_yes(
    maya: Person, eve: Person, now: dt.datetime
) -> None:
    for role in ("mentee", "mentor"):
        for status in (S.ASKED, S.INTRO, S.ACTIVE, S.PAUSED):
            with pytest.raises(Exception) as exc:
                services.relationship_create(
                    created_by=eve, my_role=role, other_person=maya, status=status, now=now
                )
            assert getattr(exc.value, "message", "") == RelationshipCode.STARTS_PRIVATE.template
    forced = services.relationship_create(created_by=eve, my_role="mentee", other_person=maya)
    with pytest.raises(Conflict):
        services.relationship_set_status(actor=eve, relationship=forced, status=S.ACTIVE)
    forced.refresh_from_db()
    assert forced.status == S.PROSPECT and forced.mentor_consented_at is None


def test_before_the_yes_no_meeting_and_no_view_of_the_other(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    from tribe.meetings.errors import MeetingCode
    from tribe.meetings.selectors import scheduling_parties
    from tribe.meetings.services import meeting_create
    from tribe.people.models import AvailabilityWindow

    AvailabilityWindow.objects.create(person=ravi, weekday=0, starts=dt.time(9), ends=dt.time(12))
    rel = relationship_in(S.ASKED, maya, ravi, now)
    with pytest.raises(Conflict) as exc:
        meeting_create(
            actor=maya,
            relationship=rel,
            starts_at=now + dt.timedelta(days=2),
            ends_at=now + dt.timedelta(days=2, hours=1),
            now=now,
        )
    assert exc.value.message == MeetingCode.NOT_MUTUAL.template
    # Ravi's zone and hours stay his until he accepts.
    assert [p.name for p in scheduling_parties(person=maya, relationship=rel)] == ["Maya Chen"]
    outreach.request_accept(actor=ravi, relationship=rel, now=now)
    parties = scheduling_parties(person=maya, relationship=rel)
    assert [p.name for p in parties] == ["Maya Chen", "Ravi Menon"]


def test_a_mentors_places_cannot_be_filled_without_their_yes(
    ravi: Person, now: dt.datetime
) -> None:
    ravi.mentee_capacity = 1
    ravi.save()
    for n in range(3):
        squatter = PersonFactory(name=f"Squatter {n}")
        rel = services.relationship_create(
            created_by=squatter, my_role="mentee", other_person=ravi, now=now
        )
        with pytest.raises(Conflict):
            services.relationship_set_status(actor=squatter, relationship=rel, status=S.ACTIVE)
    assert not Relationship.objects.filter(mentor=ravi, status=S.ACTIVE).exists()


def test_a_forced_mentee_does_not_see_the_victims_own_mentors(
    maya: Person, ravi: Person, eve: Person, maya_ravi: Relationship
) -> None:
    """Eve names Maya as her mentor; Maya shares her mentors with *her* mentees only."""
    from tribe.outreach.graph import tribe_graph

    maya.share_mentors = True
    maya.save()
    rel = services.relationship_create(created_by=eve, my_role="mentee", other_person=maya)
    rel.purpose = "x"
    rel.save()
    outreach.outreach_send(actor=eve, relationship=rel, message="Hi")
    names = {node.name for node in tribe_graph(person=eve).nodes.values()}
    assert "Ravi Menon" not in names and "Maya Chen" not in names


# Finding 2: a prospect is the mentee's private shortlist --------------------------


def test_a_prospect_sees_nothing_of_the_shortlist(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    from tribe.outreach.selectors import incoming_requests
    from tribe.portability.selectors import person_export
    from tribe.relationships.selectors import relationship_board

    rel = services.relationship_create(
        created_by=maya,
        my_role="mentee",
        other_person=ravi,
        purpose="CANARY-draft-purpose",
        now=now,
    )
    assert all(not column.relationships for column in relationship_board(person=ravi))
    assert not incoming_requests(person=ravi).exists()
    assert "CANARY-draft-purpose" not in str(person_export(person=ravi))
    browser = Client()
    browser.force_login(ravi)
    assert browser.get(reverse("web:relationship", args=[rel.pk])).status_code == 404
    for page in ("web:relationships", "web:today", "web:requests", "web:tribe"):
        assert "CANARY-draft-purpose" not in browser.get(reverse(page)).content.decode()
    with pytest.raises(NotFound):
        services.relationship_set_status(actor=ravi, relationship=rel, status=S.ACTIVE)


def test_once_asked_the_mentor_sees_the_request_and_only_the_request(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_person=ravi, purpose="Grow", now=now
    )
    outreach.outreach_send(actor=maya, relationship=rel, message="CANARY-request", now=now)
    browser = Client()
    browser.force_login(ravi)
    assert "CANARY-request" in browser.get(reverse("web:requests")).content.decode()
    # The relationship's own pages wait for his yes.
    assert browser.get(reverse("web:relationship", args=[rel.pk])).status_code == 404
    outreach.request_accept(actor=ravi, relationship=rel, now=now)
    assert browser.get(reverse("web:relationship", args=[rel.pk])).status_code == 200


def test_a_mentors_offer_is_accepted_by_the_mentee(
    maya: Person, sam: Person, now: dt.datetime
) -> None:
    offer = services.relationship_create(
        created_by=maya, my_role="mentor", other_person=sam, purpose="Help Sam grow", now=now
    )
    outreach.outreach_send(actor=maya, relationship=offer, message="Shall we?", now=now)
    with pytest.raises(Conflict):
        outreach.request_accept(actor=maya, relationship=offer, now=now)
    outreach.request_accept(actor=sam, relationship=offer, now=now)
    offer.refresh_from_db()
    assert offer.status == S.INTRO and consent.is_mutual(offer)


def test_a_declined_then_reopened_request_needs_a_new_yes(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    rel = relationship_in(S.INTRO, maya, ravi, now)
    services.relationship_set_status(actor=ravi, relationship=rel, status=S.DECLINED)
    services.relationship_set_status(actor=maya, relationship=rel, status=S.PROSPECT)
    rel.refresh_from_db()
    assert rel.mentor_consented_at is None and not consent.is_mutual(rel)
    with pytest.raises(NotFound):
        services.relationship_set_status(actor=ravi, relationship=rel, status=S.ENDED)


# Blocking ----------------------------------------------------------------------------


def test_a_block_declines_what_waits_and_refuses_new_requests(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_person=ravi, purpose="Grow", now=now
    )
    outreach.outreach_send(actor=maya, relationship=rel, message="Hi", now=now)
    outreach.person_block(actor=ravi, other=maya, now=now)
    rel.refresh_from_db()
    assert rel.status == S.DECLINED
    again = services.relationship_create(
        created_by=maya, my_role="mentee", other_person=ravi, purpose="Grow", kind="sponsor"
    )
    with pytest.raises(Conflict) as exc:
        outreach.outreach_send(actor=maya, relationship=again, message="Hi again", now=now)
    assert exc.value.code == consent.ConsentCode.BLOCKED
    outreach.person_unblock(actor=ravi, other=maya)
    outreach.outreach_send(actor=maya, relationship=again, message="Hi again", now=now)


def test_an_unverified_account_cannot_be_asked(maya: Person, now: dt.datetime) -> None:
    unverified = PersonFactory(name="New Here", email_verified_at=None)
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_person=unverified, purpose="Grow", now=now
    )
    with pytest.raises(Conflict) as exc:
        outreach.outreach_send(actor=maya, relationship=rel, message="Hi", now=now)
    assert exc.value.code == consent.ConsentCode.NOT_REACHABLE
    rel.refresh_from_db()
    assert rel.status == S.PROSPECT


def test_a_request_to_a_contact_reaches_the_verified_account_with_that_address(
    maya: Person, ravi: Person, now: dt.datetime
) -> None:
    rel = services.relationship_create(
        created_by=maya, my_role="mentee", other_email="RAVI@example.com", purpose="Grow"
    )
    assert rel.mentor is None  # a contact of Maya's, whatever the address is
    outreach.outreach_send(actor=maya, relationship=rel, message="Hi", now=now)
    rel.refresh_from_db()
    assert rel.mentor == ravi and rel.mentor_contact is None
    from tribe.outreach.selectors import incoming_requests

    assert list(incoming_requests(person=ravi)) == [rel]
    outreach.request_accept(actor=ravi, relationship=rel, now=now)
    # Linked by his own yes: Maya's contact now knows the account.
    assert maya.contacts.get(email="ravi@example.com").person == ravi


# Finding 8: a snooze's reason is a note to oneself ---------------------------------


def test_the_snooze_reason_is_read_by_whoever_snoozed_alone(
    maya_ravi: Relationship, now: dt.datetime
) -> None:
    from tribe.ledger.selectors import relationships_with_health
    from tribe.ledger.services import relationship_snooze

    today = now.date()
    relationship_snooze(
        actor=maya_ravi.mentee,
        relationship=maya_ravi,
        until=today + dt.timedelta(days=10),
        reason="CANARY-snooze-she-is-ill",
        today=today,
    )
    for person, visible in ((maya_ravi.mentee, True), (maya_ravi.mentor, False)):
        [row] = relationships_with_health(person=person, now=now)
        said = " ".join(row.health.reasons)
        assert ("CANARY-snooze" in said) is visible, (person, said)

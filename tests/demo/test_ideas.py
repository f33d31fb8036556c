"""The demo shows Tribe's ideas on its showcase people, each read the way its pages read it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from tribe.core.errors import NotFound
from tribe.demo import ideas
from tribe.demo.personas import PEOPLE_BY_KEY
from tribe.demo.pipeline import ASK_AGAIN_MONTHS
from tribe.demo.services import DemoSummary, demo_load
from tribe.journal import selectors as journal
from tribe.journal import services as journal_services
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.journal.selectors import Verdict
from tribe.ledger.models import Advice
from tribe.ledger.selectors import advice_outcomes_for_mentor
from tribe.matching.next_candidates import next_candidates
from tribe.outreach import selectors as outreach
from tribe.outreach import services as outreach_services
from tribe.outreach.ask_size import add_months
from tribe.outreach.selectors import MSG_NO_IS_FINE, impact_journal
from tribe.people import services as people
from tribe.people.models import Person
from tribe.relationships import services as relationships
from tribe.relationships.models import Relationship

Status = Relationship.Status


@pytest.fixture(autouse=True)
def _fast_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, now) -> DemoSummary:  # type: ignore[no-untyped-def]
    return demo_load(now=now)


def person(key: str) -> Person:
    return Person.objects.get(email=PEOPLE_BY_KEY[key].email)


def between(mentee: str, mentor: str) -> Relationship:
    return Relationship.objects.get(mentee=person(mentee), mentor=person(mentor))


# Learning, not proving -------------------------------------------------------------


def test_maya_keeps_a_journal_and_shares_one_entry_with_ravi(demo) -> None:
    maya, ravi, sam = person("maya"), person("ravi"), person("sam")
    mine = list(journal.entries_for(author=maya))

    assert len(mine) == len(ideas.MAYA_JOURNAL)
    shared = [e for e in mine if e.shared]
    assert len(shared) == 1
    (entry,) = shared
    assert entry.relationship == between("maya", "ravi")
    assert entry.meeting is not None  # written after their last check-in
    assert [a.text for a in entry.advice.all()] == ["Keep a decision log for the team"]
    # Ravi reads it on their relationship; what Maya kept private he never sees.
    assert list(journal.shared_with(viewer=ravi, relationship=entry.relationship)) == [entry]
    assert journal.entry_get_for(person=ravi, entry_id=entry.pk) == entry
    private = next(e for e in mine if not e.shared)
    with pytest.raises(NotFound):
        journal.entry_get_for(person=ravi, entry_id=private.pk)
    with pytest.raises(NotFound):  # Sam is Maya's mentee, not a side of this relationship
        journal.entry_get_for(person=sam, entry_id=entry.pk)


def test_sam_shares_what_he_learned_with_maya_and_nobody_else(demo) -> None:
    maya, ravi = person("maya"), person("ravi")
    sam_maya = between("sam", "maya")

    (entry,) = journal.shared_with(viewer=maya, relationship=sam_maya)

    assert entry.author == person("sam")
    assert entry.learned
    with pytest.raises(NotFound):
        journal.entry_get_for(person=ravi, entry_id=entry.pk)


def test_mayas_check_in_says_she_is_learning(demo, now) -> None:
    found = journal.checkin(person=person("maya"), today=now.date())

    assert found.verdict == Verdict.LEARNING
    assert found.entries >= 2


def test_ravis_journal_has_stalled_and_the_check_in_says_what_to_do(demo, now) -> None:
    ravi = person("ravi")

    found = journal.checkin(person=ravi, today=now.date())

    assert found.verdict == Verdict.STALLED
    assert found.entries == 0
    kinds = [s.kind for s in found.suggestions]
    assert kinds[0] == "question"  # a question for one of his mentors
    his_mentors = Relationship.objects.filter(mentee=ravi, status=Status.ACTIVE)
    assert found.suggestions[0].relationship_id in set(his_mentors.values_list("pk", flat=True))
    assert {"mentor", "goal"} <= set(kinds)
    assert JournalEntry.objects.filter(author=ravi).count() == len(ideas.RAVI_JOURNAL)


# Asking is hard --------------------------------------------------------------------


def test_mayas_ask_of_dana_states_its_size_and_what_she_can_give_back(demo) -> None:
    maya = person("maya")
    to_dana = Relationship.objects.get(mentee=maya, mentor_contact__name="Dana Whitfield")

    size = outreach.ask_size_of(relationship=to_dana)
    draft = outreach.request_draft(relationship=to_dana, sender=maya)

    assert to_dana.status == Status.PROSPECT  # ready to send, not sent
    assert (size.cadence_days, size.meeting_minutes, size.months) == (30, 45, 6)
    assert not size.is_large
    assert to_dana.give_back_written and to_dana.give_back
    assert "product discovery" in to_dana.give_back  # from her own expertise
    assert size.sentence() in draft
    assert to_dana.give_back in draft
    assert MSG_NO_IS_FINE in draft


def test_linas_no_to_sam_comes_with_a_warm_next_step(demo, now) -> None:
    sam = person("sam")
    declined = between("sam", "lina")

    again = outreach.ask_again_on(relationship=declined, zone_name=sam.timezone)
    thanks = outreach.thank_you_after_decline(relationship=declined, sender=sam)

    assert declined.status == Status.DECLINED
    assert declined.decline_message
    assert declined.ask_again_months == ASK_AGAIN_MONTHS
    assert again is not None
    declined_on = declined.status_changed_at.astimezone(ZoneInfo(sam.timezone)).date()
    assert again == add_months(declined_on, ASK_AGAIN_MONTHS)
    assert again > now.date()  # the door is still open, later
    assert "ask again" in thanks
    # Who to ask next: the candidates the page lists for his goal.
    found = next_candidates(person=sam, relationship=declined, now=now)
    assert found is not None and found[1]
    assert person("lina").pk not in {row.id for row in found[1] if row.kind == "person"}


# Giving back the mentor can see ----------------------------------------------------


def test_what_mayas_advice_became_reaches_her_impact_page(demo) -> None:
    outcomes = advice_outcomes_for_mentor(mentor=person("maya"))

    (from_sam,) = outcomes.by_mentee
    assert from_sam.mentee == "Sam Okafor"
    assert from_sam.count == len(ideas.SAM_ADVICE)
    assert {o.words for o in from_sam.outcomes} == {words for *_, words in ideas.SAM_ADVICE}
    # What Sam wrote for himself stays his: the shared words are a copy he chose.
    private = {outcome for _, _, _, outcome, _ in ideas.SAM_ADVICE}
    assert private.isdisjoint(o.words for o in from_sam.outcomes)
    # And he thanked her for it: the thanks reach the same page.
    thanks = [e for e in impact_journal(mentor=person("maya")) if e.kind == "thanks"]
    assert between("sam", "maya").pk in {e.relationship_id for e in thanks}


def test_ravi_sees_what_his_decision_log_advice_became(demo) -> None:
    outcomes = advice_outcomes_for_mentor(mentor=person("ravi"))

    (from_maya,) = outcomes.by_mentee
    assert from_maya.mentee == "Maya Chen"
    assert [o.advice for o in from_maya.outcomes] == ["Keep a decision log for the team"]
    # Her other advice from Ravi (tried, parked) was never shared: not even counted.
    assert outcomes.total == 1
    assert Advice.objects.filter(relationship=between("maya", "ravi")).count() == 3


def test_a_mentor_nobody_shared_with_sees_no_outcomes(demo) -> None:
    assert advice_outcomes_for_mentor(mentor=person("elena")).total == 0


# Reloading -------------------------------------------------------------------------


def _idea_counts() -> dict[str, int]:
    return {
        "entries": JournalEntry.objects.count(),
        "shared entries": JournalEntry.objects.filter(shared=True).count(),
        "cadences": JournalCadence.objects.count(),
        "shared outcomes": Advice.objects.filter(outcome_shared_at__isnull=False).count(),
        "written give-backs": Relationship.objects.filter(give_back_written=True).count(),
    }


def test_reloading_replaces_the_ideas_without_duplicating_them(demo, now) -> None:
    before = _idea_counts()
    old_entries = set(JournalEntry.objects.values_list("pk", flat=True))
    maya = person("maya")
    journal_services.entry_create(
        author=maya, written_on=now.date(), today=now.date(), learned="A visitor wrote this."
    )
    journal_services.cadence_set(person=person("tomas"), cadence="monthly")

    demo_load(now=now)

    assert _idea_counts() == before
    assert old_entries.isdisjoint(JournalEntry.objects.values_list("pk", flat=True))
    assert not JournalEntry.objects.filter(learned="A visitor wrote this.").exists()
    assert journal.checkin(person=person("ravi"), today=now.date()).verdict == Verdict.STALLED


def test_a_demo_persons_entry_about_a_real_relationship_survives_a_reload(demo, now) -> None:
    maya = person("maya")
    nina = people.person_create(
        email="nina@example.org", name="Nina Real", password="a-long-real-passphrase-42"
    )
    Person.objects.filter(pk=nina.pk).update(email_verified_at=now)
    nina.refresh_from_db()
    with_maya = relationships.relationship_create(
        created_by=nina, my_role="mentee", other_person=maya, purpose="Learn discovery.", now=now
    )
    outreach_services.outreach_send(
        actor=nina, relationship=with_maya, message="Would you mentor me?", now=now
    )
    outreach_services.request_accept(actor=maya, relationship=with_maya, now=now)
    about_nina = journal_services.entry_create(
        author=maya,
        written_on=now.date(),
        today=now.date(),
        learned="Nina asks sharper questions than I did.",
        relationship=with_maya,
        shared=True,
    )

    demo_load(now=now, force=True)

    about_nina.refresh_from_db()
    assert about_nina.shared and about_nina.relationship_id == with_maya.pk
    assert journal.entry_get_for(person=nina, entry_id=about_nina.pk) == about_nina

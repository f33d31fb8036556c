"""Match runs: rules respected, locks and bans, incremental rematch, publishing once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from tests.factories import PersonFactory
from tests.programs.conftest import enrol
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.people.models import AvailabilityWindow, Block
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    MatchOffer,
    MatchRun,
    OfferStatus,
    PairRule,
    Participant,
    ParticipantStatus,
    Programme,
    Role,
    RosterEntry,
    RunStatus,
)
from tribe.programs.runs import (
    pair_rule_clear,
    pair_rule_set,
    run_apply_rule,
    run_create,
    run_discard,
    run_publish,
)
from tribe.programs.services import CohortFields, cohort_create

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _person(**fields):
    fields.setdefault("timezone", "Europe/London")
    fields.setdefault("languages", ["English"])
    person = PersonFactory(**fields)
    # Office hours in their own zone, so the overlap rule has hours to compare.
    AvailabilityWindow.objects.create(person=person, weekday=0, starts=dt.time(9), ends=dt.time(17))
    return person


def mentee(programme, wants="python testing", **person):
    return enrol(programme, Role.MENTEE, person=_person(**person), wants=wants)


def mentor(programme, offers="python testing", capacity=1, **person):
    person.setdefault("seniority", 10)
    return enrol(programme, Role.MENTOR, person=_person(**person), offers=offers, capacity=capacity)


def pairs_of(run):
    return dict(run.pairs.values_list("mentee_id", "mentor_id"))


def reasons_of(run):
    return dict(run.unmatched.values_list("mentee_id", "reason"))


def test_a_run_stores_pairs_explanations_and_figures(ada, programme):
    a, b = mentee(programme, "python testing"), mentee(programme, "sales negotiation")
    x = mentor(programme, "python testing and code review")
    y = mentor(programme, "sales negotiation")
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert run.status == RunStatus.PREVIEW
    assert pairs_of(run) == {a.pk: x.pk, b.pk: y.pk}
    pair = run.pairs.get(mentee=a)
    assert set(pair.explanation["parts"]) == {
        "text",
        "seniority",
        "language",
        "timezone",
        "ranking",
    }
    assert sum(pair.explanation["parts"].values()) == pytest.approx(pair.score, abs=1e-3)
    assert "python" in [t for t, _ in pair.explanation["terms"]]
    s = run.summary
    assert (s["matched"], s["unmatched"], s["shortfall"]) == (2, 0, 0)
    assert sum(s["score_bins"]) == 2
    assert s["loads"]["mentors_by_load"] == {"1": 2}
    assert set(s["compare"]) == {"total_fit", "most_matched", "fairness_floor"}
    assert s["proof"]["proven"] is True
    assert s["diff"] is None


def test_more_mentees_than_places_matches_as_many_as_possible(ada, programme):
    for _ in range(5):
        mentee(programme)
    mentor(programme, capacity=2)
    mentor(programme, capacity=1)
    run = run_create(actor=ada, programme=programme, now=NOW, objective="most_matched")
    assert run.summary["matched"] == 3
    assert run.summary["shortfall"] == 2
    assert list(reasons_of(run).values()) == ["capacity", "capacity"]


def test_time_zone_overlap_is_a_rule(ada, programme):
    programme.min_overlap_hours = 2
    programme.save()
    london = mentee(programme, timezone="Europe/London")
    mentor(programme, timezone="Pacific/Auckland")
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(run) == {}
    assert reasons_of(run) == {london.pk: "min_tz_overlap"}


def test_seniority_gap_and_language_are_rules(ada, programme):
    programme.min_seniority_gap = 5
    programme.save()
    junior = mentee(programme, seniority=2)
    mentor(programme, seniority=4)
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert reasons_of(run) == {junior.pk: "min_seniority_gap"}

    other = Programme.objects.create(name="Lang", slug="lang")
    other.admins.create(person=ada)
    french = mentee(other, languages=["French"])
    mentor(other, languages=["German"])
    run = run_create(actor=ada, programme=other, now=NOW)
    assert reasons_of(run) == {french.pk: "shared_language"}


def test_reporting_line_follows_the_roster_through_a_manager_who_takes_no_part(ada, programme):
    boss = RosterEntry.objects.create(programme=programme, employee_id="1", email="b@x.org")
    middle = RosterEntry.objects.create(
        programme=programme, employee_id="2", email="m@x.org", manager=boss
    )
    report = RosterEntry.objects.create(
        programme=programme, employee_id="3", email="r@x.org", manager=middle
    )
    a = mentee(programme)
    a.roster_entry = report
    a.save()
    x = mentor(programme)
    x.roster_entry = boss  # two levels up; the middle manager is not enrolled
    x.save()
    y = mentor(programme, offers="gardening")
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(run) == {a.pk: y.pk}
    programme.forbid_same_reporting_line = False
    programme.save()
    run = run_create(actor=ada, programme=programme, now=NOW, keep=False)
    assert pairs_of(run) == {a.pk: x.pk}


def test_avoid_lists_blocks_and_bans_are_never_matched(ada, programme):
    a = mentee(programme)
    x = mentor(programme)
    y = mentor(programme, offers="python")
    z = mentor(programme, offers="python tests")
    a.avoid = [x.pk]
    a.save()
    Block.objects.create(blocker=y.person, blocked=a.person)
    pair_rule_set(actor=ada, programme=programme, mentee=a.pk, mentor=z.pk, kind="forbid")
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(run) == {}
    assert reasons_of(run) == {a.pk: "forbidden"}


def test_locks_are_kept_and_previous_pairs_stay(ada, programme):
    a, b = mentee(programme, "python"), mentee(programme, "design")
    x, y = mentor(programme, "python"), mentor(programme, "design")
    first = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(first) == {a.pk: x.pk, b.pk: y.pk}
    second = run_apply_rule(actor=ada, run=first, mentee=a.pk, mentor=y.pk, kind="lock", now=NOW)
    assert pairs_of(second)[a.pk] == y.pk
    assert second.pairs.get(mentee=a).locked is True
    assert second.summary["diff"] == {
        "previous": first.pk,
        "kept": 0,
        "added": 0,
        "changed": 2,
        "dropped": 0,
    }
    # A late joiner: the earlier pairs stay, the newcomer gets the new mentor.
    c = mentee(programme, "python")
    w = mentor(programme, "python")
    third = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(third) == {a.pk: y.pk, b.pk: x.pk, c.pk: w.pk}
    assert third.pairs.get(mentee=b).kept is True
    assert third.summary["diff"]["kept"] == 2 and third.summary["diff"]["added"] == 1


def test_forbidding_a_pair_reruns_around_it(ada, programme):
    a = mentee(programme, "python")
    x, y = mentor(programme, "python"), mentor(programme, "rust")
    first = run_create(actor=ada, programme=programme, now=NOW)
    assert pairs_of(first) == {a.pk: x.pk}
    second = run_apply_rule(actor=ada, run=first, mentee=a.pk, mentor=x.pk, kind="forbid", now=NOW)
    assert pairs_of(second) == {a.pk: y.pk}
    assert pair_rule_clear(actor=ada, programme=programme, mentee=a.pk, mentor=x.pk) == 1
    assert not PairRule.objects.exists()


def test_pair_rules_name_bad_input(ada, programme):
    a, x = mentee(programme), mentor(programme)
    with pytest.raises(ValidationError) as bad:
        pair_rule_set(actor=ada, programme=programme, mentee=a.pk, mentor=x.pk, kind="maybe")
    assert bad.value.code is ProgrammeCode.BAD_RULE_KIND
    with pytest.raises(ValidationError) as bad:
        pair_rule_set(actor=ada, programme=programme, mentee=x.pk, mentor=a.pk, kind="lock")
    assert bad.value.code is ProgrammeCode.NOT_A_MENTEE


def test_publish_creates_offers_exactly_once(ada, programme):
    a, b = mentee(programme, "python"), mentee(programme, "design")
    mentor(programme, "python"), mentor(programme, "design")
    run = run_create(actor=ada, programme=programme, now=NOW)
    assert run_publish(actor=ada, run=run, now=NOW) == 2
    assert MatchOffer.objects.filter(run=run).count() == 2
    offer = MatchOffer.objects.get(mentee=a)
    assert offer.status == OfferStatus.OPEN and offer.explanation["parts"]
    with pytest.raises(Conflict) as twice:
        run_publish(actor=ada, run=run, now=NOW)
    assert twice.value.code is ProgrammeCode.RUN_NOT_PREVIEW
    assert MatchOffer.objects.count() == 2
    # Offered mentees are not matched again; nobody is left waiting.
    with pytest.raises(ValidationError) as empty:
        run_create(actor=ada, programme=programme, now=NOW)
    assert empty.value.code is ProgrammeCode.RUN_EMPTY
    assert b.pk in set(MatchOffer.objects.values_list("mentee_id", flat=True))


def test_publish_refuses_an_old_or_stale_preview(ada, programme):
    a = mentee(programme, "python")
    mentor(programme, "python")
    old = run_create(actor=ada, programme=programme, now=NOW)
    new = run_create(actor=ada, programme=programme, now=NOW)
    with pytest.raises(Conflict) as refused:
        run_publish(actor=ada, run=old, now=NOW)
    assert refused.value.code is ProgrammeCode.RUN_NOT_LATEST
    Participant.objects.filter(pk=a.pk).update(status=ParticipantStatus.LEFT)
    with pytest.raises(Conflict) as stale:
        run_publish(actor=ada, run=new, now=NOW)
    assert stale.value.code is ProgrammeCode.RUN_STALE
    assert not MatchOffer.objects.exists()
    run_discard(actor=ada, run=new)
    assert MatchRun.objects.get(pk=new.pk).status == RunStatus.DISCARDED


@pytest.mark.django_db(transaction=True)
def test_two_racing_publishes_create_one_set_of_offers(ada, programme):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    for _ in range(3):
        mentee(programme)
    mentor(programme, capacity=3)
    run = run_create(actor=ada, programme=programme, now=NOW)
    outcomes: list[str] = []

    def publish() -> None:
        try:
            run_publish(actor=ada, run=run, now=NOW)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(str(exc.code))
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "run_not_preview"]
    assert MatchOffer.objects.filter(run=run).count() == 3


def test_a_cohort_run_matches_only_the_cohort(ada, programme):
    spring = cohort_create(actor=ada, programme=programme, fields=CohortFields(name="Spring"))
    a = mentee(programme)
    a.cohort = spring
    a.save()
    x = mentor(programme)
    x.cohort = spring
    x.save()
    mentee(programme)  # not in the cohort
    run = run_create(actor=ada, programme=programme, cohort=spring, now=NOW)
    assert pairs_of(run) == {a.pk: x.pk}
    assert run.summary["mentees"] == 1


def test_another_programmes_admin_gets_not_found(ada, otto, programme, other_programme):
    mentee(programme), mentor(programme)
    with pytest.raises(NotFound):
        run_create(actor=otto, programme=programme, now=NOW)
    run = run_create(actor=ada, programme=programme, now=NOW)
    with pytest.raises(NotFound):
        run_publish(actor=otto, run=run, now=NOW)
    with pytest.raises(NotFound):
        run_discard(actor=otto, run=run)
    spring = cohort_create(
        actor=otto, programme=other_programme, fields=CohortFields(name="Spring")
    )
    with pytest.raises(NotFound):
        run_create(actor=ada, programme=programme, cohort=spring, now=NOW)


def test_bad_objective_is_named(ada, programme):
    mentee(programme), mentor(programme)
    with pytest.raises(ValidationError) as bad:
        run_create(actor=ada, programme=programme, now=NOW, objective="luck")
    assert bad.value.field == "objective"


def test_a_pair_one_side_declined_is_not_proposed_again(ada, programme):
    a = mentee(programme)
    x, y = mentor(programme), mentor(programme, "python testing, pytest")
    first = run_create(actor=ada, programme=programme, now=NOW)
    run_publish(actor=ada, run=first, now=NOW)
    offer = MatchOffer.objects.get(mentee=a)
    offer.status, offer.mentor_answer = OfferStatus.DECLINED, "declined"
    offer.save()
    again = run_create(actor=ada, programme=programme, now=NOW, keep=False)
    assert pairs_of(again)[a.pk] != offer.mentor_id
    assert pairs_of(again)[a.pk] in {x.pk, y.pk}

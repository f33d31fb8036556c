"""Today's duties from what the kinds of relationship carry, on fixed days: practice a
coaching regimen asks of its mentee, and advocacy asks waiting for the sponsor's answer or
past their date; on the page, the command line, in the API and in the digest too."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import ApiClient
from tests.factories import ContactFactory, PersonFactory, RelationshipFactory
from tests.web.conftest import client_for
from tribe.advocacy.models import AdvocacyAsk
from tribe.advocacy.services import (
    ask_agree,
    ask_create,
    ask_decline,
    ask_mark_done,
    ask_record_outcome,
    ask_withdraw,
)
from tribe.cli import main
from tribe.coaching.models import Exercise, PracticeEntry
from tribe.coaching.services import exercise_add, exercise_retire, practice_log
from tribe.core import clock
from tribe.notifications.digest_timing import DigestDue
from tribe.notifications.digests import Composer
from tribe.people.models import Person
from tribe.relationships.models import Relationship
from tribe.today.selectors import TodayItem, Urgency, today_for, today_for_many

pytestmark = pytest.mark.django_db

#: ``now`` is 10 March 2026, 12:00 UTC: the same day in London, Kolkata and Lagos.
DAY = dt.date(2026, 3, 10)
#: At 20:00 UTC it is still the 10th in London, already the 11th in Kolkata.
EVENING = dt.datetime(2026, 3, 10, 20, tzinfo=dt.UTC)


def days_ago(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


def of_kind(person: Person, now: dt.datetime, kind: str) -> list[TodayItem]:
    return [i for i in today_for(person=person, now=now).items if i.kind == kind]


@pytest.fixture
def coaching(maya: Person, ravi: Person, now: dt.datetime) -> Relationship:
    """Ravi coaches Maya: both said yes, active."""
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="coach", status_changed_at=now
    )


@pytest.fixture
def sponsorship(maya: Person, sam: Person, now: dt.datetime) -> Relationship:
    """Sam sponsors Maya: both said yes, active."""
    return RelationshipFactory(
        mentee=maya, mentor=sam, created_by=maya, kind="sponsor", status_changed_at=now
    )


def drill(relationship: Relationship, **fields: Any) -> Exercise:
    values: dict[str, Any] = {"title": "Pitch in two minutes", "every_days": 2}
    coach = relationship.mentor
    assert coach is not None
    return exercise_add(
        actor=coach,
        relationship=relationship,
        started_on=fields.pop("started_on", days_ago(9)),
        **(values | fields),
    )


def practise(exercise: Exercise, on: dt.date, today: dt.date = DAY) -> PracticeEntry:
    mentee = exercise.relationship.mentee
    assert mentee is not None
    return practice_log(actor=mentee, exercise=exercise, practised_on=on, minutes=10, today=today)


#: The day the asks are written, unless a test says otherwise.
ASKED_ON = DAY - dt.timedelta(days=9)


def asked(relationship: Relationship, *, on: dt.date = ASKED_ON, **fields: Any) -> AdvocacyAsk:
    mentee = relationship.mentee
    assert mentee is not None
    values: dict[str, Any] = {
        "audience": "the VP of product",
        "opportunity": "the staff engineer promotion round",
    }
    return ask_create(author=mentee, relationship=relationship, today=on, **(values | fields))


# -- practice due ---------------------------------------------------------------------------


def test_an_exercise_never_practised_is_due_from_the_day_it_starts(
    maya: Person, ravi: Person, coaching: Relationship, now: dt.datetime
) -> None:
    exercise = drill(coaching, started_on=DAY)
    (item,) = of_kind(maya, now, "practice")
    assert item == TodayItem(
        kind="practice",
        title="Practise: Pitch in two minutes",
        detail="not practised yet, every 2 days",
        urgency=Urgency.TODAY,
        due=DAY,
        relationship_id=coaching.pk,
        object_id=exercise.pk,
        with_name="Ravi Menon",
    )
    # The coach designs the regimen; the mentee practises it.
    assert of_kind(ravi, now, "practice") == []


def test_practice_is_overdue_once_its_day_has_passed(
    maya: Person, coaching: Relationship, now: dt.datetime
) -> None:
    daily = drill(coaching, title="Breathe", every_days=1)
    practise(daily, days_ago(2))
    pitch = drill(coaching)
    practise(pitch, days_ago(4))
    ahead = drill(coaching, title="Later", started_on=DAY + dt.timedelta(days=1))
    items = of_kind(maya, now, "practice")
    # The one due longest ago comes first.
    assert [(i.object_id, i.urgency, i.due) for i in items] == [
        (pitch.pk, Urgency.OVERDUE, days_ago(2)),
        (daily.pk, Urgency.OVERDUE, days_ago(1)),
    ]
    assert [i.detail for i in items] == [
        "last practised on 06 Mar, every 2 days",
        "last practised on 08 Mar, every day",
    ]
    assert ahead.pk not in {i.object_id for i in items}


def test_practice_logged_today_removes_the_item(
    maya: Person, coaching: Relationship, now: dt.datetime
) -> None:
    exercise = drill(coaching)
    practise(exercise, days_ago(4))
    assert [i.object_id for i in of_kind(maya, now, "practice")] == [exercise.pk]
    practise(exercise, DAY)
    assert of_kind(maya, now, "practice") == []
    # Due again two days later.
    (item,) = of_kind(maya, now + dt.timedelta(days=2), "practice")
    assert (item.urgency, item.due) == (Urgency.TODAY, DAY + dt.timedelta(days=2))


def test_a_retired_exercise_gives_none(
    maya: Person, ravi: Person, coaching: Relationship, now: dt.datetime
) -> None:
    exercise = drill(coaching)
    exercise_retire(actor=ravi, exercise=exercise, today=days_ago(1))
    assert of_kind(maya, now, "practice") == []


@pytest.mark.parametrize("status", ["paused", "ended"])
def test_no_practice_is_due_in_a_paused_or_ended_relationship(
    status: str, maya: Person, coaching: Relationship, now: dt.datetime
) -> None:
    drill(coaching)
    Relationship.objects.filter(pk=coaching.pk).update(status=status)
    assert of_kind(maya, now, "practice") == []


def test_a_stranger_sees_no_practice(
    maya: Person, ravi: Person, eve: Person, coaching: Relationship, now: dt.datetime
) -> None:
    drill(coaching)
    # Ravi coaches someone else, and a client with no account: nothing of Maya's for either.
    drill(RelationshipFactory(mentor=ravi, kind="coach"), title="Someone else's")
    client = Relationship.objects.create(
        mentee_contact=ContactFactory(owner=ravi, name="Carla Client"),
        mentor=ravi,
        created_by=ravi,
        kind="coach",
        status="active",
        status_changed_at=now,
        mentor_consented_at=now,
    )
    drill(client, title="Carla's")
    assert [i.title for i in of_kind(maya, now, "practice")] == ["Practise: Pitch in two minutes"]
    assert of_kind(eve, now, "practice") == []
    assert of_kind(ravi, now, "practice") == []


def test_practice_is_due_on_each_persons_own_day(
    maya: Person, ravi: Person, sam: Person, coaching: Relationship
) -> None:
    """At 20:00 UTC a daily exercise practised on the 10th is due again for Ravi in Kolkata
    (the 11th there) and not for Maya in London; a practice Maya dated the 11th (logged
    where it already was) does not count for her before her own 11th."""
    ravis = drill(
        RelationshipFactory(mentee=ravi, mentor=sam, kind="coach"), title="Daily", every_days=1
    )
    practise(ravis, DAY)
    mayas = drill(coaching, title="Daily", every_days=1)
    practise(mayas, days_ago(1))
    PracticeEntry.objects.create(exercise=mayas, practised_on=DAY + dt.timedelta(days=1), minutes=5)
    batch = today_for_many(people=[maya, ravi], now=EVENING)
    (his,) = [i for i in batch[ravi.pk].items if i.kind == "practice"]
    assert (his.object_id, his.urgency, his.due) == (ravis.pk, Urgency.TODAY, dt.date(2026, 3, 11))
    (hers,) = [i for i in batch[maya.pk].items if i.kind == "practice"]
    assert (hers.object_id, hers.urgency, hers.due) == (mayas.pk, Urgency.TODAY, DAY)


# -- advocacy asks --------------------------------------------------------------------------


def test_the_sponsor_is_asked_to_answer_and_the_mentee_is_not(
    maya: Person, sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    ask = asked(sponsorship, by_when=dt.date(2026, 4, 30))
    (item,) = of_kind(sam, now, "advocacy")
    assert item == TodayItem(
        kind="advocacy",
        title="Answer Maya Chen's ask: the staff engineer promotion round",
        detail="to speak to the VP of product by 30 Apr: yes or no, either is fine",
        urgency=Urgency.SOON,
        due=dt.date(2026, 4, 30),
        relationship_id=sponsorship.pk,
        object_id=ask.pk,
        with_name="Maya Chen",
    )
    # The ask waits for Sam: Maya has nothing to do about it (its date is far off).
    assert of_kind(maya, now, "advocacy") == []


def test_an_ask_without_a_date_waits_without_one(
    sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    asked(sponsorship)
    (item,) = of_kind(sam, now, "advocacy")
    assert item.detail == "to speak to the VP of product: yes or no, either is fine"
    assert (item.urgency, item.due) == (Urgency.SOON, None)


def test_an_answer_removes_the_item(
    maya: Person, sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    yes, no = asked(sponsorship), asked(sponsorship, opportunity="the board")
    ask_agree(actor=sam, ask=yes, today=DAY)
    ask_decline(actor=sam, ask=no, today=DAY)
    assert of_kind(sam, now, "advocacy") == []
    assert of_kind(maya, now, "advocacy") == []


def test_an_unanswered_ask_past_its_date_is_one_overdue_item_for_each_side(
    maya: Person, sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    ask = asked(sponsorship, by_when=days_ago(1))
    (his,) = of_kind(sam, now, "advocacy")
    assert (his.title, his.urgency, his.due, his.object_id) == (
        "Answer Maya Chen's ask: the staff engineer promotion round",
        Urgency.OVERDUE,
        days_ago(1),
        ask.pk,
    )
    (hers,) = of_kind(maya, now, "advocacy")
    assert hers == TodayItem(
        kind="advocacy",
        title="Past its date: the staff engineer promotion round",
        detail="no answer yet; it was for 09 Mar",
        urgency=Urgency.OVERDUE,
        due=days_ago(1),
        relationship_id=sponsorship.pk,
        object_id=ask.pk,
        with_name="Sam Okafor",
    )


def test_an_ask_past_its_date_stays_until_its_outcome_is_recorded(
    maya: Person, sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    ask = asked(sponsorship, by_when=days_ago(2))
    ask_agree(actor=sam, ask=ask, today=days_ago(8))
    # Due on the day itself is not past it yet.
    assert of_kind(maya, now - dt.timedelta(days=2), "advocacy") == []
    for person in (maya, sam):
        (item,) = of_kind(person, now, "advocacy")
        assert (item.detail, item.urgency) == (
            "agreed, not yet done; it was for 08 Mar",
            Urgency.OVERDUE,
        )
    ask_mark_done(actor=sam, ask=ask, today=DAY)
    assert [i.detail for i in of_kind(maya, now, "advocacy")] == [
        "done: what came of it? It was for 08 Mar"
    ]
    ask_record_outcome(actor=maya, ask=ask, today=DAY, outcome="Promoted")
    assert of_kind(maya, now, "advocacy") == []
    assert of_kind(sam, now, "advocacy") == []


def test_a_withdrawn_ask_gives_none(
    maya: Person, sam: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    ask = asked(sponsorship, by_when=days_ago(1))
    ask_withdraw(actor=maya, ask=ask, today=DAY)
    assert of_kind(maya, now, "advocacy") == [] and of_kind(sam, now, "advocacy") == []


def test_a_contact_sponsors_answer_is_recorded_by_the_mentee(
    maya: Person, now: dt.datetime
) -> None:
    """A sponsor with no account answers outside Tribe; Maya keeps the record."""
    record = Relationship.objects.create(
        mentee=maya,
        mentor_contact=ContactFactory(owner=maya, name="Carla Contact"),
        created_by=maya,
        kind="sponsor",
        status="active",
        status_changed_at=now,
        mentee_consented_at=now,
    )
    ask = asked(record, by_when=days_ago(1))
    (item,) = of_kind(maya, now, "advocacy")  # one item, not a second for its date
    assert (item.title, item.urgency, item.object_id, item.with_name) == (
        "Record Carla Contact's answer to your ask: the staff engineer promotion round",
        Urgency.OVERDUE,
        ask.pk,
        "Carla Contact",
    )


def test_a_stranger_sees_no_ask_and_a_closed_relationship_none(
    maya: Person, sam: Person, eve: Person, sponsorship: Relationship, now: dt.datetime
) -> None:
    asked(sponsorship, by_when=days_ago(1))
    assert of_kind(eve, now, "advocacy") == []
    # Sam sponsors Eve too: her ask is for Sam, never shown to Maya.
    theirs = RelationshipFactory(mentee=eve, mentor=sam, kind="sponsor")
    asked(theirs, opportunity="Eve's talk")
    assert [i.title for i in of_kind(maya, now, "advocacy")] == [
        "Past its date: the staff engineer promotion round"
    ]
    assert len(of_kind(sam, now, "advocacy")) == 2
    Relationship.objects.filter(pk=sponsorship.pk).update(status="ended")
    assert of_kind(maya, now, "advocacy") == []
    assert [i.relationship_id for i in of_kind(sam, now, "advocacy")] == [theirs.pk]


def test_an_ask_is_past_its_date_on_each_persons_own_day(maya: Person, ravi: Person) -> None:
    """At 20:00 UTC an agreed ask for the 10th is past for Ravi, its sponsor in Kolkata,
    and not yet for Maya in London."""
    record = RelationshipFactory(mentee=maya, mentor=ravi, created_by=maya, kind="sponsor")
    ask = asked(record, by_when=DAY)
    ask_agree(actor=ravi, ask=ask, today=days_ago(5))
    batch = today_for_many(people=[maya, ravi], now=EVENING)
    assert [i.object_id for i in batch[ravi.pk].items if i.kind == "advocacy"] == [ask.pk]
    assert [i for i in batch[maya.pk].items if i.kind == "advocacy"] == []


# -- a fixed number of queries ------------------------------------------------------------


def _carrier(count: int) -> Person:
    """A person with ``count`` coaching relationships as the mentee (two exercises each: one
    due, one practised today) and ``count`` sponsor relationships, sponsored in one half
    and sponsoring in the other, with an ask waiting and one past its date in each."""
    person = PersonFactory(timezone="America/New_York")
    for n in range(count):
        coached = RelationshipFactory(mentee=person, kind="coach")
        drill(coached, title=f"Due {n}")
        done = drill(coached, title=f"Done {n}")
        practise(done, DAY)
        sponsor = (
            RelationshipFactory(mentee=person, kind="sponsor")
            if n % 2
            else RelationshipFactory(mentor=person, mentee=PersonFactory(), kind="sponsor")
        )
        asked(sponsor, opportunity=f"Waiting {n}")
        late = asked(sponsor, opportunity=f"Late {n}", by_when=days_ago(1))
        assert sponsor.mentor is not None
        ask_agree(actor=sponsor.mentor, ask=late, today=days_ago(5))
    return person


def test_query_count_is_fixed_whatever_the_exercises_and_asks(
    db: None, django_assert_num_queries: Any, now: dt.datetime
) -> None:
    few, many = _carrier(2), _carrier(12)
    with CaptureQueriesContext(connection) as baseline:
        today_for(person=few, now=now).as_dict()
    with django_assert_num_queries(len(baseline.captured_queries)):
        items = today_for(person=many, now=now).items
    titles = [i.title for i in items]
    assert sum(t.startswith("Practise: Due") for t in titles) == 12
    assert not any(t.startswith("Practise: Done") for t in titles)
    # Six asks wait for their sponsor's answer, twelve are past their date.
    assert sum(t.startswith("Answer ") for t in titles) == 6
    assert sum(t.startswith("Past its date: Late") for t in titles) == 12
    assert all(i.with_name for i in items if i.kind in ("practice", "advocacy"))


def test_query_count_is_fixed_whatever_the_number_of_people(
    db: None, django_assert_num_queries: Any, now: dt.datetime
) -> None:
    few = [_carrier(1) for _ in range(2)]
    many = [_carrier(2) for _ in range(10)]
    with CaptureQueriesContext(connection) as baseline:
        today_for_many(people=few, now=now)
    with django_assert_num_queries(len(baseline.captured_queries)):
        batch = today_for_many(people=many, now=now)
    assert {pk: t.as_dict() for pk, t in batch.items()} == {
        p.pk: today_for(person=p, now=now).as_dict() for p in many
    }
    for p in many:
        kinds = [i.kind for i in batch[p.pk].items]
        assert kinds.count("practice") == 2 and kinds.count("advocacy") == 3


# -- the page, the command line, the API, the digest ------------------------------------------


@pytest.fixture
def carried(coaching: Relationship, sponsorship: Relationship) -> tuple[Exercise, AdvocacyAsk]:
    """Maya has an exercise to practise (from Ravi) and an ask past its date (Sam's)."""
    exercise = drill(coaching)
    ask = asked(sponsorship, by_when=days_ago(1))
    assert sponsorship.mentor is not None
    ask_agree(actor=sponsorship.mentor, ask=ask, today=days_ago(5))
    return exercise, ask


def test_the_page_links_each_to_its_section(
    maya: Person, sam: Person, carried: tuple[Exercise, AdvocacyAsk], now: dt.datetime
) -> None:
    exercise, ask = carried
    with clock.frozen(now):
        page = client_for(maya).get(reverse("web:today"))
    shown = {
        item.kind: (item.title, link, label)
        for _heading, items in page.context["groups"]
        for item, link, label in items
    }
    regimen = reverse("web:relationship", args=[exercise.relationship_id]) + "#regimen"
    advocacy = reverse("web:relationship", args=[ask.relationship_id]) + "#advocacy"
    assert shown["practice"] == ("Practise: Pitch in two minutes", regimen, "Practice")
    assert shown["advocacy"] == (
        "Past its date: the staff engineer promotion round",
        advocacy,
        "Advocacy",
    )
    html = page.content.decode()
    assert f'href="{regimen}"' in html and f'href="{advocacy}"' in html
    assert "not practised yet, every 2 days · with Ravi Menon" in html
    assert "agreed, not yet done; it was for 09 Mar · with Sam Okafor" in html
    # Each link opens a page Maya may read, and its section is there.
    for link, anchor in ((regimen, 'id="regimen"'), (advocacy, 'id="advocacy"')):
        with clock.frozen(now):
            opened = client_for(maya).get(link.partition("#")[0])
        assert opened.status_code == 200 and anchor in opened.content.decode()
    # Sam, the sponsor, sees the ask and not Maya's practice.
    with clock.frozen(now):
        his = client_for(sam).get(reverse("web:today"))
    kinds = {item.kind for _h, items in his.context["groups"] for item, _l, _b in items}
    assert "advocacy" in kinds and "practice" not in kinds


def test_tribe_today_lists_both(
    carried: tuple[Exercise, AdvocacyAsk],
    now: dt.datetime,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exercise, ask = carried
    monkeypatch.setenv("TRIBE_LANGUAGE", "en")
    with clock.frozen(now):
        assert main(["today", "--as", "maya@example.com"]) == 0
        out = capsys.readouterr().out
        assert " ! Practise: Pitch in two minutes — not practised yet, every 2 days" in out
        assert " ! Past its date: the staff engineer promotion round — agreed, not yet" in out
        assert main(["today", "--json", "--as", "maya@example.com"]) == 0
    by_kind = {i["kind"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert (by_kind["practice"]["id"], by_kind["practice"]["urgency"]) == (exercise.pk, "overdue")
    assert by_kind["advocacy"]["relationship_id"] == ask.relationship_id


def test_the_api_says_what_each_id_is(
    maya: Person, sam: Person, carried: tuple[Exercise, AdvocacyAsk], now: dt.datetime
) -> None:
    exercise, ask = carried
    with clock.frozen(now):
        mine = ApiClient().as_(maya).get("/api/today")
        his = ApiClient().as_(sam).get("/api/today")
    assert mine.status_code == 200
    by_kind = {i["kind"]: i for i in mine.json_body["items"]}
    assert (by_kind["practice"]["target"], by_kind["practice"]["id"]) == ("exercise", exercise.pk)
    assert (by_kind["advocacy"]["target"], by_kind["advocacy"]["id"]) == ("advocacy_ask", ask.pk)
    assert by_kind["practice"]["due"] == days_ago(9).isoformat()
    kinds = [i["kind"] for i in his.json_body["items"]]
    assert "advocacy" in kinds and "practice" not in kinds


def test_the_digest_lists_both(
    maya: Person, carried: tuple[Exercise, AdvocacyAsk], now: dt.datetime
) -> None:
    today = today_for(person=maya, now=now)
    due = DigestDue(key="digest:test", due_at=now, local_date=DAY)
    (message,) = Composer().compose(maya, today, due, [("email", "", "")])
    for body in (message["body_text"], message["body_html"]):
        assert "Practise: Pitch in two minutes" in body
        assert "not practised yet, every 2 days" in body
        assert "Past its date: the staff engineer promotion round" in body

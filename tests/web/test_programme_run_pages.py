"""Match-run pages: start a run, read the preview a page at a time, lock and
forbid, publish; the participant answers their offer; 404 across programmes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import PersonFactory
from tests.programs.conftest import enrol
from tribe.people.models import Person
from tribe.programs.models import MatchOffer, MatchRun, OfferStatus, PairRule, Programme, Role
from tribe.programs.runs import run_create, run_publish
from tribe.programs.selectors import RUN_PAGE
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _client(person: Person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def _pool(programme: Programme, mentees: int = 2, mentors: int = 2, capacity: int = 1):
    a = [enrol(programme, Role.MENTEE, wants="python testing") for _ in range(mentees)]
    x = [
        enrol(programme, Role.MENTOR, offers="python testing", capacity=capacity)
        for _ in range(mentors)
    ]
    return a, x


def test_starting_a_run_shows_its_preview(ada: Person, programme: Programme) -> None:
    _pool(programme)
    browser = _client(ada)
    page = browser.get("/programmes/engineering/runs/")
    assert page.status_code == 200 and "Run the matching" in page.content.decode()
    response = browser.post(
        "/programmes/engineering/runs/", {"cohort": "", "objective": "most_matched", "keep": "on"}
    )
    run = MatchRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/engineering/runs/{run.pk}/"
    html = browser.get(response["Location"]).content.decode()
    assert "<svg" in html and "Number of pairs by score" in html
    assert "Pairs by score (the chart as a table)" in html
    assert "Trade-offs side by side" in html and "Mentor loads" in html
    assert "python" in html  # the matched term


def test_a_bad_objective_is_named_on_the_form(ada: Person, programme: Programme) -> None:
    _pool(programme)
    response = _client(ada).post("/programmes/engineering/runs/", {"objective": "luck"})
    assert response.status_code == 400
    assert not MatchRun.objects.exists()


def test_nobody_waiting_is_said_on_the_form(ada: Person, programme: Programme) -> None:
    response = _client(ada).post("/programmes/engineering/runs/", {"objective": "total_fit"})
    assert response.status_code == 400
    assert "nobody is waiting" in response.content.decode()


def test_the_preview_is_paged_with_fixed_queries(
    ada: Person, programme: Programme, django_assert_max_num_queries
) -> None:
    _pool(programme, mentees=RUN_PAGE + 5, mentors=RUN_PAGE + 5)
    run = run_create(actor=ada, programme=programme, now=NOW)
    browser = _client(ada)
    with django_assert_max_num_queries(14):
        first = browser.get(f"/programmes/engineering/runs/{run.pk}/").content.decode()
    assert first.count('name="kind" value="lock"') == RUN_PAGE
    assert "Next page" in first
    second = browser.get(f"/programmes/engineering/runs/{run.pk}/?page=2").content.decode()
    assert second.count('name="kind" value="lock"') == 5


def test_lock_forbid_and_publish_from_the_page(ada: Person, programme: Programme) -> None:
    (a, _), _ = _pool(programme, capacity=2)
    run = run_create(actor=ada, programme=programme, now=NOW)
    pair = run.pairs.get(mentee=a)
    browser = _client(ada)
    response = browser.post(
        f"/programmes/engineering/runs/{run.pk}/rule/",
        {"mentee": a.pk, "mentor": pair.mentor_id, "kind": "forbid"},
    )
    rerun = MatchRun.objects.order_by("-id").first()
    assert rerun is not None and rerun.pk != run.pk
    assert response["Location"] == f"/programmes/engineering/runs/{rerun.pk}/"
    assert PairRule.objects.filter(kind="forbid").count() == 1
    assert rerun.pairs.get(mentee=a).mentor_id != pair.mentor_id
    # The old preview is no longer the latest: its page says so, publishing it is refused.
    old = browser.get(f"/programmes/engineering/runs/{run.pk}/").content.decode()
    assert "A later run replaced this preview" in old and "Publish: send the offers" not in old
    browser.post(f"/programmes/engineering/runs/{run.pk}/publish/")
    assert not MatchOffer.objects.exists()
    browser.post(f"/programmes/engineering/runs/{rerun.pk}/publish/")
    browser.post(f"/programmes/engineering/runs/{rerun.pk}/publish/")
    assert MatchOffer.objects.count() == 2


def test_a_lock_or_ban_is_listed_and_removed_from_the_page(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    (a, _), _ = _pool(programme, capacity=2)
    run = run_create(actor=ada, programme=programme, now=NOW)
    pair = run.pairs.get(mentee=a)
    browser = _client(ada)
    rule_url = f"/programmes/engineering/runs/{run.pk}/rule/"
    browser.post(rule_url, {"mentee": a.pk, "mentor": pair.mentor_id, "kind": "lock"})
    latest = MatchRun.objects.order_by("-id").first()
    assert latest is not None
    page = browser.get(f"/programmes/engineering/runs/{latest.pk}/").content.decode()
    assert "Locks and bans" in page and a.person.name in page
    # Otto cannot remove Ada's rule, through his programme or hers.
    _client(otto).post(rule_url, {"mentee": a.pk, "mentor": pair.mentor_id, "kind": "clear"})
    assert PairRule.objects.count() == 1
    response = browser.post(
        f"/programmes/engineering/runs/{latest.pk}/rule/",
        {"mentee": a.pk, "mentor": pair.mentor_id, "kind": "clear"},
        follow=True,
    )
    assert "neither keeps nor avoids" in response.content.decode()
    assert not PairRule.objects.exists()
    assert MatchRun.objects.count() == 2  # removing does not run again by itself


def test_another_programmes_admin_gets_404(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    _pool(programme)
    run = run_create(actor=ada, programme=programme, now=NOW)
    browser = _client(otto)
    base = "/programmes/engineering/runs/"
    assert browser.get(base).status_code == 404
    assert browser.get(f"{base}{run.pk}/").status_code == 404
    for action in ("publish", "discard", "rule"):
        assert browser.post(f"{base}{run.pk}/{action}/").status_code == 404
    # Ada asking for Otto's run id under her own programme: 404 too.
    _pool(other_programme)
    theirs = run_create(actor=otto, programme=other_programme, now=NOW)
    assert _client(ada).get(f"{base}{theirs.pk}/").status_code == 404
    assert _client(ada).get(f"/programmes/sales/runs/{theirs.pk}/").status_code == 404
    assert not MatchOffer.objects.exists()


def test_the_participant_sees_and_answers_their_offer(ada: Person, programme: Programme) -> None:
    (a,), (x,) = _pool(programme, mentees=1, mentors=1)
    run = run_create(actor=ada, programme=programme, now=NOW)
    run_publish(actor=ada, run=run, now=NOW)
    offer = MatchOffer.objects.get()
    mentee = _client(a.person)
    page = mentee.get("/my-programmes/engineering/offers/").content.decode()
    assert x.person.name in page and "python" in page and "Accept" in page
    # Someone else in the programme cannot answer it.
    other = enrol(programme, Role.MENTEE, person=PersonFactory())
    response = _client(other.person).post(
        "/my-programmes/engineering/offers/", {"offer": offer.pk, "accept": "yes"}
    )
    assert response.status_code == 404
    mentee.post("/my-programmes/engineering/offers/", {"offer": offer.pk, "accept": "yes"})
    _client(x.person).post(
        "/my-programmes/engineering/offers/", {"offer": offer.pk, "accept": "yes"}
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert Relationship.objects.count() == 1
    page = mentee.get("/my-programmes/engineering/offers/").content.decode()
    assert "Open the relationship" in page


def test_a_stranger_gets_404_for_the_offers_page(programme: Programme) -> None:
    assert _client(PersonFactory()).get("/my-programmes/engineering/offers/").status_code == 404

"""Every programme page, crawled: administrators read no private words, and
nobody reaches a programme they have no part in.

Maya (mentee) and Ravi (mentor) are matched in Ada's programme; in their
relationship they write notes, advice, a journal entry and goals with unique
markers, and Maya answers a survey with a text she does not share. Then every
route under ``programmes/<slug>/`` is fetched, with every object id of the
kinds it names, as Ada: no answer holds a marker, none is a 500. The same
routes under Otto's programme, and Otto's object ids under Ada's programme,
answer 404 to Ada. Every route under ``my-programmes/<slug>/`` answers 404 to
Eve, who is in neither. The crawl finds the routes itself, so a page added
later is crawled too; an id it cannot place fails the test until it is named
below.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import PersonFactory, relationship_agreed
from tests.programs.conftest import enrol
from tribe.journal.services import entry_create
from tribe.ledger.services import advice_record
from tribe.meetings.services import meeting_create, note_create
from tribe.people.models import Person
from tribe.people.services import goal_create
from tribe.programs import models as pm
from tribe.programs.models import Programme, Role

pytestmark = pytest.mark.django_db

PRIVATE = {
    "note": "CANARY-programme-private-note",
    "shared_note": "CANARY-programme-shared-note",
    "advice": "CANARY-programme-advice",
    "journal": "CANARY-programme-journal",
    "goal": "CANARY-programme-goal-title",
    "goal_why": "CANARY-programme-goal-why",
    "purpose": "CANARY-programme-purpose",
    "survey_text": "CANARY-programme-unshared-survey-text",
}
TODAY = dt.datetime.now(dt.UTC).date()
SOON = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0, minute=0) + dt.timedelta(days=3)

#: What each id in a programme route names.
ID_MODELS: dict[str, type[Model]] = {
    "cohort_id": pm.Cohort,
    "run_id": pm.MatchRun,
    "pair_id": pm.RunPair,
    "offer_id": pm.MatchOffer,
    "survey_id": pm.Survey,
    "participant_id": pm.Participant,
    "invitation_id": pm.Invitation,
    "entry_id": pm.RosterEntry,
    "roster_id": pm.RosterEntry,
    "rule_id": pm.PairRule,
    "response_id": pm.SurveyResponse,
}
if hasattr(pm, "RosterUpload"):
    ID_MODELS["upload_id"] = pm.RosterUpload


def _world(ada: Person, otto: Person, programme: Programme, other: Programme) -> dict[str, object]:
    maya_p = enrol(programme, Role.MENTEE, wants="pricing")
    ravi_p = enrol(
        programme,
        Role.MENTOR,
        person=PersonFactory(open_to_mentoring=True, mentee_capacity=3),
        offers="pricing strategy",
    )
    maya, ravi = maya_p.person, ravi_p.person
    rel = relationship_agreed(
        created_by=maya, my_role="mentee", other_person=ravi, purpose=PRIVATE["purpose"]
    )
    cohort = pm.Cohort.objects.create(programme=programme, name="Spring")
    run = pm.MatchRun.objects.create(programme=programme, cohort=cohort, created_by=ada)
    pm.RunPair.objects.create(run=run, mentee=maya_p, mentor=ravi_p, score=0.8)
    offer = pm.MatchOffer.objects.create(
        programme=programme,
        run=run,
        mentee=maya_p,
        mentor=ravi_p,
        score=0.8,
        status=pm.OfferStatus.ACCEPTED,
        mentee_answer=pm.Answer.ACCEPTED,
        mentor_answer=pm.Answer.ACCEPTED,
        relationship=rel,
    )
    meeting = meeting_create(
        actor=maya, relationship=rel, starts_at=SOON, ends_at=SOON + dt.timedelta(hours=1)
    )
    note_create(
        author=maya, relationship=rel, body=PRIVATE["note"], visibility="private", meeting=meeting
    )
    note_create(author=ravi, relationship=rel, body=PRIVATE["shared_note"], visibility="shared")
    advice_record(actor=maya, relationship=rel, text=PRIVATE["advice"], given_on=TODAY, today=TODAY)
    entry_create(
        author=maya, written_on=TODAY, today=TODAY, learned=PRIVATE["journal"], relationship=rel
    )
    goal = goal_create(person=maya, title=PRIVATE["goal"], why=PRIVATE["goal_why"])
    rel.goals.add(goal)
    survey = pm.Survey.objects.create(
        programme=programme,
        name="Check-in",
        questions=[{"key": "going", "label": "How is it going?", "kind": "text"}],
    )
    pm.SurveyResponse.objects.create(
        survey=survey,
        participant=maya_p,
        offer=offer,
        point=30,
        texts={"going": PRIVATE["survey_text"]},
        share_texts=False,
        submitted_at=dt.datetime.now(dt.UTC),
    )
    # Otto's programme has one of everything too, so its ids can be tried under Ada's.
    sam_p = enrol(other, Role.MENTEE)
    kim_p = enrol(other, Role.MENTOR)
    their_cohort = pm.Cohort.objects.create(programme=other, name="Q1")
    their_run = pm.MatchRun.objects.create(programme=other, cohort=their_cohort, created_by=otto)
    pm.RunPair.objects.create(run=their_run, mentee=sam_p, mentor=kim_p, score=0.5)
    pm.MatchOffer.objects.create(
        programme=other, run=their_run, mentee=sam_p, mentor=kim_p, score=0.5
    )
    pm.Survey.objects.create(programme=other, name="Pulse", questions=[])
    pm.RosterEntry.objects.create(programme=other, employee_id="E1", email="sam@sales.example")
    pm.PairRule.objects.create(
        programme=other, mentee=sam_p, mentor=kim_p, kind=pm.PairRuleKind.FORBID
    )
    return {"maya": maya, "ravi": ravi}


def _routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)
        elif isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))


def _ids_of(programme: Programme) -> dict[str, list[int]]:
    """Every id of each kind that belongs to ``programme``."""
    out: dict[str, list[int]] = {}
    for name, model in ID_MODELS.items():
        field = "programme" if any(f.name == "programme" for f in model._meta.fields) else None
        if field is not None:
            rows = model._default_manager.filter(programme=programme)
        elif model is pm.RunPair:
            rows = model._default_manager.filter(run__programme=programme)
        else:
            rows = model._default_manager.filter(survey__programme=programme)
        out[name] = sorted(rows.values_list("pk", flat=True))
    return out


def _urls(prefix: str, slug: str, ids: dict[str, list[int]]) -> Iterator[str]:
    for raw in _routes():
        if not raw.startswith(prefix):
            continue
        names = [name for _, name in re.findall(r"<(?:(\w+):)?(\w+)>", raw) if name != "slug"]
        unknown = [name for name in names if name not in ID_MODELS]
        assert not unknown, f"name the model of {unknown} in ID_MODELS ({raw})"
        for combo in itertools.product(*(ids[name] or [10**9] for name in names)):
            url = raw.replace("<slug:slug>", slug)
            for value in combo:
                url = re.sub(r"<(?:\w+:)?\w+>", str(value), url, count=1)
            yield "/" + url


def test_an_administrator_reads_no_private_word_on_any_page(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    _world(ada, otto, programme, other_programme)
    browser = Client(raise_request_exception=False)
    browser.force_login(ada)
    crawled = 0
    for url in _urls("programmes/<slug:slug>/", programme.slug, _ids_of(programme)):
        response = browser.get(url)
        crawled += 1
        assert response.status_code < 500, url
        body = response.content.decode(errors="replace")
        leaked = {marker for marker in PRIVATE.values() if marker in body}
        assert not leaked, (url, leaked)
        # The Content-Security-Policy allows no inline style or script (charts included).
        assert ' style="' not in body and "<script>" not in body, url
    assert crawled >= 7


def test_another_programme_answers_404_to_every_page_and_every_id(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme
) -> None:
    _world(ada, otto, programme, other_programme)
    browser = Client(raise_request_exception=False)
    browser.force_login(ada)
    theirs = _ids_of(other_programme)
    seen = 0
    for url in _urls("programmes/<slug:slug>/", other_programme.slug, theirs):
        for method in (browser.get, browser.post):
            status = method(url).status_code
            assert status in (404, 405), (method.__name__, url, status)
        seen += 1
    # Otto's ids under Ada's own programme: still his, still 404.
    mine = _ids_of(programme)
    for url in _urls("programmes/<slug:slug>/", programme.slug, theirs):
        if not re.search(r"/\d+/", url):
            continue
        if any(str(pk) in url.split("/") for pks in mine.values() for pk in pks):
            continue  # the same number is also one of Ada's own ids of another kind
        assert browser.get(url).status_code == 404, url
    assert seen >= 7


def test_a_stranger_reaches_no_participant_page(
    ada: Person, otto: Person, programme: Programme, other_programme: Programme, eve: Person
) -> None:
    _world(ada, otto, programme, other_programme)
    browser = Client(raise_request_exception=False)
    browser.force_login(eve)
    ids = _ids_of(programme)
    urls = list(_urls("my-programmes/<slug:slug>/", programme.slug, ids))
    assert urls
    for url in urls:
        assert browser.get(url).status_code == 404, url
    # Nor, as a participant of Ada's, any of Otto's.
    maya = pm.Participant.objects.filter(programme=programme, role=Role.MENTEE).get().person
    browser.force_login(maya)
    for url in _urls("my-programmes/<slug:slug>/", other_programme.slug, _ids_of(other_programme)):
        assert browser.get(url).status_code == 404, url

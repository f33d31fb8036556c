"""Programme pages after the outsider's findings: counts agree with their nouns, the
preview's "Why" has no dangling separators, an archived programme offers no
cohort, import, invitation or run, a pair whose mentee left is off the
dashboard and its exports, and publishing from the page queues the offer mail."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from tests.programme_fixtures import enrol
from tests.programs.pairs import NOW, pair, participant
from tribe.outbox.models import Message
from tribe.people.models import Person
from tribe.programs.models import Cohort, MatchOffer, MatchRun, ParticipantStatus, Programme, Role
from tribe.programs.runs import run_create
from tribe.programs.services import CohortFields, cohort_create, programme_archive

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _client(person: Person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_one_mentor_is_one_mentor(ada: Person, programme: Programme) -> None:
    participant(programme, Role.MENTEE)
    participant(programme, Role.MENTOR)
    participant(programme, Role.MENTEE)
    home = _text(_client(ada).get("/programmes/engineering/").content.decode())
    assert "Enrolled: 2 mentees, 1 mentor" in home
    assert "1 mentors" not in home


def test_the_preview_reads_one_mentee_and_one_place(ada: Person, programme: Programme) -> None:
    enrol(programme, Role.MENTEE, wants="python")
    enrol(programme, Role.MENTOR, offers="python", capacity=1)
    run = run_create(actor=ada, programme=programme, now=NOW)
    page = _text(_client(ada).get(f"/programmes/engineering/runs/{run.pk}/").content.decode())
    assert "1 of 1 waiting mentee matched, with 1 free place among the mentors." in page
    assert "With 1 mentee: 1 mentor" in page
    assert "1 mentees" not in page and "1 mentors" not in page


def test_the_why_of_a_pair_has_no_empty_parts(ada: Person, programme: Programme) -> None:
    enrol(programme, Role.MENTEE, wants="python")
    enrol(programme, Role.MENTOR, offers="python", capacity=1)
    run = run_create(actor=ada, programme=programme, now=NOW)
    # What the outsider saw: a part worth nothing last, and an empty term.
    run.pairs.update(explanation={"parts": {"text": 0.08, "seniority": 0.0}, "terms": [["", 0.1]]})
    html = _client(ada).get(f"/programmes/engineering/runs/{run.pk}/").content.decode()
    assert "what is wanted and offered 0.08</td>" in html
    assert ", ;" not in _text(html) and "0.08, " not in html
    run.pairs.update(explanation={"parts": {"text": 0.5}, "terms": [["python", 0.4]]})
    html = _client(ada).get(f"/programmes/engineering/runs/{run.pk}/").content.decode()
    assert "what is wanted and offered 0.50; matched: python</td>" in html


@pytest.fixture
def archived(ada: Person, programme: Programme) -> Programme:
    cohort_create(actor=ada, programme=programme, fields=CohortFields(name="Spring"))
    participant(programme, Role.MENTEE, wants="python")
    participant(programme, Role.MENTOR, offers="python")
    return programme_archive(actor=ada, programme=programme, now=NOW)


def test_an_archived_programme_links_to_no_change(ada: Person, archived: Programme) -> None:
    browser = _client(ada)
    cohort = Cohort.objects.get()
    home = browser.get("/programmes/engineering/").content.decode()
    assert "Archived on" in home
    assert "/programmes/engineering/cohorts/new/" not in home and "Add a cohort" not in home
    assert f"/programmes/engineering/cohorts/{cohort.pk}/" not in home and "Spring" in home
    people = browser.get("/programmes/engineering/people/").content.decode()
    assert "/programmes/engineering/invitations/" not in people
    assert "/programmes/engineering/import/" not in people
    runs = browser.get("/programmes/engineering/runs/").content.decode()
    assert "Run the matching" not in runs and "This programme is archived" in runs


def test_an_archived_programme_refuses_what_its_old_links_did(
    ada: Person, archived: Programme
) -> None:
    browser = _client(ada)
    cohort = Cohort.objects.get()
    new = browser.post(
        "/programmes/engineering/cohorts/new/", {"name": "Autumn", "length_months": 6}
    )
    assert "this programme is archived" in new.content.decode()
    edit = browser.post(
        f"/programmes/engineering/cohorts/{cohort.pk}/", {"name": "Renamed", "length_months": 6}
    )
    assert "this programme is archived" in edit.content.decode()
    assert list(Cohort.objects.values_list("name", flat=True)) == ["Spring"]
    browser.post("/programmes/engineering/runs/", {"objective": "most_matched", "keep": "on"})
    assert not MatchRun.objects.exists()
    invite = browser.post(
        "/programmes/engineering/invitations/", {"action": "invite", "emails": "new@example.com"}
    )
    assert invite.status_code == 400 and "this programme is archived" in invite.content.decode()
    assert not archived.invitations.exists()


def test_another_programmes_administrator_still_gets_404(otto: Person, archived: Programme) -> None:
    browser = _client(otto)
    assert browser.get("/programmes/engineering/").status_code == 404
    assert browser.post("/programmes/engineering/cohorts/new/", {"name": "X"}).status_code == 404


def test_a_pair_whose_mentee_left_is_off_the_dashboard_and_its_exports(
    ada: Person, programme: Programme
) -> None:
    staying = pair(programme, started=(NOW - 200 * DAY).date())
    leaving = pair(programme, started=(NOW - 200 * DAY).date())
    leaving.mentee.status = ParticipantStatus.LEFT
    leaving.mentee.save(update_fields=["status"])
    browser = _client(ada)
    dashboard = browser.get("/programmes/engineering/dashboard/").content.decode()
    assert staying.mentee.person.name in dashboard  # at risk, listed
    assert leaving.mentee.person.name not in dashboard
    assert leaving.mentor.person.name not in dashboard
    assert "In all: 1 pair, 0 meetings held, 0 pairs keeping their cadence, 1 at risk" in _text(
        dashboard
    )
    csv_text = browser.get("/programmes/engineering/report.csv").content.decode()
    assert "engagement,(all),pairs,1" in csv_text.replace("\r", "")
    data = browser.get("/programmes/engineering/report.json").json()
    assert data["engagement"]["total"]["pairs"] == 1
    assert data["funnel"]["accepted"] == 1


def test_publishing_from_the_page_queues_one_mail_per_person(
    ada: Person, programme: Programme
) -> None:
    enrol(programme, Role.MENTEE, wants="python")
    enrol(programme, Role.MENTOR, offers="python", capacity=1)
    run = run_create(actor=ada, programme=programme, now=NOW)
    browser = _client(ada)
    done = browser.post(f"/programmes/engineering/runs/{run.pk}/publish/")
    assert done.status_code == 302
    offer = MatchOffer.objects.get()
    people = {offer.mentee.person_id, offer.mentor.person_id}
    mails = Message.objects.filter(kind=Message.Kind.PROGRAMME_OFFER)
    assert set(mails.values_list("person_id", flat=True)) == people and mails.count() == 2
    browser.post(f"/programmes/engineering/runs/{run.pk}/publish/")  # again: refused
    assert mails.count() == 2

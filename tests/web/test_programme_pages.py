"""The programme frame's pages: starting a programme, its settings, rules,
administrators and cohorts, and a participant's list of their programmes."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PersonFactory
from tests.programs.conftest import enrol
from tribe.people.models import Person
from tribe.programs.models import Programme, ProgrammeAdmin, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(ada: Person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(ada)
    return client


def test_starting_a_programme_makes_me_its_administrator(ada: Person, browser: Client) -> None:
    response = browser.post(
        "/programmes/new/",
        {
            "name": "Design guild",
            "slug": "design-guild",
            "description": "",
            "default_cadence_days": "14",
            "default_length_months": "6",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/programmes/design-guild/"
    programme = Programme.objects.get(slug="design-guild")
    assert programme.default_cadence_days == 14
    assert ProgrammeAdmin.objects.filter(programme=programme, person=ada).exists()
    page = browser.get("/programmes/design-guild/").content.decode()
    assert "Design guild" in page and "Ada Admin" in page


def test_a_bad_address_is_named_on_the_form(browser: Client) -> None:
    response = browser.post(
        "/programmes/new/",
        {
            "name": "X",
            "slug": "Not A Slug",
            "default_cadence_days": "30",
            "default_length_months": "6",
        },
    )
    assert response.status_code == 200
    assert "lower-case letters" in response.content.decode()
    assert not Programme.objects.exists()


def test_the_list_shows_what_i_run_and_what_i_am_in(
    ada: Person, browser: Client, programme: Programme, other_programme: Programme
) -> None:
    enrol(other_programme, Role.MENTEE, person=ada)
    page = browser.get("/programmes/").content.decode()
    assert "Engineering mentoring" in page
    assert "Sales mentoring" in page  # as a participant, on the participant's side
    assert "/my-programmes/sales/" in page
    assert "/programmes/sales/" not in page.replace("/my-programmes/sales/", "")


def test_rules_are_saved_with_their_weights(browser: Client, programme: Programme) -> None:
    response = browser.post(
        "/programmes/engineering/rules/",
        {
            "mode": "stable",
            "objective": "most_matched",
            "fairness_floor": "0.4",
            "min_overlap_hours": "2",
            "min_seniority_gap": "",
            "require_shared_language": "on",
            "weight_text": "0.6",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.mode, programme.objective) == ("stable", "most_matched")
    assert programme.min_overlap_hours == 2.0
    assert programme.min_seniority_gap is None
    assert programme.forbid_same_reporting_line is False
    assert programme.weights == {"text": 0.6}
    home = browser.get("/programmes/engineering/").content.decode()
    assert "at least 2 overlapping hours a day" in home


def test_out_of_range_rules_are_refused_by_field(browser: Client, programme: Programme) -> None:
    response = browser.post(
        "/programmes/engineering/rules/",
        {
            "mode": "optimal",
            "objective": "total_fit",
            "fairness_floor": "0.3",
            "min_overlap_hours": "30",
        },
    )
    assert response.status_code == 200
    assert "min_overlap_hours" in response.content.decode() or "24" in response.content.decode()
    programme.refresh_from_db()
    assert programme.min_overlap_hours == 0.0


def test_administrators_are_added_by_address_and_the_last_one_stays(
    ada: Person, browser: Client, programme: Programme
) -> None:
    response = browser.post("/programmes/engineering/admins/", {"email": "nobody@example.com"})
    assert response.status_code == 400
    assert "nobody on Tribe has the address" in response.content.decode()
    bea = PersonFactory(name="Bea Second", email="bea@example.com")
    assert (
        browser.post("/programmes/engineering/admins/", {"email": "BEA@example.com"}).status_code
        == 302
    )
    assert programme.admins.filter(person=bea).exists()
    mine = programme.admins.get(person=ada)
    assert browser.post("/programmes/engineering/admins/", {"remove": mine.pk}).status_code == 302
    theirs = programme.admins.get(person=bea)
    bea_browser = Client()
    bea_browser.force_login(bea)
    response = bea_browser.post(
        "/programmes/engineering/admins/", {"remove": theirs.pk}, follow=True
    )
    assert "at least one administrator" in response.content.decode()
    assert list(programme.admins.values_list("person", flat=True)) == [bea.pk]


def test_a_cohort_is_added_and_edited(browser: Client, programme: Programme) -> None:
    response = browser.post(
        "/programmes/engineering/cohorts/new/",
        {
            "name": "Autumn",
            "enrol_opens": "2026-09-01",
            "enrol_closes": "2026-08-01",
            "length_months": "6",
        },
    )
    assert response.status_code == 200  # closes before it opens: named, nothing written
    assert not programme.cohorts.exists()
    response = browser.post(
        "/programmes/engineering/cohorts/new/",
        {
            "name": "Autumn",
            "enrol_opens": "2026-09-01",
            "enrol_closes": "2026-09-20",
            "length_months": "6",
        },
    )
    assert response.status_code == 302
    cohort = programme.cohorts.get()
    response = browser.post(
        f"/programmes/engineering/cohorts/{cohort.pk}/",
        {"name": "Autumn 2026", "length_months": "9"},
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert (cohort.name, cohort.length_months, cohort.enrol_opens) == ("Autumn 2026", 9, None)
    assert "Autumn 2026" in browser.get("/programmes/engineering/").content.decode()


def test_archiving_asks_first(browser: Client, programme: Programme) -> None:
    assert browser.get("/programmes/engineering/archive/").status_code == 200
    programme.refresh_from_db()
    assert programme.archived_at is None
    assert browser.post("/programmes/engineering/archive/").status_code == 302
    programme.refresh_from_db()
    assert programme.archived_at is not None
    assert "Archived on" in browser.get("/programmes/engineering/").content.decode()


def test_a_participant_sees_their_programme_and_not_its_administration(
    programme: Programme,
) -> None:
    mine = enrol(programme, Role.MENTOR)
    client = Client(raise_request_exception=False)
    client.force_login(mine.person)
    page = client.get("/my-programmes/").content.decode()
    assert "Engineering mentoring" in page
    assert "never those words" in client.get("/my-programmes/engineering/").content.decode()
    assert client.get("/programmes/engineering/").status_code == 404
    assert client.get("/my-programmes/sales/").status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(programme: Programme) -> None:
    response = Client().get("/programmes/engineering/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]

"""A programme's people pages: the roster and participants, the import in three
steps, invitations and the sign-up link; the join link, the intake and leaving.
Ada gets a 404 for everything of Otto's programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import PersonFactory
from tests.programs.conftest import enrol
from tribe.people.models import Person
from tribe.programs.enrolment import invitation_create, signup_link_open
from tribe.programs.models import (
    Invitation,
    Participant,
    Programme,
    Role,
    RosterEntry,
    RosterUpload,
)
from tribe.programs.roster_import import read_table, roster_upload_create

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
CSV = (
    b"Employee ID,Work Email,First Name,Last Name,Manager Email,Status\n"
    b"E1,grace@corp.example,Grace,Hopper,,Active\n"
    b"E2,alan@corp.example,Alan,Turing,grace@corp.example,Active\n"
)


@pytest.fixture
def browser(ada: Person, frozen_clock: Callable[[dt.datetime], dt.datetime]) -> Client:
    frozen_clock(NOW)
    client = Client(raise_request_exception=False)
    client.force_login(ada)
    return client


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


# -- the people page --------------------------------------------------------------------


def test_the_people_page_lists_and_counts(programme: Programme, browser: Client) -> None:
    enrol(programme, Role.MENTEE, person=PersonFactory(name="Maya Mentee"), wants="SECRET-WANT")
    enrol(programme, Role.MENTOR, person=PersonFactory(name="Ravi Mentor"), capacity=3)
    RosterEntry.objects.create(programme=programme, employee_id="E1", email="g@corp.example")
    page = browser.get("/programmes/engineering/people/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Maya Mentee" in body and "Ravi Mentor" in body and "g@corp.example" in body
    assert "SECRET-WANT" not in body  # no intake text on this page


def test_the_people_page_runs_a_fixed_number_of_queries(
    programme: Programme, browser: Client
) -> None:
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/programmes/engineering/people/").status_code == 200
        return len(queries)

    enrol(programme, Role.MENTEE)
    RosterEntry.objects.create(programme=programme, employee_id="E0", email="e0@corp.example")
    few = count()
    for i in range(1, 30):
        enrol(programme, Role.MENTOR if i % 2 else Role.MENTEE)
        RosterEntry.objects.create(
            programme=programme, employee_id=f"E{i}", email=f"e{i}@corp.example"
        )
    assert count() == few


# -- importing -------------------------------------------------------------------------


def test_upload_mapping_preview_confirm(programme: Programme, browser: Client) -> None:
    response = browser.post(
        "/programmes/engineering/import/",
        {"file": SimpleUploadedFile("hr.csv", CSV, content_type="text/csv")},
    )
    upload = RosterUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/engineering/import/{upload.pk}/"
    preview = browser.get(response["Location"]).content.decode()
    assert "Dry run: nothing is saved yet" in preview and "2 new" in preview
    assert not RosterEntry.objects.exists()
    # Ignore the manager column, check again, then import.
    columns = {f"column_{i}": upload.mapping[c] for i, c in enumerate(read_table(CSV).columns)}
    columns["column_4"] = ""
    response = browser.post(response["Location"], {**columns, "action": "preview"})
    assert response.status_code == 302 and not RosterEntry.objects.exists()
    response = browser.post(response["Location"], {**columns, "action": "import"})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/engineering/people/"
    assert RosterEntry.objects.count() == 2
    assert RosterEntry.objects.get(employee_id="E2").manager is None
    assert not RosterUpload.objects.exists()


def test_a_bad_file_lists_its_problems_and_writes_nothing(
    programme: Programme, ada: Person, browser: Client
) -> None:
    bad = CSV + b"E3,,No,Mail,,Active\nE4,x@corp.example,X,Y,boss@corp.example,Fired\n"
    upload = roster_upload_create(actor=ada, programme=programme, data=bad, filename="hr.csv")
    body = browser.get(f"/programmes/engineering/import/{upload.pk}/").content.decode()
    assert "Problems in the file" in body and "is empty; every row needs one" in body
    assert "“Fired” is not a status" in body
    columns = {f"column_{i}": upload.mapping[c] for i, c in enumerate(read_table(bad).columns)}
    response = browser.post(
        f"/programmes/engineering/import/{upload.pk}/", {**columns, "action": "import"}
    )
    assert response.status_code == 400 and not RosterEntry.objects.exists()
    not_csv = browser.post(
        "/programmes/engineering/import/",
        {"file": SimpleUploadedFile("hr.xlsx", b"PK\x03\x04zip", content_type="application/zip")},
    )
    assert not_csv.status_code == 400 and "not a CSV file" in not_csv.content.decode()


# -- invitations and the sign-up link ------------------------------------------------------


def test_invitations_are_shown_once_listed_and_revoked(
    programme: Programme, browser: Client
) -> None:
    response = browser.post(
        "/programmes/engineering/invitations/",
        {"action": "invite", "emails": "grace@corp.example, alan@corp.example", "cohort": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "/join/" in body
    assert Invitation.objects.count() == 2
    invitation = Invitation.objects.get(email="grace@corp.example")
    response = browser.post(f"/programmes/engineering/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at == NOW
    listed = browser.get("/programmes/engineering/invitations/").content.decode()
    assert "Withdrawn" in listed and "Open" in listed


def test_a_bad_address_is_named(programme: Programme, browser: Client) -> None:
    response = browser.post(
        "/programmes/engineering/invitations/",
        {"action": "invite", "emails": "not-an-address", "cohort": ""},
    )
    assert "not a valid e-mail address" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_whole_roster_is_invited(programme: Programme, browser: Client) -> None:
    for i in range(3):
        RosterEntry.objects.create(programme=programme, employee_id=f"E{i}", email=f"e{i}@c.ex")
    response = browser.post(
        "/programmes/engineering/invitations/", {"action": "roster", "cohort": ""}
    )
    assert response.status_code == 200 and Invitation.objects.count() == 3


def test_the_sign_up_link_on_rotate_and_off(programme: Programme, browser: Client) -> None:
    page = browser.post("/programmes/engineering/invitations/signup/", {"action": "open"})
    assert page.status_code == 302
    first = browser.get("/programmes/engineering/invitations/").content.decode()
    assert "/join/" in first
    programme.refresh_from_db()
    old = programme.signup_token_hash
    browser.post("/programmes/engineering/invitations/signup/", {"action": "rotate"})
    programme.refresh_from_db()
    assert programme.signup_token_hash not in ("", old)
    browser.post("/programmes/engineering/invitations/signup/", {"action": "close"})
    programme.refresh_from_db()
    assert programme.signup_token_hash == ""


# -- isolation ---------------------------------------------------------------------------


def test_ada_gets_404_for_everything_of_ottos_programme(
    programme: Programme, other_programme: Programme, ada: Person, otto: Person, browser: Client
) -> None:
    theirs = enrol(other_programme, Role.MENTEE)
    invitation = invitation_create(
        actor=otto, programme=other_programme, email="x@sales.example", now=NOW
    ).invitation
    upload = roster_upload_create(actor=otto, programme=other_programme, data=CSV, filename="f")
    for url in (
        "/programmes/sales/people/",
        "/programmes/sales/import/",
        f"/programmes/sales/import/{upload.pk}/",
        "/programmes/sales/invitations/",
        f"/programmes/sales/people/{theirs.pk}/remove/",
        f"/programmes/engineering/people/{theirs.pk}/remove/",
        f"/programmes/engineering/import/{upload.pk}/",
        f"/programmes/engineering/invitations/{invitation.pk}/revoke/",
    ):
        assert browser.get(url).status_code == 404, url
        assert browser.post(url).status_code in (404, 405), url
    assert browser.post("/programmes/sales/invitations/signup/").status_code == 404
    invitation.refresh_from_db()
    theirs.refresh_from_db()
    assert invitation.revoked_at is None and theirs.status == Participant.Status.ENROLLED


# -- the participant's side -------------------------------------------------------------------


def intake(**fields: str) -> dict[str, str]:
    return {
        "role": "mentee",
        "wants": "learn to lead",
        "timezone": "Europe/London",
        "seniority": "3",
        "languages": "English",
        **fields,
    }


def test_a_signed_out_visitor_is_sent_to_log_in_and_back(programme: Programme, ada: Person) -> None:
    token = token_of(signup_link_open(actor=ada, programme=programme))
    body = Client().get(f"/join/{token}/").content.decode()
    assert "/login/?next=%2Fjoin%2F" in body and "/signup/" in body


def test_joining_by_invitation(
    programme: Programme, ada: Person, frozen_clock: Callable[[dt.datetime], dt.datetime]
) -> None:
    frozen_clock(NOW)
    grace = PersonFactory(email="grace@corp.example")
    token = token_of(
        invitation_create(actor=ada, programme=programme, email=grace.email, now=NOW).link
    )
    client = Client(raise_request_exception=False)
    client.force_login(grace)
    page = client.get(f"/join/{token}/").content.decode()
    assert "administrators of Engineering mentoring read these answers" in page
    response = client.post(f"/join/{token}/", intake())
    assert response.status_code == 302 and response["Location"] == "/my-programmes/engineering/"
    assert Participant.objects.get(person=grace).wants == "learn to lead"
    used = client.get(f"/join/{token}/")
    assert used.status_code == 302  # already enrolled: to the programme's page


def test_the_wrong_address_is_told_plainly(
    programme: Programme, ada: Person, frozen_clock: Callable[[dt.datetime], dt.datetime]
) -> None:
    frozen_clock(NOW)
    token = token_of(
        invitation_create(actor=ada, programme=programme, email="grace@corp.example", now=NOW).link
    )
    client = Client(raise_request_exception=False)
    client.force_login(PersonFactory(email="mallory@corp.example"))
    for response in (client.get(f"/join/{token}/"), client.post(f"/join/{token}/", intake())):
        assert response.status_code == 400
        assert "this invitation is for grace@corp.example" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_closed_link_and_a_bad_token(
    programme: Programme, ada: Person, frozen_clock: Callable[[dt.datetime], dt.datetime]
) -> None:
    frozen_clock(NOW)
    client = Client(raise_request_exception=False)
    client.force_login(PersonFactory())
    assert client.get("/join/nonsense/").status_code == 400
    assert "closed or has been replaced" in client.get("/join/nonsense/").content.decode()


def test_intake_errors_land_on_their_fields(
    programme: Programme, ada: Person, frozen_clock: Callable[[dt.datetime], dt.datetime]
) -> None:
    frozen_clock(NOW)
    token = token_of(signup_link_open(actor=ada, programme=programme))
    client = Client(raise_request_exception=False)
    person = PersonFactory()
    client.force_login(person)
    response = client.post(f"/join/{token}/", intake(role="mentor", offers="x", capacity="0"))
    body = response.content.decode()
    assert response.status_code == 400 and "a mentor takes between 1 and 20 mentees" in body
    assert not Participant.objects.filter(person=person).exists()


def test_the_intake_page_and_leaving(
    programme: Programme, frozen_clock: Callable[[dt.datetime], dt.datetime]
) -> None:
    frozen_clock(NOW)
    participant = enrol(programme, Role.MENTEE, wants="old")
    client = Client(raise_request_exception=False)
    client.force_login(participant.person)
    page = client.get("/my-programmes/engineering/intake/").content.decode()
    assert "read these answers" in page and "old" in page
    response = client.post("/my-programmes/engineering/intake/", intake(wants="new"))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.wants == "new"
    assert client.post("/my-programmes/engineering/leave/").status_code == 302
    participant.refresh_from_db()
    assert participant.status == Participant.Status.LEFT and participant.left_at == NOW


def test_a_stranger_has_no_intake_page(programme: Programme) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(PersonFactory())
    assert client.get("/my-programmes/engineering/intake/").status_code == 404
    assert client.post("/my-programmes/engineering/leave/").status_code == 404

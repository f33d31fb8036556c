import datetime as dt

import pytest

from tests.factories import ContactFactory, PersonFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import Conflict, ImportRejected, ValidationError
from tribe.ledger import services as ledger
from tribe.people import services
from tribe.people.errors import PeopleCode
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person

pytestmark = pytest.mark.django_db

FIXTURES = "tests/fixtures/contacts"


def _profile(person: Person, **overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "person": person,
        "name": "Maya Chen",
        "headline": "PM",
        "timezone": "Europe/London",
        "languages": "English, Mandarin",
        "expertise": ["roadmaps"],
        "offers": "",
        "seniority": 9,
        "open_to_mentoring": False,
        "mentee_capacity": 0,
    }
    fields.update(overrides)
    return fields


# person_create ---------------------------------------------------------------


def test_person_create_normalises_and_hashes_with_argon2(settings) -> None:  # type: ignore[no-untyped-def]
    from tribe import settings as tribe_settings

    settings.PASSWORD_HASHERS = tribe_settings.PASSWORD_HASHERS
    person = services.person_create(
        email="  Maya@Example.COM ",
        name=" Maya Chen ",
        password="a-long-passphrase",
        timezone="Europe/London",
        languages="English; Mandarin, english",
    )
    assert person.email == "maya@example.com"
    assert person.name == "Maya Chen"
    assert person.languages == ["English", "Mandarin"]
    assert person.password.startswith("argon2")
    assert person.check_password("a-long-passphrase")


def test_a_new_account_is_never_linked_to_someone_elses_contact() -> None:
    """An address proves nothing until verified, and a link comes only by the account's yes."""
    contact = ContactFactory(email="new@example.com")
    person = services.person_create(email="new@example.com", name="New", password=None)
    contact.refresh_from_db()
    assert contact.person is None
    assert not person.has_usable_password()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"password": "123"}, "password"),
        ({"seniority": 200}, "seniority"),
        ({"open_to_mentoring": True, "mentee_capacity": 0}, "mentee_capacity"),
        ({"languages": ["x" * 101]}, "languages"),
    ],
)
def test_person_create_rejects_bad_input_naming_the_field(overrides: dict, field: str) -> None:
    args = {"email": "ok@example.com", "name": "Ok", "password": "a-long-passphrase"} | overrides
    with pytest.raises(ValidationError) as exc:
        services.person_create(**args)
    assert exc.value.field == field
    assert not Person.objects.exists()


def test_person_create_unknown_zone_message_names_the_zone() -> None:
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            email="a@example.com", name="A", password=None, timezone="Europe/Pariss"
        )
    assert exc.value.message == CoreCode.UNKNOWN_ZONE.template.format(value="Europe/Pariss")
    assert str(exc.value).startswith("timezone: ")


def test_person_create_refuses_a_taken_email_case_insensitively() -> None:
    PersonFactory(email="taken@example.com")
    with pytest.raises(Conflict) as exc:
        services.person_create(email="TAKEN@example.com", name="B", password=None)
    assert exc.value.message == PeopleCode.EMAIL_TAKEN.template
    assert Person.objects.count() == 1


def test_person_update_profile(maya: Person) -> None:
    services.person_update_profile(
        **_profile(maya, timezone="America/New_York", open_to_mentoring=True, mentee_capacity=3)
    )
    maya.refresh_from_db()
    assert maya.timezone == "America/New_York"
    assert maya.mentee_capacity == 3
    assert maya.languages == ["English", "Mandarin"]


def test_person_update_profile_rejects_unknown_zone_and_keeps_the_old_one(maya: Person) -> None:
    with pytest.raises(ValidationError) as exc:
        services.person_update_profile(**_profile(maya, timezone="Nowhere/City"))
    assert exc.value.field == "timezone"
    maya.refresh_from_db()
    assert maya.timezone == "Europe/London"


# availability ----------------------------------------------------------------


def test_availability_replace_replaces_all_windows(maya: Person) -> None:
    w = services.WindowInput
    services.availability_replace(person=maya, windows=[w(0, dt.time(9), dt.time(10))])
    services.availability_replace(
        person=maya, windows=[w(1, dt.time(9), dt.time(10)), w(1, dt.time(10), dt.time(11))]
    )
    assert [(a.weekday, a.starts) for a in maya.availability.all()] == [
        (1, dt.time(9)),
        (1, dt.time(10)),
    ]


@pytest.mark.parametrize(
    ("windows", "field", "message"),
    [
        ([(0, dt.time(10), dt.time(9))], "availability[1].ends", PeopleCode.WINDOW_ORDER.template),
        ([(7, dt.time(9), dt.time(10))], "availability[1].weekday", None),
        (
            [(2, dt.time(9), dt.time(11)), (2, dt.time(10), dt.time(12))],
            "availability[2].starts",
            PeopleCode.WINDOW_OVERLAP.template.format(day="Wednesday"),
        ),
    ],
)
def test_availability_replace_rejects_bad_windows_and_keeps_the_old(
    maya: Person, windows: list, field: str, message: str | None
) -> None:
    services.availability_replace(
        person=maya, windows=[services.WindowInput(4, dt.time(8), dt.time(9))]
    )
    with pytest.raises(ValidationError) as exc:
        services.availability_replace(
            person=maya, windows=[services.WindowInput(*w) for w in windows]
        )
    assert exc.value.field == field
    if message:
        assert exc.value.message == message
    assert AvailabilityWindow.objects.filter(person=maya).count() == 1


# goals -----------------------------------------------------------------------


def test_goal_create_update_delete(maya: Person) -> None:
    goal = services.goal_create(person=maya, title=" Lead a team ", why="growth")
    assert goal.title == "Lead a team"
    assert goal.status == Goal.Status.OPEN
    services.goal_update(
        actor=maya,
        goal=goal,
        title="Lead a team",
        why="",
        target_date=dt.date(2027, 1, 1),
        status="achieved",
    )
    goal.refresh_from_db()
    assert goal.status == "achieved"
    services.goal_delete(actor=goal.person, goal=goal)
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("title", "status", "field"), [("", "open", "title"), ("x", "bogus", "status")]
)
def test_goal_create_rejects_bad_input(maya: Person, title: str, status: str, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.goal_create(person=maya, title=title, status=status)
    assert exc.value.field == field
    assert not Goal.objects.exists()


@pytest.mark.parametrize("target", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(9999, 12, 31)])
def test_a_goal_target_outside_the_calendar_is_refused(maya: Person, target: dt.date) -> None:
    with pytest.raises(ValidationError) as exc:
        services.goal_create(person=maya, title="Someday", target_date=target)
    assert (exc.value.field, exc.value.code) == ("target_date", CoreCode.DATE_RANGE)
    goal = services.goal_create(person=maya, title="Someday", target_date=dt.date(2200, 12, 31))
    with pytest.raises(ValidationError) as exc:
        services.goal_update(
            actor=maya, goal=goal, title="Someday", why="", target_date=target, status="open"
        )
    assert exc.value.field == "target_date"
    goal.refresh_from_db()
    assert goal.target_date == dt.date(2200, 12, 31)


# contacts --------------------------------------------------------------------


def test_contact_create_links_an_existing_account(maya: Person, ravi: Person) -> None:
    contact = services.contact_create(
        owner=maya, data=services.ContactInput(name="Ravi", email="RAVI@example.com")
    )
    assert contact.person == ravi
    assert contact.email == "ravi@example.com"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "A", "email": "nope"}, "email"),
        ({"name": "A", "url": "javascript:alert(1)"}, "url"),
        ({"name": "A", "timezone": "Bad/Zone"}, "timezone"),
        ({"name": "A", "notes": "x" * 5001}, "notes"),
    ],
)
def test_contact_create_rejects_bad_input(maya: Person, data: dict, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.contact_create(owner=maya, data=services.ContactInput(**data))
    assert exc.value.field == field
    assert not Contact.objects.exists()


def test_contact_emails_are_unique_per_owner_only(maya: Person, ravi: Person) -> None:
    services.contact_create(owner=maya, data=services.ContactInput(name="D", email="d@example.com"))
    services.contact_create(owner=ravi, data=services.ContactInput(name="D", email="d@example.com"))
    with pytest.raises(Conflict) as exc:
        services.contact_create(
            owner=maya, data=services.ContactInput(name="D2", email="d@example.com")
        )
    assert exc.value.message == PeopleCode.CONTACT_EMAIL_TAKEN.template


def test_contact_update_relinks_when_the_email_changes(maya: Person, ravi: Person) -> None:
    contact = services.contact_create(
        owner=maya, data=services.ContactInput(name="X", email="x@example.com")
    )
    assert contact.person is None
    services.contact_update(
        actor=maya,
        contact=contact,
        data=services.ContactInput(name="Ravi", email="ravi@example.com"),
    )
    assert contact.person == ravi
    services.contact_update(
        actor=contact.owner, contact=contact, data=services.ContactInput(name="Ravi", email="")
    )
    assert contact.person is None


def test_contact_delete(maya: Person) -> None:
    contact = ContactFactory(owner=maya)
    services.contact_delete(actor=contact.owner, contact=contact)
    assert not Contact.objects.exists()


# contacts_import -------------------------------------------------------------


def _read(name: str) -> bytes:
    with open(f"{FIXTURES}/{name}", "rb") as handle:
        return handle.read()


def test_contacts_import_linkedin_creates_every_row(maya: Person) -> None:
    report = services.contacts_import(
        owner=maya, data=_read("linkedin_connections.csv"), format="linkedin"
    )
    assert len(report.created) == 12
    assert Contact.objects.filter(owner=maya, source="linkedin").count() == 12


def test_contacts_import_dry_run_writes_nothing(maya: Person) -> None:
    report = services.contacts_import(
        owner=maya, data=_read("contacts_v3.vcf"), format="vcard", dry_run=True
    )
    assert report.dry_run and len(report.created) == 3
    assert not Contact.objects.exists()


def test_contacts_import_again_creates_no_duplicates_and_fills_blanks_only(maya: Person) -> None:
    data = _read("linkedin_connections.csv")
    services.contacts_import(owner=maya, data=data, format="linkedin")
    first = Contact.objects.filter(owner=maya).exclude(email="").first()
    assert first is not None
    first.company = "Typed by hand"
    first.phone = ""
    first.save()
    report = services.contacts_import(owner=maya, data=data, format="linkedin")
    assert report.created == []
    assert Contact.objects.filter(owner=maya).count() == 12
    first.refresh_from_db()
    assert first.company == "Typed by hand"


def test_contacts_import_links_rows_to_accounts(maya: Person) -> None:
    PersonFactory(email="ada@example.com")
    services.contacts_import(
        owner=maya, data=b"name,email\nAda,ada@example.com\nBob,\n", format="csv"
    )
    assert Contact.objects.get(name="Ada").person is not None
    assert Contact.objects.get(name="Bob").person is None


def test_contacts_import_is_all_or_nothing(maya: Person) -> None:
    data = b"name,email\nGood Row,good@example.com\n,missing@example.com\nBad,not-an-email\n"
    with pytest.raises(ImportRejected) as exc:
        services.contacts_import(owner=maya, data=data, format="csv", source_name="people.csv")
    lines = [p.line for p in exc.value.problems]
    assert lines == [3, 4]
    assert str(exc.value).startswith("people.csv: line 3")
    assert not Contact.objects.exists()


def test_person_update_profile_mentor_settings_are_optional_and_validated(maya: Person) -> None:
    services.person_update_profile(
        **_profile(maya, preferred_cadence_days=21, nudge_after_days=5, share_mentors=True)
    )
    maya.refresh_from_db()
    assert (maya.preferred_cadence_days, maya.nudge_after_days, maya.share_mentors) == (21, 5, True)
    services.person_update_profile(**_profile(maya))
    maya.refresh_from_db()
    assert (maya.preferred_cadence_days, maya.nudge_after_days, maya.share_mentors) == (21, 5, True)
    for field, value in (("nudge_after_days", 0), ("preferred_cadence_days", 400)):
        with pytest.raises(ValidationError) as exc:
            services.person_update_profile(**_profile(maya, **{field: value}))
        assert exc.value.field == field


def test_goals_contacts_and_wins_change_only_by_their_owner(maya: Person, ravi: Person) -> None:
    from tribe.core.errors import NotFound

    goal = services.goal_create(person=maya, title="Mine")
    contact = services.contact_create(owner=maya, data=services.ContactInput(name="Dana"))
    today = dt.date(2026, 3, 10)
    win = ledger.win_record(person=maya, text="Won", happened_on=today, today=today)
    for attempt in (
        lambda: services.goal_update(
            actor=ravi, goal=goal, title="His", why="", target_date=None, status="open"
        ),
        lambda: services.goal_delete(actor=ravi, goal=goal),
        lambda: services.contact_update(
            actor=ravi, contact=contact, data=services.ContactInput(name="His")
        ),
        lambda: services.contact_delete(actor=ravi, contact=contact),
        lambda: ledger.win_delete(actor=ravi, win=win),
    ):
        with pytest.raises(NotFound):
            attempt()
    goal.refresh_from_db()
    contact.refresh_from_db()
    assert (goal.title, contact.name) == ("Mine", "Dana")


def test_accounts_are_looked_up_in_slices_of_addresses(maya: Person) -> None:
    """One IN list of every address passed SQLite's limit of bound variables at
    about 33,000 rows (a traceback, "too many SQL variables"); the look-up goes
    in slices of LOOKUP_SLICE addresses."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    count = 2 * services.LOOKUP_SLICE + 1
    rows = "".join(f"Person {n},p{n}@example.org\n" for n in range(count))
    with CaptureQueriesContext(connection) as queries:
        report = services.contacts_import(
            owner=maya, data=("name,email\n" + rows).encode(), format="csv", dry_run=True
        )
    assert len(report.created) == count
    lookups = [q for q in queries.captured_queries if 'FROM "people_person"' in q["sql"]]
    assert len(lookups) == 3

"""``tribe import contacts``: real files, all or nothing, dry runs and errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.conftest import FIXTURES
from tests.factories import ContactFactory
from tribe.people.importers import Messages
from tribe.people.models import Contact

REPORT_KEYS = {"format", "dry_run", "created", "updated", "unchanged", "names"}


def names_of(person) -> set[str]:  # type: ignore[no-untyped-def]
    return set(Contact.objects.filter(owner=person).values_list("name", flat=True))


def test_linkedin_export_with_its_preamble_creates_every_connection(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "linkedin_connections.csv", "--as", maya.email)

    assert run.code == 0
    assert run.out.strip() == (
        "linkedin_connections.csv: imported 12 new contact(s), updated 0, 0 unchanged (linkedin)."
    )
    assert run.err == ""
    contacts = Contact.objects.filter(owner=maya)
    assert contacts.count() == 12
    amara = contacts.get(name="Amara Okonkwo")
    assert amara.email == "amara.okonkwo@example.com"
    assert amara.company == "Northwind Labs"
    assert amara.connected_on == dt.date(2024, 3, 12)
    assert amara.source == "linkedin"
    assert contacts.get(name="Björn Åkesson").email == ""
    assert "Дмитрий Иванов" in names_of(maya)


def test_vcard_3_file_creates_its_contacts(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "contacts_v3.vcf", "--as", maya.email, "--json")

    assert run.code == 0
    report = json.loads(run.out)
    assert report["format"] == "vcard"
    assert report["created"] == 3
    assert names_of(maya) == {"Dr. Chidi Okafor", "Saga Lindqvist", "Yui Nakamura"}
    chidi = Contact.objects.get(owner=maya, name="Dr. Chidi Okafor")
    assert chidi.email == "chidi@example.org"  # the preferred address, lower-cased
    assert chidi.company == "Acme Robotics, Inc."


def test_vcard_4_file_creates_its_contacts(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "contacts_v4.vcf", "--as", maya.email, "--json")

    assert run.code == 0
    assert json.loads(run.out)["created"] == 2
    zoe = Contact.objects.get(owner=maya, name="Zoë Müller-Lüdenscheidt")
    assert zoe.email == "zoe@example.de"
    assert zoe.phone == "+49-30-5550-1234"
    rafael = Contact.objects.get(owner=maya, name="Rafael Costa")
    assert rafael.phone == "+55-11-5555-0101"  # PREF=1 wins


def test_plain_csv_creates_its_contacts(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "contacts.csv", "--as", maya.email, "--json")

    assert run.code == 0
    assert json.loads(run.out)["format"] == "csv"
    assert names_of(maya) == {"Ada Byrne", "Kwame Mensah", "Lena Vogt"}
    assert Contact.objects.get(owner=maya, name="Lena Vogt").notes == (
        "Two-line note:\nprefers e-mail over calls"
    )


def test_json_report_has_the_documented_keys(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "contacts.csv", "--as", maya.email, "--json")

    report = json.loads(run.out)
    assert set(report) == REPORT_KEYS
    assert report == {
        "format": "csv",
        "dry_run": False,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "names": {"created": ["Ada Byrne", "Kwame Mensah", "Lena Vogt"], "updated": []},
    }
    assert run.err == ""


def test_contacts_go_to_the_person_named_by_as_only(tribe, maya, ravi) -> None:
    tribe("import", "contacts", FIXTURES / "contacts.csv", "--as", ravi.email)

    assert names_of(ravi) == {"Ada Byrne", "Kwame Mensah", "Lena Vogt"}
    assert names_of(maya) == set()


def test_a_contact_with_an_account_is_linked_to_it(tribe, maya, ravi, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,email\nRavi M.,Ravi@Example.com\n", encoding="utf-8")

    run = tribe("import", "contacts", people, "--as", maya.email)

    assert run.code == 0
    assert Contact.objects.get(owner=maya).person == ravi


def test_dry_run_reports_and_writes_nothing(tribe, maya) -> None:
    run = tribe(
        "import", "contacts", FIXTURES / "linkedin_connections.csv", "--as", maya.email, "--dry-run"
    )

    assert run.code == 0
    assert "would import 12 new contact(s)" in run.out
    assert not Contact.objects.exists()


def test_dry_run_json_says_it_was_a_dry_run(tribe, maya) -> None:
    run = tribe(
        "import",
        "contacts",
        FIXTURES / "contacts_v4.vcf",
        "--as",
        maya.email,
        "--dry-run",
        "--json",
    )

    report = json.loads(run.out)
    assert report["dry_run"] is True
    assert report["created"] == 2
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["linkedin_connections.csv", "contacts_v3.vcf", "contacts_v4.vcf", "contacts.csv"],
)
def test_importing_the_same_file_again_creates_no_duplicates(tribe, maya, name: str) -> None:
    first = json.loads(
        tribe("import", "contacts", FIXTURES / name, "--as", maya.email, "--json").out
    )
    count = Contact.objects.filter(owner=maya).count()

    run = tribe("import", "contacts", FIXTURES / name, "--as", maya.email, "--json")

    assert run.code == 0
    again = json.loads(run.out)
    assert again["created"] == 0
    assert again["updated"] == 0
    assert again["unchanged"] == first["created"] == count
    assert Contact.objects.filter(owner=maya).count() == count


def test_reimport_only_fills_empty_fields(tribe, maya) -> None:
    typed = ContactFactory(owner=maya, name="Ada Byrne", email="ada.byrne@example.com", company="")
    ContactFactory(owner=maya, name="Kwame Mensah", email="kwame@example.org", headline="My coach")

    run = tribe("import", "contacts", FIXTURES / "contacts.csv", "--as", maya.email, "--json")

    report = json.loads(run.out)
    # Ada gains her company; Kwame's only other value is a headline he already has.
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 1, 1)
    typed.refresh_from_db()
    assert typed.company == "Analytical Engines Ltd"
    assert Contact.objects.get(owner=maya, name="Kwame Mensah").headline == "My coach"


def test_a_broken_row_writes_nothing_and_names_the_line(tribe, maya, tmp_path: Path) -> None:
    ContactFactory(owner=maya, name="Already Here", email="here@example.com")
    broken = tmp_path / "people.csv"
    broken.write_text(
        "name,email\n"
        "Good Row,good@example.com\n"
        "Bad Row,not-an-email\n"
        "Another Good,another@example.com\n",
        encoding="utf-8",
    )

    run = tribe("import", "contacts", broken, "--as", maya.email)

    assert run.code == 2
    assert run.out == ""
    problem = Messages.INVALID_EMAIL.format(value="not-an-email")
    assert run.error_line == f"tribe import: error: people.csv: line 3, email: {problem}"
    assert names_of(maya) == {"Already Here"}


def test_several_broken_rows_are_counted_in_the_one_line(tribe, maya, tmp_path: Path) -> None:
    broken = tmp_path / "people.csv"
    broken.write_text("name,email\n,a@example.com\nB,b@\nC,c@example.com\n", encoding="utf-8")

    run = tribe("import", "contacts", broken, "--as", maya.email)

    assert run.code == 2
    line = run.error_line
    assert line.startswith(
        f"tribe import: error: people.csv: line 2, name: {Messages.NAME_REQUIRED}"
    )
    assert line.endswith("(and 1 more problem)")
    assert not Contact.objects.exists()


def test_a_dry_run_of_a_broken_file_fails_the_same_way(tribe, maya, tmp_path: Path) -> None:
    broken = tmp_path / "cards.vcf"
    broken.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n", encoding="utf-8")

    run = tribe("import", "contacts", broken, "--as", maya.email, "--dry-run")

    assert run.code == 2
    assert run.error_line == f"tribe import: error: cards.vcf: line 1: {Messages.CARD_NOT_CLOSED}"


def test_a_missing_file_is_a_one_line_error(tribe, maya, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"

    run = tribe("import", "contacts", missing, "--as", maya.email)

    assert run.code == 2
    assert run.out == ""
    assert (
        run.error_line
        == f"tribe import: error: FILE: cannot read {missing}: No such file or directory"
    )


def test_a_file_of_unknown_format_asks_for_format(tribe, maya, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just some words\n", encoding="utf-8")

    run = tribe("import", "contacts", notes, "--as", maya.email)

    assert run.code == 2
    message = Messages.UNDETECTABLE_FORMAT.format(
        filename="notes.txt", choices="linkedin, vcard or csv"
    )
    assert run.error_line == f"tribe import: error: format: {message}"
    assert not Contact.objects.exists()


def test_an_explicit_format_overrides_detection(tribe, maya, tmp_path: Path) -> None:
    exported = tmp_path / "export.txt"
    exported.write_bytes((FIXTURES / "contacts.csv").read_bytes())

    run = tribe("import", "contacts", exported, "--as", maya.email, "--format", "csv", "--json")

    assert run.code == 0
    assert json.loads(run.out)["created"] == 3


def test_a_wrong_explicit_format_rejects_the_file(tribe, maya) -> None:
    run = tribe(
        "import", "contacts", FIXTURES / "contacts.csv", "--as", maya.email, "--format", "linkedin"
    )

    assert run.code == 2
    assert run.error_line == (
        f"tribe import: error: contacts.csv: line 1: {Messages.NO_LINKEDIN_HEADER}"
    )
    assert not Contact.objects.exists()


def test_an_unknown_format_name_is_a_usage_error(tribe, maya, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        tribe("import", "contacts", FIXTURES / "contacts.csv", "--format", "excel")

    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "tribe import contacts: error: argument --format: invalid choice: 'excel'" in err
    assert "Traceback" not in err
    assert not Contact.objects.exists()


def test_an_unknown_as_email_imports_nothing(tribe, maya) -> None:
    run = tribe("import", "contacts", FIXTURES / "contacts.csv", "--as", "ghost@example.com")

    assert run.code == 3
    assert run.error_line.startswith("tribe import: error: --as: ")
    assert not Contact.objects.exists()


def test_a_file_of_50_mb_is_refused_in_one_line(tribe, maya, tmp_path: Path) -> None:
    """It used to end in a traceback ("too many SQL variables") after 846 MB."""
    big = tmp_path / "huge.csv"
    row = b"Someone Somebody,someone@example.org\n"
    big.write_bytes(b"name,email\n" + row * (50_000_000 // len(row)))
    run = tribe("import", "contacts", big, "--as", maya.email)

    assert run.code == 2
    assert "the limit is 10 MB" in run.err
    assert "Traceback" not in run.err
    assert not Contact.objects.filter(owner=maya).exists()


def test_utf16_without_a_byte_order_mark_imports(tribe, maya, tmp_path: Path) -> None:
    plain = tmp_path / "contacts.csv"
    plain.write_bytes("name,email\nZoë Ng,zoe@example.de\n".encode("utf-16-le"))
    run = tribe("import", "contacts", plain, "--as", maya.email)

    assert run.code == 0, run.err
    assert names_of(maya) == {"Zoë Ng"}

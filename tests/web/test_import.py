"""The contacts import page: detect, preview (dry run), import; all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web.conftest import errors_of
from tribe.people.models import Contact, Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("linkedin_connections.csv", "linkedin"),
        ("contacts_v3.vcf", "vcard"),
        ("contacts_v4.vcf", "vcard"),
        ("contacts.csv", "csv"),
    ],
)
def test_auto_detected_import_creates_contacts(
    alice_client: Client, web_alice: Person, name: str, source: str
) -> None:
    response = alice_client.post(
        reverse("web:contact_import"), {"file": _upload(name), "format": "auto", "action": "import"}
    )
    assert response.status_code == 302, errors_of(response)
    contacts = Contact.objects.filter(owner=web_alice)
    assert contacts.exists()
    assert {c.source for c in contacts} == {source}


def test_preview_writes_nothing_then_import_uses_the_kept_file(
    alice_client: Client, web_alice: Person
) -> None:
    preview = alice_client.post(
        reverse("web:contact_import"),
        {"file": _upload("linkedin_connections.csv"), "format": "auto", "action": "preview"},
    )
    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.dry_run and report.created
    assert "nothing is saved yet" in preview.content.decode()
    assert not Contact.objects.exists()
    # No file chosen again: the previewed one is imported.
    done = alice_client.post(
        reverse("web:contact_import"), {"format": "linkedin", "action": "import"}
    )
    assert done.status_code == 302
    assert Contact.objects.filter(owner=web_alice).count() == len(report.created)
    # ...and it is gone from the session afterwards.
    again = alice_client.post(reverse("web:contact_import"), {"format": "auto", "action": "import"})
    assert "file" in errors_of(again)


def test_a_broken_file_lists_its_problems_by_line_and_imports_nothing(
    alice_client: Client,
) -> None:
    data = (
        b"Name,Email\nGood Person,good@example.com\n,missing-name@example.com\nBad,not-an-email\n"
    )
    response = alice_client.post(
        reverse("web:contact_import"),
        {"file": _upload("broken.csv", data), "format": "csv", "action": "import"},
    )
    assert response.status_code == 200
    problems = response.context["problems"]
    assert [p.line for p in problems] == [3, 4]
    page = response.content.decode()
    assert "<td>3</td>" in page and "<td>4</td>" in page
    assert "nothing was changed" in page
    assert not Contact.objects.exists()


def test_an_unrecognisable_file_is_an_error_on_the_format_field(alice_client: Client) -> None:
    response = alice_client.post(
        reverse("web:contact_import"),
        {"file": _upload("notes.txt", b"just some words\n"), "format": "auto", "action": "preview"},
    )
    assert "format" in errors_of(response)
    assert not Contact.objects.exists()


def test_no_file_and_bad_format_are_field_errors(alice_client: Client) -> None:
    response = alice_client.post(reverse("web:contact_import"), {"format": "excel"})
    errors = errors_of(response)
    assert "file" in errors and "format" in errors

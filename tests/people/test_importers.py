"""Contacts file parsing: every format, every rejection rule, no database."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tribe.core.errors import ImportRejected, RowProblem, ValidationError
from tribe.people.importers import (
    FORMATS,
    MAX_BYTES,
    MAX_CONTACTS,
    MAX_LENGTHS,
    Messages,
    ParsedContact,
    detect_format,
    parse_contacts,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n'
    "\n"
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def problems_of(data: bytes | str, format: str) -> list[RowProblem]:
    """Parse data that must be rejected and return the problems listed."""
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ImportRejected) as caught:
        parse_contacts(raw, format=format, source="upload.csv")
    assert caught.value.source == "upload.csv"
    return caught.value.problems


def linkedin(*rows: str, preamble: bool = True) -> str:
    return (LINKEDIN_PREAMBLE if preamble else "") + LINKEDIN_HEADER + "".join(rows)


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


# --------------------------------------------------------------------------- LinkedIn


def test_linkedin_export_reads_every_connection_with_physical_line_numbers() -> None:
    contacts = parse_contacts(fixture("linkedin_connections.csv"), format="linkedin")

    assert len(contacts) == 12
    # Three preamble lines, one blank line... the header is line 4, so rows start at 5.
    assert [c.line for c in contacts] == list(range(5, 17))
    assert contacts[0] == ParsedContact(
        line=5,
        name="Amara Okonkwo",
        email="amara.okonkwo@example.com",
        headline="Staff Engineer at Northwind Labs",
        company="Northwind Labs",
        position="Staff Engineer",
        phone="",
        url="https://www.linkedin.com/in/amara-okonkwo-example",
        connected_on=datetime.date(2024, 3, 12),
        notes="",
    )


def test_linkedin_missing_emails_are_empty_and_present_ones_lower_cased() -> None:
    by_name = {
        c.name: c for c in parse_contacts(fixture("linkedin_connections.csv"), format="linkedin")
    }

    assert by_name["Björn Åkesson"].email == ""
    assert by_name["Дмитрий Иванов"].email == ""
    assert by_name["Priya Raghunathan"].email == "priya.r@example.org"


def test_linkedin_quoted_company_with_comma_and_partial_headlines() -> None:
    by_name = {
        c.name: c for c in parse_contacts(fixture("linkedin_connections.csv"), format="linkedin")
    }

    assert by_name["Priya Raghunathan"].company == "Lumen, Hart & Co."
    assert by_name["Fatima Al-Sayed"].headline == "VP Engineering at Cedar & Pine, Ltd."
    # Only a position, or only a company: the headline is whichever exists.
    assert by_name["Oluwaseun Adeyemi"].headline == "Independent Consultant"
    assert by_name["Zoë Lefèvre"].headline == "Atelier Numérique"


def test_linkedin_with_utf8_bom_reads_the_same() -> None:
    plain = parse_contacts(fixture("linkedin_connections.csv"), format="linkedin")
    with_bom = parse_contacts(
        b"\xef\xbb\xbf" + fixture("linkedin_connections.csv"), format="linkedin"
    )

    assert with_bom == plain


def test_linkedin_with_crlf_line_endings_keeps_line_numbers() -> None:
    data = fixture("linkedin_connections.csv").replace(b"\n", b"\r\n")

    assert [c.line for c in parse_contacts(data, format="linkedin")] == list(range(5, 17))


def test_linkedin_legacy_export_without_preamble_or_url_column() -> None:
    contacts = parse_contacts(fixture("linkedin_connections_legacy.csv"), format="linkedin")

    assert [(c.line, c.name, c.url) for c in contacts] == [
        (2, "Rosa Delgado", ""),
        (3, "Tomasz Wójcik", ""),
        (4, "Ingrid Halvorsen", ""),
    ]
    assert contacts[0].connected_on == datetime.date(2019, 6, 5)
    assert contacts[2].headline == ""


def test_linkedin_problem_lines_count_the_preamble() -> None:
    data = linkedin(
        "Ana,Lima,,ana@example.com,Acme,CTO,12 Mar 2024\n",
        "Ben,Ode,,not-an-email,Acme,CTO,12 Mar 2024\n",
    )

    assert problems_of(data, "linkedin") == [
        RowProblem(6, "Email Address", Messages.INVALID_EMAIL.format(value="not-an-email"))
    ]


def test_linkedin_rows_of_empty_cells_are_skipped() -> None:
    data = linkedin("Ana,Lima,,,,,\n", ",,,,,,\n", "Ben,Ode,,,,,\n")

    assert [(c.line, c.name) for c in parse_contacts(data.encode(), format="linkedin")] == [
        (5, "Ana Lima"),
        (7, "Ben Ode"),
    ]


def test_linkedin_without_header_row_is_rejected() -> None:
    assert problems_of("Name,Email\nAna,ana@example.com\n", "linkedin") == [
        RowProblem(1, None, Messages.NO_LINKEDIN_HEADER)
    ]


def test_linkedin_preamble_only_is_rejected() -> None:
    assert problems_of(LINKEDIN_PREAMBLE, "linkedin") == [
        RowProblem(1, None, Messages.NO_LINKEDIN_HEADER)
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 Mar 2024", datetime.date(2024, 3, 12)),
        ("1 Sep 2023", datetime.date(2023, 9, 1)),
        ("05 June 2019", datetime.date(2019, 6, 5)),
        ("28-Feb-2022", datetime.date(2022, 2, 28)),
        ("2024-03-12", datetime.date(2024, 3, 12)),
        ("", None),
    ],
)
def test_linkedin_connected_on_formats(raw: str, expected: datetime.date | None) -> None:
    data = linkedin(f"Ana,Lima,,,,,{raw}\n")

    assert parse_contacts(data.encode(), format="linkedin")[0].connected_on == expected


@pytest.mark.parametrize("raw", ["31 Feb 2024", "12 Foo 2024", "March 2024", "12/03/2024"])
def test_linkedin_unreadable_date_is_a_problem(raw: str) -> None:
    data = linkedin(f"Ana,Lima,,,,,{raw}\n")

    assert problems_of(data, "linkedin") == [
        RowProblem(5, "Connected On", Messages.INVALID_DATE.format(value=raw))
    ]


def test_linkedin_row_without_a_name() -> None:
    data = linkedin(" , ,https://www.linkedin.com/in/x,,Acme,CTO,12 Mar 2024\n")

    assert problems_of(data, "linkedin") == [RowProblem(5, "First Name", Messages.NAME_REQUIRED)]


# --------------------------------------------------------------------------- vCard


def test_vcard_3_reads_every_card_from_its_begin_line() -> None:
    contacts = parse_contacts(fixture("contacts_v3.vcf"), format="vcard")

    assert [(c.line, c.name) for c in contacts] == [
        (1, "Dr. Chidi Okafor"),
        (27, "Saga Lindqvist"),
        (35, "Yui Nakamura"),  # no FN: built from N
    ]


def test_vcard_3_preferred_email_folded_note_and_structured_org() -> None:
    chidi = parse_contacts(fixture("contacts_v3.vcf"), format="vcard")[0]

    assert chidi.email == "chidi@example.org"  # TYPE=...,pref wins over the first EMAIL
    assert chidi.phone == "+1 555 0100"
    assert chidi.company == "Acme Robotics, Inc."  # ORG's unit ("Research") is dropped
    assert chidi.position == "Director of Research"
    assert chidi.headline == "Director of Research at Acme Robotics, Inc."
    assert chidi.url == "https://example.com/chidi"
    assert chidi.connected_on is None
    assert chidi.notes == (
        "Introduced by Amara at the 2023 leadership offsite. Generous with time, strong "
        "opinions on code review; ask about the RFC process.\nFollow up in spring."
    )


def test_vcard_3_card_without_photo_or_email() -> None:
    saga = parse_contacts(fixture("contacts_v3.vcf"), format="vcard")[1]

    assert (saga.email, saga.phone, saga.company, saga.notes) == (
        "",
        "+46 8 123 456",
        "Nordlys Design",
        "",
    )


def test_vcard_4_pref_parameter_tel_uri_and_unicode() -> None:
    zoe, rafael = parse_contacts(fixture("contacts_v4.vcf"), format="vcard")

    assert (zoe.line, zoe.name, zoe.email) == (1, "Zoë Müller-Lüdenscheidt", "zoe@example.de")
    assert zoe.phone == "+49-30-5550-1234"  # "tel:" URI scheme removed
    assert zoe.notes.endswith("hat angeboten, monatlich zu telefonieren.")  # folded line joined
    assert (rafael.line, rafael.email, rafael.phone) == (15, "", "+55-11-5555-0101")  # PREF=1
    assert rafael.company == "Café Código Ltda."


def test_vcard_2_1_quoted_printable_from_phone_exports() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dub=C3=A9;=C3=89lodie;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89lodie Dub=C3=A9\r\n"
        "TEL;CELL:+33 6 12 34 56 78\r\nEND:VCARD\r\n"
    )

    (elodie,) = parse_contacts(data.encode(), format="vcard")

    assert (elodie.name, elodie.phone) == ("Élodie Dubé", "+33 6 12 34 56 78")


def test_vcard_name_falls_back_to_n_in_reading_order() -> None:
    data = card("N:García Márquez;José;Luis;Dr.;")

    assert parse_contacts(data.encode(), format="vcard")[0].name == "Dr. José Luis García Márquez"


def test_vcard_without_fn_or_n_names_fn_at_begin_line() -> None:
    data = card("FN:Ana Lima") + "\r\n" + card("EMAIL:x@example.com")

    assert problems_of(data, "vcard") == [RowProblem(6, "FN", Messages.NAME_REQUIRED)]


def test_vcard_invalid_email_points_at_the_email_line() -> None:
    data = card("FN:Ana Lima", "EMAIL:ana(at)example.com")

    assert problems_of(data, "vcard") == [
        RowProblem(4, "EMAIL", Messages.INVALID_EMAIL.format(value="ana(at)example.com"))
    ]


def test_vcard_unparseable_line_is_reported_and_other_cards_still_checked() -> None:
    data = card("FN:Ana Lima", "this line has no colon") + card("FN:Ben Ode", "EMAIL:bad")

    problems = problems_of(data, "vcard")

    assert [(p.line, p.field) for p in problems] == [(4, None), (9, "EMAIL")]
    assert problems[0].message.startswith("unreadable vCard: ")
    assert "this line has no colon" in problems[0].message


def test_vcard_broken_photo_data_is_reported_at_the_card() -> None:
    data = card("FN:Ana Lima", "PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64")

    (problem,) = problems_of(data, "vcard")

    assert (problem.line, problem.field) == (1, None)
    assert problem.message.startswith("unreadable vCard: ")


def test_vcard_missing_end_and_stray_text() -> None:
    data = "garbage before\r\nmore garbage\r\n" + card("FN:Ana Lima") + "BEGIN:VCARD\r\nFN:Ben\r\n"

    assert problems_of(data, "vcard") == [
        RowProblem(1, None, Messages.TEXT_OUTSIDE_CARD),  # one problem per run of text
        RowProblem(7, None, Messages.CARD_NOT_CLOSED),
    ]


def test_vcard_begin_inside_an_open_card() -> None:
    data = "BEGIN:VCARD\r\nFN:Ana\r\n" + card("FN:Ben Ode")

    assert problems_of(data, "vcard") == [RowProblem(1, None, Messages.CARD_NOT_CLOSED_BEFORE_NEXT)]


# --------------------------------------------------------------------------- plain CSV


def test_csv_reads_known_columns_case_insensitively_and_ignores_unknown_ones() -> None:
    ada, kwame, lena = parse_contacts(fixture("contacts.csv"), format="csv")

    assert ada == ParsedContact(
        line=2,
        name="Ada Byrne",
        email="ada.byrne@example.com",
        headline="CTO at Analytical Engines Ltd",
        company="Analytical Engines Ltd",
        position="CTO",
        phone="+44 20 7946 0018",
        url="https://example.com/ada",
        connected_on=datetime.date(2024, 2, 1),
        notes='Met at the Dublin meetup; asked about "leading without authority".',
    )
    assert kwame.headline == "Career coach for first-time managers"  # given, not built
    assert (lena.line, lena.email) == (4, "")
    assert lena.notes == "Two-line note:\nprefers e-mail over calls"


def test_csv_first_and_last_name_columns_with_semicolons() -> None:
    contacts = parse_contacts(fixture("contacts_first_last.csv"), format="csv")

    assert [(c.line, c.name, c.email, c.company) for c in contacts] == [
        (2, "Noor Haddad", "noor.haddad@example.com", "Oasis Robotics"),
        (3, "Sven", "sven@example.se", ""),
    ]


def test_csv_line_numbers_follow_multi_line_quoted_cells() -> None:
    data = 'name,notes\nAna,"one\ntwo\nthree"\nBen,\n,oops\n'

    assert problems_of(data, "csv") == [RowProblem(6, "name", Messages.NAME_REQUIRED)]


def test_csv_missing_name_column_is_named() -> None:
    assert problems_of("Email,Company\nana@example.com,Acme\n", "csv") == [
        RowProblem(1, "name", Messages.MISSING_NAME_COLUMN.format(columns="Email, Company"))
    ]


def test_csv_repeated_known_column() -> None:
    assert problems_of("name,email,EMAIL\nAna,a@example.com,b@example.com\n", "csv") == [
        RowProblem(1, "EMAIL", Messages.REPEATED_COLUMN)
    ]


def test_csv_missing_name_uses_the_files_column_title() -> None:
    assert problems_of("Name,Email\n  ,ana@example.com\n", "csv") == [
        RowProblem(2, "Name", Messages.NAME_REQUIRED)
    ]


def test_csv_wrong_number_of_fields() -> None:
    data = "name,email,company\nAna,ana@example.com,Acme, Inc.\nBen,ben@example.com\n"

    assert problems_of(data, "csv") == [
        RowProblem(2, None, Messages.WRONG_FIELD_COUNT.format(expected=3, found=4)),
        RowProblem(3, None, Messages.WRONG_FIELD_COUNT.format(expected=3, found=2)),
    ]


def test_csv_malformed_quoting_is_reported_and_reading_continues() -> None:
    data = 'name,email\n"Ana" Lima,ana@example.com\nBen,bad\n'

    problems = problems_of(data, "csv")

    assert [(p.line, p.field) for p in problems] == [(2, None), (3, "email")]
    assert problems[0].message.startswith("malformed CSV row (")


@pytest.mark.parametrize("field", ["name", "headline", "company", "position", "phone", "url"])
def test_csv_over_long_field(field: str) -> None:
    limit = MAX_LENGTHS[field]
    value = "x" * (limit + 1)
    data = f"name,{field}\nAna,{value}\n" if field != "name" else f"name\n{value}\n"

    assert problems_of(data, "csv") == [
        RowProblem(2, field, Messages.TOO_LONG.format(length=limit + 1, limit=limit))
    ]


def test_csv_field_at_the_limit_is_accepted() -> None:
    name = "N" * MAX_LENGTHS["name"]

    assert parse_contacts(f"name\n{name}\n".encode(), format="csv")[0].name == name


def test_csv_over_long_email_is_reported_once() -> None:
    email = "a" * 250 + "@example.com"

    assert problems_of(f"name,email\nAna,{email}\n", "csv") == [
        RowProblem(2, "email", Messages.TOO_LONG.format(length=len(email), limit=254))
    ]


def test_derived_headline_is_shortened_not_rejected() -> None:
    data = f"name,position,company\nAna,{'P' * 150},{'C' * 150}\n"

    headline = parse_contacts(data.encode(), format="csv")[0].headline

    assert len(headline) == MAX_LENGTHS["headline"]
    assert headline.startswith("P" * 150 + " at C")
    assert headline.endswith("…")


def test_csv_whitespace_is_tidied_in_single_line_fields() -> None:
    data = 'name,company,notes\n"  Ana   Lima ","Acme\nLabs","  keep\n\nlines  "\n'

    (ana,) = parse_contacts(data.encode(), format="csv")

    assert (ana.name, ana.company, ana.notes) == ("Ana Lima", "Acme Labs", "keep\n\nlines")


@pytest.mark.parametrize(
    "email",
    ["ana@example.com", "Ana.Lima+mentors@Mail.Example.org", "o'neill@example.ie", "zoë@bücher.de"],
)
def test_valid_emails_are_accepted(email: str) -> None:
    contacts = parse_contacts(f"name,email\nAna,{email}\n".encode(), format="csv")

    assert contacts[0].email == email.lower()


@pytest.mark.parametrize(
    "email",
    ["ana", "ana@", "@example.com", "ana@example", "ana lima@example.com", "ana@@example.com",
     "ana@example..com", "ana.@example.com", "ana@-example.com"],
)  # fmt: skip
def test_invalid_emails_are_rejected(email: str) -> None:
    assert problems_of(f"name,email\nAna,{email}\n", "csv") == [
        RowProblem(2, "email", Messages.INVALID_EMAIL.format(value=email.lower()))
    ]


# --------------------------------------------------------------------------- every format


def test_duplicate_emails_are_reported_against_the_first_line() -> None:
    data = linkedin(
        "Ana,Lima,,ana@example.com,,,\n",
        "Ben,Ode,,,,,\n",
        "Cleo,Park,,,,,\n",
        "Ana,L.,,ANA@example.com,,,\n",
        "Ana,Again,,ana@example.com,,,\n",
    )

    assert problems_of(data, "linkedin") == [
        RowProblem(
            8,
            "Email Address",
            Messages.DUPLICATE_EMAIL.format(value="ana@example.com", first_line=5),
        ),
        RowProblem(
            9,
            "Email Address",
            Messages.DUPLICATE_EMAIL.format(value="ana@example.com", first_line=5),
        ),
    ]


def test_duplicate_emails_across_vcards() -> None:
    data = card("FN:Ana", "EMAIL:ana@example.com") + card("FN:Ana L", "EMAIL:Ana@Example.com")

    assert problems_of(data, "vcard") == [
        RowProblem(
            9, "EMAIL", Messages.DUPLICATE_EMAIL.format(value="ana@example.com", first_line=1)
        )
    ]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file_has_no_contacts(format: str, data: bytes) -> None:
    assert problems_of(data, format) == [RowProblem(1, None, Messages.NO_CONTACTS)]


@pytest.mark.parametrize(
    ("format", "data"),
    [
        ("csv", "name,email\n"),
        ("linkedin", LINKEDIN_PREAMBLE + LINKEDIN_HEADER),
        ("csv", "name\n,,\n"),
    ],
)
def test_header_without_rows_has_no_contacts(format: str, data: str) -> None:
    assert problems_of(data, format) == [RowProblem(1, None, Messages.NO_CONTACTS)]


@pytest.mark.parametrize("format", FORMATS)
def test_undecodable_bytes_are_reported_per_line(format: str) -> None:
    data = b"name,email\nAna,ana@example.com\n" + "Zoë,z@example.de\nJosé,j@example.es\n".encode(
        "latin-1"
    )

    assert problems_of(data, format) == [
        RowProblem(3, None, Messages.NOT_UTF8.format(byte=0xEB, position=3)),
        RowProblem(4, None, Messages.NOT_UTF8.format(byte=0xE9, position=4)),
    ]


def test_utf16_with_bom_is_decoded() -> None:
    data = "name,email\nZoë,zoe@example.de\n".encode("utf-16")

    assert parse_contacts(data, format="csv")[0].name == "Zoë"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised_by_its_zero_bytes(encoding: str) -> None:
    """Valid UTF-8 too (a zero byte is a character), so it used to be read as a
    header with a NUL after each letter: "missing column 'name'"."""
    data = "name,email\nZoë,zoe@example.de\nЖора,zhora@example.ru\n".encode(encoding)

    contacts = parse_contacts(data, format="csv")
    assert [c.name for c in contacts] == ["Zoë", "Жора"]
    assert detect_format("contacts.txt", data) == "csv"


def test_a_stray_zero_byte_in_utf8_is_still_a_control_character() -> None:
    problems = problems_of(b"name,email\nAn\x00a,ana@example.com\n", "csv")
    assert len(problems) == 1 and "U+0000" in problems[0].message


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    data = b"name,email\n" + b"x" * (MAX_BYTES + 1)
    with pytest.raises(ImportRejected) as caught:
        parse_contacts(data, format="csv")
    (problem,) = caught.value.problems
    assert problem.line == 1 and "the limit is 10 MB" in problem.message


def test_more_contacts_than_the_limit_are_refused() -> None:
    rows = "".join(f"P{n},\n" for n in range(MAX_CONTACTS + 1))
    with pytest.raises(ImportRejected) as caught:
        parse_contacts(("name,email\n" + rows).encode(), format="csv")
    (problem,) = caught.value.problems
    assert f"more than {MAX_CONTACTS} contacts" in problem.message


def test_broken_utf16_is_reported() -> None:
    assert problems_of(b"\xff\xfen\x00a\x00\x00\xd8", "csv") == [
        RowProblem(1, None, Messages.NOT_UTF16)
    ]


def test_all_or_nothing_lists_every_problem_in_file_order() -> None:
    data = linkedin(
        "Ana,Lima,,ana@example.com,Acme,CTO,12 Mar 2024\n",  # fine, but not returned
        ",,,,Acme,CTO,someday\n",
        "Ben,Ode,,ben@,Acme\n",
        "Cleo,Park,,cleo@example.com,Acme,CTO,1 Jan 2024\n",
    )

    problems = problems_of(data, "linkedin")

    assert [str(p) for p in problems] == [
        "line 6, First Name: a name is required",
        "line 6, Connected On: cannot read the date 'someday'; "
        "expected a date like 12 Mar 2024 or 2024-03-12",
        "line 7: expected 7 fields, found 5 (check for an unquoted comma or a missing field)",
    ]


def test_rejection_message_names_the_source_and_counts_the_rest() -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_contacts(b"name,email\n,x\n,y\n", format="csv", source="Connections.csv")

    assert str(caught.value) == (
        "Connections.csv: line 2, name: a name is required (and 3 more problems)"
    )


def test_unknown_format_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_contacts(b"name\nAna\n", format="xlsx")

    assert caught.value.field == "format"
    assert caught.value.message == Messages.UNKNOWN_FORMAT.format(
        format="xlsx", choices="linkedin, vcard, csv"
    )


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("filename", "head", "expected"),
    [
        ("Connections.csv", fixture("linkedin_connections.csv"), "linkedin"),
        ("export.txt", b"\xef\xbb\xbf" + fixture("linkedin_connections.csv"), "linkedin"),
        ("Connections.csv", fixture("linkedin_connections_legacy.csv"), "linkedin"),
        ("contacts.csv", fixture("contacts.csv"), "csv"),
        ("contacts.CSV", b"", "csv"),
        ("roster.txt", fixture("contacts_first_last.csv"), "csv"),
        ("contacts.vcf", fixture("contacts_v3.vcf"), "vcard"),
        ("card.VCF", b"", "vcard"),
        ("download", fixture("contacts_v4.vcf")[:40], "vcard"),
        ("download", "BEGIN:VCARD\r\n".encode("utf-16"), "vcard"),
        ("x.csv", b"\xef\xbb\xbfBEGIN:VCARD\r\nVERSION:3.0\r\n", "vcard"),
    ],
)
def test_detect_format(filename: str, head: bytes, expected: str) -> None:
    assert detect_format(filename, head[:1024]) == expected


@pytest.mark.parametrize(
    ("filename", "head"),
    [("notes.txt", b"Remember to call Ana"), ("contacts.xlsx", b"PK\x03\x04\xff\xfe"), ("x", b"")],
)
def test_detect_format_refuses_to_guess(filename: str, head: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        detect_format(filename, head)

    assert caught.value.field == "format"
    assert filename in caught.value.message
    assert "--format linkedin, vcard or csv" in caught.value.message


# --------------------------------------------------------------------------- the form rules


def _control(char: str, position: int) -> str:
    return Messages.CONTROL_CHARACTER.format(char=char, position=position)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("javascript:alert(document.cookie)", "javascript:alert(document.cookie)"),
        ("JavaScript:alert(1)", "JavaScript:alert(1)"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data:text/html;base64,PHNjcmlwdD4="),
        ("ftp://example.com/x", "ftp://example.com/x"),
        ("vbscript:msgbox", "vbscript:msgbox"),
    ],
)
def test_csv_web_addresses_other_than_http_reject_the_import(url: str, shown: str) -> None:
    data = f'name,url\nAna Lima,https://example.com/ana\nBen Ode,"{url}"\n'

    assert problems_of(data, "csv") == [
        RowProblem(3, "url", Messages.INVALID_URL.format(value=shown))
    ]


def test_linkedin_javascript_url_names_its_column_and_line() -> None:
    data = linkedin("Ana,Lima,javascript:alert(1),,Acme,CTO,12 Mar 2024\n")

    assert problems_of(data, "linkedin") == [
        RowProblem(5, "URL", Messages.INVALID_URL.format(value="javascript:alert(1)"))
    ]


def test_vcard_javascript_url_points_at_the_url_line() -> None:
    data = card("FN:Ana Lima", "URL:javascript:alert(1)")

    assert problems_of(data, "vcard") == [
        RowProblem(4, "URL", Messages.INVALID_URL.format(value="javascript:alert(1)"))
    ]


def test_only_http_and_https_addresses_are_imported() -> None:
    good = "name,url\nAna,https://example.com/ana\nBen,http://ben.example.org\n"
    assert [c.url for c in parse_contacts(good.encode(), format="csv")] == [
        "https://example.com/ana",
        "http://ben.example.org",
    ]
    assert problems_of(good + "Cleo,javascript:void(0)\n", "csv") == [
        RowProblem(4, "url", Messages.INVALID_URL.format(value="javascript:void(0)"))
    ]


@pytest.mark.parametrize("field", ["name", "email", "company", "phone", "url", "notes"])
def test_csv_nul_bytes_reject_the_import_naming_line_and_column(field: str) -> None:
    values = {
        "name": "Ana Lima",
        "email": "ana@example.com",
        "company": "Acme",
        "phone": "+44 20",
        "url": "https://example.com",
        "notes": "hello",
    }
    values[field] = values[field][:2] + "\x00" + values[field][2:]
    data = "name,email,company,phone,url,notes\nBen,,,,,\n" + ",".join(values.values()) + "\n"

    assert problems_of(data.encode(), "csv") == [RowProblem(3, field, _control("U+0000", 3))]


def test_linkedin_nul_in_a_name_is_refused_at_its_column() -> None:
    data = linkedin("An\x00a,Lima,,,,,\n")

    assert problems_of(data, "linkedin") == [RowProblem(5, "First Name", _control("U+0000", 3))]


def test_vcard_nul_and_bell_are_refused_at_their_lines() -> None:
    data = card("FN:Ana\x00Lima", "NOTE:ring \x07 the bell")

    assert problems_of(data, "vcard") == [
        RowProblem(3, "FN", _control("U+0000", 4)),
        RowProblem(4, "NOTE", _control("U+0007", 6)),
    ]


def test_tabs_and_line_breaks_in_notes_are_kept_other_controls_are_not() -> None:
    data = 'name,notes\nAna,"one\ttwo\r\nthree"\n'

    assert parse_contacts(data.encode(), format="csv")[0].notes == "one\ttwo\r\nthree"
    assert problems_of(data.replace("two", "t\x1bwo"), "csv") == [
        RowProblem(2, "notes", _control("U+001B", 6))
    ]


@pytest.mark.parametrize("raw", ["9999-12-31", "0001-01-01", "31 Dec 9999", "1 Jan 2201"])
def test_connection_dates_outside_1900_to_2200_are_refused(raw: str) -> None:
    data = linkedin(f"Ana,Lima,,,,,{raw}\n")

    assert problems_of(data, "linkedin") == [
        RowProblem(5, "Connected On", Messages.DATE_OUT_OF_RANGE.format(value=raw))
    ]


def test_the_limits_are_the_columns_and_notes_as_when_typed_in() -> None:
    from tribe.people.models import Contact

    for name, limit in MAX_LENGTHS.items():
        column = Contact._meta.get_field(name).max_length
        assert column is None or column == limit, name  # notes: a text column
    data = f"name,notes\nAna,{'n' * 5001}\n"
    assert problems_of(data, "csv") == [
        RowProblem(2, "notes", Messages.TOO_LONG.format(length=5001, limit=5000))
    ]

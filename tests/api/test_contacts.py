"""/api/contacts: my contacts over the API, each its owner's alone."""

from __future__ import annotations

import pytest

from tests.factories import ContactFactory, PersonFactory
from tribe.people.models import Contact


def test_add_list_change_unlink_delete_a_contact(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    account = PersonFactory(name="Lee Account", email="lee@example.com")  # verified
    client = api_as(maya)
    made = client.post(
        "/api/contacts",
        {
            "name": "Lee Park",
            "email": "Lee@Example.com",
            "expertise": ["pricing"],
            "connected_on": "2025-05-01",
        },
    )
    assert made.status_code == 201, made.content
    contact_id = made.json_body["id"]
    assert made.json_body["email"] == "lee@example.com"
    assert made.json_body["linked"] is True and made.json_body["source"] == "manual"
    assert Contact.objects.get(pk=contact_id).person == account

    listed = client.get("/api/contacts").json_body
    assert [c["id"] for c in listed["items"]] == [contact_id] and listed["count"] == 1

    changed = client.patch(f"/api/contacts/{contact_id}", {"company": "Acme", "connected_on": None})
    assert changed.status_code == 200, changed.content
    assert changed.json_body["company"] == "Acme" and changed.json_body["connected_on"] is None
    assert changed.json_body["name"] == "Lee Park" and changed.json_body["expertise"] == ["pricing"]

    unlinked = client.post(f"/api/contacts/{contact_id}/unlink")
    assert unlinked.status_code == 200 and unlinked.json_body["linked"] is False
    assert Contact.objects.get(pk=contact_id).person is None
    # The same address keeps the unlink; it is no error to unlink again.
    assert (
        client.patch(f"/api/contacts/{contact_id}", {"phone": "123"}).json_body["linked"] is False
    )
    assert client.post(f"/api/contacts/{contact_id}/unlink").status_code == 200

    assert client.get(f"/api/contacts/{contact_id}").json_body["phone"] == "123"
    assert client.delete(f"/api/contacts/{contact_id}").status_code == 204
    assert not Contact.objects.filter(pk=contact_id).exists()


def test_null_empties_a_field_but_a_name_is_required(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=maya, name="Pat", company="Acme", expertise=["sales"])
    client = api_as(maya)
    emptied = client.patch(f"/api/contacts/{contact.pk}", {"company": None, "expertise": None})
    assert emptied.status_code == 200, emptied.content
    assert (emptied.json_body["company"], emptied.json_body["expertise"]) == ("", [])
    refused = client.patch(f"/api/contacts/{contact.pk}", {"name": None})
    assert refused.status_code == 422 and refused.json_body["field"] == "name"
    contact.refresh_from_db()
    assert contact.name == "Pat"


def test_a_contact_is_its_owners_alone(api_as, maya, ravi, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=maya, name="Secret Friend", notes="owes me lunch")
    other = api_as(ravi)
    for method, path, body in [
        ("GET", f"/api/contacts/{contact.pk}", None),
        ("PATCH", f"/api/contacts/{contact.pk}", {"name": "Mine now"}),
        ("POST", f"/api/contacts/{contact.pk}/unlink", None),
        ("DELETE", f"/api/contacts/{contact.pk}", None),
    ]:
        response = other.request(method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json_body["code"] == "contact_not_found"
    assert other.get("/api/contacts").json_body["count"] == 0
    contact.refresh_from_db()
    assert contact.name == "Secret Friend"


def test_the_list_filters_like_the_page_and_pages(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    ContactFactory(owner=maya, name="Ann", company="Northwind")
    ContactFactory(owner=maya, name="Bo", email="bo@northwind.example")
    ContactFactory(owner=maya, name="Cy", company="Contoso")
    ContactFactory(owner=ravi, name="Northwind Ravi")
    client = api_as(maya)
    found = client.get("/api/contacts", q="  northwind ").json_body
    assert [c["name"] for c in found["items"]] == ["Ann", "Bo"]
    page = client.get("/api/contacts", limit=2, offset=2).json_body
    assert ([c["name"] for c in page["items"]], page["count"], page["next_offset"]) == (
        ["Cy"],
        3,
        None,
    )


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("x" * 10_000, "string_too_long"),
        ("a\x00", "string_pattern_mismatch"),
        ("\x1b[2J", "string_pattern_mismatch"),
    ],
)
def test_an_odd_filter_is_refused(api_as, maya, q, code) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).get("/api/contacts", q=q)
    assert response.status_code == 422
    assert (response.json_body["field"], response.json_body["errors"][0]["code"]) == ("q", code)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Lee", "email": "not an address"}, "email"),
        ({"name": "Lee", "url": "javascript:alert(1)"}, "url"),
        ({"name": "Lee", "timezone": "Nowhere/City"}, "timezone"),
        ({"name": "Lee", "expertise": "pricing"}, "expertise"),
        ({"name": "Lee", "expertise": ["x" * 101]}, "expertise.0"),
        ({"name": "Lee", "connected_on": "yesterday"}, "connected_on"),
        ({"name": "Lee", "notes": "\x07bell"}, "notes"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/contacts", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert not Contact.objects.exists()


def test_an_address_i_already_have_is_a_conflict(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    first = ContactFactory(owner=maya, name="Lee", email="lee@example.com")
    other = ContactFactory(owner=maya, name="Lee too")
    client = api_as(maya)
    added = client.post("/api/contacts", {"name": "Lee again", "email": "LEE@example.com"})
    assert added.status_code == 409 and added.json_body["code"] == "contact_email_taken"
    changed = client.patch(f"/api/contacts/{other.pk}", {"email": "lee@example.com"})
    assert changed.status_code == 409 and changed.json_body["field"] == "email"
    assert list(Contact.objects.filter(owner=maya).order_by("pk")) == [first, other]
    other.refresh_from_db()
    assert other.email == ""


def test_contact_list_runs_a_fixed_number_of_queries(
    api_as, maya, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    client.get("/api/contacts")
    ContactFactory.create_batch(3, owner=maya, person=PersonFactory())
    with django_assert_num_queries(3):  # the token with its person, count, page
        client.get("/api/contacts")
    ContactFactory.create_batch(20, owner=maya, person=PersonFactory())
    with django_assert_num_queries(3):
        client.get("/api/contacts")

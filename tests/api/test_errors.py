"""One error shape, the right status, never a 500: the API's failures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tribe.accounts.models import ApiToken
from tribe.accounts.services import token_create, token_revoke
from tribe.people.models import Goal

SHAPE = {"code", "message", "field", "errors"}


def test_no_credentials_is_401_with_the_bearer_challenge(db: None) -> None:
    response = Client().get("/api/goals")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == SHAPE
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer tribe_" + "x" * 43, "Bearer ", "Bearer tribe_" + "y" * 5000],
)
def test_an_unknown_token_is_401_even_with_a_session(client, maya, header) -> None:  # type: ignore[no-untyped-def]
    client.force_login(maya)
    response = client.get("/api/goals", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_revoked_or_expired_token_is_401(db: None, maya, now) -> None:  # type: ignore[no-untyped-def]
    revoked, secret = token_create(person=maya, name="old")
    token_revoke(actor=maya, token=revoked)
    assert (
        Client().get("/api/goals", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )
    past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    _, expired = token_create(person=maya, name="short", days=1, now=past)
    assert (
        Client().get("/api/goals", headers={"Authorization": f"Bearer {expired}"}).status_code
        == 401
    )


def test_a_token_of_a_deactivated_account_is_401(db: None, maya) -> None:  # type: ignore[no-untyped-def]
    _, secret = token_create(person=maya, name="t")
    maya.is_active = False
    maya.save()
    assert (
        Client().get("/api/goals", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_a_read_only_token_reads_but_does_not_write(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya, read_only=True)
    assert client.get("/api/goals").status_code == 200
    response = client.post("/api/goals", {"title": "sneaky"})
    assert response.status_code == 403
    assert response.json_body["code"] == "token_read_only"
    assert not Goal.objects.exists()


def test_the_token_notes_when_it_was_used(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    api_as(maya).get("/api/goals")
    assert ApiToken.objects.get(person=maya).last_used_at is not None


def test_the_session_needs_the_csrf_token_to_change_things(maya) -> None:  # type: ignore[no-untyped-def]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(maya)
    assert browser.get("/api/goals").status_code == 200
    refused = browser.post("/api/goals", '{"title": "x"}', content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert not Goal.objects.exists()
    browser.get("/profile/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    made = browser.post(
        "/api/goals",
        '{"title": "x"}',
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert made.status_code == 201, made.content


@pytest.mark.parametrize("raw", [b"{", b"not json", b"\xff\xfe", b'{"title": "a"'])
def test_malformed_json_is_400(api_as, maya, raw) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/goals", raw=raw)
    assert response.status_code == 400
    assert response.json_body["code"] == "malformed"
    assert not Goal.objects.exists()


@pytest.mark.parametrize("raw", [b"[]", b"5", b'"title"', b"null"])
def test_json_that_is_not_an_object_is_400(api_as, maya, raw) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/goals", raw=raw)
    assert response.status_code == 400, response.content
    assert response.json_body["code"] == "malformed"
    assert not Goal.objects.exists()


@pytest.mark.parametrize("goal_id", ["0", "-1", "abc", str(2**63), "9" * 40])
def test_ids_out_of_range_are_422_not_a_crash(api_as, maya, goal_id) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).get(f"/api/goals/{goal_id}")
    assert response.status_code in (404, 422)
    assert set(response.json_body) == SHAPE


@pytest.mark.parametrize(
    "query", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"offset": 10**7}, {"limit": "x"}]
)
def test_page_bounds_are_checked(api_as, maya, query) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).get("/api/goals", **query)
    assert response.status_code == 422
    assert response.json_body["field"] in {"limit", "offset"}


def test_an_address_the_api_does_not_have_is_a_json_404(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/nothing", "/api/goals/1/nothing", "/api/"):
        response = api_as(maya).get(path)
        assert response.status_code == 404, path
        assert set(response.json_body) == SHAPE


def test_a_method_the_operation_does_not_take_is_405(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).put("/api/goals", {})
    assert response.status_code == 405
    assert response.json_body["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_body_too_large_is_a_json_400(api_as, maya, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api_as(maya).post("/api/goals", {"title": "x", "why": "y" * 5000})
    assert response.status_code == 400
    assert set(response.json_body) == SHAPE
    assert not Goal.objects.exists()


def test_messages_follow_the_request_language(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    response = client.client.post(
        "/api/goals",
        '{"title": ""}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {client.secret}", "Accept-Language": "de"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "required"
    assert "required" not in response.json()["message"]  # German


def test_a_field_the_operation_does_not_have_is_refused(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/goals", {"title": "x", "owner": 2})
    assert response.status_code == 422
    assert response.json_body["field"] == "owner"
    assert not Goal.objects.exists()


def test_true_is_no_id(api_as, maya, maya_ravi) -> None:  # type: ignore[no-untyped-def]
    response = api_as(maya).post("/api/notes", {"relationship": True, "body": "b"})
    assert response.status_code == 422
    assert response.json_body["field"] == "relationship"

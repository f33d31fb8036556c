"""/api/tokens: my personal API tokens over the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tribe.accounts.models import ApiToken
from tribe.accounts.services import MAX_LIVE_TOKENS, token_create


def test_make_list_and_revoke_a_token(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    made = client.post("/api/tokens", {"name": "nightly backup", "read_only": True, "days": 30})
    assert made.status_code == 201, made.content
    body = made.json_body
    secret = body["secret"]
    assert secret.startswith("tribe_") and body["prefix"] == secret[:12]
    assert body["read_only"] is True and body["revoked_at"] is None
    assert body["expires_at"] is not None and "digest" not in body
    # The new secret works, and may only read.
    assert client.get("/api/goals").status_code == 200
    fresh = type(client)(secret)
    assert fresh.get("/api/goals").status_code == 200
    assert fresh.post("/api/goals", {"title": "Speak"}).json_body["code"] == "token_read_only"

    listed = client.get("/api/tokens")
    assert listed.status_code == 200
    names = [t["name"] for t in listed.json_body["items"]]
    assert names == ["nightly backup", "tests"]
    # No list answer carries a secret or a digest, of this token or another.
    text = listed.content.decode()
    stored = ApiToken.objects.get(pk=body["id"])
    assert secret not in text and stored.digest not in text and "secret" not in text

    revoked = client.post(f"/api/tokens/{body['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json_body["revoked_at"] is not None and "secret" not in revoked.json_body
    assert fresh.get("/api/goals").status_code == 401
    again = client.post(f"/api/tokens/{body['id']}/revoke")
    assert again.status_code == 409 and again.json_body["code"] == "token_revoked"


def test_a_token_without_end_and_one_that_may_write(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    made = api_as(maya).post("/api/tokens", {"name": "script"})
    assert made.status_code == 201
    assert (made.json_body["expires_at"], made.json_body["read_only"]) == (None, False)
    writer = type(api_as(maya))(made.json_body["secret"])
    assert writer.post("/api/goals", {"title": "Speak"}).status_code == 201


def test_a_token_may_revoke_itself(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    own = ApiToken.objects.get(person=maya)
    assert client.post(f"/api/tokens/{own.pk}/revoke").status_code == 200
    assert client.get("/api/tokens").status_code == 401


def test_the_list_pages(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    for n in range(4):
        token_create(person=maya, name=f"token {n}")
    client = api_as(maya)
    first = client.get("/api/tokens", limit=2)
    assert first.json_body["count"] == 5 and first.json_body["next_offset"] == 2
    last = client.get("/api/tokens", limit=2, offset=4)
    assert len(last.json_body["items"]) == 1 and last.json_body["next_offset"] is None


def test_someone_elses_token_is_not_found_and_stays_live(api_as, maya, eve) -> None:  # type: ignore[no-untyped-def]
    token, secret = token_create(person=maya, name="mine")
    eves = api_as(eve)
    response = eves.post(f"/api/tokens/{token.pk}/revoke")
    assert response.status_code == 404 and response.json_body["code"] == "token_not_found"
    token.refresh_from_db()
    assert token.revoked_at is None
    assert [t["name"] for t in eves.get("/api/tokens").json_body["items"]] == ["tests"]
    assert type(eves)(secret).get("/api/goals").status_code == 200


def test_a_read_only_token_can_neither_make_nor_revoke(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    other, _ = token_create(person=maya, name="other")
    reader = api_as(maya, read_only=True)
    assert reader.get("/api/tokens").status_code == 200
    made = reader.post("/api/tokens", {"name": "escalate"})
    assert made.status_code == 403 and made.json_body["code"] == "token_read_only"
    revoked = reader.post(f"/api/tokens/{other.pk}/revoke")
    assert revoked.status_code == 403
    other.refresh_from_db()
    assert other.revoked_at is None
    assert ApiToken.objects.filter(person=maya).count() == 2


def test_a_session_needs_the_csrf_token_to_make_one(maya) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(maya)
    assert client.get("/api/tokens").status_code == 200
    refused = client.post("/api/tokens", json.dumps({"name": "x"}), content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert not ApiToken.objects.exists()


def test_the_answer_with_the_secret_is_not_cached(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    made = api_as(maya).post("/api/tokens", {"name": "script"})
    assert "no-store" in made["Cache-Control"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "two\nlines"}, "name"),
        ({"name": "nul\x00byte"}, "name"),
        ({"name": 5}, "name"),
        ({"name": "ok", "days": 0}, "days"),
        ({"name": "ok", "days": 551}, "days"),
        ({"name": "ok", "days": 10**30}, "days"),
        ({"name": "ok", "days": "soon"}, "days"),
        ({"name": "ok", "read_only": "perhaps"}, "read_only"),
    ],
)
def test_bad_input_names_the_field(api_as, maya, body, field) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    response = client.post("/api/tokens", body)
    assert response.status_code == 422, response.content
    assert response.json_body["field"] == field
    assert field in response.json_body["message"] or response.json_body["errors"]
    assert ApiToken.objects.filter(person=maya).count() == 1  # the client's own


def test_the_limit_of_live_tokens_is_a_conflict(api_as, maya) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    for n in range(MAX_LIVE_TOKENS - 1):
        token_create(person=maya, name=f"t{n}")
    response = client.post("/api/tokens", {"name": "one too many"})
    assert response.status_code == 409 and response.json_body["code"] == "too_many_tokens"
    assert not ApiToken.objects.filter(name="one too many").exists()


def test_token_list_runs_a_fixed_number_of_queries(api_as, maya, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = api_as(maya)
    client.get("/api/tokens")  # the token's first use notes the moment
    for n in range(3):
        token_create(person=maya, name=f"t{n}")
    # The token with its person, count, page.
    with django_assert_num_queries(3):
        client.get("/api/tokens")
    for n in range(10):
        token_create(person=maya, name=f"u{n}")
    with django_assert_num_queries(3):
        client.get("/api/tokens")

"""What every answer says about itself: a Content-Security-Policy that allows
nothing from elsewhere and no inline code, and no caching of a signed-in page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tribe.people.models import Person

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_pages_allow_only_their_own_assets_and_no_frames(client: Client, maya: Person) -> None:
    client.force_login(maya)
    policy = directives(client.get(reverse("web:today")))
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("page", ["web:today", "web:relationships", "web:profile", "web:journal"])
def test_a_signed_in_page_is_never_cached(client: Client, maya: Person, page: str) -> None:
    client.force_login(maya)
    response = client.get(reverse(page))
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "no-store" in cache and "private" in cache
    body = response.content.decode()
    # Nothing inline for the policy to block: no style attribute, no bare script.
    assert ' style="' not in body
    assert "<script>" not in body


def test_the_public_landing_page_may_be_cached(client: Client) -> None:
    response = client.get(reverse("web:landing"))
    assert "no-store" not in response.get("Cache-Control", "")
    assert response["Referrer-Policy"] == "same-origin"

"""GET /health/: "ok" for load balancers, with no sign-in, session or database."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for


@pytest.mark.django_db
def test_health_says_ok_in_plain_text_to_anyone(client: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        response = client.get(reverse("web:health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    # Through the whole middleware stack: the security headers are there.
    assert response["X-Frame-Options"] == "DENY"
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_health_answers_head_and_refuses_post(client: Client) -> None:
    url = reverse("web:health")
    assert client.head(url).status_code == 200
    assert client.post(url).status_code in (403, 405)  # CSRF or method: never a change


def test_health_is_the_same_for_a_signed_in_person(web_alice) -> None:  # type: ignore[no-untyped-def]
    response = client_for(web_alice).get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"

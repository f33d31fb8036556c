"""Markup that accessibility depends on, and the locally served stylesheet."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_errors_are_tied_to_their_inputs(alice_client: Client) -> None:
    page = alice_client.post(
        reverse("web:goal_new"), {"title": "", "status": "open"}
    ).content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_title_error"' in page
    assert 'id="id_title_error"' in page
    assert 'href="#id_title"' in page  # the summary links to the field
    assert '<label for="id_title">' in page


def test_every_page_has_a_skip_link_landmarks_and_no_external_assets(alice_client: Client) -> None:
    page = alice_client.get(reverse("web:today")).content.decode()
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page and '<nav aria-label="Main">' in page
    assert 'aria-current="page"' in page
    assert "https://" not in page and "//cdn" not in page


def test_the_stylesheet_is_served_locally(client: Client) -> None:
    response = client.get("/static/web/tribe.css")
    assert response.status_code == 200
    assert b":focus-visible" in b"".join(response.streaming_content)

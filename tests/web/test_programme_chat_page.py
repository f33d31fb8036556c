"""A programme's "Chat" section: administrators connect a channel; the address never comes back."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.conftest import client_for
from tribe.people.models import Person
from tribe.programs.models import Programme
from tribe.programs.services import programme_set_webhooks

pytestmark = pytest.mark.django_db

SLACK = "https://hooks.slack.com/services/T000/B000/SECRETpart-wxyz"
TEAMS = "https://prod-12.westeurope.logic.azure.com:443/workflows/SECRETteams/invoke?sig=q9r8"
URL = "/programmes/engineering/chat/"


def test_connecting_shows_the_tail_and_never_the_address(ada: Person, programme: Programme) -> None:
    browser = client_for(ada)
    home = browser.get("/programmes/engineering/").content.decode()
    assert 'id="chat"' in home and "Slack: not connected" in home
    response = browser.post(URL, {"slack_webhook": SLACK, "teams_webhook": TEAMS})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/engineering/#chat"
    assert response["Cache-Control"] == "no-store"
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == (SLACK, TEAMS)
    for page in (browser.get("/programmes/engineering/"), browser.get(URL)):
        html = page.content.decode()
        assert "SECRET" not in html and "hooks.slack.com/services" not in html
        assert "Connected, ends in …wxyz" in html and "Connected, ends in …q9r8" in html
        assert "Remove the Slack webhook" in html


def test_a_refused_address_is_named_and_not_sent_back(ada: Person, programme: Programme) -> None:
    bad = "https://typo.invalid/SECRET-typo"
    response = client_for(ada).post(URL, {"slack_webhook": bad, "teams_webhook": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "SECRET" not in html and "typo.invalid" not in html
    assert "hooks.slack.com" in html  # the error says where an address comes from
    programme.refresh_from_db()
    assert programme.slack_webhook == ""


def test_the_remove_box_clears_and_an_empty_field_keeps(ada: Person, programme: Programme) -> None:
    programme_set_webhooks(actor=ada, programme=programme, slack_webhook=SLACK, teams_webhook=TEAMS)
    browser = client_for(ada)
    response = browser.post(URL, {"slack_webhook": "", "teams_webhook": "", "slack_remove": "on"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == ("", TEAMS)


def test_another_programmes_administrator_gets_404(
    otto: Person, programme: Programme, other_programme: Programme
) -> None:
    browser = Client(raise_request_exception=False)
    browser.force_login(otto)
    assert browser.get(URL).status_code == 404
    assert browser.post(URL, {"slack_webhook": SLACK}).status_code == 404
    programme.refresh_from_db()
    assert programme.slack_webhook == ""

"""A programme's chat webhooks: only its administrators set them, checked as a person's are."""

from __future__ import annotations

import pytest

from tribe.core.errors import NotFound, ValidationError
from tribe.people.models import Person
from tribe.programs.models import Programme
from tribe.programs.services import programme_set_webhooks

pytestmark = pytest.mark.django_db

SLACK = "https://hooks.slack.com/services/T000/B000/SECRETpart-wxyz"
TEAMS = "https://prod-12.westeurope.logic.azure.com:443/workflows/SECRETteams/invoke?sig=q9r8"


def test_an_administrator_connects_both_and_none_leaves_one_as_it_is(
    ada: Person, programme: Programme
) -> None:
    programme_set_webhooks(actor=ada, programme=programme, slack_webhook=f"  {SLACK} ")
    programme_set_webhooks(actor=ada, programme=programme, teams_webhook=TEAMS)
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == (SLACK, TEAMS)


def test_an_empty_string_removes_a_webhook(ada: Person, programme: Programme) -> None:
    programme_set_webhooks(actor=ada, programme=programme, slack_webhook=SLACK, teams_webhook=TEAMS)
    programme_set_webhooks(actor=ada, programme=programme, slack_webhook="")
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == ("", TEAMS)


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("slack_webhook", "https://example.com/services/T000/B000/x"),
        ("slack_webhook", "http://hooks.slack.com/services/T000/B000/x"),
        ("slack_webhook", "https://hooks.slack.com/"),
        ("slack_webhook", "https://hooks.slack.com/" + "x" * 500),
        ("teams_webhook", "https://evil.example.com/workflows/x"),
        ("teams_webhook", "https://user:pw@prod.westeurope.logic.azure.com/workflows/x"),
        ("teams_webhook", "https://prod.westeurope.logic.azure.com:8443/workflows/x"),
    ],
)
def test_an_address_not_from_slack_or_microsoft_is_refused_by_its_field(
    ada: Person, programme: Programme, field: str, url: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        programme_set_webhooks(actor=ada, programme=programme, **{field: url})
    assert caught.value.field == field
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == ("", "")


def test_one_bad_address_saves_neither(ada: Person, programme: Programme) -> None:
    with pytest.raises(ValidationError) as caught:
        programme_set_webhooks(
            actor=ada, programme=programme, slack_webhook=SLACK, teams_webhook="https://x.example/"
        )
    assert caught.value.field == "teams_webhook"
    programme.refresh_from_db()
    assert programme.slack_webhook == ""


def test_somebody_who_does_not_run_it_is_told_it_does_not_exist(
    programme: Programme, other_programme: Programme, otto: Person, maya: Person
) -> None:
    for stranger in (maya, otto):  # nobody's administrator; another programme's
        with pytest.raises(NotFound):
            programme_set_webhooks(actor=stranger, programme=programme, slack_webhook=SLACK)
    programme.refresh_from_db()
    assert programme.slack_webhook == ""

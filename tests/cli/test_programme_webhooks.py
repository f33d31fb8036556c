"""``tribe programme webhooks``: connect the programme's channel; only "connected" is printed."""

from __future__ import annotations

import json

from tribe.programs.models import Programme

SLACK = "https://hooks.slack.com/services/T000/B000/SECRETpart-wxyz"
TEAMS = "https://prod-12.westeurope.logic.azure.com:443/workflows/SECRETteams/invoke?sig=q9r8"


def test_connect_show_and_remove_never_printing_the_address(tribe, ada, programme) -> None:
    run = tribe("programme", "webhooks", "engineering", "--as", ada.email, "--slack", SLACK)
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["Slack: connected", "Teams: not connected"]
    run = tribe(
        "programme", "webhooks", "engineering", "--as", ada.email, "--teams", TEAMS, "--json"
    )
    assert json.loads(run.out) == {"slug": "engineering", "slack": True, "teams": True}
    shown = tribe("programme", "webhooks", "engineering", "--as", ada.email)
    assert shown.out.splitlines() == ["Slack: connected", "Teams: connected"]
    for out in (run.out, shown.out):
        assert "SECRET" not in out and "wxyz" not in out
    tribe("programme", "webhooks", "engineering", "--as", ada.email, "--slack", "")
    programme.refresh_from_db()
    assert (programme.slack_webhook, programme.teams_webhook) == ("", TEAMS)


def test_a_bad_address_is_named_by_its_option(tribe, ada, programme) -> None:
    run = tribe(
        "programme", "webhooks", "engineering", "--as", ada.email, "--slack", "https://x.invalid/a"
    )
    assert run.code == 2
    assert "error: --slack: a Slack webhook address" in run.error_line
    assert "x.invalid" not in run.err
    assert Programme.objects.get(pk=programme.pk).slack_webhook == ""


def test_somebody_who_does_not_run_it_is_told_it_does_not_exist(
    tribe, otto, programme, other_programme
) -> None:
    run = tribe("programme", "webhooks", "engineering", "--as", otto.email, "--slack", SLACK)
    assert run.code != 0
    assert "PROGRAMME" in run.error_line
    assert Programme.objects.get(pk=programme.pk).slack_webhook == ""

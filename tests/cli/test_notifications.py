"""``tribe notifications``: show, set, sent and retry, with ``--json``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.conftest import Run
from tribe.outbox.models import Message
from tribe.outbox.preferences import preference_set
from tribe.outbox.selectors import preference_for
from tribe.outbox.services import message_queue
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

SLACK = "https://hooks.slack.com/services/T000/B000/SECRETpart-wxyz"


def queue(person: Person, key: str, **extra: Any) -> Message:
    fields: dict[str, Any] = {"kind": Message.Kind.DIGEST, "subject": "Your week", "wake": False}
    fields.update(extra)
    return message_queue(key=key, to=person.email, body_text="Hi", person_id=person.pk, **fields)


def test_show_gives_the_defaults_and_never_a_webhook(
    tribe: Callable[..., Run], maya: Person
) -> None:
    shown = tribe("notifications", "show", "--as", maya.email)
    assert shown.code == 0
    assert "Once a week" in shown.out and "Monday" in shown.out and "Europe/London" in shown.out
    assert "Slack: not connected" in shown.out
    preference_set(actor=maya, slack_webhook=SLACK)
    again = tribe("notifications", "show", "--as", maya.email)
    assert "connected, ends in …wxyz" in again.out and "SECRET" not in again.out
    data = json.loads(tribe("notifications", "show", "--as", maya.email, "--json").out)
    assert data["slack"] == {"connected": True, "ends_in": "wxyz"}
    assert data["teams"] == {"connected": False, "ends_in": None}
    assert (data["digest"], data["digest_weekday"], data["digest_hour"]) == ("weekly", 1, 8)
    assert all(data["topics"].values())
    assert "SECRET" not in json.dumps(data)


def test_set_changes_only_what_is_given(tribe: Callable[..., Run], maya: Person) -> None:
    done = tribe(
        "notifications",
        "set",
        "--as",
        maya.email,
        "--digest",
        "daily",
        "--hour",
        "7",
        "--mute",
        "programme",
        "--mute",
        "nudge_at_risk",
        "--slack",
        SLACK,
    )
    assert done.code == 0, done.err
    assert "saved" in done.out and "SECRET" not in done.out
    stored = preference_for(person_id=maya.pk)
    assert (stored.digest, stored.digest_hour, stored.digest_weekday) == ("daily", 7, 1)
    assert stored.muted == ["nudge_at_risk", "programme"]
    assert stored.slack_webhook == SLACK

    tribe("notifications", "set", "--as", maya.email, "--unmute", "programme", "--slack", "")
    stored = preference_for(person_id=maya.pk)
    assert (stored.muted, stored.slack_webhook, stored.digest) == (["nudge_at_risk"], "", "daily")


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("--hour", "24"), "--hour: the hour is a whole number from 0 to 23"),
        (("--hour", "eight"), "--hour: “eight” is not a whole number"),
        (("--weekday", "0"), "--weekday: the day is a number from 1 (Monday) to 7 (Sunday)"),
        (("--digest", "hourly"), "--digest: choose one of daily, weekly, off"),
        (("--mute", "digest"), "--mute: “digest” is not a topic"),
        (("--unmute", "everything"), "--unmute: “everything” is not a topic"),
        (("--slack", "https://example.com/x"), "--slack: a Slack webhook address starts with"),
        (("--teams", "https://example.com/x"), "--teams: a Teams webhook address starts with"),
    ],
)
def test_bad_values_name_the_option_and_save_nothing(
    tribe: Callable[..., Run], maya: Person, args: tuple[str, ...], where: str
) -> None:
    refused = tribe("notifications", "set", "--as", maya.email, "--digest", "off", *args)
    assert refused.code == 2
    assert where in refused.error_line
    assert preference_for(person_id=maya.pk).digest == "weekly"


def test_sent_lists_my_messages_with_the_reason_of_a_failure(
    tribe: Callable[..., Run], maya: Person, ravi: Person
) -> None:
    assert "Nothing sent yet." in tribe("notifications", "sent", "--as", maya.email).out
    broken = queue(maya, "m1", subject="Your week ahead")
    Message.objects.filter(pk=broken.pk).update(
        status=Message.Status.FAILED, last_error="the mail server refused the address"
    )
    queue(ravi, "r1", subject="Ravi's own")
    listed = tribe("notifications", "sent", "--as", maya.email)
    assert listed.code == 0
    assert f"#{broken.pk}" in listed.out and "Your week ahead" in listed.out
    assert "Why: the mail server refused the address" in listed.out
    assert f"tribe notifications retry --as {maya.email} {broken.pk}" in listed.out
    assert "Ravi's own" not in listed.out
    [row] = json.loads(tribe("notifications", "sent", "--as", maya.email, "--json").out)
    assert (row["id"], row["status"], row["last_error"]) == (
        broken.pk,
        "failed",
        "the mail server refused the address",
    )
    assert "to" not in row and "body_text" not in row


def test_retry_queues_my_failed_message_and_not_anothers(
    tribe: Callable[..., Run], maya: Person, ravi: Person
) -> None:
    mine, theirs = queue(maya, "m1"), queue(ravi, "r1")
    Message.objects.filter(pk__in=[mine.pk, theirs.pk]).update(status=Message.Status.FAILED)

    done = tribe("notifications", "retry", "--as", maya.email, str(mine.pk))
    assert done.code == 0 and "back in the queue" in done.out
    mine.refresh_from_db()
    assert mine.status == Message.Status.QUEUED

    for other in (str(theirs.pk), "999999", "abc"):
        refused = tribe("notifications", "retry", "--as", maya.email, other)
        assert refused.code == 3 and refused.error_line.startswith(
            "tribe notifications: error: ID:"
        )
    theirs.refresh_from_db()
    assert theirs.status == Message.Status.FAILED

    twice = tribe("notifications", "retry", "--as", maya.email, str(mine.pk))
    assert twice.code == 2 and "did not fail" in twice.error_line


def test_muting_and_unmuting_the_same_topic_at_once_is_refused(tribe, maya) -> None:  # type: ignore[no-untyped-def]
    run = tribe(
        "notifications",
        "set",
        "--as",
        maya.email,
        "--mute",
        "nudge_at_risk",
        "--unmute",
        "nudge_at_risk",
    )
    assert run.code == 2
    assert "nudge_at_risk" in run.error_line and "--unmute" in run.error_line

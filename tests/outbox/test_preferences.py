"""A person's notification settings, and sending a failed message again."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import PersonFactory
from tests.mail_fixtures import SmtpServer
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.outbox.delivery import deliver_due
from tribe.outbox.errors import OutboxCode
from tribe.outbox.models import Message, Preference
from tribe.outbox.preferences import message_retry, preference_set
from tribe.outbox.selectors import failed_count, failure_reason, messages_for, preference_for
from tribe.outbox.services import message_queue
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

SLACK = "https://hooks.slack.com/services/T000/B000/abcdEFGHsecret1234"
TEAMS = (
    "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b/triggers/manual/paths/"
    "invoke?api-version=2016-06-01&sig=zzzz9876"
)


def queue(person: Person, key: str, **extra: Any) -> Message:
    fields: dict[str, Any] = {"kind": Message.Kind.NUDGE, "subject": "A nudge", "wake": False}
    fields.update(extra)
    return message_queue(key=key, to=person.email, body_text="Hello", person_id=person.pk, **fields)


def test_every_choice_is_saved_and_none_leaves_a_field_as_it_was() -> None:
    person = PersonFactory()
    saved = preference_set(
        actor=person,
        digest="daily",
        digest_weekday=5,
        digest_hour=7,
        muted=["programme", "nudge_request", "programme"],
        slack_webhook=SLACK,
        teams_webhook=TEAMS,
    )
    stored = preference_for(person_id=person.pk)
    assert stored.pk == saved.pk
    assert (stored.digest, stored.digest_weekday, stored.digest_hour) == ("daily", 5, 7)
    assert stored.muted == ["nudge_request", "programme"]  # the list's order, once each
    assert (stored.slack_webhook, stored.teams_webhook) == (SLACK, TEAMS)

    preference_set(actor=person, digest_hour=0)
    again = preference_for(person_id=person.pk)
    assert (again.digest, again.digest_hour, again.slack_webhook) == ("daily", 0, SLACK)


def test_an_empty_webhook_removes_it() -> None:
    person = PersonFactory()
    preference_set(actor=person, slack_webhook=SLACK, teams_webhook=TEAMS)
    preference_set(actor=person, slack_webhook="", teams_webhook="  ")
    stored = preference_for(person_id=person.pk)
    assert (stored.slack_webhook, stored.teams_webhook) == ("", "")


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"digest": "hourly"}, "digest", OutboxCode.DIGEST_CHOICE),
        ({"digest_weekday": 0}, "digest_weekday", OutboxCode.WEEKDAY),
        ({"digest_weekday": 8}, "digest_weekday", OutboxCode.WEEKDAY),
        ({"digest_hour": 24}, "digest_hour", OutboxCode.HOUR),
        ({"digest_hour": -1}, "digest_hour", OutboxCode.HOUR),
        ({"digest_hour": True}, "digest_hour", OutboxCode.HOUR),
        ({"muted": ["digest"]}, "muted", OutboxCode.TOPIC),
        ({"slack_webhook": "http://hooks.slack.com/services/x"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com.evil.example/x"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com@evil.example/x"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com/"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com/a b"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com:8443/x"}, "slack_webhook", None),
        ({"slack_webhook": "https://hooks.slack.com/" + "x" * 500}, "slack_webhook", None),
        ({"teams_webhook": "https://example.com/workflows/x"}, "teams_webhook", None),
        ({"teams_webhook": "https://logic.azure.com.evil.example/x"}, "teams_webhook", None),
        ({"teams_webhook": "http://prod-1.westeurope.logic.azure.com/x"}, "teams_webhook", None),
        ({"teams_webhook": "https://[::1"}, "teams_webhook", None),
    ],
)
def test_a_bad_value_names_its_field_and_nothing_is_saved(
    given: dict[str, Any], field: str, code: OutboxCode | None
) -> None:
    person = PersonFactory()
    preference_set(actor=person, digest="weekly", digest_hour=9, slack_webhook=SLACK)
    with pytest.raises(ValidationError) as caught:
        # A good change to another field goes with it: none of it may stick.
        preference_set(actor=person, **{"digest_weekday": 3, "digest_hour": 10, **given})
    assert caught.value.field == field
    expected = code or OutboxCode(field)
    assert caught.value.code == expected
    stored = preference_for(person_id=person.pk)
    assert (stored.digest_weekday, stored.digest_hour, stored.slack_webhook) == (1, 9, SLACK)


@pytest.mark.parametrize(
    "url",
    [
        TEAMS,
        "https://default0a1b.12.environment.api.powerplatform.com:443/powerautomate/automations/"
        "direct/workflows/abc/triggers/manual/paths/invoke?sig=x",
        "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y",
    ],
)
def test_teams_takes_the_hosts_microsoft_issues_workflow_webhooks_under(url: str) -> None:
    person = PersonFactory()
    assert preference_set(actor=person, teams_webhook=url).teams_webhook == url


def test_the_teams_message_lists_the_hosts() -> None:
    with pytest.raises(ValidationError) as caught:
        preference_set(actor=PersonFactory(), teams_webhook="https://example.com/x")
    assert ".logic.azure.com" in caught.value.message
    assert ".environment.api.powerplatform.com" in caught.value.message


def test_a_person_without_a_row_gets_one_with_the_defaults() -> None:
    person = PersonFactory()
    assert not Preference.objects.filter(person=person).exists()
    preference_set(actor=person)
    stored = Preference.objects.get(person=person)
    assert (stored.digest, stored.digest_weekday, stored.digest_hour, stored.muted) == (
        "weekly",
        1,
        8,
        [],
    )


def test_messages_for_lists_only_that_persons_newest_first() -> None:
    ada, bo = PersonFactory(), PersonFactory()
    first = queue(ada, "a1")
    second = queue(ada, "a2", subject="Second")
    queue(bo, "b1")
    assert [m.pk for m in messages_for(person=ada)] == [second.pk, first.pk]
    assert [m.pk for m in messages_for(person=ada, limit=1)] == [second.pk]
    assert len(messages_for(person=bo)) == 1


def test_failed_count_counts_only_failures_of_that_person() -> None:
    ada, bo = PersonFactory(), PersonFactory()
    for key in ("a1", "a2", "a3"):
        queue(ada, key)
    queue(bo, "b1")
    Message.objects.filter(key__in=["a1", "a2", "b1"]).update(status=Message.Status.FAILED)
    assert failed_count(person=ada) == 2
    assert failed_count(person=bo) == 1


def test_a_failure_reason_never_repeats_a_web_address() -> None:
    message = Message(last_error="the webhook could not be reached: https://hooks.slack.com/x/y z")
    assert failure_reason(message) == "the webhook could not be reached: … z"


def test_retry_sends_a_failed_message_again(
    smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    ada = PersonFactory()
    message = queue(ada, "a1")
    smtp_server.handler.refuse.add(ada.email)
    assert deliver_due(worker_id="w1").failed == 1
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and "refused" in message.last_error
    smtp_server.handler.refuse.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = message_retry(actor=ada, message=message.pk)
    assert (again.status, again.attempts) == (Message.Status.QUEUED, 0)
    assert len(callbacks) == 1  # the worker was woken, and (in tests) ran at once
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [m["To"] for m in smtp_server.messages()] == [ada.email]


def test_retry_of_anothers_or_a_missing_message_is_not_found() -> None:
    ada, bo = PersonFactory(), PersonFactory()
    theirs = queue(bo, "b1")
    Message.objects.filter(pk=theirs.pk).update(status=Message.Status.FAILED)
    for pk in (theirs.pk, theirs.pk + 1000):
        with pytest.raises(NotFound):
            message_retry(actor=ada, message=pk)
    theirs.refresh_from_db()
    assert theirs.status == Message.Status.FAILED


def test_retry_of_a_message_that_did_not_fail_says_so() -> None:
    ada = PersonFactory()
    mine = queue(ada, "a1")
    with pytest.raises(Conflict) as caught:
        message_retry(actor=ada, message=mine)
    assert caught.value.code == OutboxCode.NOT_FAILED

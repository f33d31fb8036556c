"""The notifications page: settings, what was sent, and "send again" for a failure."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for
from tribe.outbox.models import Message, Preference
from tribe.outbox.preferences import preference_set
from tribe.outbox.selectors import preference_for
from tribe.outbox.services import message_queue
from tribe.outbox.unsubscribe import unsubscribe_token
from tribe.people.models import Person

pytestmark = pytest.mark.django_db

URL = "/profile/notifications/"
SLACK = "https://hooks.slack.com/services/T000/B000/SECRETpart-wxyz"
TEAMS = "https://prod-12.westeurope.logic.azure.com:443/workflows/SECRETteams/invoke?sig=q9r8"


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "digest": "weekly",
        "digest_weekday": "1",
        "digest_hour": "8",
        "topics": list(Preference.Topic.values),
        "slack_webhook": "",
        "teams_webhook": "",
    }
    data.update(changes)
    return data


def queue(person: Person, key: str, **extra: Any) -> Message:
    fields: dict[str, Any] = {"kind": Message.Kind.DIGEST, "subject": "Your week", "wake": False}
    fields.update(extra)
    return message_queue(key=key, to=person.email, body_text="Hi", person_id=person.pk, **fields)


def failed(
    person: Person, key: str, reason: str = "the mail server refused the address"
) -> Message:
    message = queue(person, key)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.FAILED, attempts=5, last_error=reason
    )
    return message


def test_the_page_has_its_name_and_the_profile_and_unsubscribe_pages_link_to_it(
    alice_client: Client, web_alice: Person
) -> None:
    assert reverse("web:notifications") == URL
    page = alice_client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Notification settings" in body
    assert "Europe/Paris" in body  # the hour is in her own zone, and the page says which
    assert URL in alice_client.get(reverse("web:profile")).content.decode()
    token = unsubscribe_token(person_id=web_alice.pk, topic="digest")
    done = Client().post(reverse("web:unsubscribe", args=[token])).content.decode()
    assert f'href="{URL}"' in done and "Notification settings" in done


def test_signed_out_it_asks_to_sign_in(client: Client) -> None:
    answer = client.get(URL)
    assert answer.status_code == 302 and reverse("web:login") in answer["Location"]


def test_saving_stores_every_choice_and_unticked_topics_are_muted(
    alice_client: Client, web_alice: Person
) -> None:
    answer = alice_client.post(
        URL,
        form_data(
            digest="daily",
            digest_weekday="5",
            digest_hour="6",
            topics=["nudge_request", "programme"],
            slack_webhook=SLACK,
        ),
    )
    assert answer.status_code == 302 and answer["Location"] == URL
    stored = preference_for(person_id=web_alice.pk)
    assert (stored.digest, stored.digest_weekday, stored.digest_hour) == ("daily", 5, 6)
    assert stored.muted == ["nudge_follow_up", "nudge_at_risk", "programme_offer"]
    assert stored.slack_webhook == SLACK
    page = alice_client.get(URL).content.decode()
    assert "saved" in page
    ticked = set(
        re.findall(r'<input type="checkbox" name="topics" value="(\w+)"[^>]* checked', page)
    )
    assert ticked == {"nudge_request", "programme"}


def test_a_stored_webhook_is_never_in_the_page_only_its_last_four(
    alice_client: Client, web_alice: Person
) -> None:
    preference_set(actor=web_alice, slack_webhook=SLACK, teams_webhook=TEAMS)
    body = alice_client.get(URL).content.decode()
    assert "SECRET" not in body and "hooks.slack.com/services" not in body
    assert "Connected, ends in …wxyz" in body and "Connected, ends in …q9r8" in body
    assert "Remove the Slack webhook" in body and "Remove the Microsoft Teams webhook" in body
    # A refused form does not echo a webhook back either, not even a new one typed in.
    refused = alice_client.post(
        URL, form_data(digest_hour="25", slack_webhook=SLACK.replace("wxyz", "NEWONE"))
    )
    assert refused.status_code == 400
    assert "SECRET" not in refused.content.decode()
    assert refused["Cache-Control"] == "no-store"


def test_leaving_a_webhook_empty_keeps_it_and_remove_clears_it(
    alice_client: Client, web_alice: Person
) -> None:
    preference_set(actor=web_alice, slack_webhook=SLACK, teams_webhook=TEAMS)
    alice_client.post(URL, form_data())
    assert preference_for(person_id=web_alice.pk).slack_webhook == SLACK
    alice_client.post(URL, form_data(slack_remove="on"))
    stored = preference_for(person_id=web_alice.pk)
    assert (stored.slack_webhook, stored.teams_webhook) == ("", TEAMS)
    assert "Remove the Slack webhook" not in alice_client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("changes", "label", "words"),
    [
        ({"digest_hour": "25"}, "Hour it arrives", "the hour is a whole number from 0 to 23"),
        ({"digest_hour": "eight"}, "Hour it arrives", "Enter a whole number"),
        ({"digest_weekday": "9"}, "Day of the weekly digest", "Select a valid choice"),
        ({"digest": "hourly"}, "Digest of Today", "Select a valid choice"),
        ({"topics": ["digest"]}, "Tell me when", "Select a valid choice"),
        (
            {"slack_webhook": "https://example.com/hook"},
            "Slack webhook address",
            "starts with https://hooks.slack.com/",
        ),
        (
            {"teams_webhook": "https://example.com/hook"},
            "Microsoft Teams workflow webhook address",
            "logic.azure.com",
        ),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    alice_client: Client, web_alice: Person, changes: dict[str, Any], label: str, words: str
) -> None:
    answer = alice_client.post(URL, form_data(**{"digest": "daily", "digest_hour": "7", **changes}))
    assert answer.status_code == 400
    body = answer.content.decode()
    # In the summary at the top, which names the field (and links to it).
    assert re.search(re.escape(f"{label}: ") + "[^<]*" + re.escape(words), body), body
    assert not Preference.objects.filter(person=web_alice).exists()


def test_the_sent_list_shows_a_failure_in_words_with_send_again(
    alice_client: Client, web_alice: Person, web_bob: Person
) -> None:
    sent = queue(web_alice, "a-sent", subject="Your week ahead")
    Message.objects.filter(pk=sent.pk).update(status=Message.Status.SENT, sent_at=sent.created_at)
    broken = failed(web_alice, "a-failed")
    queue(web_bob, "b1", subject="Bob's own digest")
    body = alice_client.get(URL).content.decode()
    assert "Your week ahead" in body and "Sent" in body
    assert "the mail server refused the address" in body
    assert reverse("web:notification_retry", args=[broken.pk]) in body
    assert "Send again" in body
    assert "Bob's own digest" not in body
    listed = body.split('id="sent"')[1].split("</section>")[0]
    assert web_alice.email not in listed  # no addresses in the list


def test_send_again_queues_my_failed_message(
    alice_client: Client, web_alice: Person, django_capture_on_commit_callbacks: Any
) -> None:
    broken = failed(web_alice, "a1")
    with django_capture_on_commit_callbacks() as callbacks:
        answer = alice_client.post(reverse("web:notification_retry", args=[broken.pk]))
    assert answer.status_code == 302 and answer["Location"] == URL + "#sent"
    broken.refresh_from_db()
    assert (broken.status, broken.attempts) == (Message.Status.QUEUED, 0)
    assert len(callbacks) == 1  # the worker is woken once it commits
    # A second click (the message is already queued) says so, and is no error page.
    twice = alice_client.post(reverse("web:notification_retry", args=[broken.pk]), follow=True)
    assert twice.status_code == 200 and "did not fail" in twice.content.decode()


def test_send_again_of_anothers_message_is_a_404_and_changes_nothing(
    web_alice: Person, web_bob: Person
) -> None:
    theirs = failed(web_bob, "b1")
    browser = client_for(web_alice)
    for pk in (theirs.pk, theirs.pk + 1000):
        assert browser.post(reverse("web:notification_retry", args=[pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Message.Status.FAILED
    assert browser.get(reverse("web:notification_retry", args=[theirs.pk])).status_code == 405


def test_the_page_runs_a_fixed_number_of_queries(
    alice_client: Client, web_alice: Person, django_assert_num_queries: Any
) -> None:
    def count_for(rows: int) -> int:
        for n in range(rows):
            failed(web_alice, f"q{rows}-{n}")
        # session, person, preference, messages
        with django_assert_num_queries(4) as ctx:
            alice_client.get(URL)
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


def test_today_says_in_one_line_when_messages_failed(
    alice_client: Client, web_alice: Person
) -> None:
    today = reverse("web:today")
    assert 'id="failed-messages"' not in alice_client.get(today).content.decode()
    failed(web_alice, "a1")
    failed(web_alice, "a2")
    body = alice_client.get(today).content.decode()
    assert "2 of your messages could not be delivered" in body
    assert f'href="{URL}#sent"' in body

"""Step 4, ask well (the mentee's page) and the mentor's answers on /requests/;
step 5, start right. Every refusal shows on the form and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import client_for
from tribe.core import clock
from tribe.core.zones import local
from tribe.matching.selectors import fit_ranking
from tribe.outreach.errors import OutreachCode
from tribe.outreach.selectors import decline_template, request_draft
from tribe.outreach.services import (
    outreach_send,
    request_accept,
    request_ask_for_info,
)
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def form_errors(response, name: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {k: list(v) for k, v in response.context[name].errors.items()}


def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def _fill(mentor: Person, make_person: Callable[..., Person], count: int) -> None:
    for _ in range(count):
        relationship_agreed(
            created_by=make_person(), my_role="mentee", other_person=mentor, status="active"
        )


# -- the mentee's page -------------------------------------------------------------


def test_the_ask_page_drafts_the_request_and_offers_mailto(
    alice_client: Client, web_alice: Person, web_prospect: Relationship
) -> None:
    response = alice_client.get(reverse("web:ask", args=[web_prospect.pk]))
    draft = request_draft(relationship=web_prospect, sender=web_alice)
    assert response.context["send_form"].initial["message"] == draft
    assert response.context["mailto"].startswith("mailto:pia@example.com?subject=")
    page = response.content.decode()
    assert "Learn to lead my new team well" in page
    assert 'href="mailto:pia@example.com?' in page


def test_saving_the_ask_redrafts_the_request(
    alice_client: Client, web_prospect: Relationship
) -> None:
    url = reverse("web:ask", args=[web_prospect.pk])
    response = alice_client.post(
        url,
        {
            "purpose": "Lead my first team of five",
            "ask": "Could we meet monthly for 45 minutes until summer?",
            "why_them": "your talk on first-time managers stayed with me",
        },
    )
    assert response["Location"] == url
    draft = alice_client.get(url).context["send_form"].initial["message"]
    assert "your talk on first-time managers stayed with me" in draft
    assert "Could we meet monthly for 45 minutes until summer?" in draft
    assert "Lead my first team of five." in draft


def test_sending_without_a_purpose_shows_on_the_purpose_field_and_writes_nothing(
    alice_client: Client, web_prospect: Relationship
) -> None:
    Relationship.objects.filter(pk=web_prospect.pk).update(purpose="")
    response = alice_client.post(
        reverse("web:ask_send", args=[web_prospect.pk]), {"message": "Dear Pia, …"}
    )
    assert response.status_code == 200
    assert form_errors(response, "prepare_form") == {"purpose": [OutreachCode.NO_PURPOSE.template]}
    assert form_errors(response, "send_form") == {}
    web_prospect.refresh_from_db()
    assert (web_prospect.status, web_prospect.request_message) == ("prospect", "")


def test_a_request_to_a_mentor_at_capacity_is_refused_and_writes_nothing(
    alice_client: Client,
    web_pia: Person,
    web_prospect: Relationship,
    make_person: Callable[..., Person],
) -> None:
    _fill(web_pia, make_person, 2)
    response = alice_client.post(
        reverse("web:ask_send", args=[web_prospect.pk]), {"message": "Dear Pia, …"}
    )
    message = OutreachCode.OVER_CAPACITY.template.format(name="Pia Leader", count=2, capacity=2)
    assert form_errors(response, "send_form") == {"__all__": [message]}
    assert message in response.content.decode()
    web_prospect.refresh_from_db()
    assert (web_prospect.status, web_prospect.asked_at) == ("prospect", None)


def test_an_empty_message_is_refused(alice_client: Client, web_prospect: Relationship) -> None:
    response = alice_client.post(reverse("web:ask_send", args=[web_prospect.pk]), {"message": " "})
    assert list(form_errors(response, "send_form")) == ["message"]
    web_prospect.refresh_from_db()
    assert web_prospect.status == "prospect"


def test_record_as_sent_moves_to_asked_with_the_text_sent(
    alice_client: Client, web_alice: Person, web_prospect: Relationship
) -> None:
    url = reverse("web:ask", args=[web_prospect.pk])
    response = alice_client.post(
        reverse("web:ask_send", args=[web_prospect.pk]), {"message": "Dear Pia, my own words."}
    )
    assert response["Location"] == url
    web_prospect.refresh_from_db()
    assert web_prospect.status == "asked"
    assert web_prospect.request_message == "Dear Pia, my own words."
    page = alice_client.get(url)
    due = page.context["nudge"].due_on
    # Counted in Alice's own calendar (Paris): near midnight UTC it is already tomorrow there.
    asked_on = local(web_prospect.asked_at, web_alice.timezone).date()
    assert due == asked_on + dt.timedelta(days=web_alice.nudge_after_days)
    assert f"if there is no answer by <strong>{due:%-d %b %Y}</strong>" in page.content.decode()


def test_nudge_timing_then_moving_on_to_the_next_candidate(
    alice_client: Client,
    web_alice: Person,
    web_goal: Goal,
    web_prospect: Relationship,
    make_person: Callable[..., Person],
) -> None:
    make_person(
        "Noor Next", open_to_mentoring=True, mentee_capacity=1, expertise=["team leadership"]
    )
    asked = clock.now() - dt.timedelta(days=3)
    outreach_send(actor=web_alice, relationship=web_prospect, message="Dear Pia", now=asked)
    url = reverse("web:ask", args=[web_prospect.pk])
    nudge = reverse("web:ask_nudge", args=[web_prospect.pk])

    # Too early: refused with the date to wait for, nothing written.
    response = alice_client.post(nudge)
    due = local(asked, web_alice.timezone).date() + dt.timedelta(days=7)  # in her calendar
    assert form_errors(response, "nudge_form") == {
        "__all__": [OutreachCode.NUDGE_EARLY.template.format(date=f"{due:%d %b %Y}")]
    }
    web_prospect.refresh_from_db()
    assert web_prospect.nudges_sent == 0

    # Seven days of silence: the nudge is due, and recorded.
    Relationship.objects.filter(pk=web_prospect.pk).update(
        asked_at=clock.now() - dt.timedelta(days=8)
    )
    page = alice_client.get(url)
    assert page.context["nudge"].state == "nudge"
    assert "Record nudge" in page.content.decode()
    assert alice_client.post(nudge)["Location"] == url
    web_prospect.refresh_from_db()
    assert web_prospect.nudges_sent == 1

    # A second silence: move on, with the best candidate for the goal suggested.
    Relationship.objects.filter(pk=web_prospect.pk).update(
        last_nudge_at=clock.now() - dt.timedelta(days=8)
    )
    page = alice_client.get(url)
    assert page.context["nudge"].state == "move_on"
    goal, row = page.context["next"]
    best = fit_ranking(person=web_alice, goal=web_goal, limit=1)[0]
    assert (goal, row.kind, row.id) == (web_goal, best.kind, best.id)
    assert "Record nudge" not in page.content.decode()
    assert f"#candidate-{best.kind}-{best.id}" in page.content.decode()


def test_the_mentors_question_is_answered_on_the_ask_page(
    alice_client: Client, web_pia: Person, web_asked: Relationship
) -> None:
    request_ask_for_info(actor=web_pia, relationship=web_asked, question="How much time?")
    url = reverse("web:ask", args=[web_asked.pk])
    assert "How much time?" in alice_client.get(url).content.decode()

    answer = reverse("web:ask_answer", args=[web_asked.pk])
    response = alice_client.post(answer, {"answer": "  "})
    assert list(form_errors(response, "answer_form")) == ["answer"]
    web_asked.refresh_from_db()
    assert web_asked.info_request == "How much time?"

    assert alice_client.post(answer, {"answer": "An hour a month"})["Location"] == url
    web_asked.refresh_from_db()
    assert web_asked.info_request == ""
    assert "— Answer: An hour a month" in web_asked.request_message


# -- the mentor's requests ----------------------------------------------------------


def test_requests_show_the_message_and_a_kind_decline_template(
    web_pia: Person, web_asked: Relationship
) -> None:
    response = client_for(web_pia).get(reverse("web:requests"))
    page = response.content.decode()
    assert "Alice Mentee" in page
    assert "Dear Pia, would you mentor me?" in page
    assert web_asked.asked_at is not None
    [(row, _size, decline_form, _)] = response.context["rows"]
    assert row == web_asked
    assert decline_form.initial["message"] == decline_template(
        relationship=web_asked, mentor=web_pia
    )


def test_accepting_moves_to_intro_and_accepting_twice_is_refused(
    web_pia: Person, web_asked: Relationship
) -> None:
    pia = client_for(web_pia)
    url = reverse("web:request_accept", args=[web_asked.pk])
    response = pia.post(url)
    assert response["Location"] == reverse("web:relationship", args=[web_asked.pk])
    web_asked.refresh_from_db()
    changed = web_asked.status_changed_at
    assert web_asked.status == "intro"

    pia.get(response["Location"])  # the success message is shown there
    response = pia.post(url)
    assert response["Location"] == reverse("web:requests")
    assert messages_of(response) == [f"Not accepted: {OutreachCode.ALREADY_ACCEPTED.template}."]
    web_asked.refresh_from_db()
    assert (web_asked.status, web_asked.status_changed_at) == ("intro", changed)


def test_accepting_at_capacity_is_refused(
    web_pia: Person, web_asked: Relationship, make_person: Callable[..., Person]
) -> None:
    _fill(web_pia, make_person, 2)
    response = client_for(web_pia).post(reverse("web:request_accept", args=[web_asked.pk]))
    message = OutreachCode.OVER_CAPACITY.template.format(name="Pia Leader", count=2, capacity=2)
    assert messages_of(response) == [f"Not accepted: {message}."]
    web_asked.refresh_from_db()
    assert web_asked.status == "asked"


def test_declining_needs_a_message_and_the_mentee_reads_it(
    alice_client: Client, web_pia: Person, web_asked: Relationship
) -> None:
    pia = client_for(web_pia)
    url = reverse("web:request_decline", args=[web_asked.pk])
    assert "Thank you for thinking of me" in pia.get(url).content.decode()
    response = pia.post(url, {"message": ""})
    assert list(form_errors(response, "form")) == ["message"]
    web_asked.refresh_from_db()
    assert web_asked.status == "asked"

    assert pia.post(url, {"message": "Not this year, sorry."})["Location"] == reverse(
        "web:requests"
    )
    web_asked.refresh_from_db()
    assert (web_asked.status, web_asked.decline_message) == ("declined", "Not this year, sorry.")
    page = alice_client.get(reverse("web:ask", args=[web_asked.pk])).content.decode()
    assert "Not this year, sorry." in page
    # Answering again is refused with a message on the form.
    response = pia.post(url, {"message": "No."})
    assert list(form_errors(response, "form")) == ["__all__"]


def test_asking_for_more_information_needs_a_question(
    web_pia: Person, web_asked: Relationship
) -> None:
    pia = client_for(web_pia)
    url = reverse("web:request_info", args=[web_asked.pk])
    response = pia.post(url, {"question": " "})
    assert form_errors(response, "form") == {"question": [OutreachCode.QUESTION_NEEDED.template]}
    web_asked.refresh_from_db()
    assert web_asked.info_request == ""
    assert pia.post(url, {"question": "What have you tried?"})["Location"] == reverse(
        "web:requests"
    )
    web_asked.refresh_from_db()
    assert web_asked.info_request == "What have you tried?"


# -- step 5 ---------------------------------------------------------------------------

AGREEMENT = {
    "purpose": "Lead my first team of five",
    "cadence_days": "21",
    "meeting_minutes": "45",
    "channel": "video",
    "starts_on": "2030-01-06",
    "months": "6",
    "confidentiality": "Between us",
}


@pytest.fixture
def web_intro(web_pia: Person, web_asked: Relationship) -> Relationship:
    return request_accept(actor=web_pia, relationship=web_asked)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purpose": ""}, "purpose"),
        ({"cadence_days": "0"}, "cadence_days"),
        ({"cadence_days": "often"}, "cadence_days"),
        ({"meeting_minutes": "1"}, "meeting_minutes"),
        ({"months": "0"}, "months"),
        ({"channel": "pigeon"}, "channel"),
        ({"starts_on": ""}, "starts_on"),
    ],
)
def test_a_bad_agreement_shows_the_field_and_writes_nothing(
    alice_client: Client, web_intro: Relationship, changes: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("web:start", args=[web_intro.pk]), AGREEMENT | changes)
    assert response.status_code == 200
    assert list(form_errors(response, "form")) == [field]
    web_intro.refresh_from_db()
    assert (web_intro.status, web_intro.agreed_at, web_intro.cadence_days) == ("intro", None, None)


def test_the_agreement_starts_the_relationship_then_scheduling(
    web_pia: Person, web_intro: Relationship
) -> None:
    # Either side may record it: here the mentor does.
    response = client_for(web_pia).post(reverse("web:start", args=[web_intro.pk]), AGREEMENT)
    assert response["Location"] == reverse("web:schedule", args=[web_intro.pk])
    web_intro.refresh_from_db()
    assert web_intro.status == "active"
    assert (web_intro.cadence_days, web_intro.starts_on, web_intro.ends_on) == (
        21,
        dt.date(2030, 1, 6),
        dt.date(2030, 7, 6),
    )
    # Starting twice is refused on the form.
    response = client_for(web_pia).post(reverse("web:start", args=[web_intro.pk]), AGREEMENT)
    assert list(form_errors(response, "form")) == ["__all__"]

"""The pages that meet the fears of asking: the ask's size and give-back section while
drafting, the mentor's one-click kind no, and a warm next step after a decline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import client_for, errors_of
from tribe.core.codes import CoreCode
from tribe.ledger.models import Win
from tribe.outreach.selectors import MSG_NO_IS_FINE, decline_template
from tribe.outreach.services import request_decline
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _ask_form(**changes: str) -> dict[str, str]:
    return {
        "purpose": "Learn to lead my new team well",
        "ask": "",
        "why_them": "",
        "cadence_days": "14",
        "meeting_minutes": "30",
        "months": "6",
        "give_back": "I could review your team's SQL.",
    } | changes


# -- the mentee's ask page, while drafting ---------------------------------------------


def test_the_ask_page_shows_the_size_and_a_drafted_give_back(
    alice_client: Client, web_alice: Person, web_prospect: Relationship, web_pia: Person
) -> None:
    web_alice.expertise = ["SQL reviews"]
    web_alice.causes = ["Code Club"]
    web_alice.save()
    web_pia.causes = ["Code Club"]
    web_pia.save()
    Win.objects.create(person=web_alice, happened_on=dt.date.today(), text="Ran the offsite")

    response = alice_client.get(reverse("web:ask", args=[web_prospect.pk]))

    page = response.content.decode()
    assert (
        '<p id="ask-size">About 30 minutes a month for 6 months: a 30-minute meeting every month '
        "(6 meetings, about 3 hours in all).</p>"
    ) in page
    form = response.context["prepare_form"]
    assert {"cadence_days", "meeting_minutes", "months", "give_back"} <= set(form.fields)
    give_back = form.initial["give_back"]
    assert give_back == (
        "I could help with: SQL reviews. Something recent I could share: Ran the offsite. "
        "Like you, I support Code Club: I would be glad to help there."
    )
    draft = response.context["send_form"].initial["message"]
    assert give_back in draft and MSG_NO_IS_FINE in draft


def test_saving_the_size_and_give_back_redrafts_the_request(
    alice_client: Client, web_prospect: Relationship
) -> None:
    url = reverse("web:ask", args=[web_prospect.pk])
    assert alice_client.post(url, _ask_form())["Location"] == url
    web_prospect.refresh_from_db()
    assert (
        web_prospect.ask_cadence_days,
        web_prospect.ask_meeting_minutes,
        web_prospect.ask_months,
        web_prospect.give_back,
        web_prospect.give_back_written,
    ) == (14, 30, 6, "I could review your team's SQL.", True)
    response = alice_client.get(url)
    draft = response.context["send_form"].initial["message"]
    assert "About 1 hour a month for 6 months: a 30-minute meeting every 2 weeks" in draft
    assert "I could review your team's SQL." in draft
    assert response.context["prepare_form"].initial["give_back"] == (
        "I could review your team's SQL."
    )


def test_emptying_the_give_back_leaves_it_out(
    alice_client: Client, web_alice: Person, web_prospect: Relationship
) -> None:
    web_alice.expertise = ["SQL reviews"]
    web_alice.save()
    url = reverse("web:ask", args=[web_prospect.pk])
    alice_client.post(url, _ask_form(give_back=""))
    draft = alice_client.get(url).context["send_form"].initial["message"]
    assert "I could help with" not in draft


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"months": "0"}, "months", CoreCode.OUT_OF_RANGE.template.format(low=1, high=24)),
        ({"months": "25"}, "months", CoreCode.OUT_OF_RANGE.template.format(low=1, high=24)),
        (
            {"meeting_minutes": "2"},
            "meeting_minutes",
            CoreCode.OUT_OF_RANGE.template.format(low=5, high=480),
        ),
        (
            {"meeting_minutes": ""},
            "meeting_minutes",
            CoreCode.OUT_OF_RANGE.template.format(low=5, high=480),
        ),
        (
            {"cadence_days": "400"},
            "cadence_days",
            CoreCode.OUT_OF_RANGE.template.format(low=1, high=366),
        ),
        ({"cadence_days": "often"}, "cadence_days", "Enter a whole number."),
        ({"give_back": "x" * 1001}, "give_back", None),
    ],
)
def test_bad_sizes_show_on_their_field_and_write_nothing(
    alice_client: Client,
    web_prospect: Relationship,
    changes: dict[str, str],
    field: str,
    message: str | None,
) -> None:
    response = alice_client.post(
        reverse("web:ask", args=[web_prospect.pk]), _ask_form(purpose="Changed", **changes)
    )
    assert response.status_code == 200
    errors = {k: list(v) for k, v in response.context["prepare_form"].errors.items()}
    assert list(errors) == [field]
    if message is not None:
        assert errors[field] == [message]
    web_prospect.refresh_from_db()
    assert web_prospect.purpose == "Learn to lead my new team well"
    assert (web_prospect.ask_months, web_prospect.give_back_written) == (6, False)


def test_nobody_else_sees_or_sizes_the_ask(
    web_prospect: Relationship, web_pia: Person, web_eve: Person
) -> None:
    url = reverse("web:ask", args=[web_prospect.pk])
    for who in (web_pia, web_eve):
        browser = client_for(who)
        assert browser.get(url).status_code == 404
        assert browser.post(url, _ask_form(months="1")).status_code == 404
    web_prospect.refresh_from_db()
    assert web_prospect.ask_months == 6


def test_the_agreement_starts_from_what_was_asked(
    web_alice: Person, web_pia: Person, make_person: Callable[..., Person]
) -> None:
    rel = relationship_agreed(
        created_by=web_alice, my_role="mentee", other_person=web_pia, status="intro"
    )
    Relationship.objects.filter(pk=rel.pk).update(
        ask_cadence_days=21, ask_meeting_minutes=40, ask_months=4
    )
    initial = client_for(web_alice).get(reverse("web:start", args=[rel.pk])).context["form"].initial
    assert (initial["cadence_days"], initial["meeting_minutes"], initial["months"]) == (21, 40, 4)


# -- the mentor's request page ------------------------------------------------------------


def test_the_mentor_sees_the_size_and_a_one_click_kind_no(
    web_pia: Person, web_asked: Relationship
) -> None:
    pia = client_for(web_pia)
    response = pia.get(reverse("web:requests"))
    page = response.content.decode()
    assert "About 30 minutes a month for 6 months" in page
    [(_, size, decline_form, _)] = response.context["rows"]
    assert size.startswith("About 30 minutes a month")
    decline_url = reverse("web:request_decline", args=[web_asked.pk])
    assert f'<form method="post" action="{decline_url}" class="one-click-decline">' in page
    assert "ask_again_months" in decline_form.fields

    # One click posts the prewritten reply as it stands.
    template = decline_template(relationship=web_asked, mentor=web_pia)
    assert pia.post(decline_url, {"message": template}).status_code == 302
    web_asked.refresh_from_db()
    assert (web_asked.status, web_asked.decline_message, web_asked.ask_again_months) == (
        "declined",
        template.strip(),
        None,
    )


def test_the_mentor_may_offer_to_be_asked_again(web_pia: Person, web_asked: Relationship) -> None:
    url = reverse("web:request_decline", args=[web_asked.pk])
    pia = client_for(web_pia)
    response = pia.post(url, {"message": "Not this quarter.", "ask_again_months": "40"})
    assert response.status_code == 200
    assert list(errors_of(response)) == ["ask_again_months"]
    web_asked.refresh_from_db()
    assert web_asked.status == "asked"

    assert (
        pia.post(url, {"message": "Not this quarter.", "ask_again_months": "3"}).status_code == 302
    )
    web_asked.refresh_from_db()
    assert (web_asked.status, web_asked.ask_again_months) == ("declined", 3)


def test_a_stranger_cannot_decline(web_eve: Person, web_asked: Relationship) -> None:
    url = reverse("web:request_decline", args=[web_asked.pk])
    assert client_for(web_eve).post(url, {"message": "No"}).status_code == 404
    web_asked.refresh_from_db()
    assert web_asked.status == "asked"


# -- after a no: the mentee's page ------------------------------------------------------------


def test_after_a_no_a_thank_you_and_the_next_open_candidates(
    alice_client: Client,
    web_alice: Person,
    web_pia: Person,
    web_asked: Relationship,
    make_person: Callable[..., Person],
) -> None:
    expertise = {"expertise": ["team leadership"], "offers": "I help new managers lead a team"}
    open_one = make_person("Olga Open", open_to_mentoring=True, mentee_capacity=2, **expertise)
    full = make_person("Fay Full", open_to_mentoring=True, mentee_capacity=1, **expertise)
    relationship_agreed(created_by=make_person(), my_role="mentee", other_person=full)
    request_decline(actor=web_pia, relationship=web_asked, message="Not this year.")

    response = alice_client.get(reverse("web:ask", args=[web_asked.pk]))

    after = response.context["after_decline"]
    assert after["thank_you"].startswith("Dear Pia,\n\nThank you for your answer")
    assert after["thank_you_mailto"].startswith("mailto:pia@example.com?subject=Thank%20you")
    goal, rows = after["candidates"]
    assert goal.title == "Learn to lead a team"
    assert [row.name for row in rows] == [open_one.name]  # not Pia, who said no; not Fay, full
    assert after["ask_again_on"] is None
    page = response.content.decode()
    assert 'id="thank-you"' in page and 'id="next-candidates"' in page
    assert 'id="ask-again"' not in page


def test_ask_again_is_shown_only_when_the_mentor_offered_it(
    alice_client: Client, web_pia: Person, web_asked: Relationship
) -> None:
    request_decline(
        actor=web_pia, relationship=web_asked, message="Ask me after summer.", ask_again_months=4
    )
    response = alice_client.get(reverse("web:ask", args=[web_asked.pk]))
    assert response.context["after_decline"]["ask_again_on"] is not None
    page = response.content.decode()
    assert 'id="ask-again"' in page
    assert "As you suggested, I will ask again around" in page


def test_the_declined_ask_stays_private(
    web_eve: Person, web_pia: Person, web_asked: Relationship
) -> None:
    request_decline(actor=web_pia, relationship=web_asked, message="No")
    url = reverse("web:ask", args=[web_asked.pk])
    assert client_for(web_eve).get(url).status_code == 404
    assert client_for(web_pia).get(url).status_code == 404


# -- causes on the profile and in the directory -------------------------------------------------


def test_causes_are_saved_from_the_profile_and_shown_in_the_directory(
    web_pia: Person, web_alice: Person
) -> None:
    pia = client_for(web_pia)
    form = pia.get(reverse("web:profile")).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data |= {"languages": "English, German", "expertise": "team leadership"}
    data |= {"open_to_mentoring": "on", "causes": "Code Club; Food bank, code club"}
    assert pia.post(reverse("web:profile"), data).status_code == 302
    web_pia.refresh_from_db()
    assert web_pia.causes == ["Code Club", "Food bank"]

    page = client_for(web_alice).get(reverse("web:mentor_profile", args=[web_pia.pk]))
    assert "Code Club, Food bank" in page.content.decode()


def test_too_many_causes_name_the_field(web_pia: Person) -> None:
    pia = client_for(web_pia)
    form = pia.get(reverse("web:profile")).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data |= {"open_to_mentoring": "on", "causes": ", ".join(f"cause {n}" for n in range(21))}
    response = pia.post(reverse("web:profile"), data)
    assert response.status_code == 200
    assert list(errors_of(response)) == ["causes"]

"""Sharing an advice outcome with the mentor, through the pages.

The mentee's advice log offers "Share with {mentor}" for an outcome, a form
prefilled with the outcome that says who will see it, and "Stop sharing"; the
mentor's impact page shows what their advice became, mentee by mentee, in the
words shared and nothing else; everyone else gets a 404 for the forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import client_for, errors_of, today_of
from tribe.core.codes import CoreCode
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice
from tribe.ledger.services import (
    advice_decide,
    advice_record,
    advice_record_outcome,
    advice_share_outcome,
)
from tribe.people.models import Person
from tribe.people.services import ContactInput, contact_create
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

pytestmark = pytest.mark.django_db

OUTCOME = "PRIVATE: we argued less, and I stopped dreading Mondays"
REASON = "PRIVATE: cheap to test"


@pytest.fixture
def tried(web_alice: Person, web_advice: Advice) -> Advice:
    """Alice tried Bob's advice and wrote down, privately, how it went."""
    advice_decide(actor=web_alice, advice=web_advice, decision="try", reason=REASON)
    return advice_record_outcome(
        actor=web_alice,
        advice=web_advice,
        outcome=OUTCOME,
        today=today_of(web_alice),
        report_back=False,
    )


def _log(browser: Client) -> str:
    return browser.get(reverse("web:advice_log")).content.decode()


def test_the_advice_log_offers_to_share_an_outcome_with_the_mentor(
    web_alice: Person, web_advice: Advice, tried: Advice
) -> None:
    alice = client_for(web_alice)
    share_url = reverse("web:advice_share", args=[tried.pk])
    assert f'href="{share_url}">Share with Bob Mentor' in _log(alice)

    form_page = alice.get(share_url)
    assert form_page.status_code == 200
    form = form_page.context["form"]
    assert form["words"].value() == OUTCOME  # prefilled, editable
    assert not form["with_advice"].value()
    page = form_page.content.decode()
    assert "Bob Mentor will see these words and the date in their impact journal" in page
    assert "the advice itself only if you tick the box" in page


def test_an_advice_without_an_outcome_has_nothing_to_share(
    web_alice: Person, web_advice: Advice
) -> None:
    alice = client_for(web_alice)
    assert reverse("web:advice_share", args=[web_advice.pk]) not in _log(alice)
    response = alice.post(reverse("web:advice_share", args=[web_advice.pk]), {"words": "x"})
    assert errors_of(response) == {"__all__": [LedgerCode.NO_OUTCOME_YET.template]}


def test_sharing_puts_the_chosen_words_on_the_mentors_impact_page_and_nothing_else(
    web_alice: Person, web_bob: Person, tried: Advice, web_relationship: Relationship
) -> None:
    alice = client_for(web_alice)
    bob = client_for(web_bob)
    impact = reverse("web:impact")
    assert "What your advice became" not in bob.get(impact).content.decode()

    response = alice.post(
        reverse("web:advice_share", args=[tried.pk]),
        {"words": "I tried your deep-work blocks: two a week now", "advice_summary": "unticked"},
    )
    assert response.status_code == 302
    tried.refresh_from_db()
    assert tried.shared_outcome.startswith("I tried") and tried.shared_advice == ""
    log = _log(alice)
    assert "Shared with Bob Mentor" in log and "two a week now" in log
    assert reverse("web:advice_unshare", args=[tried.pk]) in log

    page = bob.get(impact).content.decode()
    assert "What your advice became" in page
    assert "I tried your deep-work blocks: two a week now" in page
    assert "1 outcome shared" in page and "Alice Mentee" in page
    assert "Nothing yet" not in page  # the journal's own "empty" is not the whole page's
    assert f'href="{reverse("web:relationship", args=[web_relationship.pk])}"' in page
    for private in (OUTCOME, REASON, tried.text, "unticked"):
        assert private not in page


def test_the_advice_is_shown_to_the_mentor_only_when_ticked(
    web_alice: Person, web_bob: Person, tried: Advice
) -> None:
    alice = client_for(web_alice)
    alice.post(
        reverse("web:advice_share", args=[tried.pk]),
        {"words": "Two blocks a week", "with_advice": "on", "advice_summary": "Deep-work blocks"},
    )
    page = client_for(web_bob).get(reverse("web:impact")).content.decode()
    assert "Your advice: Deep-work blocks" in page and tried.text not in page


def test_a_refused_share_names_the_field_and_shares_nothing(
    web_alice: Person, tried: Advice
) -> None:
    response = client_for(web_alice).post(
        reverse("web:advice_share", args=[tried.pk]), {"words": "x" * 5001}
    )
    assert response.status_code == 200
    assert list(errors_of(response)) == ["words"]
    assert CoreCode.TOO_LONG.template.split("{")[0] in errors_of(response)["words"][0]
    tried.refresh_from_db()
    assert tried.outcome_shared_at is None


def test_stop_sharing_takes_it_off_the_impact_page(
    web_alice: Person, web_bob: Person, tried: Advice
) -> None:
    alice = client_for(web_alice)
    alice.post(reverse("web:advice_share", args=[tried.pk]), {"words": "Two blocks a week"})
    assert alice.get(reverse("web:advice_unshare", args=[tried.pk])).status_code == 405
    response = alice.post(reverse("web:advice_unshare", args=[tried.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#advice-{tried.pk}")
    page = client_for(web_bob).get(reverse("web:impact")).content.decode()
    assert "Two blocks a week" not in page and "What your advice became" not in page
    assert "Share with Bob Mentor" in _log(alice)


@pytest.mark.parametrize("who", ["web_bob", "web_eve"])
def test_the_share_pages_are_not_found_for_anyone_but_the_recorder(
    tried: Advice, who: str, request: pytest.FixtureRequest
) -> None:
    """The mentor too: the advice log is the mentee's, even the outcome shared with him."""
    advice_share_outcome(actor=tried.recorded_by, advice=tried, words="Shared")
    browser = client_for(request.getfixturevalue(who))
    share = reverse("web:advice_share", args=[tried.pk])
    unshare = reverse("web:advice_unshare", args=[tried.pk])
    assert browser.get(share).status_code == 404
    assert browser.post(share, {"words": "hijack"}).status_code == 404
    assert browser.post(unshare).status_code == 404
    tried.refresh_from_db()
    assert tried.shared_outcome == "Shared"


def test_no_share_offer_for_a_mentor_who_is_a_contact(web_alice: Person) -> None:
    contact = contact_create(owner=web_alice, data=ContactInput(name="Carol Contact"))
    rel = relationship_create(created_by=web_alice, my_role="mentee", other_contact=contact)
    today = today_of(web_alice)
    advice = advice_record(actor=web_alice, relationship=rel, text="A", given_on=today, today=today)
    advice_record_outcome(actor=web_alice, advice=advice, outcome="B", today=today)
    alice = client_for(web_alice)
    assert reverse("web:advice_share", args=[advice.pk]) not in _log(alice)
    response = alice.post(reverse("web:advice_share", args=[advice.pk]), {"words": "B"})
    assert errors_of(response) == {
        "__all__": [LedgerCode.MENTOR_IS_CONTACT.template.format(name="Carol Contact")]
    }


def _shared_outcomes(mentor: Person, make_person: Callable[..., Person], n: int) -> None:
    for k in range(n):
        mentee = make_person(f"Mentee {k}")
        rel = relationship_agreed(
            created_by=mentee, my_role="mentee", other_person=mentor, status="intro"
        )
        today = today_of(mentee)
        advice = advice_record(
            actor=mentee, relationship=rel, text="Advice", given_on=today, today=today
        )
        advice_record_outcome(actor=mentee, advice=advice, outcome="Went well", today=today)
        advice_share_outcome(actor=mentee, advice=advice, words=f"Outcome {k}")


def test_the_impact_page_costs_the_same_for_few_and_many_shared_outcomes(
    web_bob: Person,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
) -> None:
    bob = client_for(web_bob)

    def count_for(n: int) -> int:
        _shared_outcomes(web_bob, make_person, n)
        # session, person, thanks, updates, introductions, shared outcomes
        with django_assert_num_queries(6) as ctx:
            response = bob.get(reverse("web:impact"))
        assert response.context["outcomes"].total >= n
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(10)


def test_thanks_for_advice_show_the_mentor_only_the_words_shared(
    web_alice: Person, web_bob: Person, web_relationship: Relationship, web_advice: Advice
) -> None:
    """A thank-you for a piece of advice names it to the mentor only in the words the
    mentee shared with them (the advice as recorded is the mentee's own)."""
    from tribe.ledger.services import gratitude_record

    today = today_of(web_alice)
    gratitude_record(
        actor=web_alice,
        relationship=web_relationship,
        kind="thank_you",
        given_on=today,
        description="Thank you!",
        today=today,
        advice=web_advice,
    )
    page = reverse("web:relationship", args=[web_relationship.pk])
    mentor_sees = client_for(web_bob).get(page).content.decode()
    assert "Thank you!" in mentor_sees
    assert web_advice.text not in mentor_sees
    assert "for a piece of advice" in mentor_sees
    assert web_advice.text in client_for(web_alice).get(page).content.decode()
    advice_record_outcome(
        actor=web_alice, advice=web_advice, outcome="Calmer weeks", today=today, report_back=False
    )
    advice_share_outcome(
        actor=web_alice, advice=web_advice, words="It helped", advice_summary="Deep work blocks"
    )
    assert "Deep work blocks" in client_for(web_bob).get(page).content.decode()

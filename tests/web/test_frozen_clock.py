"""Pages on a given day: the ``frozen_clock`` fixture sets the moment every view takes for now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tribe.core import clock
from tribe.meetings.services import action_item_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

Freeze = Callable[[dt.datetime], dt.datetime]


def _today_titles(page: Any) -> dict[str, list[str]]:
    """The Today page's duties: each heading with the titles under it."""
    return {
        heading: [item.title for item, _, _ in items] for heading, items in page.context["groups"]
    }


def test_an_action_item_is_overdue_on_the_day_after_it_was_due(
    frozen_clock: Freeze,
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
) -> None:
    frozen_clock(dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC))
    action_item_create(
        actor=web_alice,
        relationship=web_relationship,
        title="Send the CV",
        due_on=dt.date(2025, 6, 4),
    )

    before = alice_client.get(reverse("web:today"))
    assert before.context["agenda"].date == dt.date(2025, 6, 2)
    assert "Send the CV" in _today_titles(before)["Coming up this week"]

    on_the_day = frozen_clock(dt.datetime(2025, 6, 4, 8, 0, tzinfo=dt.UTC))
    assert clock.now() == on_the_day
    assert "Send the CV" in _today_titles(alice_client.get(reverse("web:today")))["Due today"]

    # 23:30 in UTC is already the next day in Paris, where Alice is.
    frozen_clock(dt.datetime(2025, 6, 4, 23, 30, tzinfo=dt.UTC))
    late = alice_client.get(reverse("web:today"))
    assert late.context["agenda"].date == dt.date(2025, 6, 5)
    assert "Send the CV" in _today_titles(late)["Overdue"]


def test_the_find_page_says_a_nudge_is_due_once_the_wait_is_over(
    frozen_clock: Freeze, alice_client: Client, web_alice: Person, web_prospect: Relationship
) -> None:
    from tribe.outreach.services import outreach_send

    frozen_clock(dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC))
    outreach_send(
        actor=web_alice, relationship=web_prospect, message="Dear Pia, would you mentor me?"
    )
    wait = web_alice.nudge_after_days

    frozen_clock(dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(days=wait - 1))
    waiting = alice_client.get(reverse("web:find"))
    [(_, nudge)] = waiting.context["outreach"]
    assert (nudge.state, nudge.due_on) == ("waiting", dt.date(2025, 6, 2) + dt.timedelta(days=wait))

    frozen_clock(dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(days=wait))
    due = alice_client.get(reverse("web:find"))
    [(_, nudge)] = due.context["outreach"]
    assert nudge.state == "nudge"
    assert "a nudge is due" in due.content.decode()


def test_the_real_clock_is_back_after_a_frozen_block() -> None:
    moment = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(moment):
        with clock.frozen(moment + dt.timedelta(days=1)):
            assert clock.now() == moment + dt.timedelta(days=1)
        assert clock.now() == moment
        assert clock.resolve(None) == moment
    assert clock.now() > moment
    with pytest.raises(ValueError), clock.frozen(dt.datetime(2025, 1, 1)):
        pass

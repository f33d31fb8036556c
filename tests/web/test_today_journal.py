"""The Today page's journal duties: a meeting to reflect on links to the write form about
that meeting, a reflection due by the cadence links to the form; on a fixed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import client_for
from tribe.journal.models import JournalEntry
from tribe.journal.services import cadence_set
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_create
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db

Freeze = Callable[[dt.datetime], dt.datetime]
MOMENT = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def duties(page: Any) -> dict[str, list[tuple[str, str, str]]]:
    """Each kind of duty on the page: (title, link, label) of each."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for _heading, items in page.context["groups"]:
        for item, link, label in items:
            out.setdefault(item.kind, []).append((item.title, link, label))
    return out


@pytest.fixture
def held(frozen_clock: Freeze, web_alice: Person, web_relationship: Relationship) -> Meeting:
    """Alice's meeting with Bob, held three days before the frozen moment."""
    frozen_clock(MOMENT)
    starts = MOMENT - dt.timedelta(days=3)
    return meeting_create(
        actor=web_alice,
        relationship=web_relationship,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        title="Career chat",
        status="held",
        now=MOMENT,
    )


def test_a_meeting_to_reflect_on_opens_the_form_about_it(
    held: Meeting, alice_client: Client, web_alice: Person
) -> None:
    page = alice_client.get(reverse("web:today"))
    link = reverse("web:journal") + f"?meeting={held.pk}#write"
    assert duties(page)["reflect"] == [("Reflect on your meeting with Bob Mentor", link, "Reflect")]
    html = page.content.decode()
    assert f'href="{link}"' in html and ">Reflect<" in html
    assert "held on 07 Mar: what did you learn, what will you try? · with Bob Mentor" in html

    form = alice_client.get(link).context["form"]
    assert form.initial["meeting"] == held.pk
    saved = alice_client.post(
        reverse("web:journal"),
        {"written_on": "2026-03-10", "learned": "Say no sooner", "meeting": str(held.pk)},
    )
    assert saved.status_code == 302
    entry = JournalEntry.objects.get(author=web_alice)
    assert entry.meeting_id == held.pk and entry.relationship_id == held.relationship_id
    # Written: the duty is done.
    assert "reflect" not in duties(alice_client.get(reverse("web:today")))


def test_the_other_side_reflects_on_their_own(
    held: Meeting, web_alice: Person, web_bob: Person, web_eve: Person
) -> None:
    """Bob is asked for his own reflection, whatever Alice wrote; Eve, a stranger, for none."""
    alice = client_for(web_alice)
    alice.post(
        reverse("web:journal"),
        {"written_on": "2026-03-10", "learned": "Say no sooner", "meeting": str(held.pk)},
    )
    bob = client_for(web_bob).get(reverse("web:today"))
    assert duties(bob)["reflect"] == [
        (
            "Reflect on your meeting with Alice Mentee",
            reverse("web:journal") + f"?meeting={held.pk}#write",
            "Reflect",
        )
    ]
    eve = client_for(web_eve)
    assert "reflect" not in duties(eve.get(reverse("web:today")))
    # Following Alice's link is no way in: the meeting is not hers to choose.
    form = eve.get(reverse("web:journal") + f"?meeting={held.pk}").context["form"]
    assert "meeting" not in form.initial
    assert "Career chat" not in eve.get(reverse("web:journal")).content.decode()


def test_a_reflection_due_by_the_cadence_opens_the_form(
    frozen_clock: Freeze, alice_client: Client, web_alice: Person
) -> None:
    frozen_clock(MOMENT)
    assert "journal" not in duties(alice_client.get(reverse("web:today")))  # no cadence
    cadence_set(person=web_alice, cadence="weekly")
    page = alice_client.get(reverse("web:today"))
    assert duties(page)["journal"] == [
        (
            "Write a reflection in your learning journal",
            reverse("web:journal") + "#write",
            "Journal",
        )
    ]
    html = page.content.decode()
    # A duty of her own: it names nobody.
    assert "by the rhythm you chose, it is time for one</span>" in html
    alice_client.post(reverse("web:journal"), {"written_on": "2026-03-10", "learned": "Listen"})
    assert "journal" not in duties(alice_client.get(reverse("web:today")))
    frozen_clock(MOMENT + dt.timedelta(days=7))
    assert "journal" in duties(alice_client.get(reverse("web:today")))
    cadence_set(person=web_alice, cadence="off")
    assert "journal" not in duties(alice_client.get(reverse("web:today")))

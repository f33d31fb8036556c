"""The journal's pages: writing, reading, sharing, the check-in; 404 for anyone else;
bad input on the field it is about; a fixed number of queries however many entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.factories import ContactFactory
from tests.web.conftest import client_for, errors_of, today_of
from tribe.journal.errors import JournalCode
from tribe.journal.models import JournalCadence, JournalEntry
from tribe.journal.selectors import shared_with
from tribe.journal.services import cadence_set, entry_create, entry_share
from tribe.ledger.models import Advice
from tribe.ledger.services import advice_record
from tribe.meetings.models import Meeting
from tribe.meetings.services import meeting_create
from tribe.people.models import Goal, Person
from tribe.people.services import goal_create
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def write(author: Person, **fields: Any) -> JournalEntry:
    fields.setdefault("learned", "LESSON: listen first")
    today = today_of(author)
    return entry_create(author=author, written_on=today, today=today, **fields)


@pytest.fixture
def entry(web_alice: Person, web_relationship: Relationship) -> JournalEntry:
    return write(web_alice, relationship=web_relationship)


def test_the_journal_page_writes_a_private_entry(
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
    web_goal: Goal,
    web_advice: Advice,
) -> None:
    page = alice_client.get(reverse("web:journal"))
    assert page.status_code == 200
    assert b'id="write"' in page.content and b"Am I learning?" in page.content
    response = alice_client.post(
        reverse("web:journal"),
        {
            "written_on": today_of(web_alice).isoformat(),
            "learned": "Feedback is a gift",
            "will_try": "Ask twice a week",
            "relationship": web_relationship.pk,
            "goals": [web_goal.pk],
            "advice": [web_advice.pk],
        },
        follow=True,
    )
    entry = JournalEntry.objects.get()
    assert response.redirect_chain[-1][0] == reverse("web:journal_entry", args=[entry.pk])
    assert b"It is private: only you can read it." in response.content
    assert "Bob Mentor can read it too" in response.content.decode()  # what sharing would do
    assert (entry.shared, list(entry.goals.all()), list(entry.advice.all())) == (
        False,
        [web_goal],
        [web_advice],
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"learned": ""}, "learned", JournalCode.EMPTY.template),
        ({"written_on": "tomorrow"}, "written_on", JournalCode.FUTURE_DATE.template),
        ({"relationship": "999999"}, "relationship", "Select a valid choice."),
        ({"goals": ["999999"]}, "goals", "Select a valid choice."),
    ],
)
def test_bad_input_is_shown_on_its_field_and_writes_nothing(
    alice_client: Client, web_alice: Person, data: dict[str, Any], field: str, message: str
) -> None:
    posted = {"written_on": today_of(web_alice).isoformat(), "learned": "x", **data}
    if posted["written_on"] == "tomorrow":
        posted["written_on"] = (today_of(web_alice) + dt.timedelta(days=1)).isoformat()
    response = alice_client.post(reverse("web:journal"), posted)
    assert response.status_code == 200
    errors = errors_of(response)
    assert list(errors) == [field]
    assert errors[field][0].startswith(message.split("{")[0].rstrip("."))
    assert not JournalEntry.objects.exists()


def test_sharing_with_a_contact_is_refused_on_the_share_field(
    alice_client: Client, web_alice: Person
) -> None:
    contact = ContactFactory(owner=web_alice, name="Carol Contact")
    with_contact = Relationship.objects.create(
        mentee=web_alice,
        mentor_contact=contact,
        created_by=web_alice,
        status="active",
        status_changed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        mentee_consented_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    response = alice_client.post(
        reverse("web:journal"),
        {
            "written_on": today_of(web_alice).isoformat(),
            "learned": "x",
            "relationship": with_contact.pk,
            "shared": "on",
        },
    )
    assert "Carol Contact has no account on Tribe" in errors_of(response)["shared"][0]


def test_reflect_on_a_meeting_just_held(alice_client: Client, web_held_meeting: Meeting) -> None:
    page = alice_client.get(reverse("web:journal"))
    link = f"{reverse('web:journal')}?meeting={web_held_meeting.pk}#write"
    assert link in page.content.decode()
    prefilled = alice_client.get(link.split("#")[0])
    assert prefilled.context["form"]["meeting"].value() == web_held_meeting.pk


def test_share_and_unshare_say_who_will_read_it(
    alice_client: Client, web_bob: Person, entry: JournalEntry
) -> None:
    url = reverse("web:journal_share", args=[entry.pk])
    shown = alice_client.post(url, {"shared": "1"}, follow=True).content.decode()
    entry.refresh_from_db()
    assert entry.shared
    assert "Shared: Bob Mentor can read it too, and nobody else." in shown
    assert alice_client.get(url).status_code == 405  # a button, not a page
    shown = alice_client.post(url, {"shared": "0"}, follow=True).content.decode()
    entry.refresh_from_db()
    assert not entry.shared and "Private again: only you can read it." in shown


def test_the_counterpart_reads_a_shared_entry_read_only(
    web_alice: Person, web_bob: Person, web_eve: Person, entry: JournalEntry
) -> None:
    bob, eve = client_for(web_bob), client_for(web_eve)
    page = reverse("web:journal_entry", args=[entry.pk])
    owner_only = [
        reverse(name, args=[entry.pk])
        for name in ("web:journal_edit", "web:journal_delete", "web:journal_share")
    ]
    assert bob.get(page).status_code == 404  # private
    assert eve.get(page).status_code == 404
    entry_share(actor=web_alice, entry=entry)
    shown = bob.get(page)
    assert shown.status_code == 200
    assert "Alice Mentee shared this with you." in shown.content.decode()
    assert b"LESSON: listen first" in shown.content
    assert reverse("web:journal_edit", args=[entry.pk]).encode() not in shown.content
    assert eve.get(page).status_code == 404
    for url in owner_only:
        assert bob.get(url).status_code in (404, 405), url
        assert bob.post(url, {"shared": "0"}).status_code == 404, url
        assert eve.post(url).status_code == 404, url
    entry.refresh_from_db()
    assert entry.shared and JournalEntry.objects.count() == 1


def test_a_missing_entry_is_not_found(alice_client: Client) -> None:
    for name in ("web:journal_entry", "web:journal_edit", "web:journal_delete"):
        assert alice_client.get(reverse(name, args=[999999])).status_code == 404


def test_edit_rewrites_and_a_shared_entry_keeps_its_relationship(
    alice_client: Client, web_alice: Person, web_relationship: Relationship, entry: JournalEntry
) -> None:
    url = reverse("web:journal_edit", args=[entry.pk])
    form = alice_client.get(url).context["form"]
    assert form["learned"].value() == "LESSON: listen first" and "shared" not in form.fields
    day = today_of(web_alice).isoformat()
    alice_client.post(
        url, {"written_on": day, "surprised": "It was easy", "relationship": web_relationship.pk}
    )
    entry.refresh_from_db()
    assert (entry.learned, entry.surprised) == ("", "It was easy")
    entry_share(actor=web_alice, entry=entry)
    response = alice_client.post(url, {"written_on": day, "learned": "x"})
    assert errors_of(response) == {"relationship": [JournalCode.SHARED_MOVED.template]}


def test_delete_asks_first(alice_client: Client, entry: JournalEntry) -> None:
    url = reverse("web:journal_delete", args=[entry.pk])
    assert b"Delete your journal entry of" in alice_client.get(url).content
    response = alice_client.post(url)
    assert response.url == reverse("web:journal")  # type: ignore[attr-defined]
    assert not JournalEntry.objects.exists()


def test_the_cadence_is_chosen_on_its_page(alice_client: Client, web_alice: Person) -> None:
    response = alice_client.post(reverse("web:journal_cadence"), {"cadence": "weekly"})
    assert response.status_code == 302
    assert JournalCadence.objects.get(person=web_alice).cadence == "weekly"
    page = alice_client.get(reverse("web:journal")).content.decode()
    assert "Time for a reflection" in page
    bad = alice_client.post(reverse("web:journal_cadence"), {"cadence": "hourly"})
    assert "cadence" in errors_of(bad)


def test_the_check_in_says_plainly_when_learning_has_stalled(
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
    frozen_clock: Callable[[dt.datetime], dt.datetime],
) -> None:
    frozen_clock(dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC))
    cadence_set(person=web_alice, cadence="weekly")
    day = dt.date(2025, 12, 1)
    entry_create(author=web_alice, written_on=day, today=day, learned="Long ago")
    page = alice_client.get(reverse("web:journal_checkin")).content.decode()
    assert "Your learning has stalled: in the last 14 days" in page
    assert "28 Dec 2025" in page or "Dec. 28, 2025" in page  # the first day looked back over
    assert f'href="{reverse("web:directory")}"' in page
    assert f'href="{reverse("web:goal_new")}"' in page
    assert reverse("web:relationship", args=[web_relationship.pk]) + "#questions" in page
    frozen_clock(dt.datetime(2025, 12, 2, 12, 0, tzinfo=dt.UTC))
    assert (
        "Yes: you are learning."
        in alice_client.get(reverse("web:journal_checkin")).content.decode()
    )


def test_the_shared_section_for_a_relationship_page(
    web_alice: Person, web_bob: Person, web_relationship: Relationship
) -> None:
    write(web_alice, relationship=web_relationship, learned="SHARED-LESSON", shared=True)
    write(web_alice, relationship=web_relationship, learned="PRIVATE-LESSON")
    html = render_to_string(
        "web/journal/_shared.html",
        {
            "journal_shared": shared_with(viewer=web_bob, relationship=web_relationship),
            "other": "Alice",
        },
    )
    assert "SHARED-LESSON" in html and "PRIVATE-LESSON" not in html
    empty = render_to_string(
        "web/journal/_shared.html",
        {
            "journal_shared": shared_with(viewer=web_alice, relationship=web_relationship),
            "other": "Bob",
        },
    )
    assert "Bob has not shared any journal entries with you." in empty


def _entries(me: Person, relationship: Relationship, n: int) -> None:
    """``n`` entries, each about a meeting, a goal and a piece of advice, half of them shared."""
    today = today_of(me)
    for k in range(n):
        starts = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1 + k)
        meeting = meeting_create(
            actor=me,
            relationship=relationship,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            status="held",
        )
        goal = goal_create(person=me, title=f"Goal {k}")
        advice = advice_record(
            actor=me, relationship=relationship, text=f"Advice {k}", given_on=today, today=today
        )
        entry_create(
            author=me,
            written_on=today,
            today=today,
            learned=f"Lesson {k}",
            meeting=meeting,
            goals=[goal],
            advice=[advice],
            shared=bool(k % 2),
        )


@pytest.mark.parametrize(
    ("name", "queries", "rows_in"),
    [
        # person; meetings to reflect on, meetings to link; relationships and their goals;
        # goals; advice and its thanks; how many entries, the page's entries, their goals
        # and their advice; the cadence (the form's, and whether a reflection is due)
        ("web:journal", 14, lambda c: len(c["entries"])),
        # person; the cadence, entries, advice tried, goals moved, the journal's start
        ("web:journal_checkin", 6, lambda c: len(c["checkin"].learned)),
    ],
)
def test_journal_pages_run_a_fixed_number_of_queries(
    web_alice: Person,
    web_relationship: Relationship,
    django_assert_max_num_queries: Any,
    name: str,
    queries: int,
    rows_in: Callable[[Any], int],
) -> None:
    """Counted without the session's own query: whether the session is still in the
    process's memory cache depends on what ran before in the same worker."""
    browser = client_for(web_alice)
    rows: list[int] = []

    def count_after_adding(units: int) -> int:
        _entries(web_alice, web_relationship, units)
        with django_assert_max_num_queries(queries + 1) as ctx:
            response = browser.get(reverse(name))
        assert response.status_code == 200
        rows.append(rows_in(response.context))
        return len([q for q in ctx.captured_queries if "django_session" not in q["sql"]])

    assert count_after_adding(2) == count_after_adding(8) == queries
    assert 2 <= rows[0] < rows[1]

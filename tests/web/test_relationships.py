"""Relationships: board, create, edit, status, agreement, delete; and their page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import relationship_agreed
from tests.web.conftest import SOON, errors_of
from tribe.journal.services import entry_create
from tribe.ledger.services import advice_record, gratitude_record, question_add, touchpoint_log
from tribe.meetings.services import action_item_create, meeting_create, note_create
from tribe.people.models import Contact, Goal, Person
from tribe.relationships.models import Relationship
from tribe.relationships.services import relationship_create

pytestmark = pytest.mark.django_db


def _create(client: Client, **changes: Any) -> Any:
    data = {
        "my_role": "mentee",
        "other_email": "",
        "other_contact": "",
        "kind": "mentor",
        "purpose": "Learn to hire",
        "status": "prospect",
    } | changes
    return client.post(reverse("web:relationship_new"), data)


def test_create_by_address_makes_a_contact_and_never_says_whether_it_has_an_account(
    alice_client: Client, web_alice: Person, web_bob: Person, web_goal: Goal
) -> None:
    """An address with an account (Bob's) and one without get the same answer."""
    answers = []
    for address in ("BOB@example.com", "nobody@example.com"):
        response = _create(alice_client, other_email=address, goals=[web_goal.pk])
        relationship = Relationship.objects.latest("pk")
        assert response.status_code == 302
        assert response["Location"] == reverse("web:relationship", args=[relationship.pk])
        assert relationship.mentor is None and relationship.mentor_contact.owner == web_alice
        assert relationship.mentor_contact.email == address.lower()
        assert list(relationship.goals.all()) == [web_goal]
        page = alice_client.get(response["Location"]).content.decode()
        answers.append(page.count("Bob Mentor"))
    assert answers == [0, 0]  # the page names neither account nor its owner
    # Bob sees nothing: a prospect is Alice's own until she sends a request.
    assert not Relationship.objects.filter(mentor=web_bob).exists()


def test_create_with_a_contact_as_mentee(
    alice_client: Client, web_alice: Person, web_contact: Contact
) -> None:
    _create(alice_client, my_role="mentor", other_contact=str(web_contact.pk))
    relationship = Relationship.objects.get()
    assert relationship.mentor == web_alice and relationship.mentee_contact == web_contact


def test_contact_link_preselects_the_contact(alice_client: Client, web_contact: Contact) -> None:
    page = alice_client.get(reverse("web:relationship_new"), {"contact": web_contact.pk})
    assert f'<option value="{web_contact.pk}" selected>' in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, "other_email"),  # nobody chosen
        ({"other_email": "not an address"}, "other_email"),
        ({"other_email": "alice@example.com"}, "other_email"),  # oneself
        ({"other_email": "bob@example.com", "other_contact": "CONTACT"}, "other_email"),
        ({"other_email": "bob@example.com", "my_role": "boss"}, "my_role"),
        ({"other_email": "bob@example.com", "kind": "guru"}, "kind"),
        ({"other_email": "bob@example.com", "purpose": "x" * 301}, "purpose"),
        ({"other_contact": "CONTACT", "my_role": "mentor", "goals": ["GOAL"]}, "goals"),
        ({"other_email": "bob@example.com", "status": "ended"}, "status"),
    ],
)
def test_create_bad_input_writes_nothing(
    alice_client: Client,
    web_bob: Person,
    web_contact: Contact,
    web_goal: Goal,
    changes: dict[str, Any],
    field: str,
) -> None:
    swap = {"CONTACT": str(web_contact.pk), "GOAL": str(web_goal.pk)}
    data = {
        k: [swap.get(x, x) for x in v] if isinstance(v, list) else swap.get(v, v)
        for k, v in changes.items()
    }
    contacts = Contact.objects.count()
    response = _create(alice_client, **data)
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Relationship.objects.exists()
    assert Contact.objects.count() == contacts  # not even the contact


def test_duplicate_is_refused_and_an_account_cannot_be_made_active_by_the_other_side(
    alice_client: Client,
    web_alice: Person,
    web_relationship: Relationship,
    web_contact: Contact,
    make_person: Callable[..., Person],
) -> None:
    assert _create(alice_client, other_contact=str(web_contact.pk)).status_code == 302
    duplicate = _create(alice_client, other_contact=str(web_contact.pk))
    assert "already an open mentor relationship" in errors_of(duplicate)["kind"][0]
    # A contact linked to an account is the account: it starts private, never active.
    full = make_person("Full Mentor", open_to_mentoring=True, mentee_capacity=1)
    linked = Contact.objects.create(owner=web_alice, name="Full", email=full.email, person=full)
    forced = _create(alice_client, other_contact=str(linked.pk), status="active")
    assert "starts as a prospect" in errors_of(forced)["status"][0]
    assert Relationship.objects.count() == 2


def test_edit_relationship(alice_client: Client, web_relationship: Relationship) -> None:
    url = reverse("web:relationship_edit", args=[web_relationship.pk])
    # Both said yes to the kind: it is shown, and kept whatever is posted
    # (tests/relationships/test_kind_change.py).
    alice_client.post(url, {"kind": "coach", "purpose": "New purpose"})
    web_relationship.refresh_from_db()
    assert (web_relationship.kind, web_relationship.purpose) == ("mentor", "New purpose")
    assert not web_relationship.goals.exists()


def test_status_offers_only_the_next_steps_and_moves(
    alice_client: Client, web_relationship: Relationship
) -> None:
    url = reverse("web:relationship_status", args=[web_relationship.pk])
    form = alice_client.get(url).context["form"]
    # Nothing preselected, so one click never changes the status.
    assert [value for value, _ in form.fields["status"].choices] == ["", "paused", "ended"]
    bad = alice_client.post(url, {"status": "prospect"})
    assert "status" in errors_of(bad)
    assert alice_client.post(url, {"status": "paused"}).status_code == 302
    web_relationship.refresh_from_db()
    assert web_relationship.status == "paused"


def test_reactivating_over_capacity_is_a_status_error(
    alice_client: Client,
    web_relationship: Relationship,
    web_bob: Person,
    make_person: Callable[..., Person],
) -> None:
    alice_client.post(
        reverse("web:relationship_status", args=[web_relationship.pk]), {"status": "paused"}
    )
    for _ in range(3):
        relationship_agreed(
            created_by=make_person(), my_role="mentee", other_person=web_bob, status="active"
        )
    response = alice_client.post(
        reverse("web:relationship_status", args=[web_relationship.pk]), {"status": "active"}
    )
    assert "capacity of 3" in errors_of(response)["status"][0]
    assert "Change status: Paused" in response.content.decode()
    web_relationship.refresh_from_db()
    assert web_relationship.status == "paused"


def test_agreement(alice_client: Client, web_relationship: Relationship) -> None:
    url = reverse("web:agreement_edit", args=[web_relationship.pk])
    ok = alice_client.post(
        url,
        {
            "cadence_days": "14",
            "meeting_minutes": "45",
            "channel": "video",
            "starts_on": "2025-03-01",
            "ends_on": "2025-09-01",
            "confidentiality": "Stays between us",
        },
    )
    assert ok.status_code == 302
    web_relationship.refresh_from_db()
    assert web_relationship.cadence_days == 14 and web_relationship.channel == "video"
    page = alice_client.get(
        reverse("web:relationship", args=[web_relationship.pk])
    ).content.decode()
    assert "every 14 days" in page and "Stays between us" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cadence_days": "0"}, "cadence_days"),
        ({"meeting_minutes": "1"}, "meeting_minutes"),
        ({"channel": "pigeon"}, "channel"),
        ({"starts_on": "2025-09-01", "ends_on": "2025-03-01"}, "ends_on"),  # the service's rule
    ],
)
def test_agreement_bad_input_writes_nothing(
    alice_client: Client, web_relationship: Relationship, changes: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("web:agreement_edit", args=[web_relationship.pk]), changes)
    assert field in errors_of(response)
    web_relationship.refresh_from_db()
    assert web_relationship.starts_on is None and web_relationship.channel == ""


def test_only_the_creator_deletes_and_only_before_the_other_said_yes(
    client: Client,
    web_alice: Person,
    web_bob: Person,
    web_relationship: Relationship,
    web_contact: Contact,
) -> None:
    url = reverse("web:relationship_delete", args=[web_relationship.pk])
    assert web_relationship.created_by == web_alice
    client.force_login(web_bob)
    response = client.post(url, follow=True)
    assert "can delete it; change its status to ended instead" in response.content.decode()
    assert Relationship.objects.exists()
    # Bob accepted: his notes in it are his, so Alice ends it rather than deleting it.
    client.force_login(web_alice)
    response = client.post(url, follow=True)
    assert "change its status to ended instead" in response.content.decode()
    assert Relationship.objects.filter(pk=web_relationship.pk).exists()
    own = relationship_create(created_by=web_alice, my_role="mentee", other_contact=web_contact)
    assert client.post(reverse("web:relationship_delete", args=[own.pk])).status_code == 302
    assert not Relationship.objects.filter(pk=own.pk).exists()


def test_board_groups_by_status(
    alice_client: Client, web_relationship: Relationship, web_contact: Contact, web_alice: Person
) -> None:
    relationship_create(
        created_by=web_alice, my_role="mentor", other_contact=web_contact, status="asked"
    )
    response = alice_client.get(reverse("web:relationships"))
    columns = {c.status: [r.pk for r in c.relationships] for c in response.context["columns"]}
    assert columns["active"] == [web_relationship.pk] and len(columns["asked"]) == 1
    assert "Carol Contact" in response.content.decode()


def _fill(alice: Person, make_person: Callable[..., Person], rows: int) -> None:
    """Relationships in several states, each with goals, meetings, notes and actions."""
    statuses = ["prospect", "asked", "intro", "active", "paused"]
    while Relationship.objects.filter(mentee=alice).count() < rows:
        n = Relationship.objects.count()
        goal = Goal.objects.create(person=alice, title=f"Goal {n}")
        mentor = make_person(f"Mentor {n}", open_to_mentoring=True, mentee_capacity=5)
        relationship = relationship_agreed(
            created_by=alice,
            my_role="mentee",
            other_person=mentor,
            status=statuses[n % 5],
            goals=[goal],
        )
        if statuses[n % 5] in ("prospect", "asked"):
            continue  # meetings and notes come once they said yes
        meeting_create(
            actor=alice,
            relationship=relationship,
            starts_at=SOON + dt.timedelta(days=n),
            ends_at=SOON + dt.timedelta(days=n, hours=1),
        )
        note_create(author=alice, relationship=relationship, body=f"note {n}", visibility="shared")
        note_create(
            author=mentor, relationship=relationship, body=f"reply {n}", visibility="shared"
        )
        action_item_create(actor=alice, relationship=relationship, title=f"Do {n}")


def test_board_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_alice: Person,
    make_person: Callable[..., Person],
    django_assert_num_queries: Any,
) -> None:
    def count_for(rows: int) -> int:
        _fill(web_alice, make_person, rows)
        with django_assert_num_queries(4) as ctx:  # session, person, relationships, goals
            response = alice_client.get(reverse("web:relationships"))
        assert response.context["total"] == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


def keep_alive_rows(person: Person, relationship: Relationship, n: int) -> None:
    """One row of each keep-in-touch list on the relationship page."""
    today = dt.date(2025, 3, 10)
    touchpoint_log(
        actor=person, relationship=relationship, kind="call", happened_on=today, today=today
    )
    question_add(author=person, relationship=relationship, text=f"Question {n}")
    advice = advice_record(
        actor=person, relationship=relationship, text=f"Advice {n}", given_on=today, today=today
    )
    gratitude_record(
        actor=person,
        relationship=relationship,
        kind="thank_you",
        given_on=today,
        description=f"Thanks {n}",
        advice=advice,
        today=today,
    )


def test_relationship_page_runs_a_fixed_number_of_queries(
    alice_client: Client,
    web_relationship: Relationship,
    web_alice: Person,
    web_bob: Person,
    django_assert_num_queries: Any,
) -> None:
    url = reverse("web:relationship", args=[web_relationship.pk])

    def count_for(rows: int) -> int:
        while web_relationship.meetings.count() < rows:
            n = web_relationship.meetings.count()
            meeting = meeting_create(
                actor=web_alice,
                relationship=web_relationship,
                starts_at=SOON + dt.timedelta(days=n),
                ends_at=SOON + dt.timedelta(days=n, hours=1),
            )
            note_create(
                author=web_alice, relationship=web_relationship, body=f"mine {n}", meeting=meeting
            )
            note_create(
                author=web_bob,
                relationship=web_relationship,
                body=f"his {n}",
                visibility="shared",
                meeting=meeting,
            )
            action_item_create(
                actor=web_alice, relationship=web_relationship, title=f"Do {n}", meeting=meeting
            )
            keep_alive_rows(web_alice, web_relationship, n)
            entry_create(
                author=web_bob,
                written_on=SOON.date(),
                today=SOON.date(),
                learned=f"Lesson {n}",
                relationship=web_relationship,
                meeting=meeting,
                shared=True,
            )
        # session, person, relationship with its health, goals, meetings, notes, action
        # items, contact log, questions, advice (and its thanks), thanks, series, the
        # other side's shared journal entries (with their meetings)
        with django_assert_num_queries(14) as ctx:
            response = alice_client.get(url)
        assert len(response.context["timeline"].meetings) == rows
        assert len(response.context["journal_shared"]) == rows
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(12)


def test_the_mentor_sees_the_kind_and_the_mentees_goals_and_purpose_read_only(
    bob_client: Client, web_relationship: Relationship, web_goal: Goal
) -> None:
    url = reverse("web:relationship_edit", args=[web_relationship.pk])
    page = bob_client.get(url)
    form = page.context["form"]
    assert form.fields["purpose"].disabled and form.fields["goals"].disabled
    assert form.fields["kind"].disabled  # both said yes to it
    assert "Only Alice" in page.content.decode()
    # Whatever is posted for them, the mentee's words and goals stay, and the kind.
    response = bob_client.post(url, {"kind": "coach", "purpose": "Mine now"})
    assert response.status_code == 302, errors_of(response)
    web_relationship.refresh_from_db()
    assert web_relationship.kind == "mentor"
    assert web_relationship.purpose == "Grow into engineering management"
    assert list(web_relationship.goals.all()) == [web_goal]


def test_the_mentee_still_edits_her_goals_and_purpose(
    alice_client: Client, web_relationship: Relationship
) -> None:
    url = reverse("web:relationship_edit", args=[web_relationship.pk])
    form = alice_client.get(url).context["form"]
    assert not form.fields["purpose"].disabled and not form.fields["goals"].disabled

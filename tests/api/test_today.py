"""/api/today: what is due for me, in the Today page's order, pointing at each thing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import ActionItemFactory, MeetingFactory, RelationshipFactory
from tribe.ledger import services as ledger
from tribe.meetings.models import ActionItem


def _busy_relationship(maya, ravi) -> dict[str, object]:  # type: ignore[no-untyped-def]
    now = timezone.now()
    today = timezone.localdate(now, timezone=dt.UTC)
    rel = RelationshipFactory(
        mentee=maya, mentor=ravi, cadence_days=14, starts_on=today - dt.timedelta(days=100)
    )
    held = MeetingFactory(
        relationship=rel,
        status="held",
        starts_at=now - dt.timedelta(days=5),
        ends_at=now - dt.timedelta(days=5, hours=-1),
    )
    coming = MeetingFactory(
        relationship=rel,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=1),
    )
    item = ActionItemFactory(
        relationship=rel,
        meeting=held,
        title="Draft the pricing page",
        owner=ActionItem.Owner.MENTEE,
        due_on=today - dt.timedelta(days=1),
    )
    advice = ledger.advice_record(
        actor=maya, relationship=rel, text="Delegate", given_on=today, today=today
    )
    ledger.advice_decide(actor=maya, advice=advice, decision="adopt")
    return {"rel": rel, "held": held, "coming": coming, "item": item, "advice": advice}


def test_today_lists_my_duties_with_what_they_point_at(api_as, maya, ravi) -> None:  # type: ignore[no-untyped-def]
    made = _busy_relationship(maya, ravi)
    response = api_as(maya).get("/api/today")
    assert response.status_code == 200, response.content
    body = response.json_body
    by_kind = {i["kind"]: i for i in body["items"]}
    assert {"follow_up", "meeting", "action_item", "thanks"} <= set(by_kind)
    assert (by_kind["follow_up"]["target"], by_kind["follow_up"]["id"]) == (
        "meeting",
        made["held"].pk,
    )
    assert (by_kind["meeting"]["target"], by_kind["meeting"]["id"]) == (
        "meeting",
        made["coming"].pk,
    )
    action = by_kind["action_item"]
    assert (action["target"], action["id"], action["urgency"]) == (
        "action_item",
        made["item"].pk,
        "overdue",
    )
    assert action["due"] == (made["item"].due_on).isoformat()
    assert action["relationship_id"] == made["rel"].pk and action["with_name"] == "Ravi Menon"
    assert "Draft the pricing page" in action["title"]
    assert (by_kind["thanks"]["target"], by_kind["thanks"]["id"]) == ("advice", made["advice"].pk)
    # Most urgent first, as on the page.
    order = ["overdue", "today", "soon", "open"]
    assert [order.index(i["urgency"]) for i in body["items"]] == sorted(
        order.index(i["urgency"]) for i in body["items"]
    )
    assert dt.date.fromisoformat(body["date"])


def test_nobody_else_sees_my_duties(api_as, maya, ravi, eve) -> None:  # type: ignore[no-untyped-def]
    _busy_relationship(maya, ravi)
    assert api_as(eve).get("/api/today").json_body["items"] == []
    # The mentor has the meeting to prepare, never the mentee's thanks or her action item.
    kinds = {i["kind"] for i in api_as(ravi).get("/api/today").json_body["items"]}
    assert "thanks" not in kinds and "action_item" not in kinds and "meeting" in kinds


def test_today_runs_a_fixed_number_of_queries(
    api_as, maya, ravi, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PersonFactory

    client = api_as(maya)
    client.get("/api/today")
    _busy_relationship(maya, ravi)
    with django_assert_num_queries(11) as few:  # the token with its person, then Today's ten
        client.get("/api/today")
    for _ in range(4):
        _busy_relationship(maya, PersonFactory(open_to_mentoring=True, mentee_capacity=3))
    with django_assert_num_queries(len(few.captured_queries)):
        many = client.get("/api/today")
    assert len([i for i in many.json_body["items"] if i["kind"] == "action_item"]) == 5

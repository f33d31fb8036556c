"""GET /api/me/forward: my first steps from mentee to mentor, mine alone, and a read only."""

from __future__ import annotations

import datetime as dt

from tests.factories import GoalFactory, PersonFactory, RelationshipFactory
from tribe.core import clock
from tribe.outreach.forward import pay_it_forward

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def test_not_yet(api_as, sam) -> None:  # type: ignore[no-untyped-def]
    response = api_as(sam).get("/api/me/forward")
    assert response.status_code == 200
    assert response.json_body == {"applies": False, "steps": None}


def test_the_steps_are_mine(api_as, sam, maya) -> None:  # type: ignore[no-untyped-def]
    sam.expertise = ["public speaking"]
    sam.save()
    RelationshipFactory(mentee=sam, status="active", status_changed_at=NOW - dt.timedelta(days=200))
    GoalFactory(person=sam, title="Run my first code review", status="achieved")
    GoalFactory(person=PersonFactory(name="Someone Secret"), title="Public speaking for shy people")
    asked = RelationshipFactory(
        mentor=sam, mentee=maya, status="asked", asked_at=NOW - dt.timedelta(days=1)
    )

    with clock.frozen(NOW):
        body = api_as(sam).get("/api/me/forward").json_body
        expected = pay_it_forward(person=sam, now=NOW)

    assert expected is not None
    steps = body["steps"]
    assert body["applies"] is True and steps["state"] == "ready"
    assert steps["why"] == expected.why and steps["asked_for"] == 0  # 1 goal: too few to say
    assert steps["draft"] == {
        "expertise": ["public speaking", "code review"],
        "topics": [
            {"name": "public speaking", "source": "profile", "from_goal": ""},
            {"name": "code review", "source": "goal", "from_goal": "Run my first code review"},
        ],
        "offers": expected.offers,
        "mentee_capacity": 1,
    }
    assert steps["first_request"]["id"] == asked.pk
    assert steps["first_request"]["from_name"] == "Maya Chen"
    assert "Someone Secret" not in str(body) and "shy people" not in str(body)
    sam.refresh_from_db()
    assert sam.open_to_mentoring is False  # a read: nothing switched on
    # The person asking sees only their own (not yet) steps, never Sam's.
    assert api_as(maya).get("/api/me/forward").json_body == {"applies": False, "steps": None}

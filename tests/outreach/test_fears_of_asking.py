"""Meeting the fears of asking: the request states its size, makes "no" easy and brings
something to give back; a no is answered with a warm next step, not silence."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import GoalFactory, RelationshipFactory
from tribe.core.codes import CoreCode
from tribe.core.errors import NotFound, ValidationError
from tribe.outreach import selectors
from tribe.outreach import services as outreach
from tribe.outreach.selectors import MSG_NO_IS_FINE
from tribe.people.models import Person
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db
Status = Relationship.Status


@pytest.fixture
def prospect(maya: Person, ravi: Person) -> Relationship:
    rel = RelationshipFactory(
        mentee=maya, mentor=ravi, status=Status.PROSPECT, purpose="Learn to lead PMs"
    )
    rel.goals.add(GoalFactory(person=maya, title="Lead a team of PMs"))
    return rel


def _prepare(rel: Relationship, **size: object) -> Relationship:
    return outreach.outreach_prepare(
        actor=rel.mentee,
        relationship=rel,
        purpose=rel.purpose,
        ask=rel.ask,
        why_them=rel.why_them,
        **size,  # type: ignore[arg-type]
    )


# -- the size -------------------------------------------------------------------------


def test_by_default_the_ask_is_monthly_half_hours_for_six_months(prospect: Relationship) -> None:
    size = selectors.ask_size_of(relationship=prospect)
    assert (size.cadence_days, size.meeting_minutes, size.months) == (30, 30, 6)


def test_without_a_cadence_the_mentors_preferred_one_is_proposed(
    prospect: Relationship, ravi: Person
) -> None:
    ravi.preferred_cadence_days = 21
    ravi.save()
    assert selectors.ask_size_of(relationship=prospect).cadence_days == 21
    _prepare(prospect, cadence_days=14)
    assert selectors.ask_size_of(relationship=prospect).cadence_days == 14
    _prepare(prospect, cadence_days=None)  # back to theirs
    assert selectors.ask_size_of(relationship=prospect).cadence_days == 21


def test_the_size_is_stored_and_what_is_left_out_keeps_its_value(prospect: Relationship) -> None:
    _prepare(prospect, cadence_days=14, meeting_minutes=45, months=3)
    _prepare(prospect, months=4)
    prospect.refresh_from_db()
    assert (prospect.ask_cadence_days, prospect.ask_meeting_minutes, prospect.ask_months) == (
        14,
        45,
        4,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cadence_days", 0),
        ("cadence_days", 367),
        ("meeting_minutes", 4),
        ("meeting_minutes", 481),
        ("meeting_minutes", None),
        ("months", 0),
        ("months", 25),
    ],
)
def test_a_size_out_of_range_names_its_field_and_writes_nothing(
    prospect: Relationship, field: str, value: int | None
) -> None:
    with pytest.raises(ValidationError) as exc:
        outreach.outreach_prepare(
            actor=prospect.mentee,
            relationship=prospect,
            purpose="A new purpose",
            ask="",
            why_them="",
            **{field: value},  # type: ignore[arg-type]
        )
    assert exc.value.field == field
    assert exc.value.code == CoreCode.OUT_OF_RANGE
    prospect.refresh_from_db()
    assert prospect.purpose == "Learn to lead PMs"
    assert (prospect.ask_cadence_days, prospect.ask_meeting_minutes, prospect.ask_months) == (
        None,
        30,
        6,
    )


def test_only_the_requester_sizes_the_ask(prospect: Relationship, eve: Person) -> None:
    for who in (prospect.mentor, eve):
        with pytest.raises(NotFound):
            outreach.outreach_prepare(
                actor=who,
                relationship=prospect,
                purpose="x",
                ask="",
                why_them="",
                months=1,
            )


# -- the request's text ---------------------------------------------------------------


def test_the_request_states_its_size_and_makes_no_easy(prospect: Relationship) -> None:
    _prepare(prospect, cadence_days=14, meeting_minutes=30, months=6)
    draft = selectors.request_draft(relationship=prospect, sender=prospect.mentee)
    assert "Would you be open to mentoring me?\n" in draft
    assert (
        "About 1 hour a month for 6 months: a 30-minute meeting every 2 weeks "
        "(13 meetings, about 6.5 hours in all).\n"
    ) in draft
    assert MSG_NO_IS_FINE in draft
    assert draft.endswith(f"{MSG_NO_IS_FINE}\n\nWith thanks,\nMaya Chen\n")


def test_the_request_brings_the_give_back_section_unless_removed(
    prospect: Relationship, maya: Person
) -> None:
    draft = selectors.request_draft(relationship=prospect, sender=maya)
    assert "\n\nI could help with: product discovery.\n\n" in draft
    _prepare(prospect, give_back="Intros to the Berlin PM meetup.")
    draft = selectors.request_draft(relationship=prospect, sender=maya)
    assert "\n\nIntros to the Berlin PM meetup.\n\n" in draft
    assert "I could help with" not in draft
    _prepare(prospect, give_back="")
    draft = selectors.request_draft(relationship=prospect, sender=maya)
    assert "Intros" not in draft and "I could help with" not in draft
    prospect.refresh_from_db()
    assert prospect.give_back_written and prospect.give_back == ""


def test_a_give_back_too_long_is_refused(prospect: Relationship) -> None:
    with pytest.raises(ValidationError) as exc:
        _prepare(prospect, give_back="x" * 1001)
    assert exc.value.field == "give_back"
    prospect.refresh_from_db()
    assert not prospect.give_back_written


# -- after a no -----------------------------------------------------------------------


@pytest.fixture
def asked(prospect: Relationship, now: dt.datetime) -> Relationship:
    return outreach.outreach_send(
        actor=prospect.mentee, relationship=prospect, message="Dear Ravi…", now=now
    )


def test_ask_again_is_only_what_the_mentor_offered(
    asked: Relationship, ravi: Person, maya: Person, now: dt.datetime
) -> None:
    declined = outreach.request_decline(
        actor=ravi, relationship=asked, message="Not now", ask_again_months=3, now=now
    )
    assert declined.ask_again_months == 3
    assert selectors.ask_again_on(relationship=declined, zone_name=maya.timezone) == dt.date(
        2026, 6, 10
    )
    thanks = selectors.thank_you_after_decline(relationship=declined, sender=maya)
    assert thanks.startswith("Dear Ravi,\n\nThank you for your answer")
    assert "As you suggested, I will ask again around 10 Jun 2026." in thanks
    assert thanks.endswith("With thanks,\nMaya Chen\n")


def test_without_the_mentors_offer_no_ask_again(
    asked: Relationship, ravi: Person, maya: Person, now: dt.datetime
) -> None:
    declined = outreach.request_decline(actor=ravi, relationship=asked, message="No", now=now)
    assert declined.ask_again_months is None
    assert selectors.ask_again_on(relationship=declined) is None
    assert "ask again" not in selectors.thank_you_after_decline(relationship=declined, sender=maya)


@pytest.mark.parametrize("months", [0, 25])
def test_ask_again_out_of_range_names_its_field(
    asked: Relationship, ravi: Person, months: int, now: dt.datetime
) -> None:
    with pytest.raises(ValidationError) as exc:
        outreach.request_decline(
            actor=ravi, relationship=asked, message="No", ask_again_months=months, now=now
        )
    assert exc.value.field == "ask_again_months"
    asked.refresh_from_db()
    assert asked.status == Status.ASKED and asked.ask_again_months is None


def test_ask_again_needs_a_decline(asked: Relationship) -> None:
    asked.ask_again_months = 3  # as if: only a declined request has a date to ask again
    assert selectors.ask_again_on(relationship=asked) is None

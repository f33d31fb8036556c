"""People and contacts as the engine sees them."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import GoalFactory, PersonFactory
from tribe.matching.profiles import daily_hours, mentor_profile, seeker_profile
from tribe_engine import rank_candidates

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def test_languages_meet_however_they_are_written() -> None:
    mentee = PersonFactory(languages=["English", "Deutsch"])
    mentor = PersonFactory(languages=["en"], expertise=["pricing"])
    me = seeker_profile(mentee, GoalFactory(person=mentee, title="pricing"), windows=[], at=NOW)
    them = mentor_profile(mentor, free_places=1, windows=[], at=NOW)
    assert me.languages == ("en", "de") and them.languages == ("en",)
    (fit,) = rank_candidates(me, [them])
    assert fit.shared_languages == ("en",)


def test_no_windows_are_no_hours_not_office_hours() -> None:
    assert daily_hours([]) == ()
    assert daily_hours([(dt.time(9), dt.time(12, 30)), (dt.time(9), dt.time(12, 30))]) == (
        (9.0, 12.5),
    )

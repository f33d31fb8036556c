"""Meetings' error codes: the bounds their messages write out are the bounds the code keeps."""

from __future__ import annotations

import pytest

from tribe.core import validation as v
from tribe.core.errors import NotFound
from tribe.meetings import recurrence, selectors
from tribe.meetings.errors import MeetingCode
from tribe.people.models import Person


def test_the_written_out_bounds_are_the_checked_ones() -> None:
    assert (
        f"between {v.DATE_MIN:%d %b %Y} and {v.DATE_MAX:%d %b %Y}"
        in MeetingCode.EARLIEST_RANGE.template
    )
    assert MeetingCode.BAD_INTERVAL.template.endswith(f"from 1 to {recurrence.MAX_INTERVAL}")
    assert f"at most {recurrence.MAX_SETPOS} positions" in MeetingCode.TOO_MANY_SETPOS.template
    years = f"{recurrence.MAX_SPAN_YEARS} years"
    assert (
        years in MeetingCode.TOO_LONG_SPAN.template and years in MeetingCode.NONE_IN_SPAN.template
    )


def test_every_code_has_its_own_value_and_a_message() -> None:
    assert len({code.value for code in MeetingCode}) == len(MeetingCode)
    assert all(code.template for code in MeetingCode)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("get", "code"),
    [
        (lambda p: selectors.meeting_get_for(person=p, meeting_id=0), MeetingCode.NO_MEETING),
        (lambda p: selectors.note_get_for_author(person=p, note_id="x"), MeetingCode.NO_NOTE),
        (lambda p: selectors.action_item_get_for(person=p, item_id=0), MeetingCode.NO_ACTION_ITEM),
        (lambda p: selectors.series_get_for(person=p, series_id=0), MeetingCode.NO_SERIES),
    ],
)
def test_each_kind_of_missing_object_has_its_code(maya: Person, get: object, code: str) -> None:
    with pytest.raises(NotFound) as missing:
        get(maya)  # type: ignore[operator]
    assert missing.value.code == code
    assert missing.value.message == code.template  # type: ignore[attr-defined]

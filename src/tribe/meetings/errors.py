"""The error codes of meetings and the messages a person reads with them.

Meetings, notes and action items (``services``, ``selectors``), proposed times
(``scheduling``), calendar feeds (``calendar``) and repeat rules
(``recurrence``). A code's value is stable (the API and tests match it); its
message is plain English here, extracted for translation and translated when
the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["MeetingCode"]

# Meetings, notes, action items --------------------------------------------------

MSG_END_BEFORE_START = gettext_noop("must be after the start")
MSG_NAIVE = gettext_noop("must include a time zone")
MSG_TOO_LONG_MEETING = gettext_noop("a meeting cannot last more than 12 hours")
MSG_MEETING_ELSEWHERE = gettext_noop("belongs to another relationship")
MSG_STATUS = gettext_noop("“{value}” is not a meeting status")
MSG_OWNER = gettext_noop("must be “mentee” or “mentor”")
MSG_VISIBILITY = gettext_noop("must be “private” or “shared”")
MSG_PAST_PLANNED = gettext_noop(
    "is in the past: a planned meeting must be upcoming (mark it held instead)"
)
MSG_FUTURE_HELD = gettext_noop("has not happened yet: it cannot be marked held")
MSG_FOLLOW_UP_TOO_EARLY = gettext_noop("the meeting has not happened yet: follow up after it")
MSG_FOLLOW_UP_CANCELLED = gettext_noop("the meeting was cancelled: there is nothing to follow up")
MSG_NOT_MUTUAL = gettext_noop(
    "meetings can be planned once the other person has accepted the request"
)
MSG_NO_MEETING = gettext_noop("no such meeting")
MSG_NO_NOTE = gettext_noop("no such note")
MSG_NO_ACTION_ITEM = gettext_noop("no such action item")
MSG_NO_SERIES = gettext_noop("no such series")
MSG_NO_FEED = gettext_noop("no such calendar feed")

# Proposed times ------------------------------------------------------------------

MSG_NO_WINDOWS = gettext_noop(
    "neither of you has set weekly availability: add some on your profile"
)
# The bounds are written out: they are ``validation.DATE_MIN`` and ``DATE_MAX``
# (a test keeps them in step), so the whole sentence is one text to translate.
MSG_EARLIEST_RANGE = gettext_noop(
    "no times can be proposed from {start}: the search must start between "
    "01 Jan 1900 and 31 Dec 2200"
)
MSG_DAYS_RANGE = gettext_noop("must be between 1 and {limit} days")
MSG_MINUTES_RANGE = gettext_noop("must be between 1 and {limit} minutes")
MSG_NO_WINDOW = gettext_noop("{name} has no window of {minutes} minutes in the next {days} days")
MSG_NO_OVERLAP = gettext_noop(
    "{a} and {b} have no common time of at least {minutes} minutes in the {days} days from {start}"
)
#: What follows ``MSG_NO_OVERLAP`` when there are alternatives (joined by " | ").
MSG_ALTERNATIVES = gettext_noop("{reason}. Nearest alternatives: {alternatives}")
#: The note on an alternative slot outside one person's windows.
MSG_OUTSIDE_WINDOWS = gettext_noop("outside {name}'s availability by {hours} h")

# Repeat rules (``recurrence``) -----------------------------------------------------
# The bounds are written out (``MAX_INTERVAL``, ``MAX_SETPOS``, ``MAX_SPAN_YEARS``
# of ``recurrence``; a test keeps them in step): callers compare these texts whole.

MSG_INVALID_RULE = gettext_noop(
    "“{rule}” is not a valid recurrence rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2;COUNT=10)"
)
MSG_UNBOUNDED = gettext_noop("must end: add COUNT=… or UNTIL=… (at most {limit} meetings)")
MSG_TOO_MANY = gettext_noop(
    "would make more than {limit} meetings; end it sooner with COUNT or UNTIL"
)
MSG_TOO_FREQUENT = gettext_noop("meetings can repeat at most daily")
MSG_EMPTY = gettext_noop("produces no meeting on or after the first date")
MSG_UNKNOWN_PART = gettext_noop(
    "“{part}” is not a recurrence rule part Tribe accepts (FREQ, COUNT, UNTIL, INTERVAL, "
    "BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, BYHOUR, BYMINUTE, BYSECOND, WKST)"
)
MSG_REPEATED_PART = gettext_noop("gives {part} more than once")
MSG_OUT_OF_RANGE = gettext_noop("{part}={value} is out of range: {allowed}")
#: The ``allowed`` of ``MSG_OUT_OF_RANGE``: a positive range, and one that may be negative too.
MSG_RANGE = gettext_noop("{low} to {high}")
MSG_RANGE_OR_NEGATIVE = gettext_noop("{low} to {high}, or -{high} to -{low}")
MSG_COUNT_AND_UNTIL = gettext_noop("give COUNT or UNTIL, not both")
MSG_INTERVAL = gettext_noop("INTERVAL must be a whole number from 1 to 1000")
MSG_COUNT = gettext_noop("COUNT must be a whole number of at least 1")
MSG_NEVER = gettext_noop("can never produce a meeting: no date has {parts}")
MSG_TOO_LONG_SPAN = gettext_noop(
    "must end within 10 years of the first meeting; end it sooner with COUNT or UNTIL"
)
MSG_SETPOS = gettext_noop("BYSETPOS may list at most 8 positions")
MSG_NONE_IN_SPAN = gettext_noop("produces no meeting in the 10 years from the first date")
MSG_UNKNOWN_REPEAT = gettext_noop("“{repeat}” is not one of: {choices}")


class MeetingCode(ErrorCode):
    """Error codes of meetings: the value is stable (API, tests), the message is shown."""

    END_BEFORE_START = "end_before_start", MSG_END_BEFORE_START
    NAIVE = "naive_time", MSG_NAIVE
    TOO_LONG = "meeting_too_long", MSG_TOO_LONG_MEETING
    ELSEWHERE = "meeting_elsewhere", MSG_MEETING_ELSEWHERE
    BAD_STATUS = "bad_meeting_status", MSG_STATUS
    BAD_OWNER = "bad_owner", MSG_OWNER
    BAD_VISIBILITY = "bad_visibility", MSG_VISIBILITY
    PAST_PLANNED = "past_planned", MSG_PAST_PLANNED
    FUTURE_HELD = "future_held", MSG_FUTURE_HELD
    FOLLOW_UP_TOO_EARLY = "follow_up_too_early", MSG_FOLLOW_UP_TOO_EARLY
    FOLLOW_UP_CANCELLED = "follow_up_cancelled", MSG_FOLLOW_UP_CANCELLED
    NOT_MUTUAL = "not_mutual", MSG_NOT_MUTUAL
    NO_MEETING = "meeting_not_found", MSG_NO_MEETING
    NO_NOTE = "note_not_found", MSG_NO_NOTE
    NO_ACTION_ITEM = "action_item_not_found", MSG_NO_ACTION_ITEM
    NO_SERIES = "series_not_found", MSG_NO_SERIES
    NO_FEED = "feed_not_found", MSG_NO_FEED
    EARLIEST_RANGE = "earliest_out_of_range", MSG_EARLIEST_RANGE
    DAYS_RANGE = "days_out_of_range", MSG_DAYS_RANGE
    MINUTES_RANGE = "minutes_out_of_range", MSG_MINUTES_RANGE
    NO_WINDOWS = "no_windows", MSG_NO_WINDOWS
    NO_WINDOW = "no_window", MSG_NO_WINDOW
    #: ``scheduling.NoCommonTime``, which adds the alternatives to ``MSG_NO_OVERLAP``.
    NO_COMMON_TIME = "no_common_time", MSG_NO_OVERLAP
    INVALID_RULE = "invalid_rule", MSG_INVALID_RULE
    UNBOUNDED = "rule_unbounded", MSG_UNBOUNDED
    TOO_MANY = "too_many_meetings", MSG_TOO_MANY
    TOO_FREQUENT = "too_frequent", MSG_TOO_FREQUENT
    EMPTY = "rule_empty", MSG_EMPTY
    UNKNOWN_PART = "unknown_rule_part", MSG_UNKNOWN_PART
    REPEATED_PART = "repeated_rule_part", MSG_REPEATED_PART
    OUT_OF_RANGE = "rule_part_out_of_range", MSG_OUT_OF_RANGE
    COUNT_AND_UNTIL = "count_and_until", MSG_COUNT_AND_UNTIL
    BAD_INTERVAL = "bad_interval", MSG_INTERVAL
    BAD_COUNT = "bad_count", MSG_COUNT
    NEVER = "rule_never_meets", MSG_NEVER
    TOO_LONG_SPAN = "rule_too_long", MSG_TOO_LONG_SPAN
    TOO_MANY_SETPOS = "too_many_setpos", MSG_SETPOS
    NONE_IN_SPAN = "none_in_span", MSG_NONE_IN_SPAN
    UNKNOWN_REPEAT = "unknown_repeat", MSG_UNKNOWN_REPEAT

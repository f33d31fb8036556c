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

# Parts of messages, filled into a code's message before it is raised ------------

#: What follows ``MeetingCode.NO_COMMON_TIME`` when there are alternatives (joined by " | ").
MSG_ALTERNATIVES = gettext_noop("{reason}. Nearest alternatives: {alternatives}")
#: The note on an alternative slot outside one person's windows.
MSG_OUTSIDE_WINDOWS = gettext_noop("outside {name}'s availability by {hours} h")
#: The ``allowed`` of ``MeetingCode.OUT_OF_RANGE``: a positive range, and one that may be
#: negative too.
MSG_RANGE = gettext_noop("{low} to {high}")
MSG_RANGE_OR_NEGATIVE = gettext_noop("{low} to {high}, or -{high} to -{low}")


class MeetingCode(ErrorCode):
    """Error codes of meetings: the value is stable (API, tests), the message is shown."""

    # Meetings, notes, action items ----------------------------------------------
    END_BEFORE_START = "end_before_start", gettext_noop("must be after the start")
    NAIVE = "naive_time", gettext_noop("must include a time zone")
    TOO_LONG = "meeting_too_long", gettext_noop("a meeting cannot last more than 12 hours")
    ELSEWHERE = "meeting_elsewhere", gettext_noop("belongs to another relationship")
    BAD_STATUS = "bad_meeting_status", gettext_noop("“{value}” is not a meeting status")
    BAD_OWNER = "bad_owner", gettext_noop("must be “mentee” or “mentor”")
    BAD_VISIBILITY = "bad_visibility", gettext_noop("must be “private” or “shared”")
    PAST_PLANNED = (
        "past_planned",
        gettext_noop("is in the past: a planned meeting must be upcoming (mark it held instead)"),
    )
    FUTURE_HELD = "future_held", gettext_noop("has not happened yet: it cannot be marked held")
    FOLLOW_UP_TOO_EARLY = (
        "follow_up_too_early",
        gettext_noop("the meeting has not happened yet: follow up after it"),
    )
    FOLLOW_UP_CANCELLED = (
        "follow_up_cancelled",
        gettext_noop("the meeting was cancelled: there is nothing to follow up"),
    )
    NOT_MUTUAL = (
        "not_mutual",
        gettext_noop("meetings can be planned once the other person has accepted the request"),
    )
    NO_MEETING = "meeting_not_found", gettext_noop("no such meeting")
    NO_NOTE = "note_not_found", gettext_noop("no such note")
    NO_ACTION_ITEM = "action_item_not_found", gettext_noop("no such action item")
    NO_SERIES = "series_not_found", gettext_noop("no such series")
    NO_FEED = "feed_not_found", gettext_noop("no such calendar feed")

    # Proposed times ---------------------------------------------------------------
    # The bounds are written out: they are ``validation.DATE_MIN`` and ``DATE_MAX``
    # (a test keeps them in step), so the whole sentence is one text to translate.
    EARLIEST_RANGE = (
        "earliest_out_of_range",
        gettext_noop(
            "no times can be proposed from {start}: the search must start between "
            "01 Jan 1900 and 31 Dec 2200"
        ),
    )
    DAYS_RANGE = "days_out_of_range", gettext_noop("must be between 1 and {limit} days")
    MINUTES_RANGE = "minutes_out_of_range", gettext_noop("must be between 1 and {limit} minutes")
    NO_WINDOWS = (
        "no_windows",
        gettext_noop("neither of you has set weekly availability: add some on your profile"),
    )
    NO_WINDOW = (
        "no_window",
        gettext_noop("{name} has no window of {minutes} minutes in the next {days} days"),
    )
    #: ``scheduling.NoCommonTime``, which adds the alternatives (``MSG_ALTERNATIVES``).
    NO_COMMON_TIME = (
        "no_common_time",
        gettext_noop(
            "{a} and {b} have no common time of at least {minutes} minutes "
            "in the {days} days from {start}"
        ),
    )

    # Repeat rules (``recurrence``) --------------------------------------------------
    # The bounds are written out (``MAX_INTERVAL``, ``MAX_SETPOS``, ``MAX_SPAN_YEARS``
    # of ``recurrence``; a test keeps them in step): callers compare these texts whole.
    INVALID_RULE = (
        "invalid_rule",
        gettext_noop(
            "“{rule}” is not a valid recurrence rule "
            "(RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2;COUNT=10)"
        ),
    )
    UNBOUNDED = (
        "rule_unbounded",
        gettext_noop("must end: add COUNT=… or UNTIL=… (at most {limit} meetings)"),
    )
    TOO_MANY = (
        "too_many_meetings",
        gettext_noop("would make more than {limit} meetings; end it sooner with COUNT or UNTIL"),
    )
    TOO_FREQUENT = "too_frequent", gettext_noop("meetings can repeat at most daily")
    EMPTY = "rule_empty", gettext_noop("produces no meeting on or after the first date")
    UNKNOWN_PART = (
        "unknown_rule_part",
        gettext_noop(
            "“{part}” is not a recurrence rule part Tribe accepts (FREQ, COUNT, UNTIL, INTERVAL, "
            "BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, BYHOUR, BYMINUTE, "
            "BYSECOND, WKST)"
        ),
    )
    REPEATED_PART = "repeated_rule_part", gettext_noop("gives {part} more than once")
    OUT_OF_RANGE = (
        "rule_part_out_of_range",
        gettext_noop("{part}={value} is out of range: {allowed}"),
    )
    COUNT_AND_UNTIL = "count_and_until", gettext_noop("give COUNT or UNTIL, not both")
    BAD_INTERVAL = "bad_interval", gettext_noop("INTERVAL must be a whole number from 1 to 1000")
    BAD_COUNT = "bad_count", gettext_noop("COUNT must be a whole number of at least 1")
    NEVER = "rule_never_meets", gettext_noop("can never produce a meeting: no date has {parts}")
    TOO_LONG_SPAN = (
        "rule_too_long",
        gettext_noop(
            "must end within 10 years of the first meeting; end it sooner with COUNT or UNTIL"
        ),
    )
    TOO_MANY_SETPOS = "too_many_setpos", gettext_noop("BYSETPOS may list at most 8 positions")
    NONE_IN_SPAN = (
        "none_in_span",
        gettext_noop("produces no meeting in the 10 years from the first date"),
    )
    UNKNOWN_REPEAT = "unknown_repeat", gettext_noop("“{repeat}” is not one of: {choices}")

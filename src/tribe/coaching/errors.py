"""The error codes of coaching: the regimen, the practice log and the terms of sessions.

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["CoachingCode"]


class CoachingCode(ErrorCode):
    """Error codes of coaching: the value is stable (API, tests), the message is shown."""

    NOT_COACHING = (
        "not_coaching",
        gettext_noop(
            "is a {kind} relationship: a regimen, a practice log and paid sessions "
            "belong to coaching"
        ),
    )
    NOT_AGREED = (
        "coaching_not_agreed",
        gettext_noop(
            "{name} has not said yes to this relationship yet: plan it together once they have"
        ),
    )
    MENTEE_PRACTISES = (
        "mentee_practises",
        gettext_noop("{name} practises, so {name} logs the practice: the coach reads the log"),
    )
    FUTURE_DATE = "future_date", gettext_noop("cannot be in the future")
    BEFORE_START = (
        "before_exercise_start",
        gettext_noop("the exercise starts on {date}: practice before that day is not logged"),
    )
    START_TOO_EARLY = (
        "start_too_early",
        gettext_noop("cannot be more than a year ago (the earliest is {date})"),
    )
    START_TOO_LATE = (
        "start_too_late",
        gettext_noop("cannot be more than a year ahead (the latest is {date})"),
    )
    START_AFTER_PRACTICE = (
        "start_after_practice",
        gettext_noop("the exercise was first practised on {date}: it cannot start after that day"),
    )
    START_AFTER_RETIRED = (
        "start_after_retired",
        gettext_noop("the exercise was retired on {date}: it cannot start after that day"),
    )
    RETIRED = (
        "exercise_retired",
        gettext_noop("the exercise was retired on {date}: practice after that day is not logged"),
    )
    ALREADY_RETIRED = "already_retired", gettext_noop("this exercise was already retired on {date}")
    BAD_CURRENCY = (
        "bad_currency",
        gettext_noop("“{value}” is not an ISO 4217 currency code (for example EUR, USD or GBP)"),
    )
    BAD_AMOUNT = (
        "bad_amount",
        gettext_noop(
            "must be an amount above zero and at most {max}, written in digits with at most "
            "two decimals after a point (for example 80 or 79.50)"
        ),
    )
    NO_MINOR_UNIT = (
        "no_minor_unit",
        gettext_noop(
            "{currency} has no smaller unit: the amount is a whole number (for example 8000)"
        ),
    )
    BAD_PAYER = "bad_payer", gettext_noop("“{value}” is not who pays ({allowed})")
    FREE_HAS_NO_PRICE = (
        "free_has_no_price",
        gettext_noop("free sessions have no amount, currency or payer: clear it, or choose paid"),
    )
    NO_EXERCISE = "exercise_not_found", gettext_noop("no such exercise")
    NO_PRACTICE = "practice_not_found", gettext_noop("no such practice")

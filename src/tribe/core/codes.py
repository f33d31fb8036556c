"""The core app's error codes: the field checks every service shares, and time zones.

Core's table lives here rather than in ``core/errors.py``, which holds the error
hierarchy and ``ErrorCode`` itself. Each code carries its message, plain English
(``gettext_noop`` only marks it for extraction) so that callers and tests can
compare it (``CoreCode.REQUIRED.template``); ``ErrorCode.message`` translates it
when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class CoreCode(ErrorCode):
    """Why a field was refused: the value is stable (API, tests), the message is shown."""

    REQUIRED = "required", gettext_noop("is required")
    TOO_LONG = "too_long", gettext_noop("must be at most {limit} characters (it has {length})")
    BAD_EMAIL = "bad_email", gettext_noop("“{value}” is not a valid e-mail address")
    BAD_URL = "bad_url", gettext_noop("“{value}” is not a valid web address")
    OUT_OF_RANGE = "out_of_range", gettext_noop("must be between {low} and {high}")
    LIST_ITEM_TOO_LONG = (
        "list_item_too_long",
        gettext_noop("each entry must be at most {limit} characters"),
    )
    TOO_MANY_ENTRIES = "too_many_entries", gettext_noop("must have at most {limit} entries")
    LINE_BREAK = (
        "line_break",
        gettext_noop("must be one line: remove the line break at position {position}"),
    )
    CONTROL_CHARACTER = (
        "control_character",
        gettext_noop(
            "contains a control character ({char}) at position {position}; remove it "
            "(only tabs and line breaks are allowed)"
        ),
    )
    # The bounds are written out (they are ``validation.DATE_MIN`` and ``DATE_MAX``, a
    # test keeps them in step): callers compare these texts whole, without parameters.
    DATE_RANGE = (
        "date_out_of_range",
        gettext_noop("must be a date between 1900-01-01 and 2200-12-31"),
    )
    MOMENT_RANGE = (
        "moment_out_of_range",
        gettext_noop("must be a time between 1900-01-01 and 2200-12-31"),
    )
    BEFORE_START = "before_start", gettext_noop("must not be before the start")
    UNKNOWN_ZONE = (
        "unknown_zone",
        gettext_noop("“{value}” is not a known IANA time zone (for example Europe/Paris)"),
    )

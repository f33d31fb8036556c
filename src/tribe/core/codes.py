"""The core app's error codes: the field checks every service shares, and time zones.

Core's table lives here rather than in ``core/errors.py``, which holds the error
hierarchy and ``ErrorCode`` itself. The ``MSG_*`` templates stay plain English
(``gettext_noop`` only marks them for extraction) so that callers and tests can
compare them; ``ErrorCode.message`` translates them when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

MSG_REQUIRED = gettext_noop("is required")
MSG_TOO_LONG = gettext_noop("must be at most {limit} characters (it has {length})")
MSG_BAD_EMAIL = gettext_noop("“{value}” is not a valid e-mail address")
MSG_BAD_URL = gettext_noop("“{value}” is not a valid web address")
MSG_RANGE = gettext_noop("must be between {low} and {high}")
MSG_LIST_ITEM_TOO_LONG = gettext_noop("each entry must be at most {limit} characters")
MSG_TOO_MANY_ENTRIES = gettext_noop("must have at most {limit} entries")
MSG_CONTROL_CHARACTER = gettext_noop(
    "contains a control character ({char}) at position {position}; remove it "
    "(only tabs and line breaks are allowed)"
)
# The bounds are written out (they are ``validation.DATE_MIN`` and ``DATE_MAX``, a
# test keeps them in step): callers compare these texts whole, without parameters.
MSG_DATE_RANGE = gettext_noop("must be a date between 1900-01-01 and 2200-12-31")
MSG_MOMENT_RANGE = gettext_noop("must be a time between 1900-01-01 and 2200-12-31")
MSG_BEFORE_START = gettext_noop("must not be before the start")
MSG_UNKNOWN_ZONE = gettext_noop(
    "“{value}” is not a known IANA time zone (for example Europe/Paris)"
)


class CoreCode(ErrorCode):
    """Why a field was refused: the value is stable (API, tests), the message is shown."""

    REQUIRED = "required", MSG_REQUIRED
    TOO_LONG = "too_long", MSG_TOO_LONG
    BAD_EMAIL = "bad_email", MSG_BAD_EMAIL
    BAD_URL = "bad_url", MSG_BAD_URL
    OUT_OF_RANGE = "out_of_range", MSG_RANGE
    LIST_ITEM_TOO_LONG = "list_item_too_long", MSG_LIST_ITEM_TOO_LONG
    TOO_MANY_ENTRIES = "too_many_entries", MSG_TOO_MANY_ENTRIES
    CONTROL_CHARACTER = "control_character", MSG_CONTROL_CHARACTER
    DATE_RANGE = "date_out_of_range", MSG_DATE_RANGE
    MOMENT_RANGE = "moment_out_of_range", MSG_MOMENT_RANGE
    BEFORE_START = "before_start", MSG_BEFORE_START
    UNKNOWN_ZONE = "unknown_zone", MSG_UNKNOWN_ZONE

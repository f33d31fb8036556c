"""Error codes of the search: the value is stable (API, tests), the message is shown."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode


class SearchCode(ErrorCode):
    """Error codes of the search."""

    EMPTY = "empty_query", gettext_noop("type a word or two to search for")
    TOO_LONG = "query_too_long", gettext_noop("a search may be at most {limit} characters")

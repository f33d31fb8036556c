"""The error codes of the learning journal.

A code's value is stable (the API and tests match it); its message is plain
English here, extracted for translation and translated when the error is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

__all__ = ["JournalCode"]


class JournalCode(ErrorCode):
    """Error codes of the journal: the value is stable (API, tests), the message is shown."""

    EMPTY = (
        "entry_empty",
        gettext_noop(
            "write at least one of: what you learned, what you will try, what surprised you"
        ),
    )
    FUTURE_DATE = "future_date", gettext_noop("cannot be in the future")
    # A link to something that is not the author's own: each names its field.
    FOREIGN_RELATIONSHIP = (
        "foreign_relationship",
        gettext_noop("is not one of your relationships"),
    )
    FOREIGN_MEETING = "foreign_meeting", gettext_noop("is not one of your meetings")
    FOREIGN_GOAL = "foreign_goal", gettext_noop("is not one of your goals")
    FOREIGN_ADVICE = "foreign_advice", gettext_noop("is not advice you recorded")
    MEETING_ELSEWHERE = (
        "meeting_other_relationship",
        gettext_noop("belongs to a different relationship from the one chosen"),
    )
    # Sharing: with the other person of the entry's relationship, and nobody else.
    SHARE_WITHOUT_RELATIONSHIP = (
        "share_without_relationship",
        gettext_noop("choose the relationship whose other person may read it"),
    )
    SHARE_WITH_CONTACT = (
        "share_with_contact",
        gettext_noop("{name} has no account on Tribe: there is nobody to share it with"),
    )
    SHARE_NOT_MUTUAL = (
        "share_not_mutual",
        gettext_noop("{name} has not said yes to this relationship yet: share it once they have"),
    )
    SHARED_MOVED = (
        "shared_relationship_change",
        gettext_noop("a shared entry stays with its relationship: stop sharing it first"),
    )
    BAD_CADENCE = "bad_cadence", gettext_noop("“{value}” is not a cadence ({allowed})")
    NO_ENTRY = "entry_not_found", gettext_noop("no such journal entry")

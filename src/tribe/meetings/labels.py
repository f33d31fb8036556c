"""A meeting's status and an action item's owner inside a sentence (see :mod:`tribe.core.labels`).

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.core import labels
from tribe.meetings.models import ActionItem, Meeting

labels.register(
    {
        (Meeting, "status"): {
            Meeting.Status.PLANNED: pgettext_lazy("in a sentence", "planned"),
            Meeting.Status.HELD: pgettext_lazy("in a sentence", "held"),
            Meeting.Status.CANCELLED: pgettext_lazy("in a sentence", "cancelled"),
        },
        (ActionItem, "owner"): {
            ActionItem.Owner.MENTEE: pgettext_lazy("in a sentence", "mentee"),
            ActionItem.Owner.MENTOR: pgettext_lazy("in a sentence", "mentor"),
        },
    }
)

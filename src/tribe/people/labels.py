"""A goal's status as it reads inside a sentence (see :mod:`tribe.core.labels`).

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.core import labels
from tribe.people.models import Goal

labels.register(
    {
        (Goal, "status"): {
            Goal.Status.OPEN: pgettext_lazy("in a sentence", "open"),
            Goal.Status.IN_PROGRESS: pgettext_lazy("in a sentence", "in progress"),
            Goal.Status.ACHIEVED: pgettext_lazy("in a sentence", "achieved"),
            Goal.Status.DROPPED: pgettext_lazy("in a sentence", "dropped"),
        },
    }
)

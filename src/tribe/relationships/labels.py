"""A relationship's kind and status as they read inside a sentence (see :mod:`tribe.core.labels`).

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.core import labels
from tribe.relationships.models import Relationship

Kind, Status = Relationship.Kind, Relationship.Status

labels.register(
    {
        (Relationship, "kind"): {
            Kind.MENTOR: pgettext_lazy("in a sentence", "mentor"),
            Kind.COACH: pgettext_lazy("in a sentence", "coach"),
            Kind.SPONSOR: pgettext_lazy("in a sentence", "sponsor"),
            Kind.PEER: pgettext_lazy("in a sentence", "peer mentor"),
        },
        (Relationship, "status"): {
            Status.PROSPECT: pgettext_lazy("in a sentence", "prospect"),
            Status.ASKED: pgettext_lazy("in a sentence", "asked"),
            Status.INTRO: pgettext_lazy("in a sentence", "intro meeting"),
            Status.ACTIVE: pgettext_lazy("in a sentence", "active"),
            Status.PAUSED: pgettext_lazy("in a sentence", "paused"),
            Status.ENDED: pgettext_lazy("in a sentence", "ended"),
            Status.DECLINED: pgettext_lazy("in a sentence", "declined"),
        },
    }
)

"""Advice decisions and kinds of gratitude inside a sentence (see :mod:`tribe.core.labels`).

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.core import labels
from tribe.ledger.models import Advice, Gratitude

labels.register(
    {
        (Advice, "decision"): {
            Advice.Decision.UNDECIDED: pgettext_lazy("in a sentence", "not decided yet"),
            Advice.Decision.ADOPT: pgettext_lazy("in a sentence", "adopt"),
            Advice.Decision.TRY: pgettext_lazy("in a sentence", "try it"),
            Advice.Decision.PARK: pgettext_lazy("in a sentence", "park for later"),
            Advice.Decision.REJECT: pgettext_lazy("in a sentence", "set aside"),
        },
        (Gratitude, "kind"): {
            Gratitude.Kind.THANK_YOU: pgettext_lazy("in a sentence", "thank-you note"),
            Gratitude.Kind.GIFT: pgettext_lazy("in a sentence", "gift"),
            Gratitude.Kind.VOLUNTEERING: pgettext_lazy(
                "in a sentence", "volunteered for their cause"
            ),
            Gratitude.Kind.ACKNOWLEDGEMENT: pgettext_lazy(
                "in a sentence", "public acknowledgement"
            ),
        },
    }
)

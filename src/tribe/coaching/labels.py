"""Who pays for sessions, as it reads inside a sentence (see :mod:`tribe.core.labels`):
"paid by the mentee's employer", where the list of choices says "The mentee's employer".

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.coaching.models import Payer, SessionTerms
from tribe.core import labels

labels.register(
    {
        (SessionTerms, "payer"): {
            Payer.MENTEE: pgettext_lazy("in a sentence", "the mentee"),
            Payer.EMPLOYER: pgettext_lazy("in a sentence", "the mentee's employer"),
            Payer.PROGRAMME: pgettext_lazy("in a sentence", "a programme"),
            Payer.OTHER: pgettext_lazy("in a sentence", "someone else"),
        },
    }
)

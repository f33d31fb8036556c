"""The statuses of an advocacy ask inside a sentence (see :mod:`tribe.core.labels`).

The context is written out in each call: ``makemessages`` reads only literal strings.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tribe.advocacy.models import AdvocacyAsk, AskStatus
from tribe.core import labels

labels.register(
    {
        (AdvocacyAsk, "status"): {
            AskStatus.ASKED: pgettext_lazy("in a sentence", "asked"),
            AskStatus.AGREED: pgettext_lazy("in a sentence", "agreed"),
            AskStatus.DECLINED: pgettext_lazy("in a sentence", "declined"),
            AskStatus.DONE: pgettext_lazy("in a sentence", "done"),
            AskStatus.OUTCOME: pgettext_lazy("in a sentence", "outcome recorded"),
            AskStatus.WITHDRAWN: pgettext_lazy("in a sentence", "withdrawn"),
        },
    }
)

"""Choice labels as they read inside a sentence: "my mentor", "This relationship is paused".

A choice's own label is written for a heading or a list ("Mentor", "Paused").
English turns it into the word a sentence needs by lower-casing it, but other
languages cannot: a German noun keeps its capital ("mein Mentor") while an
adjective loses it ("pausiert"). So each value has a second label of its own,
with the context "in a sentence", and the pages use :func:`in_sentence` (or the
``in_sentence`` template filter) wherever a label stands inside running text.
In English each one is exactly the lower-cased label (a test keeps them so).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import pgettext_lazy

from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

__all__ = ["IN_SENTENCE", "in_sentence"]

Kind, Status = Relationship.Kind, Relationship.Status
Decision, MeetingStatus = Advice.Decision, Meeting.Status

#: For each (model, field) shown in sentences: every value's label in a sentence. The
#: context is written out in each call: ``makemessages`` reads only literal strings.
IN_SENTENCE: Mapping[tuple[type[models.Model], str], Mapping[str, StrPromise]] = {
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
    (Advice, "decision"): {
        Decision.UNDECIDED: pgettext_lazy("in a sentence", "not decided yet"),
        Decision.ADOPT: pgettext_lazy("in a sentence", "adopt"),
        Decision.TRY: pgettext_lazy("in a sentence", "try it"),
        Decision.PARK: pgettext_lazy("in a sentence", "park for later"),
        Decision.REJECT: pgettext_lazy("in a sentence", "set aside"),
    },
    (Meeting, "status"): {
        MeetingStatus.PLANNED: pgettext_lazy("in a sentence", "planned"),
        MeetingStatus.HELD: pgettext_lazy("in a sentence", "held"),
        MeetingStatus.CANCELLED: pgettext_lazy("in a sentence", "cancelled"),
    },
}


def in_sentence(obj: models.Model, field: str) -> str:
    """The label of ``obj.<field>`` as it reads inside a sentence, in the active language."""
    labels = IN_SENTENCE[obj._meta.concrete_model or type(obj), field]
    return str(labels[getattr(obj, field)])

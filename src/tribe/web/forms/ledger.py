"""Lists across all my relationships: what I decided about advice, how it went, my wins."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.ledger.models import Advice
from tribe.people.models import Goal
from tribe.web.forms.base import (
    DateField,
    ObjectChoiceField,
    TribeForm,
    goal_label,
    long_text,
    set_objects,
)
from tribe.web.forms.keep import REPORT_BACK


class AdviceDecisionForm(TribeForm):
    id_prefix = "decide"
    decision = forms.ChoiceField(choices=Advice.Decision.choices, label=_("My decision"))
    reason = long_text(
        rows=2,
        label=_("Reason"),
        help_text=_("Needed when you park it or set it aside. Yours alone."),
    )


class AdviceOutcomeForm(TribeForm):
    id_prefix = "outcome"
    outcome = long_text(rows=4, label=_("Outcome"))
    report_back = forms.BooleanField(
        required=False,
        label=REPORT_BACK,
        help_text=_(
            "The other side then reads the advice, your decision and this outcome, as written "
            "here. To share only words you choose, use “Share with …” on the advice log instead."
        ),
    )


class AdviceShareForm(TribeForm):
    """An outcome for whoever gave the advice (the mentor, or the other peer), in words
    its recorder chooses (prefilled from the outcome); ``giver`` names them on the labels."""

    id_prefix = "share"
    words = long_text(
        rows=4,
        label=_("What your mentor will read"),
        help_text=_("Shorten or rewrite it as you like: your outcome as you wrote it stays yours."),
    )
    with_advice = forms.BooleanField(
        required=False, label=_("Also show which advice it was, in the words below")
    )
    advice_summary = long_text(
        rows=2,
        label=_("The advice, as your mentor will read it"),
        help_text=_("Shown only when the box above is ticked."),
    )

    def __init__(self, *args: Any, giver: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if giver:
            self.fields["words"].label = gettext("What {name} will read").format(name=giver)
            self.fields["advice_summary"].label = gettext(
                "The advice, as {name} will read it"
            ).format(name=giver)


class WinForm(TribeForm):
    id_prefix = "win"
    text = forms.CharField(required=False, label=_("What went well"))
    happened_on = DateField(label=_("When"))
    goal = ObjectChoiceField(label=_("Towards the goal"))

    def __init__(self, *args: Any, goals: Sequence[Goal] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "goal", goals, goal_label)

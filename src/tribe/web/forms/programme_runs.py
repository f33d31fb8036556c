"""Forms of match runs: starting a run, a lock or ban on a pair, answering an offer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.programs.models import MatchObjective, PairRuleKind
from tribe.web.forms.base import ObjectChoiceField, TribeForm

__all__ = ["OfferAnswerForm", "PairRuleForm", "RunForm"]


class RunForm(TribeForm):
    """Start a run: over a cohort (or everyone waiting), with a trade-off."""

    id_prefix = "run"
    cohort = ObjectChoiceField(blank=_("Everyone waiting in the programme"), label=_("Cohort"))
    objective = forms.ChoiceField(
        choices=MatchObjective.choices,
        label=_("Trade-off"),
        help_text=_("The preview shows what each of the three gives, side by side."),
    )
    keep = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Keep the pairs of the last preview"),
        help_text=_("Only late joiners and people whose pair is no longer possible are rematched."),
    )


#: The rule form's kind that removes a pair's lock or ban instead of setting one.
CLEAR = "clear"


class PairRuleForm(TribeForm):
    """Lock or forbid one pair of a preview, and run again around it."""

    id_prefix = "rule"
    mentee = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    mentor = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[*PairRuleKind.choices, (CLEAR, _("Remove the lock or ban"))],
        widget=forms.HiddenInput,
    )


class OfferAnswerForm(TribeForm):
    """A participant's yes or no to their offer."""

    id_prefix = "answer"
    offer = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    accept = forms.TypedChoiceField(
        choices=(("yes", _("Accept")), ("no", _("Decline"))),
        coerce=lambda v: v == "yes",
        widget=forms.HiddenInput,
    )

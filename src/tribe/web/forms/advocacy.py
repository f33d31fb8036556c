"""Advocacy asks of a sponsor relationship: the ask, the sponsor's answer, that they
spoke, and what happened."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.web.forms.base import DateField, TribeForm, long_text


class AskForm(TribeForm):
    id_prefix = "ask"
    audience = forms.CharField(
        required=False,
        label=_("Who they will speak to"),
        help_text=_("A person or a forum: “the VP of product”, “the promotion committee”."),
    )
    opportunity = forms.CharField(
        required=False,
        label=_("About what"),
        help_text=_("A role, a project, a promotion round, a stage."),
    )
    case = long_text(
        rows=4,
        label=_("Why me"),
        help_text=_("The case to make: the achievements your sponsor can cite."),
    )
    by_when = DateField(required=False, label=_("By when"))


class AnswerForm(TribeForm):
    """The sponsor's yes or no, with a word if they like."""

    id_prefix = "answer"
    note = long_text(rows=2, label=_("A word with your answer"))


class DoneForm(TribeForm):
    id_prefix = "done"
    spoke_on = DateField(
        required=False, label=_("When it was said"), help_text=_("Left empty: today.")
    )
    note = long_text(rows=2, label=_("What was said, and to whom"))


class OutcomeForm(TribeForm):
    id_prefix = "outcome"
    outcome = long_text(rows=3, label=_("What happened"))

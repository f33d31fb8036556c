"""One meeting's page: its agenda and the follow-up sent after it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.web.forms.base import ButtonForm, TribeForm, long_text


class AgendaForm(TribeForm):
    id_prefix = "agenda"
    agenda = long_text(
        rows=20,
        label=_("Agenda"),
        help_text=_("Markdown. Empty it and save to go back to the agenda built from your data."),
    )


class FollowUpEmailForm(TribeForm):
    """The follow-up sent by e-mail: the draft as the page showed it."""

    id_prefix = "follow_up_email"
    body = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)


class FollowUpForm(ButtonForm):
    """The one-button "follow-up sent": no fields, only the service's verdict."""

    id_prefix = "follow_up"

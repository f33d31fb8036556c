"""Making a personal API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.accounts.services import MAX_TOKEN_DAYS
from tribe.web.forms.base import TribeForm


class TokenForm(TribeForm):
    """Field names are :func:`~tribe.accounts.services.token_create`'s, whose rules
    (the name, 1 to ``MAX_TOKEN_DAYS`` days) answer here too."""

    id_prefix = "token"

    name = forms.CharField(
        max_length=100,
        label=_("Name"),
        help_text=_("What it is for, so you can tell your tokens apart: “nightly backup”."),
    )
    read_only = forms.BooleanField(
        required=False,
        label=_("Read-only"),
        help_text=_("It may read everything you may read, and change nothing."),
    )
    # No min/max validators: the service says what the range is, in its own words.
    days = forms.IntegerField(
        required=False,
        label=_("Lasts (days)"),
        help_text=_("Leave it empty for a token without end."),
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_TOKEN_DAYS}),
    )

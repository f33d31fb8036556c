"""A programme's settings, its matching rules, an administrator to add, a cohort."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.programs.models import MatchMode, MatchObjective, Programme
from tribe.programs.services import WEIGHT_NAMES
from tribe.web.forms.base import DateField, TribeForm, initial_from, long_text
from tribe.web.forms.notifications import SecretInput, describe_webhooks, webhook_choice


class ProgrammeForm(TribeForm):
    id_prefix = "programme"
    name = forms.CharField(max_length=200, label=_("Name"))
    slug = forms.CharField(
        max_length=60,
        label=_("Short name for its address"),
        help_text=_("Lower-case letters, digits and hyphens, e.g. “engineering-2026”."),
    )
    description = long_text(rows=3, label=_("What it is for"))
    evergreen = forms.BooleanField(
        required=False,
        label=_("Evergreen"),
        help_text=_("People join and are matched at any time, without cohorts."),
    )
    default_cadence_days = forms.IntegerField(
        min_value=1, max_value=366, initial=30, label=_("Meet every (days)")
    )
    default_length_months = forms.IntegerField(
        min_value=1, max_value=36, initial=6, label=_("Relationships last (months)")
    )


class ProgrammeSettingsForm(ProgrammeForm):
    """The same fields without the address, which stays as it was made."""

    slug = None  # type: ignore[assignment]

    @classmethod
    def initial_for(cls, programme: Programme) -> dict[str, Any]:
        return initial_from(cls, programme)


#: The score's parts, as an administrator reads them.
WEIGHT_LABELS = {
    "text": _("What they want and offer"),
    "seniority": _("Seniority gap"),
    "language": _("Shared language"),
    "timezone": _("Overlapping hours"),
    "ranking": _("The mentee's own ranking"),
}


class RulesForm(TribeForm):
    id_prefix = "rules"
    mode = forms.ChoiceField(choices=MatchMode.choices, label=_("Mode"))
    objective = forms.ChoiceField(choices=MatchObjective.choices, label=_("Trade-off"))
    fairness_floor = forms.FloatField(
        min_value=0,
        max_value=1,
        label=_("Minimum score (for the fairness trade-off)"),
        help_text=_("From 0 to 1."),
    )
    min_overlap_hours = forms.FloatField(
        min_value=0,
        max_value=24,
        label=_("Minimum overlapping hours a day"),
        help_text=_("0: no minimum."),
    )
    min_seniority_gap = forms.FloatField(
        required=False,
        min_value=-50,
        max_value=50,
        label=_("Mentor at least this many years more senior"),
        help_text=_("Empty: no minimum."),
    )
    require_shared_language = forms.BooleanField(required=False, label=_("A shared language"))
    forbid_same_reporting_line = forms.BooleanField(
        required=False, label=_("Never someone in their own reporting line")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in WEIGHT_NAMES:
            self.fields[f"weight_{name}"] = forms.FloatField(
                required=False,
                min_value=0,
                max_value=1,
                label=WEIGHT_LABELS[name],
                help_text=_("Weight from 0 to 1; empty: the default."),
            )

    @classmethod
    def initial_for(cls, programme: Programme) -> dict[str, Any]:
        initial = initial_from(cls, programme)
        for name, weight in programme.weights.items():
            initial[f"weight_{name}"] = weight
        return initial

    def settings(self) -> dict[str, Any]:
        """The cleaned rules as ``programme_update`` takes them."""
        data = dict(self.cleaned_data)
        weights = {
            name: data.pop(f"weight_{name}")
            for name in WEIGHT_NAMES
            if data.get(f"weight_{name}") is not None
        }
        for name in WEIGHT_NAMES:
            data.pop(f"weight_{name}", None)
        return {**data, "weights": weights}


class AdminForm(TribeForm):
    id_prefix = "admin"
    email = forms.EmailField(
        label=_("E-mail address of their Tribe account"),
        help_text=_("They administer this programme as you do: figures, never private words."),
    )


class CohortForm(TribeForm):
    id_prefix = "cohort"
    name = forms.CharField(max_length=200, label=_("Name"))
    enrol_opens = DateField(required=False, label=_("Enrolment opens"))
    enrol_closes = DateField(required=False, label=_("Enrolment closes"))
    match_opens = DateField(required=False, label=_("Matching opens"))
    match_closes = DateField(required=False, label=_("Matching closes"))
    starts_on = DateField(required=False, label=_("Relationships start"))
    length_months = forms.IntegerField(
        min_value=1, max_value=36, initial=6, label=_("Length (months)")
    )


class ProgrammeChatForm(TribeForm):
    """The programme's chat channel: the address is a secret, never sent back to the browser.

    An empty field keeps what is stored; the "remove" box clears it
    (``programme_set_webhooks`` holds the rules, as for a person's own webhooks).
    """

    id_prefix = "chat"
    slack_webhook = forms.CharField(
        required=False,
        max_length=500,
        label=_("Slack webhook address"),
        widget=SecretInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    slack_remove = forms.BooleanField(required=False, label=_("Remove the Slack webhook"))
    teams_webhook = forms.CharField(
        required=False,
        max_length=1000,
        label=_("Microsoft Teams workflow webhook address"),
        widget=SecretInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    teams_remove = forms.BooleanField(required=False, label=_("Remove the Microsoft Teams webhook"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        describe_webhooks(self, programme)

    def arguments(self) -> dict[str, Any]:
        """What ``programme_set_webhooks`` takes, from what was sent (after ``is_valid``)."""
        data = self.cleaned_data
        return {
            "slack_webhook": webhook_choice(data, "slack_webhook", "slack_remove"),
            "teams_webhook": webhook_choice(data, "teams_webhook", "teams_remove"),
        }

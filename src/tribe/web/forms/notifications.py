"""My notification settings: the digest, the topics I hear about, my chat webhooks.

The form only parses; ``tribe.outbox.preferences.preference_set`` holds the
rules (an hour from 0 to 23, a webhook on Slack's or Microsoft's hosts), so
the page and ``tribe notifications set`` answer alike. A stored webhook is a
secret: the form never carries it back to the browser. An empty webhook field
keeps what is stored; the "remove" box clears it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.outbox.models import Preference
from tribe.people.models import AvailabilityWindow, Person
from tribe.web.forms.base import TribeForm

#: The service's field names, as this form names them.
ALIASES = {"muted": "topics"}


#: The weekly digest's day is an ISO weekday (1 = Monday); availability counts from 0.
ISO_WEEKDAYS = [(day + 1, label) for day, label in AvailabilityWindow.Weekday.choices]


class SecretInput(forms.TextInput):
    """A text box that never fills itself in: not the stored address, not one sent back
    with a refused form (so no page, cache or screenshot holds a webhook)."""

    def format_value(self, value: Any) -> str | None:
        return None


def secret_tail(secret: str) -> str:
    """The last four characters of a stored secret: enough to recognise it, not to use it."""
    return secret[-4:]


class NotificationsForm(TribeForm):
    digest = forms.ChoiceField(
        choices=Preference.Digest.choices, widget=forms.RadioSelect, label=_("Digest of Today")
    )
    digest_weekday = forms.TypedChoiceField(
        choices=ISO_WEEKDAYS,
        coerce=int,
        label=_("Day of the weekly digest"),
    )
    # An integer, not a list of hours: the service says what an hour is, so a
    # page and the command give the same message for "25".
    digest_hour = forms.IntegerField(
        label=_("Hour it arrives"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 23, "step": 1}),
    )
    topics = forms.MultipleChoiceField(
        choices=Preference.Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Tell me when"),
        help_text=_("Ticked: you get a message about it. Untick what you do not want."),
    )
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

    def __init__(self, *args: Any, person: Person, preference: Preference, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "digest": preference.digest,
                "digest_weekday": preference.digest_weekday,
                "digest_hour": preference.digest_hour,
                "topics": [t for t in Preference.Topic.values if t not in preference.muted],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].help_text = gettext(
            "0 to 23, in your time zone ({zone}): 8 is eight in the morning."
        ).format(zone=person.timezone)
        describe_webhooks(self, preference)

    def arguments(self) -> dict[str, Any]:
        """What ``preference_set`` takes, from what was sent (after ``is_valid``)."""
        data = self.cleaned_data
        return {
            "digest": data["digest"],
            "digest_weekday": data["digest_weekday"],
            "digest_hour": data["digest_hour"],
            "muted": [t for t in Preference.Topic.values if t not in data["topics"]],
            "slack_webhook": webhook_choice(data, "slack_webhook", "slack_remove"),
            "teams_webhook": webhook_choice(data, "teams_webhook", "teams_remove"),
        }


def webhook_choice(data: dict[str, Any], name: str, remove: str) -> str | None:
    """An empty string removes the stored address, None keeps it, any other replaces it."""
    if data.get(remove):
        return ""
    typed = (data.get(name) or "").strip()
    return typed or None


def describe_webhooks(form: forms.Form, holder: object) -> None:
    """Help texts of a form's two webhook fields, for a person's or a programme's.

    A stored address is never shown back, only its last characters; the
    "remove" box appears only when there is something to remove.
    """
    for name, remove in (("slack_webhook", "slack_remove"), ("teams_webhook", "teams_remove")):
        stored = getattr(holder, name)
        if stored:
            form.fields[name].help_text = gettext(
                "Connected, ends in …{tail}. Paste a new address to replace it."
            ).format(tail=secret_tail(stored))
        else:
            # Nothing to remove: the box would only confuse.
            del form.fields[remove]
    form.fields["slack_webhook"].help_text = form.fields["slack_webhook"].help_text or gettext(
        "Optional: an incoming webhook from Slack, starting with https://hooks.slack.com/."
    )
    form.fields["teams_webhook"].help_text = form.fields["teams_webhook"].help_text or gettext(
        "Optional: the address of a Teams workflow (“Post to a channel when a webhook "
        "request is received”)."
    )

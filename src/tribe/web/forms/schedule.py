"""Scheduling: a proposed time picked with one button, and a recurring series."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tribe.core import validation as v
from tribe.core.codes import CoreCode
from tribe.core.errors import TribeError
from tribe.meetings.recurrence import (
    MAX_OCCURRENCES,
    MAX_RULE_LENGTH,
    normalise_rule,
    repeat_choices,
    repeat_rule,
)
from tribe.web.forms.base import DateField, TimeInput, TribeForm, zone_choices
from tribe.web.forms.meetings import LOCATION, LOCATION_HELP, TITLE


class SlotForm(TribeForm):
    """A proposed time, picked with one button: its start travels as an ISO moment."""

    id_prefix = "slot"
    starts_at = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(required=False, label=TITLE)

    def clean_starts_at(self) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError as exc:
            raise forms.ValidationError(gettext("is not a time")) from exc
        if moment.tzinfo is None:
            raise forms.ValidationError(gettext("must include a time zone"))
        try:
            return v.moment(moment, field="starts_at")
        except TribeError as exc:
            raise forms.ValidationError(exc.message, code="date_range") from exc


class SeriesForm(TribeForm):
    """A recurring meeting: a simple repeat and a count, or a raw RRULE.

    Either way it cleans to ``rule``, the RRULE the service expands.
    """

    id_prefix = "series"
    title = forms.CharField(required=False, label=TITLE)
    first_date = DateField(label=_("First meeting on"))
    start_time = forms.TimeField(widget=TimeInput, label=pgettext_lazy("time of day", "At"))
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"))
    timezone = forms.ChoiceField(
        choices=zone_choices,
        label=_("Time zone"),
        help_text=_("The meetings stay at this wall-clock time when the clocks change."),
    )
    repeat = forms.ChoiceField(choices=repeat_choices, label=_("Repeat"))
    count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_OCCURRENCES,
        label=_("How many meetings"),
        initial=6,
    )
    rrule = forms.CharField(
        required=False,
        label=_("Advanced: a recurrence rule"),
        help_text=_(
            "An RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU;COUNT=10. "
            "When given, it replaces the repeat and count above. It must end (COUNT or UNTIL)."
        ),
    )
    location = forms.CharField(required=False, label=LOCATION, help_text=LOCATION_HELP)

    def clean_rrule(self) -> str:
        """A cheap bound before the service looks at the rule: the column's length."""
        rule: str = self.cleaned_data.get("rrule") or ""
        length = len(normalise_rule(rule))
        if length > MAX_RULE_LENGTH:
            raise forms.ValidationError(
                CoreCode.TOO_LONG.message(limit=MAX_RULE_LENGTH, length=length), code="max_length"
            )
        return rule

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "rrule" in self.errors:
            pass  # a refused rule replaces the repeat and count: nothing to add
        elif not data.get("rrule") and "repeat" in data and "count" not in self.errors:
            if data.get("count") is None:
                self.add_error("count", gettext("say how many meetings (or give a rule below)"))
            else:
                data["rule"] = repeat_rule(repeat=data["repeat"], count=data["count"])
        elif data.get("rrule"):
            data["rule"] = data["rrule"]
        return data

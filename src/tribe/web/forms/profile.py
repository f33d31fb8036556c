"""My profile and my weekly availability."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tribe.people.models import AvailabilityWindow, Person
from tribe.web.forms.base import TimeInput, TribeForm, list_text, long_text, zone_choices


class ProfileForm(TribeForm):
    name = forms.CharField(max_length=200, label=_("Name"))
    headline = forms.CharField(max_length=200, required=False, label=_("Headline"))
    timezone = forms.ChoiceField(choices=zone_choices, label=_("Time zone"))
    languages = forms.CharField(
        required=False,
        label=_("Languages"),
        help_text=_("Separate with commas, for example: English, French."),
    )
    expertise = forms.CharField(
        required=False,
        label=_("What I know well"),
        help_text=_("Topics you could mentor someone on, separated by commas."),
    )
    offers = long_text(rows=3, label=_("What I can offer as a mentor"))
    causes = forms.CharField(
        required=False,
        label=_("Causes I support"),
        help_text=_(
            "Separated by commas, for example: Code Club, a food bank. Public like your "
            "expertise: someone who asks you can offer to help with one of them."
        ),
    )
    seniority = forms.IntegerField(
        min_value=0, max_value=80, label=_("Years of professional experience")
    )
    open_to_mentoring = forms.BooleanField(required=False, label=_("I am open to mentoring"))
    mentee_capacity = forms.IntegerField(
        min_value=0,
        max_value=100,
        label=_("How many active mentees I can take"),
    )
    preferred_cadence_days = forms.IntegerField(
        required=False,
        label=_("As a mentor, I like to meet every … days"),
        help_text=_("Leave empty if you have no preference. Requests to you suggest it."),
    )
    nudge_after_days = forms.IntegerField(
        label=_("Nudge after … days without an answer"),
        help_text=_(
            "When you ask someone to mentor you: how long to wait before a friendly nudge."
        ),
    )
    share_mentors = forms.BooleanField(
        required=False, label=_("Let my mentees see who mentors me, in their tribe graph")
    )

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in cls.base_fields}
        initial["languages"] = list_text(person.languages)
        initial["expertise"] = list_text(person.expertise)
        initial["causes"] = list_text(person.causes)
        return initial


class WindowForm(TribeForm):
    """One weekly availability row; a fully blank row means "no window"."""

    template_name = "web/forms/window_row.html"
    weekday = forms.TypedChoiceField(
        choices=[("", "—"), *AvailabilityWindow.Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Day"),
    )
    starts = forms.TimeField(
        widget=TimeInput, required=False, label=pgettext_lazy("start of a weekly window", "From")
    )
    ends = forms.TimeField(
        widget=TimeInput, required=False, label=pgettext_lazy("end of a weekly window", "To")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(name) is not None for name in ("weekday", "starts", "ends")]
        if any(filled) and not all(filled):
            for name, present in zip(("weekday", "starts", "ends"), filled, strict=True):
                if not present and name not in self.errors:
                    self.add_error(name, gettext("is required when the row is used"))
        return data

    @property
    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(n) is None for n in ("weekday", "starts", "ends"))


class BaseWindowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    template_name = "web/forms/window_formset.html"


WindowFormSet = forms.formset_factory(
    WindowForm, formset=BaseWindowFormSet, extra=0, max_num=21, absolute_max=21
)

#: The service names a window "availability[<n>].<field>", counting the
#: windows it was given from 1.
AVAILABILITY_FIELD = re.compile(r"^availability\[(\d+)\]\.(\w+)$")

"""My goals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.people.models import Goal
from tribe.web.forms.base import DateField, TribeForm, initial_from, long_text


class GoalForm(TribeForm):
    title = forms.CharField(max_length=200, label=_("What I want to learn"))
    why = long_text(rows=3, label=_("Why"))
    target_date = DateField(required=False, label=_("By when"))
    status = forms.ChoiceField(
        choices=Goal.Status.choices, initial=Goal.Status.OPEN, label=_("Status")
    )

    @classmethod
    def initial_for(cls, goal: Goal) -> dict[str, Any]:
        return initial_from(cls, goal)

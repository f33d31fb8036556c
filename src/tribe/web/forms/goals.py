"""My goals, and the kind of help each needs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.core.kinds import RelationshipKind
from tribe.people.models import Goal
from tribe.web.forms.base import DateField, TribeForm, initial_from, long_text

NEED = _("What kind of help I need")
#: The choice of no kind yet: the search suggests one from the goal's words.
NOT_CHOSEN = ("", _("Not chosen yet"))


class GoalForm(TribeForm):
    title = forms.CharField(max_length=200, label=_("What I want to learn"))
    why = long_text(rows=3, label=_("Why"))
    target_date = DateField(required=False, label=_("By when"))
    status = forms.ChoiceField(
        choices=Goal.Status.choices, initial=Goal.Status.OPEN, label=_("Status")
    )
    need = forms.ChoiceField(
        choices=[NOT_CHOSEN, *RelationshipKind.choices],
        required=False,
        label=NEED,
        help_text=_(
            "A mentor shares lessons, a coach designs practice, a sponsor speaks up for you, "
            "a peer trades notes. Prospects you add for the goal are asked as this kind."
        ),
    )

    @classmethod
    def initial_for(cls, goal: Goal) -> dict[str, Any]:
        return initial_from(cls, goal)


class GoalNeedForm(TribeForm):
    """One goal's kind of help, chosen on the search's first step (one click or a list)."""

    id_prefix = "need"

    need = forms.ChoiceField(choices=RelationshipKind.choices, label=NEED)

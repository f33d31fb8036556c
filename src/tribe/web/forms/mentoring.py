"""Mentor mode: answering a request (no, or a question first) and recording introductions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.people.models import Contact, Person
from tribe.web.forms.base import (
    DateField,
    ObjectChoiceField,
    TribeForm,
    long_text,
    person_label,
    set_objects,
)


class DeclineForm(TribeForm):
    id_prefix = "decline"
    message = long_text(
        rows=8, label=_("Your answer"), help_text=_("A kind no: edit the template as you like.")
    )
    ask_again_months = forms.IntegerField(
        required=False,
        label=_("They may ask again in … months"),
        help_text=_(
            "Only if you would like that. Left empty, Tribe does not suggest asking you again."
        ),
    )


class InfoRequestForm(TribeForm):
    id_prefix = "info"
    question = long_text(
        rows=3,
        label=_("What would you like to know"),
        help_text=_("For example how much time they hope for, or what they have tried already."),
    )


class IntroductionForm(TribeForm):
    """An introduction: I introduced a mentee of mine, or a mentor of mine introduced me."""

    id_prefix = "intro"
    direction = forms.ChoiceField(
        choices=[
            ("made", _("I introduced one of my mentees")),
            ("received", _("One of my mentors introduced me")),
        ],
        initial="made",
        widget=forms.RadioSelect,
        label=_("Who introduced whom"),
    )
    mentee = ObjectChoiceField(label=_("My mentee"), help_text=_("When you made the introduction."))
    mentor = ObjectChoiceField(label=_("My mentor"), help_text=_("When you were introduced."))
    to_email = forms.EmailField(
        required=False,
        max_length=254,
        label=_("To the person with the e-mail address"),
        help_text=_("They become one of your contacts. Or choose one of your contacts below."),
    )
    to_contact = ObjectChoiceField(label=_("Or to one of my contacts"))
    note = long_text(rows=2, max_length=1000, label=_("Note"))
    introduced_on = DateField(label=_("Introduced on"))
    start_prospect = forms.BooleanField(
        required=False,
        label=_("Add them as a prospect mentor of mine (when I was introduced)"),
    )

    def __init__(
        self,
        *args: Any,
        mentors: Sequence[Person],
        mentees: Sequence[Person],
        contacts: Sequence[Contact],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "mentee", mentees, person_label)
        set_objects(self, "mentor", mentors, person_label)
        set_objects(self, "to_contact", contacts, lambda c: c.name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        side = {"made": "mentee", "received": "mentor"}.get(data.get("direction", ""))
        if side and side not in self.errors and data.get(side) is None:
            missing = {
                "mentee": gettext("choose your mentee"),
                "mentor": gettext("choose your mentor"),
            }
            self.add_error(side, missing[side])
        return data

"""A coaching relationship's forms: an exercise, a practice, and the terms of sessions.

They only parse what the browser sends; the rules (who may, which days, which
currencies) are the services' (``tribe.coaching.services``), whose field names
these share so that a refusal lands on the field it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tribe.coaching.models import Exercise, Payer, SessionTerms
from tribe.web.forms.base import DateField, ObjectChoiceField, TribeForm, long_text, set_objects

PAID, FREE = "paid", "free"


class ExerciseForm(TribeForm):
    id_prefix = "exercise"
    title = forms.CharField(required=False, label=_("Exercise"))
    instructions = long_text(
        rows=3, label=_("How to practise it"), help_text=_("What to do, and what to look for.")
    )
    every_days = forms.IntegerField(
        required=False,
        label=_("Every how many days"),
        help_text=_("1 is every day, 2 is three or four times a week, 7 is once a week."),
    )
    started_on = DateField(label=_("From"), help_text=_("It is not due before this day."))

    @staticmethod
    def initial_for(exercise: Exercise) -> dict[str, Any]:
        return {
            "title": exercise.title,
            "instructions": exercise.instructions,
            "every_days": exercise.every_days,
            "started_on": exercise.started_on,
        }


class PracticeForm(TribeForm):
    id_prefix = "practice"
    exercise = ObjectChoiceField(blank=None, label=_("Exercise"))
    practised_on = DateField(label=_("Practised on"), help_text=_("Back-dating is fine."))
    minutes = forms.IntegerField(required=False, label=_("Minutes"))
    note = forms.CharField(
        required=False,
        label=_("Note"),
        help_text=_("Your coach reads the practice log, this note too."),
    )

    def __init__(
        self, *args: Any, exercises: Sequence[Exercise] = (), by_coach: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "exercise", exercises, lambda e: e.title)
        if by_coach:  # a client without an account: the coach keeps the log for them
            self.fields["note"].help_text = _("What your client told you about it.")


class AmountField(forms.CharField):
    """An amount as typed, in the page's language ("79,50" in German), handed on as text
    with a point: the service decides what an amount may be (digits, two decimals),
    where Python's own reading would let "1e9" or "+5" through."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs)

    def to_python(self, value: Any) -> str:
        return str(formats.sanitize_separators(super().to_python(value)))


class TermsForm(TribeForm):
    id_prefix = "terms"
    paid = forms.TypedChoiceField(
        choices=[(FREE, _("Free")), (PAID, _("Paid"))],
        coerce=lambda value: value == PAID,
        widget=forms.RadioSelect,
        label=_("Sessions are"),
    )
    amount = AmountField(
        required=False,
        label=_("Amount per session"),
        help_text=_("For example 80 or 79.50."),
    )
    currency = forms.CharField(
        required=False, label=_("Currency"), help_text=_("Its ISO 4217 code: EUR, USD, GBP…")
    )
    payer = forms.ChoiceField(
        required=False, choices=[("", _("— nobody: free —")), *Payer.choices], label=_("Who pays")
    )
    note = forms.CharField(
        required=False,
        label=_("Note"),
        help_text=_("For example how often you invoice, or what a cancellation costs."),
    )

    @staticmethod
    def initial_for(terms: SessionTerms | None) -> dict[str, Any]:
        if terms is None:
            return {"paid": FREE}
        return {
            "paid": PAID if terms.paid else FREE,
            "amount": (
                formats.number_format(terms.amount, decimal_pos=terms.decimals)
                if terms.amount is not None
                else None
            ),
            "currency": terms.currency,
            "payer": terms.payer,
            "note": terms.note,
        }

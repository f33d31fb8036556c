"""Forms of a programme's reports and surveys: a survey to set up, an answer, the filters.

A survey's questions are typed one a line, so the page needs no script::

    rating 1-5: How useful are your meetings?
    text: What would make them better?

The form turns the lines into the service's questions; the service checks them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.programs.models import TEXT_MAX, Cohort, Survey
from tribe.programs.surveys import BREAKDOWNS, DuePoint, questions_of
from tribe.web.forms.base import ObjectChoiceField, TribeForm, long_text, set_objects

LINE = re.compile(
    r"^\s*(?:(?P<rating>rating)\s+(?P<low>\d{1,2})\s*-\s*(?P<high>\d{1,2})|(?P<text>text))\s*:\s*"
    r"(?P<label>.+?)\s*$",
    re.IGNORECASE,
)


def questions_text(survey: Survey) -> str:
    """A survey's questions as the lines the form reads back."""
    lines = []
    for q in questions_of(survey):
        head = f"rating {q.low}-{q.high}" if q.kind == "rating" else "text"
        lines.append(f"{head}: {q.label}")
    return "\n".join(lines)


class SurveyForm(TribeForm):
    id_prefix = "survey"
    name = forms.CharField(max_length=200, label=_("Name"))
    cohort = ObjectChoiceField(
        label=_("Cohort"), blank=_("— every cohort —"), help_text=_("Ask only this cohort's pairs.")
    )
    first_after_days = forms.IntegerField(
        min_value=1, max_value=1000, initial=30, label=_("First after (days)")
    )
    every_days = forms.IntegerField(
        min_value=0,
        max_value=1000,
        initial=60,
        label=_("Then every (days)"),
        help_text=_("0: only once."),
    )
    at_end = forms.BooleanField(
        required=False, initial=True, label=_("And at the end of the relationship")
    )
    questions = long_text(
        rows=6,
        required=True,
        label=_("Questions, one a line"),
        help_text=_(
            "“rating 1-5: How useful are your meetings?” or “text: What would help?”. "
            "Administrators see ratings only as averages over at least five people, and "
            "written answers only where their authors chose to share them."
        ),
    )

    def __init__(self, *args: Any, cohorts: Sequence[Cohort] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "cohort", cohorts, lambda c: c.name)

    def clean_questions(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        raw = str(self.cleaned_data.get("questions") or "")
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            match = LINE.match(line)
            if match is None:
                raise forms.ValidationError(
                    gettext(
                        "line {line}: start with “rating 1-5:” or “text:”, then the question"
                    ).format(line=number)
                )
            if match["rating"]:
                out.append(
                    {
                        "kind": "rating",
                        "label": match["label"],
                        "min": int(match["low"]),
                        "max": int(match["high"]),
                    }
                )
            else:
                out.append({"kind": "text", "label": match["label"]})
        return out

    @classmethod
    def initial_for(cls, survey: Survey) -> dict[str, Any]:
        return {
            "name": survey.name,
            "cohort": survey.cohort_id,
            "first_after_days": survey.first_after_days,
            "every_days": survey.every_days,
            "at_end": survey.at_end,
            "questions": questions_text(survey),
        }


class AnswerForm(TribeForm):
    """One field per question of the survey, named by its key (the service's field)."""

    id_prefix = "answer"

    def __init__(self, *args: Any, due: DuePoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in questions_of(due.survey):
            if q.kind == "rating":
                self.fields[q.key] = forms.TypedChoiceField(
                    label=q.label,
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[("", gettext("— no answer —"))]
                    + [(n, str(n)) for n in range(q.low, q.high + 1)],
                    help_text=gettext("From {low} (lowest) to {high} (highest).").format(
                        low=q.low, high=q.high
                    ),
                )
            else:
                self.fields[q.key] = long_text(rows=3, label=q.label, max_length=TEXT_MAX)
        self.fields["share_texts"] = forms.BooleanField(
            required=False,
            label=_("Share my written answers with the programme's administrators"),
            help_text=_(
                "Without your name. Unless you tick this, only your ratings count, and only "
                "in averages over at least five people."
            ),
        )

    def answers(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "share_texts"}


class BreakdownForm(TribeForm):
    """How survey results are broken down (read from the address)."""

    id_prefix = "breakdown"
    breakdown = forms.ChoiceField(
        required=False,
        label=_("Break down by"),
        choices=[
            ("", _("— the whole survey —")),
            ("cohort", _("Cohort")),
            ("point", _("Point in the relationship")),
            ("role", _("Side (mentee or mentor)")),
        ],
    )

    def value(self) -> str:
        if not self.is_valid():
            return ""
        value = str(self.cleaned_data.get("breakdown") or "")
        return value if value in BREAKDOWNS else ""


class CohortFilterForm(TribeForm):
    """The dashboard's cohort (read from the address)."""

    id_prefix = "filter"
    cohort = ObjectChoiceField(label=_("Cohort"), blank=_("— the whole programme —"))

    def __init__(self, *args: Any, cohorts: Sequence[Cohort] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "cohort", cohorts, lambda c: c.name)

    def chosen(self) -> Cohort | None:
        if not self.is_valid():
            return None
        cohort: Cohort | None = self.cleaned_data.get("cohort")
        return cohort

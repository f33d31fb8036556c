"""A programme's people: the roster file and its mapping, invitations, the intake."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.people.models import Person
from tribe.programs.enrolment import PREFERRED_MAX, Intake
from tribe.programs.models import CAPACITY_MAX, TEXT_MAX, Participant, Programme, Role
from tribe.programs.roster_import import FIELDS, MAX_BYTES
from tribe.web.forms.base import TribeForm, list_text, long_text, zone_choices

#: How many addresses one invitation form takes.
ADDRESSES_MAX = 200


class RosterFileForm(TribeForm):
    id_prefix = "roster"
    file = forms.FileField(
        label=_("HR export (CSV)"),
        help_text=_(
            "A CSV file with a header row: employee id, e-mail, names, manager id or "
            "manager e-mail, department, title, location, hire date, status. At most 50 MB. "
            "Next you check how its columns are read, and see what would change."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("the file is larger than 50 MB"))
        return upload


class MappingForm(TribeForm):
    """One choice per column of the file: which roster field it fills, if any."""

    id_prefix = "mapping"
    deactivate_missing = forms.BooleanField(
        required=False,
        label=_("People missing from this file have left"),
        help_text=_(
            "Deactivate everyone in the roster who is not in this file. They are kept, "
            "marked as gone; if they take part, they leave the programme."
        ),
    )

    def __init__(self, *args: Any, columns: list[str], mapping: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.columns = columns
        choices = [("", _("— not imported —")), *FIELDS.items()]
        for index, column in enumerate(columns):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                choices=choices, required=False, label=column, initial=mapping.get(column, "")
            )
        # The checkbox after the columns.
        self.order_fields([*(f"column_{i}" for i in range(len(columns))), "deactivate_missing"])

    def mapping(self) -> dict[str, str]:
        return {
            column: self.cleaned_data.get(f"column_{index}", "")
            for index, column in enumerate(self.columns)
        }


class InviteForm(TribeForm):
    id_prefix = "invite"
    emails = long_text(
        rows=4,
        required=True,
        label=_("E-mail addresses"),
        help_text=_("One or more, separated by commas or new lines."),
    )
    cohort = forms.ChoiceField(required=False, label=_("Cohort"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.programme = programme
        _choices(self, "cohort", cohort_choices(programme))

    def clean_emails(self) -> list[str]:
        text = self.cleaned_data.get("emails", "")
        addresses = [a for a in re.split(r"[\s,;]+", text) if a]
        if len(addresses) > ADDRESSES_MAX:
            raise forms.ValidationError(
                _("at most %(limit)s addresses at once"), params={"limit": ADDRESSES_MAX}
            )
        return list(dict.fromkeys(a.lower() for a in addresses))


class RosterInviteForm(TribeForm):
    id_prefix = "roster_invite"
    cohort = forms.ChoiceField(required=False, label=_("Cohort"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choices(self, "cohort", cohort_choices(programme))


def _choices(form: forms.Form, name: str, choices: Sequence[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def cohort_choices(programme: Programme) -> list[tuple[str, str]]:
    return [("", str(_("— none —")))] + [
        (str(c.pk), c.name) for c in programme.cohorts.order_by("name", "id")
    ]


class IntakeForm(TribeForm):
    """What a participant tells the programme, and the profile fields matching reads."""

    id_prefix = "intake"
    role = forms.ChoiceField(choices=Role.choices, label=_("I take part as"))
    wants = long_text(
        rows=4,
        max_length=TEXT_MAX,
        label=_("What I would like to learn"),
        help_text=_("Needed as a mentee."),
    )
    offers = long_text(
        rows=4,
        max_length=TEXT_MAX,
        label=_("What I can offer"),
        help_text=_("Needed as a mentor."),
    )
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=CAPACITY_MAX,
        label=_("Mentees I can take at once"),
        help_text=_("As a mentor: from 1 to %(high)s.") % {"high": CAPACITY_MAX},
    )
    cohort = forms.ChoiceField(required=False, label=_("Cohort"))
    languages = forms.CharField(
        required=False,
        max_length=1000,
        label=_("Languages I speak"),
        help_text=_("Separated by commas. This changes your profile."),
    )
    timezone = forms.ChoiceField(label=_("My time zone"), help_text=_("This changes your profile."))
    seniority = forms.IntegerField(
        min_value=0,
        max_value=80,
        label=_("Years of professional experience"),
        help_text=_("This changes your profile."),
    )
    avoid = forms.MultipleChoiceField(
        required=False,
        label=_("People I should not be matched with"),
        help_text=_("Nobody is told."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        person: Person,
        mentors: list[Participant],
        people: list[Participant],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.programme = programme
        _choices(self, "cohort", cohort_choices(programme))
        _choices(self, "timezone", zone_choices())
        mentor_choices = [("", _("— none —")), *((str(p.pk), p.person.name) for p in mentors)]
        for rank in range(1, PREFERRED_MAX + 1):
            self.fields[f"preferred_{rank}"] = forms.ChoiceField(
                choices=mentor_choices,
                required=False,
                label=_("Mentor I would like, choice %(rank)s") % {"rank": rank},
            )
        _choices(self, "avoid", [(str(p.pk), p.person.name) for p in people])
        self.questions = list(programme.intake_questions)
        for question in self.questions:
            name = f"answer_{question['key']}"
            if question.get("kind") == "choice":
                self.fields[name] = forms.ChoiceField(
                    choices=[("", _("— no answer —"))] + [(c, c) for c in question["choices"]],
                    required=False,
                    label=question["label"],
                )
            else:
                self.fields[name] = long_text(rows=3, max_length=TEXT_MAX, label=question["label"])

    @classmethod
    def initial_for(cls, person: Person, participant: Participant | None) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "languages": list_text(person.languages),
            "timezone": person.timezone,
            "seniority": person.seniority,
            "role": Role.MENTEE,
        }
        if participant is not None:
            initial.update(
                role=participant.role,
                wants=participant.wants,
                offers=participant.offers,
                capacity=participant.capacity or None,
                cohort=str(participant.cohort_id or ""),
                avoid=[str(pk) for pk in participant.avoid],
            )
            for rank, pk in enumerate(participant.preferred, start=1):
                initial[f"preferred_{rank}"] = str(pk)
            for key, answer in participant.answers.items():
                initial[f"answer_{key}"] = answer
        return initial

    def intake(self) -> Intake:
        data = self.cleaned_data
        preferred = [
            int(data[f"preferred_{rank}"])
            for rank in range(1, PREFERRED_MAX + 1)
            if data.get(f"preferred_{rank}")
        ]
        return Intake(
            role=data["role"],
            wants=data.get("wants", ""),
            offers=data.get("offers", ""),
            capacity=data.get("capacity") or 0,
            cohort_id=int(data["cohort"]) if data.get("cohort") else None,
            preferred=preferred,
            avoid=[int(pk) for pk in data.get("avoid", [])],
            answers={q["key"]: data.get(f"answer_{q['key']}", "") or "" for q in self.questions},
            languages=data.get("languages", ""),
            timezone=data["timezone"],
            seniority=data["seniority"],
        )

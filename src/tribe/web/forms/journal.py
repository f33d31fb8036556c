"""The learning journal: an entry, and how often to be asked for one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.journal.models import Cadence, JournalEntry
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.people.models import Goal, Person
from tribe.relationships.models import Relationship
from tribe.web.forms.base import (
    DateField,
    ObjectChoiceField,
    TribeForm,
    goal_label,
    long_text,
    set_objects,
    short,
)
from tribe.web.forms.meetings import meeting_label


class ObjectsField(forms.TypedMultipleChoiceField):
    """Checkboxes over objects the view already loaded; cleans to the objects themselves.

    Like :class:`~tribe.web.forms.base.ObjectChoiceField`: an id from elsewhere is
    "not a valid choice", and no query is made to check it.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, required=False, **kwargs)
        self.objects: dict[int, Any] = {}

    def set_objects(self, objects: Iterable[Any], label: Callable[[Any], str]) -> None:
        rows = list(objects)
        self.objects = {o.pk: o for o in rows}
        self.choices = [(o.pk, label(o)) for o in rows]

    def clean(self, value: Any) -> Any:
        return [self.objects[pk] for pk in super().clean(value)]


def _advice_label(advice: Advice) -> str:
    return short(advice.text)


class JournalEntryForm(TribeForm):
    id_prefix = "journal"
    written_on = DateField(label=_("Day"))
    learned = long_text(rows=3, label=_("What I learned"))
    will_try = long_text(rows=2, label=_("What I will try"))
    surprised = long_text(rows=2, label=_("What surprised me"))
    relationship = ObjectChoiceField(label=_("About my relationship with"))
    meeting = ObjectChoiceField(
        label=_("After the meeting"), help_text=_("Choosing a meeting chooses its relationship.")
    )
    goals = ObjectsField(label=_("My goals it is about"))
    advice = ObjectsField(label=_("Advice it is about"))
    shared = forms.BooleanField(
        required=False,
        label=_("Share it with the other person of this relationship"),
        help_text=_("Unticked, it is private: only you can read it."),
    )

    def __init__(
        self,
        *args: Any,
        person: Person,
        relationships: Sequence[Relationship],
        meetings: Sequence[Meeting],
        goals: Sequence[Goal],
        advice: Sequence[Advice],
        with_share: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "relationship", relationships, lambda r: r.other_name(person))
        set_objects(
            self,
            "meeting",
            meetings,
            lambda m: gettext("{name}: {meeting}").format(
                name=m.relationship.other_name(person), meeting=meeting_label(m)
            ),
        )
        for name, objects, label in (
            ("goals", goals, goal_label),
            ("advice", advice, _advice_label),
        ):
            field = self.fields[name]
            assert isinstance(field, ObjectsField)
            field.set_objects(objects, label)
        if not with_share:  # an entry's sharing has its own button on its page
            del self.fields["shared"]

    @staticmethod
    def initial_for(entry: JournalEntry) -> dict[str, Any]:
        return {
            "written_on": entry.written_on,
            "learned": entry.learned,
            "will_try": entry.will_try,
            "surprised": entry.surprised,
            "relationship": entry.relationship_id,
            "meeting": entry.meeting_id,
            "goals": [g.pk for g in entry.goals.all()],
            "advice": [a.pk for a in entry.advice.all()],
        }


class CadenceForm(TribeForm):
    id_prefix = "cadence"
    cadence = forms.ChoiceField(choices=Cadence.choices, label=_("Ask me for a reflection"))

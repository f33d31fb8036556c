"""Starting a relationship, editing it, moving it along the pipeline, and its agreement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.people.models import Contact, Goal, Person
from tribe.relationships import consent
from tribe.relationships.models import Relationship
from tribe.web.forms.base import (
    NONE_CHOICE,
    DateField,
    TribeForm,
    goal_label,
    initial_from,
    long_text,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_STATUS_ORDER = list(Relationship.Status.values)
PURPOSE_HELP = _("One sentence: why this relationship, what for.")
#: Labels of the agreement's fields, the same on "start right" and on "agreement".
MEET_EVERY = _("Meet every … days")
MEETING_LENGTH = _("Meeting length (minutes)")
CHANNEL = _("Channel")
STARTS_ON = _("Starts on")
KIND = _("Kind")
GOALS = _("Goals")


def next_status_choices(
    relationship: Relationship, person: Person
) -> list[tuple[str, StrOrPromise]]:
    """The moves ``person`` may make, by the consent rules; none is preselected."""
    allowed = consent.allowed_moves(relationship, person)
    moves: list[tuple[str, StrOrPromise]] = [
        (s, Relationship.Status(s).label) for s in _STATUS_ORDER if s in allowed
    ]
    return [("", _("— choose —")), *moves]


def purpose_field(help_text: StrOrPromise = PURPOSE_HELP) -> forms.CharField:
    """The purpose statement: one sentence (the services say when it is needed)."""
    return forms.CharField(
        max_length=300, required=False, label=_("Purpose statement"), help_text=help_text
    )


class GoalsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Goals as checkboxes, each named by its title; the view gives the goals on offer."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Goal.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return goal_label(obj)


def _offer_goals(form: forms.BaseForm, goals: Any) -> None:
    field = form.fields["goals"]
    assert isinstance(field, GoalsField)
    field.queryset = goals


class RelationshipCreateForm(TribeForm):
    my_role = forms.ChoiceField(
        choices=[
            ("mentee", _("I am the mentee: they would mentor me")),
            ("mentor", _("I am the mentor: I would mentor them")),
        ],
        widget=forms.RadioSelect,
        initial="mentee",
        label=_("My role"),
    )
    other_email = forms.EmailField(
        required=False,
        max_length=254,
        label=_("Their e-mail address"),
        help_text=_(
            "They become one of your contacts. When you send your request, "
            "it reaches them on Tribe if they are here."
        ),
    )
    other_contact = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label=_("Or one of my contacts")
    )
    kind = forms.ChoiceField(
        choices=Relationship.Kind.choices, initial=Relationship.Kind.MENTOR, label=KIND
    )
    purpose = purpose_field()
    goals = GoalsField(
        label=GOALS, help_text=_("Only your own goals, and only when you are the mentee.")
    )
    status = forms.ChoiceField(
        choices=[
            (s, Relationship.Status(s).label)
            for s in ("prospect", "asked", "intro", "active", "paused")
        ],
        initial=Relationship.Status.PROSPECT,
        label=_("Where it stands"),
    )

    def __init__(self, *args: Any, contacts: Sequence[Contact], goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._contacts = {c.pk: c for c in contacts}
        self.fields["other_contact"].choices = [  # type: ignore[attr-defined]
            ("", NONE_CHOICE),
            *((c.pk, f"{c.name} <{c.email}>" if c.email else c.name) for c in contacts),
        ]
        _offer_goals(self, goals)

    def clean_other_contact(self) -> Contact | None:
        contact_id = self.cleaned_data.get("other_contact")
        return None if contact_id is None else self._contacts.get(contact_id)


class RelationshipEditForm(TribeForm):
    kind = forms.ChoiceField(choices=Relationship.Kind.choices, label=KIND)
    purpose = purpose_field()
    goals = GoalsField(label=GOALS)

    def __init__(
        self,
        *args: Any,
        goals: Any,
        mentees_own: str = "",
        kind_settled: bool = False,
        **kwargs: Any,
    ) -> None:
        """``mentees_own``: the mentee's name when they are another account, whose goals
        and purpose these are; shown, and kept as they are whatever is posted.
        ``kind_settled``: both sides said yes to the kind, so it is shown, not changed."""
        super().__init__(*args, **kwargs)
        _offer_goals(self, goals)
        if kind_settled:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _(
                "You have both said yes to this kind: to change it, end this relationship "
                "and start one of the other kind."
            )
        if mentees_own:
            for name in ("purpose", "goals"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only {name} can change this.").format(
                    name=mentees_own
                )


class RelationshipStatusForm(TribeForm):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("Move to"))

    def __init__(
        self, *args: Any, relationship: Relationship, person: Person, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = next_status_choices(  # type: ignore[attr-defined]
            relationship, person
        )


def confidentiality_field() -> forms.CharField:
    return long_text(
        rows=3, label=_("Confidentiality"), help_text=_("What stays between the two of you.")
    )


class AgreementForm(TribeForm):
    cadence_days = forms.IntegerField(required=False, min_value=1, max_value=366, label=MEET_EVERY)
    meeting_minutes = forms.IntegerField(
        required=False, min_value=5, max_value=480, label=MEETING_LENGTH
    )
    channel = forms.ChoiceField(
        choices=[("", _("— not agreed —")), *Relationship.Channel.choices],
        required=False,
        label=CHANNEL,
    )
    starts_on = DateField(required=False, label=STARTS_ON)
    ends_on = DateField(required=False, label=_("Planned end"))
    confidentiality = confidentiality_field()

    @classmethod
    def initial_for(cls, relationship: Relationship) -> dict[str, Any]:
        return initial_from(cls, relationship)

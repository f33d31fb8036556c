"""Keeping one relationship alive: the contact log, snooze, questions, advice,
thanks and updates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.ledger.models import Advice, Gratitude, Touchpoint
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship
from tribe.web.forms.base import (
    DateField,
    ObjectChoiceField,
    TribeForm,
    long_text,
    set_objects,
    short,
)
from tribe.web.forms.meetings import NOTE, MeetingChoiceForm, meeting_field, meeting_label

REPORT_BACK = _("Report back on it at the next meeting and in the next update")
#: The date of a piece of advice or of thanks.
GIVEN_ON = _("Given on")


class TouchpointForm(TribeForm):
    id_prefix = "touch"
    kind = forms.ChoiceField(choices=Touchpoint.Kind.choices, label=_("What kind of contact"))
    happened_on = DateField(label=_("When it happened"), help_text=_("Back-dating is fine."))
    note = long_text(
        rows=2,
        label=NOTE,
        help_text=_("Only you can read it; the other side sees that you were in touch."),
    )


class SnoozeForm(TribeForm):
    id_prefix = "snooze"
    until = DateField(label=_("Quiet until"))
    reason = forms.CharField(
        required=False,
        label=_("Why"),
        help_text=_("So future you knows, for example “she is on leave until May”."),
    )


class QuestionForm(TribeForm):
    id_prefix = "question"
    text = long_text(rows=2, label=_("Question for the next meeting"))


class AdviceForm(MeetingChoiceForm):
    id_prefix = "advice"
    text = long_text(rows=3, label=_("The advice"))
    given_on = DateField(label=GIVEN_ON)
    meeting = meeting_field(_("At the meeting"))
    report_back = forms.BooleanField(required=False, label=REPORT_BACK)


class GratitudeForm(TribeForm):
    """Thanks given in one relationship, or (with ``relationships``) in any of mine."""

    id_prefix = "thanks"
    relationship = ObjectChoiceField(blank=None, label=_("To whom"))
    kind = forms.ChoiceField(choices=Gratitude.Kind.choices, label=_("What kind of thanks"))
    given_on = DateField(label=GIVEN_ON)
    description = long_text(rows=2, label=_("What you did"))
    meeting = ObjectChoiceField(label=_("For the meeting"))
    advice = ObjectChoiceField(label=_("For the advice"))

    def __init__(
        self,
        *args: Any,
        advice: Sequence[Advice] = (),
        meetings: Sequence[Meeting] = (),
        relationships: Sequence[tuple[Relationship, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if relationships is None:
            del self.fields["relationship"]
        else:
            names = {r.pk: name for r, name in relationships}
            set_objects(
                self, "relationship", [r for r, _name in relationships], lambda r: names[r.pk]
            )
        if meetings:
            set_objects(self, "meeting", meetings, meeting_label)
        else:
            del self.fields["meeting"]
        set_objects(self, "advice", advice, lambda a: short(a.text))


class UpdateCadenceForm(TribeForm):
    id_prefix = "cadence"
    update_every_days = forms.IntegerField(
        required=False,
        label=_("Send an update every … days"),
        help_text=_("For example 90 for quarterly. Leave empty for no reminder."),
    )
    keep_in_touch = forms.BooleanField(
        required=False, label=_("Keep sending updates after the relationship has ended")
    )

    @classmethod
    def initial_for(cls, relationship: Relationship) -> dict[str, Any]:
        return {
            "update_every_days": relationship.update_every_days,
            "keep_in_touch": relationship.keep_in_touch,
        }


class UpdateSentForm(TribeForm):
    id_prefix = "update"
    body = long_text(
        rows=14,
        label=_("The update"),
        help_text=_("Edit the draft; Tribe sends it in your name and records it as sent."),
    )
    sent_on = DateField(label=_("Sent on"))

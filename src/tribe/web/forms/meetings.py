"""Meetings, notes and action items of one relationship."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone as djtz
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tribe.ledger.sides import side_choices
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.relationships.models import Relationship
from tribe.web.forms.base import (
    DateField,
    DateTimeField,
    ObjectChoiceField,
    TribeForm,
    initial_from,
    long_text,
    set_objects,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOTE = _("Note")
WHO_CAN_READ = _("Who can read it")
#: Where a meeting takes place; a series of meetings asks the same.
LOCATION = _("Location")
LOCATION_HELP = _("A place, or a video-call link.")
#: A meeting's (or a series') own name.
TITLE = _("Title")


def meeting_label(meeting: Meeting) -> str:
    """The meeting's start in the person's zone and language, and its title if any."""
    starts = date_format(djtz.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    return f"{starts} — {meeting.title}" if meeting.title else starts


class MeetingForm(TribeForm):
    """Times are typed in the person's own zone (activated by the middleware)
    and become aware moments here; the service stores them in UTC."""

    id_prefix = "meeting"
    title = forms.CharField(max_length=200, required=False, label=TITLE)
    starts_at = DateTimeField(label=_("Starts"))
    ends_at = DateTimeField(label=_("Ends"))
    location = forms.CharField(
        max_length=300, required=False, label=LOCATION, help_text=LOCATION_HELP
    )
    status = forms.ChoiceField(
        choices=Meeting.Status.choices, initial=Meeting.Status.PLANNED, label=_("Status")
    )

    def __init__(self, *args: Any, zone_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = gettext("In your time zone, {zone}.").format(
                zone=zone_name
            )

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        return initial_from(cls, meeting)


#: What a list of meetings offers first: a note or a piece of advice need not be about one.
NOT_ABOUT_ONE_MEETING = _("— not about one meeting —")


def meeting_field(label: StrOrPromise) -> ObjectChoiceField:
    """A meeting of this relationship, or none; :class:`MeetingChoiceForm` offers them."""
    return ObjectChoiceField(blank=NOT_ABOUT_ONE_MEETING, label=label)


class MeetingChoiceForm(TribeForm):
    """A form whose ``meeting`` (a :func:`meeting_field`) offers the meetings of the
    relationship that the view already loaded, and cleans to the meeting itself."""

    def __init__(self, *args: Any, meetings: Sequence[Meeting] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_objects(self, "meeting", meetings, meeting_label)


class NoteForm(MeetingChoiceForm):
    id_prefix = "note"
    body = long_text(rows=4, required=True, label=NOTE)
    visibility = forms.ChoiceField(
        choices=Note.Visibility.choices,
        initial=Note.Visibility.PRIVATE,
        widget=forms.RadioSelect,
        label=WHO_CAN_READ,
    )
    meeting = meeting_field(_("About the meeting"))


class NoteEditForm(TribeForm):
    id_prefix = "note"
    body = long_text(rows=6, required=True, label=NOTE)
    visibility = forms.ChoiceField(
        choices=Note.Visibility.choices, widget=forms.RadioSelect, label=WHO_CAN_READ
    )


class ActionItemForm(TribeForm):
    id_prefix = "action"
    title = forms.CharField(max_length=300, label=_("What is to be done"))
    owner = forms.ChoiceField(
        choices=ActionItem.Owner.choices, initial=ActionItem.Owner.MENTEE, label=_("Who does it")
    )
    due_on = DateField(required=False, label=_("Due on"))

    def __init__(self, *args: Any, relationship: Relationship | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if relationship is not None:  # by name where "mentee" would be wrong
            owner = self.fields["owner"]
            assert isinstance(owner, forms.ChoiceField)
            owner.choices = side_choices(relationship)

    @classmethod
    def initial_for(cls, item: ActionItem) -> dict[str, Any]:
        return initial_from(cls, item)

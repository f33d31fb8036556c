"""Forms for the web pages.

Forms only parse and convert what the browser sends (text to dates, ids to
objects, local wall-clock times to aware moments); the rules live in the
services. Field names match the services' keyword arguments so that a
``TribeError.field`` lands on the field it is about (see ``run_service``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

from django import forms
from django.utils import timezone as djtz

from tribe.core import validation as v
from tribe.core.errors import ImportRejected, NotFound, TribeError
from tribe.core.zones import zone_names
from tribe.meetings.models import ActionItem, Meeting, Note
from tribe.meetings.recurrence import MAX_OCCURRENCES, MAX_RULE_LENGTH, normalise_rule
from tribe.people.importers import FORMATS
from tribe.people.models import AvailabilityWindow, Contact, Goal, Person
from tribe.relationships import consent
from tribe.relationships.models import Advice, Gratitude, Relationship, Touchpoint

T = TypeVar("T")

# -- mapping service errors onto forms ----------------------------------------


class _Failed:
    """Marker returned by ``run_service`` when the service refused the input."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Final = _Failed()


def add_service_error(
    form: forms.BaseForm, error: TribeError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show ``error`` on the field it names, or above the form when no field fits."""
    name = error.field or ""
    name = (aliases or {}).get(name, name)
    form.add_error(name if name in form.fields else None, error.message)


def run_service(
    form: forms.BaseForm,
    service: Callable[..., T],
    /,
    *,
    aliases: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> T | _Failed:
    """Call ``service(**kwargs)``; on a TribeError put its message on the form and return FAILED.

    A NotFound without a field means "this object is not yours": it must
    become a 404, not a polite form error, so it is left to propagate.
    ImportRejected carries a list of problems that the import page shows
    itself, so it propagates too.
    """
    try:
        return service(**kwargs)
    except (ImportRejected, NotFound) as exc:
        if isinstance(exc, ImportRejected) or exc.field is None:
            raise
        add_service_error(form, exc, aliases)
    except TribeError as exc:
        add_service_error(form, exc, aliases)
    return FAILED


# -- shared pieces ------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateField(forms.DateField):
    """Every date on every page: a date picker, and only dates between
    :data:`~tribe.core.validation.DATE_MIN` and ``DATE_MAX`` (a year 9999 would
    overflow the first cadence or time zone it meets)."""

    widget = DateInput

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values:
            try:
                v.date(value, field=self.label or "date")
            except TribeError as exc:
                raise forms.ValidationError(exc.message, code="date_range") from exc


class DateTimeField(forms.DateTimeField):
    """Every date and time on every page, typed in the person's zone; same range as dates."""

    widget = DateTimeLocalInput

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values:
            try:
                v.moment(value, field=self.label or "time")
            except TribeError as exc:
                raise forms.ValidationError(exc.message, code="date_range") from exc


def _zone_choices(blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(name, name.replace("_", " ")) for name in zone_names()]
    if "UTC" not in zone_names():
        choices.insert(0, ("UTC", "UTC"))
    return [("", blank), *choices] if blank is not None else choices


def _list_text(values: Iterable[str] | None) -> str:
    return ", ".join(values or [])


class TribeForm(forms.Form):
    """Every page form renders through one accessible template."""

    template_name = "web/forms/form.html"
    #: Forms that share a page need distinct ids; subclasses set their own prefix.
    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


# -- accounts and profile -----------------------------------------------------


class SignupForm(TribeForm):
    name = forms.CharField(max_length=200, label="Your name")
    email = forms.EmailField(max_length=254, label="E-mail address")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text="At least 12 characters; not only digits, not a common password. "
        "A few words you will remember make a good one.",
    )
    password_again = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        label="Password again",
    )
    timezone = forms.ChoiceField(choices=_zone_choices, initial="UTC", label="Time zone")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "the two passwords differ")
        return data


class VerifyEmailForm(TribeForm):
    """The button behind a verification link; the password too unless already signed in.

    Asking for the password means a link mailed to someone who never signed up
    cannot hand them an account whose password a stranger chose.
    """

    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
        label="Your Tribe password",
        help_text="The one you chose when you signed up.",
    )

    def __init__(self, *args: Any, need_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not need_password:
            del self.fields["password"]


class ProfileForm(TribeForm):
    name = forms.CharField(max_length=200)
    headline = forms.CharField(max_length=200, required=False)
    timezone = forms.ChoiceField(choices=_zone_choices, label="Time zone")
    languages = forms.CharField(
        required=False, help_text="Separate with commas, for example: English, French."
    )
    expertise = forms.CharField(
        required=False,
        label="What I know well",
        help_text="Topics you could mentor someone on, separated by commas.",
    )
    offers = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What I can offer as a mentor",
    )
    seniority = forms.IntegerField(
        min_value=0, max_value=80, label="Years of professional experience"
    )
    open_to_mentoring = forms.BooleanField(required=False, label="I am open to mentoring")
    mentee_capacity = forms.IntegerField(
        min_value=0,
        max_value=100,
        label="How many active mentees I can take",
    )
    preferred_cadence_days = forms.IntegerField(
        required=False,
        label="As a mentor, I like to meet every … days",
        help_text="Leave empty if you have no preference. Requests to you suggest it.",
    )
    nudge_after_days = forms.IntegerField(
        label="Nudge after … days without an answer",
        help_text="When you ask someone to mentor you: how long to wait before a friendly nudge.",
    )
    share_mentors = forms.BooleanField(
        required=False, label="Let my mentees see who mentors me, in their tribe graph"
    )

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        return {
            "name": person.name,
            "headline": person.headline,
            "timezone": person.timezone,
            "languages": _list_text(person.languages),
            "expertise": _list_text(person.expertise),
            "offers": person.offers,
            "seniority": person.seniority,
            "open_to_mentoring": person.open_to_mentoring,
            "mentee_capacity": person.mentee_capacity,
            "preferred_cadence_days": person.preferred_cadence_days,
            "nudge_after_days": person.nudge_after_days,
            "share_mentors": person.share_mentors,
        }


class WindowForm(TribeForm):
    """One weekly availability row; a fully blank row means "no window"."""

    template_name = "web/forms/window_row.html"
    weekday = forms.TypedChoiceField(
        choices=[("", "—"), *AvailabilityWindow.Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label="Day",
    )
    starts = forms.TimeField(widget=TimeInput, required=False, label="From")
    ends = forms.TimeField(widget=TimeInput, required=False, label="To")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(name) is not None for name in ("weekday", "starts", "ends")]
        if any(filled) and not all(filled):
            for name, present in zip(("weekday", "starts", "ends"), filled, strict=True):
                if not present and name not in self.errors:
                    self.add_error(name, "is required when the row is used")
        return data

    @property
    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(n) is None for n in ("weekday", "starts", "ends"))


class BaseWindowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    template_name = "web/forms/window_formset.html"


WindowFormSet = forms.formset_factory(
    WindowForm, formset=BaseWindowFormSet, extra=0, max_num=21, absolute_max=21
)

#: The service names a window "availability[<n>].<field>", counting the
#: windows it was given from 1.
AVAILABILITY_FIELD = re.compile(r"^availability\[(\d+)\]\.(\w+)$")


# -- goals --------------------------------------------------------------------


class GoalForm(TribeForm):
    title = forms.CharField(max_length=200, label="What I want to learn")
    why = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Why")
    target_date = DateField(required=False, label="By when")
    status = forms.ChoiceField(choices=Goal.Status.choices, initial=Goal.Status.OPEN)

    @classmethod
    def initial_for(cls, goal: Goal) -> dict[str, Any]:
        return {
            "title": goal.title,
            "why": goal.why,
            "target_date": goal.target_date,
            "status": goal.status,
        }


# -- contacts -----------------------------------------------------------------


class ContactForm(TribeForm):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(max_length=254, required=False, label="E-mail address")
    headline = forms.CharField(max_length=200, required=False)
    company = forms.CharField(max_length=200, required=False)
    position = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=50, required=False)
    # A CharField: the service validates the address and its scheme.
    url = forms.CharField(
        max_length=500, required=False, label="Web address", widget=forms.URLInput
    )
    timezone = forms.ChoiceField(
        choices=lambda: _zone_choices("— unknown —"), required=False, label="Time zone"
    )
    expertise = forms.CharField(required=False, help_text="Topics, separated by commas.")
    connected_on = DateField(required=False, label="Connected on")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        initial = {name: getattr(contact, name) for name in cls.base_fields}
        initial["expertise"] = _list_text(contact.expertise)
        return initial


class ContactSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search contacts")


class ContactImportForm(TribeForm):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label="Contacts file",
        required=False,
        help_text="A LinkedIn Connections.csv export, a vCard (.vcf) file, or a CSV with a "
        "header row (name, email, …). At most 2 MB.",
    )
    format = forms.ChoiceField(
        choices=[("auto", "Detect automatically"), *((f, f) for f in FORMATS)],
        initial="auto",
        label="File format",
    )

    def __init__(self, *args: Any, pending: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # After a successful preview the file is kept for the "import" button,
        # so the person need not choose it again.
        self.pending = pending
        if pending is None:
            self.fields["file"].required = True

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > self.MAX_BYTES:
            raise forms.ValidationError("the file is larger than 2 MB")
        return upload


# -- relationships ------------------------------------------------------------

_STATUS_ORDER = list(Relationship.Status.values)


def next_status_choices(relationship: Relationship, person: Person) -> list[tuple[str, str]]:
    """The moves ``person`` may make, by the consent rules; none is preselected."""
    allowed = consent.allowed_moves(relationship, person)
    return [("", "— choose —")] + [
        (s, Relationship.Status(s).label) for s in _STATUS_ORDER if s in allowed
    ]


def _goal_label(goal: Goal) -> str:
    return goal.title


class RelationshipCreateForm(TribeForm):
    my_role = forms.ChoiceField(
        choices=[
            ("mentee", "I am the mentee: they would mentor me"),
            ("mentor", "I am the mentor: I would mentor them"),
        ],
        widget=forms.RadioSelect,
        initial="mentee",
        label="My role",
    )
    other_email = forms.EmailField(
        required=False,
        max_length=254,
        label="Their e-mail address",
        help_text="They become one of your contacts. When you send your request, "
        "it reaches them on Tribe if they are here.",
    )
    other_contact = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Or one of my contacts"
    )
    kind = forms.ChoiceField(choices=Relationship.Kind.choices, initial=Relationship.Kind.MENTOR)
    purpose = forms.CharField(
        max_length=300,
        required=False,
        label="Purpose statement",
        help_text="One sentence: why this relationship, what for.",
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only your own goals, and only when you are the mentee.",
    )
    status = forms.ChoiceField(
        choices=[
            (s, Relationship.Status(s).label)
            for s in ("prospect", "asked", "intro", "active", "paused")
        ],
        initial=Relationship.Status.PROSPECT,
        label="Where it stands",
    )

    def __init__(self, *args: Any, contacts: Sequence[Contact], goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._contacts = {c.pk: c for c in contacts}
        self.fields["other_contact"].choices = [  # type: ignore[attr-defined]
            ("", "— none —"),
            *((c.pk, f"{c.name} <{c.email}>" if c.email else c.name) for c in contacts),
        ]
        goals_field = self.fields["goals"]
        goals_field.queryset = goals  # type: ignore[attr-defined]
        goals_field.label_from_instance = _goal_label  # type: ignore[attr-defined]

    def clean_other_contact(self) -> Contact | None:
        contact_id = self.cleaned_data.get("other_contact")
        return None if contact_id is None else self._contacts.get(contact_id)


class RelationshipEditForm(TribeForm):
    kind = forms.ChoiceField(choices=Relationship.Kind.choices)
    purpose = forms.CharField(
        max_length=300,
        required=False,
        label="Purpose statement",
        help_text="One sentence: why this relationship, what for.",
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals_field = self.fields["goals"]
        goals_field.queryset = goals  # type: ignore[attr-defined]
        goals_field.label_from_instance = _goal_label  # type: ignore[attr-defined]


class RelationshipStatusForm(TribeForm):
    id_prefix = "status"
    status = forms.ChoiceField(label="Move to")

    def __init__(
        self, *args: Any, relationship: Relationship, person: Person, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = next_status_choices(  # type: ignore[attr-defined]
            relationship, person
        )


class AgreementForm(TribeForm):
    cadence_days = forms.IntegerField(
        required=False, min_value=1, max_value=366, label="Meet every … days"
    )
    meeting_minutes = forms.IntegerField(
        required=False, min_value=5, max_value=480, label="Meeting length (minutes)"
    )
    channel = forms.ChoiceField(
        choices=[("", "— not agreed —"), *Relationship.Channel.choices], required=False
    )
    starts_on = DateField(required=False, label="Starts on")
    ends_on = DateField(required=False, label="Planned end")
    confidentiality = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What stays between the two of you.",
    )

    @classmethod
    def initial_for(cls, relationship: Relationship) -> dict[str, Any]:
        return {name: getattr(relationship, name) for name in cls.base_fields}


# -- meetings, notes, action items --------------------------------------------


def meeting_label(meeting: Meeting) -> str:
    starts = djtz.localtime(meeting.starts_at)
    return f"{starts:%d %b %Y %H:%M}" + (f" — {meeting.title}" if meeting.title else "")


class MeetingForm(TribeForm):
    """Times are typed in the person's own zone (activated by the middleware)
    and become aware moments here; the service stores them in UTC."""

    id_prefix = "meeting"
    title = forms.CharField(max_length=200, required=False)
    starts_at = DateTimeField(label="Starts")
    ends_at = DateTimeField(label="Ends")
    location = forms.CharField(
        max_length=300, required=False, help_text="A place, or a video-call link."
    )
    status = forms.ChoiceField(choices=Meeting.Status.choices, initial=Meeting.Status.PLANNED)

    def __init__(self, *args: Any, zone_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = f"In your time zone, {zone_name}."

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        return {name: getattr(meeting, name) for name in cls.base_fields}


class MeetingChoiceMixin:
    """A meeting of this relationship, picked from a list the view already loaded."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def set_meetings(self, meetings: Sequence[Meeting]) -> None:
        self._meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            ("", "— not about one meeting —"),
            *((m.pk, meeting_label(m)) for m in meetings),
        ]

    def clean_meeting(self) -> Meeting | None:
        meeting_id = self.cleaned_data.get("meeting")
        return None if meeting_id is None else self._meetings.get(meeting_id)


class NoteForm(MeetingChoiceMixin, TribeForm):
    id_prefix = "note"
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Note")
    visibility = forms.ChoiceField(
        choices=Note.Visibility.choices,
        initial=Note.Visibility.PRIVATE,
        widget=forms.RadioSelect,
        label="Who can read it",
    )
    meeting = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="About the meeting"
    )

    def __init__(self, *args: Any, meetings: Sequence[Meeting] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_meetings(meetings)


class NoteEditForm(TribeForm):
    id_prefix = "note"
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Note")
    visibility = forms.ChoiceField(
        choices=Note.Visibility.choices, widget=forms.RadioSelect, label="Who can read it"
    )


class ActionItemForm(TribeForm):
    id_prefix = "action"
    title = forms.CharField(max_length=300, label="What is to be done")
    owner = forms.ChoiceField(
        choices=ActionItem.Owner.choices, initial=ActionItem.Owner.MENTEE, label="Who does it"
    )
    due_on = DateField(required=False, label="Due on")

    @classmethod
    def initial_for(cls, item: ActionItem) -> dict[str, Any]:
        return {"title": item.title, "owner": item.owner, "due_on": item.due_on}


# -- keeping the relationship alive (issue 4) ---------------------------------


class ObjectChoiceField(forms.TypedChoiceField):
    """One of a list of objects the view already loaded; cleans to the object itself.

    The choices are the loaded objects only, so an id from elsewhere (someone
    else's advice, another relationship's meeting) is "not a valid choice".
    """

    def __init__(self, *, blank: str | None = "— none —", **kwargs: Any) -> None:
        super().__init__(coerce=int, empty_value=None, required=blank is None, **kwargs)
        self.blank = blank
        self.objects: dict[int, Any] = {}

    def set_objects(self, objects: Iterable[Any], label: Callable[[Any], str]) -> None:
        rows = list(objects)
        self.objects = {o.pk: o for o in rows}
        blank = [("", self.blank)] if self.blank is not None else []
        self.choices = [*blank, *((o.pk, label(o)) for o in rows)]

    def clean(self, value: Any) -> Any:
        pk = super().clean(value)
        return None if pk is None else self.objects[pk]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TouchpointForm(TribeForm):
    id_prefix = "touch"
    kind = forms.ChoiceField(choices=Touchpoint.Kind.choices, label="What kind of contact")
    happened_on = DateField(label="When it happened", help_text="Back-dating is fine.")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Note",
        help_text="Only you can read it; the other side sees that you were in touch.",
    )


class SnoozeForm(TribeForm):
    id_prefix = "snooze"
    until = DateField(label="Quiet until")
    reason = forms.CharField(
        required=False,
        label="Why",
        help_text="So future you knows, for example “she is on leave until May”.",
    )


class QuestionForm(TribeForm):
    id_prefix = "question"
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Question for the next meeting",
    )


class AdviceForm(MeetingChoiceMixin, TribeForm):
    id_prefix = "advice"
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="The advice"
    )
    given_on = DateField(label="Given on")
    meeting = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="At the meeting"
    )
    report_back = forms.BooleanField(
        required=False, label="Report back on it at the next meeting and in the next update"
    )

    def __init__(self, *args: Any, meetings: Sequence[Meeting] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_meetings(meetings)


class AdviceDecisionForm(TribeForm):
    id_prefix = "decide"
    decision = forms.ChoiceField(choices=Advice.Decision.choices, label="My decision")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Needed when you park it or set it aside. Yours alone.",
    )


class AdviceOutcomeForm(TribeForm):
    id_prefix = "outcome"
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    report_back = forms.BooleanField(
        required=False,
        initial=True,
        label="Report back on it at the next meeting and in the next update",
    )


class GratitudeForm(TribeForm):
    """Thanks given in one relationship, or (with ``relationships``) in any of mine."""

    id_prefix = "thanks"
    relationship = ObjectChoiceField(blank=None, label="To whom")
    kind = forms.ChoiceField(choices=Gratitude.Kind.choices, label="What kind of thanks")
    given_on = DateField(label="Given on")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="What you did"
    )
    meeting = ObjectChoiceField(label="For the meeting")
    advice = ObjectChoiceField(label="For the advice")

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
            field = self.fields["relationship"]
            field.set_objects([r for r, _ in relationships], lambda r: names[r.pk])  # type: ignore[attr-defined]
        if meetings:
            self.fields["meeting"].set_objects(meetings, meeting_label)  # type: ignore[attr-defined]
        else:
            del self.fields["meeting"]
        self.fields["advice"].set_objects(advice, lambda a: _short(a.text))  # type: ignore[attr-defined]


class UpdateCadenceForm(TribeForm):
    id_prefix = "cadence"
    update_every_days = forms.IntegerField(
        required=False,
        label="Send an update every … days",
        help_text="For example 90 for quarterly. Leave empty for no reminder.",
    )
    keep_in_touch = forms.BooleanField(
        required=False, label="Keep sending updates after the relationship has ended"
    )


class UpdateSentForm(TribeForm):
    id_prefix = "update"
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        label="The update",
        help_text="Edit the draft, copy it into your e-mail, then record it as sent.",
    )
    sent_on = DateField(label="Sent on")


class WinForm(TribeForm):
    id_prefix = "win"
    text = forms.CharField(required=False, label="What went well")
    happened_on = DateField(label="When")
    goal = ObjectChoiceField(label="Towards the goal")

    def __init__(self, *args: Any, goals: Sequence[Goal] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].set_objects(goals, _goal_label)  # type: ignore[attr-defined]


class AgendaForm(TribeForm):
    id_prefix = "agenda"
    agenda = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
        help_text="Markdown. Empty it and save to go back to the agenda built from your data.",
    )


class SlotForm(TribeForm):
    """A proposed time, picked with one button: its start travels as an ISO moment."""

    id_prefix = "slot"
    starts_at = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(required=False)

    def clean_starts_at(self) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError as exc:
            raise forms.ValidationError("is not a time") from exc
        if moment.tzinfo is None:
            raise forms.ValidationError("must include a time zone")
        try:
            return v.moment(moment, field="starts_at")
        except TribeError as exc:
            raise forms.ValidationError(exc.message, code="date_range") from exc


#: (value, label, RRULE without its COUNT) of the simple repeat choices.
REPEATS = {
    "weekly": ("Every week", "FREQ=WEEKLY"),
    "biweekly": ("Every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    "4weekly": ("Every 4 weeks", "FREQ=WEEKLY;INTERVAL=4"),
    "monthly": ("Every month", "FREQ=MONTHLY"),
}


class SeriesForm(TribeForm):
    """A recurring meeting: a simple repeat and a count, or a raw RRULE."""

    id_prefix = "series"
    title = forms.CharField(required=False)
    first_date = DateField(label="First meeting on")
    start_time = forms.TimeField(widget=TimeInput, label="At")
    duration_minutes = forms.IntegerField(label="Length (minutes)")
    timezone = forms.ChoiceField(
        choices=_zone_choices,
        label="Time zone",
        help_text="The meetings stay at this wall-clock time when the clocks change.",
    )
    repeat = forms.ChoiceField(choices=[(k, v[0]) for k, v in REPEATS.items()])
    count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_OCCURRENCES,
        label="How many meetings",
        initial=6,
    )
    rrule = forms.CharField(
        required=False,
        label="Advanced: a recurrence rule",
        help_text="An RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU;COUNT=10. "
        "When given, it replaces the repeat and count above. It must end (COUNT or UNTIL).",
    )
    location = forms.CharField(required=False, help_text="A place, or a video-call link.")

    def clean_rrule(self) -> str:
        """A cheap bound before the service looks at the rule: the column's length."""
        rule: str = self.cleaned_data.get("rrule") or ""
        length = len(normalise_rule(rule))
        if length > MAX_RULE_LENGTH:
            raise forms.ValidationError(
                v.MSG_TOO_LONG.format(limit=MAX_RULE_LENGTH, length=length), code="max_length"
            )
        return rule

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "rrule" in self.errors:
            pass  # a refused rule replaces the repeat and count: nothing to add
        elif not data.get("rrule") and "repeat" in data and "count" not in self.errors:
            if data.get("count") is None:
                self.add_error("count", "say how many meetings (or give a rule below)")
            else:
                data["rule"] = f"{REPEATS[data['repeat']][1]};COUNT={data['count']}"
        elif data.get("rrule"):
            data["rule"] = data["rrule"]
        return data


# -- finding mentors and mentor mode (issue 5) --------------------------------


def run_service_on(
    forms_: Sequence[forms.BaseForm],
    service: Callable[..., T],
    /,
    *,
    aliases: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> T | _Failed:
    """``run_service`` for a page with several (bound, validated) forms.

    The error goes on the first form that has the field it names, so a refusal
    about the purpose statement shows on the purpose field even when it came
    from the "send" button; otherwise above the first form.
    """
    try:
        return service(**kwargs)
    except (ImportRejected, NotFound) as exc:
        if isinstance(exc, ImportRejected) or exc.field is None:
            raise
        error: TribeError = exc
    except TribeError as exc:
        error = exc
    name = (aliases or {}).get(error.field or "", error.field or "")
    target = next((f for f in forms_ if name in f.fields), forms_[0])
    add_service_error(target, error, aliases)
    return FAILED


#: "person:12" or "contact:5": a candidate of the fit page, as the ranking names it.
CANDIDATE = re.compile(r"^(person|contact):(\d+)$")


class CandidateForm(TribeForm):
    """A candidate chosen on the fit page; the view fetches it through the selector."""

    candidate = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A hidden field's errors would not show: this one goes above the form.
        match = CANDIDATE.match(data.get("candidate") or "")
        if match is None:
            self.add_error(None, "no such candidate")
        else:
            data["candidate"] = (match.group(1), int(match.group(2)))
        return data


class ProspectForm(CandidateForm):
    id_prefix = "prospect"


class NotAMatchForm(CandidateForm):
    id_prefix = "nam"
    reason = forms.CharField(
        required=False,
        max_length=300,
        label="Why not",
        help_text="For you alone, so you remember, for example “no time for mentees this year”.",
    )
    scope = forms.ChoiceField(
        choices=[("goal", "For this goal"), ("all", "For all my goals")],
        initial="goal",
        widget=forms.RadioSelect,
        label="Rule out",
    )


class OutreachForm(TribeForm):
    id_prefix = "outreach"
    purpose = forms.CharField(
        max_length=300,
        required=False,
        label="Purpose statement",
        help_text="One sentence: what you want to learn from this person, and why. "
        "Tribe does not send a request without it.",
    )
    ask = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
        label="The specific ask",
        help_text="How much time, how often, for how long. "
        "Left empty, the draft proposes 30 minutes at your usual cadence for six months.",
    )
    why_them = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
        label="Why this person",
        help_text="What in their experience made you think of them.",
    )

    @classmethod
    def initial_for(cls, relationship: Relationship) -> dict[str, Any]:
        return {name: getattr(relationship, name) for name in cls.base_fields}


class OutreachSendForm(TribeForm):
    id_prefix = "send"
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        label="The request",
        help_text="Edit it as you like, send it from your own e-mail, then record it as sent.",
    )


class NudgeForm(TribeForm):
    """The one-button "nudge sent": no fields, only the service's verdict."""

    id_prefix = "nudge"


class InfoAnswerForm(TribeForm):
    id_prefix = "answer"
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="My answer"
    )


class DeclineForm(TribeForm):
    id_prefix = "decline"
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Your answer",
        help_text="A kind no: edit the template as you like.",
    )


class InfoRequestForm(TribeForm):
    id_prefix = "info"
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What would you like to know",
        help_text="For example how much time they hope for, or what they have tried already.",
    )


class AgreementStartForm(TribeForm):
    """Step 5: the agreement made at the intro meeting. The service checks the ranges."""

    purpose = forms.CharField(
        max_length=300,
        required=False,
        label="Purpose statement",
        help_text="One sentence both of you agree on.",
    )
    cadence_days = forms.IntegerField(label="Meet every … days")
    meeting_minutes = forms.IntegerField(label="Meeting length (minutes)")
    channel = forms.ChoiceField(choices=Relationship.Channel.choices)
    starts_on = DateField(label="Starts on")
    months = forms.IntegerField(label="For how many months", help_text="You can always renew.")
    confidentiality = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What stays between the two of you.",
    )


def _person_label(person: Person) -> str:
    return person.name


class IntroductionForm(TribeForm):
    """An introduction: I introduced a mentee of mine, or a mentor of mine introduced me."""

    id_prefix = "intro"
    direction = forms.ChoiceField(
        choices=[
            ("made", "I introduced one of my mentees"),
            ("received", "One of my mentors introduced me"),
        ],
        initial="made",
        widget=forms.RadioSelect,
        label="Who introduced whom",
    )
    mentee = ObjectChoiceField(label="My mentee", help_text="When you made the introduction.")
    mentor = ObjectChoiceField(label="My mentor", help_text="When you were introduced.")
    to_email = forms.EmailField(
        required=False,
        max_length=254,
        label="To the person with the e-mail address",
        help_text="They become one of your contacts. Or choose one of your contacts below.",
    )
    to_contact = ObjectChoiceField(label="Or to one of my contacts")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000
    )
    introduced_on = DateField(label="Introduced on")
    start_prospect = forms.BooleanField(
        required=False,
        label="Add them as a prospect mentor of mine (when I was introduced)",
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
        self.fields["mentee"].set_objects(mentees, _person_label)  # type: ignore[attr-defined]
        self.fields["mentor"].set_objects(mentors, _person_label)  # type: ignore[attr-defined]
        self.fields["to_contact"].set_objects(contacts, lambda c: c.name)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        side = {"made": "mentee", "received": "mentor"}.get(data.get("direction", ""))
        if side and side not in self.errors and data.get(side) is None:
            self.add_error(side, f"choose your {side}")
        return data

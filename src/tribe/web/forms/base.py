"""What every page form shares: the base form, date and time fields, object choices,
and how a service's refusal lands on a form.

Forms only parse and convert what the browser sends (text to dates, ids to
objects, local wall-clock times to aware moments); the rules live in the
services. Field names match the services' keyword arguments so that a
``TribeError.field`` lands on the field it is about (see :func:`run_service`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.core import validation as v
from tribe.core.errors import ImportRejected, NotFound, TribeError
from tribe.core.zones import zone_names
from tribe.people.models import Goal, Person

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")

#: What an optional list of objects offers first.
NONE_CHOICE = _("— none —")

# -- a service's refusal on a form ----------------------------------------------


class Outcome(Enum):
    """What :func:`run_service` returns instead of a result when the service refused."""

    FAILED = "failed"


#: The service said no; its message is on the form. ``result is FAILED`` narrows the type.
FAILED: Final = Outcome.FAILED
Failed = Literal[Outcome.FAILED]


def add_service_error(
    form: forms.BaseForm, error: TribeError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show ``error`` on the field it names, or above the form when no field fits."""
    name = error.field or ""
    name = (aliases or {}).get(name, name)
    form.add_error(name if name in form.fields else None, error.message)


def run_service(
    form: forms.BaseForm | Sequence[forms.BaseForm],
    service: Callable[..., T],
    /,
    *,
    aliases: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> T | Failed:
    """Call ``service(**kwargs)``; on a TribeError put its message on the form and return FAILED.

    With several (bound, validated) forms on one page, the error goes on the
    first that has the field it names, so a refusal about the purpose
    statement shows on the purpose field even when it came from the "send"
    button; otherwise above the first form.

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
        error: TribeError = exc
    except TribeError as exc:
        error = exc
    page_forms = [form] if isinstance(form, forms.BaseForm) else list(form)
    name = (aliases or {}).get(error.field or "", error.field or "")
    target = next((f for f in page_forms if name in f.fields), page_forms[0])
    add_service_error(target, error, aliases)
    return FAILED


# -- widgets and fields -----------------------------------------------------------


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


class _InRange(forms.Field):
    """A date or moment between :data:`~tribe.core.validation.DATE_MIN` and ``DATE_MAX``
    (a year 9999 would overflow the first cadence or time zone it meets)."""

    check: Callable[..., object]
    default_name: str

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values:
            try:
                type(self).check(value, field=str(self.label or self.default_name))
            except TribeError as exc:
                raise forms.ValidationError(exc.message, code="date_range") from exc


class DateField(_InRange, forms.DateField):
    """Every date on every page: a date picker, and only dates in range."""

    widget = DateInput
    check = v.date
    default_name = "date"


class DateTimeField(_InRange, forms.DateTimeField):
    """Every date and time on every page, typed in the person's zone; same range as dates."""

    widget = DateTimeLocalInput
    check = v.moment
    default_name = "time"


def long_text(*, rows: int, required: bool = False, **kwargs: Any) -> forms.CharField:
    """A text area; optional unless said, since the service names what is missing."""
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), required=required, **kwargs)


class ObjectChoiceField(forms.TypedChoiceField):
    """One of a list of objects the view already loaded; cleans to the object itself.

    The choices are the loaded objects only, so an id from elsewhere (someone
    else's advice, another relationship's meeting) is "not a valid choice".
    """

    def __init__(self, *, blank: StrOrPromise | None = NONE_CHOICE, **kwargs: Any) -> None:
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


def set_objects(
    form: forms.BaseForm, name: str, objects: Iterable[Any], label: Callable[[Any], str]
) -> None:
    """Offer ``objects`` in the form's :class:`ObjectChoiceField` ``name``."""
    field = form.fields[name]
    assert isinstance(field, ObjectChoiceField)
    field.set_objects(objects, label)


# -- choices and labels -------------------------------------------------------------


def zone_choices(blank: StrOrPromise | None = None) -> list[tuple[str, StrOrPromise]]:
    choices: list[tuple[str, StrOrPromise]] = [
        (name, name.replace("_", " ")) for name in zone_names()
    ]
    if "UTC" not in zone_names():
        choices.insert(0, ("UTC", "UTC"))
    return [("", blank), *choices] if blank is not None else choices


def list_text(values: Iterable[str] | None) -> str:
    return ", ".join(values or [])


def short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def goal_label(goal: Goal) -> str:
    return goal.title


def person_label(person: Person) -> str:
    return person.name


def initial_from(form_class: type[forms.Form], obj: object) -> dict[str, Any]:
    """The stored value of each of the form's fields, read from the attribute of that name."""
    return {name: getattr(obj, name) for name in form_class.base_fields}


# -- the form ---------------------------------------------------------------------


class TribeForm(forms.Form):
    """Every page form renders through one accessible template."""

    template_name = "web/forms/form.html"
    #: Forms that share a page need distinct ids; subclasses set their own prefix.
    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        """Validate what was sent, whole; then, if it is refused, show back at most
        :data:`ECHO_LIMIT` characters of each text (or its field's limit), so a
        megabyte pasted into a title comes back as an error, not as a megabyte."""
        super().full_clean()
        if not self.is_bound or not self.errors:
            return
        data = dict(self.data.items()) if not hasattr(self.data, "copy") else self.data.copy()
        changed = False
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            limit = min(getattr(field, "max_length", None) or ECHO_LIMIT, ECHO_LIMIT)
            value = data.get(key)
            if isinstance(value, str) and len(value) > limit:
                data[key] = value[:limit]
                changed = True
        if changed:
            self.data = data


#: The most of one refused text a form shows back (see TribeForm.full_clean).
ECHO_LIMIT = 10_000


class ButtonForm(TribeForm):
    """A one-button form (no fields): it carries only the service's verdict."""

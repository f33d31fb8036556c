"""My contacts, searching them, and importing them from a file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.people.importers import FORMATS
from tribe.people.models import Contact
from tribe.web.forms.base import DateField, TribeForm, initial_from, list_text, zone_choices


class ContactForm(TribeForm):
    name = forms.CharField(max_length=200, label=_("Name"))
    email = forms.EmailField(max_length=254, required=False, label=_("E-mail address"))
    headline = forms.CharField(max_length=200, required=False, label=_("Headline"))
    company = forms.CharField(max_length=200, required=False, label=_("Company"))
    position = forms.CharField(max_length=200, required=False, label=_("Position"))
    phone = forms.CharField(max_length=50, required=False, label=_("Phone"))
    # A CharField: the service validates the address and its scheme.
    url = forms.CharField(
        max_length=500, required=False, label=_("Web address"), widget=forms.URLInput
    )
    timezone = forms.ChoiceField(
        choices=lambda: zone_choices(_("— unknown —")), required=False, label=_("Time zone")
    )
    expertise = forms.CharField(
        required=False, label=_("Expertise"), help_text=_("Topics, separated by commas.")
    )
    connected_on = DateField(required=False, label=_("Connected on"))
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Notes")
    )

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        initial = initial_from(cls, contact)
        initial["expertise"] = list_text(contact.expertise)
        return initial


class ContactSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Search contacts"))


#: How each import format reads in the format menu (a missing one fails at import time).
FORMAT_LABELS = {"linkedin": _("LinkedIn export"), "vcard": _("vCard"), "csv": _("CSV")}


class ContactImportForm(TribeForm):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("Contacts file"),
        required=False,
        help_text=_(
            "A LinkedIn Connections.csv export, a vCard (.vcf) file, or a CSV with a "
            "header row (name, email, …). At most 2 MB."
        ),
    )
    format = forms.ChoiceField(
        choices=[("auto", _("Detect automatically")), *((f, FORMAT_LABELS[f]) for f in FORMATS)],
        initial="auto",
        label=_("File format"),
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
            raise forms.ValidationError(_("the file is larger than 2 MB"))
        return upload

"""Erasing my account: my password, to be sure it is me."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tribe.people.models import Person
from tribe.web.forms.base import TribeForm


class EraseForm(TribeForm):
    id_prefix = "erase"
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(render_value=False), strip=False
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.person.check_password(password):
            raise forms.ValidationError(_("that is not your password"))
        return password

"""Signing up and verifying an e-mail address."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.template import loader
from django.utils.translation import gettext_lazy as _

from tribe.outbox.models import Message
from tribe.outbox.services import message_queue
from tribe.web.forms.base import TribeForm, zone_choices


class SignupForm(TribeForm):
    name = forms.CharField(max_length=200, label=_("Your name"))
    email = forms.EmailField(max_length=254, label=_("E-mail address"))
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        label=_("Password"),
        help_text=_(
            "At least 12 characters; not only digits, not a common password. "
            "A few words you will remember make a good one."
        ),
    )
    password_again = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        label=_("Password again"),
    )
    timezone = forms.ChoiceField(choices=zone_choices, initial="UTC", label=_("Time zone"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("the two passwords differ"))
        return data


class VerifyEmailForm(TribeForm):
    """The button behind a verification link; the password too unless already signed in.

    Asking for the password means a link mailed to someone who never signed up
    cannot hand them an account whose password a stranger chose.
    """

    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
        label=_("Your Tribe password"),
        help_text=_("The one you chose when you signed up."),
    )

    def __init__(self, *args: Any, need_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not need_password:
            del self.fields["password"]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its mail sent through the outbox like every other.

    The link goes out through the same worker, retries and SMTP path as the
    rest of Tribe's mail, and the outbox records that it was sent.
    """

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message_queue(
            key=f"password_reset:{context['uid']}:{context['token']}",
            kind=Message.Kind.PASSWORD_RESET,
            to=to_email,
            subject=subject,
            body_text=body,
            person_id=context["user"].pk,
        )

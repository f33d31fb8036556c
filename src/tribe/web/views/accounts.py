"""The public pages: landing, sign-up and e-mail verification (log-in and passwords use
Django's, noting changes in the person's security log), and that log.

Sign-up answers the same whatever the address: it never says that an account
exists, and it logs nobody in. The person proves the address with the mailed
link; using it (a POST, with their password) verifies it and logs them in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from tribe.accounts import oidc
from tribe.accounts.events import events_of
from tribe.accounts.events import record as record_security_event
from tribe.accounts.models import SecurityEvent
from tribe.core.errors import ValidationError
from tribe.people.models import Person
from tribe.people.selectors import email_token_get
from tribe.people.services import email_verify, signup_request
from tribe.web.errors import WebCode
from tribe.web.forms.accounts import SignupForm, VerifyEmailForm
from tribe.web.views.common import handle_form, me, person_page

#: The backend that holds passwords (django-axes, first in the list, only watches).
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "web/landing.html")


def next_path(request: HttpRequest) -> str:
    """The ``next`` this request carries, when it is a path on this site (else "")."""
    wanted = str(request.POST.get("next") or request.GET.get("next") or "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted.startswith("/") and safe else ""


def site_base(request: HttpRequest) -> str:
    """The address links in mails start with (``TRIBE_BASE_URL`` wins when it is set)."""
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:today")
    form = SignupForm(request.POST or None)
    # No message: the next page says what happens now, whatever the address.
    sent = handle_form(
        request,
        form,
        signup_request,
        lambda data: {
            "email": data["email"],
            "name": data["name"],
            "password": data["password"],
            "timezone": data["timezone"],
            "base_url": site_base(request),
            "next_path": next_path(request),
        },
        done=None,
        then="web:signup_sent",
    )
    if sent is not None:
        return sent
    after = next_path(request)
    login_url = reverse("web:login") + ("?" + urlencode({"next": after}) if after else "")
    return render(request, "web/signup.html", {"form": form, "login_url": login_url})


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "web/registration/signup_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows the button (mail scanners open links); POST uses the link."""
    template = "web/registration/verify_email.html"
    try:
        person = email_token_get(token=token).person
    except ValidationError as exc:
        return render(request, template, {"problem": exc.message}, status=400)
    signed_in = request.user.is_authenticated and request.user.pk == person.pk
    # Bound on every POST: signed in, the button alone sends an empty form.
    data = request.POST if request.method == "POST" else None
    form = VerifyEmailForm(data, need_password=not signed_in)

    def verify(password: str = "") -> Person:
        if not signed_in:
            # Through authenticate(), so django-axes counts wrong passwords here too.
            user = authenticate(request, username=person.email, password=password)
            if user is None or user.pk != person.pk:
                raise ValidationError(WebCode.WRONG_PASSWORD, field="password")
        verified = email_verify(token=token)
        if not signed_in:
            login(request, verified, backend=PASSWORD_BACKEND)
        return verified

    verified = handle_form(
        request,
        form,
        verify,
        lambda data: data,
        aliases={"token": ""},
        done=lambda verified: gettext("Thank you: {email} is verified.").format(
            email=verified.email
        ),
        then=next_path(request) or "web:profile",
    )
    if verified is not None:
        return verified
    return render(request, template, {"form": form, "person": person})


class LoginView(auth_views.LoginView):
    """Django's page, with "Sign in with <organisation>" when a provider is configured."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if oidc.is_enabled():
            after = next_path(self.request)
            context["oidc_name"] = oidc.provider_name()
            context["oidc_url"] = reverse("oidc_authentication_init") + (
                "?" + urlencode({"next": after}) if after else ""
            )
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, noting the change in the person's security log."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record_security_event(
            person=form.user, kind=SecurityEvent.Kind.PASSWORD_CHANGED, request=self.request
        )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page, noting the reset in the person's security log."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record_security_event(
            person=form.user, kind=SecurityEvent.Kind.PASSWORD_RESET, request=self.request
        )
        return response


@person_page
@require_GET
def security_log(request: HttpRequest) -> HttpResponse:
    return render(request, "web/security_log.html", {"events": events_of(person=me(request))})

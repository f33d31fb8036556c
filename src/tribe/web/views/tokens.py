"""My personal API tokens (``/profile/tokens/``): the list, a form to make one, and revoking.

A token's secret is shown once: in the answer to the POST that made it, never
redirected to (an address is kept in the history and in logs), never put in
the session (a session store is a table or a file the secret would outlive the
page in), and the page is no-store, so no cache keeps it either. Only the
token's digest is stored (``tribe.accounts``), so nothing can show it again.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.accounts.models import ApiToken
from tribe.accounts.selectors import token_get_for, token_is_live, tokens_of
from tribe.accounts.services import MAX_LIVE_TOKENS, token_create, token_revoke
from tribe.core import clock
from tribe.people.models import Person
from tribe.web.forms.base import FAILED, run_service
from tribe.web.forms.tokens import TokenForm
from tribe.web.views.common import confirm_page, me, object_page, person_page


@person_page
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """GET: my tokens and the form. POST: make one and show its secret, in this answer only."""
    person = me(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = run_service(form, token_create, person=person, **form.cleaned_data)
        if made is not FAILED:
            token, secret = made
            return _secret_page(request, token, secret)
    now = clock.now()
    rows = [(token, token_is_live(token, now)) for token in tokens_of(person=person)]
    return render(
        request,
        "web/tokens/list.html",
        {"form": form, "rows": rows, "limit": MAX_LIVE_TOKENS},
        status=400 if form.is_bound and form.errors else 200,
    )


def _secret_page(request: HttpRequest, token: ApiToken, secret: str) -> HttpResponse:
    response = render(
        request,
        "web/tokens/made.html",
        {
            "token": token,
            "secret": secret,
            "example_url": request.build_absolute_uri(reverse("api:goal_list")),
        },
    )
    # Said here, not left to the signed-in pages' default: this page is the secret.
    add_never_cache_headers(response)
    return response


@object_page(token_get_for)
def token_revoke_page(request: HttpRequest, person: Person, token: ApiToken) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: token_revoke(actor=person, token=token),
        done=gettext("API token “{name}” revoked.").format(name=token.name),
        back=reverse("web:tokens"),
        title=gettext("Revoke API token"),
        question=gettext(
            "Revoke the API token “{name}” ({prefix}…)? Scripts that use it stop working "
            "at once; this cannot be undone."
        ).format(name=token.name, prefix=token.prefix),
        submit=gettext("Revoke"),
    )

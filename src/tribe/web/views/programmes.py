"""Programmes: the list of those I run and the ones I am in, creating one, its
settings and matching rules, its administrators and cohorts.

The parts of a programme (enrolment and roster, match runs, engagement,
surveys and reports) have pages of their own; this module is the frame they
hang from. Every administrator's page reads the programme through
``admin_page`` (404 for a programme the person does not run).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.errors import NotFound, TribeError
from tribe.people.models import Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Cohort, Participant, Programme
from tribe.programs.selectors import (
    participations_of,
    programme_overview,
    programmes_run_by,
)
from tribe.programs.services import (
    CohortFields,
    admin_add_by_email,
    admin_remove,
    cohort_create,
    cohort_update,
    programme_archive,
    programme_create,
    programme_set_webhooks,
    programme_update,
)
from tribe.web.forms.programmes import (
    AdminForm,
    CohortForm,
    ProgrammeChatForm,
    ProgrammeForm,
    ProgrammeSettingsForm,
    RulesForm,
)
from tribe.web.views.common import (
    FORM,
    confirm_page,
    handle_form,
    me,
    person_page,
    save_or_show,
)
from tribe.web.views.programme_common import admin_page, participant_page


def _home(programme: Programme) -> str:
    return reverse("web:programme", args=[programme.slug])


@person_page
@require_http_methods(["GET"])
def programme_list(request: HttpRequest) -> HttpResponse:
    person = me(request)
    return render(
        request,
        "web/programmes/list.html",
        {
            "programmes": list(programmes_run_by(person)),
            "participations": list(participations_of(person)),
        },
    )


@person_page
@require_http_methods(FORM)
def programme_new(request: HttpRequest) -> HttpResponse:
    person = me(request)
    form = ProgrammeForm(request.POST or None)
    return save_or_show(
        request,
        form,
        programme_create,
        lambda data: {"actor": person, **data},
        done=gettext("Programme created. You administer it; add cohorts and people next."),
        back=reverse("web:programmes"),
        then=_home,
        title=gettext("New programme"),
        submit=gettext("Create the programme"),
        intro=gettext(
            "A programme has its own people, rules and figures. Its administrators see "
            "counts, dates, states and scores — never what people write in their notes, "
            "agendas, advice or personal goals."
        ),
    )


@admin_page(methods=["GET"])
def programme_home(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    return render(
        request,
        "web/programmes/home.html",
        {
            "programme": programme,
            "overview": programme_overview(programme=programme),
            "chat_form": ProgrammeChatForm(programme=programme),
        },
    )


@admin_page()
def programme_chat(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    """The programme's Slack or Teams channel, told what the administrators are nudged of."""
    form = ProgrammeChatForm(request.POST or None, programme=programme)
    saved = handle_form(
        request,
        form,
        programme_set_webhooks,
        lambda _data: {"actor": person, "programme": programme, **form.arguments()},
        done=gettext("Chat settings saved."),
        then=_home(programme) + "#chat",
        refused=programme.refresh_from_db,
    )
    response = saved or render(
        request,
        "web/programmes/chat.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )
    # No cache may keep an answer to a form that carried a webhook address.
    response["Cache-Control"] = "no-store"
    return response


@admin_page()
def programme_settings(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = ProgrammeSettingsForm(
        request.POST or None, initial=ProgrammeSettingsForm.initial_for(programme)
    )
    return save_or_show(
        request,
        form,
        programme_update,
        lambda data: {"actor": person, "programme": programme, **data},
        done=gettext("Settings saved."),
        back=_home(programme),
        title=gettext("Settings of %(name)s") % {"name": programme.name},
        submit=gettext("Save"),
        refused=programme.refresh_from_db,
    )


@admin_page()
def programme_rules(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = RulesForm(request.POST or None, initial=RulesForm.initial_for(programme))
    return save_or_show(
        request,
        form,
        programme_update,
        lambda data: {"actor": person, "programme": programme, **form.settings()},
        done=gettext("Matching rules saved. The next run uses them."),
        back=_home(programme),
        title=gettext("Matching rules of %(name)s") % {"name": programme.name},
        submit=gettext("Save the rules"),
        intro=gettext(
            "Rules are never broken: a pair that breaks one is not made. Weights decide "
            "which of the allowed pairs fit best."
        ),
        aliases={"weights": "weight_text"},
        refused=programme.refresh_from_db,
    )


@admin_page()
def programme_admins(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = AdminForm(request.POST or None)
    if request.method == "POST" and "remove" in request.POST:
        return _remove_admin(request, person, programme)

    def add(*, email: str) -> object:
        return admin_add_by_email(actor=person, programme=programme, email=email)

    response = handle_form(
        request,
        form,
        add,
        lambda data: {"email": data["email"]},
        done=gettext("Administrator added."),
        then=reverse("web:programme_admins", args=[programme.slug]),
    )
    if response is not None:
        return response
    admins = programme.admins.select_related("person").order_by("person__name", "id")
    return render(
        request,
        "web/programmes/admins.html",
        {"programme": programme, "admins": admins, "form": form},
        status=400 if form.errors else 200,
    )


def _remove_admin(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    back = reverse("web:programme_admins", args=[programme.slug])
    key = str(request.POST.get("remove", ""))
    row = (
        programme.admins.filter(pk=key).select_related("person").first() if key.isdigit() else None
    )
    if row is None:
        raise NotFound(ProgrammeCode.NO_PROGRAMME)
    try:
        admin_remove(actor=person, programme=programme, person=row.person)
    except TribeError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, gettext("Administrator removed."))
    if row.person_id == person.pk:
        return redirect("web:programmes")
    return redirect(back)


def _cohort_fields(data: dict[str, Any]) -> CohortFields:
    return CohortFields(**data)


@admin_page()
def cohort_new(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = CohortForm(
        request.POST or None, initial={"length_months": programme.default_length_months}
    )
    return save_or_show(
        request,
        form,
        cohort_create,
        lambda data: {"actor": person, "programme": programme, "fields": _cohort_fields(data)},
        done=gettext("Cohort created."),
        back=_home(programme),
        title=gettext("New cohort of %(name)s") % {"name": programme.name},
        submit=gettext("Create the cohort"),
    )


@admin_page()
def cohort_edit(
    request: HttpRequest, person: Person, programme: Programme, cohort_id: int
) -> HttpResponse:
    cohort: Cohort | None = programme.cohorts.filter(pk=cohort_id).first()
    if cohort is None:
        raise NotFound(ProgrammeCode.NO_COHORT)
    initial = {name: getattr(cohort, name) for name in CohortForm.base_fields}
    form = CohortForm(request.POST or None, initial=initial)
    return save_or_show(
        request,
        form,
        cohort_update,
        lambda data: {"actor": person, "cohort": cohort, "fields": _cohort_fields(data)},
        done=gettext("Cohort saved."),
        back=_home(programme),
        title=gettext("Cohort %(name)s") % {"name": cohort.name},
        submit=gettext("Save"),
        refused=cohort.refresh_from_db,
    )


@admin_page(methods=["GET", "POST"])
def programme_archive_page(
    request: HttpRequest, person: Person, programme: Programme
) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: programme_archive(actor=person, programme=programme, now=clock.now()),
        done=gettext("Programme archived."),
        back=_home(programme),
        title=gettext("Archive %(name)s") % {"name": programme.name},
        question=gettext(
            "Nobody new can join and no match runs: its relationships go on as their "
            "people decide, and its figures stay."
        ),
    )


@person_page
@require_http_methods(["GET"])
def my_programmes(request: HttpRequest) -> HttpResponse:
    person = me(request)
    return render(
        request,
        "web/programmes/mine.html",
        {"participations": list(participations_of(person))},
    )


@participant_page(methods=["GET"])
def my_programme(request: HttpRequest, person: Person, participant: Participant) -> HttpResponse:
    return render(
        request,
        "web/programmes/my_programme.html",
        {"participant": participant, "programme": participant.programme},
    )


__all__ = [
    "cohort_edit",
    "cohort_new",
    "my_programme",
    "my_programmes",
    "programme_admins",
    "programme_archive_page",
    "programme_home",
    "programme_list",
    "programme_new",
    "programme_rules",
    "programme_settings",
]

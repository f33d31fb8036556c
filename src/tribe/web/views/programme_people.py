"""A programme's people: the roster and the participants, importing the HR
export, invitations and the open sign-up link; and, on the participant's
side, the join link, the intake and leaving.

Administrators' pages go through ``admin_page`` (404 for a programme they do
not run), and every id in an address is read through the programme, so an id
of another programme is a 404 as well. Administrators see names, addresses,
roles, states, cohorts, capacities and dates here, never intake text.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.core.errors import ImportRejected, NotFound, RowProblem, TribeError
from tribe.people.models import Person
from tribe.programs.enrolment import (
    ROSTER_INVITE_BATCH,
    invitation_create,
    invitation_create_for_roster,
    invitation_revoke,
    participant_enrol,
    participant_intake_update,
    participant_leave,
    signup_link_close,
    signup_link_open,
)
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import Cohort, Invitation, Participant, Programme
from tribe.programs.roster_import import (
    Preview,
    read_table,
    roster_upload_apply,
    roster_upload_create,
    roster_upload_update,
)
from tribe.programs.selectors import (
    intake_mentors,
    intake_people,
    invitation_for_token,
    invitation_get_for_admin,
    invitation_state,
    invitations_of,
    participants_of,
    people_counts,
    programme_for_signup_token,
    roster_of,
    roster_upload_get_for_admin,
    roster_waiting_count,
    token_hash,
)
from tribe.web.forms.base import FAILED, run_service
from tribe.web.forms.programme_people import (
    IntakeForm,
    InviteForm,
    MappingForm,
    RosterFileForm,
    RosterInviteForm,
)
from tribe.web.views.common import BUTTON, FORM, confirm_page, me
from tribe.web.views.programme_common import admin_page, participant_page

PAGE_SIZE = 50


def _people_url(programme: Programme) -> str:
    return reverse("web:programme_people", args=[programme.slug])


@admin_page(methods=["GET"])
def programme_people(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    now = clock.now()
    participants = Paginator(participants_of(programme=programme), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    roster = Paginator(roster_of(programme=programme).select_related("person"), PAGE_SIZE).get_page(
        request.GET.get("roster_page")
    )
    return render(
        request,
        "web/programmes/people/people.html",
        {
            "programme": programme,
            "counts": people_counts(programme=programme, now=now),
            "participants": participants,
            "roster": roster,
        },
    )


@admin_page(methods=["GET", "POST"])
def programme_participant_remove(
    request: HttpRequest, person: Person, programme: Programme, participant_id: int
) -> HttpResponse:
    participant = programme.participants.select_related("person").filter(pk=participant_id).first()
    if participant is None:
        raise NotFound(ProgrammeCode.NO_PARTICIPANT)
    return confirm_page(
        request,
        act=lambda: participant_leave(actor=person, participant=participant, now=clock.now()),
        done=gettext("%(name)s has left the programme.") % {"name": participant.person.name},
        back=_people_url(programme),
        title=gettext("Take %(name)s out of the programme") % {"name": participant.person.name},
        question=gettext(
            "They are no longer matched. Their relationships stay theirs and go on as they decide."
        ),
    )


# -- importing the roster ----------------------------------------------------------------


def _rejected_message(exc: ImportRejected) -> str:
    count = len(exc.problems)
    return ngettext(
        "{file} cannot be imported, so nothing was changed: {count} problem, listed below.",
        "{file} cannot be imported, so nothing was changed: {count} problems, listed below.",
        count,
    ).format(file=exc.source, count=count)


@admin_page()
def programme_import(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = RosterFileForm(request.POST or None, request.FILES or None)
    problems: list[RowProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = run_service(
                form,
                roster_upload_create,
                actor=person,
                programme=programme,
                data=upload.read(),
                filename=upload.name or "file",
                now=clock.now(),
            )
        except ImportRejected as exc:
            form.add_error(None, _rejected_message(exc))
            problems = exc.problems
        else:
            if result is not FAILED:
                return redirect(
                    "web:programme_import_upload", slug=programme.slug, upload_id=result.pk
                )
    return render(
        request,
        "web/programmes/people/import.html",
        {"programme": programme, "form": form, "problems": problems},
        status=400 if form.errors else 200,
    )


@admin_page()
def programme_import_upload(
    request: HttpRequest, person: Person, programme: Programme, upload_id: int
) -> HttpResponse:
    upload = roster_upload_get_for_admin(person=person, programme=programme, upload_id=upload_id)
    back = reverse("web:programme_import_upload", args=[programme.slug, upload.pk])
    columns = read_table(bytes(upload.content), source=upload.filename).columns
    form = MappingForm(
        request.POST or None,
        columns=columns,
        mapping=upload.mapping,
        initial={"deactivate_missing": upload.deactivate_missing},
    )
    problems: list[RowProblem] = []
    preview: Preview | None = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            roster_upload_update(
                actor=person,
                upload=upload,
                mapping=form.mapping(),
                deactivate_missing=form.cleaned_data["deactivate_missing"],
            )
            if request.POST.get("action") == "import":
                done = roster_upload_apply(
                    actor=person, upload=upload, dry_run=False, now=clock.now()
                )
                messages.success(
                    request,
                    gettext(
                        "Roster imported: {new} new, {updated} updated, {unchanged} "
                        "unchanged, {deactivated} deactivated."
                    ).format(
                        new=done.new,
                        updated=done.updated,
                        unchanged=done.unchanged,
                        deactivated=done.deactivated,
                    ),
                )
                return redirect(_people_url(programme))
        except ImportRejected as exc:
            form.add_error(None, _rejected_message(exc))
            problems, status = exc.problems, 400
        except NotFound:
            raise
        except TribeError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            return redirect(back)
    elif request.method == "POST":
        status = 400
    if request.method == "GET":
        try:
            preview = roster_upload_apply(actor=person, upload=upload, dry_run=True)
        except ImportRejected as exc:
            problems = exc.problems
        except NotFound:
            raise
        except TribeError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "web/programmes/people/mapping.html",
        {
            "programme": programme,
            "upload": upload,
            "form": form,
            "preview": preview,
            "problems": problems,
        },
        status=status,
    )


# -- invitations and the sign-up link ----------------------------------------------------


def _cohort(programme: Programme, value: str) -> Cohort | None:
    if not value:
        return None
    cohort = programme.cohorts.filter(pk=int(value)).first()
    if cohort is None:
        raise NotFound(ProgrammeCode.NO_COHORT)
    return cohort


@admin_page()
def programme_invitations(
    request: HttpRequest, person: Person, programme: Programme
) -> HttpResponse:
    now = clock.now()
    posted = request.method == "POST"
    which = request.POST.get("action", "")
    form = InviteForm(request.POST if posted and which == "invite" else None, programme=programme)
    roster_form = RosterInviteForm(
        request.POST if posted and which == "roster" else None, programme=programme
    )
    issued: list[tuple[str, str]] = []  # (address, link), shown once
    base = request.build_absolute_uri("/")
    if posted and which == "invite" and form.is_valid():
        cohort = _cohort(programme, form.cleaned_data["cohort"])
        for address in form.cleaned_data["emails"]:
            made = run_service(
                form,
                invitation_create,
                actor=person,
                programme=programme,
                email=address,
                cohort=cohort,
                base_url=base,
                now=now,
            )
            if made is not FAILED:
                issued.append((made.invitation.email, made.link))
    elif posted and which == "roster" and roster_form.is_valid():
        cohort = _cohort(programme, roster_form.cleaned_data["cohort"])
        made_all = run_service(
            roster_form,
            invitation_create_for_roster,
            actor=person,
            programme=programme,
            cohort=cohort,
            base_url=base,
            now=now,
        )
        if made_all is not FAILED:
            issued = [(i.invitation.email, i.link) for i in made_all]
            left = roster_waiting_count(programme=programme, now=now)
            if not issued:
                messages.info(
                    request, gettext("Everyone active in the roster is enrolled or invited.")
                )
            elif left:
                messages.info(
                    request,
                    gettext(
                        "Invited {count} people; {left} more on the roster are not invited "
                        "yet: invite again for the next {batch}."
                    ).format(count=len(issued), left=left, batch=ROSTER_INVITE_BATCH),
                )
    page = Paginator(invitations_of(programme=programme), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(invitation, invitation_state(invitation, now)) for invitation in page]
    return render(
        request,
        "web/programmes/people/invitations.html",
        {
            "programme": programme,
            "form": form,
            "roster_form": roster_form,
            "issued": issued,
            "page": page,
            "rows": rows,
            "signup_link": request.session.pop(_signup_key(programme), None),
        },
        status=400 if form.errors or roster_form.errors else 200,
    )


def _signup_key(programme: Programme) -> str:
    return f"programme_signup_link_{programme.pk}"


@admin_page(methods=None)
def programme_invitation_revoke(
    request: HttpRequest, person: Person, programme: Programme, invitation_id: int
) -> HttpResponse:
    # Fetched before the method is checked: another programme's id is a 404, always.
    invitation: Invitation = invitation_get_for_admin(
        person=person, programme=programme, invitation_id=invitation_id
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(list(BUTTON))
    try:
        invitation_revoke(actor=person, invitation=invitation, now=clock.now())
    except NotFound:
        raise
    except TribeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Invitation withdrawn: its link no longer works."))
    return redirect("web:programme_invitations", slug=programme.slug)


@admin_page(methods=BUTTON)
def programme_signup_link(
    request: HttpRequest, person: Person, programme: Programme
) -> HttpResponse:
    try:
        if request.POST.get("action") == "close":
            signup_link_close(actor=person, programme=programme)
            messages.success(request, gettext("The sign-up link is closed."))
        else:
            link = signup_link_open(
                actor=person, programme=programme, base_url=request.build_absolute_uri("/")
            )
            # Shown once, on the next page: only its hash is kept.
            request.session[_signup_key(programme)] = link
    except NotFound:
        raise
    except TribeError as exc:
        messages.error(request, exc.message)
    return redirect("web:programme_invitations", slug=programme.slug)


# -- the participant's side --------------------------------------------------------------


def _intake_form(
    request: HttpRequest, programme: Programme, person: Person, participant: Participant | None
) -> IntakeForm:
    return IntakeForm(
        request.POST or None,
        programme=programme,
        person=person,
        mentors=intake_mentors(programme=programme, exclude=person),
        people=intake_people(programme=programme, exclude=person),
        initial=IntakeForm.initial_for(person, participant),
    )


_INTAKE_ALIASES = {"preferred": "preferred_1", "token": "", "email": ""}


@require_http_methods(list(FORM))
def programme_join(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation or a sign-up link. Signed out: log in or sign up, then come back."""
    now = clock.now()
    programme: Programme | None = None
    invitation: Invitation | None = None
    problem = ""
    try:
        invitation = invitation_for_token(token=token, now=now)
        programme = invitation.programme
    except TribeError as exc:
        spent = Invitation.objects.filter(token_hash=token_hash(token)).first()
        if spent is not None:
            problem = exc.message
            if (
                request.user.is_authenticated
                and spent.programme.participants.filter(
                    person=me(request), status=Participant.Status.ENROLLED
                ).exists()
            ):
                messages.info(request, gettext("You already take part in this programme."))
                return redirect("web:my_programme", slug=spent.programme.slug)
        else:
            try:
                programme = programme_for_signup_token(token=token)
            except TribeError as closed:
                problem = closed.message
    if problem or programme is None:
        return render(request, "web/programmes/people/join.html", {"problem": problem}, status=400)
    if not request.user.is_authenticated:
        here = reverse("web:programme_join", args=[token])
        return render(
            request,
            "web/programmes/people/join.html",
            {
                "programme": programme,
                "login_url": reverse("web:login") + "?" + urlencode({"next": here}),
                "signup_url": reverse("web:signup") + "?" + urlencode({"next": here}),
            },
        )
    person = me(request)
    enrolled = programme.participants.filter(
        person=person, status=Participant.Status.ENROLLED
    ).exists()
    if enrolled:
        messages.info(request, gettext("You already take part in this programme."))
        return redirect("web:my_programme", slug=programme.slug)
    if invitation is not None and person.email.lower() != invitation.email.lower():
        problem = ProgrammeCode.WRONG_ADDRESS.message(email=invitation.email, mine=person.email)
    elif person.email_verified_at is None:
        problem = ProgrammeCode.UNVERIFIED.message()
    if problem:
        return render(
            request,
            "web/programmes/people/join.html",
            {"programme": programme, "problem": problem},
            status=400,
        )
    previous = programme.participants.filter(person=person).first()
    form = _intake_form(request, programme, person, previous)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            participant_enrol,
            aliases=_INTAKE_ALIASES,
            actor=person,
            token=token,
            intake=form.intake(),
            now=now,
        )
        if result is not FAILED:
            messages.success(request, gettext("Welcome to %(name)s.") % {"name": programme.name})
            return redirect("web:my_programme", slug=programme.slug)
    return render(
        request,
        "web/programmes/people/join.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@participant_page()
def my_programme_intake(
    request: HttpRequest, person: Person, participant: Participant
) -> HttpResponse:
    programme = participant.programme
    if participant.status != Participant.Status.ENROLLED:
        messages.info(request, gettext("You have left this programme."))
        return redirect("web:my_programme", slug=programme.slug)
    form = _intake_form(request, programme, person, participant)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            participant_intake_update,
            aliases=_INTAKE_ALIASES,
            actor=person,
            participant=participant,
            intake=form.intake(),
        )
        if result is not FAILED:
            messages.success(request, gettext("Your answers are saved."))
            return redirect("web:my_programme", slug=programme.slug)
    return render(
        request,
        "web/programmes/people/intake.html",
        {"programme": programme, "participant": participant, "form": form},
        status=400 if form.errors else 200,
    )


@participant_page(methods=["GET", "POST"])
def my_programme_leave(
    request: HttpRequest, person: Person, participant: Participant
) -> HttpResponse:
    programme = participant.programme
    back = reverse("web:my_programme", args=[programme.slug])
    return confirm_page(
        request,
        act=lambda: participant_leave(actor=person, participant=participant, now=clock.now()),
        done=gettext("You have left %(name)s.") % {"name": programme.name},
        back=back,
        title=gettext("Leave %(name)s") % {"name": programme.name},
        question=gettext(
            "You will not be matched any more. Your relationships are yours and go on "
            "as you decide."
        ),
    )


__all__ = [
    "my_programme_intake",
    "my_programme_leave",
    "programme_import",
    "programme_import_upload",
    "programme_invitation_revoke",
    "programme_invitations",
    "programme_join",
    "programme_participant_remove",
    "programme_people",
    "programme_signup_link",
]

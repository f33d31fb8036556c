"""Finding mentors, the five steps: the overview, check fit, ask well, start right.

The ranking, drafts, nudge timing and every rule live in the domain
(``matching.selectors``, ``relationships.outreach``); these views only fetch
for the signed-in person, call one service per form and show the result.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tribe.core import clock
from tribe.matching.selectors import (
    FitRow,
    fit_candidate_get,
    fit_ranking,
    not_a_match_of,
    open_mentor_count,
)
from tribe.matching.services import not_a_match_mark, not_a_match_undo
from tribe.people.models import Contact, Goal, Person
from tribe.people.selectors import contacts_of, goal_get_for
from tribe.relationships.models import Relationship
from tribe.relationships.outreach import (
    NudgeState,
    agreement_start,
    nudge_state,
    outreach_answer_info,
    outreach_nudge,
    outreach_prepare,
    outreach_send,
    request_draft,
)
from tribe.relationships.selectors import (
    goal_map,
    relationship_get_for,
    relationship_get_for_mentee,
    relationships_for,
)
from tribe.relationships.services import relationship_create
from tribe.web.forms import (
    FAILED,
    AgreementStartForm,
    InfoAnswerForm,
    NotAMatchForm,
    NudgeForm,
    OutreachForm,
    OutreachSendForm,
    ProspectForm,
    run_service,
    run_service_on,
)
from tribe.web.views.common import form_page, local_today, me, person_page
from tribe_engine import Weights

Status = Relationship.Status

#: What each part of the score measures, in the page's words.
COMPONENT_LABELS = {
    "text": "Goal meets expertise",
    "seniority": "Seniority",
    "language": "Shared languages",
    "timezone": "Time-zone overlap",
    "ranking": "Programme ranking",
}
#: ``fit_ranking`` scores with the engine's default weights: each part's maximum.
WEIGHTS = Weights()


# -- the overview ---------------------------------------------------------------


@person_page
def find(request: HttpRequest) -> HttpResponse:
    person = me(request)
    today = local_today(person)
    relationships = list(relationships_for(person=person))
    as_mentee = [r for r in relationships if r.mentee_id == person.pk]
    linked: dict[int, list[Relationship]] = {}
    for r in as_mentee:
        for goal in r.goals.all():
            linked.setdefault(goal.pk, []).append(r)
    coverage = goal_map(person=person)
    goals = [(c, linked.get(c.goal_id, [])) for c in coverage]
    return render(
        request,
        "web/find/overview.html",
        {
            "goals": [(c, rows, [r for r in rows if not r.purpose]) for c, rows in goals],
            "uncovered": sum(1 for c in coverage if not c.covered),
            "contact_count": contacts_of(person=person).count(),
            "mentor_count": open_mentor_count(person=person),
            "outreach": [
                (
                    r,
                    nudge_state(
                        relationship=r,
                        wait_days=person.nudge_after_days,
                        today=today,
                        zone_name=person.timezone,
                    ),
                )
                for r in as_mentee
                if r.status in (Status.PROSPECT, Status.ASKED)
            ],
            "starting": [(r, r.role_of(person)) for r in relationships if r.status == Status.INTRO],
        },
    )


# -- step 3: check fit ------------------------------------------------------------


def _parts(row: FitRow) -> list[tuple[str, float, float]]:
    """(label, contribution, most it could be) for each part of the score."""
    return [
        (
            COMPONENT_LABELS.get(name, name),
            value,
            max(float(getattr(WEIGHTS, name, 0.0)), value),
        )
        for name, value in row.explanation.contributions.items()
    ]


def _seniority(row: FitRow) -> str:
    gap = row.seniority_gap
    if gap is None:
        return "unknown"
    if gap == 0:
        return "the same as mine"
    years = f"{abs(gap):.0f} year{'' if abs(gap) == 1 else 's'}"
    return f"{years} more than mine" if gap > 0 else f"{years} less than mine"


@person_page
def fit(request: HttpRequest, goal_id: int) -> HttpResponse:
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    rows = fit_ranking(person=person, goal=goal, now=clock.now())
    ruled_out = [n for n in not_a_match_of(person=person) if n.goal_id in (None, goal.pk)]
    return render(
        request,
        "web/find/fit.html",
        {
            "goal": goal,
            "rows": [(row, _parts(row), _seniority(row)) for row in rows],
            "ruled_out": ruled_out,
        },
    )


#: The candidate travels in a hidden field: its errors show above the form.
ABOVE = {"candidate": "", "other": "", "kind": ""}


def _candidate(person: Person, form: Any) -> Person | Contact | Any:
    kind, candidate_id = form.cleaned_data["candidate"]
    return run_service(
        form, fit_candidate_get, aliases=ABOVE, person=person, kind=kind, candidate_id=candidate_id
    )


def _sides(candidate: Person | Contact) -> dict[str, Any]:
    if isinstance(candidate, Person):
        return {"candidate_person": candidate}
    return {"candidate_contact": candidate}


@person_page
@require_POST
def fit_prospect(request: HttpRequest, goal_id: int) -> HttpResponse:
    """Add a ranked candidate as a prospect mentor for the goal, then on to step 4."""
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    form = ProspectForm(request.POST)
    if form.is_valid():
        candidate = _candidate(person, form)
        if candidate is not FAILED:
            relationship = run_service(
                form,
                relationship_create,
                aliases=ABOVE,
                created_by=person,
                my_role="mentee",
                goals=[goal],
                **(
                    {"other_person": candidate}
                    if isinstance(candidate, Person)
                    else {"other_contact": candidate}
                ),
            )
            if relationship is not FAILED:
                messages.success(request, f"{candidate.name} is a prospect now. Step 4: ask well.")
                return redirect("web:ask", relationship_id=relationship.pk)
    return form_page(
        request,
        title=f"Add a prospect for “{goal.title}”",
        form=form,
        submit="Add as prospect",
        cancel_url=reverse("web:fit", args=[goal.pk]),
    )


@person_page
@require_http_methods(["GET", "POST"])
def fit_not_a_match(request: HttpRequest, goal_id: int) -> HttpResponse:
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    form = NotAMatchForm(request.POST or None, initial={"candidate": request.GET.get("candidate")})
    if request.method == "POST" and form.is_valid():
        candidate = _candidate(person, form)
        if candidate is not FAILED:
            marked = run_service(
                form,
                not_a_match_mark,
                aliases=ABOVE,
                person=person,
                reason=form.cleaned_data["reason"],
                goal=goal if form.cleaned_data["scope"] == "goal" else None,
                **_sides(candidate),
            )
            if marked is not FAILED:
                scope = "this goal" if marked.goal_id else "all your goals"
                messages.success(
                    request, f"{candidate.name} is ruled out for {scope}. Undo below if need be."
                )
                return redirect("web:fit", goal_id=goal.pk)
    return form_page(
        request,
        title=f"Not a match for “{goal.title}”",
        form=form,
        submit="Rule out",
        cancel_url=reverse("web:fit", args=[goal.pk]),
    )


@person_page
@require_POST
def fit_undo(request: HttpRequest, goal_id: int, not_a_match_id: int) -> HttpResponse:
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    not_a_match_undo(person=person, not_a_match_id=not_a_match_id)
    messages.success(request, "Ruled back in: the candidate is ranked again.")
    return redirect("web:fit", goal_id=goal.pk)


# -- step 4: ask well ---------------------------------------------------------------


def _mentor_email(relationship: Relationship) -> str:
    side = relationship.mentor or relationship.mentor_contact
    return getattr(side, "email", "") or ""


def _mailto(email: str, subject: str, body: str) -> str:
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def _next_candidate(person: Person, relationship: Relationship) -> tuple[Goal, FitRow] | None:
    """After a second silence (or a no): the best candidate for the relationship's first goal."""
    goals = list(relationship.goals.all())
    if not goals:
        return None
    rows = fit_ranking(person=person, goal=goals[0], limit=1, now=clock.now())
    return (goals[0], rows[0]) if rows else None


def _ask_page(
    request: HttpRequest,
    person: Person,
    relationship: Relationship,
    *,
    prepare_form: OutreachForm | None = None,
    send_form: OutreachSendForm | None = None,
    nudge_form: NudgeForm | None = None,
    answer_form: InfoAnswerForm | None = None,
) -> HttpResponse:
    draft = request_draft(relationship=relationship, sender=person)
    email = _mentor_email(relationship)
    nudge = nudge_state(
        relationship=relationship,
        wait_days=person.nudge_after_days,
        today=local_today(person),
        zone_name=person.timezone,
    )
    move_on = nudge.state == NudgeState.MOVE_ON or relationship.status == Status.DECLINED
    subject = f"Would you mentor me? {relationship.purpose}".strip()
    return render(
        request,
        "web/find/ask.html",
        {
            "relationship": relationship,
            "mentor": relationship.mentor_name,
            "goals": list(relationship.goals.all()),
            "prepare_form": prepare_form
            or OutreachForm(initial=OutreachForm.initial_for(relationship)),
            "send_form": send_form or OutreachSendForm(initial={"message": draft}),
            "nudge_form": nudge_form or NudgeForm(),
            "answer_form": answer_form or InfoAnswerForm(),
            "mailto": _mailto(email, subject, draft) if email else "",
            "nudge": nudge,
            "next": _next_candidate(person, relationship) if move_on else None,
        },
    )


@person_page
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """The request: purpose, the specific ask and why them; saved, it redrafts the message."""
    person = me(request)
    relationship = relationship_get_for_mentee(person=person, relationship_id=relationship_id)
    form = OutreachForm(request.POST or None, initial=OutreachForm.initial_for(relationship))
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form, outreach_prepare, actor=person, relationship=relationship, **form.cleaned_data
        )
        if saved is not FAILED:
            messages.success(request, "Saved. The draft below is built from it.")
            return redirect("web:ask", relationship_id=relationship.pk)
        # The service set some fields before refusing another: show what is stored.
        relationship.refresh_from_db(fields=["ask", "why_them", "purpose"])
    return _ask_page(request, person, relationship, prepare_form=form)


@person_page
@require_POST
def ask_send(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for_mentee(person=person, relationship_id=relationship_id)
    form = OutreachSendForm(request.POST)
    # Bound to what is stored, so that "no purpose" can show on the purpose field.
    prepare_form = OutreachForm(OutreachForm.initial_for(relationship))
    if form.is_valid() and prepare_form.is_valid():
        sent = run_service_on(
            [form, prepare_form],
            outreach_send,
            actor=person,
            relationship=relationship,
            message=form.cleaned_data["message"],
            now=clock.now(),
        )
        if sent is not FAILED:
            messages.success(
                request,
                f"Recorded as sent to {relationship.mentor_name}. "
                f"A nudge is due if there is no answer in {person.nudge_after_days} days.",
            )
            return redirect("web:ask", relationship_id=relationship.pk)
    relationship.refresh_from_db()
    return _ask_page(request, person, relationship, prepare_form=prepare_form, send_form=form)


@person_page
@require_POST
def ask_nudge(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for_mentee(person=person, relationship_id=relationship_id)
    form = NudgeForm(request.POST)
    if form.is_valid():
        nudged = run_service(
            form, outreach_nudge, actor=person, relationship=relationship, now=clock.now()
        )
        if nudged is not FAILED:
            messages.success(request, "Nudge recorded. If they stay silent, move on.")
            return redirect("web:ask", relationship_id=relationship.pk)
    return _ask_page(request, person, relationship, nudge_form=form)


@person_page
@require_POST
def ask_answer(request: HttpRequest, relationship_id: int) -> HttpResponse:
    person = me(request)
    relationship = relationship_get_for_mentee(person=person, relationship_id=relationship_id)
    form = InfoAnswerForm(request.POST)
    if form.is_valid():
        answered = run_service(
            form,
            outreach_answer_info,
            actor=person,
            relationship=relationship,
            answer=form.cleaned_data["answer"],
            now=clock.now(),
        )
        if answered is not FAILED:
            messages.success(
                request, f"Answer recorded: the request waits for {relationship.mentor_name} again."
            )
            return redirect("web:ask", relationship_id=relationship.pk)
    return _ask_page(request, person, relationship, answer_form=form)


# -- step 5: start right --------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """The agreement made at the intro meeting starts the relationship; then plan meetings."""
    person = me(request)
    relationship = relationship_get_for(person=person, relationship_id=relationship_id)
    mentor = relationship.mentor
    initial = {
        "purpose": relationship.purpose,
        "cadence_days": relationship.cadence_days
        or (mentor.preferred_cadence_days if mentor is not None else None)
        or 30,
        "meeting_minutes": relationship.meeting_minutes or 45,
        "channel": relationship.channel or Relationship.Channel.VIDEO,
        "starts_on": relationship.starts_on or local_today(person),
        "months": 6,
        "confidentiality": relationship.confidentiality
        or "What we discuss stays between us unless we agree otherwise.",
    }
    form = AgreementStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        started = run_service(
            form,
            agreement_start,
            actor=person,
            relationship=relationship,
            now=clock.now(),
            **form.cleaned_data,
        )
        if started is not FAILED:
            messages.success(
                request, "Agreed: the relationship is active. Now propose the first meetings."
            )
            return redirect("web:schedule", relationship_id=relationship.pk)
    return form_page(
        request,
        title=f"Start right with {relationship.other_name(person)}",
        form=form,
        submit="Record the agreement and start",
        cancel_url=reverse("web:relationship", args=[relationship.pk]),
        intro="At the end of the intro meeting, agree on why you meet, how often, how long, "
        "how, for how many months, and what stays confidential.",
    )

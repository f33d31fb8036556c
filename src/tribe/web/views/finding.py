"""Finding mentors, the five steps: the overview, check fit, ask well, start right.

The overview, the ranking, drafts, nudge timing and every rule live in the
domain (``matching.overview``, ``matching.selectors``, ``outreach``); these
views only fetch for the signed-in person, call one service per form and show
the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tribe.core import clock
from tribe.core.kinds import KINDS, RelationshipKind, kind_info
from tribe.ledger.mail import last_message
from tribe.matching.models import NotAMatch
from tribe.matching.next_candidates import next_candidates
from tribe.matching.overview import GoalStep, find_overview
from tribe.matching.selectors import FitRow, fit_candidate_get, fit_ranking, not_a_match_of
from tribe.matching.services import fit_prospect_add, not_a_match_mark, not_a_match_undo
from tribe.outreach.mail import (
    request_prefix,
    request_send_by_email,
    request_subject,
    thank_you_prefix,
    thank_you_send_by_email,
)
from tribe.outreach.selectors import (
    GoalCoverage,
    NudgeState,
    ask_again_on,
    ask_size_of,
    give_back_text,
    nudge_state,
    request_draft,
    thank_you_after_decline,
)
from tribe.outreach.services import (
    agreement_start,
    outreach_answer_info,
    outreach_nudge,
    outreach_prepare,
    outreach_send,
)
from tribe.people.models import Contact, Goal, Person
from tribe.people.needs import Suggestion, suggest_need
from tribe.people.selectors import goal_get_for
from tribe.people.services import goal_set_need
from tribe.relationships.models import Relationship
from tribe.relationships.selectors import relationship_get_for, relationship_get_for_mentee
from tribe.web.forms.base import TribeForm
from tribe.web.forms.finding import (
    AgreementStartForm,
    InfoAnswerForm,
    NotAMatchForm,
    NudgeForm,
    OutreachForm,
    OutreachSendForm,
    ProspectForm,
    ThankYouEmailForm,
)
from tribe.web.forms.goals import GoalNeedForm
from tribe.web.views.common import (
    BUTTON,
    handle_form,
    local_today,
    mailto,
    me,
    object_page,
    person_page,
    save_or_show,
)
from tribe_engine import Weights

Status = Relationship.Status

#: What each part of the score measures, in the page's words.
COMPONENT_LABELS = {
    "text": _("Goal meets expertise"),
    "seniority": _("Seniority"),
    "language": _("Shared languages"),
    "timezone": _("Time-zone overlap"),
    "ranking": _("Programme ranking"),
}
#: ``fit_ranking`` scores with the engine's default weights: each part's maximum.
WEIGHTS = Weights()


# -- the overview ---------------------------------------------------------------


def _labelled(mentors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, status label in the active language) for (name, status code)."""
    return [(name, str(Status(status).label)) for name, status in mentors]


#: The one-click answer to a suggested kind of help, per kind.
YES_TO = {
    RelationshipKind.MENTOR: _("Yes, a mentor"),
    RelationshipKind.COACH: _("Yes, a coach"),
    RelationshipKind.SPONSOR: _("Yes, a sponsor"),
    RelationshipKind.PEER: _("Yes, a peer mentor"),
}


class WhyGoal(NamedTuple):
    """Step 1 for one open goal: its purpose statements, and the kind of help it needs."""

    coverage: GoalCoverage
    linked: list[Relationship]
    without_purpose: list[Relationship]
    #: The kind chosen ("" until then) and its label.
    need: str
    need_label: str
    #: What the goal's words suggest, with the reason, and the button that says yes to it.
    suggestion: Suggestion
    suggested_label: str
    yes: str


def _why_goal(step: GoalStep) -> WhyGoal:
    coverage = step.coverage
    suggestion = suggest_need(coverage.title, coverage.why)
    return WhyGoal(
        coverage,
        step.linked,
        step.without_purpose,
        coverage.need,
        str(RelationshipKind(coverage.need).label) if coverage.need else "",
        suggestion,
        str(RelationshipKind(suggestion.kind).label),
        str(YES_TO[RelationshipKind(suggestion.kind)]),
    )


@person_page
def find(request: HttpRequest) -> HttpResponse:
    person = me(request)
    overview = find_overview(person=person, today=local_today(person, clock.now()))
    return render(
        request,
        "web/find/overview.html",
        {
            # Step 1: what each kind of help is, and which one each goal needs.
            "kinds": list(KINDS.values()),
            "kind_choices": RelationshipKind.choices,
            "why_goals": [_why_goal(step) for step in overview.goals],
            # Each mentor's status as its label ("Active"), not its code.
            "goals": [
                (coverage, linked, without_purpose, _labelled(coverage.mentors))
                for coverage, linked, without_purpose in overview.goals
            ],
            "uncovered": overview.uncovered,
            "contact_count": overview.contact_count,
            "mentor_count": overview.mentor_count,
            "outreach": overview.outreach,
            "starting": overview.starting,
        },
    )


@object_page(goal_get_for, methods=BUTTON)
def find_need(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    """Step 1: the kind of help a goal needs, chosen with one click (or from the list)."""
    return save_or_show(
        request,
        GoalNeedForm(request.POST),
        goal_set_need,
        lambda data: {"actor": person, "goal": goal, "need": data["need"]},
        done=lambda chosen: gettext(
            "“{title}” needs: {kind}. Prospects you add for it are asked as this kind."
        ).format(title=chosen.title, kind=chosen.get_need_display()),
        then=reverse("web:find") + f"#need-{goal.pk}",
        back=reverse("web:find"),
        title=gettext("What does “{goal}” need?").format(goal=goal.title),
        submit=gettext("Choose"),
    )


# -- step 3: check fit ------------------------------------------------------------


def _parts(row: FitRow) -> list[tuple[str, float, float]]:
    """(label, contribution, most it could be) for each part of the score."""
    return [
        (
            str(COMPONENT_LABELS.get(name, name)),
            value,
            max(float(getattr(WEIGHTS, name, 0.0)), value),
        )
        for name, value in row.explanation.contributions.items()
    ]


def _seniority(row: FitRow) -> str:
    gap = row.seniority_gap
    if gap is None:
        return gettext("unknown")
    if gap == 0:
        return gettext("the same as mine")
    years = round(abs(gap))
    if gap > 0:
        text = ngettext("{years} year more than mine", "{years} years more than mine", years)
    else:
        text = ngettext("{years} year less than mine", "{years} years less than mine", years)
    return text.format(years=f"{abs(gap):.0f}")


@object_page(goal_get_for, methods=None)
def fit(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    rows = fit_ranking(person=person, goal=goal, now=clock.now())
    ruled_out = [n for n in not_a_match_of(person=person) if n.goal_id in (None, goal.pk)]
    return render(
        request,
        "web/find/fit.html",
        {
            "goal": goal,
            "rows": [(row, _parts(row), _seniority(row)) for row in rows],
            # Where a full mentor's card points instead of "add as prospect".
            "next_open": next((row for row in rows if row.has_capacity), None),
            "ruled_out": ruled_out,
        },
    )


#: The candidate travels in a hidden field: its errors show above the form.
ABOVE = {"candidate": "", "other": "", "kind": ""}


def _candidate(person: Person, candidate: tuple[str, int]) -> Person | Contact:
    kind, candidate_id = candidate
    return fit_candidate_get(person=person, kind=kind, candidate_id=candidate_id)


def _side(candidate: Person | Contact, name: str) -> dict[str, Any]:
    """The candidate as a service names it: ``<name>_person`` or ``<name>_contact``."""
    return {f"{name}_{'person' if isinstance(candidate, Person) else 'contact'}": candidate}


@object_page(goal_get_for, methods=BUTTON)
def fit_prospect(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    """Add a ranked candidate as a prospect mentor for the goal, then on to step 4."""

    def add(candidate: tuple[str, int]) -> tuple[Person | Contact, Relationship]:
        kind, candidate_id = candidate
        return fit_prospect_add(person=person, goal=goal, kind=kind, candidate_id=candidate_id)

    return save_or_show(
        request,
        ProspectForm(request.POST),
        add,
        lambda data: {"candidate": data["candidate"]},
        aliases=ABOVE,
        done=lambda added: gettext("{name} is a prospect now. Step 4: ask well.").format(
            name=added[0].name
        ),
        then=lambda added: reverse("web:ask", args=[added[1].pk]),
        back=reverse("web:fit", args=[goal.pk]),
        title=gettext("Add a prospect for “{goal}”").format(goal=goal.title),
        submit=gettext("Add as prospect"),
    )


@object_page(goal_get_for)
def fit_not_a_match(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:

    def rule_out(
        *, candidate: tuple[str, int], reason: str, scope: str
    ) -> tuple[Person | Contact, NotAMatch]:
        chosen = _candidate(person, candidate)
        marked = not_a_match_mark(
            person=person,
            reason=reason,
            goal=goal if scope == "goal" else None,
            **_side(chosen, "candidate"),
        )
        return chosen, marked

    def ruled_out(result: tuple[Person | Contact, NotAMatch]) -> str:
        chosen, marked = result
        if marked.goal_id:
            text = gettext("{name} is ruled out for this goal. Undo below if need be.")
        else:
            text = gettext("{name} is ruled out for all your goals. Undo below if need be.")
        return text.format(name=chosen.name)

    return save_or_show(
        request,
        NotAMatchForm(request.POST or None, initial={"candidate": request.GET.get("candidate")}),
        rule_out,
        lambda data: data,
        aliases=ABOVE,
        done=ruled_out,
        back=reverse("web:fit", args=[goal.pk]),
        title=gettext("Not a match for “{goal}”").format(goal=goal.title),
        submit=gettext("Rule out"),
    )


@person_page
@require_POST
def fit_undo(request: HttpRequest, goal_id: int, not_a_match_id: int) -> HttpResponse:
    person = me(request)
    goal = goal_get_for(person=person, goal_id=goal_id)
    not_a_match_undo(person=person, not_a_match_id=not_a_match_id)
    messages.success(request, gettext("Ruled back in: the candidate is ranked again."))
    return redirect("web:fit", goal_id=goal.pk)


# -- step 4: ask well ---------------------------------------------------------------
# Each page is about my own request for mentoring: the ask page is the mentee's alone.


def _mentor_email(relationship: Relationship) -> str:
    side = relationship.mentor or relationship.mentor_contact
    return getattr(side, "email", "") or ""


def _next_candidate(
    person: Person, relationship: Relationship, now: dt.datetime
) -> tuple[Goal, FitRow] | None:
    """After a second silence: the best open candidate for the relationship's first goal."""
    found = next_candidates(person=person, relationship=relationship, limit=1, now=now)
    return (found[0], found[1][0]) if found and found[1] else None


def _prepare_form(relationship: Relationship, person: Person, now: dt.datetime) -> OutreachForm:
    give_back = give_back_text(relationship=relationship, sender=person, now=now)
    return OutreachForm(initial=OutreachForm.initial_for(relationship, give_back=give_back))


def _after_decline(person: Person, relationship: Relationship, now: dt.datetime) -> dict[str, Any]:
    """A no gets a warm next step: thanks to send back, who to ask next, and "ask again"
    only when the mentor offered it."""
    thanks = thank_you_after_decline(relationship=relationship, sender=person)
    email = _mentor_email(relationship)
    subject = gettext("Thank you")
    return {
        "thank_you": thanks,
        "thank_you_mailto": mailto(email, subject, thanks) if email else "",
        # Whether Tribe sent it already (or failed to): one query, on this page only.
        "thank_you_mail": last_message(prefix=thank_you_prefix(relationship)) if email else None,
        "candidates": next_candidates(person=person, relationship=relationship, now=now),
        "ask_again_on": ask_again_on(relationship=relationship, zone_name=person.timezone),
    }


def _ask_page(
    request: HttpRequest,
    person: Person,
    relationship: Relationship,
    page_forms: Mapping[str, TribeForm],
) -> HttpResponse:
    """The ask page: ``page_forms`` (as posted) replace its fresh forms of the same name."""
    now = clock.now()
    draft = request_draft(relationship=relationship, sender=person)
    email = _mentor_email(relationship)
    nudge = nudge_state(
        relationship=relationship,
        wait_days=person.nudge_after_days,
        today=local_today(person, now),
        zone_name=person.timezone,
    )
    declined = relationship.status == Status.DECLINED
    subject = request_subject(relationship)
    return render(
        request,
        "web/find/ask.html",
        {
            "relationship": relationship,
            "mentor": relationship.mentor_name,
            # What is asked for: a coach is asked to coach, not to mentor.
            "kind": kind_info(relationship.kind),
            "goals": list(relationship.goals.all()),
            "prepare_form": _prepare_form(relationship, person, now),
            "send_form": OutreachSendForm(initial={"message": draft}),
            "nudge_form": NudgeForm(),
            "answer_form": InfoAnswerForm(),
            "thank_you_form": ThankYouEmailForm(),
            **page_forms,
            "mailto": mailto(email, subject, draft) if email else "",
            "nudge": nudge,
            "size": ask_size_of(relationship=relationship),
            "next": _next_candidate(person, relationship, now)
            if nudge.state == NudgeState.MOVE_ON
            else None,
            "after_decline": _after_decline(person, relationship, now) if declined else None,
            # Sent by Tribe: whether it went out or failed, so the person can send it
            # another way (one query, only once the request is behind them).
            "request_mail": last_message(prefix=request_prefix(relationship))
            if email and relationship.status != Status.PROSPECT
            else None,
        },
    )


#: Fields of "save and redraft" that the service may be given or not.
OPTIONAL = ("cadence_days", "meeting_minutes", "months", "give_back")
#: What "save and redraft" stores: reloaded when the service refuses part of it.
PREPARED = [
    "ask",
    "why_them",
    "purpose",
    "ask_cadence_days",
    "ask_meeting_minutes",
    "ask_months",
    "give_back",
    "give_back_written",
]


def _ask_url(relationship: Relationship) -> str:
    return reverse("web:ask", args=[relationship.pk])


def _ask_step(
    request: HttpRequest,
    person: Person,
    relationship: Relationship,
    page_forms: dict[str, TribeForm],
    service: Callable[..., object],
    arguments: Callable[[dict[str, Any]], Mapping[str, Any]],
    *,
    done: str | Callable[[object], str],
    refused: Callable[[], object] | None = None,
) -> HttpResponse:
    """One of the ask page's forms: saved, back to the page; else the page with its errors.

    The service hears who acts and the relationship, besides ``arguments``.
    ``page_forms`` names each form by its place on the page (``nudge_form``…);
    the service's refusal lands on the first of them with the field it names.
    """
    known = {"actor": person, "relationship": relationship}
    handled = handle_form(
        request,
        list(page_forms.values()),
        service,
        lambda data: {**known, **arguments(data)},
        done=done,
        then=_ask_url(relationship),
        refused=refused,
    )
    return handled or _ask_page(request, person, relationship, page_forms)


@object_page(relationship_get_for_mentee)
def ask(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    """The request: purpose, the ask, its size, why them and what I can give back; saved,
    it redrafts the message."""
    if request.method == "POST":
        form = OutreachForm(request.POST)
    else:
        form = _prepare_form(relationship, person, clock.now())
    return _ask_step(
        request,
        person,
        relationship,
        {"prepare_form": form},
        outreach_prepare,
        # The size and the give-back text keep their value when a post leaves them out.
        lambda data: {k: v for k, v in data.items() if k not in OPTIONAL or k in request.POST},
        done=gettext("Saved. The draft below is built from it."),
        # The service set some fields before refusing another: show what is stored.
        refused=lambda: relationship.refresh_from_db(fields=PREPARED),
    )


@object_page(relationship_get_for_mentee, methods=BUTTON)
def ask_send(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    # The request is bound to what is stored, so that "no purpose" shows on the purpose field.
    return _ask_step(
        request,
        person,
        relationship,
        {
            "send_form": OutreachSendForm(request.POST),
            "prepare_form": OutreachForm(_prepare_form(relationship, person, clock.now()).initial),
        },
        outreach_send,
        lambda data: {"message": data["message"], "now": clock.now()},
        done=lambda _: ngettext(
            "Recorded as sent to {name}. A nudge is due if there is no answer in {days} day.",
            "Recorded as sent to {name}. A nudge is due if there is no answer in {days} days.",
            person.nudge_after_days,
        ).format(name=relationship.mentor_name, days=person.nudge_after_days),
        refused=relationship.refresh_from_db,
    )


@object_page(relationship_get_for_mentee, methods=BUTTON)
def ask_email(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    """Tribe sends the request on the mentee's behalf and records it as sent, in one step."""
    return _ask_step(
        request,
        person,
        relationship,
        {
            "send_form": OutreachSendForm(request.POST),
            "prepare_form": OutreachForm(_prepare_form(relationship, person, clock.now()).initial),
        },
        request_send_by_email,
        lambda data: {"message": data["message"], "now": clock.now()},
        done=lambda _: ngettext(
            "Queued by e-mail to {name} and recorded as sent; their answer comes to your "
            "address. A nudge is due if there is no answer in {days} day.",
            "Queued by e-mail to {name} and recorded as sent; their answer comes to your "
            "address. A nudge is due if there is no answer in {days} days.",
            person.nudge_after_days,
        ).format(name=relationship.mentor_name, days=person.nudge_after_days),
        refused=relationship.refresh_from_db,
    )


@object_page(relationship_get_for_mentee, methods=BUTTON)
def ask_thank_you_email(
    request: HttpRequest, person: Person, relationship: Relationship
) -> HttpResponse:
    """The thank-you after a no, sent by Tribe as the page showed it."""
    return _ask_step(
        request,
        person,
        relationship,
        {"thank_you_form": ThankYouEmailForm(request.POST)},
        thank_you_send_by_email,
        lambda data: {"body": data["body"], "now": clock.now()},
        done=gettext("Your thank-you to {name} is queued by e-mail.").format(
            name=relationship.mentor_name
        ),
    )


@object_page(relationship_get_for_mentee, methods=BUTTON)
def ask_nudge(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    return _ask_step(
        request,
        person,
        relationship,
        {"nudge_form": NudgeForm(request.POST)},
        outreach_nudge,
        lambda _: {"now": clock.now()},
        done=gettext("Nudge recorded. If they stay silent, move on."),
    )


@object_page(relationship_get_for_mentee, methods=BUTTON)
def ask_answer(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    return _ask_step(
        request,
        person,
        relationship,
        {"answer_form": InfoAnswerForm(request.POST)},
        outreach_answer_info,
        lambda data: {"answer": data["answer"], "now": clock.now()},
        done=lambda _: gettext("Answer recorded: the request waits for {name} again.").format(
            name=relationship.mentor_name
        ),
    )


# -- step 5: start right --------------------------------------------------------------


@object_page(relationship_get_for)
def start(request: HttpRequest, person: Person, relationship: Relationship) -> HttpResponse:
    """The agreement made at the intro meeting starts the relationship; then plan meetings."""
    now = clock.now()
    initial = {
        "purpose": relationship.purpose,
        # What the request proposed, unless an agreement says otherwise.
        "cadence_days": relationship.cadence_days
        or ask_size_of(relationship=relationship).cadence_days,
        "meeting_minutes": relationship.meeting_minutes or relationship.ask_meeting_minutes,
        "channel": relationship.channel or Relationship.Channel.VIDEO,
        "starts_on": relationship.starts_on or local_today(person, now),
        "months": relationship.ask_months,
        "confidentiality": relationship.confidentiality
        or gettext("What we discuss stays between us unless we agree otherwise."),
    }
    return save_or_show(
        request,
        AgreementStartForm(request.POST or None, initial=initial),
        agreement_start,
        lambda data: {"actor": person, "relationship": relationship, "now": now, **data},
        done=gettext("Agreed: the relationship is active. Now propose the first meetings."),
        then=reverse("web:schedule", args=[relationship.pk]),
        back=reverse("web:relationship", args=[relationship.pk]),
        title=gettext("Start right with {name}").format(name=relationship.other_name(person)),
        submit=gettext("Record the agreement and start"),
        intro=gettext(
            "At the end of the intro meeting, agree on why you meet, how often, how long, "
            "how, for how many months, and what stays confidential."
        ),
    )

"""Lists across all my relationships: overdue contacts, my advice log, the
gratitude ledger, updates due, and my wins."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from tribe.core import clock
from tribe.ledger.models import Advice, Win
from tribe.ledger.selectors import (
    advice_get_for,
    advice_of,
    gratitude_of,
    overdue_contacts,
    relationships_with_health,
    unthanked_advice,
    win_get_for,
    wins_of,
)
from tribe.ledger.services import (
    advice_decide,
    advice_record_outcome,
    advice_set_report_back,
    advice_share_outcome,
    advice_unshare_outcome,
    gratitude_record,
    win_delete,
    win_record,
)
from tribe.ledger.sides import keeps_ledger
from tribe.people.models import Person
from tribe.people.selectors import goals_of
from tribe.relationships.selectors import relationships_for
from tribe.web.forms.keep import GratitudeForm
from tribe.web.forms.ledger import (
    AdviceDecisionForm,
    AdviceOutcomeForm,
    AdviceShareForm,
    WinForm,
)
from tribe.web.views.common import (
    BUTTON,
    confirm_page,
    handle_form,
    local_today,
    me,
    object_page,
    person_page,
    save_or_show,
)


@person_page
def overdue(request: HttpRequest) -> HttpResponse:
    person = me(request)
    return render(
        request,
        "web/keep/overdue.html",
        {"rows": overdue_contacts(person=person, now=clock.now())},
    )


# -- advice log -------------------------------------------------------------------
# Only advice I recorded (``advice_get_for``): an advice log is its author's alone.


def _advice_anchor(advice_id: int) -> str:
    return reverse("web:advice_log") + f"#advice-{advice_id}"


def _the_advice(advice: Advice) -> str:
    """The advice a page is about, quoted above its form."""
    return gettext("The advice: “{text}”").format(text=advice.text)


@person_page
def advice_log(request: HttpRequest) -> HttpResponse:
    person = me(request)
    rows = list(advice_of(person=person))
    return render(
        request,
        "web/keep/advice.html",
        {"rows": [(a, a.relationship.other_name(person)) for a in rows]},
    )


@object_page(advice_get_for)
def advice_decide_page(request: HttpRequest, person: Person, advice: Advice) -> HttpResponse:
    form = AdviceDecisionForm(
        request.POST or None, initial={"decision": advice.decision, "reason": advice.reason}
    )
    return save_or_show(
        request,
        form,
        advice_decide,
        lambda data: {"actor": person, "advice": advice, **data},
        done=gettext("Decision saved."),
        back=_advice_anchor(advice.pk),
        title=gettext("What I decided"),
        submit=gettext("Save decision"),
        intro=_the_advice(advice),
    )


@object_page(advice_get_for)
def advice_outcome(request: HttpRequest, person: Person, advice: Advice) -> HttpResponse:
    form = AdviceOutcomeForm(
        request.POST or None,
        # Reporting back shows the other side the outcome as written: only when asked.
        initial={"outcome": advice.outcome, "report_back": advice.report_back},
    )
    return save_or_show(
        request,
        form,
        advice_record_outcome,
        lambda data: {
            "actor": person,
            "advice": advice,
            "today": local_today(person, clock.now()),
            **data,
        },
        done=gettext("Outcome saved."),
        back=_advice_anchor(advice.pk),
        title=gettext("How it went"),
        submit=gettext("Save outcome"),
        intro=_the_advice(advice),
    )


@object_page(advice_get_for, methods=BUTTON)
def advice_report_back(request: HttpRequest, person: Person, advice: Advice) -> HttpResponse:
    flag = request.POST.get("report_back") == "1"
    advice_set_report_back(actor=person, advice=advice, report_back=flag)
    messages.success(
        request,
        gettext("It will go into the next agenda and update.")
        if flag
        else gettext("Report-back removed."),
    )
    return redirect(_advice_anchor(advice.pk))


@object_page(advice_get_for)
def advice_share(request: HttpRequest, person: Person, advice: Advice) -> HttpResponse:
    """An outcome for the giver's impact journal (refused where nobody could read it).

    The giver is the mentor, or in a peer relationship the other peer."""
    mentor = advice.giver_name
    form = AdviceShareForm(
        request.POST or None,
        giver=mentor,
        initial={
            "words": advice.shared_outcome or advice.outcome,
            "with_advice": bool(advice.shared_advice),
            "advice_summary": advice.shared_advice or advice.text,
        },
    )
    return save_or_show(
        request,
        form,
        advice_share_outcome,
        lambda data: {
            "actor": person,
            "advice": advice,
            "words": data["words"],
            "advice_summary": data["advice_summary"] if data["with_advice"] else "",
            "now": clock.now(),
        },
        done=gettext("Shared with {name}: it is in their impact journal.").format(name=mentor),
        back=_advice_anchor(advice.pk),
        title=gettext("Share with {name}").format(name=mentor),
        submit=gettext("Share with {name}").format(name=mentor),
        intro=gettext(
            "{name} will see these words and the date in their impact journal, and nothing "
            "else of your advice log: not your decision or its reason, not the outcome as you "
            "wrote it, and the advice itself only if you tick the box. "
            "You can stop sharing at any time."
        ).format(name=mentor),
    )


@object_page(advice_get_for, methods=BUTTON)
def advice_unshare(request: HttpRequest, person: Person, advice: Advice) -> HttpResponse:
    advice_unshare_outcome(actor=person, advice=advice)
    messages.success(
        request,
        gettext("{name} no longer sees this outcome.").format(name=advice.giver_name),
    )
    return redirect(_advice_anchor(advice.pk))


# -- gratitude ledger ---------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def gratitude(request: HttpRequest) -> HttpResponse:
    person = me(request)
    today = local_today(person, clock.now())
    relationships = [(r, r.other_name(person)) for r in relationships_for(person=person)]
    form = GratitudeForm(
        request.POST or None,
        initial={"given_on": today},
        advice=list(advice_of(person=person)),
        relationships=relationships,
    )
    saved = handle_form(
        request,
        form,
        gratitude_record,
        lambda data: {"actor": person, "today": today, **data},
        done=gettext("Thanks recorded."),
        then=reverse("web:gratitude") + "#given",
    )
    if saved is not None:
        return saved
    rows = list(gratitude_of(person=person))
    return render(
        request,
        "web/keep/gratitude.html",
        {
            "given": [
                (g, g.relationship.other_name(person)) for g in rows if g.given_by_id == person.pk
            ],
            "received": [
                (g, g.relationship.other_name(person)) for g in rows if g.given_by_id != person.pk
            ],
            "unthanked": [
                (a, a.relationship.other_name(person)) for a in unthanked_advice(person=person)
            ],
            "form": form,
        },
        status=200,
    )


# -- updates ------------------------------------------------------------------------


@person_page
def updates(request: HttpRequest) -> HttpResponse:
    person = me(request)
    now = clock.now()
    today = local_today(person, now)
    # The mentee updates the mentor; peers update each other (``ledger.sides``).
    rows = [
        row
        for row in relationships_with_health(person=person, now=now)
        if keeps_ledger(row.relationship, person)
        and (row.relationship.update_every_days or row.health.update_due is not None)
    ]
    rows.sort(key=lambda r: (r.health.update_due is None, r.health.update_due or today))
    return render(
        request,
        "web/keep/updates.html",
        {"rows": [(r, r.relationship.other_name(person)) for r in rows], "today": today},
    )


# -- wins ---------------------------------------------------------------------------


@person_page
@require_http_methods(["GET", "POST"])
def wins(request: HttpRequest) -> HttpResponse:
    person = me(request)
    today = local_today(person, clock.now())
    form = WinForm(
        request.POST or None, initial={"happened_on": today}, goals=list(goals_of(person=person))
    )
    saved = handle_form(
        request,
        form,
        win_record,
        lambda data: {"person": person, "today": today, **data},
        done=gettext("Win recorded: it goes into the next agenda and update."),
        then="web:wins",
    )
    if saved is not None:
        return saved
    context: dict[str, Any] = {"wins": list(wins_of(person=person)), "form": form}
    return render(request, "web/keep/wins.html", context)


@object_page(win_get_for)
def win_remove(request: HttpRequest, person: Person, win: Win) -> HttpResponse:
    return confirm_page(
        request,
        act=lambda: win_delete(actor=person, win=win),
        done=gettext("Win deleted."),
        back=reverse("web:wins"),
        title=gettext("Delete win"),
        question=gettext("Delete the win “{text}”?").format(text=win.text),
    )

"""Match runs for a programme's administrators, and the participant's offer.

``programme_runs`` lists the runs and starts one; ``programme_run`` is the
preview (pairs and unmatched a page at a time, so 10,000 mentees are never one
page; the score distribution as an inline SVG with a text alternative; mentor
loads; the three trade-offs side by side; the difference from the previous
run; lock, forbid, publish, discard). ``my_programme_offers`` is where a
participant answers their offer. Administrators see scores and the parts of
each score, never what people wrote elsewhere.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from tribe.core import clock
from tribe.core.errors import NotFound, TribeError
from tribe.notifications.programme_mail import offers_publish
from tribe.people.models import Person
from tribe.programs.models import MatchObjective, MatchRun, Participant, Programme, RunStatus
from tribe.programs.offers import offer_answer, offer_why
from tribe.programs.runs import (
    pair_rule_clear,
    run_apply_rule,
    run_create,
    run_discard,
    run_is_superseded,
)
from tribe.programs.selectors import (
    offer_get_for,
    offers_of_participant,
    run_get_for_admin,
    run_pairs_page,
    run_unmatched_page,
    runs_of,
)
from tribe.web.forms.base import set_objects
from tribe.web.forms.programme_runs import CLEAR, OfferAnswerForm, PairRuleForm, RunForm
from tribe.web.views.common import handle_form
from tribe.web.views.programme_common import admin_page, participant_page

__all__ = [
    "my_programme_offers",
    "programme_run",
    "programme_run_discard",
    "programme_run_publish",
    "programme_run_rule",
    "programme_runs",
]

#: Runs listed on the runs page (the newest).
RUNS_SHOWN = 50
#: The score chart's drawing box, in SVG units.
CHART_W, CHART_H, CHART_PAD = 400, 160, 24


def _run_url(programme: Programme, run: MatchRun) -> str:
    return reverse("web:programme_run", args=[programme.slug, run.pk])


@admin_page()
def programme_runs(request: HttpRequest, person: Person, programme: Programme) -> HttpResponse:
    form = RunForm(request.POST or None, initial={"objective": programme.objective, "keep": True})
    cohorts = list(programme.cohorts.order_by("-starts_on", "name", "id"))
    set_objects(form, "cohort", cohorts, lambda c: c.name)
    response = handle_form(
        request,
        form,
        run_create,
        lambda data: {
            "actor": person,
            "programme": programme,
            "cohort": data["cohort"],
            "objective": data["objective"],
            "keep": data["keep"],
            "now": clock.now(),
        },
        done=gettext("The run is ready: check the preview before you publish it."),
        then=lambda run: _run_url(programme, run),
    )
    if response is not None:
        return response
    return render(
        request,
        "web/programmes/runs/list.html",
        {
            "programme": programme,
            "runs": list(runs_of(programme=programme)[:RUNS_SHOWN]),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _page(request: HttpRequest, key: str) -> int:
    value = str(request.GET.get(key, "1"))
    return int(value) if value.isdigit() and 0 < int(value) < 10**6 else 1


def chart(bins: list[int], top: float) -> dict[str, Any]:
    """Bars of the score distribution, laid out for the template's SVG."""
    peak = max(bins, default=0) or 1
    width = (CHART_W - 2 * CHART_PAD) / max(len(bins), 1)
    bars = []
    for k, count in enumerate(bins):
        h = (CHART_H - 2 * CHART_PAD) * count / peak
        low, high = top * k / len(bins), top * (k + 1) / len(bins)
        bars.append(
            {
                "x": round(CHART_PAD + k * width + 1, 1),
                "y": round(CHART_H - CHART_PAD - h, 1),
                "w": round(width - 2, 1),
                "h": round(h, 1),
                "count": count,
                "low": f"{low:.2f}",
                "high": f"{high:.2f}",
            }
        )
    return {"bars": bars, "w": CHART_W, "h": CHART_H, "base": CHART_H - CHART_PAD}


@admin_page(methods=["GET"])
def programme_run(
    request: HttpRequest, person: Person, programme: Programme, run_id: int
) -> HttpResponse:
    run = run_get_for_admin(person=person, programme=programme, run_id=run_id)
    page, upage = _page(request, "page"), _page(request, "unmatched")
    pairs, more = run_pairs_page(run=run, page=page)
    unmatched, more_unmatched = run_unmatched_page(run=run, page=upage)
    summary = run.summary
    superseded = run.status == RunStatus.PREVIEW and run_is_superseded(run)
    compare = [
        {"name": label, "key": key, **summary.get("compare", {}).get(key, {})}
        for key, label in MatchObjective.choices
    ]
    return render(
        request,
        "web/programmes/runs/run.html",
        {
            "programme": programme,
            "run": run,
            "summary": summary,
            "pairs": [{"pair": p, "why": offer_why(p.explanation)} for p in pairs],
            "page": page,
            "more": more,
            "unmatched": unmatched,
            "upage": upage,
            "more_unmatched": more_unmatched,
            "chart": chart(summary.get("score_bins", []), summary.get("score_top", 1.0)),
            "compare": compare,
            "loads": sorted(
                (
                    (int(k), v)
                    for k, v in summary.get("loads", {}).get("mentors_by_load", {}).items()
                )
            ),
            "is_preview": run.status == RunStatus.PREVIEW
            and not superseded
            and programme.archived_at is None,
            "superseded": superseded,
            # The programme's locks and bans: few, listed whole, each with its remove.
            "rules": list(
                programme.pair_rules.select_related("mentee__person", "mentor__person").order_by(
                    "kind", "id"
                )
            ),
        },
    )


def _act(request: HttpRequest, act: Any, done: str) -> bool:
    try:
        act()
    except NotFound as exc:
        if exc.field is None:
            raise  # not theirs: a 404, whatever the form
        messages.error(request, exc.message)
        return False
    except TribeError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True


@admin_page(methods=None)  # the programme and run are checked first: 404, never 405
def programme_run_rule(
    request: HttpRequest, person: Person, programme: Programme, run_id: int
) -> HttpResponse:
    run = run_get_for_admin(person=person, programme=programme, run_id=run_id)
    if request.method != "POST":
        return redirect(_run_url(programme, run))
    form = PairRuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose a pair of this preview."))
        return redirect(_run_url(programme, run))
    data = form.cleaned_data
    if data["kind"] == CLEAR:
        _act(
            request,
            lambda: pair_rule_clear(
                actor=person, programme=programme, mentee=data["mentee"], mentor=data["mentor"]
            ),
            gettext("Removed: the next run neither keeps nor avoids this pair."),
        )
        return redirect(_run_url(programme, run))
    made: list[MatchRun] = []
    ok = _act(
        request,
        lambda: made.append(
            run_apply_rule(
                actor=person,
                run=run,
                mentee=data["mentee"],
                mentor=data["mentor"],
                kind=data["kind"],
                now=clock.now(),
            )
        ),
        gettext("Saved, and run again around it."),
    )
    return redirect(_run_url(programme, made[0] if ok and made else run))


@admin_page(methods=None)  # the programme and run are checked first: 404, never 405
def programme_run_publish(
    request: HttpRequest, person: Person, programme: Programme, run_id: int
) -> HttpResponse:
    run = run_get_for_admin(person=person, programme=programme, run_id=run_id)
    if request.method != "POST":
        return redirect(_run_url(programme, run))
    _act(
        request,
        lambda: offers_publish(actor=person, run=run, now=clock.now()),
        gettext("Published: each pair now has an offer that both people see and answer."),
    )
    return redirect(_run_url(programme, run))


@admin_page(methods=None)  # the programme and run are checked first: 404, never 405
def programme_run_discard(
    request: HttpRequest, person: Person, programme: Programme, run_id: int
) -> HttpResponse:
    run = run_get_for_admin(person=person, programme=programme, run_id=run_id)
    if request.method != "POST":
        return redirect(_run_url(programme, run))
    _act(request, lambda: run_discard(actor=person, run=run), gettext("The preview was discarded."))
    return redirect(reverse("web:programme_runs", args=[programme.slug]))


@participant_page()
def my_programme_offers(
    request: HttpRequest, person: Person, participant: Participant
) -> HttpResponse:
    here = reverse("web:my_programme_offers", args=[participant.programme.slug])
    if request.method == "POST":
        form = OfferAnswerForm(request.POST)
        if form.is_valid():
            offer = offer_get_for(participant=participant, offer_id=form.cleaned_data["offer"])
            accept = form.cleaned_data["accept"]
            _act(
                request,
                lambda: offer_answer(actor=person, offer=offer, accept=accept, now=clock.now()),
                gettext("Thank you: you accepted.") if accept else gettext("You declined."),
            )
        return redirect(here)
    offers = offers_of_participant(participant=participant)
    rows = [
        {
            "offer": o,
            "role": "mentee" if o.mentee_id == participant.pk else "mentor",
            "other": o.mentor.person if o.mentee_id == participant.pk else o.mentee.person,
            "mine": o.mentee_answer if o.mentee_id == participant.pk else o.mentor_answer,
            "theirs": o.mentor_answer if o.mentee_id == participant.pk else o.mentee_answer,
            "why": offer_why(o.explanation),
        }
        for o in offers
    ]
    return render(
        request,
        "web/programmes/runs/my_offers.html",
        {"programme": participant.programme, "participant": participant, "rows": rows},
    )

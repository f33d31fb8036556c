"""``tribe programme report`` and ``engagement`` (wired by ``tribe.cli.programmes``).

``report SLUG --as EMAIL [--json]``: the figures of the dashboard and its
exports (the same ``programs.reports.Report``). ``engagement SLUG --as EMAIL
[--cohort NAME] [--json]``: per cohort, and with ``--cohort`` every pair of it.
Counts, dates, states and scores: never what people wrote. A programme the
person does not administer is "not found", like one that does not exist.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, columns, emit_json, not_found_as

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.programs.engagement import CohortEngagement, Engagement


def add_commands(what: SubParsers) -> None:
    """Add this part's commands to ``tribe programme``."""
    report = add_command(
        what,
        "report",
        handler=cmd_programme_report,
        help=_("a programme's figures: funnel, scores, meetings, health, surveys"),
        description=_(
            "The figures of the programme's dashboard: the enrolment funnel, the match "
            "scores, meetings per month, health over time, survey results (only over "
            "groups of at least five people) and engagement per cohort."
        ),
    )
    report.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    engagement = add_command(
        what,
        "engagement",
        handler=cmd_programme_engagement,
        help=_("how a programme's pairs keep in touch, per cohort and per pair"),
        description=_(
            "Per cohort: pairs, meetings held, cadence kept, pairs at risk, people waiting "
            "for a match, offers waiting for an answer. With --cohort: every pair of it."
        ),
    )
    engagement.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    engagement.add_argument("--cohort", metavar="NAME", help=_("one cohort, by its name"))


def _programme(args: argparse.Namespace) -> tuple[Any, Any]:
    from tribe.programs.selectors import programme_get_for_admin

    person = resolve_person(args.as_email)
    with not_found_as("PROGRAMME"):
        programme = programme_get_for_admin(person=person, programme_id=args.slug)
    return person, programme


def cmd_programme_report(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.programs.reports import FUNNEL_LABELS, programme_report, report_data

    person, programme = _programme(args)
    report = programme_report(programme=programme, zone_name=person.timezone, now=clock.now())
    if args.json:
        emit_json(report_data(report))
        return 0
    print(_("{name}, as of {date}").format(name=report.programme, date=report.as_of.isoformat()))
    print()
    print(_("Enrolment funnel"))
    for line in columns(
        [_("step"), _("people")],
        [[str(FUNNEL_LABELS[s.key]), str(s.count)] for s in report.funnel],
        right={1},
    ):
        print("  " + line)
    print()
    mean = "—" if report.score_mean is None else f"{report.score_mean:.2f}"
    print(
        ngettext(
            "Match scores: {n} offer, mean {mean}",
            "Match scores: {n} offers, mean {mean}",
            report.score_count,
        ).format(n=report.score_count, mean=mean)
    )
    for line in columns(
        [_("score"), _("offers")],
        [[f"{b.low:.1f}-{b.high:.1f}", str(b.count)] for b in report.scores],
        right={1},
    ):
        print("  " + line)
    print()
    print(_("Meetings held per month, and the pairs' health at each month's end"))
    states = list(report.health_over_time[0].states) if report.health_over_time else []
    rows = [
        [m.month.isoformat()[:7], str(m.count), *(str(h.states[s]) for s in states)]
        for m, h in zip(report.meetings_per_month, report.health_over_time, strict=True)
    ]
    for line in columns([_("month"), _("meetings"), *states], rows, right=set(range(1, 6))):
        print("  " + line)
    print()
    print(_("Surveys"))
    if not report.surveys:
        print("  " + _("none"))
    too_few = _("too few responses")
    for survey in report.surveys:
        responses = too_few if survey.whole.too_few else str(survey.whole.responses)
        print(f"  {survey.name}: {responses}")
        for q in survey.whole.questions:
            if q.kind == "rating":
                print(f"    {q.label}: {too_few if q.mean is None else f'{q.mean:.2f}'}")
    print()
    _print_cohorts(report.engagement)
    return 0


def _print_cohorts(engagement: Engagement) -> None:
    print(_("Engagement per cohort"))
    header = [
        _("cohort"),
        _("pairs"),
        _("meetings"),
        _("cadence kept"),
        _("at risk"),
        _("waiting"),
        _("offers open"),
        _("last contact"),
    ]

    def row(c: CohortEngagement, name: str) -> list[str]:
        return [
            name,
            str(c.pairs),
            str(c.meetings_held),
            str(c.cadence_kept),
            str(c.at_risk),
            str(c.waiting),
            str(c.offers_open),
            c.last_contact_on.isoformat() if c.last_contact_on else "—",
        ]

    rows = [row(c, c.name or _("no cohort")) for c in engagement.cohorts]
    rows.append(row(engagement.total, _("all")))
    for line in columns(header, rows, right=set(range(1, 7))):
        print("  " + line)


def cmd_programme_engagement(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.core.errors import NotFound
    from tribe.programs.engagement import programme_engagement
    from tribe.programs.errors import ProgrammeCode

    person, programme = _programme(args)
    cohort = None
    if args.cohort is not None:
        cohort = programme.cohorts.filter(name=args.cohort.strip()).first()
        if cohort is None:
            raise NotFound(ProgrammeCode.NO_COHORT, field="--cohort")
    engagement = programme_engagement(
        programme=programme, zone_name=person.timezone, cohort=cohort, now=clock.now()
    )
    if args.json:
        data = {
            "as_of": engagement.as_of.isoformat(),
            "total": dataclasses.asdict(engagement.total),
            "cohorts": [dataclasses.asdict(c) for c in engagement.cohorts],
            "pairs": [
                {**dataclasses.asdict(p), "cadence_kept": p.cadence_kept, "at_risk": p.at_risk}
                for p in engagement.pairs
            ]
            if cohort is not None
            else [],
            "waiting": [dataclasses.asdict(w) for w in engagement.waiting],
            "open_offers": [dataclasses.asdict(o) for o in engagement.open_offers],
        }
        emit_json(data)
        return 0
    _print_cohorts(engagement)
    if cohort is not None:
        print()
        print(_("Pairs of {cohort}").format(cohort=cohort.name))
        header = [
            _("mentee"),
            _("mentor"),
            _("score"),
            _("meetings"),
            _("expected"),
            _("last contact"),
            _("health"),
        ]
        rows = [
            [
                p.mentee,
                p.mentor,
                f"{p.score:.2f}",
                str(p.meetings_held),
                "—" if p.meetings_expected is None else str(p.meetings_expected),
                p.last_contact_on.isoformat() if p.last_contact_on else "—",
                p.health.label,
            ]
            for p in engagement.pairs
        ]
        if not rows:
            print("  " + _("no pairs yet"))
        else:
            for line in columns(header, rows, right={2, 3, 4}):
                print("  " + line)
    print()
    waiting, offers = len(engagement.waiting), len(engagement.open_offers)
    print(
        ngettext(
            "{n} person waiting for a match", "{n} people waiting for a match", waiting
        ).format(n=waiting)
        + ", "
        + ngettext(
            "{n} offer waiting for an answer", "{n} offers waiting for an answer", offers
        ).format(n=offers)
    )
    return 0

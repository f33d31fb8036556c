"""``tribe programme match`` and ``tribe programme publish`` (wired by ``tribe.cli.programmes``).

``match SLUG --as EMAIL [--cohort NAME] [--objective …] [--fresh] [--json]``
runs the engine over the people waiting and stores a preview (the same
``programs.runs.run_create`` as the page); ``publish SLUG RUN_ID --as EMAIL``
turns it into offers, once. Scores and counts only, never what people wrote.
A programme the person does not administer is "not found", like one that
does not exist.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, emit_json, not_found_as, options_named

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers

OBJECTIVES = ("total_fit", "most_matched", "fairness_floor")


def add_commands(what: SubParsers) -> None:
    """Add this part's commands to ``tribe programme``."""
    match = add_command(
        what,
        "match",
        handler=cmd_programme_match,
        help=_("run the matching over a programme's waiting people, as a preview"),
        description=_(
            "Match the mentees who are waiting (no open or accepted offer) with the mentors' "
            "free places, under the programme's rules, and store the result as a preview. "
            "Nothing is sent until you publish it."
        ),
    )
    match.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    match.add_argument("--cohort", metavar="NAME", help=_("one cohort, by its name"))
    match.add_argument(
        "--objective",
        choices=OBJECTIVES,
        help=_("the trade-off (default: the programme's)"),
    )
    match.add_argument(
        "--fresh",
        action="store_true",
        help=_("do not keep the pairs of the last preview: match everyone waiting again"),
    )
    publish = add_command(
        what,
        "publish",
        handler=cmd_programme_publish,
        help=_("publish a preview: one offer per pair, which both people answer"),
        description=_(
            "Create the offers of a run's preview, exactly once. A run that is not the "
            "latest, or whose people changed since, is refused: run again."
        ),
    )
    publish.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    publish.add_argument("run_id", metavar="RUN_ID", type=int, help=_("the run's number"))


def _programme(args: argparse.Namespace) -> tuple[Any, Any]:
    from tribe.programs.selectors import programme_get_for_admin

    person = resolve_person(args.as_email)
    with not_found_as("PROGRAMME"):
        programme = programme_get_for_admin(person=person, programme_id=args.slug)
    return person, programme


def _cohort(programme: Any, name: str | None) -> Any:
    from tribe.core.errors import NotFound
    from tribe.programs.errors import ProgrammeCode

    if not name:
        return None
    cohort = programme.cohorts.filter(name=name).first()
    if cohort is None:
        raise NotFound(ProgrammeCode.NO_COHORT, field="--cohort")
    return cohort


def run_data(run: Any) -> dict[str, Any]:
    """What ``--json`` prints of a run: its figures (no names, no words)."""
    return {
        "run": run.pk,
        "status": run.status,
        "cohort": run.cohort.name if run.cohort else None,
        "settings": run.settings,
        "summary": run.summary,
    }


def cmd_programme_match(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.programs.runs import run_create

    person, programme = _programme(args)
    cohort = _cohort(programme, args.cohort)
    with options_named({"cohort": "--cohort", "objective": "--objective"}):
        run = run_create(
            actor=person,
            programme=programme,
            cohort=cohort,
            now=clock.now(),
            objective=args.objective,
            keep=not args.fresh,
        )
    if args.json:
        emit_json(run_data(run))
        return 0
    s = run.summary
    print(
        ngettext(
            "Run {run}: {matched} of {mentees} mentee matched ({objective}), total fit {fit}",
            "Run {run}: {matched} of {mentees} mentees matched ({objective}), total fit {fit}",
            s["mentees"],
        ).format(
            run=run.pk,
            matched=s["matched"],
            mentees=s["mentees"],
            objective=s["objective"],
            fit=f"{s['objective_value']:.4f}",
        )
    )
    if s["shortfall"]:
        print(
            ngettext(
                "{count} place too few for everyone",
                "{count} places too few for everyone",
                s["shortfall"],
            ).format(count=s["shortfall"])
        )
    for name, figures in s["compare"].items():
        lowest = "—" if figures["lowest"] is None else f"{figures['lowest']:.4f}"
        print(
            "  "
            + _("{name}: {matched} matched, total fit {fit}, lowest score {lowest}").format(
                name=name,
                matched=figures["matched"],
                fit=f"{figures['total_fit']:.4f}",
                lowest=lowest,
            )
        )
    if s["unmatched_by_reason"]:
        reasons = ", ".join(f"{k}: {v}" for k, v in s["unmatched_by_reason"].items())
        print(_("unmatched: {count} ({reasons})").format(count=s["unmatched"], reasons=reasons))
    if s["diff"]:
        d = s["diff"]
        print(
            _(
                "since run {previous}: {kept} kept, {added} added, {changed} changed, "
                "{dropped} dropped"
            ).format(**d)
        )
    print(
        _("Publish it with: tribe programme publish {slug} {run} --as {email}").format(
            slug=programme.slug, run=run.pk, email=person.email
        )
    )
    return 0


def cmd_programme_publish(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.notifications.programme_mail import offers_publish
    from tribe.programs.selectors import run_get_for_admin

    person, programme = _programme(args)
    with not_found_as("RUN_ID"):
        run = run_get_for_admin(person=person, programme=programme, run_id=args.run_id)
    count = offers_publish(actor=person, run=run, now=clock.now())
    if args.json:
        emit_json({"run": run.pk, "offers": count})
        return 0
    print(
        ngettext(
            "Run {run} published: {count} offer, waiting for both answers.",
            "Run {run} published: {count} offers, each waiting for both answers.",
            count,
        ).format(run=run.pk, count=count)
    )
    return 0

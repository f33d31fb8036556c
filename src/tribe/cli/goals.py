"""Goals and the search's first step from the command line: ``tribe goals``,
``tribe goal add|need`` and ``tribe find``.

Know your why comes before whom you ask: a goal says what the person wants to
learn and which kind of help it needs (a mentor, a coach, a sponsor or a
peer). Each goal shows the kind its words suggest and why
(:func:`tribe.people.needs.suggest_need`); ``tribe goal need`` chooses one,
and a prospect taken on for the goal (``tribe fit``, the fit page) is then of
that kind. The same selectors and services as the pages; goals are the
asking person's own, so an id that is not theirs is "not found".
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.errors import CliCode
from tribe.cli.output import (
    add_command,
    columns,
    emit_json,
    listing,
    options_named,
    person_today,
    report,
)
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.matching.overview import FindOverview
    from tribe.people.models import Goal
    from tribe.people.needs import Suggestion

#: Service field names, as the arguments a person typed.
OPTION_OF = {
    "goal": "GOAL",
    "title": "TITLE",
    "why": "--why",
    "target_date": "--by",
    "status": "--status",
    "need": "KIND",
}
#: What ``tribe goal need`` takes besides the kinds: no kind, or the one suggested.
NO_NEED = ("none", "")
SUGGESTED = "suggested"


def add_parsers(sub: SubParsers) -> None:
    add_command(
        sub,
        "goals",
        handler=cmd_goals,
        help=_("your goals, the kind of help each needs, and the kind its words suggest"),
        description=_(
            "List your goals: what you want to learn, by when, where it stands, the kind of "
            "help you chose for it (mentor, coach, sponsor, peer) and the kind its words "
            "suggest, with the reason."
        ),
    )

    goal = sub.add_parser(
        "goal",
        help=_("add a goal, or choose the kind of help a goal needs"),
        description=_("Add a goal, or choose the kind of help one needs."),
    )
    what = goal.add_subparsers(dest="what", metavar="WHAT", required=True)
    add = add_command(
        what,
        "add",
        handler=cmd_goal_add,
        help=_("add a goal"),
        description=_(
            "Add a goal: what you want to learn, why and by when. With --need, the kind of "
            "help it needs; else choose later (tribe goal need)."
        ),
    )
    add.add_argument("title", metavar="TITLE", help=_("what you want to learn"))
    add.add_argument("--why", default="", metavar="TEXT", help=_("why it matters to you"))
    add.add_argument("--by", metavar="YYYY-MM-DD", help=_("by when"))
    add.add_argument(
        "--need",
        default="",
        metavar="KIND",
        help=_("the kind of help it needs: mentor, coach, sponsor or peer"),
    )
    need = add_command(
        what,
        "need",
        handler=cmd_goal_need,
        help=_("choose the kind of help a goal needs"),
        description=_(
            "Choose the kind of help GOAL needs: mentor, coach, sponsor or peer; “suggested” "
            "takes the kind its words suggest, “none” unchooses. Prospects added for the goal "
            "afterwards are asked for that kind of help."
        ),
    )
    need.add_argument("goal", metavar="GOAL", help=_("a goal id or part of its title"))
    need.add_argument(
        "kind", metavar="KIND", help=_("mentor, coach, sponsor, peer, suggested or none")
    )

    add_command(
        sub,
        "find",
        handler=cmd_find,
        help=_("the search for mentors: where you are on each of the five steps"),
        description=_(
            "The five steps of the search: know your why (each open goal, the kind of help it "
            "needs and the kind suggested), map candidates, check fit, ask well, start right."
        ),
    )


# Goals -------------------------------------------------------------------------


def _need_label(kind: str) -> str:
    from tribe.core.kinds import RelationshipKind

    return str(RelationshipKind(kind).label) if kind else "-"


def _suggestion_dict(suggestion: Suggestion) -> dict[str, str]:
    return suggestion.as_dict()


def _goal_dict(goal: Goal) -> dict[str, Any]:
    from tribe.people.needs import suggest_need

    return {
        "id": goal.pk,
        "title": goal.title,
        "why": goal.why,
        "status": goal.status,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
        "need": goal.need,
        "suggested_need": _suggestion_dict(suggest_need(goal.title, goal.why)),
    }


def cmd_goals(args: argparse.Namespace) -> int:
    from tribe.people.needs import suggest_need
    from tribe.people.selectors import goals_of

    person = resolve_person(args.as_email)
    goals = list(goals_of(person=person))
    table = []
    for goal in goals:
        suggestion = suggest_need(goal.title, goal.why)
        table.append(
            [
                str(goal.pk),
                goal.title,
                str(goal.get_status_display()),
                _need_label(goal.need),
                _("{kind}: {reason}").format(
                    kind=_need_label(suggestion.kind), reason=suggestion.reason
                ),
            ]
        )
    header = [_("id"), _("goal"), _("status"), _("need"), _("suggested")]
    return listing(
        args,
        [_goal_dict(goal) for goal in goals],
        heading=_("Your goals:"),
        lines=columns(header, table, right={0}) if goals else [],
        empty=_("No goals yet: add one with tribe goal add TITLE."),
    )


def _by(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(CliCode.DATE, field="--by", value=value) from exc


def _chosen_line(goal: Goal) -> str:
    if not goal.need:
        return _(
            "“{title}” has no kind of help chosen: prospects for it are asked to mentor."
        ).format(title=goal.title)
    return _("“{title}” needs: {kind}. Prospects you add for it are asked as this kind.").format(
        title=goal.title, kind=_need_label(goal.need)
    )


def cmd_goal_add(args: argparse.Namespace) -> int:
    from tribe.people.services import goal_create

    person = resolve_person(args.as_email)
    by = _by(args.by)
    with options_named({**OPTION_OF, "need": "--need"}):
        goal = goal_create(
            person=person, title=args.title, why=args.why, target_date=by, need=args.need
        )
    line = _("Added goal {id}: “{title}”.").format(id=goal.pk, title=goal.title)
    if goal.need:
        line += " " + _chosen_line(goal)
    return report(args, _goal_dict(goal), line)


def cmd_goal_need(args: argparse.Namespace) -> int:
    from tribe.matching.selectors import goal_for_fit
    from tribe.people.needs import suggest_need
    from tribe.people.services import goal_set_need

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        goal = goal_for_fit(person=person, goal=args.goal)
    kind = args.kind.strip().lower()
    if kind in NO_NEED:
        kind = ""
    elif kind == SUGGESTED:
        kind = suggest_need(goal.title, goal.why).kind
    with options_named(OPTION_OF):
        goal = goal_set_need(actor=person, goal=goal, need=kind)
    return report(args, _goal_dict(goal), _chosen_line(goal))


# tribe find -----------------------------------------------------------------------


def _find_dict(overview: FindOverview) -> dict[str, Any]:
    from tribe.people.needs import suggest_need

    return {
        "goals": [
            {
                "id": step.coverage.goal_id,
                "title": step.coverage.title,
                "need": step.coverage.need,
                "suggested_need": _suggestion_dict(
                    suggest_need(step.coverage.title, step.coverage.why)
                ),
                "covered": step.coverage.covered,
                "relationships": len(step.linked),
                "without_purpose": len(step.without_purpose),
            }
            for step in overview.goals
        ],
        "uncovered": overview.uncovered,
        "contacts": overview.contact_count,
        "open_mentors": overview.mentor_count,
        "outreach": [
            {
                "relationship_id": step.relationship.pk,
                "with": step.relationship.mentor_name,
                "kind": step.relationship.kind,
                "status": step.relationship.status,
                "nudge": step.nudge.state,
            }
            for step in overview.outreach
        ],
        "starting": [
            {"relationship_id": step.relationship.pk, "role": step.role}
            for step in overview.starting
        ],
    }


def _find_lines(overview: FindOverview) -> list[str]:
    from tribe.people.needs import suggest_need

    lines = [_("Step 1: know your why")]
    if not overview.goals:
        lines.append("  " + _("No open goals yet: add one with tribe goal add TITLE."))
    for step in overview.goals:
        coverage = step.coverage
        suggestion = suggest_need(coverage.title, coverage.why)
        lines.append(f"  {coverage.goal_id}  {coverage.title}")
        if coverage.need:
            lines.append("     " + _("needs: {kind}").format(kind=_need_label(coverage.need)))
        lines.append(
            "     "
            + _("suggested: {kind}, because {reason}").format(
                kind=_need_label(suggestion.kind), reason=suggestion.reason
            )
        )
    if any(not step.coverage.need for step in overview.goals):
        lines.append("  " + _("Choose with: tribe goal need GOAL KIND (or “suggested”)."))
    contacts = ngettext("{count} contact", "{count} contacts", overview.contact_count)
    mentors = ngettext(
        "{count} person open to mentoring",
        "{count} people open to mentoring",
        overview.mentor_count,
    )
    lines.append(
        _("Step 2: map candidates: {contacts}, {mentors}").format(
            contacts=contacts.format(count=overview.contact_count),
            mentors=mentors.format(count=overview.mentor_count),
        )
    )
    uncovered = ngettext(
        "Step 3: check fit: {count} goal nobody covers yet (tribe fit)",
        "Step 3: check fit: {count} goals nobody covers yet (tribe fit)",
        overview.uncovered,
    )
    lines.append(uncovered.format(count=overview.uncovered))
    asking = ngettext(
        "Step 4: ask well: {count} prospect or request waiting (tribe ask)",
        "Step 4: ask well: {count} prospects and requests waiting (tribe ask)",
        len(overview.outreach),
    )
    lines.append(asking.format(count=len(overview.outreach)))
    starting = ngettext(
        "Step 5: start right: {count} intro meeting waiting for an agreement",
        "Step 5: start right: {count} intro meetings waiting for an agreement",
        len(overview.starting),
    )
    lines.append(starting.format(count=len(overview.starting)))
    return lines


def cmd_find(args: argparse.Namespace) -> int:
    from tribe.matching.overview import find_overview

    person = resolve_person(args.as_email)
    overview = find_overview(person=person, today=person_today(person))
    if args.json:
        emit_json(_find_dict(overview))
        return 0
    for line in _find_lines(overview):
        print(line)
    return 0

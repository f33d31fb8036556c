"""Finding mentors from the command line: ``tribe fit`` and ``tribe ask``.

``tribe fit`` ranks the candidates for a goal with the reasons (and rules one
out, remembered with a reason); ``tribe ask`` drafts and records the request
to a prospect. The mentor's side (``tribe requests``) and the tribe graph are
in :mod:`tribe.cli.mentoring`, as on the pages.

Every read and write goes through the same selectors and services as the web
pages. Relationships are fetched for the asking person only, so an id that is
not theirs is "not found" whether or not it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.errors import MSG_NOT_UTF8, CliCode
from tribe.cli.output import (
    add_command,
    add_with_argument,
    columns,
    emit_json,
    listing,
    options_named,
    report,
)
from tribe.core.errors import ValidationError
from tribe.core.languages import language_name
from tribe.outreach.errors import OutreachCode

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.matching.selectors import FitRow
    from tribe.people.models import Goal, Person
    from tribe.relationships.counterparts import Counterpart
    from tribe.relationships.models import Relationship

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "goal": "--goal",
    "reason": "--reason",
    "message": "--message",
    "ask": "--ask",
    "why_them": "--why",
    "cadence_days": "--every",
    "meeting_minutes": "--minutes",
    "months": "--months",
    "give_back": "--give-back",
}


def add_parsers(sub: SubParsers) -> None:
    fit = add_command(
        sub,
        "fit",
        handler=cmd_fit,
        help=_("rank the candidate mentors for a goal, with the reasons"),
        description=_(
            "Rank the people open to mentoring and your contacts for one goal: which terms "
            "of the goal meet their expertise, time-zone overlap, shared languages, free places. "
            "With --not-a-match, rule a candidate out (with a reason): they leave later rankings."
        ),
    )
    fit.add_argument(
        "--goal",
        metavar="G",
        help=_("a goal id or part of its title (default: your only open goal)"),
    )
    fit.add_argument(
        "--limit", metavar="N", default="50", help=_("show at most N candidates (default 50)")
    )
    fit.add_argument(
        "--not-a-match",
        dest="not_a_match",
        metavar="NAME_OR_EMAIL",
        help=_("rule out a candidate: an account by e-mail, or a contact by name"),
    )
    fit.add_argument("--reason", help=_("why they are not a match (needed with --not-a-match)"))
    fit.add_argument(
        "--all-goals",
        action="store_true",
        help=_("with --not-a-match: for every goal, not just one"),
    )

    ask = add_command(
        sub,
        "ask",
        handler=cmd_ask,
        help=_("draft (and record sending) the request to a prospective mentor"),
        description=_(
            "Print the request to WITH, drafted from the purpose statement, the ask and "
            "why them. With --send, record it as sent: the relationship moves to “asked” and a "
            "nudge falls due if no answer comes."
        ),
    )
    add_with_argument(ask)
    ask.add_argument("--send", action="store_true", help=_("record the request as sent"))
    ask.add_argument(
        "--email",
        action="store_true",
        help=_(
            "let Tribe send the request by e-mail, from its address in your name with "
            "replies to you, and record it as sent (implies --send)"
        ),
    )
    ask.add_argument(
        "--message",
        type=Path,
        metavar="FILE",
        help=_("with --send: send this text instead of the draft"),
    )
    ask.add_argument(
        "--purpose", metavar="TEXT", help=_("set the one-sentence purpose statement first")
    )
    ask.add_argument(
        "--ask",
        dest="the_ask",
        metavar="TEXT",
        help=_("set the specific ask (time, cadence, length)"),
    )
    ask.add_argument("--why", dest="why_them", metavar="TEXT", help=_("set why this person"))
    # The ask's size: the request states it, so the mentor knows what a yes would mean.
    ask.add_argument(
        "--every",
        metavar="DAYS",
        help=_("propose meeting every DAYS days (0: as often as they like, else monthly)"),
    )
    ask.add_argument("--minutes", metavar="M", help=_("propose meetings of M minutes"))
    ask.add_argument("--months", metavar="N", help=_("propose N months (at most 24)"))
    ask.add_argument(
        "--give-back",
        dest="give_back",
        metavar="TEXT",
        help=_('set what you can give back, instead of the draft ("" leaves it out)'),
    )


# tribe fit --------------------------------------------------------------------


def _goal_dict(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "why": goal.why,
        "status": goal.status,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
    }


def _capacity(row: FitRow) -> str:
    if row.free_places is None:
        return _("unknown")  # a contact: nobody has told Tribe
    if row.has_capacity:
        return _("yes, {count} free").format(count=row.free_places)
    return _("no, full")


def _hours(value: float | None) -> str:
    return _("unknown") if value is None else f"{value:g}"


def _limit(value: str) -> int:
    try:
        limit = int(value)
    except (TypeError, ValueError):
        limit = 0
    if limit < 1:
        raise ValidationError(CliCode.LIMIT, field="--limit")
    return limit


def cmd_fit(args: argparse.Namespace) -> int:
    from tribe.matching.selectors import fit_ranking, goal_for_fit

    if args.not_a_match is not None:
        return _mark_not_a_match(args)
    if args.reason is not None:
        raise ValidationError(CliCode.ONLY_WITH_MARK, field="--reason")
    if args.all_goals:
        raise ValidationError(CliCode.ONLY_WITH_MARK, field="--all-goals")
    limit = _limit(args.limit)
    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        goal = goal_for_fit(person=person, goal=args.goal)
    rows = fit_ranking(person=person, goal=goal, limit=limit)
    table = [
        [
            str(rank),
            row.name if row.kind == "person" else _("{name} (contact)").format(name=row.name),
            f"{row.score:.3f}",
            _capacity(row),
            _hours(row.explanation.overlap_hours),
            ", ".join(map(language_name, row.explanation.shared_languages)) or "-",
            ", ".join(row.matched_terms) or "-",
        ]
        for rank, row in enumerate(rows, start=1)
    ]
    header = [
        "#",
        _("name"),
        _("score"),
        _("capacity"),
        _("tz overlap h"),
        _("languages"),
        _("matched terms"),
    ]
    return listing(
        args,
        {"goal": _goal_dict(goal), "candidates": [row.as_dict() for row in rows]},
        heading=_("Candidates for “{title}” (goal {id}), best first:").format(
            title=goal.title, id=goal.pk
        ),
        lines=columns(header, table, right={0, 2, 4}) if rows else [],
        empty=_(
            "Nobody yet: add contacts, or ask people in your programmes to open their profile."
        ),
    )


def _candidate(person: Person, query: str) -> Counterpart:
    """The one candidate ``tribe fit`` would rank that ``query`` names."""
    from tribe.relationships.counterparts import Among, counterpart_resolve

    with options_named({"query": "--not-a-match"}):
        return counterpart_resolve(person=person, query=query, among=Among.CANDIDATES)


def _mark_not_a_match(args: argparse.Namespace) -> int:
    from tribe.matching.selectors import goal_for_fit
    from tribe.matching.services import not_a_match_mark

    person = resolve_person(args.as_email)
    if args.all_goals and args.goal is not None:
        raise ValidationError(CliCode.GOAL_OR_ALL, field="--all-goals")
    goal = None
    if not args.all_goals:
        with options_named(OPTION_OF):
            goal = goal_for_fit(person=person, goal=args.goal)
    candidate = _candidate(person, args.not_a_match)
    with options_named(OPTION_OF):
        mark = not_a_match_mark(
            person=person,
            reason=args.reason or "",
            goal=goal,
            candidate_person=candidate.person,
            candidate_contact=candidate.contact,
        )
    who = candidate.side
    if args.json:
        emit_json(
            {
                "id": mark.pk,
                "goal": _goal_dict(goal) if goal is not None else None,
                "candidate": {
                    "kind": "person" if candidate.person is not None else "contact",
                    "id": who.pk,
                    "name": who.name,
                },
                "reason": mark.reason,
            }
        )
    else:
        if goal is not None:
            line = _(
                "{name} is not a match for “{goal}”: they will not be ranked again ({reason})."
            )
        else:
            line = _(
                "{name} is not a match for all your goals: they will not be ranked again "
                "({reason})."
            )
        goal_title = goal.title if goal is not None else ""
        print(line.format(name=who.name, goal=goal_title, reason=mark.reason))
    return 0


# tribe ask --------------------------------------------------------------------


def _prospect(person: Person, query: str) -> Relationship:
    """The prospect relationship (``person`` the mentee) whose mentor ``query`` names."""
    from tribe.relationships.counterparts import Among, counterpart_resolve

    with options_named({"query": "WITH"}):
        found = counterpart_resolve(person=person, query=query, among=Among.PROSPECTS)
    return found.relationships[0]  # a prospect is one relationship


def _request_dict(r: Relationship, *, sent: bool, message: str, **extra: Any) -> dict[str, Any]:
    return {
        "relationship_id": r.pk,
        "with": r.mentor_name,
        "status": r.status,
        "sent": sent,
        "message": message,
        **extra,
    }


def _whole(value: str | None, option: str) -> int | None:
    """A whole number typed for ``option``; the service checks its range."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationError(CliCode.NOT_A_NUMBER, field=option, value=value) from exc


def _size_options(args: argparse.Namespace) -> dict[str, Any]:
    """The size and give-back options typed, as the service names them; the rest unchanged."""
    given: dict[str, Any] = {}
    every = _whole(args.every, "--every")
    if every is not None:
        given["cadence_days"] = every or None  # 0: the mentor's cadence, else monthly
    for name, typed, option in (
        ("meeting_minutes", args.minutes, "--minutes"),
        ("months", args.months, "--months"),
    ):
        number = _whole(typed, option)
        if number is not None:
            given[name] = number
    if args.give_back is not None:
        given["give_back"] = args.give_back
    return given


def cmd_ask(args: argparse.Namespace) -> int:
    from tribe.core.zones import local
    from tribe.outreach import mail as outreach_mail
    from tribe.outreach import selectors as outreach_selectors
    from tribe.outreach import services as outreach

    person = resolve_person(args.as_email)
    args.send = args.send or args.email
    if args.message is not None and not args.send:
        raise ValidationError(CliCode.MESSAGE_ALONE, field="--message")
    relationship = _prospect(person, args.with_)
    size_options = _size_options(args)
    if size_options or any(
        value is not None for value in (args.purpose, args.the_ask, args.why_them)
    ):
        with options_named(OPTION_OF):
            relationship = outreach.outreach_prepare(
                actor=person,
                relationship=relationship,
                purpose=relationship.purpose if args.purpose is None else args.purpose,
                ask=relationship.ask if args.the_ask is None else args.the_ask,
                why_them=relationship.why_them if args.why_them is None else args.why_them,
                **size_options,
            )
    if not relationship.purpose.strip():
        # The same refusal as sending: a request without a "why" is not worth drafting.
        raise ValidationError(OutreachCode.NO_PURPOSE, field="purpose")
    draft = outreach_selectors.request_draft(relationship=relationship, sender=person)
    about = {
        "size": outreach_selectors.ask_size_of(relationship=relationship).as_dict(),
        "give_back": outreach_selectors.give_back_text(relationship=relationship, sender=person),
    }
    warning = str(about["size"]["warning"])  # type: ignore[index]
    if warning and not args.json:
        print(warning, file=sys.stderr)  # beside the draft, never inside it
    if not args.send:
        if args.json:
            emit_json(_request_dict(relationship, sent=False, message=draft, **about))
        else:
            print(draft, end="")  # the draft ends with its own newline
        return 0
    message = draft
    if args.message is not None:
        try:
            message = args.message.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else _(MSG_NOT_UTF8)
            raise ValidationError(
                CliCode.UNREADABLE, field="--message", path=args.message, reason=reason
            ) from exc
    send = outreach_mail.request_send_by_email if args.email else outreach.outreach_send
    with options_named(OPTION_OF):
        sent = send(actor=person, relationship=relationship, message=message)
    assert sent.asked_at is not None
    asked_on = local(sent.asked_at, person.timezone).date()
    nudge_on = asked_on + dt.timedelta(days=person.nudge_after_days)
    return report(
        args,
        _request_dict(
            sent,
            sent=True,
            message=sent.request_message,
            asked_at=sent.asked_at.astimezone(dt.UTC).isoformat(),
            nudge_due_on=nudge_on.isoformat(),
            **about,
            **({"emailed": True} if args.email else {}),
        ),
        (
            _(
                "Queued your request to {name} by e-mail and recorded it as sent on "
                "{asked_on}; the answer comes to your address. If no answer comes, a nudge "
                "is due on {nudge_on}."
            )
            if args.email
            else _(
                "Recorded your request to {name} as sent on {asked_on}. "
                "If no answer comes, a nudge is due on {nudge_on}."
            )
        ).format(
            name=sent.mentor_name,
            asked_on=date_format(asked_on, "PADDED_DATE_FORMAT"),
            nudge_on=date_format(nudge_on, "PADDED_DATE_FORMAT"),
        ),
    )

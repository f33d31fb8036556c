"""Advocacy asks from the command line: ``tribe advocacy``.

``ask`` a sponsor to speak up for you (WITH names them among your own
relationships), ``list`` the asks (``--json``), and the steps: the sponsor
``agree``s or ``decline``s and says when it is ``done``; either side records
the ``outcome``; the person sponsored may ``withdraw`` an ask. The same
services as the pages; an ask's ID is looked up among the asks of the asking
person's own relationships, so one that is not theirs is "not found" whether
or not it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.output import (
    add_command,
    listing,
    not_found_as,
    option_date,
    options_named,
    person_today,
    report,
)

if TYPE_CHECKING:
    from tribe.advocacy.models import AdvocacyAsk
    from tribe.cli.output import SubParsers
    from tribe.people.models import Person
    from tribe.relationships.counterparts import Counterpart
    from tribe.relationships.models import Relationship

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "query": "WITH",
    "relationship": "WITH",
    "audience": "--to",
    "opportunity": "--about",
    "case": "--case",
    "by_when": "--by",
    "note": "--note",
    "spoke_on": "--on",
    "outcome": "TEXT",
}


def add_parsers(sub: SubParsers) -> None:
    advocacy = sub.add_parser(
        "advocacy",
        help=_("advocacy asks of a sponsor: ask, list, and what became of each"),
        description=_(
            "Ask a sponsor to speak up for you: to whom, about what, the case to make and by "
            "when. The sponsor agrees or declines and says when they spoke; either of you "
            "records what happened."
        ),
    )
    what = advocacy.add_subparsers(dest="what", metavar="WHAT", required=True)

    ask = add_command(
        what,
        "ask",
        handler=cmd_advocacy_ask,
        help=_("ask your sponsor to speak up for you"),
        description=_("Ask your sponsor WITH to speak to someone about an opportunity."),
    )
    ask.add_argument("with_", metavar="WITH", help=_("a part of their name, or their e-mail"))
    ask.add_argument(
        "--to", dest="audience", required=True, metavar="WHOM", help=_("a person or a forum")
    )
    ask.add_argument(
        "--about",
        dest="opportunity",
        required=True,
        metavar="WHAT",
        help=_("a role, a project, a promotion round, a stage"),
    )
    ask.add_argument(
        "--case", default="", metavar="TEXT", help=_("why me: the achievements to cite")
    )
    ask.add_argument("--by", dest="by_when", metavar="YYYY-MM-DD", help=_("by when"))

    listed = add_command(
        what,
        "list",
        handler=cmd_advocacy_list,
        help=_("the asks of your sponsor relationships"),
        description=_("List the asks of your relationships (or only those with WITH)."),
    )
    listed.add_argument(
        "with_", nargs="?", metavar="WITH", help=_("a part of their name, or their e-mail")
    )

    for name, handler, help_text in (
        ("agree", cmd_advocacy_agree, _("as the sponsor: agree to speak up")),
        ("decline", cmd_advocacy_decline, _("as the sponsor: decline the ask")),
    ):
        step = add_command(what, name, handler=handler, help=help_text, description=help_text)
        step.add_argument("id", metavar="ID")
        step.add_argument("--note", default="", metavar="TEXT", help=_("a word with the answer"))

    done = add_command(
        what,
        "done",
        handler=cmd_advocacy_done,
        help=_("as the sponsor: you spoke up"),
        description=_("Say that you spoke up for ask ID (--on the day, default today)."),
    )
    done.add_argument("id", metavar="ID")
    done.add_argument("--on", metavar="YYYY-MM-DD", help=_("the day you spoke (default: today)"))
    done.add_argument("--note", default="", metavar="TEXT", help=_("what you said, and to whom"))

    outcome = add_command(
        what,
        "outcome",
        handler=cmd_advocacy_outcome,
        help=_("record what happened"),
        description=_("Record what happened after the sponsor spoke up for ask ID."),
    )
    outcome.add_argument("id", metavar="ID")
    outcome.add_argument("text", metavar="TEXT", help=_("what happened"))

    withdraw = add_command(
        what,
        "withdraw",
        handler=cmd_advocacy_withdraw,
        help=_("take an ask back"),
        description=_("Withdraw ask ID, until the sponsor has spoken up."),
    )
    withdraw.add_argument("id", metavar="ID")


def _date(value: str | None, option: str) -> dt.date | None:
    """A date option, its error naming ``option``."""
    from tribe.core.errors import ValidationError

    if value is None:
        return None
    try:
        return option_date(value, default=dt.date.min)
    except ValidationError as exc:
        exc.field = option
        raise


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _name(person: Person | None) -> str | None:
    return person.name if person is not None else None


def ask_dict(ask: AdvocacyAsk, *, person: Person) -> dict[str, Any]:
    """An ask as ``--json`` prints it."""
    from tribe.advocacy.pipeline import steps_for

    return {
        "id": ask.pk,
        "relationship_id": ask.relationship_id,
        "with": ask.relationship.other_name(person),
        "status": ask.status,
        "audience": ask.audience,
        "opportunity": ask.opportunity,
        "case": ask.case,
        "by_when": _day(ask.by_when),
        "asked_on": _day(ask.asked_on),
        "asked_by": _name(ask.asked_by),
        "answered_on": _day(ask.answered_on),
        "answered_by": _name(ask.answered_by),
        "answer_note": ask.answer_note,
        "spoke_on": _day(ask.spoke_on),
        "done_by": _name(ask.done_by),
        "done_note": ask.done_note,
        "outcome": ask.outcome,
        "outcome_on": _day(ask.outcome_on),
        "outcome_by": _name(ask.outcome_by),
        "withdrawn_on": _day(ask.withdrawn_on),
        "withdrawn_by": _name(ask.withdrawn_by),
        "steps": sorted(steps_for(ask, person)),
    }


def _lines(ask: AdvocacyAsk, *, person: Person) -> list[str]:
    when = ""
    if ask.by_when is not None:
        when = "  " + _("by {date}").format(date=date_format(ask.by_when, "PADDED_DATE_FORMAT"))
    lines = [
        f"#{ask.pk}  {ask.get_status_display()}  {ask.relationship.other_name(person)}{when}",
        "  "
        + _("{opportunity}: speak to {audience}").format(
            opportunity=ask.opportunity, audience=ask.audience
        ),
    ]
    for label, text in (
        (_("Why me"), ask.case),
        (_("With the answer"), ask.answer_note),
        (_("What was said"), ask.done_note),
        (_("What happened"), ask.outcome),
    ):
        if text:
            lines.append(f"  {label}: {text}")
    return lines


def _sponsorship(other: Counterpart) -> Relationship:
    """The relationship an ask with ``other`` belongs to: an open sponsor relationship,
    else any sponsor relationship, else the current one (which the service refuses)."""
    from tribe.core.kinds import RelationshipKind
    from tribe.relationships.models import CLOSED_STATUSES

    sponsor = [r for r in other.relationships if r.kind == RelationshipKind.SPONSOR]
    open_ones = [r for r in sponsor if r.status not in CLOSED_STATUSES]
    if open_ones:
        return open_ones[0]
    if sponsor:
        return sponsor[0]
    return other.current_relationship()


def cmd_advocacy_ask(args: argparse.Namespace) -> int:
    from tribe.advocacy.selectors import ask_get_for
    from tribe.advocacy.services import ask_create
    from tribe.cli.keep import resolve_other

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        relationship = _sponsorship(resolve_other(person, args.with_))
        ask = ask_create(
            author=person,
            relationship=relationship,
            audience=args.audience,
            opportunity=args.opportunity,
            case=args.case,
            by_when=_date(args.by_when, "--by"),
            today=person_today(person),
        )
    ask = ask_get_for(person=person, ask_id=ask.pk)
    line = _("Asked {name} (ask #{id}): speak to {audience} about {opportunity}.").format(
        name=relationship.other_name(person),
        id=ask.pk,
        audience=ask.audience,
        opportunity=ask.opportunity,
    )
    return report(args, ask_dict(ask, person=person), line)


def cmd_advocacy_list(args: argparse.Namespace) -> int:
    from tribe.advocacy.selectors import asks_for

    person = resolve_person(args.as_email)
    asks = asks_for(person=person)
    if args.with_:
        from tribe.cli.keep import resolve_other

        with options_named(OPTION_OF):
            other = resolve_other(person, args.with_)
        asks = asks.filter(relationship__in=[r.pk for r in other.relationships])
    rows = list(asks)
    lines = [line for ask in rows for line in _lines(ask, person=person)]
    return listing(
        args,
        [ask_dict(a, person=person) for a in rows],
        heading=_("Advocacy asks of {name}:").format(name=person.name),
        lines=lines,
        empty=_("No asks yet. Ask your sponsor: tribe advocacy ask WITH --to WHOM --about WHAT"),
    )


def _step(
    args: argparse.Namespace, service: Callable[..., AdvocacyAsk], line: str, **fields: Any
) -> int:
    """One step on ask ID: found among the caller's own, taken by the service, reported."""
    from tribe.advocacy.selectors import ask_get_for

    person = resolve_person(args.as_email)
    with not_found_as("ID"):
        ask = ask_get_for(person=person, ask_id=args.id)
    with options_named(OPTION_OF):
        service(actor=person, ask=ask, today=person_today(person), **fields)
    ask = ask_get_for(person=person, ask_id=ask.pk)
    return report(args, ask_dict(ask, person=person), line.format(id=ask.pk))


def cmd_advocacy_agree(args: argparse.Namespace) -> int:
    from tribe.advocacy.services import ask_agree

    return _step(args, ask_agree, _("Agreed to ask #{id}."), note=args.note)


def cmd_advocacy_decline(args: argparse.Namespace) -> int:
    from tribe.advocacy.services import ask_decline

    return _step(args, ask_decline, _("Declined ask #{id}."), note=args.note)


def cmd_advocacy_done(args: argparse.Namespace) -> int:
    from tribe.advocacy.services import ask_mark_done

    return _step(
        args,
        ask_mark_done,
        _("Ask #{id} is done: you spoke up."),
        spoke_on=_date(args.on, "--on"),
        note=args.note,
    )


def cmd_advocacy_outcome(args: argparse.Namespace) -> int:
    from tribe.advocacy.services import ask_record_outcome

    return _step(args, ask_record_outcome, _("Recorded what came of ask #{id}."), outcome=args.text)


def cmd_advocacy_withdraw(args: argparse.Namespace) -> int:
    from tribe.advocacy.services import ask_withdraw

    return _step(args, ask_withdraw, _("Withdrew ask #{id}."))

"""Keeping relationships alive from the command line: ``tribe prep`` and ``tribe log``.

WITH names the other person of a relationship: a part of their name (any
case) or their e-mail address. It is matched only among the asking person's
own relationships, so it can never reveal who else uses this installation.

Every write goes through the same services as the web pages, with "today"
taken as the asking person's local date; a bad value is a one-line error that
names the option, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tribe.cli.commands import resolve_person
from tribe.cli.errors import CliCode
from tribe.cli.output import (
    add_command,
    add_with_argument,
    emit_json,
    not_found_as,
    option_date,
    options_named,
    person_today,
    report,
)
from tribe.core.errors import NotFound, ValidationError
from tribe.core.labels import in_sentence

if TYPE_CHECKING:
    from tribe.cli.output import Handler, SubParsers
    from tribe.ledger.prep import Agenda
    from tribe.meetings.models import Meeting
    from tribe.people.models import Person
    from tribe.relationships.counterparts import Counterpart
    from tribe.relationships.models import Relationship

TOUCHPOINT_KINDS = ("call", "message", "email", "in_person", "other")
DECISIONS = ("adopt", "try", "park", "reject")
THANKS_KINDS = ("thank_you", "gift", "volunteering", "acknowledgement")

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "query": "WITH",
    "happened_on": "--on",
    "given_on": "--on",
    "kind": "--kind",
    "note": "--note",
    "decision": "--decision",
    "reason": "--reason",
    "advice": "--advice",
    "goal": "--goal",
    "meeting": "--meeting",
    "text": "TEXT",
    "description": "DESCRIPTION",
}

#: The confirmation of each kind of contact, a whole sentence each (for translators).
CONTACT_LOGGED = {
    "call": gettext_noop("Logged a call with {name} on {date}."),
    "message": gettext_noop("Logged a message with {name} on {date}."),
    "email": gettext_noop("Logged an e-mail with {name} on {date}."),
    "in_person": gettext_noop("Logged a meeting in person with {name} on {date}."),
    "other": gettext_noop("Logged a contact with {name} on {date}."),
}


def add_parsers(sub: SubParsers) -> None:
    prep = add_command(
        sub,
        "prep",
        handler=cmd_prep,
        help=_("the agenda of the next meeting with someone"),
        description=_(
            "Print the agenda of your next meeting with WITH, as Markdown: purpose, "
            "questions, open action items, wins since last time, advice to report back on."
        ),
    )
    add_with_argument(prep)
    prep.add_argument("--meeting", metavar="ID", help=_("this meeting instead of the next one"))

    log = sub.add_parser(
        "log",
        help=_("record a contact, advice, thanks or a win"),
        description=_("Record what happened, on the day it happened (back-dating is fine)."),
    )
    log_sub = log.add_subparsers(dest="what", metavar="WHAT", required=True)

    contact = _entry(
        log_sub,
        "contact",
        cmd_log_contact,
        help=_("a call, message or chat outside a meeting (resets the contact clock)"),
        description=_("Record a real contact with WITH; cadence counts from the day it happened."),
    )
    contact.add_argument("--kind", required=True, choices=TOUCHPOINT_KINDS)
    contact.add_argument("--note", default="", help=_("a private note (only you can read it)"))

    advice = _entry(
        log_sub,
        "advice",
        cmd_log_advice,
        help=_("a piece of advice, and what you decided"),
        description=_("Write down advice WITH gave you; optionally your decision and why."),
    )
    advice.add_argument("text", metavar="TEXT", help=_("the advice"))
    advice.add_argument("--decision", choices=DECISIONS)
    advice.add_argument("--reason", default="", help=_("why (needed to park or reject)"))
    advice.add_argument(
        "--report-back", action="store_true", help=_("put it on the next agenda and update")
    )

    thanks = _entry(
        log_sub,
        "thanks",
        cmd_log_thanks,
        help=_("a thank-you, gift, volunteering or acknowledgement"),
        description=_("Record how you thanked WITH."),
    )
    thanks.add_argument("description", metavar="DESCRIPTION")
    thanks.add_argument("--kind", default="thank_you", choices=THANKS_KINDS)
    thanks.add_argument("--advice", metavar="ID", help=_("the advice it thanks for"))

    win = _entry(
        log_sub,
        "win",
        cmd_log_win,
        help=_("something that went well"),
        description=_("Record a win for your mentors' news."),
        with_someone=False,
    )
    win.add_argument("text", metavar="TEXT")
    win.add_argument("--goal", metavar="ID", help=_("the goal it advances"))


def _entry(
    sub: SubParsers,
    name: str,
    handler: Handler,
    *,
    help: str,
    description: str,
    with_someone: bool = True,
) -> argparse.ArgumentParser:
    """``tribe log NAME``: [WITH], ``--on``, ``--as`` and ``--json``."""
    parser = add_command(
        sub,
        name,
        handler=handler,
        help=help,
        description=description,
        json_help=_("print what was recorded as JSON"),
    )
    if with_someone:
        add_with_argument(parser)
    parser.add_argument(
        "--on", metavar="YYYY-MM-DD", help=_("the day it happened (default: today)")
    )
    return parser


# Resolving WITH ---------------------------------------------------------------


def resolve_other(person: Person, query: str) -> Counterpart:
    """The one person WITH names among ``person``'s own relationships (errors name WITH)."""
    from tribe.relationships.counterparts import counterpart_resolve

    with options_named(OPTION_OF):
        return counterpart_resolve(person=person, query=query)


def _relationship_for_log(other: Counterpart) -> Relationship:
    """The relationship a log entry belongs to: an open one (active first), else the latest."""
    return other.current_relationship()


# Shared helpers ---------------------------------------------------------------


def _day(day: dt.date) -> str:
    """A day as the confirmations show it, in the active language (08 Mar 2026)."""
    return date_format(day, "PADDED_DATE_FORMAT")


# tribe prep -------------------------------------------------------------------


def _next_meeting(person: Person, other: Counterpart, *, now: dt.datetime) -> Meeting:
    from tribe.ledger.prep import next_upcoming_meeting
    from tribe.relationships.models import CLOSED_STATUSES

    upcoming = []
    for relationship in other.relationships:
        if relationship.status in CLOSED_STATUSES:
            continue
        meeting = next_upcoming_meeting(relationship=relationship, after=now)
        if meeting is not None:
            meeting.relationship = relationship  # already loaded with both sides
            upcoming.append(meeting)
    if not upcoming:
        raise NotFound(CliCode.NO_MEETING, field="WITH", name=other.name)
    return min(upcoming, key=lambda m: (m.starts_at, m.pk))


def _chosen_meeting(person: Person, other: Counterpart, meeting_id: str) -> Meeting:
    from tribe.meetings.selectors import meeting_get_for

    with not_found_as("--meeting"):
        meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    if meeting.relationship_id not in {r.pk for r in other.relationships}:
        raise NotFound(CliCode.NOT_WITH, field="--meeting", name=other.name)
    return meeting


def agenda_dict(agenda: Agenda, *, person: Person, with_name: str) -> dict[str, Any]:
    """The agenda as JSON: the same content as the Markdown, field by field."""
    from tribe.core.zones import local

    meeting = agenda.meeting
    return {
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "starts_at": meeting.starts_at.astimezone(dt.UTC).isoformat(),
            "starts_local": local(meeting.starts_at, person.timezone).isoformat(),
            "ends_at": meeting.ends_at.astimezone(dt.UTC).isoformat(),
            "timezone": person.timezone,
            "status": meeting.status,
        },
        "relationship_id": agenda.relationship.pk,
        "with": with_name,
        "since": agenda.since.astimezone(dt.UTC).isoformat() if agenda.since else None,
        "purpose": agenda.purpose,
        # Peers both ask and report back: whose each one is, as the Markdown says.
        "questions": [
            {"id": q.pk, "text": q.text, "author_id": q.author_id} for q in agenda.questions
        ],
        "action_items": [
            {
                "id": a.pk,
                "title": a.title,
                "owner": a.owner,
                "due_on": a.due_on.isoformat() if a.due_on else None,
            }
            for a in agenda.action_items
        ],
        "wins": [
            {
                "id": w.pk,
                "text": w.text,
                "happened_on": w.happened_on.isoformat(),
                "person_id": w.person_id,
            }
            for w in agenda.wins
        ],
        "goals": [{"id": g.pk, "title": g.title, "status": g.status} for g in agenda.goals],
        "report_back": [
            {
                "id": a.pk,
                "text": a.text,
                "decision": a.decision,
                "outcome": a.outcome,
                "recorded_by_id": a.recorded_by_id,
            }
            for a in agenda.report_back
        ],
        "learned": agenda.learned,
        "edited": bool(agenda.edited),
        "markdown": agenda.markdown(zone_name=person.timezone),
    }


def cmd_prep(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.journal.selectors import learned_for_agenda
    from tribe.ledger.prep import agenda_for

    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    now = clock.now()
    if args.meeting is not None:
        meeting = _chosen_meeting(person, other, args.meeting)
    else:
        meeting = _next_meeting(person, other, now=now)
    learned = learned_for_agenda(meeting=meeting, now=now)
    agenda = agenda_for(person=person, meeting=meeting, now=now, learned=learned)
    if args.json:
        emit_json(agenda_dict(agenda, person=person, with_name=other.name))
    else:
        text = agenda.markdown(zone_name=person.timezone)
        print(text, end="" if text.endswith("\n") else "\n")  # an edited agenda is stripped
    return 0


# tribe log --------------------------------------------------------------------


@dataclass(frozen=True)
class _Log:
    """An entry about WITH: who writes it, their today, and the day it is for (``--on``)."""

    person: Person
    other: Counterpart
    today: dt.date
    on: dt.date

    def recorded(self, entry: Any, relationship: Relationship, **fields: Any) -> dict[str, Any]:
        """What was recorded, as ``--json`` prints it."""
        return {
            "id": entry.pk,
            "relationship_id": relationship.pk,
            "with": self.other.name,
            **fields,
        }


def _log(args: argparse.Namespace) -> _Log:
    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    today = person_today(person)
    return _Log(person=person, other=other, today=today, on=option_date(args.on, default=today))


def cmd_log_contact(args: argparse.Namespace) -> int:
    from tribe.ledger.services import touchpoint_log

    log = _log(args)
    relationship = _relationship_for_log(log.other)
    with options_named(OPTION_OF):
        touch = touchpoint_log(
            actor=log.person,
            relationship=relationship,
            kind=args.kind,
            happened_on=log.on,
            note=args.note,
            today=log.today,
        )
    data = log.recorded(
        touch,
        relationship,
        kind=touch.kind,
        happened_on=touch.happened_on.isoformat(),
        note=touch.note,
    )
    line = _(CONTACT_LOGGED[touch.kind]).format(name=log.other.name, date=_day(log.on))
    return report(args, data, line)


def cmd_log_advice(args: argparse.Namespace) -> int:
    from tribe.ledger.services import advice_record

    log = _log(args)
    if args.reason and not args.decision:
        raise ValidationError(CliCode.REASON_ALONE, field="--reason")
    relationship = _relationship_for_log(log.other)
    # Advice and its decision are one record to the person: the service records
    # both or neither.
    with options_named(OPTION_OF):
        advice = advice_record(
            actor=log.person,
            relationship=relationship,
            text=args.text,
            given_on=log.on,
            today=log.today,
            report_back=args.report_back,
            decision=args.decision or None,
            reason=args.reason,
        )
    data = log.recorded(
        advice,
        relationship,
        text=advice.text,
        given_on=advice.given_on.isoformat(),
        decision=advice.decision,
        reason=advice.reason,
        report_back=advice.report_back,
    )
    name, date = log.other.name, _day(log.on)
    if args.decision:
        line = _("Logged advice from {name} on {date} (decided: {decision}).").format(
            name=name, date=date, decision=in_sentence(advice, "decision")
        )
    else:
        line = _("Logged advice from {name} on {date}.").format(name=name, date=date)
    return report(args, data, line)


def cmd_log_thanks(args: argparse.Namespace) -> int:
    from tribe.ledger.selectors import advice_get_for
    from tribe.ledger.services import gratitude_record

    log = _log(args)
    other = log.other
    advice = None
    if args.advice is not None:
        with not_found_as("--advice"):
            advice = advice_get_for(person=log.person, advice_id=args.advice)
    # Thanks for a piece of advice belongs to the relationship it came from.
    relationship = advice.relationship if advice is not None else _relationship_for_log(other)
    if relationship.pk not in {r.pk for r in other.relationships}:
        raise ValidationError(CliCode.ADVICE_NOT_WITH, field="--advice", name=other.name)
    with options_named(OPTION_OF):
        thanks = gratitude_record(
            actor=log.person,
            relationship=relationship,
            kind=args.kind,
            given_on=log.on,
            description=args.description,
            today=log.today,
            advice=advice,
        )
    data = log.recorded(
        thanks,
        relationship,
        kind=thanks.kind,
        given_on=thanks.given_on.isoformat(),
        description=thanks.description,
        advice_id=thanks.advice_id,
    )
    line = _("Logged {kind} for {name} on {date}.").format(
        kind=in_sentence(thanks, "kind"), name=other.name, date=_day(log.on)
    )
    return report(args, data, line)


def cmd_log_win(args: argparse.Namespace) -> int:
    from tribe.ledger.services import win_record
    from tribe.people.selectors import goal_get_for

    person = resolve_person(args.as_email)
    today = person_today(person)
    on = option_date(args.on, default=today)
    goal = None
    if args.goal is not None:
        with not_found_as("--goal"):
            goal = goal_get_for(person=person, goal_id=args.goal)
    with options_named(OPTION_OF):
        win = win_record(person=person, text=args.text, happened_on=on, today=today, goal=goal)
    data = {
        "id": win.pk,
        "text": win.text,
        "happened_on": win.happened_on.isoformat(),
        "goal_id": win.goal_id,
    }
    line = _("Logged a win on {date}: {text}").format(date=_day(on), text=win.text)
    return report(args, data, line)

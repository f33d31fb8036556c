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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_as_option, emit_json, options_named, person_today
from tribe.core.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from tribe.meetings.models import Meeting
    from tribe.meetings.prep import Agenda
    from tribe.people.models import Person
    from tribe.relationships.models import Relationship

MSG_NOBODY = "nobody called “{query}” in your relationships (give a part of the name or the e-mail)"
MSG_AMBIGUOUS = "“{query}” matches {count} people: {names}; give more of the name or the e-mail"
MSG_NO_MEETING = "no upcoming meeting with {name}: plan one first"
MSG_NOT_WITH = "is not a meeting of yours with {name}"
MSG_DATE = "“{value}” is not a date (use YYYY-MM-DD, for example 2026-03-08)"
MSG_REASON_ALONE = "a reason goes with a decision: add --decision"

TOUCHPOINT_KINDS = ("call", "message", "email", "in_person", "other")
DECISIONS = ("adopt", "try", "park", "reject")
THANKS_KINDS = ("thank_you", "gift", "volunteering", "acknowledgement")

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
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

#: How a contact reads in the confirmation line.
CONTACT_PHRASE = {
    "call": "a call",
    "message": "a message",
    "email": "an e-mail",
    "in_person": "a meeting in person",
    "other": "a contact",
}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    prep = sub.add_parser(
        "prep",
        help="the agenda of the next meeting with someone",
        description="Print the agenda of your next meeting with WITH, as Markdown: purpose, "
        "questions, open action items, wins since last time, advice to report back on.",
    )
    prep.add_argument("with_", metavar="WITH", help="a part of their name, or their e-mail")
    add_as_option(prep)
    prep.add_argument("--meeting", metavar="ID", help="this meeting instead of the next one")
    prep.add_argument("--json", action="store_true", help="machine-readable output")
    prep.set_defaults(handler=cmd_prep)

    log = sub.add_parser(
        "log",
        help="record a contact, advice, thanks or a win",
        description="Record what happened, on the day it happened (back-dating is fine).",
    )
    log_sub = log.add_subparsers(dest="what", metavar="WHAT", required=True)

    contact = log_sub.add_parser(
        "contact",
        help="a call, message or chat outside a meeting (resets the contact clock)",
        description="Record a real contact with WITH; cadence counts from the day it happened.",
    )
    _with(contact)
    contact.add_argument("--kind", required=True, choices=TOUCHPOINT_KINDS)
    _on(contact)
    contact.add_argument("--note", default="", help="a private note (only you can read it)")
    _tail(contact, cmd_log_contact)

    advice = log_sub.add_parser(
        "advice",
        help="a piece of advice, and what you decided",
        description="Write down advice WITH gave you; optionally your decision and why.",
    )
    _with(advice)
    advice.add_argument("text", metavar="TEXT", help="the advice")
    _on(advice)
    advice.add_argument("--decision", choices=DECISIONS)
    advice.add_argument("--reason", default="", help="why (needed to park or reject)")
    advice.add_argument(
        "--report-back", action="store_true", help="put it on the next agenda and update"
    )
    _tail(advice, cmd_log_advice)

    thanks = log_sub.add_parser(
        "thanks",
        help="a thank-you, gift, volunteering or acknowledgement",
        description="Record how you thanked WITH.",
    )
    _with(thanks)
    thanks.add_argument("description", metavar="DESCRIPTION")
    thanks.add_argument("--kind", default="thank_you", choices=THANKS_KINDS)
    _on(thanks)
    thanks.add_argument("--advice", metavar="ID", help="the advice it thanks for")
    _tail(thanks, cmd_log_thanks)

    win = log_sub.add_parser(
        "win", help="something that went well", description="Record a win for your mentors' news."
    )
    win.add_argument("text", metavar="TEXT")
    _on(win)
    win.add_argument("--goal", metavar="ID", help="the goal it advances")
    _tail(win, cmd_log_win)


def _with(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("with_", metavar="WITH", help="a part of their name, or their e-mail")


def _on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", metavar="YYYY-MM-DD", help="the day it happened (default: today)")


def _tail(parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    add_as_option(parser)
    parser.add_argument("--json", action="store_true", help="print what was recorded as JSON")
    parser.set_defaults(handler=handler)


# Resolving WITH ---------------------------------------------------------------


@dataclass(frozen=True)
class Other:
    """The other side of one or more of the asking person's relationships."""

    name: str
    email: str
    relationships: list[Relationship]

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


def _others(person: Person) -> list[Other]:
    """Everyone on the other side of ``person``'s relationships, each once."""
    from tribe.relationships.selectors import relationships_for

    found: dict[tuple[str, int], Other] = {}
    for relationship in relationships_for(person=person):
        if relationship.role_of(person) == "mentee":
            side = relationship.mentor or relationship.mentor_contact
        else:
            side = relationship.mentee or relationship.mentee_contact
        if side is None:
            continue
        key = (type(side).__name__, side.pk)
        if key not in found:
            found[key] = Other(
                name=str(side), email=getattr(side, "email", "") or "", relationships=[]
            )
        found[key].relationships.append(relationship)
    return list(found.values())


def resolve_other(person: Person, query: str) -> Other:
    """The one person WITH names; NotFound or ValidationError (field WITH) otherwise.

    An exact e-mail or full name wins over a partial name, so that "Sam Okafor"
    is not ambiguous just because someone called "Sam Okafor-Jones" exists too.
    """
    wanted = query.strip().casefold()
    others = _others(person)
    exact = [o for o in others if wanted and wanted in (o.email.casefold(), o.name.casefold())]
    matches = exact or [o for o in others if wanted and wanted in o.name.casefold()]
    if not matches:
        raise NotFound(MSG_NOBODY.format(query=query), field="WITH")
    if len(matches) > 1:
        names = ", ".join(sorted(o.label for o in matches))
        raise ValidationError(
            MSG_AMBIGUOUS.format(query=query, count=len(matches), names=names), field="WITH"
        )
    return matches[0]


def _relationship_for_log(other: Other) -> Relationship:
    """The relationship a log entry belongs to: an open one (active first), else the latest."""
    from tribe.relationships.models import Relationship

    closed = (Relationship.Status.ENDED, Relationship.Status.DECLINED)
    rank = {Relationship.Status.ACTIVE: 0}
    open_ones = [r for r in other.relationships if r.status not in closed]
    if open_ones:
        return min(open_ones, key=lambda r: rank.get(r.status, 1))  # stable: keeps list order
    return other.relationships[0]  # relationships_for orders the latest first


# Shared helpers ---------------------------------------------------------------


def _date(value: str | None, *, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(MSG_DATE.format(value=value), field="--on") from exc


# tribe prep -------------------------------------------------------------------


def _next_meeting(person: Person, other: Other, *, now: dt.datetime) -> Meeting:
    from tribe.meetings.prep import next_upcoming_meeting
    from tribe.relationships.models import Relationship

    closed = (Relationship.Status.ENDED, Relationship.Status.DECLINED)
    upcoming = []
    for relationship in other.relationships:
        if relationship.status in closed:
            continue
        meeting = next_upcoming_meeting(relationship=relationship, after=now)
        if meeting is not None:
            meeting.relationship = relationship  # already loaded with both sides
            upcoming.append(meeting)
    if not upcoming:
        raise NotFound(MSG_NO_MEETING.format(name=other.name), field="WITH")
    return min(upcoming, key=lambda m: (m.starts_at, m.pk))


def _chosen_meeting(person: Person, other: Other, meeting_id: str) -> Meeting:
    from tribe.meetings.selectors import meeting_get_for

    try:
        meeting = meeting_get_for(person=person, meeting_id=meeting_id)
    except NotFound as exc:
        raise NotFound(exc.message, field="--meeting") from exc
    if meeting.relationship_id not in {r.pk for r in other.relationships}:
        raise NotFound(MSG_NOT_WITH.format(name=other.name), field="--meeting")
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
        "questions": [{"id": q.pk, "text": q.text} for q in agenda.questions],
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
            {"id": w.pk, "text": w.text, "happened_on": w.happened_on.isoformat()}
            for w in agenda.wins
        ],
        "goals": [{"id": g.pk, "title": g.title, "status": g.status} for g in agenda.goals],
        "report_back": [
            {"id": a.pk, "text": a.text, "decision": a.decision, "outcome": a.outcome}
            for a in agenda.report_back
        ],
        "edited": bool(agenda.edited),
        "markdown": agenda.markdown(zone_name=person.timezone),
    }


def cmd_prep(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.meetings.prep import agenda_for

    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    now = clock.now()
    if args.meeting is not None:
        meeting = _chosen_meeting(person, other, args.meeting)
    else:
        meeting = _next_meeting(person, other, now=now)
    agenda = agenda_for(person=person, meeting=meeting, now=now)
    if args.json:
        emit_json(agenda_dict(agenda, person=person, with_name=other.name))
    else:
        text = agenda.markdown(zone_name=person.timezone)
        print(text, end="" if text.endswith("\n") else "\n")  # an edited agenda is stripped
    return 0


# tribe log --------------------------------------------------------------------


def _report(args: argparse.Namespace, data: dict[str, Any], line: str) -> int:
    if args.json:
        emit_json(data)
    else:
        print(line)
    return 0


def cmd_log_contact(args: argparse.Namespace) -> int:
    from tribe.relationships.services import touchpoint_log

    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    today = person_today(person)
    on = _date(args.on, default=today)
    relationship = _relationship_for_log(other)
    with options_named(OPTION_OF):
        touch = touchpoint_log(
            actor=person,
            relationship=relationship,
            kind=args.kind,
            happened_on=on,
            note=args.note,
            today=today,
        )
    data = {
        "id": touch.pk,
        "relationship_id": relationship.pk,
        "with": other.name,
        "kind": touch.kind,
        "happened_on": touch.happened_on.isoformat(),
        "note": touch.note,
    }
    return _report(
        args, data, f"Logged {CONTACT_PHRASE[touch.kind]} with {other.name} on {on:%d %b %Y}."
    )


def cmd_log_advice(args: argparse.Namespace) -> int:
    from django.db import transaction

    from tribe.relationships.services import advice_decide, advice_record

    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    today = person_today(person)
    on = _date(args.on, default=today)
    if args.reason and not args.decision:
        raise ValidationError(MSG_REASON_ALONE, field="--reason")
    relationship = _relationship_for_log(other)
    # Advice and its decision are one record to the person: both or neither.
    with options_named(OPTION_OF), transaction.atomic():
        advice = advice_record(
            actor=person,
            relationship=relationship,
            text=args.text,
            given_on=on,
            today=today,
            report_back=args.report_back,
        )
        if args.decision:
            advice = advice_decide(
                actor=person, advice=advice, decision=args.decision, reason=args.reason
            )
    data = {
        "id": advice.pk,
        "relationship_id": relationship.pk,
        "with": other.name,
        "text": advice.text,
        "given_on": advice.given_on.isoformat(),
        "decision": advice.decision,
        "reason": advice.reason,
        "report_back": advice.report_back,
    }
    decided = f" (decided: {advice.get_decision_display().lower()})" if args.decision else ""
    return _report(args, data, f"Logged advice from {other.name} on {on:%d %b %Y}{decided}.")


def cmd_log_thanks(args: argparse.Namespace) -> int:
    from tribe.relationships.selectors import advice_get_for
    from tribe.relationships.services import gratitude_record

    person = resolve_person(args.as_email)
    other = resolve_other(person, args.with_)
    today = person_today(person)
    on = _date(args.on, default=today)
    advice = None
    if args.advice is not None:
        try:
            advice = advice_get_for(person=person, advice_id=args.advice)
        except NotFound as exc:
            raise NotFound(exc.message, field="--advice") from exc
    # Thanks for a piece of advice belongs to the relationship it came from.
    relationship = advice.relationship if advice is not None else _relationship_for_log(other)
    if relationship.pk not in {r.pk for r in other.relationships}:
        raise ValidationError(f"is advice from someone other than {other.name}", field="--advice")
    with options_named(OPTION_OF):
        thanks = gratitude_record(
            actor=person,
            relationship=relationship,
            kind=args.kind,
            given_on=on,
            description=args.description,
            today=today,
            advice=advice,
        )
    data = {
        "id": thanks.pk,
        "relationship_id": relationship.pk,
        "with": other.name,
        "kind": thanks.kind,
        "given_on": thanks.given_on.isoformat(),
        "description": thanks.description,
        "advice_id": thanks.advice_id,
    }
    return _report(
        args,
        data,
        f"Logged {thanks.get_kind_display().lower()} for {other.name} on {on:%d %b %Y}.",
    )


def cmd_log_win(args: argparse.Namespace) -> int:
    from tribe.people.selectors import goal_get_for
    from tribe.people.services import win_record

    person = resolve_person(args.as_email)
    today = person_today(person)
    on = _date(args.on, default=today)
    goal = None
    if args.goal is not None:
        try:
            goal = goal_get_for(person=person, goal_id=args.goal)
        except NotFound as exc:
            raise NotFound(exc.message, field="--goal") from exc
    with options_named(OPTION_OF):
        win = win_record(person=person, text=args.text, happened_on=on, today=today, goal=goal)
    data = {
        "id": win.pk,
        "text": win.text,
        "happened_on": win.happened_on.isoformat(),
        "goal_id": win.goal_id,
    }
    return _report(args, data, f"Logged a win on {on:%d %b %Y}: {win.text}")

"""A coaching relationship from the command line: ``tribe regimen``, ``tribe practice``,
``tribe fees``.

``regimen add|list|edit|retire`` the exercises of the coaching relationship
with WITH (a part of their name, or their e-mail), ``practice log|list|delete``
the practice log (the mentee logs and deletes what they logged, both read),
``fees set|show`` what the two
agreed about paying for sessions (a record: Tribe charges nothing). The same
services and selectors as the pages; relationships and exercises are looked
up among the asking person's own only, so an id that is not theirs is "not
found" whether or not it exists.

Wiring (``tribe.cli.build_parser``): ``coaching.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.output import (
    add_command,
    add_with_argument,
    listing,
    not_found_as,
    option_date,
    options_named,
    person_today,
    report,
)

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.coaching.models import Exercise, PracticeEntry, SessionTerms
    from tribe.coaching.selectors import RegimenRow
    from tribe.people.models import Person
    from tribe.relationships.models import Relationship

PAYERS = ("mentee", "employer", "programme", "other")

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "query": "WITH",
    "relationship": "WITH",
    "title": "--title",
    "instructions": "--instructions",
    "every_days": "--every",
    "started_on": "--from",
    "practised_on": "--on",
    "minutes": "--minutes",
    "note": "--note",
    "amount": "--amount",
    "currency": "--currency",
    "payer": "--payer",
}


def add_parsers(sub: SubParsers) -> None:
    _regimen_parsers(sub)
    _practice_parsers(sub)
    _fees_parsers(sub)


def _exercise_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--title", required=required, metavar="TEXT", help=_("the exercise"))
    parser.add_argument(
        "--every",
        type=int,
        required=required,
        metavar="DAYS",
        help=_("practised every DAYS days (1: daily, 7: weekly)"),
    )
    parser.add_argument("--instructions", metavar="TEXT", help=_("how to practise it"))
    parser.add_argument(
        "--from",
        dest="from_",
        metavar="YYYY-MM-DD",
        help=_("the first day it is due (default: today)"),
    )


def _regimen_parsers(sub: SubParsers) -> None:
    regimen = sub.add_parser(
        "regimen",
        help=_("the exercises of a coaching relationship"),
        description=_(
            "The regimen of a coaching relationship: exercises with a schedule, practised "
            "between sessions. Either side adds, edits and retires them."
        ),
    )
    what = regimen.add_subparsers(dest="what", metavar="WHAT", required=True)
    add = add_command(
        what,
        "add",
        handler=cmd_regimen_add,
        help=_("add an exercise"),
        description=_("Add an exercise to the regimen of your coaching relationship with WITH."),
    )
    add_with_argument(add)
    _exercise_options(add, required=True)
    show = add_command(
        what,
        "list",
        handler=cmd_regimen_list,
        help=_("the exercises, with what is due"),
        description=_(
            "The regimen with WITH: each exercise with when it is next due, whether it is "
            "overdue, and how often it was practised in the last 30 days."
        ),
    )
    add_with_argument(show)
    edit = add_command(
        what,
        "edit",
        handler=cmd_regimen_edit,
        help=_("change an exercise"),
        description=_("Change exercise ID: only the options given change; its log stays."),
    )
    edit.add_argument("id", metavar="ID")
    _exercise_options(edit, required=False)
    retire = add_command(
        what,
        "retire",
        handler=cmd_regimen_retire,
        help=_("retire an exercise"),
        description=_("Retire exercise ID from today: its log stays, it is no longer due."),
    )
    retire.add_argument("id", metavar="ID")


def _practice_parsers(sub: SubParsers) -> None:
    practice = sub.add_parser(
        "practice",
        help=_("the practice log of a coaching relationship"),
        description=_(
            "The practice log: the mentee logs each practice of an exercise; the coach reads it."
        ),
    )
    what = practice.add_subparsers(dest="what", metavar="WHAT", required=True)
    log = add_command(
        what,
        "log",
        handler=cmd_practice_log,
        help=_("log a practice"),
        description=_("Log a practice of exercise ID (your coach reads the log, the note too)."),
    )
    log.add_argument("id", metavar="ID", help=_("the exercise"))
    log.add_argument("--minutes", type=int, required=True, metavar="N", help=_("how long"))
    log.add_argument("--on", metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    log.add_argument("--note", default="", metavar="TEXT", help=_("a short note"))
    show = add_command(
        what,
        "list",
        handler=cmd_practice_list,
        help=_("the practice log, newest first"),
        description=_("The practice log of your coaching relationship with WITH, newest first."),
    )
    add_with_argument(show)
    delete = add_command(
        what,
        "delete",
        handler=cmd_practice_delete,
        help=_("delete a practice you logged"),
        description=_(
            "Delete practice ID from the log (one logged twice, or by mistake): only a "
            "practice you logged yourself. The list shows each practice's ID."
        ),
    )
    delete.add_argument("id", metavar="ID", help=_("the practice"))


def _fees_parsers(sub: SubParsers) -> None:
    fees = sub.add_parser(
        "fees",
        help=_("what you agreed about paying for coaching sessions"),
        description=_(
            "What the two of you agreed about paying for sessions: free, or an amount per "
            "session and who pays. A record only: Tribe takes no payment."
        ),
    )
    what = fees.add_subparsers(dest="what", metavar="WHAT", required=True)
    put = add_command(
        what,
        "set",
        handler=cmd_fees_set,
        help=_("record the terms"),
        description=_(
            "Record the terms of sessions with WITH: --free, or --amount, --currency and --payer."
        ),
    )
    add_with_argument(put)
    put.add_argument("--free", action="store_true", help=_("sessions are free"))
    put.add_argument("--amount", metavar="AMOUNT", help=_("per session, for example 79.50"))
    put.add_argument("--currency", default="", metavar="CODE", help=_("ISO 4217, for example EUR"))
    put.add_argument("--payer", default="", choices=PAYERS, help=_("who pays"))
    put.add_argument("--note", default="", metavar="TEXT", help=_("a short note"))
    show = add_command(
        what,
        "show",
        handler=cmd_fees_show,
        help=_("the terms recorded"),
        description=_("What is recorded about paying for sessions with WITH."),
    )
    add_with_argument(show)


# Looking things up ------------------------------------------------------------------


def _coaching_with(person: Person, query: str) -> Relationship:
    """The coaching relationship with the one person WITH names (an open one first)."""
    from tribe.cli.keep import resolve_other
    from tribe.coaching.errors import CoachingCode
    from tribe.core.errors import Conflict
    from tribe.core.kinds import RelationshipKind
    from tribe.core.labels import in_sentence
    from tribe.relationships.counterparts import Counterpart

    other = resolve_other(person, query)
    coaching = [r for r in other.relationships if r.kind == RelationshipKind.COACH]
    if not coaching:
        current = other.current_relationship()
        raise Conflict(CoachingCode.NOT_COACHING, field="WITH", kind=in_sentence(current, "kind"))
    return Counterpart(
        other.name, other.email, relationships=tuple(coaching)
    ).current_relationship()


def _exercise(person: Person, exercise_id: str) -> Exercise:
    from tribe.coaching.selectors import exercise_get_for

    with not_found_as("ID"):
        return exercise_get_for(person=person, exercise_id=exercise_id)


def _day(value: Any) -> str:
    return date_format(value, "PADDED_DATE_FORMAT") if value is not None else "—"


# What the commands print ------------------------------------------------------------


def exercise_dict(exercise: Exercise, row: RegimenRow | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise.pk,
        "relationship_id": exercise.relationship_id,
        "title": exercise.title,
        "instructions": exercise.instructions,
        "every_days": exercise.every_days,
        "started_on": exercise.started_on.isoformat(),
        "retired_on": exercise.retired_on.isoformat() if exercise.retired_on else None,
    }
    if row is not None:
        schedule = row.schedule
        data |= {
            "last_practised_on": (
                schedule.last_practised_on.isoformat() if schedule.last_practised_on else None
            ),
            "next_due_on": schedule.next_due_on.isoformat() if schedule.next_due_on else None,
            "due": schedule.due,
            "overdue": schedule.overdue,
            "practised_last_30_days": row.recent,
        }
    return data


def practice_dict(entry: PracticeEntry, *, person: Person) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "exercise_id": entry.exercise_id,
        "exercise": entry.exercise.title,
        "practised_on": entry.practised_on.isoformat(),
        "minutes": entry.minutes,
        "note": entry.note,
        "logged_by_me": entry.logged_by_id == person.pk,
    }


def terms_dict(terms: SessionTerms | None) -> dict[str, Any]:
    if terms is None:
        return {"recorded": False}
    return {
        "recorded": True,
        "paid": terms.paid,
        "amount": str(terms.amount) if terms.amount is not None else None,
        "currency": terms.currency,
        "payer": terms.payer,
        "note": terms.note,
        "updated_at": terms.updated_at.isoformat(),
    }


def _terms_line(terms: SessionTerms | None, name: str) -> str:
    from tribe.core.labels import in_sentence

    if terms is None:
        return _("Nothing recorded about paying for sessions with {name}.").format(name=name)
    if terms.paid:
        line = _("Sessions with {name}: {amount} {currency} each, paid by {payer}.").format(
            name=name,
            amount=f"{terms.amount:.{terms.decimals}f}",
            currency=terms.currency,
            payer=in_sentence(terms, "payer"),
        )
    else:
        line = _("Sessions with {name} are free.").format(name=name)
    return f"{line}\n  {terms.note}" if terms.note else line


def _status(row: RegimenRow) -> str:
    schedule = row.schedule
    if not row.active:
        return _("retired {date}").format(date=_day(row.exercise.retired_on))
    if schedule.overdue:
        return _("overdue since {date}").format(date=_day(schedule.next_due_on))
    if schedule.due:
        return _("due today")
    return _("next due {date}").format(date=_day(schedule.next_due_on))


# tribe regimen --------------------------------------------------------------------


def cmd_regimen_add(args: argparse.Namespace) -> int:
    from tribe.coaching.services import exercise_add

    person = resolve_person(args.as_email)
    today = person_today(person)
    with options_named(OPTION_OF):
        relationship = _coaching_with(person, args.with_)
        exercise = exercise_add(
            actor=person,
            relationship=relationship,
            title=args.title,
            instructions=args.instructions or "",
            every_days=args.every,
            started_on=option_date(args.from_, default=today),
            today=today,
        )
    line = _("Added exercise #{id}: {title}.").format(id=exercise.pk, title=exercise.title)
    return report(args, exercise_dict(exercise), line)


def cmd_regimen_list(args: argparse.Namespace) -> int:
    from tribe.coaching.selectors import regimen_of

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        relationship = _coaching_with(person, args.with_)
    rows = regimen_of(person=person, relationship=relationship, today=person_today(person))
    lines = [
        f"#{row.exercise.pk}  {row.exercise.title}  ({_status(row)}; "
        + _("{count} in 30 days").format(count=row.recent)
        + ")"
        for row in rows
    ]
    return listing(
        args,
        [exercise_dict(row.exercise, row) for row in rows],
        heading=_("The regimen with {name}:").format(name=relationship.other_name(person)),
        lines=lines,
        empty=_("No exercises yet. Add one: tribe regimen add WITH --title TEXT --every DAYS"),
    )


def cmd_regimen_edit(args: argparse.Namespace) -> int:
    from tribe.coaching.services import exercise_update

    person = resolve_person(args.as_email)
    exercise = _exercise(person, args.id)
    with options_named(OPTION_OF):
        exercise = exercise_update(
            actor=person,
            exercise=exercise,
            title=exercise.title if args.title is None else args.title,
            instructions=exercise.instructions if args.instructions is None else args.instructions,
            every_days=exercise.every_days if args.every is None else args.every,
            started_on=option_date(args.from_, default=exercise.started_on),
            today=person_today(person),
        )
    line = _("Saved exercise #{id}: {title}.").format(id=exercise.pk, title=exercise.title)
    return report(args, exercise_dict(exercise), line)


def cmd_regimen_retire(args: argparse.Namespace) -> int:
    from tribe.coaching.services import exercise_retire

    person = resolve_person(args.as_email)
    exercise = _exercise(person, args.id)
    exercise = exercise_retire(actor=person, exercise=exercise, today=person_today(person))
    line = _("Retired exercise #{id}: its log stays, it is no longer due.").format(id=exercise.pk)
    return report(args, exercise_dict(exercise), line)


# tribe practice -------------------------------------------------------------------


def cmd_practice_log(args: argparse.Namespace) -> int:
    from tribe.coaching.services import practice_log

    person = resolve_person(args.as_email)
    exercise = _exercise(person, args.id)
    today = person_today(person)
    with options_named(OPTION_OF):
        entry = practice_log(
            actor=person,
            exercise=exercise,
            practised_on=option_date(args.on, default=today),
            minutes=args.minutes,
            note=args.note,
            today=today,
        )
    line = _("Logged {minutes} minutes of “{title}” on {date}.").format(
        minutes=entry.minutes, title=exercise.title, date=_day(entry.practised_on)
    )
    return report(args, practice_dict(entry, person=person), line)


def cmd_practice_list(args: argparse.Namespace) -> int:
    from tribe.coaching.selectors import practice_log_of

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        relationship = _coaching_with(person, args.with_)
    entries = list(practice_log_of(person=person, relationship=relationship))
    lines = [
        f"#{e.pk}  {_day(e.practised_on)}  {e.exercise.title}  "
        + _("{minutes} min").format(minutes=e.minutes)
        + (f"  {e.note}" if e.note else "")
        for e in entries
    ]
    return listing(
        args,
        [practice_dict(e, person=person) for e in entries],
        heading=_("The practice log with {name}:").format(name=relationship.other_name(person)),
        lines=lines,
        empty=_("No practice logged yet."),
    )


def cmd_practice_delete(args: argparse.Namespace) -> int:
    from tribe.coaching.selectors import practice_get_for_logger
    from tribe.coaching.services import practice_delete

    person = resolve_person(args.as_email)
    with not_found_as("ID"):
        entry = practice_get_for_logger(person=person, practice_id=args.id)
    data = practice_dict(entry, person=person)
    practice_delete(actor=person, entry=entry)
    line = _("Deleted the practice of “{title}” on {date} ({minutes} minutes).").format(
        title=entry.exercise.title, date=_day(entry.practised_on), minutes=entry.minutes
    )
    return report(args, data, line)


# tribe fees -------------------------------------------------------------------------


def cmd_fees_set(args: argparse.Namespace) -> int:
    from tribe.coaching.services import terms_set

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        relationship = _coaching_with(person, args.with_)
        terms = terms_set(
            actor=person,
            relationship=relationship,
            paid=not args.free,
            amount=args.amount,
            currency=args.currency,
            payer=args.payer,
            note=args.note,
        )
    return report(args, terms_dict(terms), _terms_line(terms, relationship.other_name(person)))


def cmd_fees_show(args: argparse.Namespace) -> int:
    from tribe.coaching.selectors import terms_of

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        relationship = _coaching_with(person, args.with_)
    terms = terms_of(person=person, relationship=relationship)
    return report(args, terms_dict(terms), _terms_line(terms, relationship.other_name(person)))

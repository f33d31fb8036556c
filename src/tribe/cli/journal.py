"""The learning journal from the command line: ``tribe journal``.

``write`` a reflection (what I learned, what I will try, what surprised me),
``list`` entries (newest first, ``--limit`` at a time from ``--offset``) and
``show`` one, ``share`` one with the other person of its relationship
(``--off`` to make it private again), ``check-in`` ("am I learning?") and
``cadence``. The same services and selectors as the journal's
pages; ids are looked up among the asking person's own things only, so an id
that is not theirs is "not found" whether or not it exists. ``show`` also
reads an entry someone shared with them.

Wiring (``tribe.cli.build_parser``): ``from tribe.cli import journal`` and
``journal.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
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
    from tribe.cli.output import SubParsers
    from tribe.journal.models import JournalEntry
    from tribe.journal.selectors import CheckIn
    from tribe.people.models import Person

CADENCES = ("weekly", "fortnightly", "monthly", "off")
#: Entries ``list`` shows when ``--limit`` is not given (the API's page size).
LIST_LIMIT = 50
#: Past any real journal; larger values are cut to it so the database never sees a
#: number it cannot hold (the answer is the same: nothing there).
MAX_ROWS = 1_000_000_000

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "query": "--with",
    "WITH": "--with",  # as ``tribe.cli.keep.resolve_other`` names it
    "written_on": "--on",
    "learned": "--learned",
    "will_try": "--will-try",
    "surprised": "--surprised",
    "relationship": "--with",
    "meeting": "--meeting",
    "goals": "--goal",
    "advice": "--advice",
    "shared": "--share",
    "cadence": "CADENCE",
}


def add_parsers(sub: SubParsers) -> None:
    journal = sub.add_parser(
        "journal",
        help=_("your learning journal: write, list, share, and the check-in"),
        description=_(
            "Short reflections after meetings and at your own pace: what you learned, what "
            "you will try, what surprised you. Private unless you share an entry."
        ),
    )
    what = journal.add_subparsers(dest="what", metavar="WHAT", required=True)

    write = add_command(
        what,
        "write",
        handler=cmd_journal_write,
        help=_("write an entry"),
        description=_(
            "Write an entry: at least one of --learned, --will-try and --surprised. "
            "It is private unless you add --share."
        ),
    )
    write.add_argument("--learned", default="", metavar="TEXT", help=_("what you learned"))
    write.add_argument("--will-try", default="", metavar="TEXT", help=_("what you will try"))
    write.add_argument("--surprised", default="", metavar="TEXT", help=_("what surprised you"))
    write.add_argument(
        "--with",
        dest="with_",
        metavar="WITH",
        help=_("the relationship it is about: a part of their name, or their e-mail"),
    )
    write.add_argument("--meeting", metavar="ID", help=_("the meeting it is about"))
    write.add_argument(
        "--goal", action="append", default=[], metavar="ID", help=_("a goal (repeat for more)")
    )
    write.add_argument(
        "--advice",
        action="append",
        default=[],
        metavar="ID",
        help=_("advice you recorded (repeat for more)"),
    )
    write.add_argument("--on", metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    write.add_argument(
        "--share",
        action="store_true",
        help=_("let the other person of the relationship read it (nobody else)"),
    )

    listed = add_command(
        what,
        "list",
        handler=cmd_journal_list,
        help=_("your entries, newest first"),
        description=_("List your journal entries, newest first."),
    )
    listed.add_argument(
        "--limit",
        metavar="N",
        default=str(LIST_LIMIT),
        help=_("show at most N entries (default {count})").format(count=LIST_LIMIT),
    )
    listed.add_argument(
        "--offset",
        metavar="N",
        default="0",
        help=_("skip the N newest entries first (default 0)"),
    )
    show = add_command(
        what,
        "show",
        handler=cmd_journal_show,
        help=_("one entry"),
        description=_("Show entry ID: one of yours, or one shared with you."),
    )
    show.add_argument("id", metavar="ID")
    share = add_command(
        what,
        "share",
        handler=cmd_journal_share,
        help=_("share an entry with the other person of its relationship"),
        description=_(
            "Let the other person of entry ID's relationship read it, and nobody else; "
            "--off makes it private again."
        ),
    )
    share.add_argument("id", metavar="ID")
    share.add_argument("--off", action="store_true", help=_("make it private again"))
    add_command(
        what,
        "check-in",
        handler=cmd_journal_checkin,
        help=_("am I learning?"),
        description=_(
            "Look back over the last two periods of your cadence: what you learned, the "
            "advice you tried, the goals that moved; and what to do when learning has stalled."
        ),
    )
    cadence = add_command(
        what,
        "cadence",
        handler=cmd_journal_cadence,
        help=_("how often to be asked for a reflection"),
        description=_("Set how often Tribe asks you for a reflection (off: only after meetings)."),
    )
    cadence.add_argument("cadence", metavar="CADENCE", choices=CADENCES)


def entry_dict(entry: JournalEntry, *, person: Person) -> dict[str, Any]:
    """An entry as ``--json`` prints it; another's shows only what they shared."""
    data: dict[str, Any] = {
        "id": entry.pk,
        "author": entry.author.name,
        "written_on": entry.written_on.isoformat(),
        "learned": entry.learned,
        "will_try": entry.will_try,
        "surprised": entry.surprised,
        "relationship_id": entry.relationship_id,
        "meeting_id": entry.meeting_id,
        "shared": entry.shared,
    }
    if entry.author_id == person.pk:  # goals and advice are the author's own
        data["with"] = entry.relationship.other_name(person) if entry.relationship else None
        data["goal_ids"] = [g.pk for g in entry.goals.all()]
        data["advice_ids"] = [a.pk for a in entry.advice.all()]
    return data


def _lines(entry: JournalEntry) -> list[str]:
    labels = (
        (_("Learned"), entry.learned),
        (_("Will try"), entry.will_try),
        (_("Surprised"), entry.surprised),
    )
    return [f"  {label}: {text}" for label, text in labels if text]


def _heading(entry: JournalEntry, *, person: Person) -> str:
    day = date_format(entry.written_on, "PADDED_DATE_FORMAT")
    if entry.author_id != person.pk:
        where = _("shared by {name}").format(name=entry.author.name)
    elif entry.shared and entry.relationship is not None:
        where = _("shared with {name}").format(name=entry.relationship.other_name(person))
    else:
        where = _("private")
    return f"#{entry.pk}  {day}  ({where})"


def cmd_journal_write(args: argparse.Namespace) -> int:
    from tribe.journal.services import entry_create
    from tribe.ledger.selectors import advice_get_for
    from tribe.meetings.selectors import meeting_get_for
    from tribe.people.selectors import goal_get_for

    person = resolve_person(args.as_email)
    today = person_today(person)
    relationship = None
    if args.with_:
        from tribe.cli.keep import resolve_other

        with options_named(OPTION_OF):
            relationship = resolve_other(person, args.with_).current_relationship()
    meeting = None
    if args.meeting is not None:
        with not_found_as("--meeting"):
            meeting = meeting_get_for(person=person, meeting_id=args.meeting)
    with not_found_as("--goal"):
        goals = [goal_get_for(person=person, goal_id=g) for g in args.goal]
    with not_found_as("--advice"):
        advice = [advice_get_for(person=person, advice_id=a) for a in args.advice]
    with options_named(OPTION_OF):
        entry = entry_create(
            author=person,
            written_on=option_date(args.on, default=today),
            today=today,
            learned=args.learned,
            will_try=args.will_try,
            surprised=args.surprised,
            relationship=relationship,
            meeting=meeting,
            goals=goals,
            advice=advice,
            shared=args.share,
        )
    if entry.shared and entry.relationship is not None:
        line = _("Wrote entry #{id}, shared with {name}.").format(
            id=entry.pk, name=entry.relationship.other_name(person)
        )
    else:
        line = _("Wrote entry #{id}; it is private.").format(id=entry.pk)
    return report(args, entry_dict(entry, person=person), line)


def _count(value: str, *, option: str, least: int) -> int:
    """A whole number of at least ``least`` given to ``option``."""
    from tribe.cli.errors import CliCode
    from tribe.core.errors import ValidationError

    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < least:
        if option == "--limit":
            raise ValidationError(CliCode.LIMIT, field=option)
        raise ValidationError(CliCode.NOT_A_NUMBER, field=option, value=value[:40])
    return min(number, MAX_ROWS)


def cmd_journal_list(args: argparse.Namespace) -> int:
    from tribe.journal.selectors import entries_for

    limit = _count(args.limit, option="--limit", least=1)
    offset = _count(args.offset, option="--offset", least=0)
    person = resolve_person(args.as_email)
    # One row past the page says whether there are more, without counting them all.
    rows = list(entries_for(author=person)[offset : offset + limit + 1])
    entries, more = rows[:limit], len(rows) > limit
    lines: list[str] = []
    for entry in entries:
        lines.append(_heading(entry, person=person))
        lines.extend(_lines(entry))
    if more:
        lines.append(
            _("More entries: tribe journal list --limit {limit} --offset {offset}").format(
                limit=limit, offset=offset + limit
            )
        )
    return listing(
        args,
        [entry_dict(e, person=person) for e in entries],
        heading=_("The learning journal of {name}:").format(name=person.name),
        lines=lines,
        empty=(
            _("No entries past the first {count}.").format(count=offset)
            if offset
            else _("No entries yet. Write one: tribe journal write --learned TEXT")
        ),
    )


def cmd_journal_show(args: argparse.Namespace) -> int:
    from tribe.journal.selectors import entry_get_for

    person = resolve_person(args.as_email)
    with not_found_as("ID"):
        entry = entry_get_for(person=person, entry_id=args.id)
    text = "\n".join([_heading(entry, person=person), *_lines(entry)])
    return report(args, entry_dict(entry, person=person), text)


def cmd_journal_share(args: argparse.Namespace) -> int:
    from tribe.journal.selectors import entry_get_for_author
    from tribe.journal.services import entry_share, entry_unshare

    person = resolve_person(args.as_email)
    with not_found_as("ID"):
        entry = entry_get_for_author(person=person, entry_id=args.id)
    with options_named(OPTION_OF):
        if args.off:
            entry = entry_unshare(actor=person, entry=entry)
        else:
            entry = entry_share(actor=person, entry=entry)
    if entry.shared and entry.relationship is not None:
        line = _("Entry #{id} is shared: {name} can read it too, and nobody else.").format(
            id=entry.pk, name=entry.relationship.other_name(person)
        )
    else:
        line = _("Entry #{id} is private: only you can read it.").format(id=entry.pk)
    return report(args, entry_dict(entry, person=person), line)


def checkin_lines(result: CheckIn) -> list[str]:
    lines = [f"  {fact}" for fact in result.facts]
    if result.learned:
        lines.append(_("What you learned:"))
        lines.extend(f"  - {text}" for text in result.learned)
    if result.suggestions:
        lines.append(_("What to do about it:"))
        lines.extend(f"  - {s.text}" for s in result.suggestions)
    return lines


def cmd_journal_checkin(args: argparse.Namespace) -> int:
    from tribe.journal.selectors import checkin

    person = resolve_person(args.as_email)
    result = checkin(person=person, today=person_today(person))
    if args.json:
        return report(args, result.as_dict(), "")
    print(result.summary)
    for line in checkin_lines(result):
        print(line)
    return 0


def cmd_journal_cadence(args: argparse.Namespace) -> int:
    from tribe.journal.services import cadence_set

    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        row = cadence_set(person=person, cadence=args.cadence)
    line = _("Journal cadence: {cadence}.").format(cadence=row.get_cadence_display())
    return report(args, {"cadence": row.cadence}, line)

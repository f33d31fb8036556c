"""``tribe programme import``, ``invite`` and ``people`` (wired by ``tribe.cli.programmes``).

``import SLUG FILE --as EMAIL [--dry-run] [--map COLUMN=FIELD …] [--deactivate-missing]``
reads an HR export into the programme's roster (the same
``programs.roster_import.roster_import`` as the page) and prints the counts,
or every problem by line and column with nothing written. ``invite SLUG
--as EMAIL (--email ADDR … | --roster) [--cohort NAME]`` mails invitations
and prints their links (shown once: only their hashes are kept). ``people
SLUG --as EMAIL [--json]`` lists the participants and counts the roster. A
programme the person does not administer is "not found", like one that does
not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.output import (
    add_command,
    columns,
    emit_json,
    fail,
    not_found_as,
    options_named,
)

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_commands(what: SubParsers) -> None:
    """Add this part's commands to ``tribe programme``."""
    imp = add_command(
        what,
        "import",
        handler=cmd_programme_import,
        help=_("import an HR export (CSV) into a programme's roster"),
        description=_(
            "Read the organisation's HR export into the programme's roster: every row or "
            "none. Columns are recognised by their usual names; --map sets one. People "
            "who left are deactivated, never deleted."
        ),
    )
    imp.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    imp.add_argument("file", metavar="FILE", help=_("the CSV file"))
    imp.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, and write nothing")
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_(
            "read COLUMN as FIELD (employee_id, email, given_name, family_name, manager_id, "
            "manager_email, department, title, location, hire_date, status), or as "
            "nothing with COLUMN="
        ),
    )
    imp.add_argument(
        "--deactivate-missing",
        action="store_true",
        help=_("people in the roster but not in the file have left"),
    )
    invite = add_command(
        what,
        "invite",
        handler=cmd_programme_invite,
        help=_("invite people to a programme by e-mail, and print their links"),
        description=_(
            "Mail single-use invitations (valid 14 days, each for its address only) and "
            "print the links, so you can pass one on yourself."
        ),
    )
    invite.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    who = invite.add_mutually_exclusive_group(required=True)
    who.add_argument("--email", action="append", metavar="ADDRESS", help=_("an address to invite"))
    who.add_argument(
        "--roster",
        action="store_true",
        help=_("everyone active in the roster who is not enrolled or invited yet"),
    )
    invite.add_argument("--cohort", metavar="NAME", help=_("the cohort they join, by name"))
    people = add_command(
        what,
        "people",
        handler=cmd_programme_people,
        help=_("list a programme's participants, and count its roster"),
        description=_(
            "Participants with their role, state, cohort, capacity and the day they "
            "joined; never what they wrote."
        ),
    )
    people.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))


def _programme(args: argparse.Namespace) -> tuple[Any, Any]:
    from tribe.programs.selectors import programme_get_for_admin

    person = resolve_person(args.as_email)
    with not_found_as("PROGRAMME"):
        programme = programme_get_for_admin(person=person, programme_id=args.slug)
    return person, programme


def _mapping(pairs: list[str]) -> dict[str, str]:
    from tribe.core.errors import ValidationError
    from tribe.programs.errors import ProgrammeCode

    mapping: dict[str, str] = {}
    for pair in pairs:
        column, equals, name = pair.partition("=")
        if not equals or not column.strip():
            raise ValidationError(ProgrammeCode.ROSTER_BAD_MAP, field="--map", value=pair)
        mapping[column.strip()] = name.strip()
    return mapping


def cmd_programme_import(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.core.errors import ImportRejected
    from tribe.programs.roster_import import MAX_BYTES, roster_import

    person, programme = _programme(args)
    path = Path(args.file)
    try:
        # One byte past the limit at most, so the service can say the file is too
        # big without the command first holding a file of any size (or /dev/zero).
        with path.open("rb") as source:
            data = source.read(MAX_BYTES + 1)
    except OSError as exc:
        return fail("programme import", exc)
    try:
        preview = roster_import(
            actor=person,
            programme=programme,
            data=data,
            mapping=_mapping(args.map),
            deactivate_missing=args.deactivate_missing,
            dry_run=args.dry_run,
            source=path.name,
            now=clock.now(),
        )
    except ImportRejected as exc:
        if args.json:
            emit_json(
                {
                    "error": exc.code,
                    "problems": [
                        {"line": p.line, "column": p.field, "message": p.message}
                        for p in exc.problems
                    ],
                }
            )
        print(
            _("tribe programme import: {file} cannot be imported; nothing was changed:").format(
                file=path.name
            ),
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return exc.exit_code
    counts = {
        "rows": preview.rows,
        "new": preview.new,
        "updated": preview.updated,
        "unchanged": preview.unchanged,
        "deactivated": preview.deactivated,
    }
    if args.json:
        emit_json({**counts, "applied": preview.applied, "mapping": preview.mapping})
        return 0
    line = ngettext(
        "{rows} row: {new} new, {updated} updated, {unchanged} unchanged, "
        "{deactivated} deactivated.",
        "{rows} rows: {new} new, {updated} updated, {unchanged} unchanged, "
        "{deactivated} deactivated.",
        preview.rows,
    ).format(**counts)
    print((_("Dry run, nothing written: ") if not preview.applied else _("Imported: ")) + line)
    not_imported = _("(not imported)")
    for column, name in preview.mapping.items():
        print(f"  {column} → {name or not_imported}")
    return 0


def cmd_programme_invite(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.core.errors import NotFound
    from tribe.programs.enrolment import invitation_create, invitation_create_for_roster
    from tribe.programs.errors import ProgrammeCode

    person, programme = _programme(args)
    cohort = None
    if args.cohort:
        cohort = programme.cohorts.filter(name=args.cohort).first()
        if cohort is None:
            raise NotFound(ProgrammeCode.NO_COHORT, field="--cohort")
    now = clock.now()
    with options_named({"email": "--email", "cohort": "--cohort"}):
        if args.roster:
            issued = invitation_create_for_roster(
                actor=person, programme=programme, cohort=cohort, now=now
            )
        else:
            issued = [
                invitation_create(
                    actor=person, programme=programme, email=email, cohort=cohort, now=now
                )
                for email in args.email
            ]
    rows = [{"email": i.invitation.email, "link": i.link} for i in issued]
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(_("Nobody to invite: everyone active in the roster is enrolled or invited."))
        return 0
    print(
        ngettext(
            "{count} invitation sent (valid 14 days, for its address):",
            "{count} invitations sent (valid 14 days, each for its address):",
            len(rows),
        ).format(count=len(rows))
    )
    for row in rows:
        print(f"  {row['email']}  {row['link']}")
    return 0


def cmd_programme_people(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.programs.selectors import participants_of, people_counts

    _person, programme = _programme(args)
    counts = people_counts(programme=programme, now=clock.now())
    participants = [
        {
            "participant": p.pk,
            "name": p.person.name,
            "email": p.person.email,
            "role": p.role,
            "status": p.status,
            "cohort": p.cohort.name if p.cohort else None,
            "capacity": p.capacity,
            "joined": p.joined_at.date().isoformat(),
        }
        for p in participants_of(programme=programme)
    ]
    data = {
        "counts": {
            "mentees": counts.mentees,
            "mentors": counts.mentors,
            "both": counts.both,
            "left": counts.left,
            "roster_active": counts.roster_active,
            "roster_inactive": counts.roster_inactive,
            "invitations_open": counts.invitations_open,
        },
        "participants": participants,
    }
    if args.json:
        emit_json(data)
        return 0
    parts = [
        ngettext("{n} mentee", "{n} mentees", counts.mentees).format(n=counts.mentees),
        ngettext("{n} mentor", "{n} mentors", counts.mentors).format(n=counts.mentors),
        _("{n} both").format(n=counts.both),
        _("{n} left").format(n=counts.left),
    ]
    print(
        _("{name}: {people}; roster {active} active, {inactive} gone; {invitations}").format(
            name=programme.name,
            people=", ".join(parts),
            active=counts.roster_active,
            inactive=counts.roster_inactive,
            invitations=ngettext(
                "{n} open invitation", "{n} open invitations", counts.invitations_open
            ).format(n=counts.invitations_open),
        )
    )
    header = [_("name"), _("e-mail"), _("role"), _("status"), _("cohort"), _("capacity")]
    header.append(_("joined"))
    table = [
        [
            str(p["name"]),
            str(p["email"]),
            str(p["role"]),
            str(p["status"]),
            str(p["cohort"] or "—"),
            str(p["capacity"]),
            str(p["joined"]),
        ]
        for p in participants
    ]
    if table:
        for line in columns(header, table, right={5}):
            print(line)
    return 0

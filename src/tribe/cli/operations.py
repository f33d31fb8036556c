"""Looking after an installation and an account: ``tribe backup FILE``,
``tribe restore FILE`` and ``tribe erase --as EMAIL``.

Wiring (``tribe.cli.build_parser``): ``operations.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.errors import CliCode
from tribe.cli.output import add_command, emit_json
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_parsers(sub: SubParsers) -> None:
    backup = sub.add_parser(
        "backup",
        help=_("copy the whole installation to one file"),
        description=_(
            "Copy every account and everything in it to FILE, while Tribe keeps running "
            "(SQLite's online backup, or pg_dump on PostgreSQL). The file is as private "
            "as the database: keep it so."
        ),
    )
    backup.add_argument("file", metavar="FILE", type=Path, help=_("where to write the backup"))
    backup.add_argument("--json", action="store_true", help=_("machine-readable output"))
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser(
        "restore",
        help=_("bring back an installation from a backup"),
        description=_(
            "Replace this installation's data with the backup in FILE. Meant for a new "
            "data directory or an empty database: refused when accounts exist, unless --force."
        ),
    )
    restore.add_argument("file", metavar="FILE", type=Path, help=_("the backup to restore"))
    restore.add_argument(
        "--force", action="store_true", help=_("replace the data of an installation in use")
    )
    restore.add_argument("--json", action="store_true", help=_("machine-readable output"))
    restore.set_defaults(handler=cmd_restore)

    erase = add_command(
        sub,
        "erase",
        handler=cmd_erase,
        help=_("delete an account and everything that is only theirs"),
        description=_(
            "Erase the account given with --as: its profile, goals, contacts, journal, "
            "and everything it wrote in relationships. The people on the other side keep "
            "the relationship and their own notes, with you as a former member. Asks for "
            "the address on a terminal; --yes skips the question. This cannot be undone: "
            "export first (tribe export)."
        ),
    )
    erase.add_argument("--yes", action="store_true", help=_("erase without asking"))


def cmd_backup(args: argparse.Namespace) -> int:
    from tribe.core.backup import backup, fingerprint

    size = backup(args.file)
    tables = fingerprint().tables
    if args.json:
        emit_json({"file": str(args.file), "bytes": size, "tables": len(tables)})
    else:
        print(
            _("Backed up {tables} tables ({size} bytes) to {file}.").format(
                tables=len(tables), size=size, file=args.file
            )
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from tribe.cli import ensure_migrated
    from tribe.core.backup import fingerprint, restore

    restore(args.file, force=args.force)
    ensure_migrated()  # a backup from an older Tribe is brought up to date
    found = fingerprint()
    accounts = found.tables.get("people_person", (0, ""))[0]
    if args.json:
        emit_json({"file": str(args.file), "rows": found.rows, "accounts": accounts})
    else:
        print(
            _("Restored {file}: {accounts} accounts, {rows} rows in all.").format(
                file=args.file, accounts=accounts, rows=found.rows
            )
        )
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.portability.erasure import account_erase

    person = resolve_person(args.as_email)
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(CliCode.ERASE_UNCONFIRMED, field="--yes")
        typed = input(
            _("Erase {email} and everything only it holds? Type the address to confirm: ").format(
                email=person.email
            )
        )
        if typed.strip().lower() != person.email.lower():
            print(_("Nothing was erased."))
            return 1
    email = person.email
    handed_over = account_erase(actor=person, now=clock.now())
    if args.json:
        emit_json({"erased": email, "relationships_handed_over": handed_over})
    else:
        print(
            _("Erased {email}. {count} relationships stay with the other person.").format(
                email=email, count=handed_over
            )
        )
    return 0

"""The everyday subcommands: serve, demo, today, import, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.errors import CliCode
from tribe.cli.output import add_command, emit_json, listing, not_found_as, say
from tribe.core.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.demo.services import DemoSummary
    from tribe.people.models import Person


def add_parsers(sub: SubParsers) -> None:
    serve = sub.add_parser(
        "serve", help=_("start the web app"), description=_("Start the web app.")
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)")
    )
    serve.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
    serve.add_argument(
        "--demo",
        action="store_true",
        help=_("load the demo first, unless it is loaded already (a restart keeps everything)"),
    )
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help=_("do not send mail or run background jobs here (a separate `tribe worker` does)"),
    )
    serve.add_argument("--threads", type=int, default=8, help=argparse.SUPPRESS)
    serve.set_defaults(handler=cmd_serve)

    demo = sub.add_parser(
        "demo",
        help=_("load the demo people, relationships and meetings"),
        description=_(
            "Load a realistic demo, or refresh it: only what the demo people have "
            "among themselves is replaced. Real accounts (any address, @tribe.example too) and "
            "everything they have with demo people are never touched. Refused when the "
            "installation has real accounts, unless --force."
        ),
    )
    demo.add_argument("--json", action="store_true", help=_("print the demo logins as JSON"))
    demo.add_argument(
        "--force",
        action="store_true",
        help=_("load even though there are real accounts (they and their data stay untouched)"),
    )
    demo.set_defaults(handler=cmd_demo)

    add_command(
        sub,
        "today",
        handler=cmd_today,
        help=_("what is due for a person"),
        description=_("What is due today."),
    )

    imp = sub.add_parser("import", help=_("import data"), description=_("Import data into Tribe."))
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    contacts = add_command(
        imp_sub,
        "contacts",
        handler=cmd_import_contacts,
        help=_("import contacts (LinkedIn Connections.csv, vCard, CSV)"),
        description=_(
            "Import contacts: all rows or none. Rows matching an existing contact "
            "(by e-mail, else by name) only fill in its empty fields."
        ),
        json_help=_("machine-readable report"),
    )
    contacts.add_argument("file", type=Path, metavar="FILE")
    contacts.add_argument(
        "--format", choices=["linkedin", "vcard", "csv"], help=_("default: detected")
    )
    contacts.add_argument(
        "--dry-run", action="store_true", help=_("report what would happen, change nothing")
    )

    export = add_command(
        sub,
        "export",
        handler=cmd_export,
        help=_("everything about one person, machine-readable"),
        description=_(
            "Export everything about one person (their own notes, and notes shared with them)."
        ),
        with_json=False,  # JSON is all it writes
    )
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("--out", type=Path, help=_("write to this file instead of stdout"))

    manage = sub.add_parser("manage", help=_("run a Django management command"), add_help=False)
    manage.set_defaults(handler=lambda args: 0, needs_db=False)


def resolve_person(email: str | None) -> Person:
    """The person named by --as, or the only account of a personal install."""
    from tribe.people.models import Person
    from tribe.people.selectors import person_get_by_email

    if email:
        with not_found_as("--as"):
            return person_get_by_email(email=email)
    accounts = list(Person.objects.filter(is_active=True).order_by("pk")[:2])
    if not accounts:
        raise NotFound(CliCode.NO_ACCOUNTS, field="--as")
    if len(accounts) > 1:
        count = Person.objects.filter(is_active=True).count()
        raise ValidationError(CliCode.WHO, field="--as", count=count)
    return accounts[0]


def cmd_serve(args: argparse.Namespace) -> int:
    # Checked before the app is built: a typo in the port should not cost a start-up.
    if not 0 < args.port < 65536:
        raise ValidationError(CliCode.PORT, field="--port")

    import waitress

    from tribe.wsgi import application

    url = f"http://{args.host}:{args.port}/"
    _links_point_here(args.host, args.port)
    if args.demo:
        _serve_demo()
    say(_("Tribe is running at {url} — press Ctrl+C to stop.").format(url=url))
    _warm_up_fit()
    if not args.no_worker:
        from tribe.notifications.worker import start_in_thread

        start_in_thread()
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads, _quiet=True)
    return 0


def _links_point_here(host: str, port: int) -> None:
    """Links in e-mails the worker sends (no request to read a host from) lead to
    this server unless ``TRIBE_BASE_URL`` names the site's public address."""
    from django.conf import settings

    if not settings.TRIBE_BASE_URL:
        # A server listening on every interface is reached, on this machine, at 127.0.0.1.
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        shown = f"[{shown}]" if ":" in shown else shown
        settings.TRIBE_BASE_URL = f"http://{shown}:{port}"


def _warm_up_fit() -> None:
    """Load the fit's embedding model while the server waits for its first
    request, so the first "check fit" does not pay the second it takes."""
    import threading

    def load() -> None:
        from tribe_engine._semantic import bundled_model

        bundled_model()

    threading.Thread(target=load, name="tribe-warm-up", daemon=True).start()


def _serve_demo() -> None:
    """``serve --demo``: load the demo once; on a restart keep it, and all the rest, as it is."""
    from tribe.core.errors import TribeError
    from tribe.demo.services import demo_ensure

    try:
        summary, loaded = demo_ensure()
    except TribeError as exc:  # real accounts and no demo yet: serve them without it
        say(_("tribe serve: the demo was not loaded: {reason}").format(reason=exc))
        return
    _print_demo(summary, to=sys.stderr, kept=not loaded)


def _print_demo(summary: DemoSummary, *, to: TextIO, kept: bool = False) -> None:
    n_people, n_relationships = len(summary.people), summary.relationships
    counts = {
        "people": ngettext("{count} person", "{count} people", n_people).format(count=n_people),
        "relationships": ngettext(
            "{count} relationship", "{count} relationships", n_relationships
        ).format(count=n_relationships),
    }
    if kept:
        line = _("Demo already loaded, kept as it is: {people}, {relationships}.")
    else:
        line = _("Demo loaded: {people}, {relationships}.")
    print(line.format(**counts), file=to)
    print(
        _("Log in as any of these, password “{password}”:").format(password=summary.password),
        file=to,
    )
    for name, email in summary.people:
        print(f"  {email:<24} {name}", file=to)
    if summary.programme is not None:
        programme, admin = summary.programme
        print(
            _("The programme {name} is run by {email}: log in as them to see its side.").format(
                name=programme, email=admin
            ),
            file=to,
        )


def cmd_demo(args: argparse.Namespace) -> int:
    from tribe.demo.services import demo_load

    summary = demo_load(force=args.force)
    if args.json:
        emit_json(
            {
                "people": [{"name": n, "email": e} for n, e in summary.people],
                "password": summary.password,
                "relationships": summary.relationships,
                "meetings": summary.meetings,
            }
        )
    else:
        _print_demo(summary, to=sys.stdout)
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from tribe.today.selectors import today_for

    person = resolve_person(args.as_email)
    today = today_for(person=person)
    marker = {"OVERDUE": "!", "TODAY": "*"}
    return listing(
        args,
        today.as_dict(),
        heading=_("Today for {name}, {date}").format(
            name=person.name, date=date_format(today.date, "PADDED_LONG_DATE_FORMAT")
        ),
        lines=[
            f" {marker.get(item.urgency.name, '-')} {item.title} — {item.detail}"
            for item in today.items
        ],
        empty=_("Nothing is due. A good day to thank a mentor."),
    )


def cmd_import_contacts(args: argparse.Namespace) -> int:
    from tribe.people.importers import detect_format
    from tribe.people.services import contacts_import

    person = resolve_person(args.as_email)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValidationError(
            CliCode.UNREADABLE, field="FILE", path=args.file, reason=exc.strerror
        ) from exc
    fmt = args.format or detect_format(args.file.name, data[:4096])
    report = contacts_import(
        owner=person, data=data, format=fmt, source_name=args.file.name, dry_run=args.dry_run
    )
    if args.json:
        emit_json({"format": fmt, **report.as_dict()})
    else:
        created = len(report.created)
        if args.dry_run:
            # Translators: English keeps "contact(s)" in both forms.
            line = ngettext(
                "{file}: would import {created} new contact(s), updated {updated}, "
                "{unchanged} unchanged ({format}).",
                "{file}: would import {created} new contact(s), updated {updated}, "
                "{unchanged} unchanged ({format}).",
                created,
            )
        else:
            # Translators: English keeps "contact(s)" in both forms.
            line = ngettext(
                "{file}: imported {created} new contact(s), updated {updated}, "
                "{unchanged} unchanged ({format}).",
                "{file}: imported {created} new contact(s), updated {updated}, "
                "{unchanged} unchanged ({format}).",
                created,
            )
        counts = {"updated": len(report.updated), "unchanged": len(report.unchanged)}
        print(line.format(file=args.file.name, created=created, format=fmt, **counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from tribe.accounts.events import record as record_security_event
    from tribe.accounts.models import SecurityEvent
    from tribe.portability.selectors import person_export

    person = resolve_person(args.as_email)
    data = person_export(person=person)
    record_security_event(person=person, kind=SecurityEvent.Kind.EXPORT)
    if args.out:
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
        args.out.write_text(text, encoding="utf-8")  # not the locale's: names are any script
        say(_("Wrote {path}").format(path=args.out))
    else:
        emit_json(data)
    return 0

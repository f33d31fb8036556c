"""The everyday subcommands: serve, demo, today, import, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tribe.cli.output import add_as_option, emit_json, say
from tribe.core.errors import NotFound, ValidationError

MSG_WHO = "say whose data with --as EMAIL (this installation has {count} accounts)"
MSG_NO_ACCOUNTS = "there are no accounts yet: sign up in the web app or run `tribe demo`"


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = sub.add_parser("serve", help="start the web app", description="Start the web app.")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--demo",
        action="store_true",
        help="load the demo first, unless it is loaded already (a restart keeps everything)",
    )
    serve.add_argument("--threads", type=int, default=8, help=argparse.SUPPRESS)
    serve.set_defaults(handler=cmd_serve)

    demo = sub.add_parser(
        "demo",
        help="load the demo people, relationships and meetings",
        description="Load a realistic demo, or refresh it: only what the demo people have "
        "among themselves is replaced. Real accounts (any address, @tribe.example too) and "
        "everything they have with demo people are never touched. Refused when the "
        "installation has real accounts, unless --force.",
    )
    demo.add_argument("--json", action="store_true", help="print the demo logins as JSON")
    demo.add_argument(
        "--force",
        action="store_true",
        help="load even though there are real accounts (they and their data stay untouched)",
    )
    demo.set_defaults(handler=cmd_demo)

    today = sub.add_parser(
        "today", help="what is due for a person", description="What is due today."
    )
    add_as_option(today)
    today.add_argument("--json", action="store_true", help="machine-readable output")
    today.set_defaults(handler=cmd_today)

    imp = sub.add_parser("import", help="import data", description="Import data into Tribe.")
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    contacts = imp_sub.add_parser(
        "contacts",
        help="import contacts (LinkedIn Connections.csv, vCard, CSV)",
        description="Import contacts: all rows or none. Rows matching an existing contact "
        "(by e-mail, else by name) only fill in its empty fields.",
    )
    contacts.add_argument("file", type=Path, metavar="FILE")
    add_as_option(contacts)
    contacts.add_argument(
        "--format", choices=["linkedin", "vcard", "csv"], help="default: detected"
    )
    contacts.add_argument(
        "--dry-run", action="store_true", help="report what would happen, change nothing"
    )
    contacts.add_argument("--json", action="store_true", help="machine-readable report")
    contacts.set_defaults(handler=cmd_import_contacts)

    export = sub.add_parser(
        "export",
        help="everything about one person, machine-readable",
        description="Export everything about one person "
        "(their own notes, and notes shared with them).",
    )
    add_as_option(export)
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("--out", type=Path, help="write to this file instead of stdout")
    export.set_defaults(handler=cmd_export)

    manage = sub.add_parser("manage", help="run a Django management command", add_help=False)
    manage.set_defaults(handler=lambda args: 0, needs_db=False)


def resolve_person(email: str | None):  # type: ignore[no-untyped-def]
    """The person named by --as, or the only account of a personal install."""
    from tribe.people.models import Person
    from tribe.people.selectors import person_get_by_email

    if email:
        try:
            return person_get_by_email(email=email)
        except NotFound as exc:
            raise NotFound(exc.message, field="--as") from exc
    accounts = list(Person.objects.filter(is_active=True).order_by("pk")[:2])
    if not accounts:
        raise NotFound(MSG_NO_ACCOUNTS, field="--as")
    if len(accounts) > 1:
        raise ValidationError(
            MSG_WHO.format(count=Person.objects.filter(is_active=True).count()), field="--as"
        )
    return accounts[0]


def cmd_serve(args: argparse.Namespace) -> int:
    # Checked before the app is built: a typo in the port should not cost a start-up.
    if not 0 < args.port < 65536:
        raise ValidationError("must be between 1 and 65535", field="--port")

    import waitress

    from tribe.wsgi import application

    url = f"http://{args.host}:{args.port}/"
    if args.demo:
        _serve_demo()
    say(f"Tribe is running at {url} — press Ctrl+C to stop.")
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads, _quiet=True)
    return 0


def _serve_demo() -> None:
    """``serve --demo``: load the demo once; on a restart keep it, and all the rest, as it is."""
    from tribe.core.demo import demo_ensure
    from tribe.core.errors import TribeError

    try:
        summary, loaded = demo_ensure()
    except TribeError as exc:  # real accounts and no demo yet: serve them without it
        say(f"tribe serve: the demo was not loaded: {exc}")
        return
    _print_demo(summary, to=sys.stderr, kept=not loaded)


def _print_demo(summary, *, to, kept: bool = False) -> None:  # type: ignore[no-untyped-def]
    what = "Demo already loaded, kept as it is" if kept else "Demo loaded"
    print(
        f"{what}: {len(summary.people)} people, {summary.relationships} relationships.",
        file=to,
    )
    print(f"Log in as any of these, password “{summary.password}”:", file=to)
    for name, email in summary.people:
        print(f"  {email:<24} {name}", file=to)


def cmd_demo(args: argparse.Namespace) -> int:
    from tribe.core.demo import demo_load

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
    if args.json:
        emit_json(today.as_dict())
        return 0
    print(f"Today for {person.name}, {today.date:%A %d %B %Y}")
    if not today.items:
        print("Nothing is due. A good day to thank a mentor.")
    for item in today.items:
        marker = {"OVERDUE": "!", "TODAY": "*"}.get(item.urgency.name, "-")
        print(f" {marker} {item.title} — {item.detail}")
    return 0


def cmd_import_contacts(args: argparse.Namespace) -> int:
    from tribe.people.importers import detect_format
    from tribe.people.services import contacts_import

    person = resolve_person(args.as_email)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {args.file}: {exc.strerror}", field="FILE") from exc
    fmt = args.format or detect_format(args.file.name, data[:4096])
    report = contacts_import(
        owner=person, data=data, format=fmt, source_name=args.file.name, dry_run=args.dry_run
    )
    if args.json:
        emit_json({"format": fmt, **report.as_dict()})
    else:
        verb = "would import" if args.dry_run else "imported"
        print(
            f"{args.file.name}: {verb} {len(report.created)} new contact(s), "
            f"updated {len(report.updated)}, {len(report.unchanged)} unchanged ({fmt})."
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from tribe.portability.selectors import person_export

    person = resolve_person(args.as_email)
    data = person_export(person=person)
    if args.out:
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
        args.out.write_text(text, encoding="utf-8")  # not the locale's: names are any script
        say(f"Wrote {args.out}")
    else:
        emit_json(data)
    return 0

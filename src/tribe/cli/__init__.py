"""The ``tribe`` command.

A thin argparse front: each subcommand parses its options, calls the same
services and selectors as the web pages, writes data to stdout (``--json``
where it lists things) and messages to stderr. A TribeError becomes a
one-line message and a non-zero exit, never a traceback
(:func:`tribe.cli.output.fail`). Messages are in the language the environment
asks for (:mod:`tribe.cli.language`), data is not translated.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from django.utils.translation import gettext as _

from tribe.cli.output import Handler


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribe.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        # A setting only the operator can give (TRIBE_ENV=production): say which,
        # in one line, and stop, before anything starts.
        print(f"tribe: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def ensure_migrated(*, verbose: bool = False) -> None:
    """Bring the database schema up to date: first start needs no setup step."""
    if _every_migration_recorded():
        return
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        if verbose:
            print(_("Preparing the database…"), file=sys.stderr)
        call_command("migrate", interactive=False, verbosity=0)


def _every_migration_recorded() -> bool:
    """Whether every migration file of every app is recorded as applied.

    The usual case on every start, answered from the file names and one query,
    without importing the migrations (Django's own check loads them all and
    builds their graph). Only a yes is trusted: anything else (a new database,
    a new migration, a squash, ``MIGRATION_MODULES``) goes to Django's check.
    """
    import importlib.util
    import pkgutil

    from django.apps import apps
    from django.conf import settings
    from django.db import connection

    if getattr(settings, "MIGRATION_MODULES", None):
        return False
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return False
        cursor.execute("SELECT app, name FROM django_migrations")
        recorded = set(cursor.fetchall())
    for app in apps.get_app_configs():
        try:
            spec = importlib.util.find_spec(f"{app.name}.migrations")
        except ModuleNotFoundError:  # the app is a module, not a package
            continue
        if spec is None or not spec.submodule_search_locations:
            continue  # an app without migrations
        for found in pkgutil.iter_modules(spec.submodule_search_locations):
            if found.name[0] not in "_~" and (app.label, found.name) not in recorded:
                return False
    return True


def build_parser() -> argparse.ArgumentParser:
    from tribe.cli import (
        advice,
        advocacy,
        coaching,
        commands,
        directory,
        finding,
        forward,
        goals,
        journal,
        keep,
        match,
        mentoring,
        notifications,
        oidc,
        operations,
        programmes,
        tokens,
        worker,
    )

    parser = argparse.ArgumentParser(
        prog="tribe",
        description=_("Tribe: find mentors who fit, keep relationships alive, run programmes."),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parsers(sub)
    keep.add_parsers(sub)
    advice.add_parsers(sub)
    goals.add_parsers(sub)
    finding.add_parsers(sub)
    directory.add_parsers(sub)
    mentoring.add_parsers(sub)
    forward.add_parsers(sub)
    journal.add_parsers(sub)
    coaching.add_parsers(sub)
    advocacy.add_parsers(sub)
    notifications.add_parsers(sub)
    tokens.add_parsers(sub)
    programmes.add_parsers(sub)
    operations.add_parsers(sub)
    worker.add_parsers(sub)
    oidc.add_parsers(sub)
    match.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # ``tribe manage …`` hands everything after it to Django untouched.
    if args_list[:1] == ["manage"]:
        _django_setup()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["tribe manage", *args_list[1:]])
        return 0

    _django_setup()
    from django.utils import translation

    from tribe.cli.language import language_from

    # Outside a request nothing chooses a language: the environment's, activated
    # before the parser is built (its help texts are translated then) and for the
    # whole run; ``override`` puts back the one before, for callers in-process.
    with translation.override(language_from(os.environ)):
        return _run(args_list)


def _run(args_list: list[str]) -> int:
    from tribe.cli.output import fail
    from tribe.core.errors import TribeError

    parser = build_parser()
    args = parser.parse_args(args_list)
    handler: Handler = args.handler
    try:
        if getattr(args, "needs_db", True):
            ensure_migrated(verbose=args.command == "serve")
        return handler(args)
    except TribeError as exc:
        return fail(args.command, exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``tribe export | head``): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover - ``python -m tribe.cli``
    sys.exit(main())

"""What the subcommands share: their common options, data to stdout, messages to stderr.

Data (``--json``, CSV) is for other programs and is never translated; every
line meant for a person goes through gettext, in the language the CLI chose at
start-up (:mod:`tribe.cli.language`). How an error is shown is decided here
alone (:func:`fail`). This module is imported before Django is set up (by
``tribe.cli``), so nothing here may translate, or even mark, at import time:
``gettext_noop`` too reads the settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from typing import TypeAlias

    from tribe.people.models import Person

    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

Handler = Callable[[argparse.Namespace], int]

EXIT_OK = 0
#: Bad input of any kind that is not a TribeError of its own (which has its ``exit_code``).
EXIT_USAGE = 2


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)


def fail(command: str, exc: Exception) -> int:
    """Show an error as one line on stderr, and return the exit status it calls for.

    The one place where errors meet the person: a TribeError (its own exit
    status: 3 for "not found", else 2), the engine's refusal of its input, or a
    file that cannot be read or written (both 2). The caller has caught them.
    """
    from tribe.core.errors import TribeError

    status = exc.exit_code if isinstance(exc, TribeError) else EXIT_USAGE
    if isinstance(exc, OSError):
        message = f"{exc.filename or ''}: {exc.strerror or exc}"
    else:
        message = str(exc)
    say(_("tribe {command}: error: {message}").format(command=command, message=message))
    return status


def add_as_option(parser: argparse.ArgumentParser, *, default: Any = None) -> None:
    """``--as EMAIL``: whose data; ``default=argparse.SUPPRESS`` on a sub-subcommand
    keeps it from overwriting the value given before the sub-subcommand."""
    parser.add_argument(
        "--as",
        dest="as_email",
        metavar="EMAIL",
        default=default,
        help=_("the person (default: the only account, when there is just one)"),
    )


def add_command(
    sub: SubParsers,
    name: str,
    *,
    handler: Handler,
    help: str,
    description: str,
    json_help: str | None = None,
    with_json: bool = True,
    nested: bool = False,
) -> argparse.ArgumentParser:
    """A subcommand about one person's data: ``--as``, and ``--json`` unless ``with_json=False``.

    ``help``, ``description`` and ``json_help`` come translated (``gettext`` at the
    call, which runs when the parser is built: after the CLI's language is active).
    ``nested=True`` is for a sub-subcommand whose ``--as`` and ``--json`` may also
    come before its name (``tribe requests --as X accept 5``): a default here
    would overwrite them, so it has none (``argparse.SUPPRESS``).
    """
    parser = sub.add_parser(name, help=help, description=description)
    add_as_option(parser, default=argparse.SUPPRESS if nested else None)
    if with_json:
        parser.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS if nested else False,
            help=json_help or _("machine-readable output"),
        )
    parser.set_defaults(handler=handler)
    return parser


def add_with_argument(parser: argparse.ArgumentParser) -> None:
    """WITH: the other person, named by a part of their name or their e-mail address."""
    parser.add_argument("with_", metavar="WITH", help=_("a part of their name, or their e-mail"))


def report(args: argparse.Namespace, data: Any, line: str) -> int:
    """What a command did: ``data`` as JSON with ``--json``, else one line (or paragraph)."""
    # getattr: a sub-subcommand's --json is SUPPRESSed unless it was given.
    if getattr(args, "json", False):
        emit_json(data)
    else:
        print(line)
    return 0


def columns(header: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int]) -> list[str]:
    """A table as lines: each column as wide as its widest cell; ``right`` aligns right."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = []
    for row in (header, *rows):
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def listing(
    args: argparse.Namespace, data: Any, *, heading: str, lines: Sequence[str], empty: str
) -> int:
    """A list: ``data`` as JSON with ``--json``, else a heading and a line a row (or ``empty``)."""
    if args.json:
        emit_json(data)
        return 0
    print(heading)
    if not lines:
        print(empty)
    for line in lines:
        print(line)
    return 0


def option_date(value: str | None, *, default: dt.date) -> dt.date:
    """``--on YYYY-MM-DD`` as a date (``default`` when not given)."""
    # Imported here: this module loads before Django is set up.
    from tribe.cli.errors import CliCode
    from tribe.core.errors import ValidationError

    if value is None:
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(CliCode.DATE, field="--on", value=value) from exc


def person_today(person: Person) -> dt.date:
    """The person's own calendar day, which dated entries default to."""
    from tribe.core import clock
    from tribe.core.zones import local

    return local(clock.now(), person.timezone).date()


@contextmanager
def options_named(option_of: Mapping[str, str]) -> Iterator[None]:
    """Report a service's field as the option the person typed (``given_on`` → ``--on``)."""
    from tribe.core.errors import TribeError

    try:
        yield
    except TribeError as exc:
        if exc.field is not None and exc.field in option_of:
            exc.field = option_of[exc.field]
        raise


@contextmanager
def not_found_as(option: str) -> Iterator[None]:
    """Report "not found" for an id given with ``option`` as an error of that option."""
    from tribe.core.errors import NotFound

    try:
        yield
    except NotFound as exc:
        exc.field = option
        raise

"""Output helpers shared by the subcommands: data to stdout, messages to stderr."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tribe.people.models import Person


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)


def add_as_option(parser: argparse.ArgumentParser, *, default: Any = None) -> None:
    """``--as EMAIL``: whose data; ``default=argparse.SUPPRESS`` on a sub-subcommand
    keeps it from overwriting the value given before the sub-subcommand."""
    parser.add_argument(
        "--as",
        dest="as_email",
        metavar="EMAIL",
        default=default,
        help="the person (default: the only account, when there is just one)",
    )


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
        if exc.field in option_of:
            exc.field = option_of[exc.field]
        raise

"""Personal API tokens from the command line: ``tribe token create|list|revoke``.

The same services and selectors as the tokens page. ``create`` prints the
secret once, alone on stdout (so ``TOKEN=$(tribe token create --name ci)``
captures just it), with what was made on stderr; ``--json`` puts it in the
``secret`` field. Nothing else ever prints a secret or a digest: only a digest
is stored. A token id that is not the person's is "not found", whether or not
it exists.

Wiring (``tribe.cli.build_parser``): ``from tribe.cli import tokens`` and
``tokens.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.output import (
    add_command,
    columns,
    emit_json,
    listing,
    not_found_as,
    options_named,
    report,
    say,
)

if TYPE_CHECKING:
    import datetime as dt

    from tribe.accounts.models import ApiToken
    from tribe.cli.output import SubParsers
    from tribe.people.models import Person

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {"name": "--name", "days": "--days", "token_id": "ID"}


def add_parsers(sub: SubParsers) -> None:
    token = sub.add_parser(
        "token",
        help=_("personal API tokens, for scripts that use Tribe's JSON API"),
        description=_(
            "Make, list and revoke personal API tokens. A script sends one as "
            "“Authorization: Bearer tribe_…” to /api/; it acts as you."
        ),
    )
    what = token.add_subparsers(dest="what", metavar="WHAT", required=True)
    create = add_command(
        what,
        "create",
        handler=cmd_token_create,
        help=_("make a token and print it, once"),
        description=_(
            "Make a token and print it on standard output. It is shown this once: Tribe "
            "keeps only a fingerprint of it."
        ),
        json_help=_("the token as JSON, its secret in the field “secret”"),
    )
    create.add_argument("--name", required=True, help=_("what it is for, to tell tokens apart"))
    create.add_argument(
        "--read-only",
        action="store_true",
        help=_("it may read everything you may read, and change nothing"),
    )
    create.add_argument(
        "--days", metavar="N", help=_("it stops working after N days (default: never)")
    )
    add_command(
        what,
        "list",
        handler=cmd_token_list,
        help=_("your tokens, newest first"),
        description=_("List your tokens, revoked and expired ones too. Never their secrets."),
    )
    revoke = add_command(
        what,
        "revoke",
        handler=cmd_token_revoke,
        help=_("revoke a token"),
        description=_("Revoke token ID: from now on it authenticates nobody."),
    )
    revoke.add_argument("id", metavar="ID")


def _moment(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def token_dict(token: ApiToken, *, now: dt.datetime) -> dict[str, Any]:
    """A token as ``--json`` prints it: never its digest."""
    from tribe.accounts.selectors import token_is_live

    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "read_only": token.read_only,
        "live": token_is_live(token, now),
        "created_at": _moment(token.created_at),
        "expires_at": _moment(token.expires_at),
        "last_used_at": _moment(token.last_used_at),
        "revoked_at": _moment(token.revoked_at),
    }


def _when(value: dt.datetime | None, person: Person, *, empty: str) -> str:
    from tribe.core.zones import local

    if value is None:
        return empty
    return date_format(local(value, person.timezone), "SHORT_DATETIME_FORMAT")


def _state(token: ApiToken, *, now: dt.datetime) -> str:
    from tribe.accounts.selectors import token_is_live

    if token.revoked_at is not None:
        return _("revoked")
    return _("live") if token_is_live(token, now) else _("expired")


def _access(token: ApiToken) -> str:
    return _("read-only") if token.read_only else _("read and change")


def _days(value: str | None) -> int | None:
    from tribe.cli.errors import CliCode
    from tribe.core.errors import ValidationError

    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise ValidationError(CliCode.NOT_A_NUMBER, field="--days", value=value[:40]) from None


def cmd_token_create(args: argparse.Namespace) -> int:
    from tribe.accounts.services import token_create
    from tribe.core import clock

    person = resolve_person(args.as_email)
    days = _days(args.days)
    now = clock.now()
    with options_named(OPTION_OF):
        token, secret = token_create(
            person=person, name=args.name, read_only=args.read_only, days=days, now=now
        )
    if args.json:
        emit_json({**token_dict(token, now=now), "secret": secret})
    else:
        print(secret)
    until = (
        _("until {moment}").format(moment=_when(token.expires_at, person, empty=""))
        if token.expires_at
        else _("until it is revoked")
    )
    say(
        _("API token #{id} “{name}” made ({access}, {until}).").format(
            id=token.pk, name=token.name, access=_access(token), until=until
        )
    )
    say(_("Copy it now: it will not be shown again."))
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    from tribe.accounts.selectors import tokens_of
    from tribe.core import clock

    person = resolve_person(args.as_email)
    now = clock.now()
    tokens = list(tokens_of(person=person))
    never = _("never")
    header = [
        _("ID"),
        _("Name"),
        _("Starts with"),
        _("Access"),
        _("Made"),
        _("Expires"),
        _("Last used"),
        _("State"),
    ]
    rows = [
        [
            f"#{t.pk}",
            t.name,
            t.prefix + "…",
            _access(t),
            _when(t.created_at, person, empty=never),
            _when(t.expires_at, person, empty=never),
            _when(t.last_used_at, person, empty=never),
            _state(t, now=now),
        ]
        for t in tokens
    ]
    return listing(
        args,
        [token_dict(t, now=now) for t in tokens],
        heading=_("API tokens of {name}, newest first (times in {zone}):").format(
            name=person.name, zone=person.timezone
        ),
        lines=columns(header, rows, right=set()) if rows else [],
        empty=_("No API tokens yet. Make one: tribe token create --name NAME"),
    )


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from tribe.accounts.selectors import token_get_for
    from tribe.accounts.services import token_revoke
    from tribe.core import clock

    person = resolve_person(args.as_email)
    now = clock.now()
    with not_found_as("ID"), options_named(OPTION_OF):
        token = token_revoke(
            actor=person, token=token_get_for(person=person, token_id=args.id), now=now
        )
    line = _("API token #{id} “{name}” revoked: it authenticates nobody from now on.").format(
        id=token.pk, name=token.name
    )
    return report(args, token_dict(token, now=now), line)

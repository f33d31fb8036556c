"""``tribe programme scim-token create|revoke|list`` (wired by ``tribe.cli.programmes``).

The token an identity provider (Okta, Entra ID) presents at ``/scim/v2/`` to
keep the programme's roster in sync (``programs.provisioning``). ``create
--as EMAIL SLUG [--name NAME]`` prints the secret once (only its digest is
kept); ``list`` shows the tokens without it; ``revoke --as EMAIL SLUG ID``
refuses it from then on. A programme the person does not administer is "not
found", like one that does not exist.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, columns, not_found_as, options_named, report

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_commands(what: SubParsers) -> None:
    """Add ``scim-token`` and its three actions to ``tribe programme``."""
    group = what.add_parser(
        "scim-token",
        help=_("tokens for an identity provider to sync the roster (SCIM)"),
        description=_(
            "An identity provider such as Okta or Entra ID keeps the programme's roster in "
            "sync over SCIM at /scim/v2/ with one of these tokens. The secret is shown "
            "once, when made."
        ),
    )
    action = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = add_command(
        action,
        "create",
        handler=cmd_scim_token_create,
        help=_("make a token and print its secret, once"),
        description=_("Make a SCIM token for the programme; its secret is printed once."),
    )
    create.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    create.add_argument("--name", default="SCIM", help=_("what it is for, e.g. Okta"))
    listing = add_command(
        action,
        "list",
        handler=cmd_scim_token_list,
        help=_("the programme's SCIM tokens, without their secrets"),
        description=_("The programme's SCIM tokens, revoked ones too, newest first."),
    )
    listing.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    revoke = add_command(
        action,
        "revoke",
        handler=cmd_scim_token_revoke,
        help=_("revoke a token: it is refused from then on"),
        description=_("Revoke one of the programme's SCIM tokens, by the id list shows."),
    )
    revoke.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    revoke.add_argument("token_id", metavar="ID", help=_("the token's id, as list shows it"))


def _programme(args: argparse.Namespace) -> tuple[Any, Any]:
    from tribe.programs.selectors import programme_get_for_admin

    person = resolve_person(args.as_email)
    with not_found_as("PROGRAMME"):
        programme = programme_get_for_admin(person=person, programme_id=args.slug)
    return person, programme


def _row(token: Any) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def cmd_scim_token_create(args: argparse.Namespace) -> int:
    from tribe.programs.provisioning import scim_token_create

    person, programme = _programme(args)
    with options_named({"name": "--name"}):
        token, secret = scim_token_create(actor=person, programme=programme, name=args.name)
    line = _(
        "SCIM token {name} for {slug} (id {id}). Its secret, shown this once:\n{secret}\n"
        "Give the identity provider the base address …/scim/v2/ and this secret."
    ).format(name=token.name, slug=programme.slug, id=token.pk, secret=secret)
    return report(args, {**_row(token), "secret": secret}, line)


def cmd_scim_token_list(args: argparse.Namespace) -> int:
    from tribe.programs.provisioning import scim_tokens_of

    _person, programme = _programme(args)
    rows = [_row(t) for t in scim_tokens_of(programme=programme)]
    if not rows:
        return report(args, rows, _("{slug} has no SCIM token.").format(slug=programme.slug))
    header = (_("id"), _("name"), _("starts"), _("made"), _("last used"), _("revoked"))
    table = [
        (
            str(r["id"]),
            r["name"],
            r["prefix"] + "…",
            r["created_at"][:16],
            (r["last_used_at"] or "-")[:16],
            (r["revoked_at"] or "-")[:16],
        )
        for r in rows
    ]
    return report(args, rows, "\n".join(columns(header, table, right={0})))


def cmd_scim_token_revoke(args: argparse.Namespace) -> int:
    from tribe.programs.provisioning import scim_token_get_for, scim_token_revoke

    person, programme = _programme(args)
    with not_found_as("ID"):
        token = scim_token_get_for(person=person, programme=programme, token_id=args.token_id)
    token = scim_token_revoke(actor=person, token=token)
    line = _("Revoked SCIM token {name} (id {id}).").format(name=token.name, id=token.pk)
    return report(args, _row(token), line)

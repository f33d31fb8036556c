"""``tribe oidc discover ISSUER``: the TRIBE_OIDC_* lines for an organisation's provider.

Reads the issuer's ``/.well-known/openid-configuration`` once, now, so that the
server need not: the lines it prints pin the endpoints (docs/deployment.md).
Wiring (``tribe.cli.build_parser``): ``oidc.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tribe.accounts.errors import AccountCode
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_parsers(sub: SubParsers) -> None:
    oidc = sub.add_parser(
        "oidc",
        help=_("signing in with an organisation's OpenID Connect provider"),
        description=_("Set up signing in with an organisation's OpenID Connect provider."),
    )
    actions = oidc.add_subparsers(dest="oidc_command", metavar="ACTION", required=True)
    discover = actions.add_parser(
        "discover",
        help=_("print the environment variables for a provider"),
        description=_(
            "Read the provider's /.well-known/openid-configuration and print the "
            "TRIBE_OIDC_* lines to set; the client id and secret come from the provider."
        ),
    )
    discover.add_argument("issuer", metavar="ISSUER", help=_("e.g. https://login.example.org"))
    discover.set_defaults(handler=cmd_discover)


def cmd_discover(args: argparse.Namespace) -> int:
    from tribe.accounts.oidc import ProviderUnavailable, discover

    issuer = str(args.issuer).strip().rstrip("/")
    if not issuer.startswith(("https://", "http://")):
        raise ValidationError(AccountCode.OIDC_DISCOVERY, field="ISSUER", problem=_("not a URL"))
    try:
        document = discover(issuer)
    except ProviderUnavailable as exc:
        raise ValidationError(
            AccountCode.OIDC_DISCOVERY, field="ISSUER", problem=str(exc)
        ) from None
    lines = {
        "TRIBE_OIDC_ISSUER": issuer,
        "TRIBE_OIDC_AUTHORIZATION_ENDPOINT": document["authorization_endpoint"],
        "TRIBE_OIDC_TOKEN_ENDPOINT": document["token_endpoint"],
        "TRIBE_OIDC_USERINFO_ENDPOINT": document["userinfo_endpoint"],
        "TRIBE_OIDC_JWKS_ENDPOINT": document["jwks_uri"],
    }
    for name, value in lines.items():
        print(f"{name}={shlex.quote(str(value))}")
    if "RS256" not in document.get("id_token_signing_alg_values_supported", ["RS256"]):
        print(_("# this provider does not offer RS256 id_tokens, which Tribe requires"))
    print("TRIBE_OIDC_CLIENT_ID=")
    print("TRIBE_OIDC_CLIENT_SECRET=")
    print("TRIBE_OIDC_NAME=")
    return 0

"""Programmes from the command line: ``tribe programme …``.

The group only gathers the commands of each part, which live beside it:
``programme_people`` (roster import, invitations, enrolment),
``programme_runs`` (match runs, publishing, offers) and ``programme_reports``
(engagement, surveys, the report). Each command names the programme by its
short name and acts as the person given with ``--as`` (their e-mail), who must
administer it: anyone else is told it does not exist.

Wiring (``tribe.cli.build_parser``): ``programmes.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tribe.cli import programme_people, programme_reports, programme_runs, programme_scim
from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, columns, report

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_parsers(sub: SubParsers) -> None:
    group = sub.add_parser(
        "programme",
        help=_("run a mentoring programme: roster, invitations, match runs, reports"),
        description=_(
            "Programmes of an organisation: import the roster, invite people, run and "
            "publish matches, and read engagement and survey figures. Administrators see "
            "counts, dates, states and scores, never what people write."
        ),
    )
    what = group.add_subparsers(dest="what", metavar="WHAT", required=True)
    add_command(
        what,
        "list",
        handler=cmd_programme_list,
        help=_("the programmes you run and the ones you are in"),
        description=_("The programmes you administer, and those you take part in."),
    )
    create = add_command(
        what,
        "create",
        handler=cmd_programme_create,
        help=_("start a programme, which you then administer"),
        description=_(
            "Start a programme with a short name for its address (lower-case letters, "
            "digits and hyphens). You administer it; set its rules on its settings page."
        ),
    )
    create.add_argument("slug", metavar="PROGRAMME", help=_("its short name, e.g. eng-2026"))
    create.add_argument("--name", required=True, help=_("its name, as people read it"))
    create.add_argument("--description", default="", help=_("what it is for"))
    create.add_argument(
        "--evergreen", action="store_true", help=_("people join and are matched at any time")
    )
    webhooks = add_command(
        what,
        "webhooks",
        handler=cmd_programme_webhooks,
        help=_("connect the programme's Slack or Teams channel"),
        description=_(
            "The channel hears what the programme's administrators are nudged of: counts "
            'and dates only. An empty --slack or --teams ("") removes that webhook; '
            "without either, show whether each is connected. An address is never printed."
        ),
    )
    webhooks.add_argument("slug", metavar="PROGRAMME", help=_("the programme's short name"))
    webhooks.add_argument("--slack", metavar="URL", help=_("a Slack incoming webhook address"))
    webhooks.add_argument(
        "--teams", metavar="URL", help=_("a Microsoft Teams workflow webhook address")
    )
    programme_people.add_commands(what)
    programme_runs.add_commands(what)
    programme_reports.add_commands(what)
    programme_scim.add_commands(what)


def cmd_programme_list(args: argparse.Namespace) -> int:
    from tribe.programs.selectors import participations_of, programmes_run_by

    person = resolve_person(args.as_email)
    run = [
        {
            "slug": p.slug,
            "name": p.name,
            "enrolled": p.participant_count,  # type: ignore[attr-defined]
            "archived": p.archived_at is not None,
        }
        for p in programmes_run_by(person)
    ]
    joined = [
        {"slug": p.programme.slug, "name": p.programme.name, "role": p.role, "status": p.status}
        for p in participations_of(person)
    ]
    lines = [_("Programmes you run:") if run else _("You run no programme.")]
    if run:
        header = (_("programme"), _("name"), _("enrolled"))
        lines += columns(
            header, [(r["slug"], r["name"], str(r["enrolled"])) for r in run], right={2}
        )
    lines.append(_("Programmes you are in:") if joined else _("You are in no programme."))
    if joined:
        mine = [(r["slug"], r["name"], r["role"], r["status"]) for r in joined]
        lines += columns((_("programme"), _("name"), _("role"), _("status")), mine, right=set())
    return report(args, {"run": run, "in": joined}, "\n".join(lines))


def cmd_programme_create(args: argparse.Namespace) -> int:
    from tribe.cli.output import options_named
    from tribe.programs.services import programme_create

    person = resolve_person(args.as_email)
    with options_named({"slug": "PROGRAMME", "name": "--name", "description": "--description"}):
        programme = programme_create(
            actor=person,
            name=args.name,
            slug=args.slug,
            description=args.description,
            evergreen=args.evergreen,
        )
    line = _("Created {name} ({slug}); you administer it.").format(
        name=programme.name, slug=programme.slug
    )
    return report(args, {"slug": programme.slug, "name": programme.name, "id": programme.pk}, line)


def cmd_programme_webhooks(args: argparse.Namespace) -> int:
    from tribe.cli.output import not_found_as, options_named
    from tribe.programs.selectors import programme_get_for_admin
    from tribe.programs.services import programme_set_webhooks

    person = resolve_person(args.as_email)
    with not_found_as("PROGRAMME"):
        programme = programme_get_for_admin(person=person, programme_id=args.slug)
    if args.slack is not None or args.teams is not None:
        with options_named({"slack_webhook": "--slack", "teams_webhook": "--teams"}):
            programme = programme_set_webhooks(
                actor=person,
                programme=programme,
                slack_webhook=args.slack,
                teams_webhook=args.teams,
            )
    # A webhook is a secret: whether it is connected, never the address nor part of it.
    state = {"slack": bool(programme.slack_webhook), "teams": bool(programme.teams_webhook)}
    lines = [
        f"{name}: {_('connected') if state[key] else _('not connected')}"
        for key, name in (("slack", "Slack"), ("teams", "Teams"))
    ]
    return report(args, {"slug": programme.slug, **state}, "\n".join(lines))

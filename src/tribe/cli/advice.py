"""The advice log from the command line: ``tribe advice share-outcome``.

A mentee shows a mentor (or a peer shows the other peer) how their advice
turned out, item by item: the words go to the giver's impact journal
(``tribe impact``), a copy that editing the outcome does not change; ``--off``
takes them back. Who may share is the service's rule, not this module's. Advice is looked up among
the asking person's own advice log only, so an id that is not theirs is "not
found" whether or not it exists. (Recording advice is ``tribe log advice``.)
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.errors import CliCode
from tribe.cli.output import add_command, not_found_as, options_named, report
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.ledger.models import Advice

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {"words": "--words", "advice_summary": "--summary", "outcome": "ID"}


def add_parsers(sub: SubParsers) -> None:
    advice = sub.add_parser(
        "advice",
        help=_("your advice log: share how advice turned out with your mentor"),
        description=_(
            "Your advice log is yours alone; share-outcome shows one outcome to the mentor "
            "who gave the advice, in words you choose."
        ),
    )
    what = advice.add_subparsers(dest="what", metavar="WHAT", required=True)
    share = add_command(
        what,
        "share-outcome",
        handler=cmd_advice_share_outcome,
        help=_("show the mentor how their advice turned out"),
        description=_(
            "Show the mentor of advice ID how it turned out, in their impact journal: your "
            "words (default: the outcome you recorded) and the date, nothing else of your "
            "advice log. --off takes it back."
        ),
        json_help=_("print what the mentor sees as JSON"),
    )
    share.add_argument("id", metavar="ID", help=_("the advice's id"))
    words = share.add_mutually_exclusive_group()
    words.add_argument(
        "--words", metavar="TEXT", help=_("what the mentor reads (default: your outcome)")
    )
    words.add_argument("--off", action="store_true", help=_("stop sharing it"))
    share.add_argument(
        "--summary",
        metavar="TEXT",
        default="",
        help=_("also show which advice it was, in these words (default: not shown)"),
    )


def shared_dict(advice: Advice) -> dict[str, Any]:
    """What the giver sees of ``advice`` (nothing when it is not shared).

    ``mentor`` (kept for older scripts) and ``given_by`` name whoever gave the
    advice: the mentor, or the other peer."""
    at = advice.outcome_shared_at
    return {
        "id": advice.pk,
        "mentor": advice.giver_name,
        "given_by": advice.giver_name,
        "shared": at is not None,
        "shared_at": at.isoformat() if at is not None else None,
        "words": advice.shared_outcome,
        "advice": advice.shared_advice,
    }


def cmd_advice_share_outcome(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.ledger.selectors import advice_get_for
    from tribe.ledger.services import advice_share_outcome, advice_unshare_outcome

    person = resolve_person(args.as_email)
    with not_found_as("ID"):
        advice = advice_get_for(person=person, advice_id=args.id)
    name = advice.giver_name
    if args.off and args.summary:
        raise ValidationError(CliCode.SUMMARY_WITH_OFF, field="--summary")
    if args.off:
        advice = advice_unshare_outcome(actor=person, advice=advice)
        line = _("{name} no longer sees the outcome of advice #{id}.").format(
            name=name, id=advice.pk
        )
        return report(args, shared_dict(advice), line)
    with options_named(OPTION_OF):
        advice = advice_share_outcome(
            actor=person,
            advice=advice,
            words=advice.outcome if args.words is None else args.words,
            advice_summary=args.summary,
            now=clock.now(),
        )
    line = _("Shared with {name}, who reads in their impact journal:").format(name=name)
    line += "\n\n" + "\n".join(f"  {row}" for row in advice.shared_outcome.splitlines())
    return report(args, shared_dict(advice), line)

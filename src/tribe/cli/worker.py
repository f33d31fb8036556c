"""Background work from the command line: ``tribe worker``.

Wiring (``tribe.cli.build_parser``): ``worker.add_parsers(sub)``.
"""

from __future__ import annotations

import argparse
import signal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tribe.cli.errors import CliCode
from tribe.cli.output import say
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers


def add_parsers(sub: SubParsers) -> None:
    worker = sub.add_parser(
        "worker",
        help=_("send mail and run background jobs"),
        description=_(
            "Work through the background queue: send what the outbox holds, run the "
            "digests and nudges at their times. `tribe serve` runs one already; start "
            "more (on this machine or others sharing a PostgreSQL database) when one "
            "is not enough. Ctrl+C or SIGTERM stops it after the current message."
        ),
    )
    worker.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help=_("seconds to wait when there is nothing to do (default 1)"),
    )
    worker.add_argument(
        "--sweep-every",
        type=float,
        default=30.0,
        help=_(
            "seconds between looks for mail that is due again: a retry whose wait is "
            "over, a message a stopped worker left (default 30)"
        ),
    )
    worker.add_argument(
        "--drain",
        action="store_true",
        help=_("send everything that is due, run the queued tasks, then stop (for cron)"),
    )
    worker.add_argument(
        "--no-schedule",
        action="store_true",
        help=_("do not start the periodic jobs (digests, nudges) from this worker"),
    )
    worker.set_defaults(handler=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    # A floor, so that an interval of 0 cannot spin a core while nothing is due.
    for name, value, low in (
        ("--interval", args.interval, 0.05),
        ("--sweep-every", args.sweep_every, 0.1),
    ):
        if not low <= value <= 3600:
            raise ValidationError(CliCode.INTERVAL, field=name, low=low, high=3600)
    from tribe.notifications.worker import Worker

    worker = Worker(
        interval=args.interval, sweep_every=args.sweep_every, schedule=not args.no_schedule
    )
    if args.drain:
        worker.sweep_every = 0
        while worker.run_once():
            pass
        say(_("Nothing more is due."))
        return 0

    def stop(signum: int, _frame: object) -> None:
        worker.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    say(_("Tribe worker {id} is running — press Ctrl+C to stop.").format(id=worker.worker_id))
    worker.run()
    return 0

"""Paying it forward from the command line: ``tribe forward``.

The first steps from mentee to mentor (``outreach.forward``): why Tribe
suggests it, a draft mentor profile, the programmes one could mentor in, and
a first request one might accept. It only reads: the draft is saved, and the
profile opened, by the person themselves on the web page (or ``PATCH
/api/me``). The same lives on the web's page ``/mentoring/forward/``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_command, emit_json

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.outreach.forward import PayItForward


def add_parsers(sub: SubParsers) -> None:
    add_command(
        sub,
        "forward",
        handler=cmd_forward,
        help=_("paying it forward: your first steps from mentee to mentor"),
        description=_(
            "Once you have been a mentee for a while: a draft mentor profile from what you "
            "know, the goals you reached and the advice you adopted; the programmes you "
            "could mentor in; and a first request you might accept. Nothing is changed: "
            "open your profile yourself, on the profile page."
        ),
        json_help=_("the steps as JSON"),
    )


def forward_lines(steps: PayItForward) -> list[str]:
    """The steps in words, for a person."""
    lines = [steps.why, ""]
    if steps.state == "mentoring":
        lines.append(_("You are doing it: you were a mentee, and now you mentor others."))
        mentees = ngettext(
            "You mentor {count} person.", "You mentor {count} people.", steps.mentees
        ).format(count=steps.mentees)
        free = ngettext(
            "{count} place is free.", "{count} places are free.", steps.free_places
        ).format(count=steps.free_places)
        lines.append(f"{mentees} {free}")
        lines.append(_("See the chain: tribe graph --chain"))
        return lines
    lines.append(_("1. A mentor profile, drafted for you:"))
    lines.append("   " + _("What I know well: {topics}").format(topics=", ".join(steps.expertise)))
    lines.append("   " + _("What I can offer: {offers}").format(offers=steps.offers))
    lines.append("   " + _("Mentees at a time: {capacity}").format(capacity=steps.capacity))
    if steps.open_to_mentoring:
        lines.append("   " + _("Your profile is already open to mentees."))
    else:
        lines.append(
            "   " + _("Nothing is switched on: open your profile yourself on the profile page.")
        )
    lines += ["", _("2. Programmes you could mentor in:")]
    for p in steps.programmes:
        if p.how == "participant":
            said = _(
                "{name}: you take part as a mentee; choose “Mentee and mentor” in your intake."
            )
            lines.append("   " + said.format(name=p.name))
        else:
            said = _("{name}: an invitation to your address waits in your mail.")
            lines.append("   " + said.format(name=p.name))
    if not steps.programmes:
        lines.append("   " + _("None that you take part in or are invited to."))
    lines += ["", _("3. A first request you might accept:")]
    first = steps.first_request
    if first is not None:
        said = _("#{id} from {name}: {purpose}").format(
            id=first.id, name=first.from_name, purpose=first.purpose or "—"
        )
        lines.append("   " + said)
        lines.append("   " + _("Answer it with: tribe requests"))
    else:
        lines.extend("   " + line for line in steps.reach)
    return lines


def cmd_forward(args: argparse.Namespace) -> int:
    from tribe.core import clock
    from tribe.outreach.forward import mentees_now, pay_it_forward
    from tribe.programs.selectors import mentor_openings

    person = resolve_person(args.as_email)
    moment = clock.now()
    steps = pay_it_forward(
        person=person, now=moment, programmes=mentor_openings(person=person, now=moment)
    )
    if args.json:
        emit_json({"applies": steps is not None, "steps": steps.as_dict() if steps else None})
        return 0
    if steps is None and (count := mentees_now(person=person)):
        print(
            ngettext(
                "You are doing it already: you mentor {count} person.",
                "You are doing it already: you mentor {count} people.",
                count,
            ).format(count=count)
        )
        return 0
    if steps is None:
        print(
            _(
                "Not yet: once you have been a mentee for six months and list what you know "
                "(or have reached goals of your own), Tribe suggests your first steps as a "
                "mentor here."
            )
        )
        return 0
    for line in forward_lines(steps):
        print(line)
    return 0

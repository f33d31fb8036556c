"""Being a mentor, and one's tribe, from the command line: ``tribe requests``,
``tribe impact`` and ``tribe graph``.

``tribe requests`` is the mentor's side of outreach: the requests waiting for
an answer, and the answers (accept, decline, ask for more, block);
``tribe impact`` is the impact journal, with what the mentor's advice became
as the mentees chose to share it; ``tribe graph`` is the tribe graph in words
or as JSON (``--chain``: the chain of mentors' mentors, mentors and mentees).
The same live on the web's mentoring pages.

Requests are fetched for the asking person only, so an id that is not theirs
is "not found" whether or not it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from tribe.cli.commands import resolve_person
from tribe.cli.output import (
    add_command,
    emit_json,
    listing,
    options_named,
    person_today,
    report,
)
from tribe.core.errors import NotFound
from tribe.relationships.errors import ConsentCode

if TYPE_CHECKING:
    from tribe.cli.output import Handler, SubParsers
    from tribe.ledger.selectors import OutcomesForMentor
    from tribe.outreach.selectors import JournalEntry
    from tribe.people.models import Person
    from tribe.relationships.models import Relationship

HOW_TO_ANSWER = gettext_noop(
    "Answer with: tribe requests accept ID, tribe requests decline ID [--message TEXT],\n"
    "tribe requests ask ID --question TEXT, or tribe requests block ID"
)

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {"question": "--question", "message": "--message"}


def add_parsers(sub: SubParsers) -> None:
    graph = add_command(
        sub,
        "graph",
        handler=cmd_graph,
        help=_("your tribe: mentors, their mentors, mentees, introductions"),
        description=_(
            "Your mentors, their mentors (where they share them), your mentees and the "
            "introductions made, as sentences or as JSON nodes and edges."
        ),
        json_help=_("nodes and edges as JSON"),
    )
    graph.add_argument(
        "--chain",
        action="store_true",
        help=_("the chain: your mentors' mentors, your mentors, you, your mentees"),
    )

    add_command(
        sub,
        "impact",
        handler=cmd_impact,
        help=_("your impact as a mentor: thanks, updates, introductions, what advice became"),
        description=_(
            "The thanks and updates your mentees sent you and the introductions you made, "
            "newest first; then what your advice became, in the words your mentees chose "
            "to share with you."
        ),
        json_help=_("the journal and the shared outcomes as JSON"),
    )

    requests = add_command(
        sub,
        "requests",
        handler=cmd_requests,
        help=_("requests waiting for your answer as a mentor, and the answers"),
        description=_(
            "List the requests waiting for your answer (oldest first), or answer one: "
            "accept, decline (with a kind message) or ask for more information."
        ),
    )
    answers = requests.add_subparsers(dest="answer", metavar="ANSWER")
    _answer(
        answers,
        "accept",
        cmd_requests_accept,
        help=_("say yes: on to the intro meeting"),
        description=_("Accept request ID."),
    )
    decline = _answer(
        answers,
        "decline",
        cmd_requests_decline,
        help=_("say no, kindly"),
        description=_("Decline request ID with a message (default: a kind template)."),
    )
    decline.add_argument(
        "--message", metavar="TEXT", help=_("your own words instead of the template")
    )
    decline.add_argument(
        "--ask-again",
        dest="ask_again",
        metavar="MONTHS",
        help=_("say they may ask again in MONTHS months (left out: no such offer)"),
    )
    question = _answer(
        answers,
        "ask",
        cmd_requests_ask,
        help=_("ask for more information before answering"),
        description=_(
            "Ask the mentee a question about request ID; the request waits for the answer."
        ),
    )
    question.add_argument("--question", metavar="TEXT", default="", help=_("what you want to know"))
    _answer(
        answers,
        "block",
        cmd_requests_block,
        help=_("decline, and take no more requests or introductions from this person"),
        description=_(
            "Block the person who sent request ID: their waiting requests are "
            "declined and they cannot ask again (undo on the blocked-people page)."
        ),
    )


def _answer(
    answers: SubParsers, name: str, handler: Handler, *, help: str, description: str
) -> argparse.ArgumentParser:
    """``tribe requests NAME ID``, which may come after ``--as``/``--json`` or take its own."""
    parser = add_command(
        answers,
        name,
        handler=handler,
        help=help,
        description=description,
        json_help=_("print the result as JSON"),
        nested=True,
    )
    parser.add_argument("id", metavar="ID", help=_("the request's id (see `tribe requests`)"))
    return parser


# tribe graph ------------------------------------------------------------------


def cmd_graph(args: argparse.Namespace) -> int:
    from tribe.outreach.graph import tribe_graph

    person = resolve_person(args.as_email)
    graph = tribe_graph(person=person)
    if args.chain:
        from tribe.outreach.graph import chain_of

        chain = chain_of(graph, me=f"person:{person.pk}")
        return listing(
            args,
            chain.as_dict(),
            heading=_("The chain of {name}:").format(name=person.name),
            lines=[f"  {sentence}" for sentence in chain.sentences()],
            empty=_("No chain yet: it starts with your first mentor or mentee."),
        )
    return listing(
        args,
        graph.as_dict(),
        heading=_("The tribe of {name}:").format(name=person.name),
        lines=[f"  {sentence}" for sentence in graph.sentences()],
        empty=_(
            "No mentors, mentees or introductions yet: `tribe fit` finds candidates for a goal."
        ),
    )


# tribe impact -----------------------------------------------------------------


def _day(moment: dt.date) -> str:
    return date_format(moment, "PADDED_DATE_FORMAT")


def _indented(text: str, prefix: str = "      ") -> list[str]:
    return [f"{prefix}{row}".rstrip() for row in text.splitlines()]


def impact_lines(
    person: Person, entries: list[JournalEntry], outcomes: OutcomesForMentor
) -> list[str]:
    """The impact journal as lines, then each mentee's shared outcomes under their name."""
    from tribe.core.zones import local

    lines: list[str] = []
    for entry in entries:
        lines.append(f"  {_day(entry.on)}  {entry.title}")
        lines.extend(_indented(entry.text))
    if not outcomes.by_mentee:
        return lines
    if lines:
        lines.append("")
    # Translators: English keeps "outcome(s)" in both forms.
    heading = ngettext(
        "What your advice became ({count} outcome(s) shared with you):",
        "What your advice became ({count} outcome(s) shared with you):",
        outcomes.total,
    )
    lines.append(heading.format(count=outcomes.total))
    for group in outcomes.by_mentee:
        lines.append(f"  {group.mentee} ({group.count})")
        for shared in group.outcomes:
            day = _day(local(shared.shared_at, person.timezone).date())
            if shared.advice:
                said = _("{date}  your advice: {advice}").format(date=day, advice=shared.advice)
                lines.append(f"    {said}")
            else:
                lines.append(f"    {day}")
            lines.extend(_indented(shared.words))
    return lines


def cmd_impact(args: argparse.Namespace) -> int:
    from tribe.ledger.selectors import advice_outcomes_for_mentor
    from tribe.outreach.selectors import impact_journal

    person = resolve_person(args.as_email)
    entries = impact_journal(mentor=person)
    outcomes = advice_outcomes_for_mentor(mentor=person)
    return listing(
        args,
        {"journal": [e.as_dict() for e in entries], "advice_outcomes": outcomes.as_dict()},
        heading=_("The impact of {name} as a mentor, newest first:").format(name=person.name),
        lines=impact_lines(person, entries, outcomes),
        empty=_(
            "Nothing yet. When your mentees thank you, send you an update or share how "
            "your advice turned out, it is collected here."
        ),
    )


# tribe requests ---------------------------------------------------------------


def _request_dict(r: Relationship, *, mentor: Person, today: dt.date) -> dict[str, Any]:
    from tribe.core.zones import local
    from tribe.outreach.selectors import ask_size_of, nudge_state

    assert r.asked_at is not None
    asked_on = local(r.asked_at, mentor.timezone).date()
    wait = r.mentee.nudge_after_days if r.mentee is not None else 7
    nudge = nudge_state(relationship=r, wait_days=wait, today=today, zone_name=mentor.timezone)
    return {
        "id": r.pk,
        "from": r.created_by.name,
        "kind": r.kind,
        "asked_at": r.asked_at.astimezone(dt.UTC).isoformat(),
        "asked_on": asked_on.isoformat(),
        "days_waiting": (today - asked_on).days,
        "purpose": r.purpose,
        "ask": r.ask,
        "size": ask_size_of(relationship=r).as_dict(),
        "why_them": r.why_them,
        "goals": [g.title for g in r.goals.all()],
        "message": r.request_message,
        "nudges_sent": r.nudges_sent,
        "last_nudge_at": r.last_nudge_at.astimezone(dt.UTC).isoformat()
        if r.last_nudge_at
        else None,
        "nudge": {
            "state": str(nudge.state),
            "due_on": nudge.due_on.isoformat() if nudge.due_on else None,
        },
        "info_requested": r.info_request,
    }


def cmd_requests(args: argparse.Namespace) -> int:
    from tribe.outreach.selectors import incoming_requests

    person = resolve_person(args.as_email)
    today = person_today(person)
    rows = [_request_dict(r, mentor=person, today=today) for r in incoming_requests(person=person)]
    if args.json:
        emit_json({"requests": rows})
        return 0
    if not rows:
        print(_("No requests are waiting for your answer."))
        return 0
    # Translators: English keeps "request(s)" in both forms.
    waiting = ngettext(
        "{count} request(s) waiting for your answer, oldest first:",
        "{count} request(s) waiting for your answer, oldest first:",
        len(rows),
    )
    print(waiting.format(count=len(rows)))
    for row in rows:
        days = row["days_waiting"]
        if days == 0:
            waited = _("today")
        else:
            waited = ngettext("{count} day ago", "{count} days ago", days).format(count=days)
        asked_on = dt.date.fromisoformat(row["asked_on"])
        print()
        print(
            _("#{id}  {name}, asked {date} ({waited})").format(
                id=row["id"],
                name=row["from"],
                date=date_format(asked_on, "PADDED_DATE_FORMAT"),
                waited=waited,
            )
        )
        if nudges := row["nudges_sent"]:
            # Translators: English keeps "time(s)" in both forms.
            nudged = ngettext(
                "nudged {count} time(s), last on {date}",
                "nudged {count} time(s), last on {date}",
                nudges,
            )
            print("    " + nudged.format(count=nudges, date=row["last_nudge_at"][:10]))
        print("    " + row["size"]["sentence"])
        if row["info_requested"]:
            asked = _("you asked: {question} (waiting for their answer)")
            print("    " + asked.format(question=row["info_requested"]))
        for line in row["message"].splitlines() or [""]:
            print(f"    | {line}".rstrip())
    print()
    print(_(HOW_TO_ANSWER))
    return 0


def _request_for(args: argparse.Namespace) -> tuple[Person, Relationship]:
    """Who answers (``--as``), and the request ``ID`` waiting for their answer."""
    from tribe.outreach.selectors import request_get_for

    person = resolve_person(args.as_email)
    return person, request_get_for(person=person, relationship_id=args.id)


def _answered(args: argparse.Namespace, r: Relationship, line: str, **extra: Any) -> int:
    return report(args, {"id": r.pk, "from": r.mentee_name, "status": r.status, **extra}, line)


def cmd_requests_accept(args: argparse.Namespace) -> int:
    from tribe.outreach.services import request_accept

    person, relationship = _request_for(args)
    accepted = request_accept(actor=person, relationship=relationship)
    return _answered(
        args,
        accepted,
        _(
            "Accepted {name}'s request: next comes the intro meeting, "
            "which ends with your agreement."
        ).format(name=accepted.mentee_name),
    )


def cmd_requests_decline(args: argparse.Namespace) -> int:
    from tribe.cli.errors import CliCode
    from tribe.core.errors import ValidationError
    from tribe.outreach.selectors import decline_template
    from tribe.outreach.services import request_decline

    person, relationship = _request_for(args)
    message = args.message
    if message is None:
        message = decline_template(relationship=relationship, mentor=person)
    ask_again = None
    if args.ask_again is not None:
        try:
            ask_again = int(args.ask_again)
        except ValueError as exc:
            raise ValidationError(
                CliCode.NOT_A_NUMBER, field="--ask-again", value=args.ask_again
            ) from exc
    with options_named({**OPTION_OF, "ask_again_months": "--ask-again"}):
        declined = request_decline(
            actor=person, relationship=relationship, message=message, ask_again_months=ask_again
        )
    return _answered(
        args,
        declined,
        _("Declined {name}'s request with this message:").format(name=declined.mentee_name)
        + "\n\n"
        + declined.decline_message,
        message=declined.decline_message,
        ask_again_months=declined.ask_again_months,
    )


def cmd_requests_ask(args: argparse.Namespace) -> int:
    from tribe.outreach.services import request_ask_for_info

    person, relationship = _request_for(args)
    with options_named(OPTION_OF):
        asked = request_ask_for_info(
            actor=person, relationship=relationship, question=args.question
        )
    return _answered(
        args,
        asked,
        _("Asked {name}: {question} (the request waits for their answer).").format(
            name=asked.mentee_name, question=asked.info_request
        ),
        question=asked.info_request,
    )


def cmd_requests_block(args: argparse.Namespace) -> int:
    from tribe.outreach.services import person_block

    person, relationship = _request_for(args)
    requester = relationship.created_by
    if requester.pk == person.pk:
        raise NotFound(ConsentCode.NO_SUCH_RELATIONSHIP)
    person_block(actor=person, other=requester)
    return _answered(
        args,
        relationship,
        _("Blocked {name}: no more requests or introductions from them.").format(
            name=requester.name
        ),
        blocked=requester.name,
    )

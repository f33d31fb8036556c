"""Finding mentors and being one, from the command line.

``tribe fit`` ranks the candidates for a goal with the reasons (and rules one
out, remembered with a reason); ``tribe ask`` drafts and records the request
to a prospect; ``tribe requests`` is the mentor's side: the incoming requests
and their answers; ``tribe graph`` is the tribe graph in words or as JSON.

Every read and write goes through the same selectors and services as the web
pages. Relationships are fetched for the asking person only, so an id that is
not theirs is "not found" whether or not it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tribe.cli.commands import resolve_person
from tribe.cli.output import add_as_option, emit_json, options_named, person_today
from tribe.core.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from tribe.matching.selectors import FitRow
    from tribe.people.models import Contact, Goal, Person
    from tribe.relationships.models import Relationship

MSG_LIMIT = "must be a whole number of at least 1"
MSG_NO_CANDIDATE = (
    "no candidate “{query}”: give the e-mail of an account open to mentoring, "
    "or the name of one of your contacts"
)
MSG_AMBIGUOUS_CANDIDATE = (
    "“{query}” matches {count} candidates: {names}; give the e-mail or the full name"
)
MSG_ONLY_WITH_MARK = "goes with --not-a-match NAME_OR_EMAIL"
MSG_NO_PROSPECT = (
    "nobody called “{query}” among the people you plan to ask (your prospects); "
    "give a part of the name or the e-mail"
)
MSG_AMBIGUOUS_PROSPECT = (
    "“{query}” matches {count} prospects: {names}; give more of the name or the e-mail"
)
MSG_MESSAGE_ALONE = "a message file goes with --send"
HOW_TO_ANSWER = (
    "Answer with: tribe requests accept ID, tribe requests decline ID [--message TEXT],\n"
    "tribe requests ask ID --question TEXT, or tribe requests block ID"
)
MSG_READ = "cannot read {path}: {reason}"

#: Service field names, as the options a person typed on the command line.
OPTION_OF = {
    "goal": "--goal",
    "reason": "--reason",
    "question": "--question",
    "message": "--message",
    "ask": "--ask",
    "why_them": "--why",
}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fit = sub.add_parser(
        "fit",
        help="rank the candidate mentors for a goal, with the reasons",
        description="Rank the people open to mentoring and your contacts for one goal: which terms "
        "of the goal meet their expertise, time-zone overlap, shared languages, free places. "
        "With --not-a-match, rule a candidate out (with a reason): they leave later rankings.",
    )
    fit.add_argument(
        "--goal", metavar="G", help="a goal id or part of its title (default: your only open goal)"
    )
    add_as_option(fit)
    fit.add_argument(
        "--limit", metavar="N", default="50", help="show at most N candidates (default 50)"
    )
    fit.add_argument("--json", action="store_true", help="machine-readable output")
    fit.add_argument(
        "--not-a-match",
        dest="not_a_match",
        metavar="NAME_OR_EMAIL",
        help="rule out a candidate: an account by e-mail, or a contact by name",
    )
    fit.add_argument("--reason", help="why they are not a match (needed with --not-a-match)")
    fit.add_argument(
        "--all-goals", action="store_true", help="with --not-a-match: for every goal, not just one"
    )
    fit.set_defaults(handler=cmd_fit)

    graph = sub.add_parser(
        "graph",
        help="your tribe: mentors, their mentors, mentees, introductions",
        description="Your mentors, their mentors (where they share them), your mentees and the "
        "introductions made, as sentences or as JSON nodes and edges.",
    )
    add_as_option(graph)
    graph.add_argument("--json", action="store_true", help="nodes and edges as JSON")
    graph.set_defaults(handler=cmd_graph)

    ask = sub.add_parser(
        "ask",
        help="draft (and record sending) the request to a prospective mentor",
        description="Print the request to WITH, drafted from the purpose statement, the ask and "
        "why them. With --send, record it as sent: the relationship moves to “asked” and a "
        "nudge falls due if no answer comes.",
    )
    ask.add_argument("with_", metavar="WITH", help="a part of their name, or their e-mail")
    add_as_option(ask)
    ask.add_argument("--send", action="store_true", help="record the request as sent")
    ask.add_argument(
        "--message",
        type=Path,
        metavar="FILE",
        help="with --send: send this text instead of the draft",
    )
    ask.add_argument(
        "--purpose", metavar="TEXT", help="set the one-sentence purpose statement first"
    )
    ask.add_argument(
        "--ask", dest="the_ask", metavar="TEXT", help="set the specific ask (time, cadence, length)"
    )
    ask.add_argument("--why", dest="why_them", metavar="TEXT", help="set why this person")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    ask.set_defaults(handler=cmd_ask)

    requests = sub.add_parser(
        "requests",
        help="requests waiting for your answer as a mentor, and the answers",
        description="List the requests waiting for your answer (oldest first), or answer one: "
        "accept, decline (with a kind message) or ask for more information.",
    )
    add_as_option(requests)
    requests.add_argument("--json", action="store_true", help="machine-readable output")
    requests.set_defaults(handler=cmd_requests)
    answers = requests.add_subparsers(dest="answer", metavar="ANSWER")

    accept = answers.add_parser(
        "accept", help="say yes: on to the intro meeting", description="Accept request ID."
    )
    _answer_tail(accept, cmd_requests_accept)

    decline = answers.add_parser(
        "decline",
        help="say no, kindly",
        description="Decline request ID with a message (default: a kind template).",
    )
    decline.add_argument("--message", metavar="TEXT", help="your own words instead of the template")
    _answer_tail(decline, cmd_requests_decline)

    question = answers.add_parser(
        "ask",
        help="ask for more information before answering",
        description="Ask the mentee a question about request ID; the request waits for the answer.",
    )
    question.add_argument("--question", metavar="TEXT", default="", help="what you want to know")
    _answer_tail(question, cmd_requests_ask)

    block = answers.add_parser(
        "block",
        help="decline, and take no more requests or introductions from this person",
        description="Block the person who sent request ID: their waiting requests are "
        "declined and they cannot ask again (undo on the blocked-people page).",
    )
    _answer_tail(block, cmd_requests_block)


def _answer_tail(
    parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]
) -> None:
    parser.add_argument("id", metavar="ID", help="the request's id (see `tribe requests`)")
    # SUPPRESS: a default here would overwrite `tribe requests --as X accept 5`.
    add_as_option(parser, default=argparse.SUPPRESS)
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print the result as JSON"
    )
    parser.set_defaults(handler=handler)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = []
    for row in (header, *rows):
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


# tribe fit --------------------------------------------------------------------


def _goal_dict(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "why": goal.why,
        "status": goal.status,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
    }


def _capacity(row: FitRow) -> str:
    if row.free_places is None:
        return "unknown"  # a contact: nobody has told Tribe
    return f"yes, {row.free_places} free" if row.has_capacity else "no, full"


def _hours(value: float) -> str:
    return f"{value:g}"


def _limit(value: str) -> int:
    try:
        limit = int(value)
    except (TypeError, ValueError):
        limit = 0
    if limit < 1:
        raise ValidationError(MSG_LIMIT, field="--limit")
    return limit


def cmd_fit(args: argparse.Namespace) -> int:
    from tribe.matching.selectors import fit_ranking, goal_for_fit

    if args.not_a_match is not None:
        return _mark_not_a_match(args)
    if args.reason is not None:
        raise ValidationError(MSG_ONLY_WITH_MARK, field="--reason")
    if args.all_goals:
        raise ValidationError(MSG_ONLY_WITH_MARK, field="--all-goals")
    limit = _limit(args.limit)
    person = resolve_person(args.as_email)
    with options_named(OPTION_OF):
        goal = goal_for_fit(person=person, goal=args.goal)
    rows = fit_ranking(person=person, goal=goal, limit=limit)
    if args.json:
        emit_json({"goal": _goal_dict(goal), "candidates": [row.as_dict() for row in rows]})
        return 0
    print(f"Candidates for “{goal.title}” (goal {goal.pk}), best first:")
    if not rows:
        print("Nobody yet: add contacts, or ask people in your programmes to open their profile.")
        return 0
    table = [
        [
            str(rank),
            row.name if row.kind == "person" else f"{row.name} (contact)",
            f"{row.score:.3f}",
            _capacity(row),
            _hours(row.explanation.overlap_hours),
            ", ".join(row.explanation.shared_languages) or "-",
            ", ".join(row.matched_terms) or "-",
        ]
        for rank, row in enumerate(rows, start=1)
    ]
    header = ["#", "name", "score", "capacity", "tz overlap h", "languages", "matched terms"]
    for line in _table(header, table, right={0, 2, 4}):
        print(line)
    return 0


def _candidate(person: Person, query: str) -> tuple[Person | None, Contact | None]:
    """The one candidate ``query`` names, among the people ``tribe fit`` would rank.

    An account is named by its e-mail; a contact by its name or e-mail. A
    full name wins over a part of one, so that "Dana" is not ambiguous just
    because "Dana Li" is a contact too.
    """
    from tribe.people.models import Contact, Person

    wanted = " ".join(query.split()).casefold()
    if not wanted:
        raise ValidationError(MSG_NO_CANDIDATE.format(query=query), field="--not-a-match")
    if "@" in wanted:
        account = (
            Person.objects.filter(
                email__iexact=wanted,
                is_active=True,
                open_to_mentoring=True,
                email_verified_at__isnull=False,
            )
            .exclude(pk=person.pk)
            .first()
        )
        if account is not None:
            return account, None
        contact = Contact.objects.filter(owner=person, email__iexact=wanted).first()
        if contact is not None:
            return _as_ranked(contact)
        raise NotFound(MSG_NO_CANDIDATE.format(query=query), field="--not-a-match")
    contacts = list(
        Contact.objects.filter(owner=person, name__icontains=wanted).select_related("person")
    )
    exact = [c for c in contacts if " ".join(c.name.split()).casefold() == wanted]
    matches = exact or contacts
    if not matches:
        raise NotFound(MSG_NO_CANDIDATE.format(query=query), field="--not-a-match")
    if len(matches) > 1:
        names = ", ".join(sorted(f"{c.name} <{c.email}>" if c.email else c.name for c in matches))
        raise ValidationError(
            MSG_AMBIGUOUS_CANDIDATE.format(query=query, count=len(matches), names=names),
            field="--not-a-match",
        )
    return _as_ranked(matches[0])


def _as_ranked(contact: Contact) -> tuple[Person | None, Contact | None]:
    # A contact who has an account is ranked as that account: rule the account out.
    if contact.person is not None:
        return contact.person, None
    return None, contact


def _mark_not_a_match(args: argparse.Namespace) -> int:
    from tribe.matching.selectors import goal_for_fit
    from tribe.matching.services import not_a_match_mark

    person = resolve_person(args.as_email)
    if args.all_goals and args.goal is not None:
        raise ValidationError("choose --goal or --all-goals, not both", field="--all-goals")
    goal = None
    if not args.all_goals:
        with options_named(OPTION_OF):
            goal = goal_for_fit(person=person, goal=args.goal)
    candidate_person, candidate_contact = _candidate(person, args.not_a_match)
    with options_named(OPTION_OF):
        mark = not_a_match_mark(
            person=person,
            reason=args.reason or "",
            goal=goal,
            candidate_person=candidate_person,
            candidate_contact=candidate_contact,
        )
    who = candidate_person or candidate_contact
    assert who is not None
    if args.json:
        emit_json(
            {
                "id": mark.pk,
                "goal": _goal_dict(goal) if goal is not None else None,
                "candidate": {
                    "kind": "person" if candidate_person is not None else "contact",
                    "id": who.pk,
                    "name": who.name,
                },
                "reason": mark.reason,
            }
        )
    else:
        scope = f"for “{goal.title}”" if goal is not None else "for all your goals"
        print(f"{who.name} is not a match {scope}: they will not be ranked again ({mark.reason}).")
    return 0


# tribe graph ------------------------------------------------------------------


def cmd_graph(args: argparse.Namespace) -> int:
    from tribe.relationships.graph import tribe_graph

    person = resolve_person(args.as_email)
    graph = tribe_graph(person=person)
    if args.json:
        emit_json(graph.as_dict())
        return 0
    sentences = graph.sentences()
    print(f"The tribe of {person.name}:")
    if not sentences:
        print("No mentors, mentees or introductions yet: `tribe fit` finds candidates for a goal.")
    for sentence in sentences:
        print(f"  {sentence}")
    return 0


# tribe ask --------------------------------------------------------------------


def _prospect(person: Person, query: str) -> Relationship:
    """The prospect relationship (``person`` the mentee) whose mentor ``query`` names."""
    from tribe.relationships.models import Relationship
    from tribe.relationships.selectors import relationships_for

    wanted = " ".join(query.split()).casefold()
    prospects = list(
        relationships_for(person=person).filter(mentee=person, status=Relationship.Status.PROSPECT)
    )

    def email(r: Relationship) -> str:
        side = r.mentor or r.mentor_contact
        return (getattr(side, "email", "") or "").casefold()

    def name(r: Relationship) -> str:
        return " ".join(r.mentor_name.split()).casefold()

    exact = [r for r in prospects if wanted and wanted in (email(r), name(r))]
    matches = exact or [r for r in prospects if wanted and wanted in name(r)]
    if not matches:
        raise NotFound(MSG_NO_PROSPECT.format(query=query), field="WITH")
    if len(matches) > 1:
        names = ", ".join(sorted(r.mentor_name for r in matches))
        raise ValidationError(
            MSG_AMBIGUOUS_PROSPECT.format(query=query, count=len(matches), names=names),
            field="WITH",
        )
    return matches[0]


def cmd_ask(args: argparse.Namespace) -> int:
    from tribe.core.zones import local
    from tribe.relationships import outreach

    person = resolve_person(args.as_email)
    if args.message is not None and not args.send:
        raise ValidationError(MSG_MESSAGE_ALONE, field="--message")
    relationship = _prospect(person, args.with_)
    if any(value is not None for value in (args.purpose, args.the_ask, args.why_them)):
        with options_named(OPTION_OF):
            relationship = outreach.outreach_prepare(
                actor=person,
                relationship=relationship,
                purpose=relationship.purpose if args.purpose is None else args.purpose,
                ask=relationship.ask if args.the_ask is None else args.the_ask,
                why_them=relationship.why_them if args.why_them is None else args.why_them,
            )
    if not relationship.purpose.strip():
        # The same refusal as sending: a request without a "why" is not worth drafting.
        raise ValidationError(outreach.MSG_NO_PURPOSE, field="purpose")
    draft = outreach.request_draft(relationship=relationship, sender=person)
    if not args.send:
        if args.json:
            emit_json(
                {
                    "relationship_id": relationship.pk,
                    "with": relationship.mentor_name,
                    "status": relationship.status,
                    "sent": False,
                    "message": draft,
                }
            )
        else:
            print(draft, end="")
        return 0
    message = draft
    if args.message is not None:
        try:
            message = args.message.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise ValidationError(
                MSG_READ.format(path=args.message, reason=reason), field="--message"
            ) from exc
    with options_named(OPTION_OF):
        sent = outreach.outreach_send(actor=person, relationship=relationship, message=message)
    assert sent.asked_at is not None
    asked_on = local(sent.asked_at, person.timezone).date()
    nudge_on = asked_on + dt.timedelta(days=person.nudge_after_days)
    if args.json:
        emit_json(
            {
                "relationship_id": sent.pk,
                "with": sent.mentor_name,
                "status": sent.status,
                "sent": True,
                "message": sent.request_message,
                "asked_at": sent.asked_at.astimezone(dt.UTC).isoformat(),
                "nudge_due_on": nudge_on.isoformat(),
            }
        )
    else:
        print(
            f"Recorded your request to {sent.mentor_name} as sent on {asked_on:%d %b %Y}. "
            f"If no answer comes, a nudge is due on {nudge_on:%d %b %Y}."
        )
    return 0


# tribe requests ---------------------------------------------------------------


def _request_dict(r: Relationship, *, mentor: Person, today: dt.date) -> dict[str, Any]:
    from tribe.core.zones import local
    from tribe.relationships.outreach import nudge_state

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
    from tribe.relationships.selectors import incoming_requests

    person = resolve_person(args.as_email)
    today = person_today(person)
    rows = [_request_dict(r, mentor=person, today=today) for r in incoming_requests(person=person)]
    if args.json:
        emit_json({"requests": rows})
        return 0
    if not rows:
        print("No requests are waiting for your answer.")
        return 0
    print(f"{len(rows)} request(s) waiting for your answer, oldest first:")
    for row in rows:
        days = row["days_waiting"]
        waited = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        asked_on = dt.date.fromisoformat(row["asked_on"])
        print()
        print(f"#{row['id']}  {row['from']}, asked {asked_on:%d %b %Y} ({waited})")
        if row["nudges_sent"]:
            print(f"    nudged {row['nudges_sent']} time(s), last on {row['last_nudge_at'][:10]}")
        if row["info_requested"]:
            print(f"    you asked: {row['info_requested']} (waiting for their answer)")
        for line in row["message"].splitlines() or [""]:
            print(f"    | {line}".rstrip())
    print()
    print(HOW_TO_ANSWER)
    return 0


def _request_for(person: Person, relationship_id: str) -> Relationship:
    from tribe.relationships.selectors import request_get_for

    return request_get_for(person=person, relationship_id=relationship_id)


def _answered(args: argparse.Namespace, r: Relationship, line: str, **extra: Any) -> int:
    if getattr(args, "json", False):
        emit_json({"id": r.pk, "from": r.mentee_name, "status": r.status, **extra})
    else:
        print(line)
    return 0


def cmd_requests_accept(args: argparse.Namespace) -> int:
    from tribe.relationships.outreach import request_accept

    person = resolve_person(args.as_email)
    relationship = _request_for(person, args.id)
    accepted = request_accept(actor=person, relationship=relationship)
    return _answered(
        args,
        accepted,
        f"Accepted {accepted.mentee_name}'s request: next comes the intro meeting, "
        "which ends with your agreement.",
    )


def cmd_requests_decline(args: argparse.Namespace) -> int:
    from tribe.relationships.outreach import decline_template, request_decline

    person = resolve_person(args.as_email)
    relationship = _request_for(person, args.id)
    message = args.message
    if message is None:
        message = decline_template(relationship=relationship, mentor=person)
    with options_named(OPTION_OF):
        declined = request_decline(actor=person, relationship=relationship, message=message)
    return _answered(
        args,
        declined,
        f"Declined {declined.mentee_name}'s request with this message:\n\n"
        + declined.decline_message,
        message=declined.decline_message,
    )


def cmd_requests_ask(args: argparse.Namespace) -> int:
    from tribe.relationships.outreach import request_ask_for_info

    person = resolve_person(args.as_email)
    relationship = _request_for(person, args.id)
    with options_named(OPTION_OF):
        asked = request_ask_for_info(
            actor=person, relationship=relationship, question=args.question
        )
    return _answered(
        args,
        asked,
        f"Asked {asked.mentee_name}: {asked.info_request} (the request waits for their answer).",
        question=asked.info_request,
    )


def cmd_requests_block(args: argparse.Namespace) -> int:
    from tribe.relationships.outreach import person_block

    person = resolve_person(args.as_email)
    relationship = _request_for(person, args.id)
    requester = relationship.created_by
    if requester.pk == person.pk:
        raise NotFound("no such relationship")
    person_block(actor=person, other=requester)
    return _answered(
        args,
        relationship,
        f"Blocked {requester.name}: no more requests or introductions from them.",
        blocked=requester.name,
    )

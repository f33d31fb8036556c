"""``tribe directory`` (the mentors open to mentoring, searched and filtered) and
``tribe search`` (one search over my own things), through the same selectors
as the pages."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tribe.cli.commands import resolve_person
from tribe.cli.errors import CliCode
from tribe.cli.output import add_command, columns, listing, options_named
from tribe.core.errors import ValidationError

if TYPE_CHECKING:
    from tribe.cli.output import SubParsers
    from tribe.matching.directory import Listing
    from tribe.search.selectors import Hit


def add_parsers(sub: SubParsers) -> None:
    directory = add_command(
        sub,
        "directory",
        handler=cmd_directory,
        help=_("list the people open to mentoring, searched and filtered"),
        description=_(
            "The mentor directory: everyone open to mentoring, with what they show mentees. "
            "QUERY ranks them by how well their offer answers it, in words or in meaning; "
            "mentors with a free place come first."
        ),
    )
    directory.add_argument("query", nargs="?", default="", metavar="QUERY")
    directory.add_argument("--expertise", default="", help=_("only mentors with this expertise"))
    directory.add_argument(
        "--language", default="", help=_("only mentors speaking it (code: en, de)")
    )
    directory.add_argument(
        "--overlap", metavar="HOURS", help=_("only mentors free at least HOURS a day when you are")
    )
    directory.add_argument(
        "--with-places",
        dest="with_places",
        action="store_true",
        help=_("only mentors with a free place"),
    )
    search = add_command(
        sub,
        "search",
        handler=cmd_search,
        help=_("search your goals, relationships, contacts, notes, advice and thanks"),
        description=_(
            "One search over what you may read: your goals, relationships and contacts, "
            "their questions, your advice log, thanks, your notes and the notes shared with you."
        ),
    )
    search.add_argument("query", metavar="QUERY")


def _overlap(value: str | None) -> float:
    if value is None:
        return 0.0
    try:
        return float(value)
    except ValueError:
        raise ValidationError(CliCode.HOURS, field="--overlap") from None


def _listing_dict(item: Listing) -> dict[str, Any]:
    p = item.person
    e = item.explanation
    return {
        "id": p.pk,
        "name": p.name,
        "headline": p.headline,
        "expertise": list(p.expertise),
        "offers": p.offers,
        "languages": list(p.languages),
        "timezone": p.timezone,
        "free_places": item.free_places,
        "overlap_hours": item.overlap_hours,
        "matched_terms": [t for t, _share in e.terms] if e else [],
        "close_in_meaning": [{"want": m.want, "offer": m.offer} for m in e.meanings] if e else [],
    }


def cmd_directory(args: argparse.Namespace) -> int:
    from tribe.matching.directory import Filters, directory

    person = resolve_person(args.as_email)
    filters = Filters(
        query=args.query,
        expertise=args.expertise,
        language=args.language,
        min_overlap_hours=_overlap(args.overlap),
        with_places=args.with_places,
    )
    with options_named({"q": "QUERY", "overlap": "--overlap"}):
        found = directory(person=person, filters=filters)
    rows = [
        [
            item.person.name,
            str(item.free_places) if item.free_places else _("full"),
            _("unknown") if item.overlap_hours is None else f"{item.overlap_hours:g}",
            ", ".join(item.person.expertise) or "-",
        ]
        for item in found
    ]
    header = [_("name"), _("free places"), _("tz overlap h"), _("expertise")]
    return listing(
        args,
        {"mentors": [_listing_dict(item) for item in found]},
        heading=_("Mentors open to mentoring:"),
        lines=columns(header, rows, right={1, 2}) if rows else [],
        empty=_("Nobody listed answers this search."),
    )


def _hit_dict(hit: Hit) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "id": hit.id,
        "relationship_id": hit.relationship_id,
        "title": hit.title,
        "snippet": hit.snippet,
        "literal": hit.literal,
    }


def cmd_search(args: argparse.Namespace) -> int:
    from tribe.search.selectors import search_mine

    person = resolve_person(args.as_email)
    with options_named({"q": "QUERY"}):
        hits = search_mine(person=person, query=args.query)
    kinds = {
        "goal": _("Goal"),
        "relationship": _("Relationship"),
        "contact": _("Contact"),
        "question": _("Question"),
        "advice": _("Advice"),
        "thanks": _("Thanks"),
        "note": _("Note"),
        "journal": _("Journal entry"),
        "touchpoint": _("Contact log"),
    }
    lines = [
        f"{kinds[hit.kind]} {hit.id}"
        + (f" ({hit.title})" if hit.title else "")
        + f": {hit.snippet}"
        for hit in hits
    ]
    return listing(
        args,
        {"query": args.query, "hits": [_hit_dict(hit) for hit in hits]},
        heading=_("Found for “{query}”:").format(query=args.query),
        lines=lines,
        empty=_("Nothing of yours matches."),
    )

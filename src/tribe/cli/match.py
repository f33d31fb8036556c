"""`tribe match`: match a whole cohort from a roster or from your own scores.

Data goes to stdout (CSV, or a JSON summary with ``--json``) or to ``--out``;
progress and the human summary go to stderr.  Bad input is a one-line message
and exit status 2, checked before any matching starts.  The command needs no
database: it reads files and calls the engine directly.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tribe.cli.errors import CliCode
from tribe.cli.output import EXIT_OK, fail
from tribe.core import clock
from tribe.core.csvsafe import cell
from tribe.core.errors import TribeError
from tribe.matching.roster import (
    Person,
    read_pairs,
    read_preferences,
    read_roster,
    read_rule_pairs,
)

if TYPE_CHECKING:
    from tribe_engine import MatchResult, Profile, Rules

__all__ = ["add_parser", "run"]

CSV_COLUMNS = ("mentee_id", "mentor_id", "score", "status", "reason", "explanation")

#: The summary's keys for the engine's figures, and the attribute each one is read from.
FAIRNESS_KEYS = {
    "min_score": "min_score",
    "mean_score": "mean_score",
    "mentor_load_min": "load_min",
    "mentor_load_max": "load_max",
    "mentor_load_std": "load_std",
    "utilisation": "utilisation",
    "unmatched_by_reason": "unmatched_by_reason",
}
PROOF_KEYS = {
    k: k for k in ("proven", "max_cardinality", "gap", "rounds", "graph_edges", "message")
}
STABILITY_KEYS = {
    "blocking_pairs": "blocking_pairs",
    "optimal_objective": "optimal_objective",
    "optimal_matched": "optimal_matched",
    "cost_of_stability": "cost",
}


def add_parser(subparsers: Any) -> None:
    """Register ``tribe match`` on an argparse subparsers object."""
    p = subparsers.add_parser(
        "match",
        help=_("match mentees to mentors for a programme (optimal or stable)"),
        description=_(
            "Match a cohort: from a roster (--participants people.csv) with explained scores "
            "and hard rules, or from your own scores (--pairs pairs.csv --mentors mentors.csv). "
            "Optimal mode matches as many mentees as possible, then maximises the total score, "
            "and proves it; stable mode leaves no mentee and mentor who would both rather be "
            "together."
        ),
    )
    p.add_argument(
        "--participants",
        metavar="FILE",
        help=_(
            "roster CSV: id,name,email,role,timezone,seniority,offers,wants,languages,"
            "capacity,manager_id (lists separated by ';')"
        ),
    )
    p.add_argument("--pairs", metavar="FILE", help=_("CSV of mentee_id,mentor_id,score"))
    p.add_argument("--mentors", metavar="FILE", help=_("CSV of id,capacity (with --pairs)"))
    p.add_argument(
        "--preferences", metavar="FILE", help=_("CSV of mentee_id,mentor_id,rank (1 = first)")
    )
    p.add_argument("--mode", choices=("optimal", "stable"), default="optimal")
    p.add_argument(
        "--objective",
        choices=("most_matched", "total_fit", "fairness_floor"),
        default="most_matched",
        help=_(
            "optimal mode's trade-off: as many matched as possible, then total score "
            "(default); the highest total score even if fewer are matched; or as many "
            "matched as possible with as few as possible below --floor"
        ),
    )
    p.add_argument(
        "--floor",
        type=float,
        default=0.3,
        metavar="SCORE",
        help=_("the lowest score wished for with --objective fairness_floor (default 0.3)"),
    )
    p.add_argument(
        "--min-overlap-hours",
        type=float,
        default=0.0,
        metavar="HOURS",
        help=_("pairs need at least this many hours a day when both are free (roster only)"),
    )
    p.add_argument(
        "--min-seniority-gap",
        type=float,
        default=None,
        metavar="YEARS",
        help=_("the mentor must be at least this much more senior (roster only)"),
    )
    p.add_argument(
        "--forbid", metavar="FILE", help=_("CSV of mentee_id,mentor_id: pairs never to make")
    )
    p.add_argument(
        "--lock", metavar="FILE", help=_("CSV of mentee_id,mentor_id: pairs to keep as they are")
    )
    p.add_argument("--out", metavar="FILE", help=_("write the pairs CSV here instead of stdout"))
    p.add_argument("--json", action="store_true", help=_("print a JSON summary on stdout"))
    p.set_defaults(handler=run, needs_db=False)


class _Progress:
    """Plain progress lines on stderr, at most twice a second, and only once
    the run has lasted a second (short runs stay quiet)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown: tuple[str, int] | None = None

    def __call__(self, stage: str, fraction: float) -> None:
        now = time.monotonic()
        if now - self.start < 1.0 or now - self.last < 0.5:
            return
        key = (stage, int(fraction * 100))
        if key == self.shown:
            return
        self.shown = key
        self.last = now
        line = _("tribe match: {stage} {percent}%").format(stage=stage, percent=f"{key[1]:3d}")
        print(line, file=self.stream, flush=True)


def _profile(p: Person, **side: Any) -> Profile:
    """What the engine knows of ``p`` on either side; ``side`` adds that side's own fields."""
    from tribe_engine import Profile

    return Profile(
        id=p.id,
        seniority=p.seniority,
        languages=p.languages,
        utc_offset_hours=p.utc_offset_hours,
        availability=p.availability,
        manager_id=p.manager_id,
        **side,
    )


def _profiles(
    people: list[Person], rankings: dict[str, list[str]]
) -> tuple[list[Profile], list[Profile]]:
    mentees = [
        _profile(p, wants_tags=p.wants, ranking=tuple(rankings.get(p.id, ())))
        for p in people
        if p.is_mentee
    ]
    mentors = [
        _profile(p, offers_tags=p.offers, capacity=p.capacity) for p in people if p.is_mentor
    ]
    return mentees, mentors


def _rules(
    args: argparse.Namespace, *, mentees: list[str], mentors: list[str], where: str
) -> Rules:
    """The hard rules the options ask for, checked before any matching."""
    from tribe_engine import Rules

    def pairs(path: str | None) -> tuple[tuple[str, str], ...]:
        if not path:
            return ()
        return tuple(read_rule_pairs(path, mentees=mentees, mentors=mentors, where=where))

    rules = Rules(
        forbidden=pairs(args.forbid),
        locked=pairs(args.lock),
        min_seniority_gap=args.min_seniority_gap,
        min_tz_overlap_hours=args.min_overlap_hours,
    )
    rules.validate(profiles=bool(args.participants))
    return rules


def _solve(
    args: argparse.Namespace, progress: _Progress, *, now: dt.datetime
) -> tuple[MatchResult, list[str]]:
    """Read the input, run the engine, return the result and one explanation
    per matched pair (in ``result.pairs()`` order). ``now`` dates the roster's
    time zones (their UTC offsets on that day)."""
    # The engine (numpy, scipy) loads here, when a match runs, not with the
    # parser: every other command starts without it.
    import numpy as np
    import scipy.sparse as sp

    from tribe_engine import EngineError, match, match_profiles

    if args.participants and (args.pairs or args.mentors):
        raise TribeError(CliCode.BOTH_INPUTS)
    if args.participants:
        path = Path(args.participants)
        people = read_roster(path, at=now)
        rankings: dict[str, list[str]] = {}
        if args.preferences:
            rankings = read_preferences(
                args.preferences,
                mentees=[p.id for p in people if p.is_mentee],
                mentors=[p.id for p in people if p.is_mentor],
                where=path.name,
            )
        mentees, mentors = _profiles(people, rankings)
        if not mentees:
            raise TribeError(CliCode.NO_MENTEES, file=path.name)
        if not mentors:
            raise TribeError(CliCode.NO_MENTORS, file=path.name)
        rules = _rules(
            args,
            mentees=[p.id for p in mentees],
            mentors=[p.id for p in mentors],
            where=path.name,
        )
        try:
            result = match_profiles(
                mentees,
                mentors,
                mode=args.mode,
                rules=rules,
                explicit_preferences=bool(rankings),
                progress=progress,
                objective=args.objective,
                floor=args.floor,
            )
        except EngineError as exc:
            # The roster was read; what the engine refuses is in its content.
            raise TribeError(CliCode.ROSTER_REFUSED, file=path.name, reason=exc.message) from exc
        return result, [e.summary() for e in result.explanations()]
    if args.pairs and args.mentors:
        data = read_pairs(args.pairs, args.mentors)
        prefs: dict[str, list[str]] = {}
        if args.preferences:
            prefs = read_preferences(
                args.preferences,
                mentees=data.mentee_ids,
                mentors=data.mentor_ids,
                where=f"{Path(args.pairs).name} / {Path(args.mentors).name}",
            )
        rules = _rules(
            args,
            mentees=list(data.mentee_ids),
            mentors=list(data.mentor_ids),
            where=f"{Path(args.pairs).name} / {Path(args.mentors).name}",
        )
        scores = sp.csr_matrix(
            (np.asarray(data.scores), (np.asarray(data.rows), np.asarray(data.cols))),
            shape=(len(data.mentee_ids), len(data.mentor_ids)),
        )
        result = match(
            scores,
            np.asarray(data.capacities),
            mode=args.mode,
            mentee_ids=data.mentee_ids,
            mentor_ids=data.mentor_ids,
            preferences=prefs or None,
            progress=progress,
            rules=rules,
            objective=args.objective,
            floor=args.floor,
        )
        return result, ["score given in pairs file" for _ in result.pairs()]
    raise TribeError(CliCode.CHOOSE_INPUT)


def _csv(result: MatchResult, explanations: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    # Ids and explanations come from the input files (an id, a tag in a roster):
    # neutralised against formula injection. The score is Tribe's own number
    # and stays one (a score may well be negative).
    for (mentee, mentor, score, locked), why in zip(result.pairs(), explanations, strict=True):
        writer.writerow(
            [
                cell(str(mentee)),  # the engine keeps any hashable id; ours are the files' text
                cell(str(mentor)),
                f"{score:.6f}",
                "locked" if locked else "matched",
                "",
                cell(why),
            ]
        )
    for u in result.unmatched:
        writer.writerow([cell(str(u.mentee)), "", "", "unmatched", cell(str(u.reason)), ""])
    return buf.getvalue()


def _picked(figures: object, keys: dict[str, str]) -> dict[str, Any]:
    return {key: getattr(figures, attribute) for key, attribute in keys.items()}


def _summary(result: MatchResult, explanations: list[str], objective: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "mode": result.mode,
        "trade_off": objective,
        "mentees": len(result.mentee_ids),
        "mentors": len(result.mentor_ids),
        "matched": result.matched,
        "unmatched": len(result.unmatched),
        "objective": result.objective,
        "fairness": _picked(result.fairness, FAIRNESS_KEYS),
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
        "pairs": [
            {"mentee": a, "mentor": b, "score": s, "locked": lk, "explanation": why}
            for (a, b, s, lk), why in zip(result.pairs(), explanations, strict=True)
        ],
        "unmatched_mentees": [
            {"mentee": u.mentee, "reason": str(u.reason)} for u in result.unmatched
        ],
    }
    if result.proof is not None:
        out["proof"] = _picked(result.proof, PROOF_KEYS)
    if result.stability is not None:
        out["stability"] = _picked(result.stability, STABILITY_KEYS)
    return out


def _human(summary: dict[str, Any]) -> str:
    # The engine's own words (the proof's message, unmatched reasons, the mode) stay
    # as they are; numbers are formatted here, so a translation cannot break them.
    # English keeps the plural in both forms of each ngettext, as it always has.
    f = summary["fairness"]
    lines = [
        ngettext(
            "{matched} of {mentees} mentees matched ({mode} mode), total score {objective}",
            "{matched} of {mentees} mentees matched ({mode} mode), total score {objective}",
            summary["mentees"],
        ).format(
            matched=summary["matched"],
            mentees=summary["mentees"],
            mode=summary["mode"],
            objective=f"{summary['objective']:.4f}",
        ),
    ]
    if "proof" in summary:
        lines.append(summary["proof"]["message"])
    if "stability" in summary:
        st = summary["stability"]
        blocking, cost = st["blocking_pairs"], st["cost_of_stability"]
        if cost is None:
            line = ngettext(
                "stable: {count} blocking pairs", "stable: {count} blocking pairs", blocking
            )
        else:
            line = ngettext(
                "stable: {count} blocking pairs; the optimum scores {cost} more",
                "stable: {count} blocking pairs; the optimum scores {cost} more",
                blocking,
            )
        lines.append(line.format(count=blocking, cost=f"{cost or 0:.4f}"))
    if f["min_score"] is not None:
        lines.append(
            _("lowest matched score {score}; mentor load {low}-{high} (std {std})").format(
                score=f"{f['min_score']:.4f}",
                low=f["mentor_load_min"],
                high=f["mentor_load_max"],
                std=f"{f['mentor_load_std']:.2f}",
            )
        )
    if summary["unmatched"]:
        reasons = ", ".join(f"{k}: {v}" for k, v in f["unmatched_by_reason"].items())
        line = _("unmatched: {count} ({reasons})")
        lines.append(line.format(count=summary["unmatched"], reasons=reasons))
    seconds = f"{summary['timings'].get('total', 0.0):.2f}"
    lines.append(_("time {seconds} s").format(seconds=seconds))
    return "\n".join(lines)


def run(args: argparse.Namespace, *, now: dt.datetime | None = None) -> int:
    """Run ``tribe match``; returns the exit status. ``now`` defaults to the clock's."""
    from tribe_engine import EngineError

    progress = _Progress(sys.stderr)
    try:
        result, explanations = _solve(args, progress, now=clock.resolve(now))
        table = _csv(result, explanations)
        if args.out:
            Path(args.out).write_text(table, encoding="utf-8")
    except (TribeError, EngineError, OSError) as exc:
        # The command needs no database and runs on its own (tests call it): it maps
        # its errors itself, the same way as every other command.
        return fail("match", exc)
    summary = _summary(result, explanations, args.objective)
    if args.json:
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif not args.out:
        sys.stdout.write(table)
    print(_human(summary), file=sys.stderr)
    return EXIT_OK

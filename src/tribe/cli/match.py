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
from typing import Any, TextIO

import numpy as np
import scipy.sparse as sp

from tribe.core.csvsafe import cell
from tribe.core.errors import TribeError
from tribe.matching.roster import Person, read_pairs, read_preferences, read_roster
from tribe_engine import EngineError, MatchResult, Profile, match, match_profiles

__all__ = ["add_parser", "run"]

EXIT_OK = 0
EXIT_USAGE = 2

MSG_CHOOSE_INPUT = "give --participants FILE, or --pairs FILE together with --mentors FILE"
MSG_BOTH_INPUTS = "--participants cannot be combined with --pairs/--mentors"
MSG_NO_MENTEES = "{file}: no mentees (role mentee or both)"
MSG_NO_MENTORS = "{file}: no mentors (role mentor or both)"

CSV_COLUMNS = ("mentee_id", "mentor_id", "score", "status", "reason", "explanation")


def add_parser(subparsers: Any) -> None:
    """Register ``tribe match`` on an argparse subparsers object."""
    p = subparsers.add_parser(
        "match",
        help="match mentees to mentors for a programme (optimal or stable)",
        description=(
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
        help="roster CSV: id,name,email,role,timezone,seniority,offers,wants,languages,"
        "capacity,manager_id (lists separated by ';')",
    )
    p.add_argument("--pairs", metavar="FILE", help="CSV of mentee_id,mentor_id,score")
    p.add_argument("--mentors", metavar="FILE", help="CSV of id,capacity (with --pairs)")
    p.add_argument(
        "--preferences", metavar="FILE", help="CSV of mentee_id,mentor_id,rank (1 = first)"
    )
    p.add_argument("--mode", choices=("optimal", "stable"), default="optimal")
    p.add_argument("--out", metavar="FILE", help="write the pairs CSV here instead of stdout")
    p.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
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
        print(f"tribe match: {stage} {key[1]:3d}%", file=self.stream, flush=True)


def _profiles(
    people: list[Person], rankings: dict[str, list[str]]
) -> tuple[list[Profile], list[Profile]]:
    mentees = [
        Profile(
            id=p.id,
            wants_tags=p.wants,
            seniority=p.seniority,
            languages=p.languages,
            utc_offset_hours=p.utc_offset_hours,
            availability=p.availability,
            manager_id=p.manager_id,
            ranking=tuple(rankings.get(p.id, ())),
        )
        for p in people
        if p.is_mentee
    ]
    mentors = [
        Profile(
            id=p.id,
            offers_tags=p.offers,
            seniority=p.seniority,
            languages=p.languages,
            utc_offset_hours=p.utc_offset_hours,
            availability=p.availability,
            capacity=p.capacity,
            manager_id=p.manager_id,
        )
        for p in people
        if p.is_mentor
    ]
    return mentees, mentors


def _solve(args: argparse.Namespace, progress: _Progress) -> tuple[MatchResult, list[str]]:
    """Read the input, run the engine, return the result and one explanation
    per matched pair (in ``result.pairs()`` order)."""
    if args.participants and (args.pairs or args.mentors):
        raise TribeError(MSG_BOTH_INPUTS)
    if args.participants:
        path = Path(args.participants)
        people = read_roster(path, at=dt.datetime.now(dt.UTC))
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
            raise TribeError(MSG_NO_MENTEES.format(file=path.name))
        if not mentors:
            raise TribeError(MSG_NO_MENTORS.format(file=path.name))
        try:
            result = match_profiles(
                mentees,
                mentors,
                mode=args.mode,
                explicit_preferences=bool(rankings),
                progress=progress,
            )
        except EngineError as exc:
            # The roster was read; what the engine refuses is in its content.
            raise TribeError(f"{path.name}: {exc.message}") from exc
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
        )
        return result, ["score given in pairs file" for _ in result.pairs()]
    raise TribeError(MSG_CHOOSE_INPUT)


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
                cell(mentee),
                cell(mentor),
                f"{score:.6f}",
                "locked" if locked else "matched",
                "",
                cell(why),
            ]
        )
    for u in result.unmatched:
        writer.writerow([cell(u.mentee), "", "", "unmatched", cell(str(u.reason)), ""])
    return buf.getvalue()


def _summary(result: MatchResult, explanations: list[str]) -> dict[str, Any]:
    f = result.fairness
    out: dict[str, Any] = {
        "mode": result.mode,
        "mentees": len(result.mentee_ids),
        "mentors": len(result.mentor_ids),
        "matched": result.matched,
        "unmatched": len(result.unmatched),
        "objective": result.objective,
        "fairness": {
            "min_score": f.min_score,
            "mean_score": f.mean_score,
            "mentor_load_min": f.load_min,
            "mentor_load_max": f.load_max,
            "mentor_load_std": f.load_std,
            "utilisation": f.utilisation,
            "unmatched_by_reason": f.unmatched_by_reason,
        },
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
        p = result.proof
        out["proof"] = {
            "proven": p.proven,
            "max_cardinality": p.max_cardinality,
            "gap": p.gap,
            "rounds": p.rounds,
            "graph_edges": p.graph_edges,
            "message": p.message,
        }
    if result.stability is not None:
        st = result.stability
        out["stability"] = {
            "blocking_pairs": st.blocking_pairs,
            "optimal_objective": st.optimal_objective,
            "optimal_matched": st.optimal_matched,
            "cost_of_stability": st.cost,
        }
    return out


def _human(summary: dict[str, Any]) -> str:
    f = summary["fairness"]
    lines = [
        f"{summary['matched']} of {summary['mentees']} mentees matched "
        f"({summary['mode']} mode), total score {summary['objective']:.4f}",
    ]
    if "proof" in summary:
        lines.append(summary["proof"]["message"])
    if "stability" in summary:
        st = summary["stability"]
        cost = st["cost_of_stability"]
        lines.append(
            f"stable: {st['blocking_pairs']} blocking pairs"
            + (f"; the optimum scores {cost:.4f} more" if cost is not None else "")
        )
    if f["min_score"] is not None:
        lines.append(
            f"lowest matched score {f['min_score']:.4f}; mentor load "
            f"{f['mentor_load_min']}-{f['mentor_load_max']} (std {f['mentor_load_std']:.2f})"
        )
    if summary["unmatched"]:
        reasons = ", ".join(f"{k}: {v}" for k, v in f["unmatched_by_reason"].items())
        lines.append(f"unmatched: {summary['unmatched']} ({reasons})")
    lines.append(f"time {summary['timings'].get('total', 0.0):.2f} s")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``tribe match``; returns the exit status."""
    progress = _Progress(sys.stderr)
    try:
        result, explanations = _solve(args, progress)
        table = _csv(result, explanations)
        if args.out:
            Path(args.out).write_text(table, encoding="utf-8")
    except (TribeError, EngineError) as exc:
        print(f"tribe match: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"tribe match: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    summary = _summary(result, explanations)
    if args.json:
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif not args.out:
        sys.stdout.write(table)
    print(_human(summary), file=sys.stderr)
    return EXIT_OK

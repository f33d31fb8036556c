"""Match runs: the engine over a programme's waiting people, stored as a
preview; the administrator's locks and bans; publishing a preview as offers.
(Longer than most modules: a run, its locks, publishing and the pair rules
share the pool, the checks and the "latest preview" rule, and read as one.)

A run reads the pool once (enrolled mentees without an open or accepted offer,
enrolled mentors with their free places), describes everyone to the engine
(``tribe_engine.Profile``: the participant's intake, the person's languages,
zone at ``now``, seniority and hours), applies the programme's rules and the
pair rules, and stores what the preview shows: every pair with the parts of
its score, the unmatched with the engine's reason, and figures (score bins,
mentor loads, the three objectives side by side, the difference from the
previous run). Publishing turns the pairs into offers, once.

The reporting line comes from the whole roster: managers need not take part,
so each person's ``manager_id`` given to the engine is their nearest
*ancestor in the roster who is in this run*, which keeps exactly the
"one is in the other's chain" relation the rule forbids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count

from tribe.core import clock
from tribe.core.errors import Conflict, NotFound, ValidationError
from tribe.core.languages import language_codes
from tribe.matching.profiles import daily_hours, utc_offset_hours, windows_by_person
from tribe.people.models import Block, Person
from tribe.programs.errors import ProgrammeCode
from tribe.programs.models import (
    Cohort,
    MatchMode,
    MatchObjective,
    MatchOffer,
    MatchRun,
    OfferStatus,
    PairRule,
    PairRuleKind,
    Participant,
    ParticipantStatus,
    Programme,
    Role,
    RunPair,
    RunStatus,
    RunUnmatched,
)
from tribe.programs.selectors import is_admin

if TYPE_CHECKING:
    from tribe_engine import MatchResult, Profile, Rules, Scorer, Weights

__all__ = [
    "SCORE_BINS",
    "pair_rule_clear",
    "pair_rule_set",
    "run_apply_rule",
    "run_create",
    "run_discard",
    "run_is_superseded",
    "run_publish",
]

#: Bins of the score distribution over [0, the highest score possible].
SCORE_BINS = 10
#: Terms of a pair's explanation kept for the preview and the offer.
TERMS_KEPT = 6
_BATCH = 2000
_TAKEN = (OfferStatus.OPEN, OfferStatus.ACCEPTED)


def _require_admin(actor: Person, programme: Programme) -> None:
    if not is_admin(person=actor, programme=programme):
        raise NotFound(ProgrammeCode.NO_PROGRAMME)


def _require_open(programme: Programme) -> None:
    """An archived programme runs no matching and publishes no offers."""
    if programme.archived_at is not None:
        raise Conflict(ProgrammeCode.ARCHIVED)


def _check_cohort(programme: Programme, cohort: Cohort | None) -> None:
    if cohort is not None and cohort.programme_id != programme.pk:
        raise NotFound(ProgrammeCode.NO_COHORT)


def _runs_of(programme: Programme, cohort: Cohort | None) -> Any:
    runs = MatchRun.objects.filter(programme=programme)
    return runs.filter(cohort=cohort) if cohort is not None else runs.filter(cohort__isnull=True)


@dataclasses.dataclass
class _Pool:
    """Who a run matches, read in a fixed number of queries."""

    mentees: list[dict[str, Any]]
    mentors: list[dict[str, Any]]
    free: dict[int, int]  # mentor participant id -> free places
    offered: dict[int, int]  # mentee id -> mentor id of an open or accepted offer
    windows: dict[int, list[Any]]
    managers: dict[int, int | None]  # participant id -> nearest manager in the run


_FIELDS = (
    "id",
    "person_id",
    "role",
    "wants",
    "offers",
    "capacity",
    "preferred",
    "avoid",
    "roster_entry_id",
    "person__timezone",
    "person__languages",
    "person__seniority",
)


def _pool(programme: Programme, cohort: Cohort | None) -> _Pool:
    people = programme.participants.filter(status=ParticipantStatus.ENROLLED)
    if cohort is not None:
        people = people.filter(cohort=cohort)
    rows = list(people.order_by("id").values(*_FIELDS))
    taken = MatchOffer.objects.filter(programme=programme, status__in=_TAKEN)
    offered = dict(taken.values_list("mentee_id", "mentor_id"))
    load = dict(
        taken.values("mentor_id").annotate(n=Count("id")).values_list("mentor_id", "n").order_by()
    )
    mentees = [r for r in rows if r["role"] in (Role.MENTEE, Role.BOTH) and r["id"] not in offered]
    mentors = [r for r in rows if r["role"] in (Role.MENTOR, Role.BOTH)]
    free = {r["id"]: max(0, r["capacity"] - load.get(r["id"], 0)) for r in mentors}
    windows = windows_by_person({r["person_id"] for r in rows})
    return _Pool(mentees, mentors, free, offered, windows, _managers(programme, rows))


def _managers(programme: Programme, rows: list[dict[str, Any]]) -> dict[int, int | None]:
    """Each participant's nearest roster ancestor who is in this run. O(roster)."""
    boss = dict(programme.roster.values_list("id", "manager_id").order_by())
    in_run = {r["roster_entry_id"]: r["id"] for r in rows if r["roster_entry_id"]}
    out: dict[int, int | None] = {}
    for r in rows:
        seen: set[int] = set()
        entry = boss.get(r["roster_entry_id"]) if r["roster_entry_id"] else None
        found = None
        while entry is not None and entry not in seen:
            seen.add(entry)
            if entry in in_run:
                found = in_run[entry]
                break
            entry = boss.get(entry)
        out[r["id"]] = found
    return out


def _profile(row: dict[str, Any], pool: _Pool, now: dt.datetime, *, mentor: bool) -> Profile:
    from tribe_engine import Profile

    manager = pool.managers.get(row["id"])
    common: dict[str, Any] = {
        "id": str(row["id"]),
        "seniority": float(row["person__seniority"] or 0),
        "languages": language_codes(row["person__languages"] or ()),
        "utc_offset_hours": utc_offset_hours(row["person__timezone"] or "UTC", now),
        "availability": daily_hours(pool.windows.get(row["person_id"], ())),
        "manager_id": None if manager is None else str(manager),
    }
    if mentor:
        return Profile(offers=row["offers"], capacity=pool.free[row["id"]], **common)
    return Profile(wants=row["wants"], ranking=tuple(str(x) for x in row["preferred"]), **common)


def _weights(programme: Programme) -> Weights:
    from tribe_engine import Weights

    return Weights(**{k: float(v) for k, v in (programme.weights or {}).items()})


def _forbidden(programme: Programme, pool: _Pool) -> set[tuple[str, str]]:
    """Pair rules' bans, everyone's avoid lists, blocks between the two people, and
    pairs one of them already declined (a no is not asked again by the next run)."""
    mentee_ids = {r["id"] for r in pool.mentees}
    mentor_ids = {r["id"] for r in pool.mentors}
    out: set[tuple[int, int]] = set()
    bans = programme.pair_rules.filter(kind=PairRuleKind.FORBID)
    out.update(bans.values_list("mentee_id", "mentor_id"))
    declined = programme.offers.filter(status=OfferStatus.DECLINED)
    out.update(declined.values_list("mentee_id", "mentor_id"))
    for r in pool.mentees:
        out.update((r["id"], int(x)) for x in r["avoid"])
    for r in pool.mentors:
        out.update((int(x), r["id"]) for x in r["avoid"])
    by_person = {r["person_id"]: r["id"] for r in (*pool.mentees, *pool.mentors)}
    blocks = Block.objects.filter(
        blocker__participations__programme=programme, blocked__participations__programme=programme
    ).values_list("blocker_id", "blocked_id")
    for a, b in blocks.order_by():
        pa, pb = by_person.get(a), by_person.get(b)
        if pa is not None and pb is not None:
            out.update({(pa, pb), (pb, pa)})
    return {(str(i), str(j)) for i, j in out if i in mentee_ids and j in mentor_ids and i != j}


def _rules(programme: Programme, forbidden: Iterable[tuple[str, str]], locked: Any) -> Rules:
    from tribe_engine import Rules

    return Rules(
        forbidden=tuple(sorted(forbidden)),
        locked=tuple(sorted(locked)),
        min_seniority_gap=programme.min_seniority_gap,
        require_shared_language=programme.require_shared_language,
        min_tz_overlap_hours=float(programme.min_overlap_hours),
        forbid_same_reporting_line=programme.forbid_same_reporting_line,
    )


def _locks(
    programme: Programme, previous: MatchRun | None, keep: bool, scorer: Scorer
) -> tuple[dict[str, str], set[str], list[dict[str, Any]]]:
    """The pairs kept as they are: the administrator's locks, then (with
    ``keep``) the previous preview's pairs, each only where it is still
    allowed and the mentor has a place. Returns locked pairs, the mentees kept
    from the previous run, and the locks that could not be kept, with why."""
    e_ids, r_ids = scorer.mentee_index, scorer.mentor_index
    wanted: list[tuple[str, str, bool]] = [
        (str(i), str(j), False)
        for i, j in programme.pair_rules.filter(kind=PairRuleKind.LOCK)
        .values_list("mentee_id", "mentor_id")
        .order_by("id")
    ]
    if keep and previous is not None and previous.status == RunStatus.PREVIEW:
        pairs = previous.pairs.values_list("mentee_id", "mentor_id").order_by("-score", "id")
        wanted += [(str(i), str(j), True) for i, j in pairs]
    wanted = [w for w in wanted if w[0] in e_ids and w[1] in r_ids]
    if not wanted:
        return {}, set(), []
    import numpy as np

    ri = np.array([e_ids[a] for a, _, _ in wanted], dtype=np.int64)
    rj = np.array([r_ids[b] for _, b, _ in wanted], dtype=np.int64)
    masks = scorer.rule_masks(ri, rj)
    seats = {p.id: p.capacity for p in scorer.mentors}
    locked: dict[str, str] = {}
    kept: set[str] = set()
    refused: list[dict[str, Any]] = []
    for k, (a, b, from_previous) in enumerate(wanted):
        broken = [str(reason) for reason, mask in masks.items() if mask[k]]
        if a in locked:
            continue
        if broken or seats[b] <= 0:
            if not from_previous:
                refused.append({"mentee": int(a), "mentor": int(b), "why": broken or ["capacity"]})
            continue
        locked[a] = b
        seats[b] -= 1
        if from_previous:
            kept.add(a)
    return locked, kept, refused


def _explanation(e: Any) -> dict[str, Any]:
    return {
        "parts": {k: round(v, 4) for k, v in e.contributions.items()},
        "terms": [[t, round(s, 4)] for t, s in e.terms[:TERMS_KEPT]],
        "unknown": list(e.unknown),
        "overlap_hours": None if e.overlap_hours is None else round(e.overlap_hours, 2),
        "languages": list(e.shared_languages),
    }


def _figures(result: MatchResult) -> dict[str, Any]:
    f = result.fairness
    return {
        "matched": result.matched,
        "total_fit": round(result.objective, 4),
        "lowest": None if f.min_score is None else round(f.min_score, 4),
    }


def _bins(scores: Iterable[float], top: float) -> list[int]:
    counts = [0] * SCORE_BINS
    for s in scores:
        counts[min(SCORE_BINS - 1, max(0, int(s / top * SCORE_BINS)) if top > 0 else 0)] += 1
    return counts


def _diff(previous: MatchRun | None, now_pairs: Mapping[int, int]) -> dict[str, Any] | None:
    if previous is None:
        return None
    before = dict(previous.pairs.values_list("mentee_id", "mentor_id").order_by())
    kept = sum(1 for i, j in now_pairs.items() if before.get(i) == j)
    changed = sum(1 for i, j in now_pairs.items() if i in before and before[i] != j)
    return {
        "previous": previous.pk,
        "kept": kept,
        "added": sum(1 for i in now_pairs if i not in before),
        "changed": changed,
        "dropped": sum(1 for i in before if i not in now_pairs),
    }


def _refused(exc: Any) -> ValidationError:
    return ValidationError(
        ProgrammeCode.RUN_REFUSED, field=exc.field or "settings", problem=exc.message
    )


def _scorer(
    mentees: list[Profile], mentors: list[Profile], weights: Weights, rules: Rules
) -> Scorer:
    from tribe_engine import EngineError, Scorer

    try:
        return Scorer(mentees, mentors, weights=weights, rules=rules)
    except EngineError as exc:
        raise _refused(exc) from exc


def _solve(scorer: Scorer, *, mode: str, objective: str, floor: float) -> MatchResult:
    from tribe_engine import EngineError, match_scorer

    try:
        return match_scorer(
            scorer,
            mode=mode,  # type: ignore[arg-type]
            objective=objective,  # type: ignore[arg-type]
            floor=floor,
            compare=False,
        )
    except EngineError as exc:
        raise _refused(exc) from exc


@transaction.atomic
def run_create(
    *,
    actor: Person,
    programme: Programme,
    cohort: Cohort | None = None,
    now: dt.datetime | None = None,
    objective: str | None = None,
    keep: bool = True,
) -> MatchRun:
    """Match the programme's (or the cohort's) waiting mentees and store the preview.

    ``objective`` defaults to the programme's; ``keep`` keeps the previous
    preview's pairs that are still possible (incremental rematch). Mentees
    with an open or accepted offer keep it and are not matched again.
    A fixed number of queries, whatever the size of the pool.
    """
    _require_admin(actor, programme)
    _require_open(programme)
    _check_cohort(programme, cohort)
    chosen = objective or programme.objective
    if chosen not in MatchObjective.values:
        raise ValidationError(
            ProgrammeCode.BAD_CHOICE,
            field="objective",
            value=chosen,
            allowed=", ".join(MatchObjective.values),
        )
    moment = clock.resolve(now)
    pool = _pool(programme, cohort)
    if not pool.mentees:
        raise ValidationError(ProgrammeCode.RUN_EMPTY, field="cohort")
    previous = (
        _runs_of(programme, cohort).exclude(status=RunStatus.DISCARDED).order_by("-id").first()
    )
    mentees = [_profile(r, pool, moment, mentor=False) for r in pool.mentees]
    mentors = [_profile(r, pool, moment, mentor=True) for r in pool.mentors]
    mentor_ids = {p.id for p in mentors}
    mentees = [
        dataclasses.replace(p, ranking=tuple(x for x in p.ranking if x in mentor_ids))
        for p in mentees
    ]
    weights = _weights(programme)
    base = _rules(programme, _forbidden(programme, pool), ())
    # One scorer (and one candidate graph) for the locks and all three runs.
    scorer = _scorer(mentees, mentors, weights, base)
    locked, kept, refused = _locks(programme, previous, keep, scorer)
    scorer = scorer.with_locked(sorted(locked.items()))
    rules = scorer.rules
    floor = float(programme.fairness_floor)
    optimal = programme.mode == MatchMode.OPTIMAL
    side: dict[str, dict[str, Any]] = {}
    result = None
    # The preview shows what each trade-off gives (optimal mode, same locks).
    for name in MatchObjective.values:
        one = _solve(scorer, mode="optimal", objective=name, floor=floor)
        side[name] = _figures(one)
        if optimal and name == chosen:
            result = one
    if result is None:
        result = _solve(scorer, mode="stable", objective="most_matched", floor=floor)
    return _store(
        actor=actor,
        programme=programme,
        cohort=cohort,
        previous=previous,
        result=result,
        pool=pool,
        chosen=chosen,
        kept=kept,
        refused=refused,
        side=side,
        weights=weights,
        rules=rules,
        keep=keep,
    )


def _store(
    *,
    actor: Person,
    programme: Programme,
    cohort: Cohort | None,
    previous: MatchRun | None,
    result: MatchResult,
    pool: _Pool,
    chosen: str,
    kept: set[str],
    refused: list[dict[str, Any]],
    side: dict[str, dict[str, Any]],
    weights: Weights,
    rules: Rules,
    keep: bool,
) -> MatchRun:
    pairs = result.pairs()
    explanations = result.explanations()
    locks = {
        str(i)
        for i, _ in programme.pair_rules.filter(kind=PairRuleKind.LOCK).values_list(
            "mentee_id", "mentor_id"
        )
    }
    f = result.fairness
    seats = sum(pool.free.values())
    proof = result.proof
    loads: dict[str, int] = {}
    per_mentor: dict[str, int] = {}
    for _, b, _, _ in pairs:
        per_mentor[str(b)] = per_mentor.get(str(b), 0) + 1
    for r in pool.mentors:
        if pool.free[r["id"]] > 0:
            n = str(per_mentor.get(str(r["id"]), 0))
            loads[n] = loads.get(n, 0) + 1
    now_pairs = {int(str(a)): int(str(b)) for a, b, _, _ in pairs}
    now_pairs.update({i: j for i, j in pool.offered.items() if i not in now_pairs})
    summary = {
        "mentees": len(pool.mentees),
        "mentors": len(pool.mentors),
        "seats": seats,
        "shortfall": max(0, len(pool.mentees) - seats),
        "matched": result.matched,
        "unmatched": len(result.unmatched),
        "objective": chosen,
        "objective_value": round(result.objective, 4),
        "proof": None
        if proof is None
        else {"proven": proof.proven, "gap": proof.gap, "message": proof.message},
        "stability": None
        if result.stability is None
        else {"blocking_pairs": result.stability.blocking_pairs},
        "score_bins": _bins((s for _, _, s, _ in pairs), weights.max_score),
        "score_top": weights.max_score,
        "lowest": None if f.min_score is None else round(f.min_score, 4),
        "mean": None if f.mean_score is None else round(f.mean_score, 4),
        "loads": {
            "min": f.load_min,
            "max": f.load_max,
            "std": round(f.load_std, 3),
            "utilisation": round(f.utilisation, 3),
            "mentors_by_load": dict(sorted(loads.items(), key=lambda kv: int(kv[0]))),
        },
        "unmatched_by_reason": f.unmatched_by_reason,
        "compare": side,
        "kept": len(kept),
        "locks_refused": refused,
        "diff": _diff(previous, now_pairs),
    }
    settings = {
        "mode": programme.mode,
        "objective": chosen,
        "fairness_floor": programme.fairness_floor,
        "keep": keep,
        "weights": dataclasses.asdict(weights),
        "rules": {
            "min_seniority_gap": rules.min_seniority_gap,
            "require_shared_language": rules.require_shared_language,
            "min_tz_overlap_hours": rules.min_tz_overlap_hours,
            "forbid_same_reporting_line": rules.forbid_same_reporting_line,
            "forbidden_pairs": len(rules.forbidden),
            "locked_pairs": len(rules.locked),
        },
    }
    run = MatchRun.objects.create(
        programme=programme,
        cohort=cohort,
        previous=previous,
        settings=settings,
        summary=summary,
        created_by=actor,
    )
    RunPair.objects.bulk_create(
        (
            RunPair(
                run=run,
                mentee_id=int(str(a)),
                mentor_id=int(str(b)),
                score=round(s, 6),
                locked=is_locked and str(a) in locks,
                kept=str(a) in kept,
                explanation=_explanation(e),
            )
            for (a, b, s, is_locked), e in zip(pairs, explanations, strict=True)
        ),
        batch_size=_BATCH,
    )
    RunUnmatched.objects.bulk_create(
        (
            RunUnmatched(run=run, mentee_id=int(str(u.mentee)), reason=str(u.reason))
            for u in result.unmatched
        ),
        batch_size=_BATCH,
    )
    return run


def run_is_superseded(run: MatchRun) -> bool:
    """A later run (not discarded) of the same pool exists: this preview can no longer
    be published. One query."""
    return _latest_conflict(run)


def _latest_conflict(run: MatchRun) -> bool:
    later = _runs_of(run.programme, run.cohort).filter(pk__gt=run.pk)
    return bool(later.exclude(status=RunStatus.DISCARDED).exists())


@transaction.atomic
def run_publish(*, actor: Person, run: MatchRun, now: dt.datetime | None = None) -> int:
    """Create one offer per pair of the preview, exactly once; returns how many.

    The run's row is locked first, so a second publish (or two racing) finds
    it published and creates nothing. A run that is not the latest preview,
    or whose people changed (left, offered elsewhere, a mentor now full, a
    block), is refused: run again.
    """
    programme = run.programme
    _require_admin(actor, programme)
    run = (
        MatchRun.objects.select_for_update(of=("self",))
        .select_related("programme", "cohort")
        .get(pk=run.pk)
    )
    _require_open(run.programme)
    if run.status != RunStatus.PREVIEW:
        raise Conflict(ProgrammeCode.RUN_NOT_PREVIEW, field="run", status=run.get_status_display())
    if _latest_conflict(run):
        raise Conflict(ProgrammeCode.RUN_NOT_LATEST, field="run")
    moment = clock.resolve(now)
    pairs = list(run.pairs.values("mentee_id", "mentor_id", "score", "explanation").order_by("id"))
    stale = _stale(programme, pairs)
    if stale:
        raise Conflict(ProgrammeCode.RUN_STALE, field="run", count=stale)
    MatchOffer.objects.bulk_create(
        (
            MatchOffer(
                programme=programme,
                run=run,
                mentee_id=p["mentee_id"],
                mentor_id=p["mentor_id"],
                score=p["score"],
                explanation=p["explanation"],
            )
            for p in pairs
        ),
        batch_size=_BATCH,
    )
    run.status = RunStatus.PUBLISHED
    run.published_at = moment
    run.published_by = actor
    run.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return len(pairs)


def _stale(programme: Programme, pairs: Sequence[Mapping[str, Any]]) -> int:
    """How many pairs are no longer possible. Four queries."""
    enrolled = programme.participants.filter(status=ParticipantStatus.ENROLLED)
    rows = dict(enrolled.values_list("id", "capacity").order_by())
    persons = dict(enrolled.values_list("id", "person_id").order_by())
    taken = MatchOffer.objects.filter(programme=programme, status__in=_TAKEN)
    offered = set(taken.values_list("mentee_id", flat=True))
    load = dict(
        taken.values("mentor_id").annotate(n=Count("id")).values_list("mentor_id", "n").order_by()
    )
    blocks = set(
        Block.objects.filter(
            blocker__participations__programme=programme,
            blocked__participations__programme=programme,
        )
        .values_list("blocker_id", "blocked_id")
        .order_by()
    )
    wanted: dict[int, int] = {}
    bad = 0
    for p in pairs:
        e, r = p["mentee_id"], p["mentor_id"]
        wanted[r] = wanted.get(r, 0) + 1
        a, b = persons.get(e), persons.get(r)
        if e not in rows or r not in rows or e in offered or (a, b) in blocks or (b, a) in blocks:
            bad += 1
    for r, n in wanted.items():
        if r in rows and load.get(r, 0) + n > rows[r]:
            bad += 1
    return bad


@transaction.atomic
def run_discard(*, actor: Person, run: MatchRun) -> MatchRun:
    """Set a preview aside; its pairs are not offered and the next run ignores them."""
    _require_admin(actor, run.programme)
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.PREVIEW:
        raise Conflict(ProgrammeCode.RUN_NOT_PREVIEW, field="run", status=run.get_status_display())
    run.status = RunStatus.DISCARDED
    run.save(update_fields=["status", "updated_at"])
    return run


def _participant(programme: Programme, participant_id: int, *, mentor: bool) -> Participant:
    found = programme.participants.filter(
        pk=participant_id, status=ParticipantStatus.ENROLLED
    ).first()
    roles = (Role.MENTOR, Role.BOTH) if mentor else (Role.MENTEE, Role.BOTH)
    if found is None or found.role not in roles:
        code = ProgrammeCode.NOT_A_MENTOR if mentor else ProgrammeCode.NOT_A_MENTEE
        raise ValidationError(code, field="mentor" if mentor else "mentee", value=participant_id)
    return found


@transaction.atomic
def pair_rule_set(
    *, actor: Person, programme: Programme, mentee: int, mentor: int, kind: str
) -> PairRule:
    """Lock (keep in every later run) or forbid (never) the pair of two
    participants, by id. A mentee has at most one locked mentor: locking
    another replaces the first."""
    _require_admin(actor, programme)
    if kind not in PairRuleKind.values:
        raise ValidationError(
            ProgrammeCode.BAD_RULE_KIND,
            field="kind",
            value=kind,
            allowed=", ".join(PairRuleKind.values),
        )
    a = _participant(programme, mentee, mentor=False)
    b = _participant(programme, mentor, mentor=True)
    if a.pk == b.pk:
        raise ValidationError(ProgrammeCode.SELF_NAMED, field="mentor")
    if kind == PairRuleKind.LOCK:
        programme.pair_rules.filter(mentee=a, kind=PairRuleKind.LOCK).exclude(mentor=b).delete()
    rule, _ = PairRule.objects.update_or_create(
        programme=programme, mentee=a, mentor=b, defaults={"kind": kind, "created_by": actor}
    )
    return rule


@transaction.atomic
def pair_rule_clear(*, actor: Person, programme: Programme, mentee: int, mentor: int) -> int:
    """Remove the lock or ban on a pair; returns how many rules went (0 or 1)."""
    _require_admin(actor, programme)
    deleted, _ = programme.pair_rules.filter(mentee_id=mentee, mentor_id=mentor).delete()
    return deleted


@transaction.atomic
def run_apply_rule(
    *,
    actor: Person,
    run: MatchRun,
    mentee: int,
    mentor: int,
    kind: str,
    now: dt.datetime | None = None,
) -> MatchRun:
    """Lock or forbid a pair of a preview and run again around it (keeping the
    preview's other pairs where still possible)."""
    programme = run.programme
    pair_rule_set(actor=actor, programme=programme, mentee=mentee, mentor=mentor, kind=kind)
    return run_create(
        actor=actor,
        programme=programme,
        cohort=run.cohort,
        now=now,
        objective=run.settings.get("objective"),
        keep=True,
    )

"""Benchmarks of the matching engine (issue 6), side by side in one run.

    python bench/engine_bench.py                 # every suite
    python bench/engine_bench.py stable lsa      # some suites
    python bench/engine_bench.py scale --cap 900

Suites
------
stable   mentee-proposing deferred acceptance vs the ``matching`` package's
         hospital-residents solver on the same preference lists; checks the
         two stable matchings are identical.
lsa      optimal mode vs ``scipy.optimize.linear_sum_assignment`` on the dense
         matrix of mentor seats (every pair allowed); checks the objectives.
ortools  optimal mode from profiles (with its proof) vs OR-Tools min-cost flow
         on a plain top-k candidate graph built from the same scores.
scale    100,000 mentees x 30,000 mentors with rules, from profiles to a proven
         optimum, in a fresh process so its peak RSS is its own.
rank     one person ranking 5,000 candidate mentors for one goal.

Every cohort is generated from a fixed seed (``bench/engine_data.py``).  Runs
that may take very long (the ``matching`` package, dense LSA at 10,000) run in
a child process with a time cap; a capped run is reported as a lower bound.
Results print as Markdown tables for bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from engine_data import RULES, make_cohort, make_pairs  # noqa: E402

from tribe_engine import Profile, Scorer, match, match_profiles, rank_candidates  # noqa: E402

SIZES = [(500, 150), (10_000, 3_000)]
BIG = (100_000, 30_000)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def child(kind: str, payload: dict[str, Any], cap: float) -> tuple[dict[str, Any] | None, float]:
    """Run ``kind`` in a fresh interpreter; returns (result or None, seconds)."""
    t = time.perf_counter()
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, json.dumps(payload)],
            capture_output=True,
            text=True,
            timeout=cap,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - t
    except subprocess.CalledProcessError as exc:  # pragma: no cover - shown to the reader
        print(exc.stderr, file=sys.stderr)
        raise
    return json.loads(out.stdout.strip().splitlines()[-1]), time.perf_counter() - t


# ------------------------------------------------------------------- stable
def preference_lists(scores: sp.csr_matrix) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Strict lists in the engine's order: score descending, then lower index."""
    coo = sp.coo_matrix(scores)
    r, c, s = coo.row, coo.col, coo.data
    mentee = {}
    order = np.lexsort((c, -s, r))
    for i, j in zip(r[order].tolist(), c[order].tolist(), strict=True):
        mentee.setdefault(f"e{i}", []).append(f"r{j}")
    mentor = {}
    order = np.lexsort((r, -s, c))
    for i, j in zip(r[order].tolist(), c[order].tolist(), strict=True):
        mentor.setdefault(f"r{j}", []).append(f"e{i}")
    return mentee, mentor


def run_matching_package(payload: dict[str, Any]) -> dict[str, Any]:
    """The package deep-copies its player graph recursively: give it a deep
    stack (a thread with a big stack and a high recursion limit)."""
    import threading

    out: dict[str, Any] = {}
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=lambda: out.update(_matching_package(payload)))
    worker.start()
    worker.join()
    if not out:
        raise RuntimeError("the matching package run failed")
    return out


def _matching_package(payload: dict[str, Any]) -> dict[str, Any]:
    import warnings

    from matching.games import HospitalResident

    n, m = payload["n"], payload["m"]
    scores, caps = make_pairs(n, m, k=payload["k"], seed=payload["seed"])
    mentee, mentor = preference_lists(scores)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            mentee, mentor, {f"r{j}": int(caps[j]) for j in range(m)}
        )
        t1 = time.perf_counter()
        result = game.solve(optimal="resident")
    t2 = time.perf_counter()
    pairs = sorted(
        (int(str(res)[1:]), int(str(hosp)[1:]))
        for hosp, residents in result.items()
        for res in residents
    )
    return {"build": t1 - t0, "solve": t2 - t1, "pairs": pairs}


def suite_stable(cap: float) -> None:
    print("\n### Stable mode vs the `matching` package (hospital-residents, resident-optimal)\n")
    print("Same strict preference lists for both (score order, ties to the lower index; mentors")
    print("rank the mentees who list them).  `matching` times are building its game objects and")
    print("solving; the ratios compare the totals and the solve alone.\n")
    print(
        "| mentees x mentors | list length | pairs | Tribe engine | `matching` build + solve "
        "| ratio total (solve alone) | same matching |"
    )
    print("|---|---|---|---|---|---|---|")
    for n, m in SIZES:
        for k in (10, 100):
            scores, caps = make_pairs(n, m, k=k, seed=1)
            t = time.perf_counter()
            ours = match(scores, caps, mode="stable", compare=False)
            t_ours = time.perf_counter() - t
            got, _ = child("matching", {"n": n, "m": m, "k": k, "seed": 1}, cap)
            if got is None:
                theirs = f"> {cap:.0f} s (capped)"
                ratio = f"> {cap / t_ours:,.0f}x"
                same = "n/a (capped)"
            else:
                total = got["build"] + got["solve"]
                theirs = f"{total:.2f} s ({got['build']:.2f} + {got['solve']:.2f})"
                ratio = f"{total / t_ours:,.0f}x ({got['solve'] / t_ours:,.1f}x)"
                mine = sorted((i, int(j)) for i, j in enumerate(ours.mentor_of.tolist()) if j >= 0)
                same = "yes" if mine == [tuple(p) for p in got["pairs"]] else "NO"
            print(
                f"| {n:,} x {m:,} | {k} | {scores.nnz:,} | {t_ours:.3f} s "
                f"({ours.stability.blocking_pairs} blocking) | {theirs} | {ratio} | {same} |",
                flush=True,
            )


# ---------------------------------------------------------------------- lsa
def run_lsa(payload: dict[str, Any]) -> dict[str, Any]:
    from scipy.optimize import linear_sum_assignment

    n, m, cap = payload["n"], payload["m"], payload["cap"]
    rng = np.random.default_rng(payload["seed"])
    scores = rng.random((n, m))
    t0 = time.perf_counter()
    seats = np.repeat(np.arange(m), cap)
    cost = scores[:, seats]
    rows, cols = linear_sum_assignment(cost, maximize=True)
    t1 = time.perf_counter()
    return {
        "time": t1 - t0,
        "objective": float(scores[rows, seats[cols]].sum()),
        "matched": len(rows),
    }


def suite_lsa(cap: float) -> None:
    print("\n### Optimal mode vs `scipy.optimize.linear_sum_assignment` on mentor seats (dense)\n")
    print(
        "| mentees x mentors | Tribe engine (with proof) | LSA on seats | ratio | objective (engine / LSA) |"  # noqa: E501
    )
    print("|---|---|---|---|---|")
    for n, m in SIZES:
        rng = np.random.default_rng(2)
        scores = rng.random((n, m))
        caps = np.full(m, 4)
        t = time.perf_counter()
        ours = match(scores, caps)
        t_ours = time.perf_counter() - t
        got, _ = child("lsa", {"n": n, "m": m, "cap": 4, "seed": 2}, cap)
        if got is None:
            print(
                f"| {n:,} x {m:,} | {t_ours:.2f} s | > {cap:.0f} s (capped) | > {cap / t_ours:.0f}x | "  # noqa: E501
                f"{ours.objective:.6f} / n/a |",
                flush=True,
            )
            continue
        print(
            f"| {n:,} x {m:,} | {t_ours:.2f} s (proven: {ours.proof.proven}, gap {ours.proof.gap:.1e}) "  # noqa: E501
            f"| {got['time']:.2f} s | {got['time'] / t_ours:.1f}x | "
            f"{ours.objective:.6f} / {got['objective']:.6f} (diff {abs(ours.objective - got['objective']):.1e}) |",  # noqa: E501
            flush=True,
        )


# ------------------------------------------------------------------ ortools
def plain_ortools(
    rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, caps: np.ndarray, n: int, m: int
) -> tuple[np.ndarray, float]:
    """OR-Tools max flow of min cost on the given graph, scores scaled to 1e9."""
    from ortools.graph.python import min_cost_flow

    t = time.perf_counter()
    e = len(rows)
    src, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, src), rows, np.arange(m) + n])
    heads = np.concatenate([np.arange(n), cols + n, np.full(m, sink)])
    capa = np.concatenate([np.ones(n + e, dtype=np.int64), caps.astype(np.int64)])
    cost = np.concatenate(
        [np.zeros(n, np.int64), -np.rint(scores * 1e9).astype(np.int64), np.zeros(m, np.int64)]
    )
    f = min_cost_flow.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost(tails, heads, capa, cost)
    f.set_node_supply(src, n)
    f.set_node_supply(sink, -n)
    status = f.solve_max_flow_with_min_cost()
    assert status == f.OPTIMAL
    used = np.asarray(f.flows(np.arange(n, n + e))) > 0
    return used, time.perf_counter() - t


def exact_top_k(scorer: Scorer, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The true top-k allowed mentors of every mentee, scoring every pair
    (the best graph a plain top-k approach could be given; not timed)."""
    n = scorer.shape[0]
    rs, cs, ss = [], [], []
    for chunk, block in scorer.iter_score_rows(np.arange(n, dtype=np.int64)):
        kk = min(k, block.shape[1])
        top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(block, top, axis=1)
        ok = np.isfinite(vals)
        rs.append(np.repeat(chunk, kk).reshape(-1, kk)[ok])
        cs.append(top[ok].astype(np.int64))
        ss.append(vals[ok])
    return np.concatenate(rs), np.concatenate(cs), np.concatenate(ss)


def suite_ortools(big: bool) -> None:
    print("\n### Optimal mode vs OR-Tools min-cost flow on a plain top-k graph\n")
    print("OR-Tools solves only the graph it is given and says nothing about pairs outside it;")
    print("the engine starts from a top-8 graph, widens it where a left-out pair could help and")
    print("proves the result optimal over every allowed pair.\n")
    print("**Own scores** (`make_pairs`: 40 allowed mentors per mentee, a quarter among popular")
    print("mentors; the whole matrix is the problem).  Engine time is the whole `match()` call")
    print("(validation, top-k, solve, proof); OR-Tools time is its solve of the graph it gets.\n")
    print("| mentees x mentors | solver | graph edges | time | matched | objective | optimal? |")
    print("|---|---|---|---|---|---|---|")
    for n, m in [*SIZES, *([BIG] if big else [])]:
        scores, caps = make_pairs(n, m, k=40, seed=4)
        t = time.perf_counter()
        ours = match(scores, caps, k=8)
        t_ours = time.perf_counter() - t
        p = ours.proof
        print(
            f"| {n:,} x {m:,} | Tribe engine, top-8 + proof | {p.graph_edges:,} | {t_ours:.2f} s | "
            f"{ours.matched:,} | {ours.objective:.4f} | proven (gap {p.gap:.1e}, {p.rounds} widenings) |",  # noqa: E501
            flush=True,
        )
        coo = sp.coo_matrix(scores)
        for k in (8, 40):
            order = np.lexsort((coo.col, -coo.data, coo.row))
            r, c, v = coo.row[order], coo.col[order], coo.data[order]
            rank = np.arange(len(r)) - np.searchsorted(r, r)
            keep = rank < k
            used, t_solve = plain_ortools(
                r[keep].astype(np.int64), c[keep].astype(np.int64), v[keep], caps, n, m
            )
            obj = float(v[keep][used].sum())
            verdict = (
                "equal to the proven optimum"
                if abs(obj - ours.objective) < 1e-6
                else (f"no: {ours.objective - obj:.4f} short")
            )
            print(
                f"| {n:,} x {m:,} | OR-Tools, plain top-{k} | {int(keep.sum()):,} | {t_solve:.2f} s | "  # noqa: E501
                f"{int(used.sum()):,} | {obj:.4f} | {verdict}, unproven |",
                flush=True,
            )
    print("\n**From profiles** (rules on).  The plain graphs are the exact top-k of every allowed")
    print("pair, computed by scoring all pairs (not timed: the best a plain top-k could get).")
    print("Engine time is end to end from profiles; OR-Tools time is its solve alone.\n")
    print("| mentees x mentors | solver | graph edges | time | matched | objective | optimal? |")
    print("|---|---|---|---|---|---|---|")
    for n, m in SIZES:
        mentees, mentors = make_cohort(n, m, seed=1)
        t = time.perf_counter()
        ours = match_profiles(mentees, mentors, rules=RULES)
        t_ours = time.perf_counter() - t
        p = ours.proof
        print(
            f"| {n:,} x {m:,} | Tribe engine, k=8 + proof | {p.graph_edges:,} | {t_ours:.2f} s "
            f"(solve+proof {ours.timings['solve'] + ours.timings['proof']:.2f} s) | {ours.matched:,} | "  # noqa: E501
            f"{ours.objective:.4f} | proven (gap {p.gap:.1e}, {p.rounds} widenings) |",
            flush=True,
        )
        scorer = Scorer(mentees, mentors, rules=RULES)
        for k in (8, 32):
            r, c, v = exact_top_k(scorer, k)
            used, t_solve = plain_ortools(r, c, v, scorer.capacities, n, m)
            obj = float(v[used].sum())
            verdict = (
                "equal to the proven optimum"
                if abs(obj - ours.objective) < 1e-6
                else (f"no: {ours.objective - obj:.4f} short")
            )
            print(
                f"| {n:,} x {m:,} | OR-Tools, exact top-{k} | {len(r):,} | {t_solve:.2f} s | "
                f"{int(used.sum()):,} | {obj:.4f} | {verdict}, unproven |",
                flush=True,
            )


# -------------------------------------------------------------------- scale
def run_scale(payload: dict[str, Any]) -> dict[str, Any]:
    n, m = payload["n"], payload["m"]
    t0 = time.perf_counter()
    mentees, mentors = make_cohort(n, m, seed=payload["seed"])
    t1 = time.perf_counter()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = match_profiles(mentees, mentors, rules=RULES)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    p = result.proof
    assert p is not None
    return {
        "generate": t1 - t0,
        "match": t2 - t1,
        "cpu": time.process_time(),
        "timings": result.timings,
        "peak_rss_gb": peak / 1024**2,
        "rss_after_generation_gb": rss_before / 1024**2,
        "matched": result.matched,
        "objective": result.objective,
        "proven": p.proven,
        "max_cardinality": p.max_cardinality,
        "gap": p.gap,
        "rounds": p.rounds,
        "edges": p.graph_edges,
        "by_bound": p.rows_by_bound,
        "checked": p.rows_checked,
        "min_score": result.fairness.min_score,
        "load": [result.fairness.load_min, result.fairness.load_max, result.fairness.load_std],
        "unmatched": result.fairness.unmatched_by_reason,
    }


def suite_scale(cap: float) -> None:
    n, m = BIG
    print(
        f"\n### {n:,} mentees x {m:,} mentors, capacity 4, rules from profiles, to a proven optimum\n"  # noqa: E501
    )
    got, _ = child("scale", {"n": n, "m": m, "seed": 1}, cap)
    if got is None:
        print(f"did not finish within {cap:.0f} s")
        return
    t = got["timings"]
    print("| phase | seconds |")
    print("|---|---|")
    for key in ("validate", "candidates", "solve", "proof", "total"):
        print(f"| {key} | {t.get(key, 0.0):.2f} |")
    print()
    print(
        f"Proven optimal: {got['proven']} (maximum cardinality: {got['max_cardinality']}), "
        f"gap {got['gap']:.1e}; matched {got['matched']:,}, objective {got['objective']:.4f}; "
        f"{got['rounds']} widening rounds, final graph {got['edges']:,} edges; "
        f"{got['by_bound']:,} mentees settled by bound, {got['checked']:,} screened by group.  "
        f"Peak RSS {got['peak_rss_gb']:.2f} GB (it was {got['rss_after_generation_gb']:.2f} GB "
        f"after generating the profiles, which took {got['generate']:.1f} s, not counted).  "
        f"Lowest matched score {got['min_score']:.3f}; mentor load {got['load'][0]}-{got['load'][1]} "  # noqa: E501
        f"(std {got['load'][2]:.2f}); unmatched {got['unmatched'] or 'none'}."
    )


# --------------------------------------------------------------------- rank
def suite_rank() -> None:
    print("\n### One person ranking 5,000 candidate mentors for one goal\n")
    mentees, mentors = make_cohort(1, 5_000, seed=3)
    seeker = Profile(
        "me",
        wants="grow into a staff engineer and lead design reviews",
        wants_tags=mentees[0].wants_tags,
        languages=("en",),
        seniority=3,
    )
    times_top: list[float] = []
    times_all: list[float] = []
    for _ in range(5):
        t = time.perf_counter()
        rank_candidates(seeker, mentors, rules=RULES, limit=20)
        times_top.append(time.perf_counter() - t)
        t = time.perf_counter()
        rank_candidates(seeker, mentors, rules=RULES, include_disallowed=True)
        times_all.append(time.perf_counter() - t)
    print("| what | median of 5 |")
    print("|---|---|")
    print(f"| top 20, explained | {1000 * float(np.median(times_top)):.0f} ms |")
    print(
        f"| all 5,000, explained (rules named for the excluded) | {1000 * float(np.median(times_all)):.0f} ms |"  # noqa: E501
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, payload = sys.argv[2], json.loads(sys.argv[3])
        runner = {"matching": run_matching_package, "lsa": run_lsa, "scale": run_scale}[kind]
        print(json.dumps(runner(payload)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suites", nargs="*", default=["rank", "stable", "lsa", "ortools", "scale"])
    parser.add_argument("--cap", type=float, default=900.0, help="seconds allowed per capped run")
    parser.add_argument("--quick", action="store_true", help="small sizes only (smoke test)")
    args = parser.parse_args()
    global SIZES
    if args.quick:
        SIZES = [(500, 150)]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "  # noqa: E501
        f"numpy {np.__version__}; load average at start {load()}; "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}"
    )
    for suite in args.suites:
        if suite == "stable":
            suite_stable(args.cap)
        elif suite == "lsa":
            suite_lsa(args.cap)
        elif suite == "ortools":
            suite_ortools(big=not args.quick)
        elif suite == "scale":
            suite_scale(args.cap)
        elif suite == "rank":
            suite_rank()
        else:
            parser.error(f"unknown suite {suite!r}")
    print(f"\nLoad average at end {load()}")


if __name__ == "__main__":
    main()

"""Profile-based matching: scores, rules and both modes against brute force."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import (
    Profile,
    Reason,
    Rules,
    Scorer,
    Weights,
    blocking_pairs,
    match,
    match_profiles,
    rank_candidates,
)

from .conftest import brute_optimum, check_invariants

SKILLS = ["python", "design", "sales", "leadership", "rust", "data science", "writing"]


def random_profiles(rng, n, m):
    def langs():
        return tuple(rng.choice(["en", "fr", "de"], size=int(rng.integers(0, 3)), replace=False))

    mentors = [
        Profile(
            id=f"m{j}",
            offers="happy to help with " + " ".join(rng.choice(SKILLS, 2)),
            offers_tags=tuple(rng.choice(SKILLS, int(rng.integers(1, 3)), replace=False)),
            seniority=float(rng.integers(0, 6)),
            languages=langs(),
            utc_offset_hours=float(rng.choice([-5, 0, 1, 5.5, 9])),
            capacity=int(rng.integers(0, 3)),
            manager_id=f"m{int(rng.integers(0, j))}" if j and rng.random() < 0.4 else None,
        )
        for j in range(m)
    ]
    mentees = [
        Profile(
            id=f"e{i}",
            wants="I want to learn " + " ".join(rng.choice(SKILLS, 2)),
            wants_tags=tuple(rng.choice(SKILLS, int(rng.integers(0, 3)), replace=False)),
            seniority=float(rng.integers(0, 4)),
            languages=langs(),
            utc_offset_hours=float(rng.choice([-5, 0, 1, 5.5, 9])),
            manager_id=f"m{int(rng.integers(0, m))}" if rng.random() < 0.3 else None,
            ranking=tuple(
                f"m{int(x)}" for x in rng.choice(m, int(rng.integers(0, 2)), replace=False)
            ),
        )
        for i in range(n)
    ]
    return mentees, mentors


def full_matrix(scorer):
    """The allowed pairs and scores of a profile problem, as a sparse matrix."""
    n, m = scorer.shape
    dense = scorer.score_rows(np.arange(n))
    r, c = np.nonzero(np.isfinite(dense))
    return sp.csr_matrix((dense[r, c], (r, c)), shape=(n, m))


RULE_SETS = [
    Rules(),
    Rules(min_seniority_gap=1, min_tz_overlap_hours=3),
    Rules(require_shared_language=False, forbid_same_reporting_line=False),
]


@pytest.mark.parametrize("seed", range(60))
def test_profile_modes_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    mentees, mentors = random_profiles(rng, int(rng.integers(1, 6)), int(rng.integers(1, 4)))
    rules = RULE_SETS[seed % len(RULE_SETS)]
    scorer = Scorer(mentees, mentors, rules=rules)
    matrix = full_matrix(scorer)
    caps = np.array([p.capacity for p in mentors])
    opt = match_profiles(mentees, mentors, rules=rules, k=1)
    check_invariants(opt, matrix, caps)
    best = brute_optimum(matrix, caps)
    assert opt.matched == best[0]
    assert opt.objective == pytest.approx(best[1], abs=1e-9)
    stable = match_profiles(mentees, mentors, rules=rules, mode="stable", k=1)
    check_invariants(stable, matrix, caps)
    assert np.array_equal(stable.mentor_of, match(matrix, caps, mode="stable").mentor_of)


def test_scores_agree_between_bulk_and_pair_paths():
    rng = np.random.default_rng(7)
    mentees, mentors = random_profiles(rng, 30, 20)
    scorer = Scorer(mentees, mentors, rules=Rules(min_seniority_gap=1))
    dense = scorer.score_rows(np.arange(30))
    ri, rj = np.indices(dense.shape)
    s, ok = scorer.pair_scores(ri.ravel(), rj.ravel())
    assert np.array_equal(ok, np.isfinite(dense.ravel()))
    assert np.allclose(s[ok], dense.ravel()[ok], rtol=0, atol=1e-12)
    cand = scorer.candidates(3)
    assert np.allclose(cand.scores, dense[cand.rows, cand.cols], atol=1e-12)
    # The bound covers every allowed pair left out of the graph.
    in_graph = np.zeros(dense.shape, dtype=bool)
    in_graph[cand.rows, cand.cols] = True
    left = np.where(in_graph, -np.inf, dense).max(axis=1)
    assert (left <= cand.bound + 1e-12).all()


def test_explanations_add_up():
    rng = np.random.default_rng(3)
    mentees, mentors = random_profiles(rng, 10, 8)
    scorer = Scorer(mentees, mentors, rules=Rules(require_shared_language=False))
    ri, rj = np.indices((10, 8))
    explanations = scorer.explain_pairs(ri.ravel(), rj.ravel())
    scores, _ = scorer.pair_scores(ri.ravel(), rj.ravel())
    for e, s in zip(explanations, scores, strict=True):
        assert sum(e.contributions.values()) == pytest.approx(e.score, abs=1e-12)
        assert e.score == pytest.approx(s, abs=1e-12)
        assert sum(v for _, v in e.terms) == pytest.approx(e.contributions["text"], abs=1e-12)
        assert all(v > 0 for _, v in e.terms)


def test_explanation_names_terms_and_rules():
    mentee = Profile("e", wants="Improve public speaking", languages=("en",), seniority=1)
    mentor = Profile(
        "m", offers="public speaking coach", languages=("fr",), seniority=1, capacity=1
    )
    scorer = Scorer([mentee], [mentor], rules=Rules(min_seniority_gap=1))
    e = scorer.explain(0, 0)
    assert {t for t, _ in e.terms} == {"public", "speaking"}
    assert not e.allowed
    assert set(e.broken_rules) == {Reason.SENIORITY_GAP, Reason.LANGUAGE}
    assert "matched public" in e.summary() or "matched speaking" in e.summary()


def test_reporting_line_is_a_hard_rule_both_ways():
    boss = Profile("boss", offers_tags=("python",), capacity=2, seniority=5)
    mid = Profile("mid", offers_tags=("python",), capacity=2, seniority=4, manager_id="boss")
    junior = Profile("jr", wants_tags=("python",), manager_id="mid")
    other = Profile("other", offers_tags=("python",), capacity=1, seniority=3)
    r = match_profiles([junior], [boss, mid, other])
    assert r.pairs()[0][1] == "other"
    # A mentee who manages a mentor cannot be mentored by them either.
    lead = Profile("lead", wants_tags=("python",))
    report = Profile("rep", offers_tags=("python",), capacity=1, manager_id="lead")
    r2 = match_profiles([lead], [report])
    assert r2.matched == 0
    assert r2.unmatched[0].reason is Reason.REPORTING_LINE


def test_person_who_is_both_is_never_their_own_mentor():
    both = Profile("ann", wants_tags=("go",), offers_tags=("go",), capacity=1)
    r = match_profiles([both], [both])
    assert r.matched == 0
    assert r.unmatched[0].reason is Reason.FORBIDDEN


def test_unmatched_reasons():
    e1 = Profile("e1", wants_tags=("x",), languages=("en",))
    e2 = Profile("e2", wants_tags=("x",), languages=("ja",))
    e3 = Profile("e3", wants_tags=("x",), languages=("en",))
    m1 = Profile("m1", offers_tags=("x",), languages=("en",), capacity=1)
    r = match_profiles([e1, e2, e3], [m1])
    reasons = {u.mentee: u.reason for u in r.unmatched}
    assert reasons["e2"] is Reason.LANGUAGE
    assert list(reasons.values()).count(Reason.CAPACITY) == 1
    assert r.fairness.unmatched_by_reason == {"shared_language": 1, "capacity": 1}


def test_timezone_overlap_rule_and_component():
    ny = Profile("ny", wants_tags=("x",), utc_offset_hours=-5)
    tokyo = Profile("tk", offers_tags=("x",), utc_offset_hours=9, capacity=1)
    london = Profile("ld", offers_tags=("x",), utc_offset_hours=0, capacity=1)
    scorer = Scorer([ny], [tokyo, london], rules=Rules(min_tz_overlap_hours=2))
    assert scorer.explain(0, 1).overlap_hours == 3.0
    assert scorer.explain(0, 0).overlap_hours == 0.0
    assert Reason.TIMEZONE in scorer.explain(0, 0).broken_rules
    r = match_profiles([ny], [tokyo, london], rules=Rules(min_tz_overlap_hours=2))
    assert r.pairs()[0][1] == "ld"


def test_weights_change_the_winner():
    mentee = Profile("e", wants_tags=("python",), seniority=0)
    close = Profile("a", offers_tags=("python",), seniority=0.5, capacity=1)
    senior = Profile("b", offers_tags=("cooking",), seniority=2, capacity=1)
    text_heavy = match_profiles([mentee], [close, senior], rules=Rules())
    assert text_heavy.pairs()[0][1] == "a"
    sen_only = Weights(text=0, seniority=1, language=0, timezone=0, ranking=0)
    r = match_profiles([mentee], [close, senior], weights=sen_only)
    assert r.pairs()[0][1] == "b"


def test_stable_profiles_have_no_blocking_pairs_at_scale():
    rng = np.random.default_rng(11)
    mentees, mentors = random_profiles(rng, 120, 40)
    scorer = Scorer(mentees, mentors)
    matrix = full_matrix(scorer)
    caps = np.array([p.capacity for p in mentors])
    r = match_profiles(mentees, mentors, mode="stable", k=2)
    assert r.stability.blocking_pairs == 0
    assert len(blocking_pairs(r.mentor_of, matrix, caps)) == 0
    o = match_profiles(mentees, mentors, k=2)
    check_invariants(o, matrix, caps)
    assert o.objective == pytest.approx(match(matrix, caps).objective, abs=1e-9)


def test_rank_candidates_ranks_five_thousand_mentors():
    rng = np.random.default_rng(5)
    seeker = Profile(
        "me",
        wants="grow as an engineering manager",
        wants_tags=("leadership",),
        languages=("en",),
        seniority=2,
    )
    topics = ["leadership", "python", "design", "sales", "rust"]
    mentors = [
        Profile(
            id=f"m{j}",
            offers_tags=(topics[j % 5], topics[(j * 7) % 5]),
            seniority=float(rng.integers(0, 8)),
            languages=("en",) if j % 3 else ("fr",),
            capacity=1,
        )
        for j in range(5000)
    ]
    ranked = rank_candidates(seeker, mentors, limit=50)
    assert len(ranked) == 50
    assert [e.score for e in ranked] == sorted((e.score for e in ranked), reverse=True)
    assert all(e.allowed and "leadership" in dict(e.terms) for e in ranked[:10])
    everyone = rank_candidates(seeker, mentors, include_disallowed=True)
    assert len(everyone) == 5000
    assert not everyone[-1].allowed  # French-only mentors come last, with the rule named
    assert Reason.LANGUAGE in everyone[-1].broken_rules

"""The seams of the scorer: the candidate graph as a value, the number of
threads, and a text-similarity backend behind one small interface."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import InvalidInput, Profile, Rules, Scorer, match_profiles
from tribe_engine._text import TextParts, TfidfText

from .test_profiles import random_profiles


def cohort(seed=2, n=80, m=30):
    return random_profiles(np.random.default_rng(seed), n, m)


def same_result(a, b):
    return (
        np.array_equal(a.mentor_of, b.mentor_of)
        and np.array_equal(a.scores, b.scores, equal_nan=True)
        and a.objective == b.objective
    )


@pytest.mark.parametrize("mode", ["optimal", "stable"])
def test_workers_change_nothing_but_speed(mode):
    mentees, mentors = cohort()
    runs = [match_profiles(mentees, mentors, mode=mode, k=2, workers=w) for w in (None, 1, 2, 3)]
    assert all(same_result(r, runs[0]) for r in runs)


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_workers_must_be_a_positive_integer(workers):
    mentees, mentors = cohort()
    with pytest.raises(InvalidInput) as err:
        match_profiles(mentees, mentors, workers=workers)
    assert err.value.field == "workers"
    with pytest.raises(InvalidInput):
        Scorer(mentees, mentors).candidates(2, workers=workers)


def test_candidates_are_values_not_state():
    # Building a second graph on the same scorer changes nothing about what
    # the proof's screening finds for the first: it is all in the value.
    mentees, mentors = cohort(seed=4)
    rules = Rules(require_shared_language=False)
    scorer = Scorer(mentees, mentors, rules=rules)
    narrow = scorer.candidates(1, block=16)
    n, m = scorer.shape
    rows = np.arange(n, dtype=np.int64)
    profit = np.full(n, 0.3)
    prices = np.linspace(0.0, 0.2, m)
    everyone = n * m  # look at every suspect, not only the first few per mentee
    before = scorer.suspects(narrow, rows, profit, prices, 1e-9, per_row=everyone)
    wide = scorer.candidates(8, reserve=0, workers=1)
    after = scorer.suspects(narrow, rows, profit, prices, 1e-9, per_row=everyone)
    fresh = Scorer(mentees, mentors, rules=rules)
    again = fresh.suspects(
        fresh.candidates(1, block=16), rows, profit, prices, 1e-9, per_row=everyone
    )
    for a, b, c in zip(before, after, again, strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
    # Every allowed pair that beats the screen is in the graph or found.
    dense = scorer.score_rows(rows)
    beats = np.argwhere(np.isfinite(dense) & (dense - prices[None, :] > profit[:, None] - 1e-9))
    found = set(zip(before[0].tolist(), before[1].tolist(), strict=True))
    found |= set(zip(narrow.rows.tolist(), narrow.cols.tolist(), strict=True))
    assert {(int(i), int(j)) for i, j in beats} <= found
    assert len(beats) > 0
    assert len(wide.rows) >= len(narrow.rows)


class ExactPhrase:
    """A toy backend: similarity 1 when the mentee wants exactly what the
    mentor offers (same text, case aside), else 0."""

    def __init__(self, wants, offers):
        self.wants = [text.lower() for text, _ in wants]
        self.offers = [text.lower() for text, _ in offers]
        same = [
            (i, j) for i, w in enumerate(self.wants) for j, o in enumerate(self.offers) if w == o
        ]
        r = [i for i, _ in same]
        c = [j for _, j in same]
        self.matrix = sp.csr_matrix((np.ones(len(same)), (r, c)), shape=(len(wants), len(offers)))

    def pairs(self, ri, rj):
        return np.array(
            [float(self.wants[i] == self.offers[j]) for i, j in zip(ri, rj, strict=True)]
        )

    def rows(self, rows):
        return sp.csr_matrix(self.matrix[rows])

    def explain(self, i, j):
        value = float(self.wants[i] == self.offers[j])
        return TextParts(value, ((self.wants[i], value),) if value else ())


def test_another_text_backend_slots_in():
    mentees = [Profile("a", wants="Public speaking"), Profile("b", wants="Rust")]
    mentors = [
        Profile("x", offers="rust", capacity=1),
        Profile("y", offers="public speaking", capacity=1),
    ]
    scorer = Scorer(mentees, mentors, text=ExactPhrase)
    e = scorer.explain(0, 1)
    assert e.terms == (("public speaking", scorer.weights.text),)
    assert e.contributions["text"] == scorer.weights.text
    assert scorer.explain(0, 0).contributions["text"] == 0.0
    cand = scorer.candidates(1)
    assert sorted(zip(cand.rows.tolist(), cand.cols.tolist(), strict=True)) == [(0, 1), (1, 0)]
    dense = scorer.score_rows(np.arange(2))
    s, ok = scorer.pair_scores(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    assert np.allclose(s[ok], dense.ravel()[ok], atol=1e-12)


def test_the_default_backend_is_tfidf():
    mentees, mentors = cohort(seed=9, n=10, m=6)
    default = Scorer(mentees, mentors)
    explicit = Scorer(mentees, mentors, text=TfidfText)
    rows = np.arange(10)
    assert np.array_equal(default.score_rows(rows), explicit.score_rows(rows))

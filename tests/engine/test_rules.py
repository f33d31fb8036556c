"""Every hard rule on both paths: honoured alike by ``match`` (a score
matrix) and ``match_profiles`` (profiles), or refused with an InvalidRule
that names it (see the table in ``tribe_engine.rules``)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import (
    EngineCode,
    InvalidRule,
    Profile,
    Reason,
    Rules,
    match,
    match_profiles,
    rank_candidates,
)
from tribe_engine.errors import (
    MSG_LOCKED_CONFLICT,
    MSG_LOCKED_WITHOUT_SCORE,
    MSG_RULE_NEEDS_PROFILES,
)

# Mentee "a" prefers mentor "x" in both forms of the problem.
S = np.array([[0.9, 0.2], [0.3, 0.8]])
IDS = {"mentee_ids": ["a", "b"], "mentor_ids": ["x", "y"]}

A = Profile("a", wants_tags=("python",), languages=("en",), seniority=0)
B = Profile("b", wants_tags=("design",), languages=("en",), seniority=0)
X = Profile("x", offers_tags=("python",), languages=("en",), seniority=2, capacity=1)
Y = Profile("y", offers_tags=("design",), languages=("en",), seniority=2, capacity=1)


def on_matrix(rules, scores=S):
    return match(scores, [1, 1], rules=rules, **IDS)


def on_profiles(rules, mentees=(A, B), mentors=(X, Y)):
    return match_profiles(list(mentees), list(mentors), rules=rules)


def pairs(result):
    return sorted((a, b) for a, b, _, _ in result.pairs())


def test_both_paths_agree_without_rules():
    assert pairs(on_matrix(Rules())) == pairs(on_profiles(Rules())) == [("a", "x"), ("b", "y")]


# ------------------------------------------------------------------ forbidden
@pytest.mark.parametrize("run", [on_matrix, on_profiles])
def test_forbidden_pair_is_honoured(run):
    r = run(Rules(forbidden=(("a", "x"),)))
    assert ("a", "x") not in pairs(r)
    assert r.matched == 2


@pytest.mark.parametrize("run", [on_matrix, on_profiles])
def test_forbidding_every_mentor_names_the_rule(run):
    r = run(Rules(forbidden=(("a", "x"), ("a", "y"))))
    assert {u.mentee: u.reason for u in r.unmatched} == {"a": Reason.FORBIDDEN}


# --------------------------------------------------------------------- locked
@pytest.mark.parametrize("run", [on_matrix, on_profiles])
def test_locked_pair_is_kept_against_the_scores(run):
    r = run(Rules(locked=(("a", "y"),)))
    assert pairs(r) == [("a", "y"), ("b", "x")]
    assert r.locked.tolist() == [True, False]


@pytest.mark.parametrize("run", [on_matrix, on_profiles])
def test_locked_and_forbidden_is_refused(run):
    with pytest.raises(InvalidRule) as err:
        run(Rules(forbidden=(("a", "x"),), locked=(("a", "x"),)))
    assert err.value.code is EngineCode.LOCKED_CONFLICT
    assert err.value.message == MSG_LOCKED_CONFLICT.format(
        mentee="a", mentor="x", problem="is also forbidden"
    )


def test_locked_pair_not_allowed_is_refused_on_a_sparse_matrix():
    sparse = sp.csr_matrix(([0.9, 0.8], ([0, 1], [0, 1])), shape=(2, 2))
    with pytest.raises(InvalidRule) as err:
        on_matrix(Rules(locked=(("a", "y"),)), scores=sparse)
    assert err.value.code is EngineCode.LOCKED_WITHOUT_SCORE
    assert err.value.message == MSG_LOCKED_WITHOUT_SCORE.format(mentee="a", mentor="y")


def test_locked_pair_a_profile_rule_forbids_is_refused_naming_the_rule():
    japanese = Profile("y", offers_tags=("design",), languages=("ja",), seniority=2, capacity=1)
    with pytest.raises(InvalidRule) as err:
        on_profiles(Rules(locked=(("a", "y"),)), mentors=(X, japanese))
    assert err.value.code is EngineCode.LOCKED_NOT_ALLOWED
    assert err.value.field == "a,y"
    assert err.value.message == MSG_LOCKED_CONFLICT.format(
        mentee="a", mentor="y", problem="is not allowed by rule require_shared_language"
    )
    # Without the rule the same lock is kept.
    r = on_profiles(
        Rules(locked=(("a", "y"),), require_shared_language=False), mentors=(X, japanese)
    )
    assert ("a", "y") in pairs(r)


def test_locking_a_person_to_themselves_is_refused():
    both = Profile("x", wants_tags=("go",), offers_tags=("go",), capacity=1)
    with pytest.raises(InvalidRule) as err:
        on_profiles(Rules(locked=(("x", "x"),)), mentees=(both,), mentors=(both,))
    assert "forbidden" in err.value.message
    assert err.value.code is EngineCode.LOCKED_NOT_ALLOWED


# ---------------------------------------------------------- min_seniority_gap
def test_seniority_gap_is_refused_on_a_matrix_naming_the_rule():
    with pytest.raises(InvalidRule) as err:
        on_matrix(Rules(min_seniority_gap=1))
    assert err.value.code is EngineCode.RULE_NEEDS_PROFILES
    assert err.value.field == "min_seniority_gap"
    assert err.value.message == MSG_RULE_NEEDS_PROFILES.format(rule="min_seniority_gap")


def test_seniority_gap_is_honoured_on_profiles():
    peer = Profile("x", offers_tags=("python",), languages=("en",), seniority=0, capacity=1)
    r = on_profiles(Rules(min_seniority_gap=1), mentees=(A,), mentors=(peer, Y))
    assert pairs(r) == [("a", "y")]
    alone = on_profiles(Rules(min_seniority_gap=1), mentees=(A,), mentors=(peer,))
    assert alone.unmatched[0].reason is Reason.SENIORITY_GAP


# ------------------------------------------------------- min_tz_overlap_hours
def test_tz_overlap_is_refused_on_a_matrix_naming_the_rule():
    with pytest.raises(InvalidRule) as err:
        on_matrix(Rules(min_tz_overlap_hours=2))
    assert err.value.field == "min_tz_overlap_hours"
    assert err.value.code is EngineCode.RULE_NEEDS_PROFILES
    assert on_matrix(Rules(min_tz_overlap_hours=0)).matched == 2  # 0: the rule is off


def test_tz_overlap_is_honoured_on_profiles():
    far = Profile(
        "x",
        offers_tags=("python",),
        languages=("en",),
        seniority=2,
        capacity=1,
        utc_offset_hours=12,
    )
    r = on_profiles(Rules(min_tz_overlap_hours=2), mentees=(A,), mentors=(far, Y))
    assert pairs(r) == [("a", "y")]
    alone = on_profiles(Rules(min_tz_overlap_hours=2), mentees=(A,), mentors=(far,))
    assert alone.unmatched[0].reason is Reason.TIMEZONE


# ---------------------------------------------------- require_shared_language
def test_shared_language_is_honoured_on_profiles():
    french = Profile("x", offers_tags=("python",), languages=("fr",), seniority=2, capacity=1)
    assert pairs(on_profiles(Rules(), mentees=(A,), mentors=(french, Y))) == [("a", "y")]
    off = Rules(require_shared_language=False)
    assert pairs(on_profiles(off, mentees=(A,), mentors=(french, Y))) == [("a", "x")]


def test_shared_language_holds_trivially_on_a_matrix():
    # A matrix names no language, which the rule treats as unknown.
    on, off = on_matrix(Rules()), on_matrix(Rules(require_shared_language=False))
    assert np.array_equal(on.mentor_of, off.mentor_of)
    assert on.objective == off.objective


# ------------------------------------------------- forbid_same_reporting_line
def test_reporting_line_is_honoured_on_profiles():
    boss = Profile("x", offers_tags=("python",), languages=("en",), seniority=2, capacity=1)
    report = Profile("a", wants_tags=("python",), languages=("en",), manager_id="x")
    assert pairs(on_profiles(Rules(), mentees=(report,), mentors=(boss, Y))) == [("a", "y")]
    off = Rules(forbid_same_reporting_line=False)
    assert pairs(on_profiles(off, mentees=(report,), mentors=(boss, Y))) == [("a", "x")]


def test_reporting_line_holds_trivially_on_a_matrix():
    on, off = on_matrix(Rules()), on_matrix(Rules(forbid_same_reporting_line=False))
    assert np.array_equal(on.mentor_of, off.mentor_of)


# ------------------------------------------------------------- rule values
BAD_VALUES = [
    ("min_seniority_gap", float("nan")),
    ("min_seniority_gap", float("inf")),
    ("min_tz_overlap_hours", -1.0),
    ("min_tz_overlap_hours", 25.0),
    ("min_tz_overlap_hours", float("nan")),
]


@pytest.mark.parametrize(("rule", "value"), BAD_VALUES)
@pytest.mark.parametrize("run", [on_matrix, on_profiles])
def test_rule_values_out_of_range_are_refused_alike(run, rule, value):
    with pytest.raises(InvalidRule) as err:
        run(Rules(**{rule: value}))
    assert err.value.code is EngineCode.BAD_RULE_VALUE
    assert err.value.field == rule
    assert rule in err.value.message


def test_ranking_honours_the_same_rules():
    french = Profile("x", offers_tags=("python",), languages=("fr",), seniority=2, capacity=1)
    ranked = rank_candidates(A, [french, Y], include_disallowed=True)
    assert [e.mentor for e in ranked] == ["y", "x"]
    assert ranked[-1].broken_rules == (Reason.LANGUAGE,)
    with pytest.raises(InvalidRule):
        rank_candidates(A, [X], rules=Rules(min_tz_overlap_hours=float("nan")))


def test_each_reason_names_its_rule():
    fields = set(Rules.__dataclass_fields__)
    named = {reason.rule for reason in Reason if reason.rule is not None}
    assert named <= fields
    assert Reason.LANGUAGE.rule == "require_shared_language"
    assert Reason.CAPACITY.rule is None

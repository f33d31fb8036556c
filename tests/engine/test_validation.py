"""Bad input is refused before any work, with a precise, typed error."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import (
    InvalidInput,
    InvalidPreference,
    InvalidRule,
    InvalidScore,
    Profile,
    Rules,
    Scorer,
    UnknownId,
    Weights,
    match,
    match_profiles,
)
from tribe_engine.errors import (
    MSG_BAD_PREFERENCE,
    MSG_CAPACITY_NEGATIVE,
    MSG_CAPACITY_NOT_INTEGER,
    MSG_CYCLE_IN_MANAGERS,
    MSG_DUPLICATE_ID,
    MSG_DUPLICATE_PAIR,
    MSG_LOCKED_CONFLICT,
    MSG_LOCKED_OVER_CAPACITY,
    MSG_LOCKED_WITHOUT_SCORE,
    MSG_NONFINITE_SCORE,
    MSG_SHAPE,
    MSG_UNKNOWN_ID,
    MSG_UNKNOWN_MODE,
    MSG_WEIGHT,
    EngineError,
)

S = np.array([[0.5, 0.2], [0.1, 0.9]])


def test_nan_score_names_the_pair():
    bad = S.copy()
    bad[1, 0] = np.nan
    with pytest.raises(InvalidScore) as err:
        match(bad, [1, 1], mentee_ids=["a", "b"], mentor_ids=["x", "y"])
    assert err.value.message == MSG_NONFINITE_SCORE.format(mentee="b", mentor="x", value=np.nan)
    assert err.value.field == "b,x"


def test_infinite_score_in_sparse_input():
    bad = sp.csr_matrix(([1.0, np.inf], ([0, 1], [1, 0])), shape=(2, 2))
    with pytest.raises(InvalidScore) as err:
        match(bad, [1, 1])
    assert err.value.message == MSG_NONFINITE_SCORE.format(mentee=1, mentor=0, value=np.inf)


def test_duplicate_pair_in_sparse_input():
    dup = sp.coo_matrix(([1.0, 2.0], ([0, 0], [1, 1])), shape=(1, 2))
    with pytest.raises(InvalidScore) as err:
        match(dup, [1, 1])
    assert err.value.message == MSG_DUPLICATE_PAIR.format(mentee=0, mentor=1, what="scores")


def test_negative_capacity():
    with pytest.raises(InvalidInput) as err:
        match(S, [1, -2], mentor_ids=["x", "y"])
    assert err.value.message == MSG_CAPACITY_NEGATIVE.format(mentor="y", value=-2)


def test_fractional_capacity():
    with pytest.raises(InvalidInput) as err:
        match(S, [1.5, 1])
    assert err.value.message == MSG_CAPACITY_NOT_INTEGER.format(mentor=0, value=1.5)


def test_capacity_shape():
    with pytest.raises(InvalidInput) as err:
        match(S, [1, 1, 1])
    assert err.value.message == MSG_SHAPE.format(what="capacities", got=(3,), expected=(2,))


def test_scores_must_be_two_dimensional():
    with pytest.raises(InvalidInput):
        match([1.0, 2.0], [1, 1])
    with pytest.raises(InvalidInput):
        match([["a", "b"]], [1, 1])


def test_unknown_ids_in_rules():
    with pytest.raises(UnknownId) as err:
        match(
            S,
            [1, 1],
            mentee_ids=["a", "b"],
            mentor_ids=["x", "y"],
            rules=Rules(forbidden=(("a", "z"),)),
        )
    assert err.value.message == MSG_UNKNOWN_ID.format(what="forbidden pair", kind="mentor", id="z")
    with pytest.raises(UnknownId):
        match(S, [1, 1], rules=Rules(locked=((5, 0),)))


def test_duplicate_ids():
    with pytest.raises(InvalidInput) as err:
        match(S, [1, 1], mentee_ids=["a", "a"])
    assert err.value.message == MSG_DUPLICATE_ID.format(kind="mentee", id="a")


def test_duplicate_rule_pair():
    with pytest.raises(InvalidRule) as err:
        match(S, [1, 1], rules=Rules(forbidden=((0, 1), (0, 1))))
    assert err.value.message == MSG_DUPLICATE_PAIR.format(mentee=0, mentor=1, what="forbidden pair")


def test_preference_naming_unknown_mentor():
    with pytest.raises(InvalidPreference) as err:
        match(S, [1, 1], mode="stable", mentor_ids=["x", "y"], preferences={0: ["x", "q"]})
    assert err.value.message == MSG_BAD_PREFERENCE.format(
        who="mentee", id=0, problem="names unknown mentor 'q'"
    )


def test_preference_repeating_a_mentor():
    with pytest.raises(InvalidPreference) as err:
        match(S, [1, 1], mode="stable", preferences={0: [1, 1]})
    assert err.value.message == MSG_BAD_PREFERENCE.format(
        who="mentee", id=0, problem="names mentor 1 twice"
    )


def test_preference_of_unknown_mentee():
    with pytest.raises(InvalidPreference):
        match(S, [1, 1], mode="stable", preferences={7: [1]})


def test_unknown_mode_and_bad_k():
    with pytest.raises(InvalidInput) as err:
        match(S, [1, 1], mode="fastest")  # type: ignore[arg-type]
    assert err.value.message == MSG_UNKNOWN_MODE.format(mode="fastest")
    with pytest.raises(InvalidInput):
        match(S, [1, 1], k=0)


def test_locked_rules_that_cannot_hold():
    with pytest.raises(InvalidRule) as err:
        match(S, [1, 1], rules=Rules(forbidden=((0, 0),), locked=((0, 0),)))
    assert err.value.message == MSG_LOCKED_CONFLICT.format(
        mentee=0, mentor=0, problem="is also forbidden"
    )
    with pytest.raises(InvalidRule) as err:
        match(S, [1, 1], rules=Rules(locked=((0, 0), (1, 0))))
    assert err.value.message == MSG_LOCKED_OVER_CAPACITY.format(mentor=0, count=2, capacity=1)
    with pytest.raises(InvalidRule):
        match(S, [2, 1], rules=Rules(locked=((0, 0), (0, 1))))
    sparse = sp.csr_matrix(([1.0], ([0], [0])), shape=(2, 2))
    with pytest.raises(InvalidRule) as err:
        match(sparse, [1, 1], rules=Rules(locked=((1, 1),)))
    assert err.value.message == MSG_LOCKED_WITHOUT_SCORE.format(mentee=1, mentor=1)


def test_profile_rules_need_profiles():
    with pytest.raises(InvalidRule):
        match(S, [1, 1], rules=Rules(min_seniority_gap=1))


def test_profile_errors():
    a = Profile("a", wants_tags=("x",))
    m = Profile("m", offers_tags=("x",), capacity=1)
    with pytest.raises(InvalidInput) as err:
        Scorer([a, a], [m])
    assert err.value.message == MSG_DUPLICATE_ID.format(kind="mentee", id="a")
    with pytest.raises(UnknownId):
        Scorer([Profile("a", ranking=("nobody",))], [m])
    with pytest.raises(InvalidInput) as err:
        match_profiles([a], [Profile("m", capacity=-1)])
    assert err.value.message == MSG_CAPACITY_NEGATIVE.format(mentor="m", value=-1)
    with pytest.raises(InvalidInput) as err:
        Scorer([a], [m], weights=Weights(text=float("nan")))
    assert err.value.message == MSG_WEIGHT.format(name="text", value=float("nan"))
    with pytest.raises(UnknownId):
        match_profiles([a], [m], rules=Rules(locked=(("a", "zz"),)))


def test_manager_cycle():
    a = Profile("a", manager_id="b")
    b = Profile("b", manager_id="a", capacity=1)
    with pytest.raises(InvalidRule) as err:
        Scorer([a], [b])
    assert err.value.message in {
        MSG_CYCLE_IN_MANAGERS.format(id="a"),
        MSG_CYCLE_IN_MANAGERS.format(id="b"),
    }


def test_every_engine_error_is_a_value_error():
    assert issubclass(EngineError, ValueError)
    for cls in (InvalidInput, InvalidScore, UnknownId, InvalidPreference, InvalidRule):
        assert issubclass(cls, EngineError)

"""Every refusal carries a stable machine code (``EngineCode``) beside its message."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tribe_engine import (
    EngineCode,
    EngineError,
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

S = np.array([[0.5, 0.2], [0.1, 0.9]])
M = Profile("m", offers_tags=("x",), capacity=1)

CASES = [
    ("nan score", lambda: match(np.array([[np.nan]]), [1]), EngineCode.NONFINITE_SCORE),
    (
        "duplicate sparse pair",
        lambda: match(sp.coo_matrix(([1.0, 2.0], ([0, 0], [1, 1])), shape=(1, 2)), [1, 1]),
        EngineCode.DUPLICATE_SCORE,
    ),
    ("one-dimensional scores", lambda: match([1.0, 2.0], [1, 1]), EngineCode.BAD_SHAPE),
    ("capacity shape", lambda: match(S, [1]), EngineCode.BAD_SHAPE),
    ("negative capacity", lambda: match(S, [1, -1]), EngineCode.CAPACITY_NEGATIVE),
    ("fractional capacity", lambda: match(S, [1.5, 1]), EngineCode.CAPACITY_NOT_INTEGER),
    ("duplicate id", lambda: match(S, [1, 1], mentee_ids=["a", "a"]), EngineCode.DUPLICATE_ID),
    ("unknown mode", lambda: match(S, [1, 1], mode="x"), EngineCode.UNKNOWN_MODE),  # type: ignore[arg-type]
    ("bad k", lambda: match(S, [1, 1], k=0), EngineCode.BAD_SHAPE),
    (
        "unknown id in a rule",
        lambda: match(S, [1, 1], rules=Rules(forbidden=((9, 0),))),
        EngineCode.UNKNOWN_ID,
    ),
    (
        "rule pair twice",
        lambda: match(S, [1, 1], rules=Rules(forbidden=((0, 1), (0, 1)))),
        EngineCode.DUPLICATE_RULE_PAIR,
    ),
    (
        "bad preference",
        lambda: match(S, [1, 1], mode="stable", preferences={0: [1, 1]}),
        EngineCode.INVALID_PREFERENCE,
    ),
    (
        "locked over capacity",
        lambda: match(S, [1, 1], rules=Rules(locked=((0, 0), (1, 0)))),
        EngineCode.LOCKED_OVER_CAPACITY,
    ),
    (
        "two locked mentors",
        lambda: match(S, [2, 1], rules=Rules(locked=((0, 0), (0, 1)))),
        EngineCode.LOCKED_CONFLICT,
    ),
    (
        "profile rule on a matrix",
        lambda: match(S, [1, 1], rules=Rules(min_seniority_gap=1)),
        EngineCode.RULE_NEEDS_PROFILES,
    ),
    (
        "bad weight",
        lambda: Scorer([], [M], weights=Weights(text=-1)),
        EngineCode.BAD_WEIGHT,
    ),
    (
        "ideal gap not finite",
        lambda: Scorer([], [M], weights=Weights(ideal_seniority_gap=float("nan"))),
        EngineCode.BAD_WEIGHT,
    ),
    (
        "manager cycle",
        lambda: Scorer([Profile("a", manager_id="b")], [Profile("b", manager_id="a")]),
        EngineCode.CYCLE_IN_MANAGERS,
    ),
    (
        "unknown mentor in a ranking",
        lambda: Scorer([Profile("a", ranking=("zz",))], [M]),
        EngineCode.UNKNOWN_ID,
    ),
    ("bad workers", lambda: match_profiles([], [M], workers=0), EngineCode.BAD_SHAPE),
]


@pytest.mark.parametrize(("name", "call", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_refusal_has_its_code(name, call, code):
    with pytest.raises(EngineError) as err:
        call()
    assert err.value.code is code
    assert err.value.message  # the message is kept beside the code


def test_class_codes_are_stable_strings():
    expected = {
        EngineError: "engine_error",
        InvalidInput: "invalid_input",
        InvalidScore: "invalid_score",
        UnknownId: "unknown_id",
        InvalidPreference: "invalid_preference",
        InvalidRule: "invalid_rule",
    }
    for cls, code in expected.items():
        assert cls.code == code
        assert cls("boom").code is EngineCode(code)


def test_codes_are_unique():
    values = [c.value for c in EngineCode]
    assert len(values) == len(set(values))

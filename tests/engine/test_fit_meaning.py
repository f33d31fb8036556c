"""Fit that understands people: skill spellings, meaning, honest unknowns."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tribe_engine import Profile, Scorer, Weights, rank_candidates
from tribe_engine._features import NEUTRAL, seniority_fit
from tribe_engine._semantic import HybridText, KnowledgeText, SemanticText, phrases
from tribe_engine._skills import canonical
from tribe_engine._text import TfidfText, terms

EN = ("en",)


def mentor(pid: str, *, offers: str = "", tags: tuple[str, ...] = (), **kw: object) -> Profile:
    fields: dict[str, object] = {"seniority": 6.0, "languages": EN, "capacity": 1}
    fields.update(kw)
    return Profile(pid, offers=offers, offers_tags=tags, **fields)  # type: ignore[arg-type]


def seeker(goal: str, **kw: object) -> Profile:
    fields: dict[str, object] = {"seniority": 3.0, "languages": EN}
    fields.update(kw)
    return Profile("me", wants=goal, **fields)  # type: ignore[arg-type]


# ------------------------------------------------------------------ words
@pytest.mark.parametrize(
    ("written", "one"),
    [
        ("VueJS", "vue"),
        ("vue.js", "vue"),
        ("Vue", "vue"),
        ("NodeJS", "node.js"),
        ("k8s", "kubernetes"),
        ("Golang", "golang"),
        ("Go", "golang"),
        ("React-Native", "react native"),
        ("dotnet", ".net"),
        ("C Sharp", "c#"),
        ("Postgres", "postgresql"),
    ],
)
def test_a_skill_is_one_term_however_it_is_spelled(written: str, one: str) -> None:
    assert canonical(written) == one


def test_the_words_keep_the_signs_skills_are_written_with() -> None:
    found = terms("I'd like to learn C# and .NET, then node.js and Vue.js.", ())
    assert {"c#", ".net", "node.js", "vue"} <= set(found)


def test_go_in_a_sentence_is_a_verb_and_as_a_tag_the_language() -> None:
    assert "golang" not in terms("I want to go further as a manager", ())
    assert "golang" in terms("", ("Go",))
    assert "golang" in terms("backend services in golang", ())


def test_words_that_name_areas_are_kept() -> None:
    assert {"system", "design", "front", "end"} <= set(terms("system design, front end", ()))


def test_spellings_meet_in_the_word_score() -> None:
    text = TfidfText([("learn vue.js", ())], [("", ("VueJS",)), ("", ("react",))])
    assert text.pairs(np.array([0, 0]), np.array([0, 1])).tolist()[1] == 0.0
    assert text.pairs(np.array([0]), np.array([0]))[0] > 0


# ---------------------------------------------------------------- meaning
def test_a_goal_in_other_words_finds_the_mentor_by_meaning() -> None:
    mentors = [
        mentor(
            "pm", offers="Project manager: planning, stakeholders", tags=("project management",)
        ),
        mentor("sre", offers="Site reliability engineer", tags=("docker", "kubernetes")),
    ]
    ranked = rank_candidates(seeker("package my applications in containers"), mentors)
    assert ranked[0].mentor == "sre"
    top = ranked[0]
    assert top.meanings and not top.terms
    assert any("container" in m.want and m.offer in {"docker", "kubernetes"} for m in top.meanings)


def test_the_parts_of_a_score_still_add_up() -> None:
    mentors = [mentor("m", offers="Frontend developer, Vue and Nuxt", tags=("VueJS", "css"))]
    (e,) = rank_candidates(seeker("learn Vue.js for my next frontend project"), mentors)
    assert e.terms and e.meanings
    text_parts = sum(share for _, share in e.terms) + sum(m.share for m in e.meanings)
    assert text_parts == pytest.approx(e.contributions["text"])
    assert sum(e.contributions.values()) == pytest.approx(e.score)


def test_below_the_floor_meaning_counts_as_nothing() -> None:
    wants, offers = [("bake sourdough bread at home", ())], [("", ("kubernetes", "terraform"))]
    semantic = SemanticText(wants, offers, floor=0.9)
    assert semantic.rows(np.array([0])).nnz == 0
    assert semantic.explain(0, 0).value == 0.0


def test_the_mix_is_words_meaning_and_the_glossary_in_their_shares() -> None:
    wants, offers = [("learn kubernetes", ())], [("", ("kubernetes",))]
    one = (np.array([0]), np.array([0]))
    words = TfidfText(wants, offers).pairs(*one)[0]
    meaning = SemanticText(wants, offers).pairs(*one)[0]
    known = KnowledgeText(wants, offers).pairs(*one)[0]
    mixed = HybridText(wants, offers, lexical_share=0.3, knowledge_share=0.2)
    assert mixed.pairs(*one)[0] == pytest.approx(0.3 * words + 0.5 * meaning + 0.2 * known)
    assert mixed.rows(np.array([0])).toarray()[0, 0] == pytest.approx(mixed.pairs(*one)[0])
    assert mixed.explain(0, 0).value == pytest.approx(mixed.pairs(*one)[0])


def test_phrases_keep_dotted_names_whole() -> None:
    assert phrases("C# and .NET. Also node.js", ("CI/CD",)) == [
        "CI/CD",
        "C#",
        ".NET",
        "Also node.js",
    ]


# --------------------------------------------------------------- unknowns
def test_what_a_profile_does_not_say_is_neutral_and_named() -> None:
    blank = Profile("blank", seniority=None, utc_offset_hours=None, capacity=1)
    scorer = Scorer([seeker("anything")], [blank], text=TfidfText)
    e = scorer.explain(0, 0)
    assert set(e.unknown) == {"seniority", "language", "timezone"}
    assert e.overlap_hours is None
    w = Weights()
    assert e.contributions["seniority"] == pytest.approx(w.seniority * NEUTRAL)
    assert e.contributions["language"] == pytest.approx(w.language * NEUTRAL)
    assert e.contributions["timezone"] == pytest.approx(w.timezone * NEUTRAL)


def test_a_contact_with_nothing_known_does_not_outrank_a_real_match() -> None:
    blank = Profile("blank", seniority=None, utc_offset_hours=None, capacity=1)
    ravi = mentor("ravi", tags=("product strategy", "pricing"), seniority=20.0)
    ranked = rank_candidates(seeker("get better at pricing decisions"), [blank, ravi])
    assert [e.mentor for e in ranked] == ["ravi", "blank"]


def test_an_unmatched_candidate_never_comes_before_a_matched_one() -> None:
    # Perfect on every other component, but nothing of the goal.
    ideal = mentor("ideal", tags=("gardening",), seniority=5.0)
    far = mentor(
        "far", tags=("pricing",), seniority=0.0, utc_offset_hours=12, availability=((2, 4),)
    )
    # With text weighing little, "ideal" scores higher, and still comes second.
    ranked = rank_candidates(seeker("pricing"), [ideal, far], weights=Weights(text=0.01))
    assert ranked[0].mentor == "far"
    assert ranked[0].score < ranked[1].score


def test_a_far_more_senior_mentor_is_still_a_good_fit() -> None:
    w = Weights()
    fits = seniority_fit(np.array([w.ideal_seniority_gap, 10.0, 40.0, 0.0, -5.0, np.nan]), w)
    assert fits[0] == 1.0
    assert 0.5 < fits[1] < 1.0  # ten years more senior: less close, not zero
    assert fits[2] == NEUTRAL  # never below neutral above the ideal
    assert 0 < fits[3] < fits[1]  # a peer has less to pass on
    assert fits[4] == 0.0
    assert fits[5] == NEUTRAL


def test_unknown_zones_and_seniority_are_no_reason_to_exclude() -> None:
    from tribe_engine import Rules

    blank = Profile("blank", seniority=None, utc_offset_hours=None, capacity=1)
    rules = Rules(min_seniority_gap=1, min_tz_overlap_hours=2, require_shared_language=True)
    scorer = Scorer([seeker("x")], [blank], rules=rules, text=TfidfText)
    assert scorer.explain(0, 0).allowed


def test_no_hours_given_is_unknown_not_never_free() -> None:
    from tribe_engine import Rules

    silent = mentor("silent", tags=("python",), availability=())
    scorer = Scorer(
        [seeker("python")], [silent], rules=Rules(min_tz_overlap_hours=2), text=TfidfText
    )
    e = scorer.explain(0, 0)
    assert e.allowed and e.overlap_hours is None and "timezone" in e.unknown
    assert e.contributions["timezone"] == pytest.approx(Weights().timezone * NEUTRAL)


def test_unknowns_score_alike_in_bulk_and_one_by_one() -> None:
    mentors = [
        Profile("a", seniority=None, utc_offset_hours=None, offers_tags=("python",), capacity=1),
        mentor("b", tags=("python",), utc_offset_hours=9.0),
    ]
    mentees = [
        Profile("e0", wants="python", seniority=3.0, languages=EN, utc_offset_hours=None),
        Profile("e1", wants="python", seniority=None, languages=()),
    ]
    scorer = Scorer(mentees, mentors, text=TfidfText)
    bulk = scorer.score_rows(np.array([0, 1]))
    for i in range(2):
        for j in range(2):
            assert bulk[i, j] == pytest.approx(scorer.explain(i, j).score)


# ----------------------------------------------------------------- offline
def test_the_model_loads_and_ranks_with_the_network_blocked() -> None:
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from tribe_engine import Profile, rank_candidates

        me = Profile("me", wants="package my applications in containers", languages=("en",))
        mentors = [
            Profile("pm", offers="project planning", languages=("en",), capacity=1),
            Profile("sre", offers_tags=("docker", "kubernetes"), languages=("en",), capacity=1),
        ]
        print(rank_candidates(me, mentors)[0].mentor)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "sre"


def test_a_full_mentor_comes_after_every_open_one() -> None:
    full = mentor("full", tags=("pricing",), capacity=0)
    open_ = mentor("open", tags=("gardening",), capacity=2)
    ranked = rank_candidates(seeker("pricing"), [full, open_])
    assert [e.mentor for e in ranked] == ["open", "full"]

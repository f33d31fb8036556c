"""The skill glossary: which skills a profile names, and what a goal asks for."""

from __future__ import annotations

import numpy as np
import pytest

from tribe_engine import Profile, rank_candidates
from tribe_engine._glossary import glossary, skill_intent, skills_in
from tribe_engine._semantic import EMBEDDER, KnowledgeText
from tribe_engine._skills import _VARIANTS, canonical


def names(text: str, tags: tuple[str, ...] = ()) -> list[str]:
    g = glossary()
    return [g.skills[m.skill].name for m in skills_in(text, tags)]


def test_every_spelling_names_one_skill_and_the_spelling_table_agrees() -> None:
    g = glossary()
    seen: dict[str, str] = {}
    for skill in g.skills:
        assert skill.gloss and skill.de and skill.es, skill.name
        for spelling in (skill.name, *skill.spellings):
            key = " ".join(spelling.lower().split())
            assert seen.setdefault(key, skill.name) == skill.name, key
            # A spelling the word score folds must fold to this same skill.
            folded = canonical(key)
            assert seen.get(folded, skill.name) == skill.name, (key, folded)
    assert set(_VARIANTS) <= {s.name for s in g.skills}


def test_tags_are_found_as_written_and_text_by_its_longest_spelling() -> None:
    found = skills_in("I ship Ruby on Rails apps and run them on k8s", ("Docker", "VueJS"))
    g = glossary()
    assert [(g.skills[m.skill].name, m.written) for m in found] == [
        ("docker", "Docker"),
        ("vue", "VueJS"),
        ("rails", "ruby on rails"),
        ("kubernetes", "k8s"),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["I want to go further", "swift feedback and a spring in my step", "I excel at it"],
)
def test_everyday_words_in_a_sentence_are_not_skills(sentence: str) -> None:
    assert names(sentence) == []


def test_as_tags_the_same_words_are_skills() -> None:
    assert names("", ("Go", "Swift", "Excel")) == ["golang", "swift", "excel"]


def test_a_goal_asks_most_for_the_skill_it_describes() -> None:
    index = skill_intent(EMBEDDER)
    g = glossary()
    asked = index.scores(["package my applications in containers"])[0]
    top = {g.skills[k].name for k in np.argsort(-asked)[:3]}
    assert "docker" in top
    assert asked.max() == 1.0 and asked.min() == 0.0


def test_a_goal_close_to_no_skill_asks_for_none() -> None:
    asked = skill_intent(EMBEDDER).scores(["blorp flimble", ""])
    assert not asked.any()


def test_a_mentor_naming_no_skill_gets_nothing_from_the_glossary() -> None:
    text = KnowledgeText([("learn kubernetes", ())], [("", ("kubernetes",)), ("", ("knitting",))])
    got = text.pairs(np.array([0, 0]), np.array([0, 1]))
    assert got[0] > 0 and got[1] == 0
    assert text.explain(0, 1).value == 0


def test_the_glossary_explains_in_the_mentors_own_words() -> None:
    mentors = [
        Profile("pm", offers="Project manager", offers_tags=("scheduling",), capacity=1),
        Profile("ops", offers="Platform engineer", offers_tags=("k8s", "Dockerfile"), capacity=1),
    ]
    seeker = Profile("me", wants="Run my web app the same way on every server")
    ranked = rank_candidates(seeker, mentors)
    assert ranked[0].mentor == "ops"
    assert {m.offer for m in ranked[0].meanings} & {"k8s", "Dockerfile"}


def test_a_goal_in_german_meets_an_english_tag_through_the_glossary() -> None:
    mentors = [
        Profile("a", offers_tags=("pricing",), languages=("en",), capacity=1),
        Profile("b", offers_tags=("docker",), languages=("en",), capacity=1),
    ]
    seeker = Profile(
        "me", wants="Wie packe ich meine Anwendungen in einen Container?", languages=("de", "en")
    )
    assert rank_candidates(seeker, mentors)[0].mentor == "b"


def test_pieces_that_meet_twice_are_named_once() -> None:
    mentors = [Profile("w", offers_tags=("technical writing",), capacity=1)]
    (fit,) = rank_candidates(Profile("me", wants="write technical docs"), mentors)
    pairs = [(m.want, m.offer) for m in fit.meanings]
    assert len(pairs) == len(set(pairs))
    words = sum(share for _, share in fit.terms)
    assert words + sum(m.share for m in fit.meanings) == pytest.approx(fit.contributions["text"])

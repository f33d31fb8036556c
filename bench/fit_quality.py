"""Quality of fit: does the top of a ranking answer the goal?

The labelled collection in ``bench/fit_data/`` (written for this project; see
its README) holds 295 mentor profiles as people write them (a title, a short
description, tags with their own spellings, some in German or Spanish, some
thin) and 102 goals as mentees say them, half of them using the skill's own
word ("learn Vue.js") and half in other words ("add static types to my JS").
A person assigned each mentor its canonical skills by reading the profile,
and each goal the skills that answer it; a mentor is relevant to a goal when
the two sets meet.  No scorer was consulted to make the labels.

Every method ranks all 295 mentors for every goal, in one run:

- ``tf-idf``: scikit-learn's TfidfVectorizer with its defaults and English
  stop words, cosine over title + description + tags;
- ``bm25``: ``bm25s`` (Lucene's BM25, English stop words) over the same text;
- ``embedding``: the bundled WordLlama model alone, cosine of the goal with
  the whole profile;
- ``tribe words``: Tribe's own lexical part (TF-IDF over skill-aware terms:
  ``c#``, ``.net``, ``node.js`` kept, spellings folded);
- ``tribe glossary``: Tribe's glossary part alone (``src/tribe_engine/data/
  skills.json``: what each of 280 skills is for, in plain words, written for
  Tribe without looking at this collection): how much the goal asks for the
  skills the mentor names;
- ``tribe text``: Tribe's text part, words, meaning and glossary mixed;
- ``tribe``: Tribe's final score (``rank_candidates``: text, languages, and
  neutral shares for what the profiles do not say), with matched candidates
  first.

It prints P@1, P@5 and nDCG@5 (binary relevance) per goal kind.  ``--split``
reports the odd-numbered goals (used to choose the floor and the mix) and
the even-numbered ones (never looked at while choosing) separately, so the
figures on the even half are an honest held-out estimate.

Usage::

    python bench/fit_quality.py [--split] [--floor 0.25] [--share 0.3] [--knowledge 0.4]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

from tribe_engine import Profile, rank_candidates  # noqa: E402
from tribe_engine._semantic import EMBEDDER, HybridText, KnowledgeText  # noqa: E402
from tribe_engine._text import TfidfText  # noqa: E402

DATA = ROOT / "fit_data"
Ranker = Callable[[dict, list[dict]], list[int]]  # goal, mentors -> mentor indices, best first


def load() -> tuple[list[dict], list[dict]]:
    mentors = json.loads((DATA / "mentors.json").read_text())
    goals = json.loads((DATA / "goals.json").read_text())
    return mentors, goals


def document(m: dict) -> str:
    return " ".join([m["title"], m["description"], ", ".join(m["tags"])])


def relevant(goal: dict, mentors: list[dict]) -> set[int]:
    wanted = set(goal["relevant_skills"])
    return {k for k, m in enumerate(mentors) if wanted & set(m["skills"])}


# ------------------------------------------------------------------ methods
def tfidf_ranker(mentors: list[dict]) -> Callable[[dict], np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english")
    docs = vec.fit_transform([document(m) for m in mentors])

    def scores(goal: dict) -> np.ndarray:
        return np.asarray((docs @ vec.transform([goal["text"]]).T).toarray()).ravel()

    return scores


def bm25_ranker(mentors: list[dict]) -> Callable[[dict], np.ndarray]:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([document(m) for m in mentors], stopwords="en", show_progress=False),
        show_progress=False,
    )

    def scores(goal: dict) -> np.ndarray:
        query = bm25s.tokenize(
            [goal["text"]], stopwords="en", return_ids=False, show_progress=False
        )
        return np.asarray(retriever.get_scores(query[0]))

    return scores


def embedding_ranker(mentors: list[dict]) -> Callable[[dict], np.ndarray]:
    offers = EMBEDDER.vectors([document(m) for m in mentors])

    def scores(goal: dict) -> np.ndarray:
        return np.asarray(offers @ EMBEDDER.vectors([goal["text"]])[0])

    return scores


def backend_ranker(mentors: list[dict], make: Callable) -> Callable[[dict], np.ndarray]:
    offers = [(f"{m['title']}. {m['description']}", tuple(m["tags"])) for m in mentors]

    def scores(goal: dict) -> np.ndarray:
        model = make([(goal["text"], ())], offers)
        return np.asarray(model.rows(np.zeros(1, dtype=np.int64)).toarray()).ravel()

    return scores


def mentor_profiles(mentors: list[dict]) -> list[Profile]:
    return [
        Profile(
            m["id"],
            offers=f"{m['title']}. {m['description']}",
            offers_tags=tuple(m["tags"]),
            languages=tuple(m["languages"]),
            seniority=None,
            utc_offset_hours=None,
            capacity=1,
        )
        for m in mentors
    ]


def tribe_order(
    mentors: list[dict], profiles: list[Profile], make: Callable
) -> Callable[[dict], list[int]]:
    index = {m["id"]: k for k, m in enumerate(mentors)}

    def order(goal: dict) -> list[int]:
        seeker = Profile(
            "seeker",
            wants=goal["text"],
            languages=(goal["language"], "en") if goal["language"] != "en" else ("en",),
            seniority=None,
            utc_offset_hours=None,
        )
        ranked = rank_candidates(seeker, profiles, limit=5, text=make)
        return [index[e.mentor] for e in ranked]

    return order


def top(scores: np.ndarray, k: int = 5) -> list[int]:
    # Ties broken by profile order, as every method here does.
    return [int(i) for i in np.lexsort((np.arange(len(scores)), -scores))[:k]]


# ------------------------------------------------------------------ metrics
def metrics(ranked: Sequence[int], rel: set[int]) -> tuple[float, float, float]:
    p1 = 1.0 if ranked and ranked[0] in rel else 0.0
    p5 = sum(1 for r in ranked[:5] if r in rel) / 5
    dcg = sum(1 / math.log2(k + 2) for k, r in enumerate(ranked[:5]) if r in rel)
    ideal = sum(1 / math.log2(k + 2) for k in range(min(5, len(rel))))
    return p1, p5, dcg / ideal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--split", action="store_true", help="odd (tuning) and even (held-out) goals apart"
    )
    parser.add_argument("--floor", type=float, default=None)
    parser.add_argument("--share", type=float, default=None, help="share of words")
    parser.add_argument("--knowledge", type=float, default=None, help="share of the glossary")
    args = parser.parse_args()
    mentors, goals = load()
    kw: dict[str, float] = {}
    if args.floor is not None:
        kw["floor"] = args.floor
    hybrid_kw = dict(kw)
    if args.share is not None:
        hybrid_kw["lexical_share"] = args.share
    if args.knowledge is not None:
        hybrid_kw["knowledge_share"] = args.knowledge

    def hybrid(w, o):
        return HybridText(w, o, **hybrid_kw)

    profiles = mentor_profiles(mentors)
    started = time.perf_counter()
    EMBEDDER.vectors(["warm up"])
    methods: dict[str, Callable[[dict], list[int]]] = {}
    for name, build in [
        ("tf-idf", tfidf_ranker),
        ("bm25", bm25_ranker),
        ("embedding", embedding_ranker),
    ]:
        scorer = build(mentors)
        methods[name] = lambda g, s=scorer: top(s(g))
    words = backend_ranker(mentors, TfidfText)
    known = backend_ranker(mentors, KnowledgeText)
    text = backend_ranker(mentors, hybrid)
    methods["tribe words"] = lambda g: top(words(g))
    methods["tribe glossary"] = lambda g: top(known(g))
    methods["tribe text"] = lambda g: top(text(g))
    methods["tribe"] = tribe_order(mentors, profiles, hybrid)

    groups: dict[str, list[dict]] = {}
    for g in goals:
        label = g["kind"] if g["language"] == "en" else f"{g['kind']} (de/es)"
        parity = int(g["id"].lstrip("g")) % 2
        if args.split:
            label += " odd" if parity else " even"
        groups.setdefault(label, []).append(g)

    results: dict[tuple[str, str], tuple[float, float, float]] = {}
    for name, rank in methods.items():
        for label, members in groups.items():
            rows = [metrics(rank(g), relevant(g, mentors)) for g in members]
            results[(name, label)] = tuple(float(np.mean(col)) for col in zip(*rows, strict=False))  # type: ignore[assignment]
    elapsed = time.perf_counter() - started

    print(
        f"{len(mentors)} mentors, {len(goals)} goals; floor {kw.get('floor', 'default')}, "
        f"words {hybrid_kw.get('lexical_share', 'default')}, "
        f"glossary {hybrid_kw.get('knowledge_share', 'default')}; {elapsed:.1f} s\n"
    )
    labels = sorted(groups)
    print(
        "| method | "
        + " | ".join(f"{lab} (n={len(groups[lab])}) P@1 / P@5 / nDCG@5" for lab in labels)
        + " |"
    )
    print("|---|" + "---:|" * len(labels))
    for name in methods:
        cells = [" / ".join(f"{v:.2f}" for v in results[(name, lab)]) for lab in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

"""How people spell skills, folded to one spelling each, and the words that
carry no meaning of their own.

People type the same skill many ways ("VueJS", "vue.js", "Vue"; "k8s";
"Golang"; "C#/.NET"), and a word-overlap score sees different words.  The
table below folds the common variants into one term before any scoring, for
tags and free text alike.  It is spelling, not meaning: "containers" is not
mapped to "docker" here (that is the job of meaning and of the glossary,
:mod:`._semantic` and :mod:`._glossary`), only "dockerfile"
and "docker" are one word.

The stop words are scikit-learn's English list minus the words that name
skills or areas ("system", "back", "front", "computer" …): in a
mentoring profile "system design" and "front end" mean something.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

__all__ = ["STOP_WORDS", "canonical", "split_words"]

#: variant -> one spelling.  Keys are lower-case, after white space is folded.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "javascript": ("js", "java script", "ecmascript", "es6"),
    "typescript": ("ts", "type script"),
    "node.js": ("node", "nodejs", "node js"),
    "vue": ("vuejs", "vue.js", "vue js", "vue 3", "vue3"),
    "react": ("reactjs", "react.js", "react js"),
    "react native": ("reactnative", "react-native"),
    "angular": ("angularjs", "angular.js", "angular js"),
    "next.js": ("nextjs", "next js"),
    "svelte": ("sveltekit", "svelte kit"),
    # A tag "Go" is the language; the word "go" in a sentence is a stop word.
    "golang": ("go", "go lang", "go-lang"),
    "c#": ("csharp", "c sharp"),
    ".net": ("dotnet", "dot net", ".net core", "asp.net", "asp.net core"),
    "c++": ("cpp", "cplusplus"),
    "python": ("py", "python3"),
    "django": ("django rest framework", "drf"),
    "rails": ("ruby on rails", "ror"),
    "postgresql": ("postgres", "psql"),
    "kubernetes": ("k8s", "kube"),
    "docker": ("dockerfile", "containerd"),
    "ci/cd": ("cicd", "ci cd", "continuous integration", "continuous delivery"),
    "aws": ("amazon web services",),
    "gcp": ("google cloud", "google cloud platform"),
    "azure": ("microsoft azure",),
    "machine learning": ("ml", "machinelearning"),
    "deep learning": ("deeplearning",),
    "nlp": ("natural language processing",),
    "ux": ("user experience", "ux design"),
    "ui": ("user interface", "ui design"),
    "seo": ("search engine optimisation", "search engine optimization"),
    "ios": ("i os",),
    "android": ("android sdk",),
    "kotlin": ("kotlin android",),
    "swift": ("swiftui", "swift ui"),
    "flutter": ("dart flutter",),
    "sql": ("t-sql", "tsql", "pl/sql", "plsql"),
    "qa": ("quality assurance",),
    "devops": ("dev ops", "dev-ops"),
    "product management": ("product manager", "product owner"),
}

_CANONICAL = {variant: name for name, variants in _VARIANTS.items() for variant in variants}

#: Words that name skills or areas, kept although scikit-learn's list drops them.
_MEANINGFUL = frozenset(
    {
        "back",
        "bill",
        "computer",
        "describe",
        "detail",
        "fill",
        "find",
        "fire",
        "front",
        "full",
        "interest",
        "move",
        "part",
        "system",
        "top",
    }
)


def _english_stop_words() -> frozenset[str]:
    # Imported here: the vectoriser's module is slow to import and most
    # callers of the engine (``tribe --help``) never score text.
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, unused-ignore]
        ENGLISH_STOP_WORDS,
    )

    return frozenset(ENGLISH_STOP_WORDS) - _MEANINGFUL


class _StopWords:
    """The stop list, built on first use."""

    @cache  # noqa: B019 - one instance per process, built once
    def words(self) -> frozenset[str]:
        return _english_stop_words()

    def __contains__(self, word: object) -> bool:
        return word in self.words()


STOP_WORDS = _StopWords()

# A word: letters and digits, with the joiners skills use inside them
# (node.js, c++, c#, ci/cd, t-sql), and a leading dot for .net.
_WORD = re.compile(r"\.?[a-z0-9][a-z0-9+#]*(?:[./\-][a-z0-9+#]+)*")


def canonical(term: str) -> str:
    """One spelling of a skill: ``canonical("VueJS") == "vue"``.  Terms not in
    the table come back lower-cased with white space folded.  O(len(term))."""
    norm = " ".join(term.lower().split())
    return _CANONICAL.get(norm, norm)


def split_words(text: str) -> Iterator[str]:
    """The meaningful words of ``text``, each in its one spelling, two-word
    skills ("react native", "machine learning") joined.  O(len(text))."""
    words = _WORD.findall(text.lower())
    k = 0
    while k < len(words):
        pair = f"{words[k]} {words[k + 1]}" if k + 1 < len(words) else ""
        if pair in _CANONICAL or pair in _VARIANTS:
            yield canonical(pair)
            k += 2
            continue
        raw = words[k].rstrip(".")
        k += 1
        # The stop list sees the word as written, so "go" in a sentence stays
        # a verb while the tag "Go" (through canonical) is the language.
        if raw in STOP_WORDS or (len(raw) < 2 and raw not in _CANONICAL):
            continue
        yield canonical(raw)

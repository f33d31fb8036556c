"""Validate the fit_data test collection (stdlib only)."""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def has_term(text, term):
    """Case-insensitive match of term with word boundaries on both sides."""
    pat = r"(?<!\w)" + re.escape(term.lower()) + r"(?!\w)"
    return re.search(pat, text.lower()) is not None


def main():
    taxonomy = load("taxonomy.json")
    mentors = load("mentors.json")
    goals = load("goals.json")
    errors = []

    for kind, items in (("mentor", mentors), ("goal", goals)):
        ids = [x["id"] for x in items]
        for i, n in Counter(ids).items():
            if n > 1:
                errors.append(f"duplicate {kind} id {i}")

    for m in mentors:
        for key in ("title", "description", "tags", "languages", "skills"):
            if key not in m:
                errors.append(f"{m['id']}: missing {key}")
        for s in m.get("skills", []):
            if s not in taxonomy:
                errors.append(f"{m['id']}: skill {s!r} not in taxonomy")
        if not 1 <= len(m.get("tags", [])) <= 8:
            errors.append(f"{m['id']}: {len(m['tags'])} tags")

    skill_count = Counter(s for m in mentors for s in set(m["skills"]))
    rel_counts = []
    for g in goals:
        rel = set(g["relevant_skills"])
        for s in rel:
            if s not in taxonomy:
                errors.append(f"{g['id']}: relevant skill {s!r} not in taxonomy")
        n = sum(1 for m in mentors if rel & set(m["skills"]))
        n_en = sum(1 for m in mentors if rel & set(m["skills"]) and "en" in m["languages"])
        rel_counts.append(n)
        if not 2 <= n <= 25:
            errors.append(f"{g['id']}: {n} relevant mentors (want 2-25)")
        if g["language"] != "en" and n_en < 2:
            errors.append(f"{g['id']}: only {n_en} English-speaking relevant mentors")
        if g["kind"] not in ("lexical", "paraphrased"):
            errors.append(f"{g['id']}: bad kind {g['kind']!r}")
        for s in rel:
            hits = [v for v in [s, *taxonomy.get(s, [])] if has_term(g["text"], v)]
            if g["kind"] == "paraphrased" and hits:
                errors.append(f"{g['id']}: paraphrased goal contains {hits} ({s})")
            if g["kind"] == "lexical" and not hits:
                errors.append(f"{g['id']}: lexical goal lacks any variant of {s}")

    langs = Counter("en" if m["languages"] == ["en"] else "+".join(m["languages"]) for m in mentors)
    non_en = sum(1 for m in mentors if m["languages"][0] != "en")
    thin = sum(1 for m in mentors if len(m["tags"]) <= 2 and len(m["description"]) <= 60)
    kinds = Counter((g["kind"], g["language"] == "en") for g in goals)
    print(
        f"taxonomy: {len(taxonomy)} canonical skills, "
        f"{sum(len(v) for v in taxonomy.values())} variants; "
        f"{sum(1 for s in taxonomy if skill_count[s])} used by mentors"
    )
    print(
        f"mentors: {len(mentors)} (non-English-first {non_en}: {dict(langs)}; "
        f"thin {thin}; no skills {sum(1 for m in mentors if not m['skills'])}; "
        f"skills/mentor {sum(len(m['skills']) for m in mentors) / len(mentors):.2f})"
    )
    print(
        f"goals: {len(goals)} (en lexical {kinds[('lexical', True)]}, "
        f"en paraphrased {kinds[('paraphrased', True)]}, "
        f"de/es lexical {kinds[('lexical', False)]}, "
        f"de/es paraphrased {kinds[('paraphrased', False)]})"
    )
    rc = sorted(rel_counts)
    print(f"relevant mentors per goal: min {rc[0]}, median {rc[len(rc) // 2]}, max {rc[-1]}")
    if "-v" in sys.argv:
        for s, n in sorted(skill_count.items(), key=lambda x: -x[1]):
            print(f"  {s}: {n}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``suggest_need``: which kind of help a goal's own words point to, and why, on fixed phrases."""

from __future__ import annotations

import pytest
from django.utils import translation

from tribe.core.kinds import RelationshipKind
from tribe.people.needs import REASON_MENTOR, REASONS, Suggestion, suggest_need

COACH, SPONSOR, PEER, MENTOR = "coach", "sponsor", "peer", "mentor"


@pytest.mark.parametrize(
    ("title", "kind", "word"),
    [
        # Practice: a coach designs it.
        ("Practise public speaking every week", COACH, "practise"),
        ("Practice system design interviews", COACH, "practice"),
        ("Drill SQL window functions until they are second nature", COACH, "drill"),
        ("Daily exercises in written communication", COACH, "exercises"),
        ("Rehearse conference talks until they feel easy", COACH, "rehearse"),
        ("Build a habit of writing design docs", COACH, "habit"),
        ("Get better at negotiation by doing it weekly", COACH, "by doing"),
        ("Find a coach for my presenting", COACH, "coach"),
        ("Jeden Tag Vorträge üben", COACH, "üben"),
        ("Übungen für freies Sprechen", COACH, "übungen"),
        ("Verhandeln trainieren", COACH, "trainieren"),
        ("Eine Gewohnheit zum Schreiben aufbauen", COACH, "gewohnheit"),
        # Standing: a sponsor spends theirs.
        ("Get promoted to senior engineer this year", SPONSOR, "get promoted"),
        ("Prepare my promotion case", SPONSOR, "promotion"),
        ("More visibility with the leadership team", SPONSOR, "visibility"),
        ("Someone to nominate me for the architecture board", SPONSOR, "nominate"),
        ("Find an advocate in senior leadership", SPONSOR, "an advocate"),
        ("Someone to advocate for me in calibration", SPONSOR, "advocate for me"),
        ("Move into my next role as a staff engineer", SPONSOR, "next role"),
        ("Be considered for the team lead opening", SPONSOR, "be considered for"),
        ("Beförderung zur Teamleiterin", SPONSOR, "beförderung"),
        ("Mehr Sichtbarkeit im Management", SPONSOR, "sichtbarkeit"),
        ("Jemand, der sich für mich einsetzt", SPONSOR, "für mich einsetzt"),
        ("Die nächste Rolle als Architektin", SPONSOR, "nächste rolle"),
        # Company on the same path: a peer.
        ("A peer to compare notes on management", PEER, "peer"),
        ("An accountability partner for my side project", PEER, "accountability"),
        ("Study together for the cloud certification", PEER, "study together"),
        ("Someone at my level who is also new to leading", PEER, "someone at my level"),
        ("Practise together for interviews", PEER, "practise together"),
        ("Mit einem Lernpartner Rust lernen", PEER, "lernpartner"),
        ("Gemeinsam lernen für die Zertifizierung", PEER, "gemeinsam lernen"),
        ("Jemand auf meinem Niveau zum Austausch", PEER, "auf meinem niveau"),
        # Everything else stays with a mentor, including words that only look like a sign.
        ("Learn to lead a product team", MENTOR, ""),
        ("Grow into a staff engineer", MENTOR, ""),
        ("Decide whether to move into management", MENTOR, ""),
        ("Get better at negotiating", MENTOR, ""),
        ("Learn best practices for code review", MENTOR, ""),
        ("Give better peer reviews", MENTOR, ""),
        ("Drill down into product analytics", MENTOR, ""),
        ("Exercise better judgement when hiring", MENTOR, ""),
        ("Learn to advocate for accessibility in design reviews", MENTOR, ""),
        ("Probe the market for a new product", MENTOR, ""),
        ("Lernen, ein Team zu führen", MENTOR, ""),
        ("", MENTOR, ""),
    ],
)
def test_fixed_phrases(title: str, kind: str, word: str) -> None:
    assert suggest_need(title) == Suggestion(kind, word)


def test_the_title_decides_before_the_description() -> None:
    suggested = suggest_need("Rehearse my talks", "so that I am considered for promotion")
    assert (suggested.kind, suggested.word) == (COACH, "rehearse")


def test_the_description_speaks_when_the_title_says_nothing() -> None:
    suggested = suggest_need("Public speaking", "I want to practise in front of people")
    assert (suggested.kind, suggested.word) == (COACH, "practise")
    assert suggest_need("Public speaking", "I admire how Ana speaks").kind == MENTOR


def test_the_earliest_sign_in_a_text_wins() -> None:
    assert suggest_need("Rehearse my pitch for the promotion panel").kind == COACH
    assert suggest_need("Get promoted, and practise the interview for it").kind == SPONSOR


def test_case_and_unicode_forms_do_not_matter() -> None:
    assert suggest_need("PRACTISE PUBLIC SPEAKING").kind == COACH
    # "ü" written as u + combining diaeresis is still "üben".
    assert suggest_need("Vorträge u\u0308ben").kind == COACH


def test_every_kind_is_a_known_kind_and_the_reason_names_the_word() -> None:
    assert set(REASONS) | {MENTOR} == set(RelationshipKind.values)
    with translation.override("en"):
        coach = suggest_need("Rehearse conference talks")
        assert coach.reason == str(REASONS[COACH]).format(word="rehearse")
        assert "“rehearse”" in coach.reason
        assert suggest_need("Learn to lead").reason == str(REASON_MENTOR)
        assert suggest_need("Learn to lead").as_dict() == {
            "kind": MENTOR,
            "word": "",
            "reason": str(REASON_MENTOR),
        }


def test_the_kind_is_a_plain_string() -> None:
    kind = suggest_need("Study together").kind
    assert type(kind) is str
    assert kind == "peer"

"""Labels that depend on the language: choice labels inside sentences (every value
has one, and in English it is the lower-cased label the pages showed before), and
dates formatted in Python with the language's named formats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils.translation import override

from tribe.core.labels import in_sentence, registered
from tribe.ledger.models import Advice
from tribe.meetings.models import Meeting
from tribe.relationships.models import Relationship
from tribe.web.forms.meetings import meeting_label

IN_SENTENCE = registered()


@pytest.mark.parametrize(("model", "field"), list(IN_SENTENCE))
def test_every_value_has_a_sentence_label_that_is_the_lower_cased_label_in_english(
    model: type, field: str
) -> None:
    choices = dict(model._meta.get_field(field).choices)
    labels = IN_SENTENCE[model, field]
    assert set(labels) == set(choices)
    with override("en"):
        assert {v: str(label) for v, label in labels.items()} == {
            v: str(label).lower() for v, label in choices.items()
        }


def test_the_function_and_the_filter_read_the_object_s_value() -> None:
    paused = Relationship(kind=Relationship.Kind.PEER, status=Relationship.Status.PAUSED)
    assert in_sentence(paused, "kind") == "peer mentor"
    assert in_sentence(Meeting(status=Meeting.Status.HELD), "status") == "held"
    page = Template(
        '{% load tribe_labels %}my {{ r|in_sentence:"kind" }}, {{ r|in_sentence:"status" }}'
    )
    assert page.render(Context({"r": paused})) == "my peer mentor, paused"
    assert in_sentence(Advice(decision=Advice.Decision.TRY), "decision") == "try it"


def test_a_meeting_s_label_follows_the_language_s_date_format() -> None:
    meeting = Meeting(starts_at=dt.datetime(2026, 3, 9, 14, 30, tzinfo=dt.UTC), title="Intro")
    with override("en"):
        assert meeting_label(meeting) == "9 Mar 2026, 14:30 — Intro"
    with override("de"):
        assert meeting_label(meeting) == "09.03.2026, 14:30 — Intro"

"""Choice labels inside sentences: every app registers one for every value of each
field it puts in running text, and in English it is exactly the lower-cased label
(so English messages read as they did when the code lower-cased the label)."""

from __future__ import annotations

import pytest
from django.db import models
from django.utils.translation import override

from tribe.core.labels import in_sentence, label_in_sentence, registered
from tribe.ledger.models import Advice, Gratitude
from tribe.meetings.models import ActionItem, Meeting
from tribe.people.models import Goal
from tribe.relationships.models import Relationship

#: The fields domain code puts inside sentences; each must be registered.
EXPECTED = {
    (Relationship, "kind"),
    (Relationship, "status"),
    (Meeting, "status"),
    (ActionItem, "owner"),
    (Advice, "decision"),
    (Gratitude, "kind"),
    (Goal, "status"),
}


def test_every_app_registered_its_fields_when_django_started() -> None:
    assert set(registered()) >= EXPECTED


@pytest.mark.parametrize(("model", "field"), sorted(registered(), key=str))
def test_every_value_has_a_label_that_is_the_lower_cased_label_in_english(
    model: type[models.Model], field: str
) -> None:
    choice_field = model._meta.get_field(field)
    assert isinstance(choice_field, models.Field)
    choices = dict(choice_field.choices or ())
    labels = registered()[model, field]
    assert set(labels) == set(choices)
    with override("en"):
        assert {v: str(label) for v, label in labels.items()} == {
            v: str(label).lower() for v, label in choices.items()
        }


def test_german_keeps_a_noun_s_capital_and_lowers_the_rest() -> None:
    with override("de"):
        assert in_sentence(ActionItem(owner=ActionItem.Owner.MENTOR), "owner") == "Mentor"
        assert in_sentence(Relationship(status=Relationship.Status.INTRO), "status") == (
            "Kennenlerntreffen"
        )
        assert in_sentence(Goal(status=Goal.Status.IN_PROGRESS), "status") == "in Arbeit"
        kind = Gratitude.Kind.ACKNOWLEDGEMENT
        assert in_sentence(Gratitude(kind=kind), "kind") == "öffentliche Anerkennung"


def test_an_unknown_value_or_field_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        label_in_sentence(Relationship, "status", "nonsense")
    with pytest.raises(KeyError):
        label_in_sentence(Relationship, "channel", Relationship.Channel.VIDEO)

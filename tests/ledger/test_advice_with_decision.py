"""Advice and its decision in one service call: both are recorded, or neither."""

import datetime as dt

import pytest

from tribe.core.errors import ValidationError
from tribe.ledger import services
from tribe.ledger.errors import LedgerCode
from tribe.ledger.models import Advice
from tribe.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _record(rel: Relationship, now: dt.datetime, **kwargs: object) -> Advice:
    today = now.date()
    return services.advice_record(
        actor=rel.mentee,
        relationship=rel,
        text="Say no more often",
        given_on=today,
        today=today,
        **kwargs,  # type: ignore[arg-type]
    )


def test_advice_is_recorded_with_its_decision(maya_ravi: Relationship, now: dt.datetime) -> None:
    advice = _record(maya_ravi, now, decision="park", reason="after the launch")
    advice.refresh_from_db()
    assert (advice.decision, advice.reason) == (Advice.Decision.PARK, "after the launch")


def test_without_a_decision_it_waits_undecided(maya_ravi: Relationship, now: dt.datetime) -> None:
    assert _record(maya_ravi, now).decision == Advice.Decision.UNDECIDED


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"decision": "reject"}, "reason", LedgerCode.REASON_NEEDED.template),
        ({"decision": "maybe"}, "decision", None),
        ({"reason": "no decision"}, "reason", LedgerCode.REASON_WITHOUT_DECISION.template),
    ],
)
def test_a_refused_decision_leaves_no_advice_behind(
    maya_ravi: Relationship, now: dt.datetime, kwargs: dict, field: str, message: str | None
) -> None:
    with pytest.raises(ValidationError) as exc:
        _record(maya_ravi, now, **kwargs)
    assert exc.value.field == field
    assert message is None or exc.value.message == message
    assert not Advice.objects.exists()

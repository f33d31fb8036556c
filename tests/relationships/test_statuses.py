"""The status sets are defined once, and the constraints are built from them."""

from django.db.models import Q

from tribe.relationships.models import CLOSED_STATUSES, MET_STATUSES, Relationship

Status = Relationship.Status


def _constraint(name: str) -> object:
    return next(c for c in Relationship._meta.constraints if c.name == name)


def test_the_closed_statuses_are_ended_and_declined() -> None:
    assert set(CLOSED_STATUSES) == {Status.ENDED, Status.DECLINED}
    assert set(MET_STATUSES) == {Status.INTRO, Status.ACTIVE, Status.PAUSED, Status.ENDED}


def test_the_constraints_use_the_same_values() -> None:
    assert _constraint("relationship_status_valid").condition == Q(  # type: ignore[attr-defined]
        status__in=Status.values
    )
    for tag in ("pp", "pc", "cp"):
        unique = _constraint(f"relationship_unique_open_{tag}")
        assert unique.condition == ~Q(status__in=["ended", "declined"])  # type: ignore[attr-defined]
